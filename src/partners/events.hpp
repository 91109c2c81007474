// The duties of the partner mutuelle that happen on a date and in a place (CONV art. 2; PAR-05):
// information meetings for the population, office hours (permanences) in the commune's premises,
// information sessions for the commune's staff, and the presentation of the yearly report. Pure.
//
// Contract:
// - An event belongs to a convention (and so to its commune); it has a kind, a date, a start and
//   an end time ("HH:MM", 00:00-24:00, start before end), a place (required) and optionally a
//   room within it. It is `planned`, then `held` (with the number of attendees, when counted) or
//   `cancelled` (with a reason).
// - check_event(): the date lies within the convention's lifetime (signature .. end as things
//   stand); otherwise refused with PAR-05 (the mutuelle's duties run with the convention).
// - No double booking of a room (PAR-05): two events that are not cancelled, in the same commune,
//   at the same place and room (compared case-insensitively, spaces collapsed), on the same date,
//   whose times overlap (end is exclusive: 10:00-12:00 and 12:00-13:00 do not overlap) conflict;
//   room_conflict() returns the first conflicting event of `others`.
// - record_outcome(): a planned event becomes held (its date must be on or before `today`:
//   nothing is held in the future) or cancelled; a held or cancelled event is final (refused,
//   PAR-05). Attendees are counted people, 0-100000; no name is ever recorded.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"

namespace mutua {

enum class EventKind { kInformationMeeting, kOfficeHours, kStaffInformation, kAnnualReport };
// "information_meeting", "office_hours", "staff_information", "annual_report"
const char* to_string(EventKind kind);
std::optional<EventKind> parse_event_kind(std::string_view text);
// French, for the calendar and the report: "Réunion d'information", "Permanence", ...
const char* french_label(EventKind kind);

enum class EventStatus { kPlanned, kHeld, kCancelled };
const char* to_string(EventStatus status);  // "planned", "held", "cancelled"
std::optional<EventStatus> parse_event_status(std::string_view text);

struct PartnerEvent {
  int64_t id = 0;
  std::string convention_id;
  std::string commune;  // INSEE code of the convention's commune
  EventKind kind = EventKind::kInformationMeeting;
  Date date{};
  int start_minute = 0;  // minutes after midnight
  int end_minute = 0;
  std::string place;     // "Mairie de Saint-Chamond, avenue Antoine Pinet"
  std::string room;      // "Salle du conseil"; may be empty
  EventStatus status = EventStatus::kPlanned;
  std::optional<int> attendees;  // held events, when counted
  std::string notes;             // outcome notes or the reason of a cancellation
  Date recorded{};
  friend bool operator==(const PartnerEvent&, const PartnerEvent&) = default;
};

// "HH:MM" → minutes after midnight (00:00 to 24:00); a data error on `field` otherwise.
Result<int> parse_clock(std::string_view text, const std::string& field);
std::string format_clock(int minute);

// Checks times, place and date (see the contract). `convention_start` is its signature date,
// `convention_end` its end as things stand.
Status check_event(const PartnerEvent& event, Date convention_start, Date convention_end);

// The same room, on the same date, at overlapping times, neither cancelled (an event never
// conflicts with itself: same id).
bool conflicts(const PartnerEvent& a, const PartnerEvent& b);
std::optional<PartnerEvent> room_conflict(const PartnerEvent& event,
                                          const std::vector<PartnerEvent>& others);

// The event with its outcome recorded (see the contract).
Result<PartnerEvent> record_outcome(PartnerEvent event, EventStatus outcome,
                                    std::optional<int> attendees, const std::string& notes,
                                    Date today);

}  // namespace mutua

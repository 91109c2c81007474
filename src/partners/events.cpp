#include "partners/events.hpp"

#include <cstdio>

namespace mutua {

namespace {

struct KindName {
  EventKind kind;
  const char* code;
  const char* french;
};
constexpr KindName kKinds[] = {
    {EventKind::kInformationMeeting, "information_meeting", "Réunion d'information"},
    {EventKind::kOfficeHours, "office_hours", "Permanence"},
    {EventKind::kStaffInformation, "staff_information", "Information du personnel communal"},
    {EventKind::kAnnualReport, "annual_report", "Présentation du bilan annuel"},
};

struct StatusName {
  EventStatus status;
  const char* code;
};
constexpr StatusName kStatuses[] = {
    {EventStatus::kPlanned, "planned"},
    {EventStatus::kHeld, "held"},
    {EventStatus::kCancelled, "cancelled"},
};

}  // namespace

const char* to_string(EventKind kind) {
  for (const KindName& k : kKinds) {
    if (k.kind == kind) return k.code;
  }
  return "?";
}

std::optional<EventKind> parse_event_kind(std::string_view text) {
  for (const KindName& k : kKinds) {
    if (text == k.code) return k.kind;
  }
  return std::nullopt;
}

const char* french_label(EventKind kind) {
  for (const KindName& k : kKinds) {
    if (k.kind == kind) return k.french;
  }
  return "?";
}

const char* to_string(EventStatus status) {
  for (const StatusName& s : kStatuses) {
    if (s.status == status) return s.code;
  }
  return "?";
}

std::optional<EventStatus> parse_event_status(std::string_view text) {
  for (const StatusName& s : kStatuses) {
    if (text == s.code) return s.status;
  }
  return std::nullopt;
}

Result<int> parse_clock(std::string_view text, const std::string& field) {
  const auto digit = [&](size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() == 5 && digit(0) && digit(1) && text[2] == ':' && digit(3) && digit(4)) {
    const int hours = (text[0] - '0') * 10 + (text[1] - '0');
    const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    // 24:00 closes a day's last slot; nothing later exists.
    if (minutes < 60 && (hours < 24 || (hours == 24 && minutes == 0))) return hours * 60 + minutes;
  }
  return data_error("", 0, field,
                    "expected a time HH:MM from 00:00 to 24:00, got '" + std::string(text) + "'");
}

std::string format_clock(int minute) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// The form in which two places or rooms are compared: ASCII letters in lower case, no leading or
// trailing space, inner runs of white space as one space ("Salle  du Conseil " = "salle du
// conseil"). Accented letters are compared as written.
std::string comparable(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (char c : text) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool blank(std::string_view text) { return comparable(text).empty(); }

Status check_attendees(std::optional<int> attendees) {
  if (!attendees || (*attendees >= 0 && *attendees <= 100000)) return Status::success();
  return data_error("", 0, "--attendees",
                    "a headcount from 0 to 100000, got " + std::to_string(*attendees));
}

}  // namespace

Status check_event(const PartnerEvent& event, Date convention_start, Date convention_end) {
  if (event.start_minute < 0 || event.start_minute >= 24 * 60) {
    return data_error("", 0, "--start", "a start time from 00:00 to 23:59");
  }
  if (event.end_minute <= event.start_minute || event.end_minute > 24 * 60) {
    return data_error("", 0, "--end",
                      "the end (" + format_clock(event.end_minute) + ") must be after the start (" +
                          format_clock(event.start_minute) + ") and no later than 24:00");
  }
  if (blank(event.place)) return data_error("", 0, "--place", "required: where the event is held");
  if (Status s = check_attendees(event.attendees); !s) return s;
  if (event.date < convention_start || event.date > convention_end) {
    return rule_error("PAR-05", "the event's date " + format_date(event.date) +
                                    " is outside the convention's life (" +
                                    format_date(convention_start) + " to " +
                                    format_date(convention_end) + ")");
  }
  return Status::success();
}

bool conflicts(const PartnerEvent& a, const PartnerEvent& b) {
  // id 0 is an event not stored yet: two of them are different events.
  if (a.id != 0 && a.id == b.id) return false;
  if (a.status == EventStatus::kCancelled || b.status == EventStatus::kCancelled) return false;
  if (a.commune != b.commune || a.date != b.date) return false;
  // Half-open intervals: one event may start when the other ends.
  if (a.start_minute >= b.end_minute || b.start_minute >= a.end_minute) return false;
  return comparable(a.place) == comparable(b.place) && comparable(a.room) == comparable(b.room);
}

std::optional<PartnerEvent> room_conflict(const PartnerEvent& event,
                                          const std::vector<PartnerEvent>& others) {
  for (const PartnerEvent& other : others) {
    if (conflicts(event, other)) return other;
  }
  return std::nullopt;
}

Result<PartnerEvent> record_outcome(PartnerEvent event, EventStatus outcome,
                                    std::optional<int> attendees, const std::string& notes,
                                    Date today) {
  if (event.status != EventStatus::kPlanned) {
    return rule_error("PAR-05", std::string("the event is already ") + to_string(event.status) +
                                    ": its outcome is final");
  }
  if (outcome == EventStatus::kHeld) {
    if (event.date > today) {
      return rule_error("PAR-05", "an event dated " + format_date(event.date) +
                                      " cannot be held yet (today is " + format_date(today) + ")");
    }
    if (Status s = check_attendees(attendees); !s) return s.error();
  } else if (outcome == EventStatus::kCancelled) {
    if (attendees) return data_error("", 0, "--attendees", "a cancelled event has no attendees");
    if (blank(notes)) return data_error("", 0, "--notes", "required: why the event was cancelled");
  } else {
    return data_error("", 0, "--outcome", "expected held or cancelled");
  }
  event.status = outcome;
  event.attendees = attendees;
  if (!notes.empty()) event.notes = notes;
  return event;
}

}  // namespace mutua

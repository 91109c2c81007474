// The mutuelle's dated duties (PAR-05): information meetings and office hours in Saint-Chamond's
// premises under the seed convention (signed 2025-03-17, last possible end 2028-12-31).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "partners/events.hpp"

namespace mutua {
namespace {

Date d(const char* t) { return *parse_date(t); }

const Date kSigned = d("2025-03-17");
const Date kEnd = d("2028-12-31");

PartnerEvent meeting(int64_t id, const char* date, const char* start, const char* end,
                     const char* room = "Salle du conseil") {
  PartnerEvent e;
  e.id = id;
  e.convention_id = "CONV-42207-2025-1";
  e.commune = "42207";
  e.kind = EventKind::kInformationMeeting;
  e.date = d(date);
  e.start_minute = *parse_clock(start, "--start");
  e.end_minute = *parse_clock(end, "--end");
  e.place = "Mairie de Saint-Chamond";
  e.room = room;
  return e;
}

// PAR-05: times are HH:MM from 00:00 to 24:00.
TEST(Events, ClockPAR05) {
  EXPECT_EQ(*parse_clock("00:00", "--start"), 0);
  EXPECT_EQ(*parse_clock("09:30", "--start"), 570);
  EXPECT_EQ(*parse_clock("23:59", "--start"), 1439);
  EXPECT_EQ(*parse_clock("24:00", "--end"), 1440);
  for (const char* bad :
       {"24:01", "25:00", "9:30", "09h30", "09:60", "0930", "", "09:3", " 09:30"}) {
    auto r = parse_clock(bad, "--end");
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().field, "--end");
  }
  EXPECT_EQ(format_clock(0), "00:00");
  EXPECT_EQ(format_clock(570), "09:30");
  EXPECT_EQ(format_clock(1440), "24:00");
}

// PAR-05: an event has a place and a start before its end.
TEST(Events, CheckTimesAndPlacePAR05) {
  EXPECT_TRUE(check_event(meeting(0, "2025-05-12", "18:00", "20:00"), kSigned, kEnd));
  EXPECT_TRUE(check_event(meeting(0, "2025-05-12", "22:00", "24:00"), kSigned, kEnd));
  auto e = meeting(0, "2025-05-12", "18:00", "18:00");
  EXPECT_EQ(check_event(e, kSigned, kEnd).error().field, "--end");
  e.end_minute = 17 * 60;
  EXPECT_EQ(check_event(e, kSigned, kEnd).error().field, "--end");
  e = meeting(0, "2025-05-12", "18:00", "20:00");
  e.place = "   ";
  EXPECT_EQ(check_event(e, kSigned, kEnd).error().field, "--place");
  e = meeting(0, "2025-05-12", "18:00", "20:00", "");  // a room is optional
  EXPECT_TRUE(check_event(e, kSigned, kEnd));
  e.attendees = -1;
  EXPECT_EQ(check_event(e, kSigned, kEnd).error().field, "--attendees");
}

// PAR-05: the mutuelle's duties run with the convention: from its signature to its end.
TEST(Events, WithinTheConventionPAR05) {
  EXPECT_TRUE(check_event(meeting(0, "2025-03-17", "10:00", "12:00"), kSigned, kEnd));
  EXPECT_TRUE(check_event(meeting(0, "2028-12-31", "10:00", "12:00"), kSigned, kEnd));
  for (const char* outside : {"2025-03-16", "2029-01-01"}) {
    const Status s = check_event(meeting(0, outside, "10:00", "12:00"), kSigned, kEnd);
    ASSERT_FALSE(s) << outside;
    EXPECT_EQ(s.error().rule_id, "PAR-05");
  }
  // A convention ended early (a notice, a breach) ends the duties with it.
  const Status late =
      check_event(meeting(0, "2026-06-01", "10:00", "12:00"), kSigned, d("2026-05-10"));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().rule_id, "PAR-05");
}

// PAR-05: no double booking of a room; touching slots, other rooms, other dates, cancelled
// events and the event itself do not conflict.
TEST(Events, NoDoubleBookingPAR05) {
  const auto booked = meeting(1, "2025-05-12", "10:00", "12:00");
  EXPECT_TRUE(conflicts(booked, meeting(0, "2025-05-12", "11:00", "13:00")));
  EXPECT_TRUE(conflicts(booked, meeting(0, "2025-05-12", "09:00", "10:01")));
  EXPECT_TRUE(conflicts(booked, meeting(0, "2025-05-12", "10:30", "11:00")));   // inside
  EXPECT_TRUE(conflicts(booked, meeting(0, "2025-05-12", "08:00", "18:00")));   // around
  EXPECT_FALSE(conflicts(booked, meeting(0, "2025-05-12", "12:00", "13:00")));  // touching
  EXPECT_FALSE(conflicts(booked, meeting(0, "2025-05-12", "08:00", "10:00")));
  EXPECT_FALSE(conflicts(booked, meeting(0, "2025-05-12", "10:00", "12:00", "Salle 2")));
  EXPECT_FALSE(conflicts(booked, meeting(0, "2025-05-13", "10:00", "12:00")));
  EXPECT_FALSE(conflicts(booked, booked));  // itself (same id)
  auto cancelled = meeting(2, "2025-05-12", "10:00", "12:00");
  cancelled.status = EventStatus::kCancelled;
  EXPECT_FALSE(conflicts(booked, cancelled));
  EXPECT_FALSE(conflicts(cancelled, booked));
  auto other_place = meeting(0, "2025-05-12", "10:00", "12:00");
  other_place.place = "Centre social Lavieu";
  EXPECT_FALSE(conflicts(booked, other_place));
  auto other_commune = meeting(0, "2025-05-12", "10:00", "12:00");
  other_commune.commune = "42218";
  EXPECT_FALSE(conflicts(booked, other_commune));
  auto held = meeting(3, "2025-05-12", "11:00", "12:00");
  held.status = EventStatus::kHeld;
  EXPECT_TRUE(conflicts(booked, held));
}

// PAR-05: the same room written differently is the same room (ASCII case, spaces).
TEST(Events, SameRoomWrittenDifferentlyPAR05) {
  const auto booked = meeting(1, "2025-05-12", "10:00", "12:00");
  auto other = meeting(0, "2025-05-12", "11:00", "12:30", "  SALLE   du\tCONSEIL ");
  other.place = "mairie de saint-chamond ";
  EXPECT_TRUE(conflicts(booked, other));
  other.room = "Salle du conseil 2";
  EXPECT_FALSE(conflicts(booked, other));
  other.room = "Salleduconseil";  // spaces are collapsed, not removed
  EXPECT_FALSE(conflicts(booked, other));
}

// PAR-05: room_conflict() names the first conflicting event.
TEST(Events, RoomConflictPAR05) {
  auto cancelled = meeting(1, "2025-05-12", "10:00", "12:00");
  cancelled.status = EventStatus::kCancelled;
  const std::vector<PartnerEvent> calendar{cancelled, meeting(2, "2025-05-12", "08:00", "10:00"),
                                           meeting(3, "2025-05-12", "11:30", "12:30"),
                                           meeting(4, "2025-05-12", "10:30", "11:00")};
  const auto hit = room_conflict(meeting(0, "2025-05-12", "10:00", "12:00"), calendar);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->id, 3);
  EXPECT_FALSE(room_conflict(meeting(0, "2025-05-12", "12:30", "14:00"), calendar));
  // Moving event 3 itself: only the others count.
  EXPECT_EQ(room_conflict(meeting(3, "2025-05-12", "10:00", "12:00"), calendar)->id, 4);
  EXPECT_FALSE(room_conflict(meeting(3, "2025-05-12", "11:00", "13:00"), calendar));
}

// PAR-05: a planned event is held (not in the future) with a headcount, or cancelled with a
// reason; either is final.
TEST(Events, OutcomePAR05) {
  const auto planned = meeting(1, "2025-05-12", "18:00", "20:00");
  auto held =
      record_outcome(planned, EventStatus::kHeld, 23, "Questions sur la CSS", d("2025-05-12"));
  ASSERT_TRUE(held) << held.error().to_string();
  EXPECT_EQ(held->status, EventStatus::kHeld);
  EXPECT_EQ(held->attendees, 23);
  EXPECT_EQ(held->notes, "Questions sur la CSS");
  EXPECT_TRUE(record_outcome(planned, EventStatus::kHeld, std::nullopt, "", d("2025-06-01")));
  EXPECT_TRUE(record_outcome(planned, EventStatus::kHeld, 0, "", d("2025-06-01")));
  EXPECT_TRUE(record_outcome(planned, EventStatus::kHeld, 100000, "", d("2025-06-01")));
  EXPECT_EQ(record_outcome(planned, EventStatus::kHeld, 100001, "", d("2025-06-01")).error().field,
            "--attendees");
  EXPECT_EQ(record_outcome(planned, EventStatus::kHeld, -1, "", d("2025-06-01")).error().field,
            "--attendees");

  auto cancelled = record_outcome(planned, EventStatus::kCancelled, std::nullopt,
                                  "Salle indisponible", d("2025-05-01"));
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->status, EventStatus::kCancelled);
  EXPECT_EQ(cancelled->notes, "Salle indisponible");
  EXPECT_EQ(record_outcome(planned, EventStatus::kCancelled, std::nullopt, " ", d("2025-05-01"))
                .error()
                .field,
            "--notes");
  EXPECT_EQ(
      record_outcome(planned, EventStatus::kCancelled, 3, "Grève", d("2025-05-01")).error().field,
      "--attendees");
  EXPECT_EQ(record_outcome(planned, EventStatus::kPlanned, std::nullopt, "", d("2025-05-01"))
                .error()
                .field,
            "--outcome");

  // Final: no second outcome.
  for (const PartnerEvent& done : {*held, *cancelled}) {
    auto again = record_outcome(done, EventStatus::kCancelled, std::nullopt, "x", d("2025-06-01"));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().rule_id, "PAR-05");
  }
}

// PAR-05: nothing is held in the future.
TEST(Events, HeldInTheFutureRefusedPAR05) {
  const auto planned = meeting(1, "2025-05-12", "18:00", "20:00");
  auto early = record_outcome(planned, EventStatus::kHeld, 10, "", d("2025-05-11"));
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().rule_id, "PAR-05");
  // Cancelling ahead of time is what cancelling is for.
  EXPECT_TRUE(
      record_outcome(planned, EventStatus::kCancelled, std::nullopt, "Report", d("2025-05-11")));
}

// PAR-05: a conflict is symmetric and is exactly an overlap of half-open slots in one room.
RC_GTEST_PROP(Events, ConflictIsSymmetricOverlapPAR05, ()) {
  const int a_start = *rc::gen::inRange(0, 1439);
  const int a_end = *rc::gen::inRange(a_start + 1, 1441);
  const int b_start = *rc::gen::inRange(0, 1439);
  const int b_end = *rc::gen::inRange(b_start + 1, 1441);
  PartnerEvent a = meeting(1, "2025-05-12", "00:00", "24:00");
  PartnerEvent b = meeting(2, "2025-05-12", "00:00", "24:00", " salle DU conseil");
  a.start_minute = a_start;
  a.end_minute = a_end;
  b.start_minute = b_start;
  b.end_minute = b_end;
  RC_ASSERT(conflicts(a, b) == conflicts(b, a));
  RC_ASSERT(conflicts(a, b) == (a_start < b_end && b_start < a_end));
}

// PAR-05: kinds and statuses round-trip through their codes.
TEST(Events, CodesPAR05) {
  for (EventKind k : {EventKind::kInformationMeeting, EventKind::kOfficeHours,
                      EventKind::kStaffInformation, EventKind::kAnnualReport}) {
    EXPECT_EQ(parse_event_kind(to_string(k)), k);
  }
  for (EventStatus s : {EventStatus::kPlanned, EventStatus::kHeld, EventStatus::kCancelled}) {
    EXPECT_EQ(parse_event_status(to_string(s)), s);
  }
  EXPECT_FALSE(parse_event_kind("meeting"));
  EXPECT_STREQ(french_label(EventKind::kOfficeHours), "Permanence");
}

}  // namespace
}  // namespace mutua

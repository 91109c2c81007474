// The annual call as the notice of the tacit renewal (L221-10-1, "loi Chatel"): the last day to
// resign it states, late calls (DEM-07), calls without it (DEM-08); the resignation notified by
// the new insurer (DEM-09, L221-10-2) and the 30-day refund deadline (DEM-10). "effective" of a
// resignation is the last day of cover.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "members/lifecycle.hpp"
#include "members/renewal_notice.hpp"

namespace mutua {
namespace {

Date d(const char* text) { return *parse_date(text); }

// Contract C1, adhesion on `start`.
Contract contract(const char* start) {
  Contract c;
  c.id = "C1";
  c.product = "LABEL2";
  Beneficiary m;
  m.id = "M1";
  m.role = Role::kMember;
  m.birth_date = d("1980-01-01");
  m.start_date = d(start);
  c.beneficiaries.push_back(m);
  return c;
}

// The call for `year`, sent on `sent`, stating 31 October before unless `stated` is false.
CallSending call(int year, const char* sent, bool stated = true) {
  CallSending c;
  c.contract_id = "C1";
  c.year = year;
  c.sent = d(sent);
  c.channel = SendChannel::kPost;
  if (stated) c.last_day = renewal_resignation_deadline(year);
  c.recorded = d(sent);
  return c;
}

ResignationRequest annual(const char* received, const char* sent = nullptr) {
  ResignationRequest r;
  r.kind = ResignationKind::kAnnual;
  r.received = d(received);
  if (sent) r.sent = d(sent);
  return r;
}

// DEM-01, DEM-07: the renewal of 1 January 2027 is resigned by 31 October 2026 (two months
// before 31 December 2026). 31 October - 15 days = 16 October: a call sent on 16 October is in
// time (15 days before), on 17 October late (14 days before), on 1 December late (after it).
TEST(RenewalNotice, DEM_07_LastDayAndFifteenDays) {
  EXPECT_EQ(renewal_resignation_deadline(2027), d("2026-10-31"));
  EXPECT_FALSE(renewal_notice_late(d("2026-10-16"), d("2026-10-31")));
  EXPECT_TRUE(renewal_notice_late(d("2026-10-17"), d("2026-10-31")));
  EXPECT_TRUE(renewal_notice_late(d("2026-12-01"), d("2026-10-31")));
  // Late: 20 days from the sending date, the sending day being day 0: 1 December + 20 = 21
  // December.
  RenewalNotice late = renewal_notice(call(2027, "2026-12-01"));
  EXPECT_EQ(late.window, RenewalWindow::kTwentyDays);
  EXPECT_EQ(late.until, d("2026-12-21"));
  EXPECT_EQ(renewal_notice(call(2027, "2026-10-01")).window, RenewalWindow::kNone);
  EXPECT_EQ(renewal_notice(call(2027, "2026-10-01", false)).window, RenewalWindow::kAnyTime);
  EXPECT_EQ(parse_send_channel("registered_post"), SendChannel::kRegisteredPost);
  EXPECT_FALSE(parse_send_channel("pigeon").has_value());
}

// DEM-01: the letter counts by its sending date when known: sent 31 October 2026, received
// 3 November → effective 31 December 2026; the same letter without --sent is refused.
TEST(RenewalNotice, DEM_01_SentDateCounts) {
  Contract c = contract("2025-03-01");
  auto by_sent = decide_resignation(c, {}, annual("2026-11-03", "2026-10-31"));
  ASSERT_TRUE(by_sent.ok()) << by_sent.error().to_string();
  EXPECT_EQ(by_sent->effective, d("2026-12-31"));
  EXPECT_EQ(by_sent->rule, "DEM-01");
  auto by_receipt = decide_resignation(c, {}, annual("2026-11-03"));
  ASSERT_FALSE(by_receipt.ok());
  EXPECT_EQ(by_receipt.error().rule_id, "DEM-01");
  // A letter cannot be sent after it was received.
  auto reversed = decide_resignation(c, {}, annual("2026-11-03", "2026-11-04"));
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.error().field, "--sent");
}

// DEM-07: the call for 2027 sent on 1 December 2026 (after 31 October): 20 days, until
// 21 December. A letter sent 21 December → not renewed: effective 31 December 2026. Sent 22
// December → refused (DEM-01, naming the window). Without a recorded call the same letter of
// 10 December is refused (before issue 15: always refused).
TEST(RenewalNotice, DEM_07_LateCallGivesTwentyDaysBeforeTheDueDate) {
  Contract c = contract("2025-03-01");
  std::vector<CallSending> calls{call(2027, "2026-12-01")};
  auto in = decide_resignation(c, {}, annual("2026-12-23", "2026-12-21"), calls);
  ASSERT_TRUE(in.ok()) << in.error().to_string();
  EXPECT_EQ(in->effective, d("2026-12-31"));
  EXPECT_EQ(in->rule, "DEM-07");
  auto out = decide_resignation(c, {}, annual("2026-12-23", "2026-12-22"), calls);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().rule_id, "DEM-01");
  EXPECT_NE(out.error().message.find("until 2026-12-21"), std::string::npos);
  EXPECT_FALSE(decide_resignation(c, {}, annual("2026-12-12", "2026-12-10")).ok());
}

// DEM-07: the call for 2027 sent on 20 December 2026: 20 days until 9 January 2027. A letter
// sent 5 January 2027 (after the renewal date) → effective the day after it was sent, 6 January
// 2027. Sent 10 January → refused: in 2027 the next annual date is 31 December 2027 (DEM-01:
// effective 31 December 2027 is what an annual letter of 10 January gets).
TEST(RenewalNotice, DEM_07_WindowAfterTheRenewalDate) {
  Contract c = contract("2025-03-01");
  std::vector<CallSending> calls{call(2027, "2026-12-20")};
  auto in = decide_resignation(c, {}, annual("2027-01-07", "2027-01-05"), calls);
  ASSERT_TRUE(in.ok()) << in.error().to_string();
  EXPECT_EQ(in->effective, d("2027-01-06"));
  EXPECT_EQ(in->rule, "DEM-07");
  auto later = decide_resignation(c, {}, annual("2027-01-12", "2027-01-10"), calls);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->rule, "DEM-01");
  EXPECT_EQ(later->effective, d("2027-12-31"));
}

// DEM-08: the call for 2027 stated no last day: from the renewal date, 1 January 2027, a letter
// sent at any time ends the adhesion the day after it was sent: sent 14 March 2027 → 15 March
// 2027 (before: 31 December 2027). Before the renewal date (sent 15 November 2026) it is still
// an ordinary late annual letter: refused DEM-01, the message naming DEM-08.
TEST(RenewalNotice, DEM_08_NotStatedAnyTimeFromRenewal) {
  Contract c = contract("2025-03-01");
  std::vector<CallSending> calls{call(2027, "2026-12-01", false)};
  auto any = decide_resignation(c, {}, annual("2027-03-16", "2027-03-14"), calls);
  ASSERT_TRUE(any.ok()) << any.error().to_string();
  EXPECT_EQ(any->effective, d("2027-03-15"));
  EXPECT_EQ(any->rule, "DEM-08");
  auto before = decide_resignation(c, {}, annual("2026-11-17", "2026-11-15"), calls);
  ASSERT_FALSE(before.ok());
  EXPECT_NE(before.error().message.find("DEM-08"), std::string::npos);
}

// DEM-07/08 concern renewals only: an adhesion starting on 1 January 2027 was not renewed then,
// so its call for 2027 (sent without the last day) gives nothing: a letter sent 14 March 2027 is
// an annual one for 31 December 2027 (DEM-01).
TEST(RenewalNotice, DEM_08_FirstYearIsNotARenewal) {
  Contract c = contract("2027-01-01");
  std::vector<CallSending> calls{call(2027, "2026-12-01", false)};
  auto r = decide_resignation(c, {}, annual("2027-03-16", "2027-03-14"), calls);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rule, "DEM-01");
  EXPECT_EQ(r->effective, d("2027-12-31"));
}

ResignationRequest by_insurer(const char* received, const char* insurer = "Mutuelle Nouvelle") {
  ResignationRequest r;
  r.kind = ResignationKind::kNewInsurer;
  r.received = d(received);
  r.new_insurer = insurer;
  return r;
}

// DEM-09 (L221-10-2): adhesion 2025-03-01; the new insurer's notification received 2026-04-10
// (after the first year) → effective one month later, 2026-05-10. Received 2026-02-27 (first
// year) → refused DEM-02. Without the insurer's name → data error. Before 2020-12-01 the rule
// did not exist: refused DEM-09.
TEST(Resignation, DEM_09_NewInsurerOneMonthAfterNotification) {
  Contract c = contract("2025-03-01");
  auto ok = decide_resignation(c, {}, by_insurer("2026-04-10"));
  ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  EXPECT_EQ(ok->effective, d("2026-05-10"));
  EXPECT_EQ(ok->rule, "DEM-09");
  EXPECT_NE(ok->why.find("Mutuelle Nouvelle"), std::string::npos);
  auto early = decide_resignation(c, {}, by_insurer("2026-02-27"));
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().rule_id, "DEM-02");
  auto nameless = decide_resignation(c, {}, by_insurer("2026-04-10", ""));
  ASSERT_FALSE(nameless.ok());
  EXPECT_EQ(nameless.error().field, "--insurer");
  auto old = decide_resignation(contract("2018-01-01"), {}, by_insurer("2020-11-30"));
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().rule_id, "DEM-09");
  EXPECT_EQ(parse_resignation_kind("new-insurer"), ResignationKind::kNewInsurer);
}

// DEM-10: refund within 30 days of the effect for the L221-10-1/L221-10-2 resignations:
// effective 2026-05-10 + 30 days = 2026-06-09. DEM-01 (31 December) and radiations: none.
TEST(Resignation, DEM_10_RefundDeadlineThirtyDays) {
  Termination t;
  t.rule = "DEM-09";
  t.effective = d("2026-05-10");
  EXPECT_EQ(refund_deadline(t), d("2026-06-09"));
  t.rule = "DEM-08";
  t.effective = d("2027-03-15");  // + 30 days: 16 (rest of March) + 14 = 2027-04-14
  EXPECT_EQ(refund_deadline(t), d("2027-04-14"));
  t.rule = "DEM-01";
  EXPECT_FALSE(refund_deadline(t).has_value());
  t.rule = "CES-02";
  EXPECT_FALSE(refund_deadline(t).has_value());
}

// DEM-11: the 2026 call issued by the billing run of 2025-12-01, today 2025-12-02. Sent on
// 2024-01-01 it would state 2025-10-31 more than 15 days ahead (669 days) and so look in time,
// taking away the 20 days to 2025-12-21 a sending on 2025-12-01 gives: refused (--sent, naming
// the issue date); 2025-12-03 is after today: refused; 2025-12-01 and 2025-12-02 are accepted.
TEST(RenewalNotice, DEM_11_SendingBetweenIssueAndToday) {
  Status before = check_sending_date(d("2024-01-01"), d("2025-12-01"), d("2025-12-02"));
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().field, "--sent");
  EXPECT_TRUE(before.error().rule_id.empty());  // bad input: exit 3
  EXPECT_NE(before.error().message.find("2025-12-01"), std::string::npos);
  Status after = check_sending_date(d("2025-12-03"), d("2025-12-01"), d("2025-12-02"));
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().field, "--sent");
  EXPECT_TRUE(check_sending_date(d("2025-12-01"), d("2025-12-01"), d("2025-12-02")).ok());
  EXPECT_TRUE(check_sending_date(d("2025-12-02"), d("2025-12-01"), d("2025-12-02")).ok());
}

// DEM-11: a correction may not shorten the member's window. Recorded on 2025-12-01, stated: late
// (2025-10-31 passed), 20 days to 2025-12-01 + 20 = 2025-12-21. The same sending recorded again
// (on another day) is the same. 2025-12-02 gives 20 days to 2025-12-22 >= 12-21: allowed; back
// from 2025-12-02 to 2025-12-01 (12-21 < 12-22) or to no statement (DEM-08 instead of 20
// days) shortens it: refused DEM-11. A call in time (2025-10-01: 30 days before 31 October,
// DEM-01 only) may be corrected to anything; "any time" (DEM-08) only to "any time".
TEST(RenewalNotice, DEM_11_CorrectionMayNotShortenTheWindow) {
  CallSending recorded = call(2026, "2025-12-01");
  CallSending again = recorded;
  again.recorded = d("2025-12-05");
  EXPECT_TRUE(same_sending(recorded, again));
  CallSending later = call(2026, "2025-12-02");
  EXPECT_EQ(renewal_notice(later).until, d("2025-12-22"));
  EXPECT_FALSE(shortens_window(recorded, later));
  EXPECT_TRUE(check_sending_correction(recorded, later).ok());
  EXPECT_TRUE(shortens_window(later, recorded));
  Status refused = check_sending_correction(later, recorded);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().rule_id, "DEM-11");
  EXPECT_NE(refused.error().message.find("2025-12-22"), std::string::npos);
  CallSending not_stated = call(2026, "2025-12-01", false);
  EXPECT_TRUE(shortens_window(recorded, not_stated));
  EXPECT_TRUE(shortens_window(not_stated, recorded));
  EXPECT_FALSE(shortens_window(not_stated, call(2026, "2025-12-02", false)));
  CallSending in_time = call(2026, "2025-10-01");
  EXPECT_FALSE(shortens_window(in_time, recorded));
  EXPECT_FALSE(shortens_window(in_time, not_stated));
  CallSending by_email = recorded;
  by_email.channel = SendChannel::kEmail;
  EXPECT_FALSE(same_sending(recorded, by_email));
  EXPECT_FALSE(shortens_window(recorded, by_email));
}

// A notice cannot be received or sent after the business date: received 2026-03-09 with today
// 2026-03-03 (anytime) and received 2025-12-06 / sent 2025-12-05 with today 2025-12-03 are
// refused naming --received; sent 2025-12-05 received 2025-12-05 today 2025-12-05 is accepted
// (DEM-07 case: the 2026 call sent late on 2025-12-01, letter within its 20 days → 2025-12-31).
TEST(Resignation, DEM_07_NoticeNotAfterTheBusinessDate) {
  Contract c = contract("2024-01-01");
  ResignationRequest anytime;
  anytime.kind = ResignationKind::kAnytime;
  anytime.received = d("2026-03-09");
  anytime.today = d("2026-03-03");
  auto refused = decide_resignation(c, {}, anytime, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "--received");
  ResignationRequest future = annual("2025-12-06", "2025-12-05");
  future.today = d("2025-12-03");
  auto also = decide_resignation(c, {}, future, {call(2026, "2025-12-01")});
  ASSERT_FALSE(also.ok());
  EXPECT_EQ(also.error().field, "--received");
  ResignationRequest now = annual("2025-12-05", "2025-12-05");
  now.today = d("2025-12-05");
  auto ok = decide_resignation(c, {}, now, {call(2026, "2025-12-01")});
  ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  EXPECT_EQ(ok->rule, "DEM-07");
  EXPECT_EQ(ok->effective, d("2025-12-31"));
}

}  // namespace
}  // namespace mutua

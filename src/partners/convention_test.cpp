// Convention terms (PAR-02, PAR-03, PAR-04): the seed's convention, signed and in effect on
// 2025-03-17 in Saint-Chamond.
#include <gtest/gtest.h>

#include "partners/convention.hpp"

namespace mutua {
namespace {

Date d(const char* t) { return *parse_date(t); }

ConventionTerms seed() {
  ConventionTerms t;
  t.signed_on = d("2025-03-17");
  t.effect = d("2025-03-17");
  return t;
}

// PAR-02: first term to 31 December of the effect year, three tacit renewals at most.
TEST(Convention, SeedTermsPAR02) {
  const auto t = seed();
  EXPECT_EQ(term_end(t, 0), d("2025-12-31"));
  EXPECT_EQ(term_end(t, 3), d("2028-12-31"));
  auto s = convention_state(t, {}, {}, d("2025-06-01"));
  EXPECT_EQ(s.status, "active");
  EXPECT_EQ(s.current_term_end, d("2025-12-31"));
  EXPECT_EQ(s.renewals_left, 3);
  EXPECT_EQ(s.final_end, d("2028-12-31"));
  auto later = convention_state(t, {}, {}, d("2027-02-01"));
  EXPECT_EQ(later.current_term_end, d("2027-12-31"));
  EXPECT_EQ(later.renewals_done, 2);
  EXPECT_EQ(later.renewals_left, 1);
  auto last = convention_state(t, {}, {}, d("2028-06-01"));
  EXPECT_EQ(last.renewals_left, 0);
  EXPECT_FALSE(last.notice_deadline.has_value());  // no renewal left to refuse
  EXPECT_EQ(convention_state(t, {}, {}, d("2029-01-01")).status, "ended");
  EXPECT_EQ(convention_state(t, {}, {}, d("2025-03-16")).status, "not_in_force");
}

// PAR-03: each term's notice deadline is two months before it (31 October), inclusive.
TEST(Convention, NoticeDeadlinesPAR03) {
  const auto t = seed();
  for (int k = 0; k < 3; ++k) {
    auto s = convention_state(t, {}, {}, d(("202" + std::to_string(5 + k) + "-06-01").c_str()));
    ASSERT_TRUE(s.notice_deadline);
    EXPECT_EQ(*s.notice_deadline, d(("202" + std::to_string(5 + k) + "-10-31").c_str()));
  }
  // Received on the deadline: ends at that term. One day late: at the next one.
  auto in_time =
      convention_state(t, {{d("2026-10-20"), d("2026-10-31"), "commune"}}, {}, d("2026-11-02"));
  EXPECT_EQ(in_time.status, "not_renewed");
  EXPECT_EQ(in_time.ends_on, d("2026-12-31"));
  auto late =
      convention_state(t, {{d("2026-10-30"), d("2026-11-01"), "commune"}}, {}, d("2026-11-02"));
  EXPECT_EQ(late.ends_on, d("2027-12-31"));
  EXPECT_EQ(
      convention_state(t, {{d("2026-10-20"), d("2026-10-31"), "x"}}, {}, d("2027-01-01")).status,
      "ended");
}

// PAR-03: an alert while the deadline is 30 days away or closer, without a notice.
TEST(Convention, AlertBeforeTheDeadlinePAR03) {
  const auto t = seed();
  EXPECT_TRUE(convention_state(t, {}, {}, d("2025-09-30")).alerts.empty());
  EXPECT_EQ(convention_state(t, {}, {}, d("2025-10-01")).alerts.size(), 1u);
  EXPECT_EQ(convention_state(t, {}, {}, d("2025-10-31")).alerts.size(), 1u);
  EXPECT_TRUE(convention_state(t, {}, {}, d("2025-11-01")).alerts.empty());
}

// PAR-04: 30 days to remedy after the formal notice; then the complaining party may terminate
// with one month's notice. The termination is the party's choice: never automatic.
TEST(Convention, BreachPAR04) {
  const auto t = seed();
  std::vector<BreachNotice> b{{d("2026-03-02"), std::nullopt, "commune"}};
  auto running = convention_state(t, {}, b, d("2026-04-01"));  // day 30: still time to remedy
  EXPECT_EQ(running.status, "active");
  ASSERT_EQ(running.alerts.size(), 1u);
  EXPECT_NE(running.alerts[0].find("must be remedied by 2026-04-01"), std::string::npos);
  // Day 31 without remedy: still in force, the end unchanged, an alert offers the termination.
  auto unremedied = convention_state(t, {}, b, d("2026-04-02"));
  EXPECT_EQ(unremedied.status, "active");
  EXPECT_EQ(unremedied.ends_on, d("2028-12-31"));
  ASSERT_EQ(unremedied.alerts.size(), 1u);
  EXPECT_NE(unremedied.alerts[0].find("may terminate"), std::string::npos);
  EXPECT_EQ(convention_state(t, {}, b, d("2026-09-01")).status, "active");
  // Once the termination is notified: it ends a month later.
  b[0].termination_notified = d("2026-04-10");
  auto terminating = convention_state(t, {}, b, d("2026-04-10"));
  EXPECT_EQ(terminating.status, "terminating");
  EXPECT_EQ(terminating.ends_on, d("2026-05-10"));
  EXPECT_FALSE(terminating.notice_deadline.has_value());
  EXPECT_FALSE(terminating.next_notice_deadline.has_value());
  EXPECT_TRUE(terminating.alerts.empty());
  EXPECT_EQ(convention_state(t, {}, b, d("2026-05-10")).status, "terminating");
  EXPECT_EQ(convention_state(t, {}, b, d("2026-05-11")).status, "ended");
  // A breach remedied in time changes nothing, whatever else was recorded.
  b[0].remedied = d("2026-03-20");
  auto remedied = convention_state(t, {}, b, d("2026-06-01"));
  EXPECT_EQ(remedied.status, "active");
  EXPECT_EQ(remedied.ends_on, d("2028-12-31"));
  EXPECT_TRUE(remedied.alerts.empty());
}

// PAR-03: the next deadline a notice can still meet; none in the last term (PAR-02).
TEST(Convention, NextNoticeDeadlinePAR03) {
  const auto t = seed();
  auto before = convention_state(t, {}, {}, d("2025-10-31"));
  EXPECT_EQ(*before.notice_deadline, d("2025-10-31"));
  EXPECT_EQ(*before.next_notice_deadline, d("2025-10-31"));
  // The current term's deadline has passed: the next one is the following year's.
  auto after = convention_state(t, {}, {}, d("2025-11-15"));
  EXPECT_EQ(*after.notice_deadline, d("2025-10-31"));
  EXPECT_EQ(*after.next_notice_deadline, d("2026-10-31"));
  EXPECT_EQ(*convention_state(t, {}, {}, d("2027-11-01")).notice_deadline, d("2027-10-31"));
  EXPECT_FALSE(convention_state(t, {}, {}, d("2027-11-01")).next_notice_deadline.has_value());
  auto last = convention_state(t, {}, {}, d("2028-03-01"));
  EXPECT_FALSE(last.notice_deadline.has_value());
  EXPECT_FALSE(last.next_notice_deadline.has_value());
  // Once a notice ends it, there is nothing left to refuse.
  auto noticed =
      convention_state(t, {{d("2025-09-01"), d("2025-09-03"), "mutuelle"}}, {}, d("2025-09-10"));
  EXPECT_EQ(noticed.status, "not_renewed");
  EXPECT_FALSE(noticed.next_notice_deadline.has_value());
}

NonRenewalNotice notice(const char* sent, const char* received) {
  return NonRenewalNotice{d(sent), d(received), "commune"};
}

// PAR-03: a notice received by a deadline may be recorded.
TEST(Convention, CheckNoticeAcceptedPAR03) {
  const auto t = seed();
  EXPECT_TRUE(check_notice(t, {}, {}, notice("2025-10-20", "2025-10-31")));
  EXPECT_TRUE(check_notice(t, {}, {}, notice("2025-10-30", "2025-11-02")));  // ends in 2026
  EXPECT_TRUE(check_notice(t, {}, {}, notice("2027-10-01", "2027-10-31")));
  // An earlier end than a notice already given still changes the end.
  EXPECT_TRUE(check_notice(t, {notice("2026-11-01", "2026-11-03")}, {},
                           notice("2026-06-01", "2026-06-03")));
}

// PAR-02: in the last term the convention ends anyway: no notice to record.
TEST(Convention, CheckNoticeLastTermPAR02) {
  const auto t = seed();
  for (const char* received : {"2027-11-01", "2028-03-01", "2028-10-31"}) {
    const Status s = check_notice(t, {}, {}, notice("2027-10-30", received));
    ASSERT_FALSE(s) << received;
    EXPECT_EQ(s.error().rule_id, "PAR-02") << received;
  }
}

// PAR-03: refused when a notice already ends the convention at or before that term, and after
// the end.
TEST(Convention, CheckNoticeAlreadyNotRenewedPAR03) {
  const auto t = seed();
  const std::vector<NonRenewalNotice> given{notice("2026-04-28", "2026-05-01")};
  const Status again = check_notice(t, given, {}, notice("2026-05-30", "2026-06-01"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().rule_id, "PAR-03");
  const Status later = check_notice(t, given, {}, notice("2026-10-30", "2026-11-02"));
  ASSERT_FALSE(later);
  EXPECT_EQ(later.error().rule_id, "PAR-03");
  const Status ended = check_notice(t, given, {}, notice("2027-01-20", "2027-02-01"));
  ASSERT_FALSE(ended);
  EXPECT_EQ(ended.error().rule_id, "PAR-03");
  // After the final end too.
  const Status after_final = check_notice(t, {}, {}, notice("2029-01-20", "2029-02-01"));
  ASSERT_FALSE(after_final);
  EXPECT_EQ(after_final.error().rule_id, "PAR-03");
}

// PAR-03: dates of the registered letter: received on or after sent, sent after the signature.
TEST(Convention, CheckNoticeDatesPAR03) {
  const auto t = seed();
  const Status backwards = check_notice(t, {}, {}, notice("2025-10-20", "2025-10-19"));
  ASSERT_FALSE(backwards);
  EXPECT_TRUE(backwards.error().rule_id.empty());
  EXPECT_EQ(backwards.error().field, "--received");
  const Status before_signature = check_notice(t, {}, {}, notice("2025-03-16", "2025-03-18"));
  ASSERT_FALSE(before_signature);
  EXPECT_EQ(before_signature.error().field, "--sent");
}

// PAR-04: no termination while the 30 days run, none after a remedy in time; after them, the
// termination ends the convention on its notification + 1 month.
TEST(Convention, CheckBreachTerminationPAR04) {
  const auto t = seed();
  BreachNotice breach{d("2026-03-02"), std::nullopt, "commune"};
  const Status early = check_breach_termination(t, {}, {breach}, breach, d("2026-04-01"));
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().rule_id, "PAR-04");
  EXPECT_TRUE(check_breach_termination(t, {}, {breach}, breach, d("2026-04-02")));

  BreachNotice remedied = breach;
  remedied.remedied = d("2026-04-01");  // the last day
  const Status in_time = check_breach_termination(t, {}, {remedied}, remedied, d("2026-04-15"));
  ASSERT_FALSE(in_time);
  EXPECT_EQ(in_time.error().rule_id, "PAR-04");

  breach.termination_notified = d("2026-04-02");
  const auto s = convention_state(t, {}, {breach}, d("2026-04-02"));
  EXPECT_EQ(s.status, "terminating");
  EXPECT_EQ(s.ends_on, d("2026-05-02"));
  // Notified once only.
  const Status twice = check_breach_termination(t, {}, {breach}, breach, d("2026-04-20"));
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().rule_id, "PAR-04");
}

// PAR-04: a convention already ended cannot be terminated.
TEST(Convention, CheckBreachTerminationAfterTheEndPAR04) {
  const auto t = seed();
  const BreachNotice breach{d("2028-11-20"), std::nullopt, "mutuelle"};
  EXPECT_TRUE(check_breach_termination(t, {}, {breach}, breach, d("2028-12-31")));
  const Status after = check_breach_termination(t, {}, {breach}, breach, d("2029-01-02"));
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().rule_id, "PAR-04");
}

}  // namespace
}  // namespace mutua

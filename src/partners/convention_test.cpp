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
  auto in_time = convention_state(t, {{d("2026-10-20"), d("2026-10-31"), "commune"}}, {}, d("2026-11-02"));
  EXPECT_EQ(in_time.status, "not_renewed");
  EXPECT_EQ(in_time.ends_on, d("2026-12-31"));
  auto late = convention_state(t, {{d("2026-10-30"), d("2026-11-01"), "commune"}}, {}, d("2026-11-02"));
  EXPECT_EQ(late.ends_on, d("2027-12-31"));
  EXPECT_EQ(convention_state(t, {{d("2026-10-20"), d("2026-10-31"), "x"}}, {}, d("2027-01-01")).status,
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

// PAR-04: 30 days to remedy after the formal notice, then one month's notice.
TEST(Convention, BreachPAR04) {
  const auto t = seed();
  std::vector<BreachNotice> b{{d("2026-03-02"), std::nullopt, "commune"}};
  auto running = convention_state(t, {}, b, d("2026-04-01"));  // day 30: still time to remedy
  EXPECT_EQ(running.status, "active");
  EXPECT_EQ(running.alerts.size(), 1u);
  auto terminating = convention_state(t, {}, b, d("2026-04-02"));
  EXPECT_EQ(terminating.status, "terminating");
  EXPECT_EQ(terminating.ends_on, d("2026-05-01"));
  EXPECT_EQ(convention_state(t, {}, b, d("2026-05-02")).status, "ended");
  b[0].remedied = d("2026-03-20");
  EXPECT_EQ(convention_state(t, {}, b, d("2026-06-01")).status, "active");
}

}  // namespace
}  // namespace mutua

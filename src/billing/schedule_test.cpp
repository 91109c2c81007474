// Instalment schedules (BIL-01, BIL-02, ADH-02, TAR-08).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "billing/schedule.hpp"
#include "rating/rating_test_support.hpp"

namespace mutua {
namespace {

using testing::contract;
using testing::d;
using testing::eur;
using testing::params;
using testing::person;
using testing::product;

std::vector<Instalment> schedule_of(const Contract& c, PaymentFrequency f, int year = 2026) {
  auto rate = rate_contract(c, product(), year, params());
  EXPECT_TRUE(rate.ok()) << rate.error().message;
  return build_schedule(c, *rate, f);
}

// BIL-02: a full year, each frequency: periods due on their first day, amounts of their months.
TEST(Schedule, FullYearEachFrequencyBIL02) {
  Contract c = contract("1990-04-10", "2025-01-01");  // 2026 tariff age 36: 42.10 a month
  auto monthly = schedule_of(c, PaymentFrequency::kMonthly);
  ASSERT_EQ(monthly.size(), 12u);
  EXPECT_EQ(monthly[0].due, d("2026-01-01"));
  EXPECT_EQ(monthly[11].due, d("2026-12-01"));
  EXPECT_EQ(monthly[11].to, d("2026-12-31"));
  for (const auto& i : monthly) EXPECT_EQ(i.amount, eur("42.10"));

  auto quarterly = schedule_of(c, PaymentFrequency::kQuarterly);
  ASSERT_EQ(quarterly.size(), 4u);
  EXPECT_EQ(quarterly[1].due, d("2026-04-01"));
  EXPECT_EQ(quarterly[1].to, d("2026-06-30"));
  EXPECT_EQ(quarterly[1].amount, eur("126.30"));

  auto half = schedule_of(c, PaymentFrequency::kHalfYearly);
  ASSERT_EQ(half.size(), 2u);
  EXPECT_EQ(half[1].due, d("2026-07-01"));
  EXPECT_EQ(half[1].amount, eur("252.60"));

  auto yearly = schedule_of(c, PaymentFrequency::kYearly);
  ASSERT_EQ(yearly.size(), 1u);
  EXPECT_EQ(yearly[0].due, d("2026-01-01"));
  EXPECT_EQ(yearly[0].amount, eur("505.20"));
}

// ADH-02, BIL-02: a start on 15 March pays from its start; the first quarter holds the prorated
// March (42.10 × 17/31 = 23.09, one rounding, TAR-08) and is due on the start day.
TEST(Schedule, MidYearStartDueOnFirstCoveredDayADH02) {
  Contract c = contract("1990-04-10", "2026-03-15");
  auto q = schedule_of(c, PaymentFrequency::kQuarterly);
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0].due, d("2026-03-15"));
  EXPECT_EQ(q[0].from, d("2026-01-01"));
  EXPECT_EQ(q[0].amount, eur("23.09"));
  EXPECT_EQ(q[1].due, d("2026-04-01"));
  auto m = schedule_of(c, PaymentFrequency::kMonthly);
  ASSERT_EQ(m.size(), 10u);
  EXPECT_EQ(m[0].period, 3);
  EXPECT_EQ(m[0].amount, eur("23.09"));
}

// BIL-06, ADH-02: an end on 10 May stops the schedule after May; May is prorated.
TEST(Schedule, MidYearEndBIL06) {
  Contract c = contract("1990-04-10", "2025-01-01");
  c.beneficiaries[0].end_date = d("2026-05-10");
  auto m = schedule_of(c, PaymentFrequency::kMonthly);
  ASSERT_EQ(m.size(), 5u);
  EXPECT_EQ(m[4].amount, eur("13.58"));  // 42.10 × 10/31 = 13.580…
  auto y = schedule_of(c, PaymentFrequency::kYearly);
  EXPECT_EQ(y[0].amount, eur("42.10") * 4 + eur("13.58"));
}

// BIL-02 property: whatever the persons, dates and frequency, the instalments sum exactly to the
// annual amount, never overlap, and each is due inside its period.
RC_GTEST_PROP(ScheduleProperty, InstalmentsSumToAnnualBIL02, ()) {
  const int start_day = *rc::gen::inRange(0, 365);
  const int length = *rc::gen::inRange(1, 800);
  const int children = *rc::gen::inRange(0, 4);
  const auto f = *rc::gen::element(PaymentFrequency::kMonthly, PaymentFrequency::kQuarterly,
                                   PaymentFrequency::kHalfYearly, PaymentFrequency::kYearly);
  Contract c = contract("1980-06-30", "2026-01-01");
  c.beneficiaries[0].start_date = add_days(d("2026-01-01"), start_day);
  if (*rc::gen::arbitrary<bool>()) {
    c.beneficiaries[0].end_date = add_days(c.beneficiaries[0].start_date, length);
  }
  for (int k = 0; k < children; ++k) {
    Beneficiary b = person("E" + std::to_string(k), Role::kChild, "2015-02-01", "2026-01-01");
    b.start_date = add_days(d("2026-01-01"), *rc::gen::inRange(0, 365));
    c.beneficiaries.push_back(b);
  }
  auto rate = rate_contract(c, product(), 2026, params());
  RC_ASSERT(rate.ok());
  auto s = build_schedule(c, *rate, f);
  RC_ASSERT(total_of(s) == rate->annual_total);
  for (size_t i = 0; i < s.size(); ++i) {
    RC_ASSERT(s[i].from <= s[i].due);
    RC_ASSERT(s[i].due <= s[i].to);
    if (i > 0) RC_ASSERT(s[i - 1].to < s[i].from);
  }
}

}  // namespace
}  // namespace mutua

// The unused contribution refunded when an adhesion ends (DEM-06, BIL-06), with the arithmetic
// written out. Tariff 2026 (rating_test_support.hpp): member born 1990 → tariff age 36 → band
// 30-39 → 42.10 a month; spouse born 1960 → 66 → 64.00; child 18.00. Product LABEL2 individual
// (no majoration) unless a test says otherwise.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <vector>

#include "rating/refund.hpp"
#include "rating/rating_test_support.hpp"

namespace mutua {
namespace {

using testing::d;
using testing::eur;
using testing::person;

// Member M1 born 1990-04-10 from 2025-01-01, paying with `frequency`.
Contract payer(PaymentFrequency frequency) {
  Contract c = testing::contract("1990-04-10", "2025-01-01");
  c.payment_frequency = frequency;
  return c;
}

Money refund(const Contract& c, const char* last_day, const Product& p = testing::product()) {
  Result<Money> r = unused_contribution(c, p, d(last_day), testing::params());
  if (!r.ok()) ADD_FAILURE() << r.error().to_string();
  return r.ok() ? *r : Money{};
}

// --- paid_through ------------------------------------------------------------------------------

// DEM-06, BIL-06: monthly payers have paid to the end of the month holding the day.
TEST(PaidThrough, DEM_06_BIL_06_Monthly) {
  EXPECT_EQ(paid_through(PaymentFrequency::kMonthly, d("2026-04-15")), d("2026-04-30"));
  EXPECT_EQ(paid_through(PaymentFrequency::kMonthly, d("2026-04-01")), d("2026-04-30"));
  EXPECT_EQ(paid_through(PaymentFrequency::kMonthly, d("2026-04-30")), d("2026-04-30"));
  EXPECT_EQ(paid_through(PaymentFrequency::kMonthly, d("2026-02-10")), d("2026-02-28"));
  EXPECT_EQ(paid_through(PaymentFrequency::kMonthly, d("2028-02-10")), d("2028-02-29"));
  EXPECT_EQ(paid_through(PaymentFrequency::kMonthly, d("2026-12-31")), d("2026-12-31"));
}

// DEM-06, BIL-06: quarterly payers to the end of the calendar quarter.
TEST(PaidThrough, DEM_06_BIL_06_Quarterly) {
  EXPECT_EQ(paid_through(PaymentFrequency::kQuarterly, d("2026-04-15")), d("2026-06-30"));
  EXPECT_EQ(paid_through(PaymentFrequency::kQuarterly, d("2026-01-01")), d("2026-03-31"));
  EXPECT_EQ(paid_through(PaymentFrequency::kQuarterly, d("2026-03-31")), d("2026-03-31"));
  EXPECT_EQ(paid_through(PaymentFrequency::kQuarterly, d("2026-04-01")), d("2026-06-30"));
  EXPECT_EQ(paid_through(PaymentFrequency::kQuarterly, d("2026-09-30")), d("2026-09-30"));
  EXPECT_EQ(paid_through(PaymentFrequency::kQuarterly, d("2026-10-01")), d("2026-12-31"));
}

// DEM-06, BIL-06: half-yearly payers to 30 June or 31 December.
TEST(PaidThrough, DEM_06_BIL_06_HalfYearly) {
  EXPECT_EQ(paid_through(PaymentFrequency::kHalfYearly, d("2026-01-01")), d("2026-06-30"));
  EXPECT_EQ(paid_through(PaymentFrequency::kHalfYearly, d("2026-06-30")), d("2026-06-30"));
  EXPECT_EQ(paid_through(PaymentFrequency::kHalfYearly, d("2026-07-01")), d("2026-12-31"));
  EXPECT_EQ(paid_through(PaymentFrequency::kHalfYearly, d("2026-12-31")), d("2026-12-31"));
}

// DEM-06, BIL-06: yearly payers to 31 December.
TEST(PaidThrough, DEM_06_BIL_06_Yearly) {
  EXPECT_EQ(paid_through(PaymentFrequency::kYearly, d("2026-01-01")), d("2026-12-31"));
  EXPECT_EQ(paid_through(PaymentFrequency::kYearly, d("2026-06-30")), d("2026-12-31"));
  EXPECT_EQ(paid_through(PaymentFrequency::kYearly, d("2026-12-31")), d("2026-12-31"));
}

// --- unused_contribution -----------------------------------------------------------------------

// DEM-06: a monthly payer whose cover ends on the last day of a month has used all it paid.
TEST(Refund, DEM_06_MonthlyEndingOnMonthEndRefundsNothing) {
  EXPECT_EQ(refund(payer(PaymentFrequency::kMonthly), "2026-04-30"), Money{});
  EXPECT_EQ(refund(payer(PaymentFrequency::kMonthly), "2026-02-28"), Money{});
  EXPECT_EQ(refund(payer(PaymentFrequency::kYearly), "2026-12-31"), Money{});
}

// DEM-06, BIL-06: monthly payer ending 2026-04-15: April was billed 42.10; with rights ending on
// the 15th it would have been 42.10 × 15/30 = 21.05; refund = 42.10 − 21.05 = 21.05.
TEST(Refund, DEM_06_BIL_06_MonthlyMidMonthRefundsUnusedDays) {
  EXPECT_EQ(refund(payer(PaymentFrequency::kMonthly), "2026-04-15"), eur("21.05"));
}

// DEM-06, TAR-08: one rounding per person and month. Ending 2026-04-10 with a spouse:
// member 42.10 × 10/30 = 14.0333 → 14.03, refund 42.10 − 14.03 = 28.07;
// spouse 64.00 × 10/30 = 21.3333 → 21.33, refund 64.00 − 21.33 = 42.67; total 70.74.
TEST(Refund, DEM_06_TAR_08_MonthlyWithSpouseRoundsOncePerPerson) {
  Contract c = payer(PaymentFrequency::kMonthly);
  c.beneficiaries.push_back(person("S1", Role::kSpouse, "1960-07-01", "2025-01-01"));
  EXPECT_EQ(refund(c, "2026-04-10"), eur("70.74"));
}

// DEM-06, BIL-06: quarterly payer ending 2026-04-15 has paid through 2026-06-30:
// April 21.05 (as above) + May 42.10 + June 42.10 = 105.25.
TEST(Refund, DEM_06_BIL_06_QuarterlyRefundsRestOfQuarter) {
  EXPECT_EQ(refund(payer(PaymentFrequency::kQuarterly), "2026-04-15"), eur("105.25"));
}

// DEM-06, BIL-06: half-yearly payer ending 2026-02-28 has paid through 2026-06-30:
// March..June = 4 × 42.10 = 168.40.
TEST(Refund, DEM_06_BIL_06_HalfYearlyRefundsRestOfHalf) {
  EXPECT_EQ(refund(payer(PaymentFrequency::kHalfYearly), "2026-02-28"), eur("168.40"));
}

// DEM-06, BIL-06: yearly payer ending 2026-06-30: July..December = 6 × 42.10 = 252.60; with a
// spouse 6 × (42.10 + 64.00) = 636.60.
TEST(Refund, DEM_06_BIL_06_YearlyRefundsJulyToDecember) {
  Contract c = payer(PaymentFrequency::kYearly);
  EXPECT_EQ(refund(c, "2026-06-30"), eur("252.60"));
  c.beneficiaries.push_back(person("S1", Role::kSpouse, "1960-07-01", "2025-01-01"));
  EXPECT_EQ(refund(c, "2026-06-30"), eur("636.60"));
}

// DEM-06, CES-01: a person whose rights already ended before the last day adds nothing: the
// spouse ends 2026-03-31, the member 2026-06-30 (yearly) → 6 × 42.10 = 252.60 only.
TEST(Refund, DEM_06_CES_01_EarlierEndAddsNothing) {
  Contract c = payer(PaymentFrequency::kYearly);
  c.beneficiaries.push_back(person("S1", Role::kSpouse, "1960-07-01", "2025-01-01", "2026-03-31"));
  EXPECT_EQ(refund(c, "2026-06-30"), eur("252.60"));
}

// DEM-06: a dependant whose rights were to start after the last day was paid for in advance by
// a yearly payer: member July..December 6 × 42.10 = 252.60 + child September..December
// 4 × 18.00 = 72.00 → 324.60.
TEST(Refund, DEM_06_YearlyFutureDependantRefundedInFull) {
  Contract c = payer(PaymentFrequency::kYearly);
  c.beneficiaries.push_back(person("E1", Role::kChild, "2015-02-01", "2026-09-01"));
  EXPECT_EQ(refund(c, "2026-06-30"), eur("324.60"));
}

// DEM-06, TAR-03: monthly payer ending 2026-06-15 with three children, at most two billed each
// month. E1 (eldest) starts 2026-09-01, after the last day; E2 and E3 are covered since 2025, so
// in June (only E2 and E3 covered) both are billed (TAR-03 decided month by month). The refund
// is the unused part of June only: member 42.10 − 42.10 × 15/30 (21.05) = 21.05; E2 and E3 each
// 18.00 − 18.00 × 15/30 (9.00) = 9.00; E1 billed nothing up to June: 0. Total 39.05, never
// negative whatever E1 does after the end.
TEST(Refund, DEM_06_TAR_03_FutureEldestChildDoesNotMakeRefundNegative) {
  Contract c = payer(PaymentFrequency::kMonthly);
  c.beneficiaries.push_back(person("E1", Role::kChild, "2010-01-01", "2026-09-01"));
  c.beneficiaries.push_back(person("E2", Role::kChild, "2012-01-01", "2025-01-01"));
  c.beneficiaries.push_back(person("E3", Role::kChild, "2014-01-01", "2025-01-01"));
  EXPECT_EQ(refund(c, "2026-06-15"), eur("39.05"));
}

// DEM-06, MAJ-05: the refund uses the month as billed, majoration included. Labelled product,
// member born 1980-01-01, adhesion 2025-01-01, no entry date nor last coverage known:
// start = max(2011-11-08, 30th birthday 2010-01-01) = 2011-11-08, N = 13 anniversaries by
// 2025-01-01, coefficient = 13 × 2 % = 26 %; band 40-49 → 48.90 × 1.26 = 61.614 → 61.61.
// Yearly payer ending 2026-09-30: October..December = 3 × 61.61 = 184.83.
TEST(Refund, DEM_06_MAJ_05_IncludesMajoration) {
  Contract c = testing::contract("1980-01-01", "2025-01-01");
  c.payment_frequency = PaymentFrequency::kYearly;
  EXPECT_EQ(refund(c, "2026-09-30", testing::labelled()), eur("184.83"));
}

// TAR-05, DEM-06: no tariff for the year of the last day → the rating error is passed on.
TEST(Refund, TAR_05_DEM_06_NoTariffForYear) {
  Contract c = payer(PaymentFrequency::kYearly);
  Result<Money> r = unused_contribution(c, testing::product(), d("2027-06-30"), testing::params());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().rule_id, "TAR-05");
}

// --- Property ----------------------------------------------------------------------------------

Date random_date(Date from, Date to) {
  return add_days(from, *rc::gen::inRange(0, days_between(from, to) + 1));
}

// DEM-06, BIL-06: for any last day in 2026 and any frequency, 0 ≤ refund ≤ the annual
// contribution as billed, and a longer instalment period never refunds less:
// yearly ≥ half-yearly ≥ quarterly ≥ monthly. Every person's rights start on or before the last
// day (a later start is the DISABLED case above).
RC_GTEST_PROP(RefundProperty, DEM_06_BIL_06_BoundedAndMonotoneInFrequency, ()) {
  const Date last_day = random_date(d("2026-01-01"), d("2026-12-31"));
  const Date start = random_date(d("2025-01-01"), last_day);
  Contract c = testing::contract("1990-04-10", "2025-01-01");
  c.beneficiaries[0].birth_date = random_date(d("1940-01-01"), d("2004-12-31"));
  c.beneficiaries[0].start_date = start;
  c.express_start = *rc::gen::arbitrary<bool>();
  const int dependants = *rc::gen::inRange(0, 5);
  for (int i = 0; i < dependants; ++i) {
    Role role = i == 0 && *rc::gen::arbitrary<bool>() ? Role::kSpouse : Role::kChild;
    Beneficiary b = person("B" + std::to_string(i), role, "2010-01-01", "2025-01-01");
    b.birth_date = role == Role::kSpouse ? random_date(d("1940-01-01"), d("2004-12-31"))
                                         : random_date(d("2002-01-01"), d("2025-12-31"));
    b.start_date = random_date(start, last_day);
    c.beneficiaries.push_back(b);
  }
  const Product product = testing::product();
  const Money annual = testing::rate(c, product).annual_total;

  std::vector<Money> refunds;
  for (PaymentFrequency f : {PaymentFrequency::kMonthly, PaymentFrequency::kQuarterly,
                             PaymentFrequency::kHalfYearly, PaymentFrequency::kYearly}) {
    c.payment_frequency = f;
    Result<Money> r = unused_contribution(c, product, last_day, testing::params());
    RC_ASSERT(r.ok());
    RC_ASSERT(*r >= Money{});
    RC_ASSERT(*r <= annual);
    refunds.push_back(*r);
  }
  RC_ASSERT(refunds[1] >= refunds[0]);
  RC_ASSERT(refunds[2] >= refunds[1]);
  RC_ASSERT(refunds[3] >= refunds[2]);
  // Ending on 31 December uses everything, whatever the frequency.
  if (last_day == d("2026-12-31")) RC_ASSERT(refunds[3] == Money{});
}

}  // namespace
}  // namespace mutua

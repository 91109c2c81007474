// Issue 15 hand-computed cases: SUS-01 and TAR-03 month by month in rate_contract(), SUS-01 in
// the refund (BIL-06), the ADH-04/MAJ-04/MAJ-07 justificatif in the majoration, with
// the figures of config/catalogue.yaml's LABEL2 2026 tariff: member band 40-49 = 46.78 a month,
// child = 16.97 a month. Every expected amount is computed by hand in the comment above it.
#include <gtest/gtest.h>

#include <algorithm>

#include "rating/rating_test_support.hpp"
#include "rating/refund.hpp"

namespace mutua {
namespace {

using testing::d;
using testing::eur;
using testing::find;
using testing::person;

// LABEL2 as config/catalogue.yaml has it for 2026 (only the cells these tests read matter).
Product label2(ProductKind kind = ProductKind::kIndividual) {
  Product p = testing::product(kind);
  Tariff& t = p.tariffs.front();
  t.member = testing::row({"23.68", "28.27", "32.84", "38.19", "46.78", "59.39", "77.15", "95.48"});
  t.spouse = t.member;
  t.child = testing::row({"16.97", "16.97", "16.97", "16.97", "16.97", "16.97", "16.97", "16.97"});
  return p;
}

bool has_reason(const PersonRate& p, const char* id) {
  return std::find(p.reasons.begin(), p.reasons.end(), id) != p.reasons.end();
}

Suspension abroad(const char* from, const char* to) {
  Suspension s;
  s.contract_id = "C1";
  s.from = d(from);
  s.to = d(to);
  s.notified = add_days(s.from, -30);
  return s;
}

ContractRate rate(const Contract& c, const Product& p, const std::vector<Suspension>& s,
                  RatingParams params = testing::params()) {
  Result<ContractRate> r = rate_contract(c, p, 2026, params, s);
  if (!r.ok()) std::abort();
  return std::move(r).value();
}

// Member born 1980 (tariff age 2026 − 1980 = 46, band 40-49: 46.78), covered all year.
Contract member_1980() { return testing::contract("1980-06-15", "2025-01-01"); }

// SUS-01, SUS-02 (issue 15, item 1): suspended abroad from 31 March to 30 June 2026.
// Before: 12 × 46.78 = 561.36. Now: January, February 2 × 46.78 = 93.56; March 30 of 31 days
// due: 46.78 × 30 / 31 = 45.2709… → 45.27 (one rounding, TAR-08); April–June not due;
// July–December 6 × 46.78 = 280.68. Total 93.56 + 45.27 + 280.68 = 419.51.
TEST(RatingCases, SUS_01_02_SuspendedDaysAreNotDue) {
  ContractRate without = rate(member_1980(), label2(), {});
  EXPECT_EQ(without.annual_total, eur("561.36"));
  ContractRate r = rate(member_1980(), label2(), {abroad("2026-03-31", "2026-06-30")});
  const PersonRate& m = r.persons.at(0);
  EXPECT_EQ(m.monthly_due, eur("46.78"));
  EXPECT_EQ(m.annual_due, eur("419.51"));
  EXPECT_EQ(r.annual_total, eur("419.51"));
  ASSERT_EQ(m.months.size(), 12u);  // suspended months stay, with 0 due
  EXPECT_EQ(m.months[2].suspended_days, 1);
  EXPECT_EQ(m.months[2].amount, eur("45.27"));
  for (unsigned i : {3u, 4u, 5u}) {
    EXPECT_EQ(m.months[i].suspended_days, m.months[i].days_in_month);
    EXPECT_EQ(m.months[i].amount, Money());
  }
  EXPECT_EQ(m.months[6].amount, eur("46.78"));
  EXPECT_TRUE(has_reason(m, "SUS-01"));
  ASSERT_EQ(r.suspensions.size(), 1u);
  const std::string text = explain(r, label2());
  EXPECT_NE(text.find("SUS-01"), std::string::npos) << text;
  EXPECT_NE(text.find("1 day suspended"), std::string::npos) << text;
  EXPECT_NE(text.find("annual due 419.51"), std::string::npos) << text;
}

// SUS-01 inside one month, 10 to 20 March 2026 (11 days): March due 31 − 11 = 20 days,
// 46.78 × 20 / 31 = 30.1806… → 30.18; the year 11 × 46.78 + 30.18 = 514.58 + 30.18 = 544.76.
// A suspension in another year changes nothing.
TEST(RatingCases, SUS_01_02_PartOfAMonthProratedByDays) {
  ContractRate r = rate(member_1980(), label2(), {abroad("2026-03-10", "2026-03-20"),
                                                  abroad("2025-02-01", "2025-05-31")});
  EXPECT_EQ(r.persons.at(0).months[2].amount, eur("30.18"));
  EXPECT_EQ(r.annual_total, eur("544.76"));
  EXPECT_EQ(r.suspensions.size(), 1u);  // only the one meeting 2026
}

// SUS-01 applies to every person of the contract and to the majored amount (MAJ-05 is part of
// the monthly due, not due on suspended days either). Member with coefficient 0.10 (transmitted
// 0.10, N = 0): 46.78 × 1.10 = 51.458 → 51.46; child 16.97.
// Member: 51.46 × 8 = 411.68, March 51.46 × 30 / 31 = 49.80 → 461.48.
// Child: 16.97 × 8 = 135.76, March 16.97 × 30 / 31 = 16.4225… → 16.42 → 152.18.
TEST(RatingCases, SUS_01_02_EveryPersonAndTheMajoration) {
  Contract c = member_1980();
  c.prior_coefficient_bp = 1000;
  c.last_coverage_end = d("2024-12-31");
  c.beneficiaries.push_back(person("E1", Role::kChild, "2015-01-01", "2025-01-01"));
  ContractRate r = rate(c, label2(ProductKind::kLabelled), {abroad("2026-03-31", "2026-06-30")});
  EXPECT_EQ(find(r, "M1").monthly_due, eur("51.46"));
  EXPECT_EQ(find(r, "M1").annual_due, eur("461.48"));
  EXPECT_EQ(find(r, "E1").annual_due, eur("152.18"));
  EXPECT_EQ(r.annual_total, eur("613.66"));  // 461.48 + 152.18
}

// SUS-01, configurable: with suspension.contributions = due, the year is 12 × 46.78 = 561.36.
TEST(RatingCases, SUS_01_02_ConfiguredAsDue) {
  RatingParams p = testing::params();
  p.suspended_days_due = true;
  ContractRate r = rate(member_1980(), label2(), {abroad("2026-03-31", "2026-06-30")}, p);
  EXPECT_EQ(r.annual_total, eur("561.36"));
  EXPECT_TRUE(r.suspensions.empty());
}

// SUS-01, BIL-06: a yearly payer suspended 31 March – 30 June, leaving on 30 September:
// refund = October–December 3 × 46.78 = 140.34 (the suspended months were never billed).
// Leaving on 15 May, inside the suspension: May and June were not billed, so the refund is
// July–December 6 × 46.78 = 280.68 (not 46.78 × 16/31 + 46.78 + 280.68).
TEST(RatingCases, SUS_01_02_BIL_06_RefundLeavesSuspendedDaysOut) {
  Contract c = member_1980();
  c.payment_frequency = PaymentFrequency::kYearly;
  const std::vector<Suspension> s{abroad("2026-03-31", "2026-06-30")};
  auto late = unused_contribution(c, label2(), d("2026-09-30"), testing::params(), s);
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(*late, eur("140.34"));
  auto during = unused_contribution(c, label2(), d("2026-05-15"), testing::params(), s);
  ASSERT_TRUE(during.ok());
  EXPECT_EQ(*during, eur("280.68"));
}

// TAR-03 (issue 15, item 3), month by month: three children born 2008, 2012, 2015; the eldest's
// rights end on 31 May 2026. January–May: the eldest two are billed, the youngest is free;
// June–December: only two children are covered, both billed. Youngest: 7 × 16.97 = 118.79
// (before: 0). Eldest: 5 × 16.97 = 84.85; middle: 12 × 16.97 = 203.64.
TEST(RatingCases, TAR_03_TwoBilledChildrenDecidedEachMonth) {
  Contract c = member_1980();
  c.beneficiaries.push_back(person("E1", Role::kChild, "2008-05-10", "2025-01-01", "2026-05-31"));
  c.beneficiaries.push_back(person("E2", Role::kChild, "2012-02-01", "2025-01-01"));
  c.beneficiaries.push_back(person("E3", Role::kChild, "2015-09-20", "2025-01-01"));
  ContractRate r = rate(c, label2(), {});
  EXPECT_EQ(find(r, "E1").annual_due, eur("84.85"));
  EXPECT_EQ(find(r, "E2").annual_due, eur("203.64"));
  const PersonRate& young = find(r, "E3");
  EXPECT_EQ(young.child_rank, 3);
  EXPECT_TRUE(young.billed);
  EXPECT_EQ(young.monthly_due, eur("16.97"));
  EXPECT_EQ(young.annual_due, eur("118.79"));
  ASSERT_EQ(young.months.size(), 12u);
  EXPECT_TRUE(young.months[4].free);   // May: E1 and E2 still covered
  EXPECT_EQ(young.months[4].amount, Money());
  EXPECT_FALSE(young.months[5].free);  // June: billed
  EXPECT_EQ(young.months[5].amount, eur("16.97"));
  EXPECT_TRUE(has_reason(young, "TAR-03"));
  // 12 × 46.78 + 84.85 + 203.64 + 118.79 = 561.36 + 407.28 = 968.64
  EXPECT_EQ(r.annual_total, eur("968.64"));
  const std::string text = explain(r, label2());
  EXPECT_NE(text.find("free in January, February, March, April, May"), std::string::npos) << text;
  EXPECT_NE(text.find("June-December: 7 full months × 16.97 = 118.79"), std::string::npos) << text;
}

// TAR-03, a child leaving mid-month keeps its place that month (Interpretation): the eldest's
// rights end on 15 May: E1 May 16.97 × 15 / 31 = 8.2112… → 8.21, so E1 = 4 × 16.97 + 8.21 =
// 76.09; the youngest is still free in May and billed from June: 7 × 16.97 = 118.79.
TEST(RatingCases, TAR_03_ChildLeavingMidMonthKeepsThatMonth) {
  Contract c = member_1980();
  c.beneficiaries.push_back(person("E1", Role::kChild, "2008-05-10", "2025-01-01", "2026-05-15"));
  c.beneficiaries.push_back(person("E2", Role::kChild, "2012-02-01", "2025-01-01"));
  c.beneficiaries.push_back(person("E3", Role::kChild, "2015-09-20", "2025-01-01"));
  ContractRate r = rate(c, label2(), {});
  EXPECT_EQ(find(r, "E1").annual_due, eur("76.09"));
  EXPECT_EQ(find(r, "E3").annual_due, eur("118.79"));
}

// TAR-03: an elder child joining on 1 September takes a billed place from September; the
// youngest, billed January–August, is then free: 8 × 16.97 = 135.76 for it, and the newcomer
// 4 × 16.97 = 67.88.
TEST(RatingCases, TAR_03_ElderChildJoiningTakesAPlace) {
  Contract c = member_1980();
  c.beneficiaries.push_back(person("E2", Role::kChild, "2012-02-01", "2025-01-01"));
  c.beneficiaries.push_back(person("E3", Role::kChild, "2015-09-20", "2025-01-01"));
  c.beneficiaries.push_back(person("E1", Role::kChild, "2009-03-03", "2026-09-01"));
  ContractRate r = rate(c, label2(), {});
  EXPECT_EQ(find(r, "E1").annual_due, eur("67.88"));
  EXPECT_EQ(find(r, "E2").annual_due, eur("203.64"));  // 12 × 16.97
  EXPECT_EQ(find(r, "E3").annual_due, eur("135.76"));
}

// ADH-04, MAJ-04, MAJ-07 (issue 15, item 4): a member born 1980-06-15, in post since 2005-09-01
// (in post on 2011-11-08: legacy start 2014-08-31, MAJ-03), adhering on 2026-01-02 with express
// start (January billed in full), LABEL2 2026 member band 40-49 = 46.78.
// Without the justificatif (before the fix: no item asked, no end date): start = max(2011-11-08,
// 2007-09-01, 2010-06-15, 2014-08-31) = 2014-08-31; anniversaries 2015-08-31 .. 2025-08-31 = 11,
// 11 × 2% = 22%: 46.78 × 1.22 = 57.0716 → 57.07, × 12 = 684.84.
// With the justificatif (coverage ended 2025-12-31, coefficient 0 transmitted): start =
// 2025-12-31, N = 0: 12 × 46.78 = 561.36, 684.84 − 561.36 = 123.48 a year less.
// With a transmitted 0.04 (MAJ-04): 46.78 × 1.04 = 48.6512 → 48.65, × 12 = 583.80.
TEST(RatingCases, MAJ_04_07_JustificatifEndDateAndCoefficient) {
  Contract c = testing::contract("1980-06-15", "2026-01-02");
  c.civil_service_entry = d("2005-09-01");
  c.express_start = true;
  const Product p = label2(ProductKind::kLabelled);
  ContractRate before = rate(c, p, {});
  EXPECT_EQ(before.majoration.years, 11);
  EXPECT_EQ(before.majoration.coefficient_bp, 2200);
  EXPECT_EQ(before.annual_total, eur("684.84"));

  c.last_coverage_end = d("2025-12-31");
  ContractRate after = rate(c, p, {});
  EXPECT_EQ(after.majoration.start, d("2025-12-31"));
  EXPECT_EQ(after.majoration.years, 0);
  EXPECT_EQ(after.annual_total, eur("561.36"));

  c.prior_coefficient_bp = 400;
  ContractRate moved = rate(c, p, {});
  EXPECT_EQ(moved.majoration.coefficient_bp, 400);
  EXPECT_EQ(moved.annual_total, eur("583.80"));
}

}  // namespace
}  // namespace mutua

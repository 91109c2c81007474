// rate_contract(): TAR-01..03, TAR-05, TAR-08, MAJ-05, MAJ-08, ADH-02, ADH-05, with the
// arithmetic written out. Tariff 2026 (rating_test_support.hpp): member row 31.20 / 34.50 /
// 38.00 / 42.10 / 48.90 / 57.30 / 66.80 / 74.40 for bands 0 / 20 / 26 / 30 / 40 / 50 / 60 / 70,
// spouse row 30.00 / 33.00 / 36.00 / 40.00 / 46.00 / 55.00 / 64.00 / 72.00, child 18.00.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "rating/rating_test_support.hpp"

namespace mutua {
namespace {

using testing::d;
using testing::eur;
using testing::find;
using testing::person;

bool has_reason(const PersonRate& p, const char* id) {
  return std::find(p.reasons.begin(), p.reasons.end(), id) != p.reasons.end();
}

// TAR-01: the monthly amount is the tariff cell of the person's role and band.
// Member born 1990 (tariff age 36 → band 30-39 → 42.10), spouse born 1960 (66 → 60-69 → 64.00),
// child born 2010 (16 → 0-19 → 18.00). Whole year: annual = 12 × monthly.
TEST(Rating, TAR_01_RoleTimesBand) {
  Contract c = testing::contract("1990-04-10", "2025-01-01");
  c.beneficiaries.push_back(person("S1", Role::kSpouse, "1960-07-01", "2025-01-01"));
  c.beneficiaries.push_back(person("E1", Role::kChild, "2010-02-03", "2025-01-01"));
  ContractRate r = testing::rate(c, testing::product());
  ASSERT_EQ(r.persons.size(), 3u);
  EXPECT_EQ(r.persons[0].band_label, "30-39");
  EXPECT_EQ(r.persons[0].band_lower, 30);
  EXPECT_EQ(r.persons[0].monthly_base, eur("42.10"));
  EXPECT_EQ(r.persons[1].band_label, "60-69");
  EXPECT_EQ(r.persons[1].monthly_base, eur("64.00"));  // the spouse row, not the member's 66.80
  EXPECT_EQ(r.persons[2].band_label, "0-19");
  EXPECT_EQ(r.persons[2].monthly_base, eur("18.00"));
  EXPECT_EQ(r.monthly_total, eur("124.10"));          // 42.10 + 64.00 + 18.00
  EXPECT_EQ(r.annual_total, eur("1489.20"));          // 12 × 124.10
  EXPECT_EQ(r.persons[0].annual_due, eur("505.20"));  // 12 × 42.10
  EXPECT_TRUE(has_reason(r.persons[0], "TAR-01"));
  EXPECT_TRUE(has_reason(r.persons[0], "TAR-02"));
}

// TAR-01: the last band is open-ended: born 1930 → tariff age 96 → band 70+ → 74.40.
TEST(Rating, TAR_01_LastBandIsOpen) {
  ContractRate r = testing::rate(testing::contract("1930-01-01"), testing::product());
  EXPECT_EQ(r.persons[0].band_label, "70+");
  EXPECT_EQ(r.persons[0].monthly_base, eur("74.40"));
}

// TAR-02: tariff age is the millésime difference, not the exact age: born 1996-12-31 is 29 on
// 1 January 2026 and all year until 31 December, yet its tariff age for 2026 is 30 (band 30-39).
TEST(Rating, TAR_02_MillesimeAgeNotExactAge) {
  ContractRate r = testing::rate(testing::contract("1996-12-31"), testing::product());
  EXPECT_EQ(r.persons[0].tariff_age, 30);
  EXPECT_EQ(age_on(d("1996-12-31"), d("2026-06-30")), 29);
  EXPECT_EQ(r.persons[0].band_label, "30-39");
  EXPECT_EQ(r.persons[0].monthly_base, eur("42.10"));
  // Born 1997-01-01: tariff age 29 → band 26-29 → 38.00.
  ContractRate younger = testing::rate(testing::contract("1997-01-01"), testing::product());
  EXPECT_EQ(younger.persons[0].tariff_age, 29);
  EXPECT_EQ(younger.persons[0].monthly_base, eur("38.00"));
}

Contract family_with_children() {
  Contract c = testing::contract("1980-01-01", "2025-01-01");
  // Listed youngest first on purpose: ranking is by birth date, not by list order.
  c.beneficiaries.push_back(person("E3", Role::kChild, "2015-07-07", "2025-01-01"));
  c.beneficiaries.push_back(person("E1", Role::kChild, "2010-01-01", "2025-01-01"));
  c.beneficiaries.push_back(person("E2", Role::kChild, "2012-05-05", "2025-01-01"));
  return c;
}

// TAR-03: three children: the eldest two are billed, the third is free.
TEST(Rating, TAR_03_ThirdChildIsFree) {
  ContractRate r = testing::rate(family_with_children(), testing::product());
  EXPECT_EQ(find(r, "E1").child_rank, 1);
  EXPECT_EQ(find(r, "E2").child_rank, 2);
  EXPECT_EQ(find(r, "E3").child_rank, 3);
  EXPECT_TRUE(find(r, "E1").billed);
  EXPECT_TRUE(find(r, "E2").billed);
  const PersonRate& free = find(r, "E3");
  EXPECT_FALSE(free.billed);
  EXPECT_EQ(free.monthly_due, Money());
  EXPECT_EQ(free.annual_due, Money());
  EXPECT_TRUE(free.months.empty());
  EXPECT_TRUE(has_reason(free, "TAR-03"));
  EXPECT_EQ(r.persons[0].child_rank, 0);     // adults are not ranked
  EXPECT_EQ(r.monthly_total, eur("84.90"));  // member 48.90 (born 1980: 46) + 2 × 18.00
}

// TAR-03: twins tie on birth date; the beneficiary id breaks the tie.
TEST(Rating, TAR_03_TwinsTieOnBeneficiaryId) {
  Contract c = testing::contract("1980-01-01", "2025-01-01");
  c.beneficiaries.push_back(person("T-B", Role::kChild, "2014-03-03", "2025-01-01"));
  c.beneficiaries.push_back(person("T-A", Role::kChild, "2014-03-03", "2025-01-01"));
  c.beneficiaries.push_back(person("OLD", Role::kChild, "2008-11-11", "2025-01-01"));
  ContractRate r = testing::rate(c, testing::product());
  EXPECT_EQ(find(r, "OLD").child_rank, 1);
  EXPECT_EQ(find(r, "T-A").child_rank, 2);
  EXPECT_EQ(find(r, "T-B").child_rank, 3);
  EXPECT_FALSE(find(r, "T-B").billed);
}

// TAR-03: a child whose rights ended before the year is not rated nor ranked; the number of
// billed children is a product setting.
TEST(Rating, TAR_03_OnlyChildrenCoveredInTheYearAreRanked) {
  Contract c = family_with_children();
  c.beneficiaries.push_back(person("E0", Role::kChild, "2004-01-01", "2020-01-01", "2025-12-31"));
  ContractRate r = testing::rate(c, testing::product());
  EXPECT_EQ(r.persons.size(), 4u);  // E0 absent
  EXPECT_FALSE(find(r, "E3").billed);
  Product three = testing::product();
  three.billed_children = 3;
  EXPECT_TRUE(find(testing::rate(c, three), "E3").billed);
}

// TAR-05: no tariff for the year is an error naming the product and the year.
TEST(Rating, TAR_05_MissingYearIsAnError) {
  Result<ContractRate> r =
      rate_contract(testing::contract(), testing::product(), 2027, testing::params());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().rule_id, "TAR-05");
  EXPECT_NE(r.error().message.find("LABEL2"), std::string::npos);
  EXPECT_NE(r.error().message.find("2027"), std::string::npos);
  EXPECT_EQ(r.error().to_string(), "TAR-05: product LABEL2 has no tariff for 2027");
}

// TAR-01: a contract on another product, or a malformed tariff, is an error, never a crash.
TEST(Rating, TAR_01_WrongProductOrMalformedTariffIsAnError) {
  Contract c = testing::contract();
  c.product = "IRIS";
  EXPECT_FALSE(rate_contract(c, testing::product(), 2026, testing::params()).ok());
  Product p = testing::product();
  p.tariffs[0].child.pop_back();
  Result<ContractRate> r = rate_contract(testing::contract(), p, 2026, testing::params());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("child row"), std::string::npos);
}

// A labelled member with 16%: entered 2015-03-01, last guarantee ended 2019-06-30, prior 4%,
// adhesion 2026-03-15 → 4% + 2% × 6 = 16% (majoration_test.cpp MAJ_04).
Contract majored(const char* birth) {
  Contract c = testing::contract(birth, "2026-03-15");
  c.civil_service_entry = d("2015-03-01");
  c.last_coverage_end = d("2019-06-30");
  c.prior_coefficient_bp = 400;
  return c;
}

// MAJ-05 / TAR-08: majored contribution rounded once: born 1989 → 42.10 × 1.16 = 48.836 →
// 48.84. March from the 15th is 17/31 of the ROUNDED monthly amount: 48.84 × 17 / 31 =
// 26.7832 → 26.78; April..December 9 × 48.84 = 439.56; annual 466.34.
TEST(Rating, MAJ_05_MajoredContributionRoundedOnce) {
  ContractRate r = testing::rate(majored("1989-04-10"), testing::labelled());
  const PersonRate& m = r.persons[0];
  EXPECT_EQ(m.coefficient_bp, 1600);
  EXPECT_EQ(m.monthly_due, eur("48.84"));
  EXPECT_EQ(m.months.front().amount, eur("26.78"));
  EXPECT_EQ(m.annual_due, eur("466.34"));
  EXPECT_TRUE(has_reason(m, "MAJ-05"));
}

// TAR-08: a prorated amount is computed from the monthly amount with one rounding.
// Born 1980 → 48.90 × 1.16 = 56.724 → 56.72. March 17/31: 56.72 × 17 / 31 = 31.1045 → 31.10.
// (Prorating the unrounded 56.724 would give 31.1066 → 31.11: the rule picks 31.10.)
TEST(Rating, TAR_08_ProRataFromRoundedMonthlyAmount) {
  ContractRate r = testing::rate(majored("1980-01-01"), testing::labelled());
  EXPECT_EQ(r.persons[0].monthly_due, eur("56.72"));
  EXPECT_EQ(r.persons[0].months.front().covered_days, 17);
  EXPECT_EQ(r.persons[0].months.front().amount, eur("31.10"));
}

// MAJ-08: scope member: only the member's contribution is majored; scope contract: everyone's.
// Spouse born 1985 → 41 → 46.00; child 18.00. Scope contract: 46.00 × 1.16 = 53.36,
// 18.00 × 1.16 = 20.88.
TEST(Rating, MAJ_08_MemberScopeVersusContractScope) {
  Contract c = majored("1989-04-10");
  c.beneficiaries.push_back(person("S1", Role::kSpouse, "1985-01-01", "2026-03-15"));
  c.beneficiaries.push_back(person("E1", Role::kChild, "2016-01-01", "2026-03-15"));
  ContractRate member_scope = testing::rate(c, testing::labelled(MajorationScope::kMember));
  EXPECT_EQ(find(member_scope, "M1").monthly_due, eur("48.84"));
  EXPECT_EQ(find(member_scope, "S1").coefficient_bp, 0);
  EXPECT_EQ(find(member_scope, "S1").monthly_due, eur("46.00"));
  EXPECT_EQ(find(member_scope, "E1").monthly_due, eur("18.00"));
  ContractRate contract_scope = testing::rate(c, testing::labelled(MajorationScope::kContract));
  EXPECT_EQ(find(contract_scope, "S1").coefficient_bp, 1600);
  EXPECT_EQ(find(contract_scope, "S1").monthly_due, eur("53.36"));
  EXPECT_EQ(find(contract_scope, "E1").monthly_due, eur("20.88"));
}

// MAJ-01: non-labelled products carry no majoration at all.
TEST(Rating, MAJ_01_OnlyLabelledProductsAreMajored) {
  ContractRate r = testing::rate(majored("1989-04-10"), testing::product());
  EXPECT_FALSE(r.majoration.applies);
  EXPECT_EQ(r.persons[0].coefficient_bp, 0);
  EXPECT_EQ(r.persons[0].monthly_due, eur("42.10"));
}

// MAJ-06: the computation travels with the rating (stored and shown).
TEST(Rating, MAJ_06_ComputationIsRecorded) {
  ContractRate r = testing::rate(majored("1989-04-10"), testing::labelled());
  EXPECT_TRUE(r.majoration.applies);
  EXPECT_EQ(r.majoration.start, d("2019-06-30"));
  EXPECT_EQ(r.majoration.years, 6);
  EXPECT_EQ(r.majoration.candidates.size(), 4u);
}

// ADH-02: a mid-month start is billed pro rata of days: 2026-03-15 → 17/31 of March.
// 42.10 × 17 / 31 = 23.087 → 23.09; April..December 9 × 42.10 = 378.90; annual 401.99.
TEST(Rating, ADH_02_ProRataMidMonthStart) {
  ContractRate r = testing::rate(testing::contract("1990-04-10", "2026-03-15"), testing::product());
  const PersonRate& m = r.persons[0];
  ASSERT_EQ(m.months.size(), 10u);
  EXPECT_EQ(m.months[0].month, 3u);
  EXPECT_EQ(m.months[0].covered_days, 17);
  EXPECT_EQ(m.months[0].days_in_month, 31);
  EXPECT_EQ(m.months[0].amount, eur("23.09"));
  EXPECT_EQ(m.annual_due, eur("401.99"));
  EXPECT_EQ(m.monthly_due, eur("42.10"));  // the monthly amount itself is not prorated
  EXPECT_TRUE(has_reason(m, "ADH-02"));
}

// ADH-02: on express request the adhesion month is billed in full, for everyone starting that
// month: member 2026-03-15 and spouse 2026-03-20 pay all of March; a child joining on
// 2026-06-10 is prorated: 18.00 × 21 / 30 = 12.60.
TEST(Rating, ADH_02_ExpressStartBillsFirstMonthInFull) {
  Contract c = testing::contract("1990-04-10", "2026-03-15");
  c.express_start = true;
  c.beneficiaries.push_back(person("S1", Role::kSpouse, "1990-01-01", "2026-03-20"));
  c.beneficiaries.push_back(person("E1", Role::kChild, "2020-01-01", "2026-06-10"));
  ContractRate r = testing::rate(c, testing::product());
  EXPECT_EQ(find(r, "M1").months[0].amount, eur("42.10"));
  EXPECT_TRUE(find(r, "M1").months[0].express);
  EXPECT_EQ(find(r, "M1").months[0].covered_days, 17);
  EXPECT_EQ(find(r, "M1").annual_due, eur("421.00"));  // 10 × 42.10
  EXPECT_EQ(find(r, "S1").months[0].amount, eur("40.00"));
  EXPECT_EQ(find(r, "E1").months[0].amount, eur("12.60"));
  EXPECT_FALSE(find(r, "E1").months[0].express);
  EXPECT_EQ(find(r, "E1").annual_due, eur("120.60"));  // 12.60 + 6 × 18.00
}

// ADH-02: the end date is inclusive: covered to 2026-06-15 → June 15/30:
// 42.10 × 15 / 30 = 21.05; January..May 5 × 42.10 = 210.50; annual 231.55.
TEST(Rating, ADH_02_EndDateInclusiveMidYear) {
  Contract c = testing::contract("1990-04-10", "2025-01-01");
  c.beneficiaries[0].end_date = d("2026-06-15");
  ContractRate r = testing::rate(c, testing::product());
  const PersonRate& m = r.persons[0];
  ASSERT_EQ(m.months.size(), 6u);
  EXPECT_EQ(m.months[5].covered_days, 15);
  EXPECT_EQ(m.months[5].amount, eur("21.05"));
  EXPECT_EQ(m.annual_due, eur("231.55"));
  c.beneficiaries[0].end_date = d("2026-06-30");
  EXPECT_EQ(testing::rate(c, testing::product()).persons[0].annual_due, eur("252.60"));
  // Start and end on the same day: one day of January: 42.10 / 31 = 1.358 → 1.36.
  c.beneficiaries[0].start_date = d("2026-01-20");
  c.beneficiaries[0].end_date = d("2026-01-20");
  EXPECT_EQ(testing::rate(c, testing::product()).persons[0].annual_due, eur("1.36"));
}

// A person whose rights do not meet the year is absent from the result.
TEST(Rating, ADH_02_PersonOutsideTheYearIsNotRated) {
  Contract c = testing::contract("1990-04-10", "2027-01-01");
  EXPECT_TRUE(testing::rate(c, testing::product()).persons.empty());
  c.beneficiaries[0].start_date = d("2020-01-01");
  c.beneficiaries[0].end_date = d("2025-12-31");
  EXPECT_TRUE(testing::rate(c, testing::product()).persons.empty());
}

Promotion percent_promo(const char* code, const char* from, const char* to, int bp) {
  Promotion p;
  p.code = code;
  p.from = d(from);
  p.to = d(to);
  p.percent_bp = bp;
  return p;
}

// ADH-05: 10% off January..March for a member covered all year:
// 3 × (42.10 × 0.90 = 37.89) + 9 × 42.10 = 113.67 + 378.90 = 492.57.
TEST(Rating, ADH_05_PercentagePromotion) {
  Product p = testing::product();
  p.promotions.push_back(percent_promo("WELCOME", "2026-01-01", "2026-03-31", 1000));
  ContractRate r = testing::rate(testing::contract(), p);
  const PersonRate& m = r.persons[0];
  EXPECT_EQ(m.months[0].amount, eur("37.89"));
  EXPECT_EQ(m.months[0].promotion, "WELCOME");
  EXPECT_EQ(m.months[3].promotion, "");
  EXPECT_EQ(m.annual_due, eur("492.57"));
  EXPECT_EQ(m.monthly_due, eur("42.10"));
  EXPECT_TRUE(has_reason(m, "ADH-05"));
}

// ADH-05 + ADH-02 + TAR-08: 15% off with March prorated 17/31, ONE rounding:
// 42.10 × 0.85 × 17 / 31 = 19.624 → 19.62 (rounding 35.785 → 35.79 first would give 19.63).
TEST(Rating, ADH_05_PercentageAndProRataRoundedOnce) {
  Product p = testing::product();
  p.promotions.push_back(percent_promo("SPRING", "2026-03-01", "2026-03-31", 1500));
  ContractRate r = testing::rate(testing::contract("1990-04-10", "2026-03-15"), p);
  EXPECT_EQ(r.persons[0].months[0].amount, eur("19.62"));
}

// ADH-05: a monthly amount off, floored at zero, then prorated.
// Member 42.10 − 5.00 = 37.10; child 18.00 − 20.00 → 0.00. Member starting 2026-03-15:
// 37.10 × 17 / 31 = 20.345 → 20.35.
TEST(Rating, ADH_05_AmountPromotionFlooredAtZero) {
  Product p = testing::product();
  Promotion promo;
  promo.code = "FIVE";
  promo.from = d("2026-01-01");
  promo.to = d("2026-12-31");
  promo.amount = eur("5.00");
  p.promotions.push_back(promo);
  Contract c = testing::contract("1990-04-10", "2026-03-15");
  ContractRate r = testing::rate(c, p);
  EXPECT_EQ(r.persons[0].months[0].amount, eur("20.35"));
  EXPECT_EQ(r.persons[0].months[1].amount, eur("37.10"));
  p.promotions[0].amount = eur("20.00");
  c.beneficiaries.push_back(person("E1", Role::kChild, "2016-01-01", "2026-04-01"));
  EXPECT_EQ(find(testing::rate(c, p), "E1").annual_due, Money());
  EXPECT_EQ(find(testing::rate(c, p), "E1").monthly_due, eur("18.00"));
}

// ADH-05 (interpretation): a promotion applies to the months whose first day is in [from, to].
TEST(Rating, ADH_05_MonthsWhoseFirstDayIsInThePeriod) {
  Product p = testing::product();
  p.promotions.push_back(percent_promo("MID", "2026-01-15", "2026-03-01", 1000));
  ContractRate r = testing::rate(testing::contract(), p);
  EXPECT_EQ(r.persons[0].months[0].promotion, "");     // 1 January is before the 15th
  EXPECT_EQ(r.persons[0].months[1].promotion, "MID");  // 1 February
  EXPECT_EQ(r.persons[0].months[2].promotion, "MID");  // 1 March is the last day
  EXPECT_EQ(r.persons[0].months[3].promotion, "");
}

// ADH-05: joined_from / joined_to restrict a campaign to adhesions in a window.
TEST(Rating, ADH_05_JoinedWindowFiltersOnAdhesionDate) {
  Product p = testing::product();
  Promotion promo = percent_promo("NEW", "2026-01-01", "2026-12-31", 1000);
  promo.joined_from = d("2026-01-01");
  promo.joined_to = d("2026-06-30");
  p.promotions.push_back(promo);
  EXPECT_EQ(testing::rate(testing::contract("1990-04-10", "2025-05-01"), p).persons[0].annual_due,
            eur("505.20"));  // joined before the window: 12 × 42.10
  ContractRate joined = testing::rate(testing::contract("1990-04-10", "2026-04-01"), p);
  EXPECT_EQ(joined.persons[0].annual_due, eur("341.01"));  // 9 × 37.89
  EXPECT_EQ(testing::rate(testing::contract("1990-04-10", "2026-07-01"), p).persons[0].annual_due,
            eur("252.60"));  // joined after: 6 × 42.10
}

// ADH-05 (interpretation): when two campaigns overlap, the lower month amount applies.
TEST(Rating, ADH_05_MostFavourablePromotionApplies) {
  Product p = testing::product();
  p.promotions.push_back(percent_promo("TEN", "2026-01-01", "2026-12-31", 1000));
  p.promotions.push_back(percent_promo("TWENTY", "2026-06-01", "2026-06-30", 2000));
  ContractRate r = testing::rate(testing::contract(), p);
  EXPECT_EQ(r.persons[0].months[4].promotion, "TEN");
  EXPECT_EQ(r.persons[0].months[5].promotion, "TWENTY");
  EXPECT_EQ(r.persons[0].months[5].amount, eur("33.68"));  // 42.10 × 0.80
}

}  // namespace
}  // namespace mutua

// explain(): the plain-English account of a rating (MAJ-06, TAR-02, TAR-03, ADH-02, ADH-05).
#include <gtest/gtest.h>

#include "rating/rating_test_support.hpp"

namespace mutua {
namespace {

using testing::d;
using testing::person;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The MAJ-05 example of the brief: born 1989 (tariff age 37: 42.10), 30th birthday
// 2019-04-10 before the end of the last guarantee 2019-06-30, coefficient 4% + 2% × 6 = 16%.
ContractRate majored_family(Product& p) {
  Contract c = testing::contract("1989-04-10", "2026-03-15");
  c.civil_service_entry = d("2015-03-01");
  c.last_coverage_end = d("2019-06-30");
  c.prior_coefficient_bp = 400;
  c.beneficiaries.push_back(person("E1", Role::kChild, "2010-01-01", "2026-03-15"));
  c.beneficiaries.push_back(person("E2", Role::kChild, "2012-01-01", "2026-03-15"));
  c.beneficiaries.push_back(person("E3", Role::kChild, "2014-01-01", "2026-03-15"));
  Promotion promo;
  promo.code = "SUMMER";
  promo.label = "Summer campaign";
  promo.from = d("2026-07-01");
  promo.to = d("2026-08-31");
  promo.percent_bp = 1000;
  p.promotions.push_back(promo);
  return testing::rate(c, p);
}

// MAJ-06 / MAJ-07: candidates compared, start chosen, anniversaries, coefficient sum, scope.
TEST(Explain, MAJ_06_MajorationComputationIsShown) {
  Product p = testing::labelled();
  std::string text = explain(majored_family(p), p);
  EXPECT_TRUE(contains(text,
                       "Contract C1, product LABEL2 (Label 2), year 2026: tariff 2026 "
                       "decided 2025-10-15 (CA-2025-10)"));
  EXPECT_TRUE(
      contains(text, "entry + 2 years (civil-service entry; MAJ-03: seniority grace): 2017-03-01"));
  EXPECT_TRUE(contains(
      text, "coverage end (end of the last reference guarantee, ADH-04 proof): 2019-06-30"));
  EXPECT_TRUE(contains(text, "start = 2019-06-30"));
  EXPECT_TRUE(contains(text,
                       "N = 6 (anniversaries 2020-06-30 2021-06-30 2022-06-30 2023-06-30 "
                       "2024-06-30 2025-06-30)"));
  EXPECT_TRUE(contains(text, "coefficient = prior 4.00% (MAJ-04) + 2.00% × 6 (MAJ-02) = 16.00%"));
  EXPECT_TRUE(contains(text, "member's own contribution only (MAJ-08"));
}

// MAJ-05 / TAR-02 / TAR-03: the monthly due arithmetic, the tariff age and the children ranking.
TEST(Explain, MAJ_05_MonthlyDueArithmeticIsShown) {
  Product p = testing::labelled();
  std::string text = explain(majored_family(p), p);
  EXPECT_TRUE(contains(text, "42.10 × 1.16 = 48.836 → 48.84"));
  EXPECT_TRUE(contains(text, "tariff age 2026 − 1989 = 37, band 30-39, monthly base 42.10"));
  EXPECT_TRUE(contains(text, "1. E1, born 2010-01-01: billed"));
  EXPECT_TRUE(contains(text, "3. E3, born 2014-01-01: free"));
  EXPECT_TRUE(contains(text, "child E3: 0.00 (not billed, TAR-03)"));
}

// ADH-02 / ADH-05: pro-rata months with their days, promotions, runs of full months, totals.
TEST(Explain, ADH_02_MonthsAndTotalsAreShown) {
  Product p = testing::labelled();
  ContractRate r = majored_family(p);
  std::string text = explain(r, p);
  EXPECT_TRUE(contains(text, "March: 17/31 days covered, 48.84 × 17/31 (ADH-02 pro rata) → 26.78"));
  EXPECT_TRUE(contains(text, "April-June: 3 full months × 48.84 = 146.52"));
  EXPECT_TRUE(contains(text,
                       "July: full month 48.84, promotion SUMMER (Summer campaign), "
                       "10.00% off (ADH-05) → 43.96"));
  EXPECT_TRUE(contains(
      text, "Totals: monthly " + r.monthly_total.format() + ", annual " + r.annual_total.format()));
}

// MAJ-01 / ADH-04: no majoration outside labelled products; missing proofs are said.
TEST(Explain, ADH_04_MissingProofAndNoMajorationAreSaid) {
  Product individual = testing::product();
  Contract c = testing::contract("1990-04-10", "2026-03-15");
  EXPECT_TRUE(contains(explain(testing::rate(c, individual), individual), "Majoration: none"));
  Product p = testing::labelled();
  c.civil_service_entry = d("2025-01-01");  // + 2 years: 2027-01-01
  std::string text = explain(testing::rate(c, p), p);
  EXPECT_TRUE(contains(text, "unknown (no proof, ADH-04)"));
  EXPECT_TRUE(contains(text, "N = 0 (start is after the adhesion, MAJ-01)"));
}

}  // namespace
}  // namespace mutua

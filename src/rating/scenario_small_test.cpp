// The hand computation of tests/scenarios/rating.sh (data/members_small.csv, TLAB 2026), at
// the engine level: if the end-to-end scenario fails, this tells whether rating or the layers
// around it (import, storage, CLI) disagree. Rules: TAR-01 TAR-02 TAR-03 TAR-08 MAJ-02 MAJ-04
// MAJ-05 MAJ-07 ADH-02.
#include <gtest/gtest.h>

#include "rating/rating_test_support.hpp"

namespace mutua {
namespace {

using testing::d;
using testing::eur;
using testing::person;

Product tlab() {
  Product p = testing::labelled();
  p.code = "TLAB";
  p.tariffs[0].spouse = p.tariffs[0].member;  // TLAB bills spouses like members
  return p;
}

Contract on_tlab(std::string id, const char* birth, const char* start) {
  Contract c = testing::contract(birth, start);
  c.id = std::move(id);
  c.product = "TLAB";
  c.beneficiaries[0].id = c.id + "-1";
  return c;
}

struct Row {
  const char* id;
  int tariff_age;
  int band;
  bool billed;
  const char* base;
  int coefficient_bp;
  const char* monthly;
  const char* annual;
};

void expect_rows(const ContractRate& r, std::initializer_list<Row> rows) {
  ASSERT_EQ(r.persons.size(), rows.size());
  size_t i = 0;
  for (const Row& row : rows) {
    const PersonRate& p = r.persons[i++];
    SCOPED_TRACE(row.id);
    EXPECT_EQ(p.beneficiary_id, row.id);
    EXPECT_EQ(p.tariff_age, row.tariff_age);
    EXPECT_EQ(p.band_lower, row.band);
    EXPECT_EQ(p.billed, row.billed);
    EXPECT_EQ(p.monthly_base, eur(row.base));
    EXPECT_EQ(p.coefficient_bp, row.coefficient_bp);
    EXPECT_EQ(p.monthly_due, eur(row.monthly));
    EXPECT_EQ(p.annual_due, eur(row.annual));
  }
}

// C1: coverage ended 2019-12-31, adhesion 2020-01-01 → N = 0; third child free (TAR-03).
TEST(ScenarioSmall, C1_FamilyWithThreeChildren) {
  Contract c = on_tlab("C1", "1975-04-02", "2020-01-01");
  c.civil_service_entry = d("2000-01-01");
  c.last_coverage_end = d("2019-12-31");
  c.beneficiaries.push_back(person("C1-2", Role::kSpouse, "1978-09-30", "2020-01-01"));
  c.beneficiaries.push_back(person("C1-3", Role::kChild, "2010-05-01", "2020-01-01"));
  c.beneficiaries.push_back(person("C1-4", Role::kChild, "2012-01-15", "2020-01-01"));
  c.beneficiaries.push_back(person("C1-5", Role::kChild, "2015-06-30", "2020-01-01"));
  expect_rows(testing::rate(c, tlab()), {{"C1-1", 51, 50, true, "57.30", 0, "57.30", "687.60"},
                                         {"C1-2", 48, 40, true, "48.90", 0, "48.90", "586.80"},
                                         {"C1-3", 16, 0, true, "18.00", 0, "18.00", "216.00"},
                                         {"C1-4", 14, 0, true, "18.00", 0, "18.00", "216.00"},
                                         {"C1-5", 11, 0, false, "18.00", 0, "0.00", "0.00"}});
}

// C2: start 2017-03-01 (entry + 2), 9 years → 18%: 48.90 × 1.18 = 57.702 → 57.70; March
// 17/31 → 31.64; + 9 × 57.70 = 550.94.
TEST(ScenarioSmall, C2_LateJoiner) {
  Contract c = on_tlab("C2", "1980-05-12", "2026-03-15");
  c.civil_service_entry = d("2015-03-01");
  expect_rows(testing::rate(c, tlab()), {{"C2-1", 46, 40, true, "48.90", 1800, "57.70", "550.94"}});
}

// C3: 4% + 2% × 4 = 12%: 66.80 × 1.12 = 74.816 → 74.82; × 12 = 897.84.
TEST(ScenarioSmall, C3_TransmittedCoefficient) {
  Contract c = on_tlab("C3", "1960-02-10", "2026-01-01");
  c.civil_service_entry = d("2005-06-01");
  c.prior_coefficient_bp = 400;
  c.last_coverage_end = d("2021-06-30");
  expect_rows(testing::rate(c, tlab()), {{"C3-1", 66, 60, true, "66.80", 1200, "74.82", "897.84"}});
}

// C4: express start 2026-06-10: June in full, 7 × 42.10 = 294.70.
TEST(ScenarioSmall, C4_ExpressStart) {
  Contract c = on_tlab("C4", "1990-07-01", "2026-06-10");
  c.civil_service_entry = d("2024-09-01");
  c.express_start = true;
  expect_rows(testing::rate(c, tlab()), {{"C4-1", 36, 30, true, "42.10", 0, "42.10", "294.70"}});
}

// C5: ends 2026-04-10: 3 × 38.00 + 38.00 × 10 / 30 = 114.00 + 12.67 = 126.67.
TEST(ScenarioSmall, C5_EndsInApril) {
  Contract c = on_tlab("C5", "2000-03-03", "2024-01-01");
  c.beneficiaries[0].end_date = d("2026-04-10");
  c.civil_service_entry = d("2023-01-01");
  c.last_coverage_end = d("2023-12-31");
  expect_rows(testing::rate(c, tlab()), {{"C5-1", 26, 26, true, "38.00", 0, "38.00", "126.67"}});
}

}  // namespace
}  // namespace mutua

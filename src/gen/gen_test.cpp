// The synthetic data generators: deterministic, valid by the importers' own rules, and with the
// mix the benchmarks claim (about 2.2 insured persons per household).
#include <gtest/gtest.h>

#include <sstream>

#include "core/csv.hpp"
#include "core/iban.hpp"
#include "core/money.hpp"
#include "core/nir.hpp"
#include "gen/care_lines.hpp"
#include "gen/population.hpp"
#include "members/members_csv.hpp"

namespace mutua {
namespace {

std::string population(long long households, uint64_t seed) {
  PopulationSpec spec;
  spec.households = households;
  spec.seed = seed;
  std::ostringstream out;
  generate_population(spec, out);
  return out.str();
}

ProductKinds sample_products() {
  ProductKinds kinds;
  for (const char* p : {"LABEL", "LABEL1", "LABEL2", "LABEL3", "LABEL4", "IRIS"}) {
    kinds[p] = ProductKind::kLabelled;
  }
  kinds["REGION_AURA"] = ProductKind::kRegional;
  return kinds;
}

TEST(Population, SameSeedSameBytes) {
  EXPECT_EQ(population(200, 9), population(200, 9));
  EXPECT_NE(population(200, 9), population(200, 10));
}

// ELIG-02, ELIG-03, ELIG-10: the generated file passes every check of the members import
// (one member, at most one spouse, children under 26, regional commune and link, NIR, IBAN).
TEST(Population, ELIG_02_GeneratedFileIsValidForTheImport) {
  MembersFile file = parse_members_text(population(3000, 4), "generated.csv", sample_products());
  ASSERT_TRUE(file.errors.empty()) << file.errors.front().to_string();
  EXPECT_EQ(file.contracts.size(), 3000u);
  long long persons = 0;
  for (const Contract& c : file.contracts) persons += static_cast<long long>(c.beneficiaries.size());
  // The mix the benchmarks state: about 2.2 persons per household.
  EXPECT_GT(persons, 3000 * 21 / 10);
  EXPECT_LT(persons, 3000 * 23 / 10);
}

TEST(Population, SyntheticIdentifiersCarryValidKeys) {
  for (uint64_t n : {1ULL, 42ULL, 999999ULL}) {
    EXPECT_TRUE(validate_nir(synthetic_nir(n, 2, 1984, 7)).ok()) << synthetic_nir(n, 2, 1984, 7);
    EXPECT_TRUE(validate_iban(synthetic_iban(n)).ok()) << synthetic_iban(n);
  }
}

std::vector<InsuredRef> insured() {
  return {{"C1", "C1-01", make_date(2020, 1, 1), std::nullopt},
          {"C2", "C2-01", make_date(2026, 5, 10), make_date(2026, 8, 31)}};
}

std::string lines(long long n, uint64_t seed) {
  CareLinesSpec spec;
  spec.lines = n;
  spec.seed = seed;
  std::ostringstream out;
  EXPECT_EQ(generate_care_lines(spec, insured(), out), n);
  return out.str();
}

TEST(CareLines, SameSeedSameBytes) { EXPECT_EQ(lines(500, 3), lines(500, 3)); }

// BEN-04: the RO amounts are those of the RO: ro_paid + flat fee + franchise = base × rate,
// and care dates stay within each person's rights in the year.
TEST(CareLines, BEN_04_RoAmountsAddUpAndDatesAreInRights) {
  auto csv = CsvReader::from_string(lines(3000, 5), "lines.csv");
  ASSERT_TRUE(csv.ok());
  CsvReader& r = **csv;
  auto col = [&](const char* name) { return *r.column(name); };
  size_t base = col("base"), rate = col("ro_rate"), paid = col("ro_paid"), flat = col("flat_fee"),
         franchise = col("franchise"), charged = col("charged"), who = col("beneficiary_id"),
         care = col("care_date");
  int n = 0;
  while (*r.next()) {
    ++n;
    Money ro = Money::parse(r[base])->mul_ratio(std::stoi(std::string(r[rate])), 100);
    EXPECT_EQ(*Money::parse(r[paid]) + *Money::parse(r[flat]) + *Money::parse(r[franchise]), ro);
    EXPECT_GE(*Money::parse(r[charged]), *Money::parse(r[paid]));
    Date d = *parse_date(r[care]);
    EXPECT_EQ(year_of(d), 2026);
    if (r[who] == "C2-01") {
      EXPECT_GE(d, make_date(2026, 5, 10));
      EXPECT_LE(d, make_date(2026, 8, 31));
    }
  }
  EXPECT_EQ(n, 3000);
}

TEST(CareLines, MixFileErrorsNameTheLine) {
  EXPECT_EQ(default_care_mix().size(), 17u);
  auto bad = load_care_mix("/nonexistent/mix.csv");
  EXPECT_FALSE(bad.ok());
}

}  // namespace
}  // namespace mutua

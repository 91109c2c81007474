// Synthetic population generator: a members file (INTERFACES.md "Members file") with a realistic
// mix of households for demos and benchmarks. Deterministic for a given seed: the same
// (households, seed, year, products) always writes the same bytes.
//
// Mix (approximate shares of households): singles 31%, couples 22%, families with 1-4 children
// 31%, retired members 16% (about 2.2 insured persons per household) (alone or in couple); about 15% are late joiners (adhesion years after
// civil-service entry, no prior coverage) and 10% carry a coefficient transmitted by a previous
// organism. Regional products get a commune and a link. Every NIR and IBAN is synthetic but
// carries a valid key. No health data, no sex-based field is produced beyond the NIR's own digit.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace mutua {

struct PopulationSpec {
  long long households = 1000;
  uint64_t seed = 1;
  int year = 2026;  // the population is as of 1 January of this year (some join during it)
  std::vector<std::string> labelled_products = {"LABEL", "LABEL1", "LABEL2", "LABEL3", "LABEL4",
                                                "IRIS"};
  std::vector<std::string> regional_products = {"REGION_AURA"};
  int regional_share_pct = 12;
};

struct PopulationStats {
  long long households = 0;
  long long persons = 0;
};

// Writes the header and one row per person to `out`.
PopulationStats generate_population(const PopulationSpec& spec, std::ostream& out);

// Synthetic identifiers with valid keys (exposed for tests).
std::string synthetic_nir(uint64_t n, int sex_digit, int birth_year, unsigned birth_month);
std::string synthetic_iban(uint64_t n);

}  // namespace mutua

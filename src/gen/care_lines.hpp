// Synthetic care lines (INTERFACES.md "Care lines") for demos and benchmarks of the claims
// engine: N lines for the insured persons of a population, with a realistic mix of categories
// (by default the Open DAMIR mix of the specification's claims_mix.csv, built in: paramedical,
// imaging, specialists and pharmacy dominant; some hospital, optics, dental, hearing). Amounts
// follow typical 2026 tariffs; RO amounts are computed from the base and rate as the RO does (flat
// fee and franchises deducted). Each décompte (1-4 lines) comes from one synthetic professional
// (`provider` column, about one per 20 insured persons) and is under tiers payant 45% of the
// time; about 0.3% of décomptes are sent twice (BEN-12 duplicates). Deterministic for a given
// seed. Illustrative figures, no real data.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"

namespace mutua {

struct MixEntry {
  std::string category;
  int weight_bp = 0;  // share in basis points of percent (17.49% = 1749)
};

// The built-in mix (claims_mix.csv of January 2024 Open DAMIR data).
std::vector<MixEntry> default_care_mix();
// Reads a `category,weight_pct` CSV.
Result<std::vector<MixEntry>> load_care_mix(const std::string& path);

struct InsuredRef {
  std::string contract_id;
  std::string beneficiary_id;
  Date start{};
  std::optional<Date> end;
};

struct CareLinesSpec {
  long long lines = 1000;
  uint64_t seed = 1;
  int year = 2026;
  std::vector<MixEntry> mix = default_care_mix();
};

// Writes the header and `spec.lines` lines (grouped 1-4 lines per décompte) for persons drawn
// from `insured`, with care dates inside each person's rights period within the year and
// received dates 1-20 days later, at the latest on 31 December (a run dated that day accepts
// them all).
// Returns the number of lines written (0 when `insured` is empty).
long long generate_care_lines(const CareLinesSpec& spec, const std::vector<InsuredRef>& insured,
                              std::ostream& out);

}  // namespace mutua

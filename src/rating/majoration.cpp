// MAJ-01..04, MAJ-07: the majoration coefficient of a labelled contract's member.
//
// The computation is the maximum of dated candidates, then a count of anniversaries; each
// candidate is recorded with a plain label so explain() can show what was compared (MAJ-06).
#include <string>

#include "rating/rating.hpp"

namespace mutua {

namespace {

// MAJ-03: agents in post on the reference date and retirees only count years from the legacy
// start. Interpretation: an agent whose civil-service entry date is unknown is treated as in
// post on the reference date (the conservative reading: the entry proof of ADH-04 is only
// required for entries after 2011-11-08, so a missing date means an earlier entry).
bool is_legacy(const Contract& contract, const RatingParams& params) {
  if (contract.status == MemberStatus::kRetired) return true;
  if (!contract.civil_service_entry) return true;
  return *contract.civil_service_entry <= params.reference_date;
}

void add_candidate(Majoration& m, std::string what, Date date) {
  m.candidates.push_back(MajorationCandidate{std::move(what), date});
}

// The MAJ-07 candidates, in the order the règlement lists them.
void collect_candidates(const Contract& contract, const RatingParams& params, Majoration& m) {
  add_candidate(m, "reference date (décret 2011-1474)",
                params.reference_date);
  if (contract.civil_service_entry) {
    add_candidate(m,
                  "civil-service entry " + format_date(*contract.civil_service_entry) + " + " +
                      std::to_string(params.seniority_grace_years) + " years (MAJ-03)",
                  add_years(*contract.civil_service_entry, params.seniority_grace_years));
  }
  if (const Beneficiary* member = contract.member()) {
    add_candidate(m, std::to_string(params.age_threshold) + "th birthday (born " +
                         format_date(member->birth_date) + ")",
                  add_years(member->birth_date, params.age_threshold));
  }
  if (contract.last_coverage_end) {
    add_candidate(m, "end of the last reference guarantee", *contract.last_coverage_end);
  }
  if (m.legacy) {
    add_candidate(m,
                  contract.status == MemberStatus::kRetired
                      ? "legacy start for retirees (MAJ-03)"
                      : "legacy start for agents in post on " +
                            format_date(params.reference_date) + " (MAJ-03)",
                  params.legacy_start);
  }
}

}  // namespace

Majoration majoration(const Contract& contract, const RatingParams& params) {
  Majoration m;
  m.applies = true;  // the caller only asks for labelled products
  m.prior_bp = contract.prior_coefficient_bp;
  m.rate_bp = params.majoration_rate_bp;
  m.adhesion = contract.adhesion_date();
  m.legacy = is_legacy(contract, params);
  m.proofs_missing = !contract.last_coverage_end;  // ADH-04: that end is then unknown
  m.candidates.reserve(5);
  collect_candidates(contract, params, m);
  m.start = m.candidates.front().date;
  for (const auto& c : m.candidates) {
    if (m.start < c.date) m.start = c.date;
  }
  m.years = whole_years(m.start, m.adhesion);  // 0 when start is after the adhesion (MAJ-01)
  m.coefficient_bp = m.prior_bp + params.majoration_rate_bp * m.years;
  return m;
}

}  // namespace mutua

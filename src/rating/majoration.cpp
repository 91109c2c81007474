// MAJ-01..04, MAJ-07: the majoration coefficient of a labelled contract's member.
//
// The computation is the maximum of dated candidates, then a count of anniversaries; each
// candidate is recorded with a plain label so explain() can show what was compared (MAJ-06).
#include <string>

#include "rating/rating.hpp"

namespace mutua {

namespace {

// MAJ-03: agents in post on the reference date and retirees only count years from the legacy
// start. Interpretation: an unknown civil-service entry date is not a candidate of the MAJ-07
// maximum and does not make the agent "in post on 2011-11-08", the same way an unknown end of
// the last guarantee does not enter it (ADH-04: missing proofs, covered duration presumed 0).
bool is_legacy(const Contract& contract, const RatingParams& params) {
  if (contract.status == MemberStatus::kRetired) return true;
  if (!contract.civil_service_entry) return false;
  return *contract.civil_service_entry <= params.reference_date;
}

void add_candidate(Majoration& m, std::string what, Date date) {
  m.candidates.push_back(MajorationCandidate{std::move(what), date});
}

// The MAJ-07 candidates, in the order the règlement lists them. Labels are short plain words
// (they fit in std::string's inline buffer: this runs once per contract of a yearly run);
// explain() adds the rule references around them.
void collect_candidates(const Contract& contract, const RatingParams& params, Majoration& m) {
  add_candidate(m, kCandidateReference, params.reference_date);
  if (contract.civil_service_entry) {
    int grace = params.seniority_grace_years;
    add_candidate(
        m,
        grace == 2 ? std::string(kCandidateEntry) : "entry + " + std::to_string(grace) + " years",
        add_years(*contract.civil_service_entry, grace));
  }
  if (const Beneficiary* member = contract.member()) {
    int age = params.age_threshold;
    add_candidate(
        m, age == 30 ? std::string(kCandidateBirthday) : "birthday at " + std::to_string(age),
        add_years(member->birth_date, age));
  }
  if (contract.last_coverage_end) {
    add_candidate(m, kCandidateCoverageEnd, *contract.last_coverage_end);
  }
  if (m.legacy) add_candidate(m, kCandidateLegacy, params.legacy_start);
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

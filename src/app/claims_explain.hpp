// `mutua claims explain CLAIM LINE` (BEN-15): the stored decision of a line, with every step of
// its computation in plain words.
//
// The steps are replayed from what was stored with the decision: the line itself, the
// accumulator values it met (window and yearly budget), the rights and arrears the reasons
// record, and the product's benefit and the regulation in force at the care date. The stored
// status, rc and reasons are authoritative: when the replay differs (the catalogue was changed
// since), the explanation says so and shows the stored result.
#pragma once

#include <string>

#include "claims/care_line.hpp"
#include "claims/decision.hpp"
#include "claims/records.hpp"
#include "core/result.hpp"
#include "regulation/regulation.hpp"
#include "storage/store.hpp"

namespace mutua {

struct ClaimExplanation {
  StoredDecision stored;
  std::string payee_ref;
  CareLine line;
  Decision replay;     // with its steps
  bool matches = true; // the replay reached the stored status, rc and reasons
  std::string text;    // the plain-words explanation
};

// An unknown (claim_id, line) is an Error naming the pair (exit 3 at the CLI).
Result<ClaimExplanation> explain_claim(Store& store, const Regulation& regulation,
                                       const std::string& claim_id, int line);

}  // namespace mutua

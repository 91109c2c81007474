#include "app/claims_json.hpp"

namespace mutua {

using nlohmann::json;

json explanation_json(const ClaimExplanation& x) {
  json steps = json::array();
  for (const Step& s : x.replay.steps) {
    steps.push_back({{"text", s.text}, {"rule", s.rule_id}, {"amount", s.amount.format()}});
  }
  const StoredDecision& d = x.stored;
  const CareLine& l = x.line;
  return {{"claim_id", d.claim_id},
          {"line", d.line},
          {"run_id", d.run_id},
          {"contract_id", d.contract_id},
          {"beneficiary_id", l.beneficiary_id},
          {"category", l.category},
          {"care_date", format_date(l.care_date)},
          {"charged", l.charged.format()},
          {"base", l.base.format()},
          {"ro_paid", l.ro_paid.format()},
          {"other_payers", l.other_payers.format()},
          {"status", std::string(to_string(d.status))},
          {"rc", d.rc.format()},
          {"remaining", d.remaining.format()},
          {"reasons", d.reasons},
          {"payee", std::string(to_string(l.payee))},
          {"payee_ref", x.payee_ref},
          {"steps", steps},
          {"replay_matches", x.matches},
          {"text", x.text}};
}

}  // namespace mutua

#include "app/rate_json.hpp"

namespace mutua {

nlohmann::json rated_contract_json(const RatedContract& rated, bool with_explanation) {
  nlohmann::json j = nlohmann::json::parse(rate_to_json(rated.rate));
  if (with_explanation) j["explanation"] = explain(rated.rate, rated.product);
  return j;
}

}  // namespace mutua

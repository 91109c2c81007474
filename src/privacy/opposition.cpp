#include "privacy/opposition.hpp"

namespace mutua {

std::string_view to_string(MarketingUse use) {
  return use == MarketingUse::kSurveys ? "surveys" : "extra_offers";
}

std::optional<MarketingUse> parse_marketing_use(std::string_view text) {
  if (text == "surveys") return MarketingUse::kSurveys;
  if (text == "extra_offers" || text == "extra-offers") return MarketingUse::kExtraOffers;
  return std::nullopt;
}

OppositionFlags apply_opposition(OppositionFlags current, std::optional<bool> surveys,
                                 std::optional<bool> extra_offers) {
  if (surveys) current.surveys = *surveys;
  if (extra_offers) current.extra_offers = *extra_offers;
  return current;
}

bool may_address(const Contract& contract, MarketingUse use, const OppositionIndex& flags,
                 Date on) {
  const Beneficiary* member = contract.member();
  if (!member || !member->covered_on(on)) return false;
  auto it = flags.find(member->id);
  return it == flags.end() || !it->second.opposes(use);
}

std::vector<std::string> marketing_audience(const std::vector<Contract>& contracts,
                                            MarketingUse use, const OppositionIndex& flags,
                                            Date on) {
  std::vector<std::string> out;
  for (const Contract& c : contracts) {
    if (may_address(c, use, flags, on)) out.push_back(c.id);
  }
  return out;
}

}  // namespace mutua

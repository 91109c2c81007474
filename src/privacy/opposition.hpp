// Opposition to marketing uses (GDPR-04, Règlement mutualiste art. 26.1 and 26.4): a member may
// object at any time, and change their choice, to their data being used for satisfaction surveys,
// polls and contests (`surveys`) and for offers of complementary guarantees (`extra_offers`).
// Pure: values in, values out.
//
// Contract:
// - Flags are per person (beneficiary id); true means the person objects. No record: no
//   objection. Each change is kept as a dated record (the latest wins), so the mutuelle can show
//   what the person had chosen on any date.
// - A marketing mailing addresses a contract through its member (the e-mail and postal address
//   are the member's): marketing_audience keeps the contracts whose member is covered on the
//   date and has not objected to that use. Ended adhesions are not addressed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "members/contract.hpp"

namespace mutua {

enum class MarketingUse { kSurveys, kExtraOffers };
std::string_view to_string(MarketingUse use);  // "surveys" | "extra_offers"
std::optional<MarketingUse> parse_marketing_use(std::string_view text);

struct OppositionFlags {
  bool surveys = false;       // objects to surveys, polls, contests
  bool extra_offers = false;  // objects to offers of complementary guarantees
  bool opposes(MarketingUse use) const {
    return use == MarketingUse::kSurveys ? surveys : extra_offers;
  }
  friend bool operator==(const OppositionFlags&, const OppositionFlags&) = default;
};

// A change of a person's flags, as stored (history: the latest by id is in force).
struct OppositionRecord {
  int64_t id = 0;  // assigned by the store
  std::string beneficiary_id;
  OppositionFlags flags;
  Date effective{};                   // the business date of the change
  std::optional<int64_t> request_id;  // the opposition request it answers, if any
  friend bool operator==(const OppositionRecord&, const OppositionRecord&) = default;
};

// The flags after a change: each given value replaces the current one.
OppositionFlags apply_opposition(OppositionFlags current, std::optional<bool> surveys,
                                 std::optional<bool> extra_offers);

// Current flags by beneficiary id (absent: no objection).
using OppositionIndex = std::map<std::string, OppositionFlags, std::less<>>;

// Whether a contract may be addressed for `use` on `on` (GDPR-04): its member is covered that day
// and has not objected.
bool may_address(const Contract& contract, MarketingUse use, const OppositionIndex& flags, Date on);
// The ids of the contracts of `contracts` that may be addressed, in the given order.
std::vector<std::string> marketing_audience(const std::vector<Contract>& contracts,
                                            MarketingUse use, const OppositionIndex& flags,
                                            Date on);

}  // namespace mutua

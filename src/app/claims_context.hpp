// ClaimsWorld: what the claims engine needs to know about the members, loaded once per run from
// the store: who is insured under which contract and product, their rights periods, suspensions
// (SUS-01), contracts in arrears (BEN-09), the product benefits, and the regulatory figures of
// each line (cached by category and date). It turns a parsed CareLine into the LineContext of
// adjudicate().
//
// Memory: about 150 bytes per insured person plus the catalogue; it does not grow with lines.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalogue/catalogue.hpp"
#include "claims/adjudicate.hpp"
#include "core/result.hpp"
#include "members/contract.hpp"
#include "regulation/regulation.hpp"
#include "storage/store.hpp"

namespace mutua {

class ClaimsWorld {
 public:
  // Loads members, suspensions, contribution statuses and the catalogue from the store.
  static std::unique_ptr<ClaimsWorld> load(Store& store, const Regulation& regulation);

  // The context of a line: the beneficiary must exist and belong to the line's contract, else an
  // Error naming `file`, the line and the field (beneficiary_id or contract_id). The regulatory
  // figures a category needs but the regulation lacks are an Error too.
  // `contract` receives the index of the line's contract (dense, for per-contract tallies).
  Status context_for(const CareLine& line, const std::string& file, LineContext& out,
                     uint32_t& contract);

 private:
  struct ContractInfo {
    std::string id;
    const std::vector<const Benefit*>* benefits = nullptr;  // by category index
    // Product changes (ADH-06), ascending: from `first` on, the benefits of that product apply.
    std::vector<std::pair<Date, const std::vector<const Benefit*>*>> changes;
    std::vector<Suspension> suspensions;
    CollectionStatus collection = CollectionStatus::kUpToDate;
    Date collection_since{};
  };
  struct Insured {
    uint32_t contract = 0;
    Date start{};
    std::optional<Date> end;
  };
  struct RulesKey {
    int category;
    int care_day;
    friend bool operator==(const RulesKey&, const RulesKey&) = default;
  };
  struct RulesKeyHash {
    size_t operator()(const RulesKey& k) const {
      return std::hash<int64_t>()((static_cast<int64_t>(k.category) << 32) ^ k.care_day);
    }
  };

  explicit ClaimsWorld(const Regulation& regulation) : regulation_(regulation) {}
  // The beneficiary's rights on the care date (ADH-07, CES-01, SUS-01).
  RightsStatus rights(const Insured& who, Date care_date) const;
  int category_index(std::string_view category) const;
  Result<LineRules> rules_for(const CareLine& line, int category);

  const Regulation& regulation_;
  Catalogue catalogue_;
  std::unordered_map<std::string, std::vector<const Benefit*>> benefits_by_product_;
  std::vector<ContractInfo> contracts_;
  std::unordered_map<std::string, uint32_t> contract_index_;
  std::unordered_map<std::string, Insured> insured_;
  std::unordered_map<std::string_view, int> categories_;
  std::unordered_map<RulesKey, Result<CategoryRules>, RulesKeyHash> category_rules_;
  std::unordered_map<int, Result<int>> prescription_;
};

}  // namespace mutua

// ClaimsWorld: what the claims engine needs to know about the members, loaded once per run from
// the store: who is insured under which contract and product, their rights periods, suspensions
// (SUS-01), contracts in arrears (BEN-09), the product benefits (the table in force in the year
// of the care date, BEN-17), and the regulatory figures of each line (cached by category and
// date; the renewal period and the figures that depend on the beneficiary's age, BEN-16/18, are
// looked up for the lines that need them). It turns a parsed CareLine into the LineContext of
// adjudicate(). ClaimsWorld::load_contracts loads a few contracts only (the release of held lines,
// app/claims_release.hpp); decide_line is the one path by which the claims run and the release
// decide a line and record it.
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
#include "members/rights.hpp"
#include "regulation/regulation.hpp"
#include "storage/store.hpp"

namespace mutua {

class ClaimsWorld {
 public:
  // Loads members, suspensions, contribution statuses and the catalogue from the store.
  static std::unique_ptr<ClaimsWorld> load(Store& store, const Regulation& regulation);
  // The same for the given contracts only (their beneficiaries, product changes, suspensions and
  // contribution status), for the release of held lines (BEN-09, DUN-04): a handful of contracts
  // among millions. Unknown ids are skipped (their lines then fail context_for).
  static std::unique_ptr<ClaimsWorld> load_contracts(Store& store, const Regulation& regulation,
                                                     const std::vector<std::string>& contract_ids);

  // The context of a line: the beneficiary must exist and belong to the line's contract, else an
  // Error naming `file`, the line and the field (beneficiary_id or contract_id). The regulatory
  // figures a category needs but the regulation lacks are an Error too.
  // `contract` receives the index of the line's contract (dense, for per-contract tallies).
  Status context_for(const CareLine& line, const std::string& file, LineContext& out,
                     uint32_t& contract);

 private:
  // A product's benefit tables by category index (BEN-17).
  struct ProductBenefits {
    bool responsible = true;
    std::vector<const Benefit*> undated;
    std::vector<std::pair<int, std::vector<const Benefit*>>> dated;  // ascending by year
    // The table in force in `year` (the latest dated one ≤ year, else the undated one).
    const std::vector<const Benefit*>& in(int year) const;
  };
  struct ContractInfo {
    std::string id;
    const ProductBenefits* benefits = nullptr;
    // Product changes (ADH-06), ascending: from `first` on, the benefits of that product apply.
    std::vector<std::pair<Date, const ProductBenefits*>> changes;
    std::vector<Suspension> suspensions;
    CollectionStatus collection = CollectionStatus::kUpToDate;
    Date collection_since{};
    std::optional<Date> suspended_from;  // terminated after a suspension (DUN-02)
  };
  struct Insured {
    uint32_t contract = 0;
    Date birth{};  // BEN-16 renewal periods and BEN-18 depend on the age at the care date
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
  // A world with the catalogue and no contract yet; the add_* below fill it.
  static std::unique_ptr<ClaimsWorld> with_catalogue(Store& store, const Regulation& regulation);
  void add_contract(const Contract& c);
  void add_product_change(const ProductChange& change);
  void add_suspension(const Suspension& s);
  void set_collection(const std::string& contract_id, const CollectionState& state);
  // The beneficiary's rights on the care date (ADH-07, CES-01, SUS-01).
  RightsStatus rights(const Insured& who, Date care_date) const;
  int category_index(std::string_view category) const;
  Result<LineRules> rules_for(const CareLine& line, int category);

  const Regulation& regulation_;
  Catalogue catalogue_;
  std::unordered_map<std::string, ProductBenefits> benefits_by_product_;
  std::vector<ContractInfo> contracts_;
  std::unordered_map<std::string, uint32_t> contract_index_;
  std::unordered_map<std::string, Insured> insured_;
  std::unordered_map<std::string_view, int> categories_;
  std::unordered_map<RulesKey, Result<CategoryRules>, RulesKeyHash> category_rules_;
  std::unordered_map<int, Result<int>> prescription_;
};

// --- Deciding a line: one path for the claims run and the release of held lines ----------

// Who a paid line pays (BEN-13): the member's contract, else the professional, else the claim.
std::string payee_ref(const CareLine& line);

// A decided line and the accumulator entries it changed (to be written back).
struct DecidedLine {
  Decision decision;
  std::optional<UsageKey> window;  // the limits window it consumed (BEN-08)
  std::optional<UsageKey> budget;  // the yearly euro budget it consumed
  std::optional<UsageKey> renewal;  // the equipment it recorded (BEN-16), saved as a window
};

// Adjudicates `line` against `state` (updated for a PAID line, BEN-08) and, when `stored` is
// given, fills it with the decision and the detail `claims explain` replays (the line, its payee,
// the accumulator values it met); the caller sets stored->run_id.
DecidedLine decide_line(const CareLine& line, const LineContext& context, AccumulatorState& state,
                        StoredDecision* stored);

}  // namespace mutua

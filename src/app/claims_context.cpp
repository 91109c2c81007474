#include "app/claims_context.hpp"

namespace mutua {

std::unique_ptr<ClaimsWorld> ClaimsWorld::load(Store& store, const Regulation& regulation) {
  std::unique_ptr<ClaimsWorld> w(new ClaimsWorld(regulation));
  const auto& categories = care_categories();
  for (size_t i = 0; i < categories.size(); ++i) w->categories_[categories[i]] = static_cast<int>(i);

  w->catalogue_ = store.load_catalogue();
  for (const Product& p : w->catalogue_.products) {
    std::vector<const Benefit*> by_category(categories.size(), nullptr);
    for (size_t i = 0; i < categories.size(); ++i) by_category[i] = p.benefit_for(categories[i]);
    w->benefits_by_product_[p.code] = std::move(by_category);
  }

  store.for_each_contract([&](const Contract& c) {
    ContractInfo info;
    info.id = c.id;
    auto it = w->benefits_by_product_.find(c.product);
    info.benefits = it == w->benefits_by_product_.end() ? nullptr : &it->second;
    const auto index = static_cast<uint32_t>(w->contracts_.size());
    w->contract_index_[c.id] = index;
    w->contracts_.push_back(std::move(info));
    for (const Beneficiary& b : c.beneficiaries) {
      w->insured_[b.id] = Insured{index, b.start_date, b.end_date};
    }
  });
  store.for_each_product_change([&](const ProductChange& change) {
    auto it = w->contract_index_.find(change.contract_id);
    if (it == w->contract_index_.end()) return;
    auto product = w->benefits_by_product_.find(change.product);
    w->contracts_[it->second].changes.emplace_back(
        change.effective,
        product == w->benefits_by_product_.end() ? nullptr : &product->second);
  });
  store.for_each_suspension([&](const Suspension& s) {
    auto it = w->contract_index_.find(s.contract_id);
    if (it != w->contract_index_.end()) w->contracts_[it->second].suspensions.push_back(s);
  });
  store.for_each_collection_status([&](const std::string& id, CollectionStatus status, Date since) {
    auto it = w->contract_index_.find(id);
    if (it == w->contract_index_.end()) return;
    w->contracts_[it->second].collection = status;
    w->contracts_[it->second].collection_since = since;
  });
  return w;
}

int ClaimsWorld::category_index(std::string_view category) const {
  auto it = categories_.find(category);
  return it == categories_.end() ? -1 : it->second;
}

RightsStatus ClaimsWorld::rights(const Insured& who, Date care_date) const {
  const ContractInfo& contract = contracts_[who.contract];
  if (care_date < who.start) return RightsStatus::kNotStarted;
  if (who.end && care_date > *who.end) return RightsStatus::kEnded;
  // A contract terminated for non-payment (DUN-03) ends rights on the termination date.
  if (contract.collection == CollectionStatus::kTerminated &&
      care_date >= contract.collection_since) {
    return RightsStatus::kEnded;
  }
  for (const Suspension& s : contract.suspensions) {
    if (s.covers(care_date)) return RightsStatus::kSuspended;
  }
  return RightsStatus::kOpen;
}

Result<LineRules> ClaimsWorld::rules_for(const CareLine& line, int category) {
  const int received = day_number(line.received_date);
  auto p = prescription_.find(received);
  if (p == prescription_.end()) {
    p = prescription_.emplace(received, prescription_years(regulation_, line.received_date)).first;
  }
  if (!p->second) return p->second.error();
  const RulesKey key{category, day_number(line.care_date)};
  auto c = category_rules_.find(key);
  if (c == category_rules_.end()) {
    c = category_rules_
            .emplace(key, mutua::category_rules(regulation_, line.category, line.care_date))
            .first;
  }
  if (!c->second) return c->second.error();
  return make_line_rules(*c->second, *p->second, line.quantity);
}

Status ClaimsWorld::context_for(const CareLine& line, const std::string& file, LineContext& out,
                                uint32_t& contract_index) {
  auto it = insured_.find(line.beneficiary_id);
  if (it == insured_.end()) {
    return data_error(file, line.source_line, "beneficiary_id",
                      "unknown beneficiary '" + line.beneficiary_id + "'");
  }
  contract_index = it->second.contract;
  const ContractInfo& contract = contracts_[contract_index];
  if (contract.id != line.contract_id) {
    return data_error(file, line.source_line, "contract_id",
                      "beneficiary '" + line.beneficiary_id + "' belongs to contract '" +
                          contract.id + "', not '" + line.contract_id + "'");
  }
  const int category = category_index(line.category);
  if (category < 0) {
    return data_error(file, line.source_line, "category",
                      "unknown care category '" + line.category + "'");
  }
  Result<LineRules> rules = rules_for(line, category);
  if (!rules) {
    Error e = rules.error();
    e.message = "regulation: " + e.message;
    return e;
  }
  // The product in force on the care date (ADH-06: the old guarantee applies until the change).
  const std::vector<const Benefit*>* benefits = contract.benefits;
  for (const auto& [first, later] : contract.changes) {
    if (line.care_date >= first) benefits = later;
  }
  out.benefit = benefits ? (*benefits)[category] : nullptr;
  out.rights = rights(it->second, line.care_date);
  out.in_arrears = in_arrears(contract.collection);
  out.duplicate = false;
  out.rules = *rules;
  return Status::success();
}

}  // namespace mutua

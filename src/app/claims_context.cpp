#include "app/claims_context.hpp"

namespace mutua {

std::unique_ptr<ClaimsWorld> ClaimsWorld::with_catalogue(Store& store,
                                                         const Regulation& regulation) {
  std::unique_ptr<ClaimsWorld> w(new ClaimsWorld(regulation));
  const auto& categories = care_categories();
  for (size_t i = 0; i < categories.size(); ++i) w->categories_[categories[i]] = static_cast<int>(i);

  w->catalogue_ = store.load_catalogue();
  auto by_category = [&](const std::vector<Benefit>& table) {
    std::vector<const Benefit*> out(categories.size(), nullptr);
    for (const Benefit& b : table) {
      auto it = w->categories_.find(b.category);
      if (it != w->categories_.end()) out[it->second] = &b;
    }
    return out;
  };
  for (const Product& p : w->catalogue_.products) {
    ProductBenefits& pb = w->benefits_by_product_[p.code];
    pb.responsible = p.responsible;
    pb.undated = by_category(p.benefits);
    for (const BenefitTable& t : p.benefit_tables) pb.dated.emplace_back(t.year, by_category(t.benefits));
  }
  return w;
}

const std::vector<const Benefit*>& ClaimsWorld::ProductBenefits::in(int year) const {
  const std::vector<const Benefit*>* table = &undated;
  for (const auto& [first, benefits] : dated) {
    if (first <= year) table = &benefits;
  }
  return *table;
}

std::unique_ptr<ClaimsWorld> ClaimsWorld::load(Store& store, const Regulation& regulation) {
  std::unique_ptr<ClaimsWorld> w = with_catalogue(store, regulation);
  store.for_each_contract([&](const Contract& c) { w->add_contract(c); });
  store.for_each_product_change([&](const ProductChange& change) { w->add_product_change(change); });
  store.for_each_suspension([&](const Suspension& s) { w->add_suspension(s); });
  store.for_each_collection_status([&](const std::string& id, const CollectionState& state) {
    w->set_collection(id, state);
  });
  return w;
}

std::unique_ptr<ClaimsWorld> ClaimsWorld::load_contracts(
    Store& store, const Regulation& regulation, const std::vector<std::string>& contract_ids) {
  std::unique_ptr<ClaimsWorld> w = with_catalogue(store, regulation);
  for (const std::string& id : contract_ids) {
    if (w->contract_index_.count(id)) continue;  // listed twice
    std::optional<Contract> contract = store.find_contract(id);
    if (!contract) continue;
    w->add_contract(*contract);
    for (const ProductChange& change : store.product_changes(id)) w->add_product_change(change);
    for (const Suspension& s : store.suspensions(id)) w->add_suspension(s);
    if (auto state = store.collection_status(id)) w->set_collection(id, *state);
  }
  return w;
}

void ClaimsWorld::add_contract(const Contract& c) {
  ContractInfo info;
  info.id = c.id;
  auto it = benefits_by_product_.find(c.product);
  info.benefits = it == benefits_by_product_.end() ? nullptr : &it->second;
  const auto index = static_cast<uint32_t>(contracts_.size());
  contract_index_[c.id] = index;
  contracts_.push_back(std::move(info));
  for (const Beneficiary& b : c.beneficiaries) {
    insured_[b.id] = Insured{index, b.birth_date, b.start_date, b.end_date};
  }
}

// Changes arrive in ascending effective date (context_for keeps the last one in force).
void ClaimsWorld::add_product_change(const ProductChange& change) {
  auto it = contract_index_.find(change.contract_id);
  if (it == contract_index_.end()) return;
  auto product = benefits_by_product_.find(change.product);
  contracts_[it->second].changes.emplace_back(
      change.effective, product == benefits_by_product_.end() ? nullptr : &product->second);
}

void ClaimsWorld::add_suspension(const Suspension& s) {
  auto it = contract_index_.find(s.contract_id);
  if (it != contract_index_.end()) contracts_[it->second].suspensions.push_back(s);
}

void ClaimsWorld::set_collection(const std::string& contract_id, const CollectionState& state) {
  auto it = contract_index_.find(contract_id);
  if (it == contract_index_.end()) return;
  contracts_[it->second].collection = state.status;
  contracts_[it->second].collection_since = state.since;
  contracts_[it->second].suspended_from = state.suspended_from;
}

int ClaimsWorld::category_index(std::string_view category) const {
  auto it = categories_.find(category);
  return it == categories_.end() ? -1 : it->second;
}

RightsStatus ClaimsWorld::rights(const Insured& who, Date care_date) const {
  const ContractInfo& contract = contracts_[who.contract];
  if (care_date < who.start) return RightsStatus::kNotStarted;
  if (who.end && care_date > *who.end) return RightsStatus::kEnded;
  // The reading `member rights` gives too (members/rights.hpp): terminated for non-payment ends
  // rights (DUN-03); care during a suspension that ended in termination is never covered
  // (DUN-02); a suspension still running holds the line instead (BEN-09, via in_arrears).
  const CollectionState collection{contract.collection, contract.collection_since,
                                   contract.suspended_from};
  switch (non_payment_on(collection, care_date)) {
    case NonPayment::kTerminated: return RightsStatus::kTerminatedNonPayment;
    case NonPayment::kSuspendedThenTerminated: return RightsStatus::kSuspendedNonPayment;
    default: break;
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
  // The product in force on the care date (ADH-06: the old guarantee applies until the change),
  // and its benefit table of the care year (BEN-17).
  const ProductBenefits* product = contract.benefits;
  for (const auto& [first, later] : contract.changes) {
    if (line.care_date >= first) product = later;
  }
  out.benefit = product ? product->in(year_of(line.care_date))[category] : nullptr;
  out.responsible = product ? product->responsible : true;
  out.rights = rights(it->second, line.care_date);
  out.in_arrears = in_arrears(contract.collection);
  out.duplicate = false;
  out.rules = *rules;
  if (out.benefit != nullptr) {
    // BEN-16, BEN-18: the figures that depend on the beneficiary's age and the product.
    if (Status s = add_person_rules(regulation_, line, it->second.birth,
                                    product->responsible, out.rules);
        !s) {
      Error e = s.error();
      e.message = "regulation: " + e.message;
      return e;
    }
  }
  return Status::success();
}

// --- Deciding a line ------------------------------------------------------------------------

namespace {

bool has_budget(const Benefit& b) {
  auto yearly = [](const std::optional<Formula>& f) {
    return f && ((f->amount && f->amount->per == Per::kYear) ||
                 (f->plus && f->plus->per == Per::kYear));
  };
  return yearly(b.formula) || yearly(b.optam) || yearly(b.non_optam);
}

}  // namespace

std::string payee_ref(const CareLine& line) {
  if (line.payee == Payee::kMember) return line.contract_id;
  if (!line.provider.empty()) return line.provider;
  return "claim:" + line.claim_id;
}

DecidedLine decide_line(const CareLine& line, const LineContext& context, AccumulatorState& state,
                        StoredDecision* stored) {
  // What the line meets in the accumulators (kept for explain).
  const Benefit* b = context.benefit;
  const bool limited = b && (b->limits.annual_cap || b->limits.max_count);
  const bool budget = b && has_budget(*b);
  UsageKey window;
  Usage before;
  Money budget_before;
  if (limited) {
    window = state.window_for(line.beneficiary_id, line.category, b->limits.period,
                              line.care_date);
    before = state.usage(window);
  }
  if (budget) {
    budget_before = state.budget_used(line.beneficiary_id, line.category, year_of(line.care_date));
  }

  std::vector<PriorEquipment> prior;  // BEN-16: the equipment the line meets in its period
  if (context.rules.renewal && b) prior = check_renewal(*context.rules.renewal, line, state).blocking;

  DecidedLine out;
  out.decision = adjudicate(line, context, state);
  const Decision& d = out.decision;
  if (d.status == ClaimStatus::kPaid && d.rc.cents() > 0) {
    if (context.rules.renewal) out.renewal = renewal_key(*context.rules.renewal, line);
    if (limited) out.window = window;
    if (budget) out.budget = UsageKey{line.beneficiary_id, line.category,
                                      first_of_year(year_of(line.care_date))};
  }
  if (!stored) return out;
  stored->claim_id = line.claim_id;
  stored->line = line.line;
  stored->contract_id = line.contract_id;
  stored->status = d.status;
  stored->rc = d.rc;
  stored->remaining = d.remaining;
  stored->reasons = d.reasons_text();
  stored->detail.clear();
  encode_detail(stored->detail, line, payee_ref(line),
                limited ? std::optional<Date>(window.window_start) : std::nullopt, before.amount,
                before.units, budget_before, prior);
  return out;
}

}  // namespace mutua

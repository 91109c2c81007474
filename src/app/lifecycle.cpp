// Lifecycle use cases after enrolment: dependants and proofs, product and situation changes,
// suspensions, resignations and radiations. See app/lifecycle.hpp.
#include "app/lifecycle.hpp"
#include "app/lifecycle_internal.hpp"

#include "app/billing.hpp"
#include "app/rate_service.hpp"
#include "core/iban.hpp"
#include "core/text.hpp"
#include "rating/refund.hpp"

namespace mutua {


std::string refresh_child_end(Store& store, const LifecycleParams& params, const Contract& contract,
                              const Beneficiary& child) {
  if (child.role != Role::kChild || !child.condition) return {};
  // The end the contract has for another reason: its termination, or a declared end.
  std::optional<Date> base;
  std::string base_reason;
  if (auto t = store.find_termination(contract.id)) {
    base = t->effective;
    base_reason = t->rule;
  } else if (child.end_date && child.end_reason != "ELIG-07") {
    base = child.end_date;
    base_reason = child.end_reason;
  }
  ConditionEnd end = child_condition_end(child.birth_date, child.start_date,
                                         store.proofs(child.id), params.rights_end);
  if (base && *base <= end.rights_end) {
    store.update_beneficiary_end(child.id, base, base_reason);
    return {};
  }
  store.update_beneficiary_end(child.id, end.rights_end, "ELIG-07");
  return end.why;
}

namespace {

constexpr const char* kChildEndsPending = "child_ends_pending";  // set by migration 12

Result<LifecycleParams> params_on(const Regulation& regulation, Date d) {
  return lifecycle_params(regulation, d);
}

Status check_partner(const Contract& c, const Beneficiary& person, Date start) {
  for (const Beneficiary& b : c.beneficiaries) {
    if (b.role == Role::kSpouse && (!b.end_date || *b.end_date >= start)) {
      return rule_error("ELIG-02", "at most one spouse or partner at a time: " + b.first_name +
                                       " " + b.last_name + " (" + b.id + ") is covered" +
                                       (b.end_date ? " until " + format_date(*b.end_date) : ""));
    }
  }
  if (!person.relation) {
    return data_error("", 0, "--relation", "spouse, pacs, concubin or union_libre (ELIG-02)");
  }
  return Status::success();
}

}  // namespace

Result<DependantOutcome> add_dependant(Store& store, const Regulation& regulation,
                                       DependantRequest request) {
  // The contract's persons are read in the transaction that adds one: two partners added at once,
  // the second is refused (ELIG-02); the same person twice, the second is "already stored".
  Transaction tx(store);
  auto loaded = load_contract(store, request.contract_id);
  if (!loaded) return loaded.error();
  Contract& c = *loaded;
  Beneficiary& b = request.person;
  b.start_date = request.start.value_or(add_days(request.received, 1));  // ADH-01
  if (b.start_date < c.adhesion_date()) {
    return data_error("", 0, "--start", "before the adhesion (" +
                                            format_date(c.adhesion_date()) + ")");
  }
  if (b.birth_date > b.start_date) return data_error("", 0, "--birth-date", "after the start");
  if (store.contract_of_beneficiary(b.id) || store.enrolment_of_beneficiary(b.id)) {
    return data_error("", 0, "BENEFICIARY", "already stored: " + b.id);
  }
  // A dependant joining an adhesion that already ends shares its end (refresh_child_end below
  // keeps it for a child whose condition lasts longer).
  if (auto t = store.find_termination(c.id)) {
    if (t->effective < b.start_date) {
      return rule_error(t->rule, "the adhesion ends on " + format_date(t->effective));
    }
    b.end_date = t->effective;
    b.end_reason = t->rule;
  }
  auto params = params_on(regulation, b.start_date);
  if (!params) return params.error();
  std::vector<Proof> proofs;
  if (request.proof) {
    request.proof->beneficiary_id = b.id;
    request.proof->received = request.received;
    proofs.push_back(*request.proof);
  }
  if (b.role == Role::kSpouse) {
    if (Status s = check_partner(c, b, b.start_date); !s) return s.error();
  } else if (b.role == Role::kChild) {
    if (!b.condition) {
      return data_error("", 0, "--condition", "minor, student, apprentice or job_seeker");
    }
    if (request.proof) {
      if (Status s = check_proof_for(*b.condition, *request.proof); !s) return s.error();
    }
    if (Status s = check_child(*b.condition, b.birth_date, b.start_date, proofs); !s) {
      return s.error();
    }
  } else {
    return data_error("", 0, "--role", "spouse or child (a contract has one member)");
  }
  store.insert_beneficiary(c.id, b);
  for (const Proof& p : proofs) store.insert_proof(p);
  DependantOutcome out;
  out.contract_id = c.id;
  out.end_why = refresh_child_end(store, *params, c, b);
  tx.commit();
  auto stored = store.find_contract(c.id);
  for (const Beneficiary& x : stored->beneficiaries) {
    if (x.id == b.id) out.person = x;
  }
  return out;
}

Result<ProofOutcome> add_proof(Store& store, const Regulation& regulation, Proof proof) {
  Transaction tx(store);
  ProofOutcome out;
  std::optional<ChildCondition> condition;
  std::optional<Contract> contract;
  if (auto id = store.contract_of_beneficiary(proof.beneficiary_id)) {
    contract = store.find_contract(*id);
    out.contract_id = *id;
    for (const Beneficiary& b : contract->beneficiaries) {
      if (b.id == proof.beneficiary_id) condition = b.condition;
    }
  } else if (auto enrolment = store.enrolment_of_beneficiary(proof.beneficiary_id)) {
    out.contract_id = *enrolment;
    condition = enrolment_condition(store, *enrolment, proof.beneficiary_id);
  } else {
    return data_error("", 0, "BENEFICIARY", "unknown beneficiary '" + proof.beneficiary_id + "'");
  }
  if (!condition) {
    return rule_error("ELIG-08", proof.beneficiary_id +
                                     " is not a child covered on a condition that needs a proof");
  }
  if (Status s = check_proof_for(*condition, proof); !s) return s.error();
  auto params = params_on(regulation, proof.received);
  if (!params) return params.error();
  out.proof_id = store.insert_proof(proof);
  if (contract) {
    for (const Beneficiary& b : contract->beneficiaries) {
      if (b.id != proof.beneficiary_id) continue;
      out.end_why = refresh_child_end(store, *params, *contract, b);
    }
    auto stored = store.find_contract(contract->id);
    for (const Beneficiary& b : stored->beneficiaries) {
      if (b.id == proof.beneficiary_id) out.rights_end = b.end_date;
    }
  } else {
    out.enrolment = reevaluate_enrolment(store, regulation, out.contract_id);
  }
  tx.commit();
  return out;
}

Result<ProductChange> change_product(Store& store, const std::string& contract_id,
                                     const std::string& product, Date signed_on,
                                     const std::string& reference) {
  Transaction tx(store);  // ADH-06 decides on the changes stored: read them where one is added
  auto c = load_contract(store, contract_id);
  if (!c) return c.error();
  Catalogue catalogue = store.load_catalogue();
  if (!catalogue.find(product)) {
    return data_error("", 0, "--product", "unknown product '" + product + "'");
  }
  auto decided = decide_product_change(*c, store.product_changes(contract_id), product, signed_on,
                                       reference);
  if (!decided) return decided.error();
  store.insert_product_change(*decided);
  tx.commit();
  return decided;
}

Result<ContractChange> update_contract_field(Store& store, const std::string& contract_id,
                                             const std::string& field, const std::string& value,
                                             Date effective, Date today) {
  // The old value kept in contract_changes is read in the transaction that replaces it: changes
  // at once each keep the value the previous one wrote, none is lost.
  Transaction tx(store);
  auto loaded = load_contract(store, contract_id);
  if (!loaded) return loaded.error();
  Contract c = *loaded;
  ContractChange change{0, contract_id, field, "", value, effective, today};
  auto bad = [&](const std::string& why) { return data_error("", 0, "--value", why); };
  // Free text from a form or the command line (core/text.hpp): an address may span lines.
  if (auto why = text_problem(value, kTextBytesMax, field == "address")) return bad(*why);
  if (field == "email") {
    change.old_value = c.email;
    c.email = value;
  } else if (field == "iban") {
    if (Status s = validate_iban(value); !s) return bad(s.error().message);
    change.old_value = c.iban;
    c.iban = value;
  } else if (field == "address") {
    change.old_value = c.address;
    c.address = value;
  } else if (field == "employer") {
    change.old_value = c.employer;
    c.employer = value;
  } else if (field == "status") {
    auto s = parse_member_status(value);
    if (!s) return bad("expected active or retired");
    change.old_value = to_string(c.status);
    c.status = *s;
  } else if (field == "payment_frequency") {
    auto f = parse_payment_frequency(value);
    if (!f) return bad("expected monthly, quarterly, half_yearly or yearly");
    change.old_value = to_string(c.payment_frequency);
    c.payment_frequency = *f;
  } else {
    return data_error("", 0, "--field", "one of email, iban, address, employer, status, "
                                        "payment_frequency");
  }
  if (change.old_value == value) return bad("unchanged (" + field + " is already '" + value + "')");
  store.update_contract(c);
  store.insert_contract_change(change);
  if (field == "iban") {
    // BIL-03: new bank details are a new mandate (its own RUM, signed on the effective date);
    // the old one is revoked, so the debits already sent keep the account they were sent to.
    if (auto old = active_mandate_of(store.mandates(contract_id))) {
      store.revoke_mandate(old->rum);
      Mandate m = *old;
      m.rum = generate_rum(contract_id + "-" + format_date_compact(effective));
      m.iban = value;
      m.bic.clear();
      m.signed_on = effective;
      m.used = false;
      m.revoked = false;
      store.insert_mandates({m});
    }
  }
  tx.commit();
  return change;
}

Result<Suspension> suspend(Store& store, const Regulation& regulation, Suspension s,
                           Date today) {
  Transaction tx(store);  // SUS-01 decides on the suspensions stored: read them here
  auto c = load_contract(store, s.contract_id);
  if (!c) return c.error();
  auto params = params_on(regulation, s.notified);
  if (!params) return params.error();
  if (Status st = check_suspension(*c, s, store.suspensions(s.contract_id),
                                   params->suspension_notice_days);
      !st) {
    return st.error();
  }
  store.insert_suspension(s);
  // SUS-01: the suspended days are not due; what was already billed for them is credited back
  // (an adjustment entry, BIL-04), as a billing run would.
  if (Status st = rebill_contract(store, regulation, s.contract_id, today); !st) {
    return st.error();
  }
  tx.commit();
  return s;
}

namespace {

// The unused contribution (DEM-06) of a contract ending on `last_day`, or why it is unknown.
std::optional<int64_t> refund_of(Store& store, const Regulation& regulation, const Contract& c,
                                 Date last_day, std::string& note) {
  Catalogue catalogue = store.load_catalogue();
  std::string code = product_on(c, store.product_changes(c.id), last_day);
  const Product* product = catalogue.find(code);
  auto params = rating_params(regulation, year_of(last_day));
  if (!product || !params) {
    note = "no rating figures for " + code + " in " + std::to_string(year_of(last_day));
    return std::nullopt;
  }
  Contract billed = c;
  if (billed.product != code) billed.product = code;
  auto refund = unused_contribution(billed, *product, last_day, *params, store.suspensions(c.id));
  if (!refund) {
    note = refund.error().message;
    return std::nullopt;
  }
  return refund->cents();
}

}  // namespace

Status record_termination(Store& store, const Regulation& regulation, const Contract& c,
                          const Termination& t, Date today) {
  Contract ended = c;
  apply_end(ended, t.effective, t.rule);
  for (size_t i = 0; i < ended.beneficiaries.size(); ++i) {
    const Beneficiary& b = ended.beneficiaries[i];
    if (b.end_date != c.beneficiaries[i].end_date || b.end_reason != c.beneficiaries[i].end_reason) {
      store.update_beneficiary_end(b.id, b.end_date, b.end_reason);
    }
  }
  store.save_termination(t);
  if (Status s = rebill_contract(store, regulation, c.id, today); !s) return s;
  post_undue_benefits(store, c.id, t.effective, today);
  return Status::success();
}

namespace {

// In the caller's transaction, opened before the contract was read.
Result<TerminationOutcome> terminate(Store& store, const Regulation& regulation,
                                     const Contract& c, Termination t, std::string why) {
  TerminationOutcome out;
  t.refund_cents = refund_of(store, regulation, c, t.effective, out.refund_note);
  if (Status s = record_termination(store, regulation, c, t, t.received); !s) return s.error();
  out.termination = t;
  out.why = std::move(why);
  return out;
}

Status check_not_ended(Store& store, const Contract& c) {
  if (auto t = store.find_termination(c.id)) {
    return rule_error(t->rule, "contract " + c.id + " already ends on " +
                                   format_date(t->effective) + " (" + t->kind + " received " +
                                   format_date(t->received) + ")");
  }
  return Status::success();
}

}  // namespace

Result<TerminationOutcome> resign(Store& store, const Regulation& regulation,
                                  const std::string& contract_id,
                                  const ResignationRequest& request) {
  // One termination per contract: two resignations at once, the second finds the first.
  Transaction tx(store);
  auto c = load_contract(store, contract_id);
  if (!c) return c.error();
  if (Status s = check_not_ended(store, *c); !s) return s.error();
  auto decided = decide_resignation(*c, store.product_changes(contract_id), request,
                                    store.call_sendings(contract_id));
  if (!decided) return decided.error();
  Termination t;
  t.contract_id = contract_id;
  t.kind = std::string(to_string(request.kind));
  t.rule = decided->rule;
  t.received = request.received;
  t.event_date = request.event_date;
  if (request.event) t.event = std::string(to_string(*request.event));
  if (request.kind == ResignationKind::kCss) t.event = "css";
  t.sent = request.sent;
  t.new_insurer = request.new_insurer;
  t.effective = decided->effective;
  auto out = terminate(store, regulation, *c, t, decided->why);
  if (out) tx.commit();
  return out;
}

Result<CallsSentSummary> record_calls_sent(Store& store, int year, Date sent,
                                           SendChannel channel, bool last_day_stated,
                                           const std::string& contract_id, Date today) {
  if (sent > today) {
    return data_error("", 0, "--sent", "after the business date (" + format_date(today) + ")");
  }
  Transaction tx(store);  // DEM-11 decides on the sendings recorded: read them here
  std::vector<BillingSchedule> called;  // the calls concerned, with their issue date
  if (!contract_id.empty()) {
    auto c = load_contract(store, contract_id);
    if (!c) return c.error();
    for (BillingSchedule& s : store.schedules(contract_id)) {
      if (s.year == year) called.push_back(std::move(s));
    }
    if (called.empty()) {
      return rule_error("BIL-01", "no call for " + std::to_string(year) + " on contract " +
                                      contract_id + ": run `mutua billing run` first");
    }
  } else {
    store.for_each_schedule(year, [&](const BillingSchedule& s) { called.push_back(s); });
  }
  CallsSentSummary out;
  out.year = year;
  out.sent = sent;
  // L221-10-1: the last day our call states (DEM-01); not stated for a call sent without it.
  if (last_day_stated) out.last_day = renewal_resignation_deadline(year);
  std::vector<CallSending> calls;
  for (const BillingSchedule& s : called) {
    // DEM-11: not before the call was issued, not after today.
    if (Status st = check_sending_date(sent, s.called, today); !st) return st.error();
    CallSending call{s.contract_id, year, sent, channel, out.last_day, today};
    std::optional<CallSending> recorded;
    for (CallSending& x : store.call_sendings(s.contract_id)) {
      if (x.year == year) recorded = std::move(x);
    }
    if (recorded && same_sending(*recorded, call)) {
      ++out.unchanged;
    } else if (!recorded || !shortens_window(*recorded, call)) {
      calls.push_back(std::move(call));  // new, or a correction the member loses nothing by
    } else if (!contract_id.empty()) {
      return check_sending_correction(*recorded, call).error();
    } else {
      out.kept.push_back(s.contract_id);  // DEM-11: it would shorten: kept as recorded
    }
  }
  // DEM-11: every call concerned would lose part of its window: nothing this command may record.
  if (calls.empty() && out.unchanged == 0 && !out.kept.empty()) {
    CallSending call{out.kept.front(), year, sent, channel, out.last_day, today};
    for (const CallSending& x : store.call_sendings(out.kept.front())) {
      if (x.year == year) return check_sending_correction(x, call).error();
    }
  }
  RenewalNotice notice = renewal_notice(CallSending{"", year, sent, channel, out.last_day, today});
  out.late = notice.window == RenewalWindow::kTwentyDays;
  out.until = notice.until;
  out.calls = static_cast<int64_t>(calls.size());
  store.save_call_sendings(calls);
  tx.commit();
  return out;
}

Result<int64_t> settle_child_ends(Store& store, const Regulation& regulation, Date today) {
  Transaction tx(store);  // the flag is read where it is cleared: settled once
  auto pending_flag = store.billing_setting(kChildEndsPending);
  if (!pending_flag || *pending_flag != "1") return int64_t{0};
  auto params = params_on(regulation, today);
  if (!params) return params.error();
  // Only children the migration made minors have a condition and no end (every other path sets
  // one: refresh_child_end).
  std::vector<std::pair<Contract, Beneficiary>> pending;
  store.for_each_contract([&](const Contract& c) {
    for (const Beneficiary& b : c.beneficiaries) {
      if (b.role == Role::kChild && b.condition && !b.end_date) pending.emplace_back(c, b);
    }
  });
  for (const auto& [c, b] : pending) refresh_child_end(store, *params, c, b);
  store.set_billing_setting(kChildEndsPending, "0");
  tx.commit();
  return static_cast<int64_t>(pending.size());
}

Result<TerminationOutcome> radiate(Store& store, const Regulation& regulation,
                                   const std::string& contract_id, Date effective,
                                   const std::string& reason, Date today) {
  Transaction tx(store);  // one termination per contract (see resign)
  auto c = load_contract(store, contract_id);
  if (!c) return c.error();
  if (reason.empty()) return data_error("", 0, "--reason", "required (CES-02: which condition)");
  if (effective < c->adhesion_date()) {
    return data_error("", 0, "--date", "before the adhesion (" + format_date(c->adhesion_date()) + ")");
  }
  if (Status s = check_not_ended(store, *c); !s) return s.error();
  Termination t;
  t.contract_id = contract_id;
  t.kind = "radiation";
  t.rule = "CES-02";
  t.received = today;
  t.event = reason;
  t.effective = effective;
  auto out = terminate(store, regulation, *c, t,
                       "radiation: the admission conditions are no longer met (" + reason +
                           "); rights end on " + format_date(effective));
  if (out) tx.commit();
  return out;
}

}  // namespace mutua

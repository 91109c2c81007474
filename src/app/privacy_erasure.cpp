// Erasure of a contract's personal data once its retention ended, and the retention job
// (GDPR-03). What is blanked and what is kept is decided in privacy/retention.hpp; this file
// applies it to every table that holds it, in one transaction per contract (or chunk).
#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "app/json_values.hpp"
#include "app/lifecycle.hpp"
#include "app/privacy_internal.hpp"
#include "app/privacy_service.hpp"

namespace mutua {

namespace {

using nlohmann::json;

// The enrolment file (JSON kept whole, app/enrolment_service.cpp) with the same fields blanked
// as the stored contract: names, NIR, bank and contact details, document references; birth dates
// reduced to their year.
void anonymise_json(json& node) {
  if (node.is_array()) {
    for (json& item : node) anonymise_json(item);
    return;
  }
  if (!node.is_object()) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string& key = it.key();
    if (it->is_string()) {
      if (key == "birth_date") {
        *it = birth_year_only(it->get<std::string>());
      } else if (key == "last_name" || key == "first_name" || key == "nir" || key == "iban" ||
                 key == "bic" || key == "email" || key == "address" || key == "reference" ||
                 key == "phone") {
        *it = "";
      }
    } else {
      anonymise_json(*it);
    }
  }
}

// Closes done every open erasure request of the contract's persons; returns their ids.
std::vector<int64_t> close_erasure_requests(Store& store, const Contract& c, Date today) {
  std::vector<int64_t> closed;
  for (const Beneficiary& b : c.beneficiaries) {
    for (PrivacyRequest& r : store.privacy_requests(b.id, true)) {
      if (r.kind != RequestKind::kErasure) continue;
      closed.push_back(close_done(store, r, "data anonymised on " + format_date(today), today).id);
    }
  }
  return closed;
}

// Writes the anonymisation of `c` in the caller's transaction (see privacy/retention.hpp).
std::vector<int64_t> anonymise_in_tx(Store& store, const Contract& c, Date ended, Date today,
                                     std::optional<int64_t> request_id) {
  const Contract a = anonymise_contract(c);
  store.update_contract(a);
  for (const Beneficiary& b : a.beneficiaries) store.update_beneficiary_identity(b);
  for (const ContractChange& ch : store.contract_changes(c.id)) {
    if (!identifying_change_field(ch.field)) continue;
    store.set_contract_change_values(ch.id, anonymised_change_value(ch.field, ch.old_value),
                                     anonymised_change_value(ch.field, ch.new_value));
  }
  for (const PersonChange& ch : store.person_changes(c.id)) {
    store.set_person_change_values(ch.id, anonymised_change_value(ch.field, ch.old_value),
                                   anonymised_change_value(ch.field, ch.new_value));
  }
  for (const Mandate& m : store.mandates(c.id)) {
    store.set_mandate_account(m.rum, "", "");
    if (!m.revoked) store.revoke_mandate(m.rum);  // an erased account is never debited
  }
  for (const Beneficiary& b : c.beneficiaries) {
    for (const Proof& p : store.proofs(b.id)) {
      if (!p.reference.empty()) store.set_proof_reference(p.id, "");
    }
  }
  for (const Suspension& s : store.suspensions(c.id)) {
    if (!s.proofs.empty()) store.set_suspension_proofs(c.id, s.from, "");
  }
  if (auto t = store.find_termination(c.id); t && !t->event.empty()) {
    t->event.clear();
    store.save_termination(*t);
  }
  if (auto e = store.find_enrolment(c.id)) {
    json doc = json::parse(e->document, nullptr, false);
    if (doc.is_discarded()) throw StoreError("corrupted enrolment " + c.id);
    anonymise_json(doc);
    e->document = json_text(doc);
    e->beneficiary_ids.clear();  // persons stay registered as they are
    store.save_enrolment(*e);
  }
  store.insert_erasure(ErasureRecord{c.id, ended, today, request_id});
  return close_erasure_requests(store, c, today);
}

std::vector<std::string> persons_of(const Contract& c) {
  std::vector<std::string> ids;
  for (const Beneficiary& b : c.beneficiaries) ids.push_back(b.id);
  return ids;
}

}  // namespace

Result<ErasureOutcome> erase_contract(Store& store, const Regulation& regulation,
                                      const std::string& contract_id, Date today,
                                      std::optional<int64_t> request_id) {
  // One unit of work: the contract, the request and the erasure register are read in the
  // transaction that decides (two erasures of one contract at once: one anonymises, the other
  // finds it done).
  Transaction tx(store);
  auto loaded = load_contract(store, contract_id);
  if (!loaded) return loaded.error();
  const Contract& c = *loaded;
  auto request = linked_request(store, request_id, persons_of(c), {RequestKind::kErasure});
  if (!request) return request.error();
  auto params = retention_params(regulation, today);
  if (!params) return params.error();
  ErasureOutcome out;
  out.contract_id = contract_id;
  out.persons = persons_of(c);
  if (auto done = store.find_erasure(contract_id)) {
    out.already = true;
    out.ended = done->ended;
    out.kept_until = add_years(done->ended, params->prescription_years);
    out.erased = done->erased;
    if (*request) {
      out.requests_closed.push_back(
          close_done(store, **request, "data anonymised on " + format_date(done->erased), today)
              .id);
      tx.commit();
    }
    return out;
  }
  const Retention retention =
      retention_of(adhesion_end(c, store.find_termination(contract_id)), *params, today);
  if (Status s = check_erasure(contract_id, retention, *params); !s) {
    if (*request) {
      // The answer to the person: refused, with the date until which the data are kept.
      auto refused =
          close_request(**request, RequestOutcome::kRefused, s.error().message, "GDPR-03", today);
      MUTUA_ASSERT(refused.ok());
      store.update_privacy_request(*refused);
      tx.commit();  // the refusal is the answer: it is kept
    }
    return s.error();
  }
  out.ended = *retention.adhesion_end;
  out.kept_until = *retention.kept_until;
  out.erased = today;
  out.requests_closed = anonymise_in_tx(store, c, out.ended, today, request_id);
  tx.commit();
  return out;
}

Result<RetentionOutcome> run_privacy_retention(Store& store, const Regulation& regulation,
                                               Date today, bool dry_run, int chunk) {
  auto params = retention_params(regulation, today);
  if (!params) return params.error();
  RetentionOutcome out;
  out.dry_run = dry_run;
  // One unit of work per page of contracts read by key: the page, its terminations and erasures
  // are read in the transaction that decides and anonymises them (a dry run rolls it back). No
  // cursor is open across a commit; a kill loses the open page only, and a re-run skips the
  // contracts already erased.
  chunk = std::max(chunk, 1);
  std::string last;
  for (;;) {
    Transaction tx(store);
    const std::vector<Contract> page = store.contracts_after(last, chunk);
    if (page.empty()) break;
    last = page.back().id;
    std::unordered_map<std::string, Termination> terminations;
    for (Termination& t : store.terminations_between(page.front().id, last)) {
      std::string id = t.contract_id;
      terminations.emplace(std::move(id), std::move(t));
    }
    std::unordered_set<std::string> erased;
    for (const ErasureRecord& e : store.erasures_between(page.front().id, last)) {
      erased.insert(e.contract_id);
    }
    for (const Contract& c : page) {
      if (erased.count(c.id)) continue;
      std::optional<Termination> t;
      if (auto it = terminations.find(c.id); it != terminations.end()) t = it->second;
      const Retention r = retention_of(adhesion_end(c, t), *params, today);
      if (!r.erasable) continue;
      out.erased.push_back({c.id, *r.adhesion_end, *r.kept_until});
      if (!dry_run) anonymise_in_tx(store, c, *r.adhesion_end, today, std::nullopt);
    }
    if (!dry_run) tx.commit();
  }
  return out;
}

}  // namespace mutua

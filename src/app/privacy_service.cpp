// Personal-data use cases: requests (GDPR-01), rectification (GDPR-01), opposition flags and the
// audiences of marketing uses (GDPR-04). Export: privacy_export.cpp; erasure and retention:
// privacy_erasure.cpp.
#include <algorithm>

#include "app/lifecycle.hpp"
#include "app/lifecycle_internal.hpp"
#include "app/privacy_internal.hpp"
#include "app/privacy_service.hpp"
#include "privacy/rectification.hpp"

namespace mutua {

Result<Contract> contract_of_person(Store& store, const std::string& beneficiary_id) {
  auto contract_id = store.contract_of_beneficiary(beneficiary_id);
  if (!contract_id) {
    if (store.enrolment_of_beneficiary(beneficiary_id)) {
      return data_error("", 0, "BENEFICIARY",
                        "'" + beneficiary_id +
                            "' belongs to an enrolment file not yet complete "
                            "(no contract yet)");
    }
    return data_error("", 0, "BENEFICIARY", "unknown person '" + beneficiary_id + "'");
  }
  auto c = store.find_contract(*contract_id);
  if (!c) throw StoreError("beneficiary " + beneficiary_id + " without its contract");
  return *c;
}

Result<std::optional<PrivacyRequest>> linked_request(Store& store, std::optional<int64_t> id,
                                                     const std::vector<std::string>& persons,
                                                     std::initializer_list<RequestKind> kinds) {
  if (!id) return std::optional<PrivacyRequest>();
  auto bad = [](const std::string& why) { return data_error("", 0, "--request", why); };
  auto r = store.find_privacy_request(*id);
  if (!r) return bad("no request " + std::to_string(*id));
  if (r->status != RequestStatus::kOpen) {
    return bad("request " + std::to_string(*id) + " is already " +
               std::string(to_string(r->status)));
  }
  if (std::find(persons.begin(), persons.end(), r->beneficiary_id) == persons.end()) {
    return bad("request " + std::to_string(*id) + " is about " + r->beneficiary_id);
  }
  if (std::find(kinds.begin(), kinds.end(), r->kind) == kinds.end()) {
    return bad("request " + std::to_string(*id) + " is an " + std::string(to_string(r->kind)) +
               " request");
  }
  return std::optional<PrivacyRequest>(*r);
}

PrivacyRequest close_done(Store& store, PrivacyRequest request, const std::string& reason,
                          Date today) {
  auto closed = close_request(std::move(request), RequestOutcome::kDone, reason, "", today);
  MUTUA_ASSERT(closed.ok());  // linked_request checked it is open; today is the business date
  store.update_privacy_request(*closed);
  return *closed;
}

// --- Requests --------------------------------------------------------------------------------

Result<PrivacyRequest> open_privacy_request(Store& store, const std::string& beneficiary_id,
                                            const std::string& kind_text, Date received, Date today,
                                            const std::string& details) {
  auto kind = parse_request_kind(kind_text);
  if (!kind) {
    return data_error("", 0, "--kind",
                      "one of " + request_kinds_text() + ", got '" + kind_text + "'");
  }
  Transaction tx(store);
  auto contract_id = store.contract_of_beneficiary(beneficiary_id);
  if (!contract_id) contract_id = store.enrolment_of_beneficiary(beneficiary_id);
  if (!contract_id) {
    return data_error("", 0, "BENEFICIARY", "unknown person '" + beneficiary_id + "'");
  }
  auto r = new_request(*kind, beneficiary_id, *contract_id, received, today, details);
  if (!r) return r.error();
  r->id = store.insert_privacy_request(*r);
  tx.commit();
  return r;
}

Result<PrivacyRequest> close_privacy_request(Store& store, int64_t id, RequestOutcome outcome,
                                             const std::string& reason, const std::string& rule,
                                             Date today) {
  // Read in the transaction that writes: two closings of one request at once, one closes it and
  // the other is refused (already closed), never both.
  Transaction tx(store);
  auto r = store.find_privacy_request(id);
  if (!r) return data_error("", 0, "ID", "no request " + std::to_string(id));
  if (r->kind == RequestKind::kErasure && outcome == RequestOutcome::kDone &&
      !store.find_erasure(r->contract_id)) {
    return data_error("", 0, "--done",
                      "an erasure request is done once the data are anonymised: run `privacy "
                      "erase " +
                          r->contract_id + " --request " + std::to_string(id) + "`");
  }
  auto closed = close_request(*r, outcome, reason, rule, today);
  if (!closed) return closed.error();
  store.update_privacy_request(*closed);
  tx.commit();
  return closed;
}

std::vector<RequestView> list_privacy_requests(Store& store, Date today, bool late_only,
                                               bool open_only, const std::string& beneficiary_id) {
  std::vector<RequestView> out;
  for (PrivacyRequest& r : store.privacy_requests(beneficiary_id, open_only || late_only)) {
    const bool late = is_late(r, today);
    if (late_only && !late) continue;
    const int left = days_left(r, today);
    out.push_back(RequestView{std::move(r), late, left});
  }
  return out;
}

// --- Rectification ---------------------------------------------------------------------------

namespace {

Result<RectificationOutcome> rectify_contract_field(
    Store& store, const Contract& c, const std::string& beneficiary_id, const std::string& field,
    const std::string& value, Date effective, Date today, std::optional<PrivacyRequest> request) {
  const Beneficiary* member = c.member();
  if (!member || member->id != beneficiary_id) {
    return data_error("", 0, "--field",
                      field + " is a field of the contract, the member's (" +
                          (member ? member->id : std::string("none")) + ") to rectify");
  }
  // In the caller's transaction (update_contract_field's is a savepoint of it): the change, its
  // history (contract_changes) and the request closed commit together.
  auto change = update_contract_field(store, c.id, field, value, effective, today);
  if (!change) return change.error();
  RectificationOutcome out{beneficiary_id, c.id, field, change->old_value, change->new_value};
  if (request) out.request = close_done(store, *request, field + " rectified", today);
  return out;
}

}  // namespace

Result<RectificationOutcome> rectify(Store& store, const Regulation& regulation,
                                     const std::string& beneficiary_id, const std::string& field,
                                     const std::string& value, Date effective, Date today,
                                     std::optional<int64_t> request_id) {
  Transaction tx(store);  // the contract and the request are read where they are written
  auto loaded = contract_of_person(store, beneficiary_id);
  if (!loaded) return loaded.error();
  Contract c = std::move(loaded).value();
  if (auto e = store.find_erasure(c.id)) {
    return data_error("", 0, "BENEFICIARY",
                      "contract " + c.id + " was anonymised on " + format_date(e->erased));
  }
  auto request = linked_request(store, request_id, {beneficiary_id}, {RequestKind::kRectification});
  if (!request) return request.error();
  if (is_contract_field(field)) {
    auto out = rectify_contract_field(store, c, beneficiary_id, field, value, effective, today,
                                      *request);
    if (out) tx.commit();
    return out;
  }
  auto person_field = parse_person_field(field);
  if (!person_field) {
    return data_error("", 0, "--field",
                      "one of last_name, first_name, birth_date, nir (the person), email, iban, "
                      "address, employer, status, payment_frequency (the contract)");
  }
  auto it = std::find_if(c.beneficiaries.begin(), c.beneficiaries.end(),
                         [&](const Beneficiary& b) { return b.id == beneficiary_id; });
  MUTUA_ASSERT(it != c.beneficiaries.end());
  auto old = rectify_person(*it, *person_field, value, today);
  if (!old) return old.error();
  std::optional<LifecycleParams> params;
  if (*person_field == PersonField::kBirthDate && it->role == Role::kChild) {
    auto p = lifecycle_params(regulation, today);
    if (!p) return p.error();
    params = *p;
  }
  RectificationOutcome out{beneficiary_id, c.id, field, *old, value};
  store.update_beneficiary_identity(*it);
  store.insert_person_change(
      PersonChange{0, beneficiary_id, c.id, field, *old, value, effective, today, request_id});
  if (params) {
    // ELIG-07: a child's rights end follows from the birth date.
    refresh_child_end(store, *params, c, *it);
    const std::optional<Contract> after = store.find_contract(c.id);
    for (const Beneficiary& b : after->beneficiaries) {
      if (b.id == beneficiary_id) out.rights_end = b.end_date;
    }
  }
  if (*request) out.request = close_done(store, **request, field + " rectified", today);
  tx.commit();
  return out;
}

// --- Opposition ------------------------------------------------------------------------------

Result<OppositionOutcome> set_opposition(Store& store, const std::string& beneficiary_id,
                                         std::optional<bool> surveys,
                                         std::optional<bool> extra_offers, Date today,
                                         std::optional<int64_t> request_id) {
  // The flags in force are read where the change is appended: two changes at once never both
  // start from the same flags.
  Transaction tx(store);
  if (!store.contract_of_beneficiary(beneficiary_id) &&
      !store.enrolment_of_beneficiary(beneficiary_id)) {
    return data_error("", 0, "BENEFICIARY", "unknown person '" + beneficiary_id + "'");
  }
  auto request = linked_request(store, request_id, {beneficiary_id}, {RequestKind::kOpposition});
  if (!request) return request.error();
  OppositionOutcome out;
  out.beneficiary_id = beneficiary_id;
  out.history = store.oppositions(beneficiary_id);
  const OppositionFlags current =
      out.history.empty() ? OppositionFlags{} : out.history.back().flags;
  out.flags = apply_opposition(current, surveys, extra_offers);
  // A first record is written even when it states no objection: the member's choice is on file.
  out.changed = out.flags != current || (out.history.empty() && (surveys || extra_offers));
  if (!out.changed && !*request) return out;
  if (out.changed) {
    OppositionRecord rec{0, beneficiary_id, out.flags, today, request_id};
    rec.id = store.insert_opposition(rec);
    out.history.push_back(rec);
  }
  if (*request) {
    out.request =
        close_done(store, **request,
                   std::string("opposition: surveys ") + (out.flags.surveys ? "on" : "off") +
                       ", extra offers " + (out.flags.extra_offers ? "on" : "off"),
                   today);
  }
  tx.commit();
  return out;
}

std::vector<std::string> marketing_contracts(Store& store, MarketingUse use, Date today) {
  OppositionIndex flags;
  store.for_each_current_opposition(
      [&](const OppositionRecord& o) { flags.emplace(o.beneficiary_id, o.flags); });
  std::vector<std::string> erased;
  store.for_each_erasure([&](const ErasureRecord& e) { erased.push_back(e.contract_id); });
  std::vector<std::string> out;
  store.for_each_contract([&](const Contract& c) {
    if (std::binary_search(erased.begin(), erased.end(), c.id)) return;
    if (may_address(c, use, flags, today)) out.push_back(c.id);
  });
  return out;
}

}  // namespace mutua

#include "app/lifecycle_json.hpp"

#include "app/json_values.hpp"

#include "core/money.hpp"

namespace mutua {

using nlohmann::json;

namespace {

json text_or_null(const std::string& s) { return s.empty() ? json() : json(s); }

}  // namespace

json enrolment_json(const EnrolmentOutcome& o) {
  json missing = json::array();
  for (const RequiredItem& i : o.missing) {
    missing.push_back({{"item", i.code}, {"rule", i.rule}, {"label", i.label}});
  }
  return {{"contract_id", o.contract_id},
          {"status", o.status},
          {"missing", missing},
          {"completed_on", date_or_null(o.completed_on)},
          {"effective_date", date_or_null(o.effective)},
          {"beneficiaries", o.beneficiary_ids}};
}

json person_json(const Beneficiary& b) {
  json j = {{"beneficiary_id", b.id},
            {"role", to_string(b.role)},
            {"last_name", b.last_name},
            {"first_name", b.first_name},
            {"birth_date", format_date(b.birth_date)},
            {"start_date", format_date(b.start_date)},
            {"end_date", date_or_null(b.end_date)},
            {"end_reason", text_or_null(b.end_reason)}};
  if (b.relation) j["relation"] = to_string(*b.relation);
  if (b.condition) j["condition"] = to_string(*b.condition);
  return j;
}

json dependant_json(const DependantOutcome& o) {
  json j = person_json(o.person);
  j["contract_id"] = o.contract_id;
  if (!o.end_why.empty()) j["end_why"] = o.end_why;
  return j;
}

json termination_json(const Termination& t) {
  return {{"kind", t.kind},
          {"rule", t.rule},
          {"received", format_date(t.received)},
          {"event_date", date_or_null(t.event_date)},
          {"event", text_or_null(t.event)},
          {"effective_date", format_date(t.effective)},
          {"refund", t.refund_cents ? json(Money::from_cents(*t.refund_cents).format()) : json()},
          {"confirmed", date_or_null(t.confirmed)},
          {"sent", date_or_null(t.sent)},
          {"new_insurer", text_or_null(t.new_insurer)},
          {"refund_deadline", date_or_null(refund_deadline(t))}};
}

json termination_outcome_json(const TerminationOutcome& o) {
  json j = termination_json(o.termination);
  j["contract_id"] = o.termination.contract_id;
  j["why"] = o.why;
  if (!o.refund_note.empty()) j["refund_note"] = o.refund_note;
  j["confirmation"] = o.termination.kind == "radiation" ? "not_applicable" : "pending";
  return j;
}

std::optional<ContractPage> load_contract_page(Store& store, const std::string& contract_id) {
  auto found = store.find_contract(contract_id);
  if (!found) return std::nullopt;
  ContractPage page;
  page.contract = std::move(*found);
  page.product_changes = store.product_changes(page.contract.id);
  page.suspensions = store.suspensions(page.contract.id);
  page.changes = store.contract_changes(page.contract.id);
  page.termination = store.find_termination(page.contract.id);
  return page;
}

json contract_page_json(const ContractPage& page) {
  const Contract& c = page.contract;
  json persons = json::array();
  for (const Beneficiary& b : c.beneficiaries) persons.push_back(person_json(b));
  json changes = json::array();
  for (const ProductChange& p : page.product_changes) {
    changes.push_back({{"effective", format_date(p.effective)},
                       {"product", p.product},
                       {"previous", p.previous},
                       {"signed", format_date(p.signed_on)},
                       {"reference", p.reference}});
  }
  json suspensions = json::array();
  for (const Suspension& s : page.suspensions) {
    suspensions.push_back({{"from", format_date(s.from)},
                           {"to", format_date(s.to)},
                           {"reason", to_string(s.reason)},
                           {"notified", format_date(s.notified)}});
  }
  json history = json::array();
  for (const ContractChange& h : page.changes) {
    history.push_back({{"field", h.field},
                       {"old", h.old_value},
                       {"new", h.new_value},
                       {"effective", format_date(h.effective)},
                       {"recorded", format_date(h.recorded)}});
  }
  json j = {{"contract_id", c.id},
            {"product", c.product},
            {"adhesion_date", format_date(c.adhesion_date())},
            {"payment_frequency", to_string(c.payment_frequency)},
            {"status", to_string(c.status)},
            {"employer", c.employer},
            {"email", c.email},
            {"address", c.address},
            {"iban", c.iban},
            {"beneficiaries", persons},
            {"product_changes", changes},
            {"suspensions", suspensions},
            {"changes", history}};
  if (page.termination) j["termination"] = termination_json(*page.termination);
  return j;
}

Result<json> contract_page_json(Store& store, const Regulation& regulation,
                                const std::string& contract_id, Date /*today*/) {
  if (auto page = load_contract_page(store, contract_id)) return contract_page_json(*page);
  auto enrolment = enrolment_state(store, regulation, contract_id);
  if (!enrolment) return enrolment.error();
  return enrolment_json(*enrolment);
}

json rights_json(const RightsReport& r, Date on) {
  const RightsAnswer& a = r.answer;
  return {{"beneficiary_id", r.beneficiary_id},
          {"contract_id", r.contract_id},
          {"date", format_date(on)},
          {"status", to_string(a.status)},
          {"reasons", a.reasons},
          {"product", a.product},
          {"since", date_or_null(a.since)},
          {"until", date_or_null(a.until)}};
}

json work_item_json(const WorkItem& w) {
  return {{"kind", w.kind},
          {"contract_id", w.contract_id},
          {"beneficiary_id", text_or_null(w.beneficiary_id)},
          {"date", format_date(w.date)},
          {"rule", w.rule},
          {"detail", w.detail}};
}

json worklist_json(Date from, const std::vector<WorkItem>& items) {
  json list = json::array();
  for (const WorkItem& w : items) list.push_back(work_item_json(w));
  return {{"date", format_date(from)}, {"items", list}};
}

}  // namespace mutua

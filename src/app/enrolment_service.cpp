// Enrolment use cases: the request file (JSON), the items received, the contract created when the
// file is complete. See app/lifecycle.hpp.
#include <nlohmann/json.hpp>

#include "app/json_values.hpp"
#include "app/billing.hpp"
#include "app/lifecycle.hpp"
#include "app/lifecycle_internal.hpp"
#include "app/partners_service.hpp"
#include "app/rate_service.hpp"
#include "core/iban.hpp"
#include "core/nir.hpp"
#include "core/text.hpp"
#include "members/members_csv.hpp"
#include "rating/rating.hpp"

namespace mutua {

using nlohmann::json;

std::string EnrolmentOutcome::missing_codes() const {
  std::string codes;
  for (const RequiredItem& item : missing) codes += (codes.empty() ? "" : ", ") + item.code;
  return codes;
}

Result<LifecycleParams> lifecycle_params(const Regulation& regulation, Date on) {
  LifecycleParams p;
  auto reference = regulation.date_at("majoration.reference_date", on);
  auto age = regulation.integer_at("majoration.age_threshold", on);
  auto end_rule = regulation.at("eligibility.rights_end", on);
  auto days = regulation.integer_at("eligibility.worklist_days", on);
  auto notice = regulation.integer_at("suspension.notice_days", on);
  if (!reference) return reference.error();
  if (!age) return age.error();
  if (!end_rule) return end_rule.error();
  if (!days) return days.error();
  if (!notice) return notice.error();
  p.enrolment.reference_date = *reference;
  p.enrolment.age_threshold = static_cast<int>(*age);
  if (end_rule->value == "same_day") {
    p.rights_end = RightsEndRule::kSameDay;
  } else if (end_rule->value != "end_of_month") {
    return Error{"eligibility.rights_end: expected end_of_month or same_day, got " +
                 end_rule->value};
  }
  p.worklist_days = static_cast<int>(*days);
  p.suspension_notice_days = static_cast<int>(*notice);
  return p;
}

Result<Contract> load_contract(Store& store, const std::string& contract_id) {
  auto c = store.find_contract(contract_id);
  if (!c) return data_error("", 0, "CONTRACT", "unknown contract '" + contract_id + "'");
  return *c;
}

namespace {

// Reads fields of a JSON object, collecting errors named by their path in the request.
class Reader {
 public:
  Reader(const json& node, std::string path, std::string file, Errors& errors)
      : node_(node), path_(std::move(path)), file_(std::move(file)), errors_(errors) {}

  // Every string is single-line text of at most `max_bytes` (core/text.hpp); a bad one is
  // reported and read as empty.
  std::string text(const char* key, bool required = false, size_t max_bytes = kTextBytesMax,
                   bool multiline = false) {
    auto it = node_.find(key);
    if (it == node_.end() || it->is_null()) {
      if (required) error(key, "required");
      return {};
    }
    if (!it->is_string()) {
      error(key, "expected a string");
      return {};
    }
    const std::string& value = it->get_ref<const std::string&>();
    if (auto why = text_problem(value, max_bytes, multiline)) {
      error(key, *why);
      return {};
    }
    return value;
  }
  // An identifier (contract, beneficiary, product): the safe alphabet of core/text.hpp.
  std::string id(const char* key, bool required = false) {
    std::string value = text(key, required, kIdBytesMax);
    if (value.empty()) return value;
    if (auto why = id_problem(value)) {
      error(key, *why);
      return {};
    }
    return value;
  }
  std::optional<Date> date(const char* key, bool required = false) {
    std::string t = text(key, required);
    if (t.empty()) return std::nullopt;
    auto d = try_parse_date(t);
    if (!d) error(key, "not a date (YYYY-MM-DD): " + t);
    return d;
  }
  bool flag(const char* key) {
    auto it = node_.find(key);
    if (it == node_.end() || it->is_null()) return false;
    if (!it->is_boolean()) error(key, "expected true or false");
    return it->is_boolean() && it->get<bool>();
  }
  void error(const std::string& key, const std::string& message) {
    errors_.push_back(data_error(file_, 0, path_.empty() ? key : path_ + "." + key, message));
  }
  const json& node() const { return node_; }

 private:
  const json& node_;
  std::string path_;
  std::string file_;
  Errors& errors_;
};

void read_person(Reader& r, Beneficiary& b) {
  b.id = r.id("beneficiary_id");
  b.last_name = r.text("last_name", true, kNameBytesMax);
  b.first_name = r.text("first_name", true, kNameBytesMax);
  b.birth_date = r.date("birth_date", true).value_or(Date{});
  b.nir = r.text("nir");
  if (!b.nir.empty()) {
    if (Status s = validate_nir(b.nir); !s) r.error("nir", s.error().message);
  }
}

std::vector<Proof> read_proofs(Reader& r, const std::string& path, const std::string& file,
                               Errors& errors) {
  std::vector<Proof> out;
  auto it = r.node().find("proofs");
  if (it == r.node().end()) return out;
  if (!it->is_array()) {
    r.error("proofs", "expected a list");
    return out;
  }
  for (size_t i = 0; i < it->size(); ++i) {
    Reader p((*it)[i], path + ".proofs[" + std::to_string(i) + "]", file, errors);
    Proof proof;
    std::string type = p.text("type", true);
    auto t = parse_proof_type(type);
    if (!type.empty() && !t) p.error("type", "unknown proof type '" + type + "'");
    proof.type = t.value_or(ProofType::kSchoolCertificate);
    proof.valid_from = p.date("from", true).value_or(Date{});
    proof.valid_to = p.date("to", true).value_or(Date{});
    proof.reference = p.text("reference", true);
    out.push_back(proof);
  }
  return out;
}

// The `regional` block of a request for a regional product (ELIG-10, PAR-10).
struct RegionalFields {
  std::optional<bool> collective_cover;  // declared covered by a mandatory collective contract
  std::optional<PriorityPublic> priority_public;
};

struct ParsedRequest {
  EnrolmentRequest request;
  RegionalFields regional;  // meaningful when request.regional
  std::vector<Proof> proofs;  // beneficiary ids filled in
  std::vector<ReceivedItem> received;
  bool ids_given = false;
};

void read_contract_fields(Reader& r, EnrolmentRequest& req) {
  Contract& c = req.contract;
  c.id = r.id("contract_id");
  c.product = r.id("product", true);
  req.signed_on = r.date("signed", true).value_or(Date{});
  c.express_start = r.flag("express_start");
  req.covered_last_year = r.flag("covered_last_year");
  std::string freq = r.text("payment_frequency");
  if (!freq.empty()) {
    auto f = parse_payment_frequency(freq);
    if (!f) r.error("payment_frequency", "expected monthly, quarterly, half_yearly or yearly");
    c.payment_frequency = f.value_or(PaymentFrequency::kMonthly);
  }
  c.iban = r.text("iban");
  if (!c.iban.empty()) {
    if (Status s = validate_iban(c.iban); !s) r.error("iban", s.error().message);
  }
  std::string method = r.text("payment_method");
  req.payment = c.iban.empty() ? PaymentMethod::kTransfer : PaymentMethod::kDirectDebit;
  if (!method.empty()) {
    auto m = parse_payment_method(method);
    if (!m) r.error("payment_method", "expected direct_debit, transfer or cheque");
    req.payment = m.value_or(req.payment);
  }
  c.email = r.text("email");
  c.address = r.text("address", false, kTextBytesMax, true);
  c.commune = r.text("commune");
  std::string link = r.text("link");
  if (!link.empty()) {
    c.link = parse_link(link);
    if (!c.link) r.error("link", "expected residence or work");
  }
}

void read_member(const json& root, const std::string& file, Errors& errors, ParsedRequest& out) {
  Contract& c = out.request.contract;
  auto it = root.find("member");
  if (it == root.end() || !it->is_object()) {
    errors.push_back(data_error(file, 0, "member", "required (an object)"));
    return;
  }
  Reader m(*it, "member", file, errors);
  Beneficiary b;
  b.role = Role::kMember;
  read_person(m, b);
  c.employer = m.text("employer");
  std::string status = m.text("status");
  if (!status.empty()) {
    auto s = parse_member_status(status);
    if (!s) m.error("status", "expected active or retired");
    c.status = s.value_or(MemberStatus::kActive);
  }
  c.civil_service_entry = m.date("civil_service_entry");
  c.last_coverage_end = m.date("last_coverage_end");
  std::string coefficient = m.text("prior_coefficient");
  if (!coefficient.empty()) {
    auto bp = parse_coefficient_bp(coefficient);
    if (!bp) {
      m.error("prior_coefficient", "not a coefficient (0 to 9.9999, e.g. 0.04): " + coefficient);
    } else {
      c.prior_coefficient_bp = *bp;
    }
  }
  c.beneficiaries.push_back(std::move(b));
}

void read_dependants(const json& root, const std::string& file, Errors& errors,
                     ParsedRequest& out) {
  auto it = root.find("dependants");
  if (it == root.end()) return;
  if (!it->is_array()) {
    errors.push_back(data_error(file, 0, "dependants", "expected a list"));
    return;
  }
  for (size_t i = 0; i < it->size(); ++i) {
    std::string path = "dependants[" + std::to_string(i) + "]";
    Reader d((*it)[i], path, file, errors);
    Beneficiary b;
    std::string role = d.text("role", true);
    auto r = parse_role(role);
    if (!role.empty() && (!r || *r == Role::kMember)) d.error("role", "expected spouse or child");
    b.role = r.value_or(Role::kChild);
    read_person(d, b);
    std::string relation = d.text("relation");
    if (!relation.empty()) {
      b.relation = parse_relation(relation);
      if (!b.relation) d.error("relation", "expected spouse, pacs, concubin or union_libre");
    }
    std::string condition = d.text("condition");
    if (!condition.empty()) {
      b.condition = parse_child_condition(condition);
      if (!b.condition) d.error("condition", "expected minor, student, apprentice or job_seeker");
    }
    if (b.role == Role::kSpouse && b.condition) d.error("condition", "only for a child");
    if (b.role == Role::kChild && b.relation) d.error("relation", "only for a spouse or partner");
    size_t person = out.request.contract.beneficiaries.size();
    for (Proof& p : read_proofs(d, path, file, errors)) {
      p.beneficiary_id = std::to_string(person);  // index until ids are assigned
      out.proofs.push_back(p);
    }
    out.request.contract.beneficiaries.push_back(std::move(b));
  }
}

void read_received(const json& root, const std::string& file, Errors& errors,
                   ParsedRequest& out) {
  auto it = root.find("received");
  if (it == root.end()) return;
  if (!it->is_array()) {
    errors.push_back(data_error(file, 0, "received", "expected a list"));
    return;
  }
  for (size_t i = 0; i < it->size(); ++i) {
    Reader r((*it)[i], "received[" + std::to_string(i) + "]", file, errors);
    ReceivedItem item;
    item.code = r.text("item", true);
    item.received = r.date("date").value_or(out.request.signed_on);
    item.not_produced = r.flag("not_produced");
    item.reference = r.text("reference");
    // coverage_justificatif (MAJ-04, MAJ-07): what the previous organism's justificatif states.
    item.coverage_end = r.date("coverage_end");
    std::string coefficient = r.text("coefficient");
    if (!coefficient.empty()) {
      item.coefficient_bp = parse_coefficient_bp(coefficient);
      if (!item.coefficient_bp) {
        r.error("coefficient", "not a coefficient (0 to 9.9999, e.g. 0.04): " + coefficient);
      }
    }
    if (auto problem = justificatif_problem(item)) r.error(problem->first, problem->second);
    out.received.push_back(item);
  }
}

void read_regional(const json& root, const std::string& file, Errors& errors,
                   ParsedRequest& out) {
  auto it = root.find("regional");
  if (it == root.end() || it->is_null()) return;
  out.request.regional = true;
  if (!it->is_object()) {
    errors.push_back(data_error(file, 0, "regional", "expected an object"));
    return;
  }
  Reader r(*it, "regional", file, errors);
  auto cover = it->find("collective_cover");
  if (cover != it->end() && !cover->is_null()) {
    if (cover->is_boolean()) {
      out.regional.collective_cover = cover->get<bool>();
    } else {
      r.error("collective_cover", "expected true or false");
    }
  }
  const std::string code = r.text("priority_public");
  if (!code.empty()) {
    out.regional.priority_public = parse_priority_public(code);
    if (!out.regional.priority_public) {
      r.error("priority_public", "expected one of " + priority_public_codes() + ", got '" + code + "'");
    }
  }
}

Result<ParsedRequest> parse_request(const std::string& text, const std::string& file) {
  json root = json::parse(text, nullptr, false);
  if (root.is_discarded() || !root.is_object()) {
    return data_error(file, 0, "", "not a JSON object");
  }
  Errors errors;
  ParsedRequest out;
  Reader top(root, "", file, errors);
  read_contract_fields(top, out.request);
  read_member(root, file, errors, out);
  read_dependants(root, file, errors, out);
  read_received(root, file, errors, out);
  read_regional(root, file, errors, out);
  if (!errors.empty()) {
    Error first = errors.front();
    if (errors.size() > 1) first.message += " (and " + std::to_string(errors.size() - 1) +
                                            " more: fix this one first)";
    return first;
  }
  for (const ReceivedItem& r : out.received) {
    if (r.received < out.request.signed_on) {
      return data_error(file, 0, "received." + r.code, "received before the signature date");
    }
  }
  return out;
}

json request_json(const ParsedRequest& p) {
  const Contract& c = p.request.contract;
  const Beneficiary& m = c.beneficiaries.front();
  auto opt_date = [](const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(); };
  json member = {{"beneficiary_id", m.id}, {"last_name", m.last_name},
                 {"first_name", m.first_name}, {"birth_date", format_date(m.birth_date)},
                 {"status", to_string(c.status)}, {"employer", c.employer},
                 {"civil_service_entry", opt_date(c.civil_service_entry)},
                 {"last_coverage_end", opt_date(c.last_coverage_end)}};
  if (!m.nir.empty()) member["nir"] = m.nir;
  if (c.prior_coefficient_bp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%d.%04d", c.prior_coefficient_bp / 10000,
                  c.prior_coefficient_bp % 10000);
    member["prior_coefficient"] = buf;
  }
  json dependants = json::array();
  for (size_t i = 1; i < c.beneficiaries.size(); ++i) {
    const Beneficiary& b = c.beneficiaries[i];
    json d = {{"beneficiary_id", b.id}, {"role", to_string(b.role)}, {"last_name", b.last_name},
              {"first_name", b.first_name}, {"birth_date", format_date(b.birth_date)}};
    if (!b.nir.empty()) d["nir"] = b.nir;
    if (b.relation) d["relation"] = to_string(*b.relation);
    if (b.condition) d["condition"] = to_string(*b.condition);
    dependants.push_back(d);
  }
  json received = json::array();
  for (const ReceivedItem& r : p.received) {
    json item = {{"item", r.code}, {"date", format_date(r.received)},
                 {"not_produced", r.not_produced}, {"reference", r.reference}};
    if (r.coverage_end) item["coverage_end"] = format_date(*r.coverage_end);
    if (r.coefficient_bp) item["coefficient"] = format_coefficient(*r.coefficient_bp);
    received.push_back(std::move(item));
  }
  json out = {{"contract_id", c.id}, {"product", c.product},
              {"signed", format_date(p.request.signed_on)}, {"express_start", c.express_start},
              {"covered_last_year", p.request.covered_last_year},
              {"payment_frequency", to_string(c.payment_frequency)},
              {"payment_method", to_string(p.request.payment)}, {"member", member},
              {"dependants", dependants}, {"received", received}};
  for (auto [key, value] : {std::pair{"iban", &c.iban}, {"email", &c.email},
                            {"address", &c.address}, {"commune", &c.commune}}) {
    if (!value->empty()) out[key] = *value;
  }
  if (c.link) out["link"] = to_string(*c.link);
  if (p.request.regional) {
    json regional = json::object();
    if (p.regional.collective_cover) regional["collective_cover"] = *p.regional.collective_cover;
    if (p.regional.priority_public) {
      regional["priority_public"] = to_string(*p.regional.priority_public);
    }
    out["regional"] = regional;
  }
  return out;
}

std::string next_contract_id(Store& store, Date signed_on) {
  long long n = 0;
  store.for_each_enrolment([&](const EnrolmentRecord&) { ++n; });
  for (;; ++n) {
    char id[32];
    std::snprintf(id, sizeof id, "A%04d%06lld", year_of(signed_on), n + 1);
    if (!store.find_enrolment(id) && !store.find_contract(id)) return id;
  }
}

// Beneficiary ids: given ones must be new; missing ones are CONTRACT-01, -02...
Status assign_ids(Store& store, ParsedRequest& p, const std::string& file) {
  Contract& c = p.request.contract;
  std::vector<std::string> ids;
  for (size_t i = 0; i < c.beneficiaries.size(); ++i) {
    Beneficiary& b = c.beneficiaries[i];
    if (b.id.empty()) {
      char suffix[24];
      std::snprintf(suffix, sizeof suffix, "-%02zu", i + 1);
      b.id = c.id + suffix;
    }
    for (const std::string& other : ids) {
      if (other == b.id) return data_error(file, 0, "beneficiary_id", "used twice: " + b.id);
    }
    ids.push_back(b.id);
    if (store.contract_of_beneficiary(b.id) || store.enrolment_of_beneficiary(b.id)) {
      return data_error(file, 0, "beneficiary_id", "already stored: " + b.id);
    }
  }
  for (Proof& proof : p.proofs) {
    proof.beneficiary_id = c.beneficiaries[std::stoul(proof.beneficiary_id)].id;
    proof.received = p.request.signed_on;
  }
  return Status::success();
}

EnrolmentOutcome outcome_of(const EnrolmentRequest& req, const EnrolmentState& state) {
  EnrolmentOutcome out;
  out.contract_id = req.contract.id;
  out.product = req.contract.product;
  out.status = state.complete() ? "active" : "incomplete";
  for (const RequiredItem& item : state.required) {
    for (const std::string& code : state.missing) {
      if (code == item.code) out.missing.push_back(item);
    }
  }
  out.completed_on = state.completed_on;
  out.effective = state.effective;
  for (const Beneficiary& b : req.contract.beneficiaries) out.beneficiary_ids.push_back(b.id);
  return out;
}

}  // namespace

namespace {

// ELIG-10: the regional request's commune, link and declaration, and the convention in force on
// the subscription date.
Result<ConventionPeriod> regional_eligibility(Store& store, const ParsedRequest& p,
                                              const std::string& file) {
  const Contract& c = p.request.contract;
  RegionalRequest r{c.commune, c.link, p.regional.collective_cover, p.request.signed_on};
  return check_regional_eligibility(r, convention_periods(store, c.commune), file, "regional.");
}

// PAR-09, PAR-10: what the subscription records beyond the contract.
void save_regional(Store& store, const ParsedRequest& p, Date today) {
  RegionalSubscription s;
  s.contract_id = p.request.contract.id;
  if (auto eligible = regional_eligibility(store, p, "")) s.convention_id = eligible->id;
  s.priority_public = p.regional.priority_public;
  s.no_collective_cover = p.request.signed_on;
  for (const ReceivedItem& r : p.received) {
    if (r.code == kItemInfo100s) s.informed_100s = r.received;
  }
  s.recorded = today;
  store.save_regional_subscription(s);
}

// Creates the contract of a complete file and records the enrolment as active.
void activate_contract(Store& store, const LifecycleParams& params, const ParsedRequest& p,
                       const EnrolmentState& state) {
  Contract c = activate(p.request, p.received, *state.effective);
  store.insert_contracts({c});
  if (p.request.regional) save_regional(store, p, *state.completed_on);
  if (p.request.payment == PaymentMethod::kDirectDebit) {  // BIL-03
    if (auto m = default_mandate(c)) store.insert_mandates({*m});
  }
  for (const Beneficiary& b : c.beneficiaries) refresh_child_end(store, params, c, b);
}

void save(Store& store, const ParsedRequest& p, const EnrolmentState& state) {
  EnrolmentRecord rec;
  rec.contract_id = p.request.contract.id;
  rec.status = state.complete() ? "active" : "incomplete";
  rec.signed_on = p.request.signed_on;
  rec.document = json_text(request_json(p));
  for (const Beneficiary& b : p.request.contract.beneficiaries) rec.beneficiary_ids.push_back(b.id);
  store.save_enrolment(rec);
}

Result<ParsedRequest> load_enrolment(Store& store, const std::string& contract_id) {
  auto rec = store.find_enrolment(contract_id);
  if (!rec) {
    return data_error("", 0, "CONTRACT", "no enrolment file for '" + contract_id + "'");
  }
  auto parsed = parse_request(rec->document, "enrolment " + contract_id);
  if (!parsed) throw StoreError("corrupted enrolment " + contract_id + ": " +
                                parsed.error().to_string());
  for (const Beneficiary& b : parsed->request.contract.beneficiaries) {
    for (Proof& proof : store.proofs(b.id)) parsed->proofs.push_back(proof);
  }
  return parsed;
}

}  // namespace

Result<EnrolmentOutcome> enrol(Store& store, const Regulation& regulation,
                               const std::string& json_text, const std::string& file) {
  auto parsed = parse_request(json_text, file);
  if (!parsed) return parsed.error();
  ParsedRequest& p = *parsed;
  auto params = lifecycle_params(regulation, p.request.signed_on);
  if (!params) return params.error();
  // From the first read: the next contract id and the persons already stored are decided in the
  // transaction that stores the file (two enrolments at once get two ids, never one).
  Transaction tx(store);
  Catalogue catalogue = store.load_catalogue();
  const Product* product = catalogue.find(p.request.contract.product);
  if (!product) {
    return data_error(file, 0, "product", "unknown product '" + p.request.contract.product + "'");
  }
  Contract& c = p.request.contract;
  if (c.id.empty()) {
    c.id = next_contract_id(store, p.request.signed_on);
  } else if (store.find_contract(c.id) || store.find_enrolment(c.id)) {
    return data_error(file, 0, "contract_id", "already stored: " + c.id);
  }
  Errors errors = check_request(p.request, product->kind == ProductKind::kLabelled, file);
  if (!errors.empty()) return errors.front();
  const bool regional = product->kind == ProductKind::kRegional;
  if (regional && !p.request.regional) {
    return data_error(file, 0, "regional",
                      "required for a regional product: {\"collective_cover\": false, "
                      "\"priority_public\": ...} (ELIG-10)");
  }
  if (!regional && p.request.regional) {
    return data_error(file, 0, "regional", "only for a regional product");
  }
  if (regional) {
    if (auto eligible = regional_eligibility(store, p, file); !eligible) return eligible.error();
  }
  if (Status s = assign_ids(store, p, file); !s) return s.error();
  for (const Proof& proof : p.proofs) {
    const Beneficiary* child = nullptr;
    for (const Beneficiary& b : c.beneficiaries) {
      if (b.id == proof.beneficiary_id) child = &b;
    }
    if (!child->condition) return rule_error("ELIG-08", "a proof for a dependant without condition");
    if (Status s = check_proof_for(*child->condition, proof); !s) return s.error();
  }
  std::vector<std::string> codes;
  for (const RequiredItem& item : required_items(p.request, params->enrolment)) {
    codes.push_back(item.code);
  }
  for (const ReceivedItem& r : p.received) {
    if (std::find(codes.begin(), codes.end(), r.code) == codes.end()) {
      return data_error(file, 0, "received", "item '" + r.code + "' is not required here");
    }
  }
  EnrolmentState state = evaluate(p.request, p.received, p.proofs, params->enrolment);
  save(store, p, state);
  for (const Proof& proof : p.proofs) store.insert_proof(proof);
  if (state.complete()) activate_contract(store, *params, p, state);
  tx.commit();
  return outcome_of(p.request, state);
}

Result<EnrolmentOutcome> enrolment_state(Store& store, const Regulation& regulation,
                                         const std::string& contract_id) {
  auto p = load_enrolment(store, contract_id);
  if (!p) return p.error();
  auto params = lifecycle_params(regulation, p->request.signed_on);
  if (!params) return params.error();
  return outcome_of(p->request, evaluate(p->request, p->received, p->proofs, params->enrolment));
}

Result<EnrolmentOutcome> receive_item(Store& store, const Regulation& regulation,
                                      const std::string& contract_id, const std::string& item,
                                      Date received, bool not_produced,
                                      const std::string& reference,
                                      const JustificatifFields& justificatif) {
  Transaction tx(store);  // ADH-01: the file is read where it is completed (activated once)
  auto p = load_enrolment(store, contract_id);
  if (!p) return p.error();
  auto params = lifecycle_params(regulation, p->request.signed_on);
  if (!params) return params.error();
  EnrolmentState before = evaluate(p->request, p->received, p->proofs, params->enrolment);
  if (before.complete()) {
    return rule_error("ADH-01", "the file of " + contract_id + " is already complete (effective " +
                                    format_date(*before.effective) + ")");
  }
  const RequiredItem* wanted = nullptr;
  for (const RequiredItem& r : before.required) {
    if (r.code == item) wanted = &r;
  }
  if (!wanted) {
    std::string expected;
    for (const RequiredItem& r : before.required) expected += (expected.empty() ? "" : ", ") + r.code;
    return data_error("", 0, "--item", "'" + item + "' is not an item of this file (" + expected + ")");
  }
  if (item.rfind(kItemProofPrefix, 0) == 0) {
    return data_error("", 0, "--item", "a dependant's proof is recorded with `member proof add`");
  }
  if (not_produced && !wanted->waivable) {
    return data_error("", 0, "--not-produced", "only ADH-04 documents may be declared not produced");
  }
  if (received < p->request.signed_on) {
    return data_error("", 0, "--date", "before the signature date " +
                                           format_date(p->request.signed_on));
  }
  ReceivedItem got{item, received, not_produced, reference, justificatif.coverage_end,
                   justificatif.coefficient_bp};
  if (auto problem = justificatif_problem(got)) {
    std::string option = problem->first == "coverage_end" ? "--coverage-end"
                         : problem->first == "coefficient" ? "--coefficient"
                                                           : "--not-produced";
    return data_error("", 0, option, problem->second);
  }
  std::erase_if(p->received, [&](const ReceivedItem& r) { return r.code == item; });
  p->received.push_back(got);
  EnrolmentState state = evaluate(p->request, p->received, p->proofs, params->enrolment);
  save(store, *p, state);
  if (state.complete()) activate_contract(store, *params, *p, state);
  tx.commit();
  return outcome_of(p->request, state);
}

std::optional<EnrolmentOutcome> reevaluate_enrolment(Store& store, const Regulation& regulation,
                                                     const std::string& contract_id) {
  auto p = load_enrolment(store, contract_id);
  if (!p) return std::nullopt;
  auto params = lifecycle_params(regulation, p->request.signed_on);
  if (!params) return std::nullopt;
  auto rec = store.find_enrolment(contract_id);
  EnrolmentState state = evaluate(p->request, p->received, p->proofs, params->enrolment);
  if (state.complete() && rec->status != "active") {
    save(store, *p, state);
    activate_contract(store, *params, *p, state);
  }
  return outcome_of(p->request, state);
}

std::optional<ChildCondition> enrolment_condition(Store& store, const std::string& contract_id,
                                                  const std::string& beneficiary_id) {
  auto p = load_enrolment(store, contract_id);
  if (!p) return std::nullopt;
  for (const Beneficiary& b : p->request.contract.beneficiaries) {
    if (b.id == beneficiary_id) return b.condition;
  }
  return std::nullopt;
}

}  // namespace mutua

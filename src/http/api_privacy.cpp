// Routes of personal-data rights (GDPR-01, GDPR-03, GDPR-04) and of user administration. A
// member reaches its own data (export, opposition); staff handle the requests, with their
// one-month deadline, and rectifications. Every call is in the audit trail (GDPR-02).
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "app/auth_service.hpp"
#include "app/privacy_json.hpp"
#include "app/privacy_service.hpp"
#include "http/api.hpp"

namespace mutua::http {

using nlohmann::json;

namespace {

// The body as an object whose listed keys, when present, are texts; nothing otherwise.
std::optional<json> text_fields(const Request& r, std::initializer_list<const char*> keys) {
  json body = json::parse(r.body.empty() ? "{}" : r.body);
  if (!body.is_object()) return std::nullopt;
  for (const char* k : keys) {
    if (body.contains(k) && !body[k].is_string()) return std::nullopt;
  }
  return body;
}

// The person must belong to the contract the route names (the scope was checked on it).
bool person_of(Store& store, const std::string& contract_id, const std::string& beneficiary_id) {
  return store.contract_of_beneficiary(beneficiary_id) == contract_id;
}

Response requests(Call& c) {
  json all = json::array();
  const bool late = c.request.query_value("late") == "1";
  for (const RequestView& v : list_privacy_requests(c.store, c.today, late, false,
                                                    c.request.query_value("beneficiary"))) {
    all.push_back(request_json(v.request, c.today));
  }
  return Response::json(all);
}

Response open_request(Call& c) {
  auto body = text_fields(c.request, {"beneficiary_id", "kind", "received", "details"});
  if (!body) return Response::error(400, "bad_input", "beneficiary_id, kind: texts expected");
  const Date received = try_parse_date(body->value("received", "")).value_or(c.today);
  auto r = open_privacy_request(c.store, body->value("beneficiary_id", ""),
                                body->value("kind", ""), received, c.today,
                                body->value("details", ""));
  if (!r) return Response::from(r.error());
  return Response::json(request_json(*r, c.today), 201);
}

Response close_request(Call& c) {
  auto body = text_fields(c.request, {"outcome", "reason", "rule"});
  if (!body) return Response::error(400, "bad_input", "outcome, reason, rule: texts expected");
  const std::string outcome = body->value("outcome", "");
  if (outcome != "done" && outcome != "refused") {
    return Response::error(400, "bad_input", "outcome: done or refused", "outcome");
  }
  char* end = nullptr;
  const long long id = std::strtoll(c.request.param("id").c_str(), &end, 10);
  if (*end != '\0') return Response::error(400, "bad_input", "request id", "id");
  auto r = close_privacy_request(c.store, id,
                                 outcome == "done" ? RequestOutcome::kDone : RequestOutcome::kRefused,
                                 body->value("reason", ""), body->value("rule", ""), c.today);
  if (!r) return Response::from(r.error());
  return Response::json(request_json(*r, c.today));
}

// A member signed in reaches the data of the contract's holder (themselves) and of its minors
// (as their legal representative); an adult dependant's data goes to that person only.
bool member_may_export(Store& store, const std::string& contract_id,
                       const std::string& beneficiary_id, Date today) {
  const auto contract = store.find_contract(contract_id);
  if (!contract) return false;
  for (const Beneficiary& b : contract->beneficiaries) {
    if (b.id != beneficiary_id) continue;
    return b.role == Role::kMember || age_on(b.birth_date, today) < 18;
  }
  return false;
}

// GDPR-01: the person's data as a zip, built in a private temporary directory. Care lines are in
// it only for a role that may read them (claims, medical adviser) or for the member's own and
// their minors' (GDPR-02); such an export is audited as a health-data read (Route::health_data).
Response export_zip(Call& c) {
  const std::string contract = c.request.param("id");
  const std::string person = c.request.query_value("beneficiary");
  if (!person_of(c.store, contract, person)) {
    return Response::error(404, "not_found", "no such person in this contract", "beneficiary");
  }
  const bool member = c.who->role == UserRole::kMember;
  if (member && !member_may_export(c.store, contract, person, c.today)) {
    return Response::error(403, "forbidden",
                           "an adult's data is sent to that person only", "beneficiary");
  }
  const bool care_lines = member || role_allows(c.who->role, Permission::kCareLines);
  if (care_lines) c.audit_resource = "care_lines";
  const ScratchDir dir("mutua-export-");
  if (!dir.ok()) return Response::error(500, "io", "no temporary directory");
  const std::string file = dir.path() + "/donnees-" + person + ".zip";
  auto exported = export_personal_data(c.store, person, file, c.today, std::nullopt, care_lines);
  if (!exported) return Response::from(exported.error());
  return Response::download(file, "application/zip", "donnees-" + person + ".zip");
}

Response opposition(Call& c) {
  const json body = json::parse(c.request.body.empty() ? "{}" : c.request.body);
  const bool shaped = body.is_object() && body.contains("beneficiary_id") &&
                      body["beneficiary_id"].is_string() &&
                      (!body.contains("surveys") || body["surveys"].is_boolean()) &&
                      (!body.contains("extra_offers") || body["extra_offers"].is_boolean());
  if (!shaped) {
    return Response::error(400, "bad_input", "beneficiary_id (text), surveys and extra_offers "
                                             "(true: the person objects) expected");
  }
  const std::string person = body["beneficiary_id"];
  if (!person_of(c.store, c.request.param("id"), person)) {
    return Response::error(404, "not_found", "no such person in this contract", "beneficiary_id");
  }
  std::optional<bool> surveys, extra;
  if (body.contains("surveys")) surveys = body["surveys"].get<bool>();
  if (body.contains("extra_offers")) extra = body["extra_offers"].get<bool>();
  auto o = set_opposition(c.store, person, surveys, extra, c.today, std::nullopt);
  if (!o) return Response::from(o.error());
  return Response::json({{"beneficiary", o->beneficiary_id},
                         {"surveys", o->flags.surveys},
                         {"extra_offers", o->flags.extra_offers},
                         {"changed", o->changed}});
}

Response rectification(Call& c) {
  auto body = text_fields(c.request, {"beneficiary_id", "field", "value"});
  if (!body) return Response::error(400, "bad_input", "beneficiary_id, field, value: texts");
  const std::string person = body->value("beneficiary_id", "");
  if (!person_of(c.store, c.request.param("id"), person)) {
    return Response::error(404, "not_found", "no such person in this contract", "beneficiary_id");
  }
  auto r = rectify(c.store, c.regulation, person, body->value("field", ""),
                   body->value("value", ""), c.today, c.today, std::nullopt);
  if (!r) return Response::from(r.error());
  return Response::json({{"beneficiary", r->beneficiary_id},
                         {"field", r->field},
                         {"old", r->old_value},
                         {"new", r->new_value}});
}

Response users(Call& c) {
  json all = json::array();
  for (const UserRecord& u : c.store.users()) {  // never the hashes
    all.push_back({{"user", u.username},
                   {"role", u.role},
                   {"commune", u.commune.empty() ? json() : json(u.commune)},
                   {"contract_id", u.contract_id.empty() ? json() : json(u.contract_id)},
                   {"created", format_date(u.created)},
                   {"disabled", u.disabled}});
  }
  return Response::json(all);
}

Response add_user_route(Call& c) {
  auto body = text_fields(c.request, {"username", "password", "role", "commune", "contract_id"});
  if (!body) return Response::error(400, "bad_input", "username, password, role: texts");
  NewUser n{body->value("username", ""), body->value("password", ""), body->value("role", ""),
            body->value("commune", ""), body->value("contract_id", "")};
  if (c.store.find_user(n.username)) {
    return Response::error(409, "exists", "this user name is taken", "username");
  }
  auto u = add_user(c.store, n, c.today);
  if (!u) return Response::from(u.error());
  return Response::json({{"user", u->username}, {"role", u->role}}, 201);
}

}  // namespace

void add_privacy_routes(std::vector<Route>& routes) {
  using P = Permission;
  auto contract = [](const Request& r) { return r.param("id"); };
  routes.push_back({"GET", "/api/privacy/requests", P::kPrivacyRequests, true, "privacy",
                    "Personal-data requests and their deadlines (GDPR-01)", nullptr, nullptr,
                    requests});
  routes.push_back({"POST", "/api/privacy/requests", P::kPrivacyRequests, true, "privacy",
                    "Opens a personal-data request", nullptr, nullptr, open_request});
  routes.push_back({"POST", "/api/privacy/requests/{id}/close", P::kPrivacyRequests, true,
                    "privacy", "Closes a request: done or refused", nullptr, nullptr,
                    close_request});
  routes.push_back({"GET", "/api/contracts/{id}/export", P::kPersonalData, true, "privacy",
                    "A person's data as a zip of JSON and CSV (GDPR-01)", contract, nullptr,
                    export_zip});
  routes.back().health_data = true;  // it may hold care lines: audited before it is sent
  routes.push_back({"POST", "/api/contracts/{id}/opposition", P::kPersonalData, true, "privacy",
                    "A person's opposition to marketing uses (GDPR-04)", contract, nullptr,
                    opposition});
  routes.push_back({"POST", "/api/contracts/{id}/rectification", P::kPrivacyRequests, true,
                    "privacy", "Rectifies a field with its history (GDPR-01)", contract, nullptr,
                    rectification});
  routes.push_back({"GET", "/api/users", P::kUsers, true, "users", "The users", nullptr, nullptr,
                    users});
  routes.push_back({"POST", "/api/users", P::kUsers, true, "users", "Creates a user", nullptr,
                    nullptr, add_user_route});
}

}  // namespace mutua::http

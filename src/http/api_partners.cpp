// Routes of the regional scheme (PAR-05, PAR-06, PAR-10), the CSS check (PAR-08) and the audit
// trail (GDPR-02). A partner commune reaches its own commune only: the commune a request is
// about is the user's own when the request names none, so the scope check always has one.
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "app/css_service.hpp"
#include "app/partners_json.hpp"
#include "app/partners_service.hpp"
#include "documents/partner_report.hpp"
#include "documents/pdf_render.hpp"
#include "http/api.hpp"

namespace mutua::http {

using nlohmann::json;

namespace {

// The commune a partner route is about: ?commune=, else the signed-in commune's own.
std::string commune_param(const Request& r) { return r.query_value("commune"); }

// A partner commune sees its own commune; staff pass ?commune= or see every commune.
std::string scope_commune(const Call& c) {
  if (c.who->role == UserRole::kPartnerCommune) return c.who->commune;
  return c.request.query_value("commune");
}

Response conventions(Call& c) {
  json all = json::array();
  for (const ConventionView& v : list_conventions(c.store, scope_commune(c), c.today)) {
    json j = convention_json(v);
    if (c.who->role == UserRole::kPartnerCommune) j.erase("contacts");  // the mutuelle's staff
    all.push_back(j);
  }
  return Response::json(all);
}

Response events(Call& c) {
  EventFilter f;
  f.commune = scope_commune(c);
  f.from = try_parse_date(c.request.query_value("from"));
  f.to = try_parse_date(c.request.query_value("to"));
  json all = json::array();
  for (const PartnerEvent& e : list_events(c.store, f)) all.push_back(event_json(e));
  return Response::json(all);
}

Response materials(Call& c) {
  json all = json::array();
  for (const Material& m : list_materials(c.store, scope_commune(c), "")) {
    all.push_back(material_json(m));
  }
  return Response::json(all);
}

Response decide(Call& c, bool approve) {
  const json body = json::parse(c.request.body.empty() ? "{}" : c.request.body);
  if (!body.is_object()) return Response::error(400, "bad_input", "a JSON object expected");
  const bool strings = (!body.contains("by") || body["by"].is_string()) &&
                       (!body.contains("comment") || body["comment"].is_string());
  if (!strings) return Response::error(400, "bad_input", "by and comment are texts");
  const std::string by = body.value("by", c.who->username);
  const std::string comment = body.value("comment", "");
  char* end = nullptr;
  const long long id = std::strtoll(c.request.param("id").c_str(), &end, 10);
  const auto stored = *end == '\0' ? c.store.find_material(id) : std::nullopt;
  if (!stored) return Response::error(404, "not_found", "unknown material");
  if (stored->commune != c.who->commune) {  // PAR-06: another commune's material
    return Response::error(403, "forbidden", "a material of another commune");
  }
  auto m = decide_material(c.store, id, approve, c.today, by, comment);
  if (!m) return Response::from(m.error());
  return Response::json(material_json(*m));
}

Response report(Call& c) {
  const std::string commune = scope_commune(c);
  const std::string year_text = c.request.query_value("year");
  char* end = nullptr;
  const long year = std::strtol(year_text.c_str(), &end, 10);
  if (year_text.empty() || *end != '\0' || year < 2000 || year > 2999) {
    return Response::error(400, "bad_input", "year expected (2000-2999)", "year");
  }
  auto r = annual_report(c.store, commune, static_cast<int>(year), c.today);
  if (!r) return Response::from(r.error());
  const std::string format = c.request.query_value("format");
  if (format.empty() || format == "json") return Response::json(report_json(*r));
  Response out;
  const std::string name = "bilan-" + commune + "-" + year_text;
  if (format == "csv") {
    out.body = report_csv(*r);
    out.content_type = "text/csv; charset=utf-8";
    out.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
    return out;
  }
  if (format != "pdf") return Response::error(400, "bad_input", "json, csv or pdf", "format");
  const ScratchDir dir("mutua-report-");
  if (!dir.ok()) return Response::error(500, "io", "no temporary directory");
  const std::string file = dir.path() + "/" + name + ".pdf";
  if (auto s = write_pdf(annual_report_document(*r), file); !s) {
    return Response::error(500, "pdf", s.error().message);
  }
  return Response::download(file, "application/pdf", name + ".pdf");
}

Response css(Call& c) {
  const json body = json::parse(c.request.body.empty() ? "{}" : c.request.body);
  if (!body.is_object() || !body.contains("persons") || !body["persons"].is_array()) {
    return Response::error(400, "bad_input", "{\"resources\", \"persons\": [ages]} expected",
                           "persons");
  }
  auto resources = parse_css_resources(body.value("resources", ""));
  if (!resources) return Response::error(400, "bad_input", resources.error().message, "resources");
  CssRequest request;
  request.resources = *resources;
  for (const json& p : body["persons"]) {
    if (!p.is_number_integer() || p.get<int>() < 0 || p.get<int>() > 120) {
      return Response::error(400, "bad_input", "ages from 0 to 120 expected", "persons");
    }
    request.persons.push_back({p.get<int>(), false});
  }
  const Date date = try_parse_date(body.value("date", "")).value_or(c.today);
  auto d = css_check(c.regulation, date, request);
  if (!d) return Response::from(d.error());
  return Response::json({{"rule", "PAR-08"},
                         {"result", css_outcome_name(d->outcome)},
                         {"table", d->table},
                         {"household_size", d->household_size},
                         {"ceiling", d->ceiling.format()},
                         {"monthly_participation", d->monthly_participation.format()},
                         {"warnings", d->warnings}});
}

Response audit(Call& c) {
  AuditFilter f;
  f.username = c.request.query_value("user");
  f.action = c.request.query_value("action");
  f.resource = c.request.query_value("resource");
  f.target = c.request.query_value("target");
  f.from = c.request.query_value("from");
  f.to = c.request.query_value("to");
  json all = json::array();
  for (const AuditEntry& e : c.store.audit_entries(f)) {
    all.push_back({{"id", e.id}, {"at", e.at}, {"user", e.username}, {"role", e.role},
                   {"action", e.action}, {"resource", e.resource}, {"target", e.target},
                   {"remote", e.remote}, {"outcome", e.outcome}});
  }
  return Response::json(all);
}

}  // namespace

void add_partner_routes(std::vector<Route>& routes) {
  // Staff name a commune or none; a partner commune is confined to its own (access.hpp).
  auto own_or_named = [](const Request& r) { return commune_param(r); };
  const auto P = Permission::kPartnerFigures;
  routes.push_back({"GET", "/api/partners/conventions", P, true, "conventions",
                    "Conventions and their state", nullptr, own_or_named, conventions});
  routes.push_back({"GET", "/api/partners/events", P, true, "partner_events",
                    "The calendar of meetings and office hours", nullptr, own_or_named, events});
  routes.push_back({"GET", "/api/partners/materials", P, true, "materials",
                    "Materials and their review", nullptr, own_or_named, materials});
  routes.push_back({"GET", "/api/partners/report", P, true, "report",
                    "The yearly report to a commune (aggregated, PAR-10)", nullptr, own_or_named,
                    report});
  routes.push_back({"POST", "/api/css/check", Permission::kCssCheck, true, "css",
                    "CSS detection (PAR-08)", nullptr, nullptr, css});
  routes.push_back({"GET", "/api/audit", Permission::kAudit, true, "audit",
                    "The audit trail, newest first", nullptr, nullptr, audit});
  routes.push_back({"POST", "/api/partners/materials/{id}/approve", Permission::kMaterialReview,
                    true, "materials", "The commune approves a material", nullptr, nullptr,
                    [](Call& c) { return decide(c, true); }});
  routes.push_back({"POST", "/api/partners/materials/{id}/reject", Permission::kMaterialReview,
                    true, "materials", "The commune rejects a material", nullptr, nullptr,
                    [](Call& c) { return decide(c, false); }});
}

}  // namespace mutua::http

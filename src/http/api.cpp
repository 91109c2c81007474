#include "http/api.hpp"

#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unordered_map>

#include "app/lifecycle.hpp"
#include "security/security.hpp"
#include "storage/sql_db.hpp"

namespace mutua::http {

using nlohmann::json;

std::string Request::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::string Request::cookie(const std::string& name) const {
  const std::string all = header("cookie");
  size_t at = 0;
  while (at < all.size()) {
    while (at < all.size() && (all[at] == ' ' || all[at] == ';')) ++at;
    const size_t end = all.find(';', at);
    const std::string pair = all.substr(at, end == std::string::npos ? std::string::npos : end - at);
    const size_t eq = pair.find('=');
    if (eq != std::string::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return {};
}

std::string Request::param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

std::string Request::query_value(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

Response Response::json(const nlohmann::json& j, int status) {
  Response r;
  r.status = status;
  // Text stored by an older version may not be valid UTF-8: shown with U+FFFD, never a failure.
  r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response Response::error(int status, const std::string& code, const std::string& message,
                         const std::string& field, const std::string& rule) {
  nlohmann::json e = {{"code", code}, {"message", message}};
  if (!field.empty()) e["field"] = field;
  if (!rule.empty()) e["rule"] = rule;
  return Response::json({{"error", e}}, status);
}

Response Response::from(const Error& e) {
  if (!e.rule_id.empty()) return error(409, "refused", e.message, "", e.rule_id);
  const bool unknown = e.message.find("unknown") != std::string::npos ||
                       e.message.find("no enrolment") != std::string::npos;
  return error(unknown ? 404 : 400, unknown ? "not_found" : "bad_input", e.message, e.field);
}

Response Response::download(const std::string& path, const std::string& content_type,
                            const std::string& name) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return error(404, "not_found", "the file is gone");
  Response out;
  out.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  out.content_type = content_type;
  out.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return out;
}

ScratchDir::ScratchDir(const char* prefix) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  if (mkdtemp(pattern.data())) path_ = pattern;
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
}

namespace {

constexpr const char* kCookie = "mutua_session";

// "/api/contracts/{id}" against "/api/contracts/C001": the {name} segments, or nothing.
std::optional<std::map<std::string, std::string>> match(const std::string& pattern,
                                                        const std::string& path) {
  std::map<std::string, std::string> params;
  size_t p = 0, q = 0;
  while (p < pattern.size() && q < path.size()) {
    if (pattern[p] == '{') {
      const size_t close = pattern.find('}', p);
      const size_t seg_end = path.find('/', q);
      std::string value = path.substr(q, seg_end == std::string::npos ? std::string::npos : seg_end - q);
      if (value.empty()) return std::nullopt;
      for (char c : value) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '.' || c == '_' || c == '-';
        if (!ok) return std::nullopt;
      }
      if (value == "." || value == "..") return std::nullopt;
      params[pattern.substr(p + 1, close - p - 1)] = value;
      p = close + 1;
      q = seg_end == std::string::npos ? path.size() : seg_end;
    } else {
      if (pattern[p] != path[q]) return std::nullopt;
      ++p;
      ++q;
    }
  }
  if (p != pattern.size() || q != path.size()) return std::nullopt;
  return params;
}

bool is_write(const std::string& method) { return method != "GET" && method != "HEAD"; }

}  // namespace

Api::Api(ApiOptions options, Regulation regulation)
    : options_(std::move(options)),
      regulation_(std::move(regulation)),
      sessions_(options_.session_idle_seconds, options_.session_max_seconds) {
  // Wall-clock Unix seconds: sessions and sign-in counts are shared with the other nodes
  // through the database, so every process must read the same time (auth_service.hpp).
  clock = [] {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  store().migrate();
  // ELIG-11: the children migration 12 made minors get their end of rights (as the CLI does).
  if (auto settled = settle_child_ends(store(), regulation_, server_date()); !settled) {
    throw std::runtime_error(settled.error().to_string());
  }
  if (options_.documents_dir.empty()) {
    // Beside the database file; for a database server, "documents" in the working directory
    // (nodes of one database then share it by mounting one folder there).
    options_.documents_dir =
        sql::is_postgres_target(options_.db)
            ? std::string("documents")
            : (std::filesystem::path(options_.db).parent_path() / "documents").string();
  }
  audit_ = std::make_unique<AuditWriter>(options_.db, &writers_);
  // A session's last use is written after the answer, with the audit's group commit: a read
  // never waits for a write (nor for a batch holding the database).
  sessions_.set_toucher([this](const std::string& hash, int64_t last_seen, int64_t expires) {
    audit_->touch_session(hash, last_seen, expires);
  });
  routes_.push_back({"GET", "/api/health", std::nullopt, false, "health", "Server status",
                     nullptr, nullptr, [](Call& c) {
                       return Response::json({{"status", "ok"}, {"schema", c.store.schema_version()}});
                     }});
  routes_.push_back({"GET", "/api/openapi.json", std::nullopt, false, "openapi",
                     "This API, as OpenAPI 3", nullptr, nullptr,
                     [this](Call&) { return Response::json(openapi()); }});
  routes_.push_back({"POST", "/api/login", std::nullopt, false, "session", "Sign in", nullptr,
                     nullptr, [this](Call& c) { return login(c); }});
  routes_.push_back({"POST", "/api/logout", std::nullopt, true, "session", "Sign out", nullptr,
                     nullptr, [this](Call& c) { return logout(c); }});
  routes_.push_back({"GET", "/api/me", std::nullopt, true, "session", "The signed-in user",
                     nullptr, nullptr, [this](Call& c) { return me(c); }});
  add_member_routes(routes_);
  add_partner_routes(routes_);
  add_privacy_routes(routes_);
}

Api::~Api() = default;

Store& Api::store() {
  // One connection per thread and database: SQLite connections are not shared across threads.
  thread_local std::unordered_map<std::string, std::unique_ptr<Store>> stores;
  auto& s = stores[options_.db];
  if (!s) s = Store::open(options_.db);
  return *s;
}

Date Api::server_date() const {
  if (options_.today) return *options_.today;
  return Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

namespace {

bool is_staff(UserRole role) {
  return role != UserRole::kMember && role != UserRole::kPartnerCommune;
}

// "Mozilla/5.0 ..." never; the origin of a browser's request, or nothing (curl, scripts).
bool foreign_origin(const Request& r) {
  const std::string origin = r.header("origin");
  if (origin.empty()) return r.header("sec-fetch-site") == "cross-site";
  const std::string host = r.header("host");
  return origin != "http://" + host && origin != "https://" + host;
}

std::string request_id() { return random_token(8); }

}  // namespace

Date Api::business_date(const Request& r, const Session* session, std::string& honoured) const {
  const std::string asked = r.query_value("today");
  if (asked.empty() || is_write(r.method) || !session || !is_staff(session->who.role)) {
    return server_date();
  }
  if (auto d = try_parse_date(asked)) {
    honoured = format_date(*d);
    return *d;
  }
  return server_date();
}

std::optional<Response> Api::authorise(const Route& route, const Request& r, Call& call,
                                       std::optional<Session>& session) {
  if (!route.signed_in) return std::nullopt;
  session = sessions_.find(call.store, r.cookie(kCookie), clock());
  if (!session) return Response::error(401, "not_signed_in", "sign in first, or again");
  call.session = &*session;
  call.who = &session->who;
  if (is_write(r.method) && !same_secret(r.header("x-csrf-token"), session->csrf)) {
    return Response::error(403, "csrf", "missing or wrong X-CSRF-Token header");
  }
  if (!route.permission) return std::nullopt;
  const std::string contract = route.contract_of ? route.contract_of(r) : std::string();
  std::string commune = route.commune_of ? route.commune_of(r) : std::string();
  // A partner commune's request that names no commune is about its own (PAR-06 scope).
  if (commune.empty() && session->who.role == UserRole::kPartnerCommune) {
    commune = session->who.commune;
  }
  if (!permits(session->who, *route.permission, contract, commune)) {
    return Response::error(403, "forbidden",
                           std::string("your role may not: ") + to_string(*route.permission));
  }
  return std::nullopt;
}

AuditEntry Api::audit_entry(const Route* route, const Request& r, const Principal* who,
                            int status, const std::string& resource) const {
  AuditEntry e;
  e.at = utc_timestamp();
  e.username = who ? who->username : "-";
  e.role = who ? to_string(who->role) : "";
  e.action = status == 403 ? "denied"
             : status >= 400 && !who ? "refused"
             : is_write(r.method) ? "write"
                                  : "read";
  e.resource = !resource.empty() ? resource : route ? route->resource : "unknown";
  std::string target;
  if (route) {
    target = route->contract_of ? route->contract_of(r) : std::string();
    if (target.empty() && route->commune_of) target = route->commune_of(r);
    if (target.empty() && !r.param("claim").empty()) {
      target = r.param("claim") + "/" + r.param("line");
    }
  } else {
    target = r.path.substr(0, 200);  // what was asked for, bounded
  }
  e.target = target;
  e.remote = r.remote;
  e.outcome = std::to_string(status);
  return e;
}

std::optional<Principal> Api::signed_in(const Request& r) {
  const std::string token = r.cookie(kCookie);
  if (token.empty()) return std::nullopt;
  auto s = sessions_.find(store(), token, clock());
  if (!s) return std::nullopt;
  return s->who;
}

void Api::audit_refusal(const Request& r, int status) {
  const auto who = signed_in(r);
  audit_->record(audit_entry(nullptr, r, who ? &*who : nullptr, status, ""));
}

Response Api::handle(Request r) {
  try {
    return dispatch(r);
  } catch (const StoreBusy&) {
    Response out = Response::error(503, "busy",
                                   "the database is busy with a batch: try again in a moment");
    out.headers.emplace_back("Retry-After", "5");
    const auto who = signed_in(r);
    audit_->record(audit_entry(nullptr, r, who ? &*who : nullptr, 503, "busy"));
    return out;
  } catch (const std::exception& e) {
    // The cause stays on the server (it may name tables or values); the client gets an id to
    // quote.
    const std::string id = request_id();
    std::fprintf(stderr, "request %s: %s %s failed: %s\n", id.c_str(), r.method.c_str(),
                 r.path.substr(0, 200).c_str(), e.what());
    audit_->record(audit_entry(nullptr, r, nullptr, 500, "error"));
    return Response::error(500, "internal", "internal error, request " + id);
  }
}

Response Api::dispatch(Request& r) {
  if (r.body.size() > kMaxBody) {
    audit_refusal(r, 413);
    return Response::error(413, "too_large", "request body over 64 KiB");
  }
  const Route* route = nullptr;
  bool path_known = false;
  for (const Route& candidate : routes_) {
    auto params = match(candidate.pattern, r.path);
    if (!params) continue;
    path_known = true;
    if (candidate.method != r.method) continue;
    route = &candidate;
    r.params = std::move(*params);
    break;
  }
  if (!route) {
    audit_refusal(r, path_known ? 405 : 404);
    return path_known ? Response::error(405, "method", "method not allowed")
                      : Response::error(404, "not_found", "no such endpoint");
  }
  if (is_write(r.method) && !r.body.empty() && !json::accept(r.body)) {
    audit_->record(audit_entry(route, r, nullptr, 400, ""));
    return Response::error(400, "bad_json", "the body is not valid JSON");
  }
  Call call{r, store(), regulation_, server_date(), nullptr, nullptr, {}, options_.documents_dir};
  std::optional<Session> session;
  if (auto refused = authorise(*route, r, call, session)) {
    audit_->record(audit_entry(route, r, session ? &session->who : nullptr, refused->status, ""));
    return *refused;
  }
  return run(*route, r, call, session ? &*session : nullptr);
}

Response Api::run(const Route& route, Request& r, Call& call, const Session* session) {
  std::string honoured;
  call.today = business_date(r, session, honoured);
  const Principal* who = session ? &session->who : nullptr;
  auto entry_of = [&](int status) {
    AuditEntry e = audit_entry(&route, r, who, status, call.audit_resource);
    if (!honoured.empty()) e.outcome += " today=" + honoured;
    return e;
  };
  if (!route.signed_in) return route.handler(call);  // health, openapi, login: audited inside
  if (!is_write(r.method) && !route.health_data) {
    Response out = route.handler(call);
    audit_->record(entry_of(out.status));
    return out;
  }
  // A change or a health-data read: the entry commits with what the handler did, before the
  // answer exists for the client. A busy database throws StoreBusy out of here: nothing written.
  std::unique_lock turn(writers_, std::chrono::seconds(5));
  if (!turn) throw StoreBusy("the process's writers are queued past 5 s");
  Transaction tx(call.store);
  Response out = route.handler(call);
  call.store.append_audit({entry_of(out.status)});
  tx.commit();
  return out;
}

Response Api::login(Call& c) {
  const Request& r = c.request;
  auto refuse = [&](Response out, const std::string& user) {
    AuditEntry e{0, utc_timestamp(), user.substr(0, 64), "", "login", "session", "", r.remote,
                 std::to_string(out.status)};
    audit_->record(std::move(e));
    return out;
  };
  if (foreign_origin(r)) {
    return refuse(Response::error(403, "origin", "sign-in from another site refused"), "-");
  }
  const json body = json::parse(r.body.empty() ? "{}" : r.body);
  const bool shaped = body.is_object() && body.contains("username") && body["username"].is_string() &&
                      body.contains("password") && body["password"].is_string();
  if (!shaped) {
    return refuse(
        Response::error(400, "bad_input", "{\"username\": ..., \"password\": ...} expected"), "-");
  }
  const std::string user = body["username"];
  const std::string password = body["password"];
  if (user.empty() || user.size() > 64 || password.size() > 256) {
    return refuse(Response::error(401, "bad_credentials", "unknown user name or wrong password"),
                  "-");
  }
  const int64_t now = clock();
  // The sign-in's writes (its count, its session) queue behind this process's other writers.
  auto write_turn = [this] {
    std::unique_lock turn(writers_, std::chrono::seconds(5));
    if (!turn) throw StoreBusy("the process's writers are queued past 5 s");
    return turn;
  };
  // Counted before the hash, in the database: parallel guesses past the limit, on this node or
  // another, are refused without being checked.
  int64_t wait = 0;
  {
    auto turn = write_turn();
    wait = limiter_.admit(c.store, user, r.remote, now);
  }
  if (wait > 0) {
    Response out = Response::error(429, "too_many_attempts",
                                   "too many failed sign-ins: try again in " +
                                       std::to_string(wait) + " s");
    out.headers.emplace_back("Retry-After", std::to_string(wait));
    return refuse(std::move(out), user);
  }
  if (!hash_gate_.enter()) {
    {
      auto turn = write_turn();
      limiter_.release(c.store, user, r.remote);  // not a guess of the user's: just no turn
    }
    Response out = Response::error(503, "busy", "too many sign-ins at once: try again");
    out.headers.emplace_back("Retry-After", "1");
    return refuse(std::move(out), user);
  }
  Result<Principal> who = data_error("", 0, "password", "not checked");
  try {
    who = authenticate(c.store, user, password);
  } catch (...) {
    hash_gate_.leave();
    throw;  // the attempt stays counted, as a failure would
  }
  hash_gate_.leave();
  std::optional<Session> created;
  {
    auto turn = write_turn();
    Transaction tx(c.store);  // the attempt's outcome and the session: one commit
    limiter_.finish(c.store, user, r.remote, who.ok(), clock());
    if (who) created = sessions_.create(c.store, *who, now);
    tx.commit();
  }
  AuditEntry e{0, utc_timestamp(), user, who ? to_string(who->role) : "", "login", "session", "",
               r.remote, who ? "ok" : "failed"};
  audit_->record(e);
  if (!who) return Response::error(401, "bad_credentials", "unknown user name or wrong password");
  const Session& s = *created;
  Response out = Response::json({{"user", s.who.username},
                                 {"role", to_string(s.who.role)},
                                 {"csrf_token", s.csrf},
                                 {"expires_in", sessions_.expires_at(s) - now}});
  out.headers.emplace_back("Set-Cookie", std::string(kCookie) + "=" + s.token +
                                             "; HttpOnly; SameSite=Strict; Path=/" +
                                             (options_.secure_cookie ? "; Secure" : ""));
  return out;
}

Response Api::logout(Call& c) {
  sessions_.remove(c.store, c.session->token);  // in the request's transaction
  Response out = Response::json({{"signed_out", true}});
  out.headers.emplace_back("Set-Cookie", std::string(kCookie) +
                                             "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0" +
                                             (options_.secure_cookie ? "; Secure" : ""));
  return out;
}

Response Api::me(Call& c) {
  const Principal& p = *c.who;
  return Response::json({{"user", p.username},
                         {"role", to_string(p.role)},
                         {"role_label", french_label(p.role)},
                         {"commune", p.commune.empty() ? json() : json(p.commune)},
                         {"contract_id", p.contract_id.empty() ? json() : json(p.contract_id)},
                         {"csrf_token", c.session->csrf}});
}

json Api::openapi() const {
  json paths = json::object();
  for (const Route& r : routes_) {
    std::string path = r.pattern;
    json op = {{"summary", r.summary},
               {"responses", {{"200", {{"description", "OK"}}}, {"401", {{"description", "not signed in"}}},
                              {"403", {{"description", "forbidden for this role or scope"}}}}}};
    if (r.permission) op["x-permission"] = to_string(*r.permission);
    json roles = json::array();
    for (int i = 0; i < kUserRoles; ++i) {
      const auto role = static_cast<UserRole>(i);
      if (!r.permission || role_allows(role, *r.permission)) roles.push_back(to_string(role));
    }
    op["x-roles"] = r.signed_in ? roles : json::array({"anyone"});
    json parameters = json::array();
    for (size_t at = path.find('{'); at != std::string::npos; at = path.find('{', at + 1)) {
      const std::string name = path.substr(at + 1, path.find('}', at) - at - 1);
      parameters.push_back({{"name", name}, {"in", "path"}, {"required", true},
                            {"schema", {{"type", "string"}}}});
    }
    if (!parameters.empty()) op["parameters"] = parameters;
    std::string method = r.method;
    for (char& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    paths[path][method] = op;
  }
  return {{"openapi", "3.0.3"},
          {"info", {{"title", "mutua back office API"}, {"version", "1"}}},
          {"components",
           {{"securitySchemes",
             {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", kCookie}}},
              {"csrf", {{"type", "apiKey"}, {"in", "header"}, {"name", "X-CSRF-Token"}}}}}}},
          {"security", json::array({{{"session", json::array()}}})},
          {"paths", paths}};
}

}  // namespace mutua::http

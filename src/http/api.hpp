// The HTTP API of the back office (docs/api.md), independent of the HTTP library: plain request
// and response values, a route table, and the dispatcher that applies sign-in, CSRF, roles and
// the audit trail before any handler runs. http/server.cpp adapts cpp-httplib to it.
//
// Contract of Api::handle():
// - Routes are matched on method and path pattern ({name} segments: letters, digits, `._-`);
//   no match: 404 JSON. Bodies over kMaxBody bytes: 413. Malformed JSON bodies: 400.
// - Every route but health, openapi and login needs a live session (cookie `mutua_session`):
//   401 otherwise. A POST needs `X-CSRF-Token` equal to the session's: 403 otherwise. Sessions
//   and sign-in counts live in the database (issue 16): several Api, in several processes on
//   one database, serve the same users, and a request may go to any of them.
// - The route's permission and scope are checked by access/access.hpp with the contract or
//   commune the request names: 403 and an audit entry `denied` when refused.
// - Every request to /api/ is audited, refusals and failures included (anonymous ones under the
//   user name "-"): action `read`, `write`, `denied` or `refused`, the route's resource, the target
//   (contract, commune, claim...), the client address and the status.
// - A change (POST) and a health-data read (Route::health_data) run in one transaction with their
//   audit entry: both are committed, or neither, before the answer leaves. Other reads are
//   audited through the group-committed AuditWriter.
// - A database held by another writer (a batch) past the busy timeout: 503 with Retry-After,
//   nothing written. Any other failure: 500 with a request id only (the cause is logged on the
//   server's stderr, never sent); the server never ends on a request's failure.
// - Handlers get a Store of their thread (SQLite allows one connection per thread) and the
//   business date: the server's (ApiOptions::today, else the clock). `?today=YYYY-MM-DD` is
//   honoured only on a staff member's read (and written in the audit entry); a change is always
//   dated by the server, and a member's or a commune's request ignores it.
// - Sign-in: the attempt is counted before the password is checked (LoginLimiter), at most two
//   checks run at once (HashGate), an unknown user costs a dummy check, a request whose Origin is
//   not this server is refused (403), and every refusal is audited.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/access.hpp"
#include "app/auth_service.hpp"
#include "core/date.hpp"
#include "regulation/regulation.hpp"
#include "storage/store.hpp"

namespace mutua::http {

inline constexpr size_t kMaxBody = 64 * 1024;

struct Request {
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string remote;
  std::map<std::string, std::string> params;  // {name} segments of the route
  std::string header(const std::string& lower_name) const;
  std::string cookie(const std::string& name) const;
  std::string param(const std::string& name) const;
  std::string query_value(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  static Response json(const nlohmann::json& j, int status = 200);
  static Response error(int status, const std::string& code, const std::string& message,
                        const std::string& field = "", const std::string& rule = "");
  // A use case's error: a rule refusal is 409 naming the rule; an unknown id (or an enrolment
  // file that does not exist) 404; other bad input 400 naming the field.
  static Response from(const Error& e);
  // A file as a download (`name` in Content-Disposition); 404 when it cannot be read.
  static Response download(const std::string& path, const std::string& content_type,
                           const std::string& name);
};

// A private temporary directory for a file generated to be sent (a PDF, a zip), removed with
// its content when it goes out of scope; ok() is false when none could be made.
class ScratchDir {
 public:
  explicit ScratchDir(const char* prefix);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  bool ok() const { return !path_.empty(); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// What a handler works with.
struct Call {
  const Request& request;
  Store& store;
  const Regulation& regulation;
  Date today;
  const Principal* who;  // null on public routes
  const Session* session;
  // The handler may name what it really read for the audit entry (an export that holds care
  // lines is a "care_lines" read); empty: the route's resource.
  std::string audit_resource = {};
  // Where issued documents are kept (their register names these files).
  std::string_view documents_dir = {};
};

struct Route {
  std::string method;
  std::string pattern;  // "/api/contracts/{id}/account"
  std::optional<Permission> permission;  // none: public (health, openapi, login) or any signed-in user
  bool signed_in = true;
  std::string resource;  // audit: "contract", "care_lines", ...
  std::string summary;   // OpenAPI
  // The contract, commune and audit target the request is about (scope checks).
  std::function<std::string(const Request&)> contract_of;
  std::function<std::string(const Request&)> commune_of;
  std::function<Response(Call&)> handler;
  // Health data (care lines): audited in the request's transaction, before the answer leaves.
  bool health_data = false;
};

struct ApiOptions {
  std::string db;
  std::string regulation_path;
  std::optional<Date> today;  // fixed business date (tests, replays); else the system date
  int64_t session_idle_seconds = 30 * 60;
  int64_t session_max_seconds = 8 * 3600;
  // The session cookie's `Secure` attribute (sent over HTTPS only): on unless the server is bound
  // to loopback, where the demo runs over plain HTTP (`mutua serve --secure-cookie` decides).
  bool secure_cookie = false;
  // Where documents issued through the API (the attestation) are kept, as registered; empty:
  // "documents" beside the database file.
  std::string documents_dir;
};

class Api {
 public:
  Api(ApiOptions options, Regulation regulation);
  ~Api();
  Response handle(Request request);
  // Audits a request the HTTP layer refused before it reached handle() (a malformed request
  // line, a body over the limit): anonymous, action `refused`, with its status.
  void audit_refusal(const Request& request, int status);
  const std::vector<Route>& routes() const { return routes_; }
  nlohmann::json openapi() const;
  // The background writer of audit entries and session touches (tests flush it).
  AuditWriter& audit() { return *audit_; }
  // Unix seconds of the wall clock, for sessions and the sign-in limit, which every node reads
  // from the database (so the nodes' clocks must agree: NTP); tests may override it.
  std::function<int64_t()> clock;

 private:
  Store& store();  // this thread's connection
  Date server_date() const;
  // The business date of a request and, when `?today=` was honoured, its text for the audit.
  Date business_date(const Request& r, const Session* session, std::string& honoured) const;
  Response dispatch(Request& r);
  Response run(const Route& route, Request& r, Call& call, const Session* session);
  std::optional<Response> authorise(const Route& route, const Request& r, Call& call,
                                    std::optional<Session>& session);
  AuditEntry audit_entry(const Route* route, const Request& r, const Principal* who, int status,
                         const std::string& resource) const;
  // The signed-in user a request's cookie names, if any (to name them in a refusal's entry).
  std::optional<Principal> signed_in(const Request& r);
  Response login(Call& call);
  Response logout(Call& call);
  Response me(Call& call);

  ApiOptions options_;
  Regulation regulation_;
  SessionStore sessions_;
  LoginLimiter limiter_;
  HashGate hash_gate_;
  // This process's writers take turns here (SQLite has one writer at a time): a queue instead
  // of SQLite's busy handler, whose sleeps of up to 100 ms made the tail of concurrent changes.
  std::timed_mutex writers_;
  std::unique_ptr<AuditWriter> audit_;
  std::vector<Route> routes_;
};

// The routes of docs/api.md (api_routes.cpp), added to `routes`.
void add_member_routes(std::vector<Route>& routes);
void add_partner_routes(std::vector<Route>& routes);
void add_privacy_routes(std::vector<Route>& routes);

}  // namespace mutua::http

// The back office API over real HTTP on loopback (issue 7): sign-in, sessions, CSRF, the
// authorization matrix of every endpoint for every role (PAR-06: a partner commune never receives
// an individual; GDPR-02: only claims and medical adviser read care lines, and every such read is
// audited), and hostile input refused cleanly.
// Rules: GDPR-02, PAR-06, DOC-01, BEN-15
#include <gtest/gtest.h>
#include <httplib.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
#include <thread>

#include "http/api_test_support.hpp"

namespace mutua::http {
namespace {

using namespace mutua::http::testing;
using nlohmann::json;
namespace fs = std::filesystem;

// Public routes answer without a session; every other one refuses with 401.
TEST_F(ApiTest, SignInRequiredGDPR02) {
  auto c = client();
  auto health = c.Get("/api/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(json::parse(health->body)["status"], "ok");
  auto openapi = c.Get("/api/openapi.json");
  ASSERT_TRUE(openapi);
  EXPECT_EQ(json::parse(openapi->body)["openapi"], "3.0.3");
  for (const Route& r : api_->routes()) {
    if (!r.signed_in) continue;
    std::string path = r.pattern;
    for (size_t at; (at = path.find('{')) != std::string::npos;) {
      path.replace(at, path.find('}', at) - at + 1, "C1");
    }
    auto res = r.method == "GET" ? c.Get(path.c_str()) : c.Post(path.c_str(), "{}", "application/json");
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 401) << r.method << " " << path;
  }
}

// GDPR-01: a member exports its own data as a zip; staff open and close requests.
TEST_F(ApiTest, PersonalDataOverHttpGDPR01) {
  const Signed member = sign_in("adherent");
  auto res = call(member, "GET", "/api/contracts/C1/export?beneficiary=C1-01");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/zip");
  EXPECT_EQ(res->body.substr(0, 2), "PK");
  res = call(member, "GET", "/api/contracts/C1/export?beneficiary=C2-01");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);  // another contract's person, through its own contract
  res = call(member, "POST", "/api/contracts/C1/opposition",
             R"({"beneficiary_id": "C1-01", "surveys": true})");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["surveys"], true);

  const Signed staff = sign_in("accueil");
  res = call(staff, "POST", "/api/privacy/requests",
             R"({"beneficiary_id": "C2-01", "kind": "access", "received": "2026-06-01"})");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  const json opened = json::parse(res->body);
  EXPECT_EQ(opened["deadline"], "2026-07-01");  // one month
  res = call(staff, "POST", "/api/privacy/requests/" + std::to_string(opened["id"].get<int64_t>()) +
                                "/close",
             R"({"outcome": "done", "reason": "export sent"})");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["status"], "done");
}

// The matrix: every endpoint for every role. Allowed → never 401/403; refused → 403. A member
// reaches its own contract only; a partner commune its own commune only and never a contract
// (PAR-06); care lines are for claims and the medical adviser only (GDPR-02).
TEST_F(ApiTest, AuthorizationMatrixPAR06GDPR02) {
  struct Case {
    std::string method, path;
    Permission permission;
    std::string contract;  // the contract it is about
    std::string commune;
  };
  const std::vector<Case> cases = {
      {"GET", "/api/members?q=C1", Permission::kSearchMembers, "", ""},
      {"GET", "/api/contracts/C1", Permission::kContractPage, "C1", ""},
      {"GET", "/api/contracts/C2", Permission::kContractPage, "C2", ""},
      {"GET", "/api/contracts/C1/rights", Permission::kContractPage, "C1", ""},
      {"GET", "/api/contracts/C1/contributions?year=2026", Permission::kContributions, "C1", ""},
      {"GET", "/api/contracts/C1/account", Permission::kContributions, "C1", ""},
      {"GET", "/api/contracts/C2/account", Permission::kContributions, "C2", ""},
      {"GET", "/api/contracts/C1/claims", Permission::kCareLines, "C1", ""},
      {"GET", "/api/contracts/C1/reimbursements", Permission::kReimbursements, "C1", ""},
      {"GET", "/api/contracts/C1/documents", Permission::kDocuments, "C1", ""},
      {"GET", "/api/claims/D1/1", Permission::kCareLines, "", ""},
      {"GET", "/api/worklist", Permission::kWorklist, "", ""},
      {"GET", "/api/dunning", Permission::kDunningQueue, "", ""},
      {"GET", "/api/partners/conventions", Permission::kPartnerFigures, "", "42207"},
      {"GET", "/api/partners/events", Permission::kPartnerFigures, "", "42207"},
      {"GET", "/api/partners/materials", Permission::kPartnerFigures, "", "42207"},
      {"GET", "/api/partners/report?year=2026", Permission::kPartnerFigures, "", "42207"},
      {"GET", "/api/partners/report?commune=69123&year=2026", Permission::kPartnerFigures, "",
       "69123"},
      {"GET", "/api/partners/report?year=2026&format=csv", Permission::kPartnerFigures, "",
       "42207"},
      {"POST", "/api/partners/materials/999/approve", Permission::kMaterialReview, "", "42207"},
      {"POST", "/api/partners/materials/999/reject", Permission::kMaterialReview, "", "42207"},
      {"GET", "/api/contracts/C1/documents/x.pdf", Permission::kDocuments, "C1", ""},
      {"GET", "/api/contracts/C2/documents", Permission::kDocuments, "C2", ""},
      {"POST", "/api/css/check", Permission::kCssCheck, "", ""},
      {"GET", "/api/contracts/C1/export?beneficiary=C1-01", Permission::kPersonalData, "C1", ""},
      {"GET", "/api/contracts/C2/export?beneficiary=C2-01", Permission::kPersonalData, "C2", ""},
      {"POST", "/api/contracts/C1/opposition", Permission::kPersonalData, "C1", ""},
      {"POST", "/api/contracts/C1/rectification", Permission::kPrivacyRequests, "C1", ""},
      {"GET", "/api/privacy/requests", Permission::kPrivacyRequests, "", ""},
      {"POST", "/api/privacy/requests/999/close", Permission::kPrivacyRequests, "", ""},
      {"GET", "/api/users", Permission::kUsers, "", ""},
      {"POST", "/api/contracts/C1/attestation", Permission::kDocuments, "C1", ""},
      {"GET", "/api/me", Permission::kContractPage, "", ""},  // any signed-in user: see below
      {"POST", "/api/privacy/requests", Permission::kPrivacyRequests, "", ""},
      {"POST", "/api/users", Permission::kUsers, "", ""},
      {"GET", "/api/audit", Permission::kAudit, "", ""},
  };
  // Every signed-in route is in the matrix (logout aside: it ends the session the loop uses).
  for (const Route& r : api_->routes()) {
    if (!r.signed_in || r.pattern == "/api/logout") continue;
    const std::regex pattern(std::regex_replace(r.pattern, std::regex(R"(\{[a-z]+\})"), "[^/]+"));
    const bool covered = std::any_of(cases.begin(), cases.end(), [&](const Case& k) {
      return k.method == r.method && std::regex_match(k.path.substr(0, k.path.find('?')), pattern);
    });
    EXPECT_TRUE(covered) << r.method << " " << r.pattern << " is not in the matrix";
  }
  for (const User& u : kUsers) {
    const Signed s = sign_in(u.name);
    Principal who{u.name, *parse_user_role(u.role), u.commune, u.contract};
    for (const Case& k : cases) {
      std::string commune = k.commune;
      if (who.role != UserRole::kPartnerCommune && k.path.find("commune=") == std::string::npos) {
        commune.clear();  // staff asking for every commune
      }
      const bool allowed = k.path == "/api/me" || permits(who, k.permission, k.contract, commune);
      auto res = call(s, k.method, k.path, R"({"resources": "12000", "persons": [40]})");
      ASSERT_TRUE(res) << k.path;
      if (allowed) {
        EXPECT_NE(res->status, 403) << u.name << " " << k.method << " " << k.path << " " << res->body;
        EXPECT_NE(res->status, 401) << u.name << " " << k.path;
      } else {
        EXPECT_EQ(res->status, 403) << u.name << " " << k.method << " " << k.path;
      }
    }
  }
}

// GDPR-02: every read of care lines is in the audit trail, with who, what and from where.
TEST_F(ApiTest, CareLineReadsAreAuditedGDPR02) {
  const Signed s = sign_in("medecin");
  auto res = call(s, "GET", "/api/contracts/C1/claims");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  api_->audit().flush();
  auto store = Store::open(db_);
  AuditFilter f;
  f.username = "medecin";
  f.resource = "care_lines";
  const auto entries = store->audit_entries(f);
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.front().target, "C1");
  EXPECT_EQ(entries.front().action, "read");
  EXPECT_EQ(entries.front().remote, "127.0.0.1");
  // Append-only: the trail refuses to be changed or emptied.
  SqliteStore raw(db_);
  EXPECT_THROW(raw.db().exec("UPDATE audit_log SET outcome = 'x'"), StoreError);
  EXPECT_THROW(raw.db().exec("DELETE FROM audit_log"), StoreError);
}

}  // namespace
}  // namespace mutua::http

namespace mutua::http {
namespace {

// Hostile input is refused cleanly and changes nothing: an oversized body, malformed JSON,
// SQL-looking text, path traversal, a missing CSRF token.
TEST_F(ApiTest, HostileInputRefusedGDPR02) {
  auto c = client();
  const std::string big(100 * 1024, 'x');
  auto res = c.Post("/api/login", big, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  res = c.Post("/api/login", "{\"username\": ", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  res = c.Post("/api/login", R"({"username": 1, "password": []})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);

  const Signed s = sign_in("accueil");
  res = call(s, "GET", "/api/members?q=%27%20OR%201%3D1%20--");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body), json::array());
  res = call(s, "GET", "/api/members?q=DUR");
  ASSERT_TRUE(res);
  EXPECT_EQ(json::parse(res->body).size(), 3u);  // the table is intact

  for (const char* path : {"/api/contracts/..%2F..%2Fetc%2Fpasswd", "/api/contracts/../../x",
                           "/api/contracts/C1%00/documents",
                           "/api/contracts/C1/documents/..%2F..%2F..%2Fetc%2Fpasswd",
                           "/api/contracts/C1/documents/%2Fetc%2Fpasswd",
                           "/api/contracts/C1/documents/api.db"}) {
    res = call(s, "GET", path);
    ASSERT_TRUE(res) << path;
    EXPECT_TRUE(res->status == 404 || res->status == 400) << path << " " << res->status;
  }
  for (const char* path : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/.git/config"}) {
    res = c.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_EQ(res->body.find("root:"), std::string::npos);
  }

  // A change without the CSRF token: refused, and the session stays signed in.
  res = call(s, "POST", "/api/css/check", R"({"resources": "12000", "persons": [40]})", false);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(json::parse(res->body)["error"]["code"], "csrf");
  res = call(s, "POST", "/api/css/check", R"({"resources": "12000", "persons": [40]})");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["result"], "participatory");
}

// Sessions expire 30 minutes after their last use; sign-in attempts are limited.
TEST_F(ApiTest, ExpiredSessionsAndSignInRateLimit) {
  const Signed s = sign_in("cotisations");
  const auto real = api_->clock;
  const int64_t start = real();
  api_->clock = [start] { return start + 31 * 60; };
  auto res = call(s, "GET", "/api/dunning");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  api_->clock = real;
  res = call(s, "GET", "/api/dunning");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);  // an expired session is gone for good

  // Frozen clock: the sixth attempt comes within the backoff that follows the fifth failure.
  const int64_t frozen = real();
  api_->clock = [frozen] { return frozen; };
  auto c = client();
  const json wrong = {{"username", "admin"}, {"password", "not-the-password"}};
  for (int i = 0; i < 5; ++i) {
    auto r = c.Post("/api/login", wrong.dump(), "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
  }
  const json right = {{"username", "admin"}, {"password", "demo-admin-pw"}};
  auto blocked = c.Post("/api/login", right.dump(), "application/json");
  ASSERT_TRUE(blocked);
  EXPECT_EQ(blocked->status, 429);  // even the right password, until the backoff has passed
  EXPECT_FALSE(blocked->get_header_value("Retry-After").empty());
  api_->clock = [frozen] { return frozen + 2; };
  auto later = c.Post("/api/login", right.dump(), "application/json");
  ASSERT_TRUE(later);
  EXPECT_EQ(later->status, 200);  // a pause, not a lock-out
  api_->clock = real;
}

}  // namespace
}  // namespace mutua::http

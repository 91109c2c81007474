// The back office server of the API tests over real HTTP on loopback: a database with three
// contracts (C1, C2 and the regional R1 of commune 42207), one user per role (password
// demo-<name>-pw) and a convention, served on a free port for the test suite.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <thread>

#include "app/auth_service.hpp"
#include "app/catalogue_service.hpp"
#include "app/partners_service.hpp"
#include "app/regulation_source.hpp"
#include "http/server.hpp"
#include "storage/sqlite_store.hpp"

namespace mutua::http::testing {

using nlohmann::json;
namespace fs = std::filesystem;

const Date kToday = make_date(2026, 6, 15);

inline Contract contract(const std::string& id, const std::string& product,
                         const std::string& commune) {
  Contract c;
  c.id = id;
  c.product = product;
  c.commune = commune;
  if (!commune.empty()) c.link = Link::kResidence;
  Beneficiary m;
  m.id = id + "-01";
  m.role = Role::kMember;
  m.last_name = "DURAND";
  m.first_name = "Inès";
  m.birth_date = make_date(1980, 3, 4);
  m.start_date = make_date(2025, 1, 1);
  c.beneficiaries.push_back(m);
  c.employer = "Commune de Saint-Chamond";
  return c;
}

struct User {
  const char* name;
  const char* role;
  const char* commune;
  const char* contract;
};
constexpr User kUsers[] = {
    {"admin", "admin", "", ""},
    {"accueil", "member_services", "", ""},
    {"cotisations", "billing", "", ""},
    {"prestations", "claims", "", ""},
    {"medecin", "medical_adviser", "", ""},
    {"mairie", "partner_commune", "42207", ""},
    {"adherent", "member", "", "C1"},
};

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string pattern = ::testing::TempDir() + "mutua_http_XXXXXX";
    dir_ = mkdtemp(pattern.data());
    db_ = dir_ + "/api.db";
    auto regulation = load_regulation("");
    ASSERT_TRUE(regulation.ok());
    {
      auto store = Store::open(db_);
      store->migrate();
      const std::string src = MUTUA_SOURCE_DIR;
      auto loaded = load_catalogue_into(*store, src + "/config/catalogue.yaml", *regulation);
      ASSERT_TRUE(loaded.errors.empty());
      // C2: a household, its adult spouse and a minor child (whose data the holder may ask).
      Contract c2 = contract("C2", "LABEL2", "");
      Beneficiary spouse = c2.beneficiaries.front();
      spouse.id = "C2-02";
      spouse.role = Role::kSpouse;
      spouse.first_name = "Paul";
      spouse.birth_date = make_date(1979, 5, 6);
      Beneficiary child = spouse;
      child.id = "C2-03";
      child.role = Role::kChild;
      child.first_name = "Léa";
      child.birth_date = make_date(2015, 9, 1);
      c2.beneficiaries.push_back(spouse);
      c2.beneficiaries.push_back(child);
      store->insert_contracts({contract("C1", "LABEL2", ""), c2,
                               contract("R1", "REGION_AURA", "42207")});
      auto added2 = add_user(*store, {"adherent2", "demo-adherent2-pw", "member", "", "C2"}, kToday);
      ASSERT_TRUE(added2.ok()) << added2.error().to_string();
      for (const User& u : kUsers) {
        auto added = add_user(*store, {u.name, std::string("demo-") + u.name + "-pw", u.role,
                                       u.commune, u.contract},
                              kToday);
        ASSERT_TRUE(added.ok()) << added.error().to_string();
      }
      ConventionRequest conv;
      conv.commune = "42207";
      conv.mutuelle = "MILTIS";
      conv.signed_on = make_date(2025, 3, 17);
      ASSERT_TRUE(add_convention(*store, conv, kToday).ok());
    }
    ApiOptions options;
    options.db = db_;
    options.today = kToday;
    api_ = new Api(options, std::move(regulation).value());
    ServerOptions so;
    so.port = 0;
    so.threads = 4;
    so.web_dir = std::string(MUTUA_SOURCE_DIR) + "/web";
    server_ = new Server(so, *api_);
    std::string error;
    ASSERT_TRUE(server_->bind(error)) << error;
    thread_ = new std::thread([] { server_->run(); });
  }
  static void TearDownTestSuite() {
    server_->stop();
    thread_->join();
    delete thread_;
    delete server_;
    delete api_;
    fs::remove_all(dir_);
  }

  static httplib::Client client() {
    httplib::Client c("127.0.0.1", server_->bound_port());
    c.set_read_timeout(10, 0);
    return c;
  }

  struct Signed {
    std::string cookie;
    std::string csrf;
  };
  static Signed sign_in(const std::string& user) {
    auto c = client();
    json body = {{"username", user}, {"password", "demo-" + user + "-pw"}};
    auto res = c.Post("/api/login", body.dump(), "application/json");
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    const std::string set = res->get_header_value("Set-Cookie");
    return {set.substr(0, set.find(';')), json::parse(res->body)["csrf_token"]};
  }

  static httplib::Result call(const Signed& s, const std::string& method, const std::string& path,
                              const std::string& body = "", bool with_csrf = true) {
    auto c = client();
    httplib::Headers h{{"Cookie", s.cookie}};
    if (with_csrf) h.emplace("X-CSRF-Token", s.csrf);
    if (method == "GET") return c.Get(path.c_str(), h);
    return c.Post(path.c_str(), h, body, "application/json");
  }

  static inline std::string dir_, db_;
  static inline Api* api_ = nullptr;
  static inline Server* server_ = nullptr;
  static inline std::thread* thread_ = nullptr;
};

}  // namespace mutua::http::testing

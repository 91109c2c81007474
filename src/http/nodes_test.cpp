// Issue 16 item 5: several `mutua serve` nodes on one database serve the same users. Two Api
// instances ("node A": the suite's server; "node B": a second Api and server on the same
// SQLite file, whose worker threads have their own connections) behind a load balancer that
// sends each request anywhere: a session made on one is used, touched and ended on the other,
// and the sign-in limit counts the attempts made on both.
// Rules: GDPR-02 (sign-in, sessions, CSRF and the sign-in limit of the back office; docs/security.md
// items 7 and 18).
#include <future>

#include "http/api_test_support.hpp"

namespace mutua::http {
namespace {

using namespace mutua::http::testing;
using nlohmann::json;

class NodesTest : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    ApiTest::SetUpTestSuite();
    ApiOptions options;
    options.db = db_;
    options.today = kToday;
    auto regulation = load_regulation("");
    ASSERT_TRUE(regulation.ok());
    node_b_ = new Api(options, std::move(regulation).value());
    ServerOptions so;
    so.port = 0;
    so.threads = 4;
    so.web_dir = std::string(MUTUA_SOURCE_DIR) + "/web";
    server_b_ = new Server(so, *node_b_);
    std::string error;
    ASSERT_TRUE(server_b_->bind(error)) << error;
    thread_b_ = new std::thread([] { server_b_->run(); });
  }
  static void TearDownTestSuite() {
    server_b_->stop();
    thread_b_->join();
    delete thread_b_;
    delete server_b_;
    delete node_b_;
    ApiTest::TearDownTestSuite();
  }

  static int port_a() { return server_->bound_port(); }
  static int port_b() { return server_b_->bound_port(); }

  static httplib::Result login(int port, const std::string& user, const std::string& password) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(10, 0);
    return c.Post("/api/login", json{{"username", user}, {"password", password}}.dump(),
                  "application/json");
  }
  static Signed sign_in_on(int port, const std::string& user) {
    auto res = login(port, user, "demo-" + user + "-pw");
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << res->body;
    const std::string set = res->get_header_value("Set-Cookie");
    return {set.substr(0, set.find(';')), json::parse(res->body)["csrf_token"]};
  }
  static int status_on(int port, const Signed& s, const std::string& method,
                       const std::string& path, const std::string& body = "",
                       bool with_csrf = true) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(10, 0);
    httplib::Headers h{{"Cookie", s.cookie}};
    if (with_csrf) h.emplace("X-CSRF-Token", s.csrf);
    auto res = method == "GET" ? c.Get(path.c_str(), h)
                               : c.Post(path.c_str(), h, body, "application/json");
    return res ? res->status : 0;
  }
  // Both nodes read the same clock, as NTP-synchronised machines would.
  static void set_clocks(std::function<int64_t()> clock) {
    api_->clock = clock;
    node_b_->clock = clock;
  }

  static inline Api* node_b_ = nullptr;
  static inline Server* server_b_ = nullptr;
  static inline std::thread* thread_b_ = nullptr;
};

// GDPR-02: signed in on A, the session reads and changes on B (the CSRF token checked there
// too), and a sign-out on B ends it on A.
TEST_F(NodesTest, SessionCrossesNodesAndLogoutEndsItEverywhereGDPR02) {
  const Signed s = sign_in_on(port_a(), "accueil");
  EXPECT_EQ(status_on(port_b(), s, "GET", "/api/contracts/C1"), 200);
  EXPECT_EQ(status_on(port_a(), s, "GET", "/api/contracts/C1"), 200);
  const std::string change = R"({"beneficiary_id": "C1-01", "surveys": true})";
  EXPECT_EQ(status_on(port_b(), s, "POST", "/api/contracts/C1/opposition", change), 200);
  EXPECT_EQ(status_on(port_b(), s, "POST", "/api/contracts/C1/opposition", change, false), 403);
  Signed forged = s;
  forged.csrf = std::string(s.csrf.size(), '0');
  EXPECT_EQ(status_on(port_b(), forged, "POST", "/api/contracts/C1/opposition", change), 403);
  // B tells the same CSRF token as A gave at sign-in.
  httplib::Client b("127.0.0.1", port_b());
  auto me = b.Get("/api/me", {{"Cookie", s.cookie}});
  ASSERT_TRUE(me);
  ASSERT_EQ(me->status, 200);
  EXPECT_EQ(json::parse(me->body)["csrf_token"], s.csrf);
  EXPECT_EQ(json::parse(me->body)["user"], "accueil");

  EXPECT_EQ(status_on(port_b(), s, "POST", "/api/logout"), 200);
  EXPECT_EQ(status_on(port_a(), s, "GET", "/api/contracts/C1"), 401);
  EXPECT_EQ(status_on(port_b(), s, "GET", "/api/contracts/C1"), 401);
  // A session of another user on the same nodes is untouched by that sign-out.
  const Signed other = sign_in_on(port_b(), "cotisations");
  EXPECT_EQ(status_on(port_a(), other, "GET", "/api/contracts/C1"), 200);
}

// GDPR-02 (item 7 across nodes): failures for one user name from one address, three on A and
// two on B, reach the limit of five together; the sixth is held back on both nodes, even with
// the right password, and passes once the backoff has run.
TEST_F(NodesTest, SignInLimitCountsAttemptsOfEveryNodeGDPR02) {
  const auto real = api_->clock;
  const int64_t frozen = real();
  set_clocks([frozen] { return frozen; });
  for (int i = 0; i < 5; ++i) {
    auto r = login(i < 3 ? port_a() : port_b(), "prestations", "not-the-password");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << "attempt " << i + 1;
  }
  for (int port : {port_a(), port_b()}) {
    auto blocked = login(port, "prestations", "demo-prestations-pw");
    ASSERT_TRUE(blocked);
    EXPECT_EQ(blocked->status, 429);
    EXPECT_FALSE(blocked->get_header_value("Retry-After").empty());
  }
  set_clocks([frozen] { return frozen + 2; });
  auto later = login(port_b(), "prestations", "demo-prestations-pw");
  ASSERT_TRUE(later);
  EXPECT_EQ(later->status, 200);  // a pause, not a lock-out

  // Parallel guesses sent to both nodes at once: still five checked in all (each node alone
  // would have let five through).
  set_clocks([frozen] { return frozen + 10; });
  std::vector<std::future<int>> answers;
  for (int i = 0; i < 16; ++i) {
    answers.push_back(std::async(std::launch::async, [i] {
      auto r = login(i % 2 == 0 ? port_a() : port_b(), "medecin", "wrong-password-0");
      return r ? r->status : 0;
    }));
  }
  int checked = 0, held = 0;
  for (auto& a : answers) {
    const int status = a.get();
    checked += status == 401;
    held += status == 429 || status == 503;
  }
  EXPECT_EQ(checked, 5);
  EXPECT_EQ(checked + held, 16);
  set_clocks(real);
}

// GDPR-02: a session's last use on B keeps it alive on A past A's own idle limit; unused for
// 30 minutes, it expires on both. A session used nowhere meanwhile has expired.
TEST_F(NodesTest, IdleExpiryCountsUseOnEveryNodeGDPR02) {
  const auto real = api_->clock;
  const int64_t start = real();
  const Signed used = sign_in_on(port_a(), "cotisations");
  const Signed idle = sign_in_on(port_a(), "admin");
  set_clocks([start] { return start + 20 * 60; });
  EXPECT_EQ(status_on(port_b(), used, "GET", "/api/dunning"), 200);
  node_b_->audit().flush();  // B's touch is written after its answer, with the group commit
  set_clocks([start] { return start + 45 * 60; });
  EXPECT_EQ(status_on(port_a(), used, "GET", "/api/dunning"), 200);  // idle 25 min since B
  EXPECT_EQ(status_on(port_a(), idle, "GET", "/api/worklist"), 401);  // idle 45 min
  api_->audit().flush();
  set_clocks([start] { return start + 76 * 60; });  // 31 minutes after the use on A
  EXPECT_EQ(status_on(port_b(), used, "GET", "/api/dunning"), 401);
  set_clocks(real);
  EXPECT_EQ(status_on(port_a(), used, "GET", "/api/dunning"), 401);  // gone for good
}

}  // namespace
}  // namespace mutua::http

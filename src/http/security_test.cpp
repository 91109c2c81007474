// The attacks a hostile client ran against the back office, each replayed over real HTTP on
// loopback: files outside web/ (and the database itself) served without signing in, a busy
// database ending the server, stale reads of a worker's connection, parallel password guesses,
// health data in exports, a business date chosen by the client, audit entries lost or late,
// exception text sent to the client. docs/security.md maps each threat to its test here.
// Rules: GDPR-02, GDPR-01, DOC-01, BEN-15
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <set>

#include "http/api_test_support.hpp"

namespace mutua::http {
namespace {

using namespace mutua::http::testing;
using nlohmann::json;
namespace fs = std::filesystem;

struct RawAnswer {
  int status = 0;
  std::string head;
  std::string body;
};

// A TCP connection to 127.0.0.1:`port` from the loopback address `source` (attacks from several
// addresses), or -1.
int connect_from(const char* source, int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in local{};
  local.sin_family = AF_INET;
  ::inet_pton(AF_INET, source, &local.sin_addr);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// One request sent byte for byte (no client-side normalisation of the path), from `source`.
RawAnswer raw_request(int port, const std::string& request, const char* source = "127.0.0.1") {
  RawAnswer out;
  const int fd = connect_from(source, port);
  if (fd < 0) return out;
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string all;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) all.append(buf, static_cast<size_t>(n));
  ::close(fd);
  const size_t end = all.find("\r\n\r\n");
  out.head = all.substr(0, end);
  out.body = end == std::string::npos ? "" : all.substr(end + 4);
  if (all.rfind("HTTP/1.1 ", 0) == 0) out.status = std::atoi(all.c_str() + 9);
  return out;
}

RawAnswer raw_get(int port, const std::string& path, const std::string& headers = "",
                  const char* source = "127.0.0.1") {
  return raw_request(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers +
                               "Connection: close\r\n\r\n",
                     source);
}

RawAnswer raw_post(int port, const std::string& path, const std::string& body,
                   const std::string& headers = "", const char* source = "127.0.0.1") {
  return raw_request(port, "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers +
                               "Content-Type: application/json\r\nContent-Length: " +
                               std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body,
                     source);
}

std::vector<AuditEntry> audit_of(const std::string& db, AuditFilter f) {
  auto store = Store::open(db);
  f.limit = 10000;
  return store->audit_entries(f);
}

// A second server on the suite's Api, with its own options, running until the end of scope.
class ExtraServer {
 public:
  ExtraServer(ServerOptions options, Api& api) : server_(with_any_port(std::move(options)), api) {
    std::string error;
    bound_ = server_.bind(error);
    EXPECT_TRUE(bound_) << error;
    if (bound_) thread_ = std::thread([this] { server_.run(); });
  }
  ~ExtraServer() {
    if (!bound_) return;
    server_.stop();
    thread_.join();
  }
  int port() const { return server_.bound_port(); }

 private:
  static ServerOptions with_any_port(ServerOptions o) {
    o.port = 0;
    return o;
  }
  Server server_;
  bool bound_ = false;
  std::thread thread_;
};

class SecurityTest : public ApiTest {};

// Issue item 1: `//etc/hostname` made an absolute path of web_dir / "/etc/hostname"; the
// database itself was downloadable. Only regular files inside web/ are served.
TEST_F(SecurityTest, StaticFilesStayInsideTheWebFolderGDPR02) {
  const int port = server_->bound_port();
  EXPECT_EQ(raw_get(port, "/").status, 200);
  EXPECT_EQ(raw_get(port, "/index.html").status, 200);
  for (const std::string& path :
       {std::string("//etc/hostname"), std::string("/%2fetc%2fpasswd"), std::string("//etc/passwd"),
        std::string("//proc/self/cmdline"), std::string("//proc/self/environ"),
        std::string("//proc/self/cwd/") + fs::path(db_).filename().string(), "/" + db_,
        "/" + db_ + "-wal", std::string("/..%2f..%2f..%2fetc/passwd"),
        std::string("/./index.html"), std::string("/%00index.html"), std::string("/index.html%00"),
        std::string("/.git/config"), std::string("/..\\..\\etc\\passwd"),
        std::string("/%2e%2e/%2e%2e/etc/passwd")}) {
    const RawAnswer a = raw_get(port, path);
    EXPECT_EQ(a.status, 404) << path;
    EXPECT_EQ(a.body.find("root:"), std::string::npos) << path;
    EXPECT_EQ(a.body.find("SQLite format"), std::string::npos) << path;
  }

  // A link inside the folder that leads out of it is refused too.
  const std::string web = dir_ + "/web";
  fs::create_directories(web);
  { std::ofstream(web + "/index.html") << "<p>ok</p>"; }
  fs::create_symlink("/etc/hostname", web + "/host.txt");
  fs::create_symlink(db_, web + "/db.html");
  ServerOptions so;
  so.threads = 2;
  so.web_dir = web;
  ExtraServer other(so, *api_);
  EXPECT_EQ(raw_get(other.port(), "/index.html").status, 200);
  EXPECT_EQ(raw_get(other.port(), "/host.txt").status, 404);
  EXPECT_EQ(raw_get(other.port(), "/db.html").status, 404);
}

// Item 4: a statement left on a row kept its worker's read snapshot: the same read answered
// differently by worker, and the attestation (a write after such a read) failed half the time.
TEST_F(SecurityTest, EveryWorkerReadsTheLatestCommitDOC01) {
  const Signed staff = sign_in("cotisations");
  const Signed member = sign_in("adherent");
  for (int i = 0; i < 40; ++i) {  // every worker's connection has run these reads
    call(staff, "GET", "/api/contracts/C1/account");
    call(staff, "GET", "/api/dunning");
    call(member, "POST", "/api/contracts/C1/attestation");
  }
  {
    auto store = Store::open(db_);
    Transaction tx(*store);
    std::vector<Entry> paid{make_entry("test:stale:1", kToday, EntryKind::kPayment, "C1", "512",
                                       "411", Money::from_cents(12345), "BIL-04")};
    store->post_entries(paid);
    tx.commit();
  }
  std::set<std::string> balances;
  for (int i = 0; i < 30; ++i) {
    auto res = call(staff, "GET", "/api/contracts/C1/account");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    balances.insert(json::parse(res->body)["balance"].dump());
  }
  EXPECT_EQ(balances.size(), 1u) << "answers differ by worker";
  int ok = 0;
  for (int i = 0; i < 50; ++i) {
    auto res = call(member, "POST", "/api/contracts/C1/attestation");
    ASSERT_TRUE(res);
    ok += res->status == 200;
  }
  EXPECT_EQ(ok, 50);
}

// Item 3: a batch holding the write lock ended the server (the audit thread's BEGIN IMMEDIATE
// threw past busy_timeout). Now: reads go on, a change and a health-data read answer 503 with
// Retry-After, no audit entry is lost, and the server is alive afterwards.
TEST_F(SecurityTest, BusyDatabaseGives503AndLosesNothingGDPR02) {
  const Signed staff = sign_in("accueil");
  const Signed doctor = sign_in("medecin");
  const size_t before = audit_of(db_, {}).size();
  SqliteStore batch(db_);
  batch.db().exec("BEGIN IMMEDIATE");  // what a batch's transaction does
  int reads_ok = 0;
  for (int i = 0; i < 20; ++i) {
    auto res = call(staff, "GET", "/api/contracts/C1");
    ASSERT_TRUE(res);
    reads_ok += res->status == 200;
  }
  auto change = call(staff, "POST", "/api/contracts/C1/opposition",
                     R"({"beneficiary_id": "C1-01", "surveys": true})");
  ASSERT_TRUE(change);
  EXPECT_EQ(change->status, 503) << change->body;
  EXPECT_FALSE(change->get_header_value("Retry-After").empty());
  auto health = call(doctor, "GET", "/api/contracts/C1/claims");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 503);
  batch.db().exec("COMMIT");
  EXPECT_EQ(reads_ok, 20);
  api_->audit().flush();  // waits for the retried entries
  auto alive = client().Get("/api/health");
  ASSERT_TRUE(alive);
  EXPECT_EQ(alive->status, 200);
  // 20 reads and the two 503s, none lost.
  EXPECT_GE(audit_of(db_, {}).size(), before + 22);
}

// Item 7: 30 parallel wrong passwords were all checked (limit 5): the attempt is now counted
// before the hash. Refusals are audited; another address still signs in (no lock-out that anyone
// could trigger); a sign-in posted from another site is refused.
TEST_F(SecurityTest, ParallelGuessesAreCountedBeforeTheHashGDPR02) {
  const int port = server_->bound_port();
  const std::string wrong = R"({"username": "prestations", "password": "wrong-password-0"})";
  // The burst comes within one second (a frozen clock): past the fifth failure, the backoff
  // would let one more attempt through per 1, 2, 4... seconds.
  const auto real_clock = api_->clock;
  const int64_t frozen = real_clock();
  api_->clock = [frozen] { return frozen; };
  std::vector<std::future<int>> answers;
  for (int i = 0; i < 30; ++i) {
    answers.push_back(std::async(std::launch::async, [&] {
      return raw_post(port, "/api/login", wrong, "", "127.0.0.9").status;
    }));
  }
  int checked = 0, limited = 0;
  for (auto& a : answers) {
    const int status = a.get();
    checked += status == 401;
    limited += status == 429 || status == 503;
  }
  EXPECT_EQ(checked, 5);
  EXPECT_EQ(checked + limited, 30);
  api_->audit().flush();
  AuditFilter f;
  f.username = "prestations";
  f.action = "login";
  size_t from_attacker = 0;
  for (const AuditEntry& e : audit_of(db_, f)) from_attacker += e.remote == "127.0.0.9";
  EXPECT_EQ(from_attacker, 30u);  // every refusal is in the trail
  // The real user, from its own address, is not locked out.
  const RawAnswer real = raw_post(
      port, "/api/login", R"({"username": "prestations", "password": "demo-prestations-pw"})", "",
      "127.0.0.10");
  EXPECT_EQ(real.status, 200) << real.body;
  // Failures for one user from several addresses past the per-user pause do not keep its owner
  // out: the pause holds back only the addresses that failed.
  api_->clock = [frozen] { return frozen + 100; };
  for (const char* from : {"127.0.1.1", "127.0.1.2", "127.0.1.3", "127.0.1.4"}) {
    for (int i = 0; i < 4; ++i) raw_post(port, "/api/login", wrong, "", from);
  }
  const RawAnswer owner = raw_post(
      port, "/api/login", R"({"username": "prestations", "password": "demo-prestations-pw"})", "",
      "127.0.1.99");
  EXPECT_EQ(owner.status, 200) << owner.body;
  // Parallel guesses of many user names from one address: at most 20 are checked.
  std::vector<std::future<int>> many;
  for (int i = 0; i < 31; ++i) {
    many.push_back(std::async(std::launch::async, [&, i] {
      return raw_post(port, "/api/login",
                      R"({"username": "nobody)" + std::to_string(i) + R"(", "password": "x"})", "",
                      "127.0.2.1")
          .status;
    }));
  }
  int hashed = 0;
  for (auto& a : many) hashed += a.get() == 401;
  EXPECT_LE(hashed, 20);
  api_->clock = real_clock;
  const RawAnswer forged = raw_post(
      port, "/api/login", R"({"username": "prestations", "password": "demo-prestations-pw"})",
      "Origin: http://evil.example\r\n");
  EXPECT_EQ(forged.status, 403);
}

// Item 8: an export gave member services every care line, and a member an adult spouse's NIR and
// care lines. A person's export goes to that person (or the holder, for a minor); care lines only
// for roles that read them, and such an export is audited as a health-data read.
TEST_F(SecurityTest, ExportsHoldCareLinesOnlyForThoseWhoMayReadThemGDPR01GDPR02) {
  const Signed holder = sign_in("adherent2");
  auto res = call(holder, "GET", "/api/contracts/C2/export?beneficiary=C2-02");  // adult spouse
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  res = call(holder, "GET", "/api/contracts/C2/export?beneficiary=C2-03");  // their child
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  res = call(holder, "GET", "/api/contracts/C2/export?beneficiary=C2-01");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("remboursements.csv"), std::string::npos);  // their own care

  const Signed desk = sign_in("accueil");
  res = call(desk, "GET", "/api/contracts/C2/export?beneficiary=C2-02");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->body.find("remboursements.csv"), std::string::npos);
  // The member's own export holds their care: audited before the answer (no flush), as a
  // health-data read.
  AuditFilter f;
  f.username = "adherent2";
  f.resource = "care_lines";
  f.target = "C2";
  EXPECT_FALSE(audit_of(db_, f).empty());
}

// Item 9: `?today=` let a member date attestations 2019 or 2099. Changes are dated by the
// server; only a staff member's read takes another date, and the audit entry says so.
TEST_F(SecurityTest, OnlyStaffReadsChooseTheBusinessDateDOC01) {
  const Signed member = sign_in("adherent");
  auto res = call(member, "POST", "/api/contracts/C1/attestation?today=2099-01-01");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  res = call(member, "GET", "/api/contracts/C1/documents?today=2019-01-01");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const json issued = json::parse(res->body);
  ASSERT_FALSE(issued.empty());
  for (const json& d : issued) {
    EXPECT_EQ(d["issued"], format_date(kToday)) << d.dump();
  }
  // The registered file exists and is served again (a file and its record exist together).
  res = call(member, "GET",
             "/api/contracts/C1/documents/" + issued.back()["file"].get<std::string>());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body.substr(0, 4), "%PDF");
  const Signed staff = sign_in("accueil");
  res = call(staff, "GET", "/api/privacy/requests?today=2020-01-01");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  AuditFilter f;
  f.username = "accueil";
  f.resource = "privacy";
  api_->audit().flush();
  bool noted = false;
  for (const AuditEntry& e : audit_of(db_, f)) {
    noted = noted || e.outcome.find("today=2020-01-01") != std::string::npos;
  }
  EXPECT_TRUE(noted);
  res = call(staff, "POST", "/api/privacy/requests?today=2020-01-01",
             R"({"beneficiary_id": "C2-01", "kind": "access"})");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(json::parse(res->body)["received"], format_date(kToday));
}

// Item 10: entries were written after the answer (lost on a kill), failures were not audited,
// and a 500 sent the exception's text. Now a change's entry is stored before its answer, 4xx
// are audited, and text stored as invalid UTF-8 (an older database) answers 200, not 500.
TEST_F(SecurityTest, ChangesAndFailuresAreAuditedBeforeTheAnswerGDPR02) {
  const Signed staff = sign_in("accueil");
  auto res = call(staff, "POST", "/api/contracts/C1/opposition",
                  R"({"beneficiary_id": "C1-01", "extra_offers": true})");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  AuditFilter f;
  f.username = "accueil";
  f.action = "write";
  EXPECT_FALSE(audit_of(db_, f).empty());  // no flush: committed with the change

  const int port = server_->bound_port();
  EXPECT_EQ(raw_get(port, "/api/no-such-thing").status, 404);
  EXPECT_EQ(raw_get(port, "/api/contracts/C1").status, 401);
  api_->audit().flush();
  AuditFilter refused;
  refused.action = "refused";
  EXPECT_GE(audit_of(db_, refused).size(), 2u);

  {
    SqliteStore raw(db_);
    raw.db().exec("UPDATE beneficiaries SET last_name = 'DUR' || char(255) || X'FF' || 'AND' "
                  "WHERE beneficiary_id = 'C2-01'");
  }
  for (const char* path : {"/api/contracts/C2", "/api/members?q=C2"}) {
    res = call(staff, "GET", path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << path << " " << res->body;
    EXPECT_EQ(res->get_header_value("EXCEPTION_WHAT"), "");
  }
  {
    SqliteStore raw(db_);
    raw.db().exec("UPDATE beneficiaries SET last_name = 'DURAND' WHERE beneficiary_id = 'C2-01'");
  }
}

// Item 15: 70 connections sending one header line every 2 s kept /api/health unanswered for 40 s.
// Now one address holds at most `per_address` connections, and a request must arrive whole within
// `request_seconds` of its first byte: the slow ones are closed, and health answers meanwhile.
TEST_F(SecurityTest, SlowClientsHoldNoWorkerGDPR02) {
  ServerOptions so;
  so.threads = 16;
  so.per_address = 8;
  so.request_seconds = 2;
  ExtraServer slow_target(so, *api_);
  const int port = slow_target.port();
  std::vector<int> slow;
  for (int i = 0; i < 70; ++i) {  // from one address, as the attacker did
    const int fd = connect_from("127.0.0.7", port);
    ASSERT_GE(fd, 0);
    const std::string start = "GET /api/health HTTP/1.1\r\nHost: x\r\n";
    ::send(fd, start.data(), start.size(), MSG_NOSIGNAL);
    slow.push_back(fd);
  }
  // Meanwhile another client is answered (within the client's 10 s read timeout).
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(10, 0);
  auto health = c.Get("/api/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  // The slow senders keep trickling header lines; each is closed by the server: at once when over
  // the per-address limit, at its request deadline otherwise.
  int closed = 0;
  for (int round = 0; round < 4 && closed < 70; ++round) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    closed = 0;
    for (int fd : slow) {
      ::send(fd, "X-Slow: 1\r\n", 11, MSG_NOSIGNAL);
      char buf[512];
      const ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
      closed += n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
    }
  }
  EXPECT_EQ(closed, 70);
  for (int fd : slow) ::close(fd);
}

// Slow clients from many addresses, more than there are workers, and a long request deadline:
// a worker only ever gets a request that has arrived whole, so health still answers at once.
TEST_F(SecurityTest, SlowClientsFromManyAddressesHoldNoWorkerGDPR02) {
  ServerOptions so;
  so.threads = 4;
  so.per_address = 8;
  so.request_seconds = 60;
  ExtraServer target(so, *api_);
  std::vector<int> slow;
  for (int a = 0; a < 5; ++a) {
    const std::string from = "127.0.3." + std::to_string(a + 1);
    for (int i = 0; i < 8; ++i) {
      const int fd = connect_from(from.c_str(), target.port());
      ASSERT_GE(fd, 0);
      const std::string start = "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{";
      ::send(fd, start.data(), start.size(), MSG_NOSIGNAL);
      slow.push_back(fd);
    }
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  httplib::Client c("127.0.0.1", target.port());
  c.set_read_timeout(3, 0);  // 40 unfinished requests, 4 workers: none of them is waiting
  for (int i = 0; i < 5; ++i) {
    auto health = c.Get("/api/health");
    ASSERT_TRUE(health) << "request " << i;
    EXPECT_EQ(health->status, 200);
  }
  for (int fd : slow) ::close(fd);
}

// Item 16: the session cookie is Secure when the server says so (on by default off loopback).
TEST_F(SecurityTest, SecureCookieWhenAsked) {
  ApiOptions options;
  options.db = db_;
  options.today = kToday;
  options.secure_cookie = true;
  auto regulation = load_regulation("");
  ASSERT_TRUE(regulation.ok());
  Api api(options, std::move(regulation).value());
  Request r;
  r.method = "POST";
  r.path = "/api/login";
  r.remote = "127.0.0.1";
  r.body = R"({"username": "accueil", "password": "demo-accueil-pw"})";
  const Response out = api.handle(r);
  ASSERT_EQ(out.status, 200) << out.body;
  bool secure = false;
  for (const auto& [k, v] : out.headers) {
    if (k == "Set-Cookie") secure = v.find("; Secure") != std::string::npos;
  }
  EXPECT_TRUE(secure);
}

}  // namespace
}  // namespace mutua::http

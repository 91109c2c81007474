// Sessions and the sign-in limit of the back office kept in the database (issue 16 item 5):
// SessionStore and LoginLimiter over two connections to one SQLite file, as two nodes would
// use them, with the time as an argument.
// Rules: GDPR-02 (who may sign in and stay signed in; docs/security.md items 7 and 18).
#include "app/auth_service.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "security/security.hpp"

namespace mutua {
namespace {

namespace fs = std::filesystem;

class AuthStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::temp_directory_path() /
            ("mutua_auth_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    remove_files();
    a_ = Store::open(path_.string());
    a_->migrate();
    b_ = Store::open(path_.string());
  }
  void TearDown() override {
    a_.reset();
    b_.reset();
    remove_files();
  }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_.string() + suffix);
  }
  static Principal staff() { return {"accueil", UserRole::kMemberServices, "", ""}; }

  fs::path path_;
  std::unique_ptr<Store> a_;  // node A's connection
  std::unique_ptr<Store> b_;  // node B's connection
};

// The database keeps a digest of the token, never the token (a copy of the file opens nothing).
TEST_F(AuthStoreTest, OnlyTheTokensDigestIsStoredGDPR02) {
  EXPECT_EQ(token_digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // FIPS 180-2
  SessionStore sessions;
  const Session s = sessions.create(*a_, staff(), 1'000'000);
  EXPECT_EQ(s.token.size(), 64u);
  EXPECT_FALSE(b_->find_session(s.token));
  const auto stored = b_->find_session(token_digest(s.token));
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->csrf, s.csrf);
  EXPECT_EQ(stored->username, "accueil");
  EXPECT_EQ(stored->role, "member_services");
}

// GDPR-02: a session made on A is found on B with its principal and CSRF token; ended on B, it
// is unknown to A.
TEST_F(AuthStoreTest, SessionMadeOnOneNodeEndsOnTheOtherGDPR02) {
  SessionStore node_a, node_b;
  const Principal mayor{"mairie", UserRole::kPartnerCommune, "42207", ""};
  const Session s = node_a.create(*a_, mayor, 1'000'000);
  const auto on_b = node_b.find(*b_, s.token, 1'000'010);
  ASSERT_TRUE(on_b);
  EXPECT_EQ(on_b->csrf, s.csrf);
  EXPECT_EQ(on_b->who.username, "mairie");
  EXPECT_EQ(on_b->who.role, UserRole::kPartnerCommune);
  EXPECT_EQ(on_b->who.commune, "42207");
  EXPECT_EQ(on_b->created, 1'000'000);
  EXPECT_FALSE(node_b.find(*b_, "", 1'000'010));
  EXPECT_FALSE(node_b.find(*b_, std::string(s.token.size(), '0'), 1'000'010));
  node_b.remove(*b_, s.token);
  EXPECT_FALSE(node_a.find(*a_, s.token, 1'000'020));
}

// GDPR-02: idle 30 minutes after the last use wherever it was, 8 hours in all; a use is written
// at most once a minute; an expired session is deleted, and purged by the next sign-in.
TEST_F(AuthStoreTest, IdleAndTotalLimitsHoldOnEveryNodeGDPR02) {
  SessionStore node_a, node_b;
  const int64_t t0 = 1'700'000'000;
  const Session s = node_a.create(*a_, staff(), t0);
  EXPECT_EQ(node_a.expires_at(s), t0 + 30 * 60);
  ASSERT_TRUE(node_b.find(*b_, s.token, t0 + 29 * 60));  // touched on B
  EXPECT_EQ(a_->find_session(token_digest(s.token))->last_seen, t0 + 29 * 60);
  ASSERT_TRUE(node_a.find(*a_, s.token, t0 + 29 * 60 + 30));  // within the minute: not written
  EXPECT_EQ(a_->find_session(token_digest(s.token))->last_seen, t0 + 29 * 60);
  ASSERT_TRUE(node_a.find(*a_, s.token, t0 + 58 * 60));  // 29 minutes after the use on B
  // Used every 20 minutes, it still ends 8 hours after sign-in.
  int use = 0;
  for (int64_t at = t0 + 60 * 60; at <= t0 + 8 * 3600; at += 20 * 60) {
    const bool on_a = ++use % 2 == 0;
    ASSERT_TRUE(on_a ? node_a.find(*a_, s.token, at) : node_b.find(*b_, s.token, at)) << at - t0;
  }
  EXPECT_FALSE(node_b.find(*b_, s.token, t0 + 8 * 3600 + 1));
  EXPECT_FALSE(a_->find_session(token_digest(s.token)));  // deleted, not only refused

  const Session idle = node_a.create(*a_, staff(), t0);
  EXPECT_FALSE(node_b.find(*b_, idle.token, t0 + 31 * 60));
  EXPECT_FALSE(node_a.find(*a_, idle.token, t0 + 10 * 60));  // gone for good

  // Left unused and never presented again: the next sign-in anywhere purges it.
  const Session forgotten = node_a.create(*a_, staff(), t0);
  const std::string digest = token_digest(forgotten.token);
  node_b.create(*b_, staff(), t0 + 40 * 60);
  EXPECT_FALSE(a_->find_session(digest));
}

// GDPR-02 (item 7 across nodes): five attempts for one user name from one address, counted on
// either node, reach the limit; the sixth waits the backoff; a refused attempt is not counted.
TEST_F(AuthStoreTest, PairLimitCountsBothNodesGDPR02) {
  LoginLimiter node_a, node_b;
  const int64_t t = 1'700'000'000;
  for (int i = 0; i < 5; ++i) {
    LoginLimiter& node = i % 2 ? node_b : node_a;
    Store& store = i % 2 ? *b_ : *a_;
    ASSERT_EQ(node.admit(store, "admin", "10.0.0.1", t), 0) << "attempt " << i + 1;
    node.finish(store, "admin", "10.0.0.1", false, t);
  }
  EXPECT_EQ(node_a.admit(*a_, "admin", "10.0.0.1", t), 1);
  EXPECT_EQ(node_b.admit(*b_, "admin", "10.0.0.1", t), 1);
  // Another address for the same user is not held back (no lock-out anyone could trigger).
  ASSERT_EQ(node_b.admit(*b_, "admin", "10.0.0.2", t), 0);
  node_b.finish(*b_, "admin", "10.0.0.2", true, t);
  // After the 1 s backoff: admitted (the refused attempts did not add to it), then 2 s.
  ASSERT_EQ(node_b.admit(*b_, "admin", "10.0.0.1", t + 1), 0);
  node_b.finish(*b_, "admin", "10.0.0.1", false, t + 1);
  EXPECT_EQ(node_a.admit(*a_, "admin", "10.0.0.1", t + 2), 1);
  // A success clears that user's count from that address.
  ASSERT_EQ(node_a.admit(*a_, "admin", "10.0.0.1", t + 3), 0);
  node_a.finish(*a_, "admin", "10.0.0.1", true, t + 3);
  EXPECT_EQ(node_b.admit(*b_, "admin", "10.0.0.1", t + 3), 0);
}

// GDPR-02: twenty attempts from one address, whatever the user names and nodes, then refused
// until the window ends; an attempt released without a check does not count.
TEST_F(AuthStoreTest, AddressBudgetCountsBothNodesGDPR02) {
  LoginLimiter node_a, node_b;
  const int64_t t = 1'700'000'000;
  ASSERT_EQ(node_a.admit(*a_, "nobody", "10.0.0.9", t), 0);
  node_a.release(*a_, "nobody", "10.0.0.9");  // no turn to hash: not a guess
  for (int i = 0; i < 20; ++i) {
    LoginLimiter& node = i % 2 ? node_b : node_a;
    Store& store = i % 2 ? *b_ : *a_;
    const std::string user = "nobody" + std::to_string(i);
    ASSERT_EQ(node.admit(store, user, "10.0.0.9", t + i), 0) << "attempt " << i + 1;
    node.finish(store, user, "10.0.0.9", false, t + i);
  }
  EXPECT_EQ(node_a.admit(*a_, "someone", "10.0.0.9", t + 100), 15 * 60 - 100);
  EXPECT_EQ(node_b.admit(*b_, "someone", "10.0.0.9", t + 15 * 60 - 1), 1);
  EXPECT_EQ(node_b.admit(*b_, "someone", "10.0.0.9", t + 15 * 60), 0);  // a new window
}

// GDPR-02: past ten attempts for a user name from several addresses, the addresses that tried it
// wait (at most 30 s); its owner, from an address that did not, signs in at once.
TEST_F(AuthStoreTest, UserPauseHoldsOnlyAddressesThatTriedGDPR02) {
  LoginLimiter node_a, node_b;
  const int64_t t = 1'700'000'000;
  for (int i = 0; i < 12; ++i) {
    const std::string from = "10.0.1." + std::to_string(i % 4);
    LoginLimiter& node = i % 2 ? node_b : node_a;
    Store& store = i % 2 ? *b_ : *a_;
    if (node.admit(store, "prestations", from, t) == 0) {
      node.finish(store, "prestations", from, false, t);
    }
  }
  EXPECT_GT(node_a.admit(*a_, "prestations", "10.0.1.0", t), 0);
  EXPECT_LE(node_a.admit(*a_, "prestations", "10.0.1.0", t), 30);
  EXPECT_EQ(node_b.admit(*b_, "prestations", "10.0.1.99", t), 0);
}

}  // namespace
}  // namespace mutua

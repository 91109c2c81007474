// The sessions and sign-in attempts of migration 14 (issue 16: several nodes on one database),
// each checked through two connections to one file, as two `mutua serve` would use it.
// Rules: GDPR-02 (who may sign in and stay signed in to the back office).
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "storage/sqlite_store.hpp"
#include "storage/storage_test_support.hpp"

namespace mutua {
namespace {

class SessionStorageTest : public testing_support::StoreFixture {
 protected:
  SessionStorageTest() : StoreFixture("mutua_sessions_") {}
  void SetUp() override {
    StoreFixture::SetUp();
    other_ = std::make_unique<SqliteStore>(database_->target());  // the second node's connection
  }
  void TearDown() override {
    other_.reset();
    StoreFixture::TearDown();
  }
  static SessionRecord session(const std::string& hash, int64_t at) {
    return {hash, "csrf-" + hash, "accueil", "member_services", "", "", at, at, at + 1800};
  }
  std::unique_ptr<SqliteStore> other_;
};

// GDPR-02: a session written by one connection is read whole by the other; a touch only moves
// it forward; deleted, it is gone for both.
TEST_F(SessionStorageTest, GDPR_02_SessionSeenByEveryConnection) {
  store_->insert_session(session("h1", 1000));
  SessionRecord partner = session("h2", 1000);
  partner.username = "mairie";
  partner.role = "partner_commune";
  partner.commune = "42207";
  store_->insert_session(partner);
  EXPECT_EQ(other_->find_session("h1"), session("h1", 1000));
  EXPECT_EQ(other_->find_session("h2"), partner);
  EXPECT_FALSE(other_->find_session("h3"));

  other_->touch_session("h1", 1500, 3300);
  store_->touch_session("h1", 1200, 3000);  // late, from the first node: ignored
  const auto touched = store_->find_session("h1");
  ASSERT_TRUE(touched);
  EXPECT_EQ(touched->last_seen, 1500);
  EXPECT_EQ(touched->expires, 3300);
  EXPECT_EQ(touched->created, 1000);

  other_->delete_session("h1");
  EXPECT_FALSE(store_->find_session("h1"));
  store_->delete_session("h1");  // already gone: nothing
  store_->touch_session("h1", 1600, 3400);  // a touch of a gone session does not bring it back
  EXPECT_FALSE(store_->find_session("h1"));
  EXPECT_THROW(store_->insert_session(session("h2", 2000)), StoreError);  // one hash, one session
}

// GDPR-02: the purge deletes the sessions expired by `now`, and only them.
TEST_F(SessionStorageTest, GDPR_02_ExpiredSessionsArePurged) {
  store_->insert_session(session("old", 0));       // expires 1800
  store_->insert_session(session("live", 1000));   // expires 2800
  EXPECT_EQ(other_->purge_sessions(2000), 1);
  EXPECT_FALSE(store_->find_session("old"));
  EXPECT_TRUE(store_->find_session("live"));
  EXPECT_EQ(other_->purge_sessions(2000), 0);
}

// GDPR-02: attempts counted through two connections add up; each count returns the attempt
// before it; a window that has passed starts again with the attempt that finds it.
TEST_F(SessionStorageTest, GDPR_02_AttemptsCountAcrossConnections) {
  const int64_t window = 900;
  LoginAttemptCount c = store_->count_login_attempt("user:admin", 100, window);
  EXPECT_EQ(c.attempts, 1);
  EXPECT_EQ(c.window_start, 100);
  EXPECT_EQ(c.previous_at, 0);
  c = other_->count_login_attempt("user:admin", 110, window);
  EXPECT_EQ(c.attempts, 2);
  EXPECT_EQ(c.window_start, 100);
  EXPECT_EQ(c.previous_at, 100);
  c = store_->count_login_attempt("user:admin", 120, window);
  EXPECT_EQ(c.attempts, 3);
  EXPECT_EQ(c.previous_at, 110);
  EXPECT_EQ(other_->count_login_attempt("user:other", 120, window).attempts, 1);

  other_->uncount_login_attempt("user:admin");
  other_->fail_login_attempt("user:admin", 125);  // the attempt of 120 failed at 125
  store_->fail_login_attempt("user:admin", 121);  // a late word of an older failure: ignored
  c = store_->count_login_attempt("user:admin", 130, window);
  EXPECT_EQ(c.attempts, 3);
  EXPECT_EQ(c.previous_at, 125);

  // 100 + 900: the window has ended, this attempt opens the next one.
  c = other_->count_login_attempt("user:admin", 1000, window);
  EXPECT_EQ(c.attempts, 1);
  EXPECT_EQ(c.window_start, 1000);
  EXPECT_EQ(c.previous_at, 0);

  store_->clear_login_attempts("user:admin");
  EXPECT_EQ(other_->count_login_attempt("user:admin", 1001, window).attempts, 1);
  other_->uncount_login_attempt("user:none");  // nothing to take back: nothing happens
  store_->uncount_login_attempt("user:admin");
  store_->uncount_login_attempt("user:admin");  // never below zero
  EXPECT_EQ(store_->count_login_attempt("user:admin", 1002, window).attempts, 1);

  // user:other opened its window at 120: gone once windows from 120 on have ended.
  EXPECT_EQ(store_->purge_login_attempts(119), 0);
  EXPECT_EQ(store_->purge_login_attempts(120), 1);
  EXPECT_EQ(other_->count_login_attempt("user:other", 1003, window).attempts, 1);
}

// GDPR-02: a count is atomic: two connections counting one key at the same time, each in its
// own write transaction (as LoginLimiter::admit does), never get the same number.
TEST_F(SessionStorageTest, GDPR_02_ParallelCountsAreNeverShared) {
  constexpr int kEach = 100;
  std::vector<int64_t> seen_a, seen_b;
  auto count = [](SqliteStore& s, std::vector<int64_t>& seen) {
    for (int i = 0; i < kEach; ++i) {
      Transaction tx(s);
      seen.push_back(s.count_login_attempt("address:10.0.0.1", 500, 900).attempts);
      tx.commit();
    }
  };
  std::thread a(count, std::ref(*store_), std::ref(seen_a));
  std::thread b(count, std::ref(*other_), std::ref(seen_b));
  a.join();
  b.join();
  std::set<int64_t> all(seen_a.begin(), seen_a.end());
  all.insert(seen_b.begin(), seen_b.end());
  EXPECT_EQ(all.size(), 2u * kEach);
  EXPECT_EQ(*all.begin(), 1);
  EXPECT_EQ(*all.rbegin(), 2 * kEach);
}

}  // namespace
}  // namespace mutua

// The command lock (storage/command_lock.hpp) in both of its modes, on SQLite (a lock file) and
// on PostgreSQL (advisory locks): an exclusive command excludes every other; processes of one
// split batch share it, the first holding its kind alone until it has planned; a batch of
// another kind and an exclusive command are refused while they run. Rules: BIL-01, DUN-01 (the
// billing and dunning runs it protects from interleaving).
#include <gtest/gtest.h>

#include <filesystem>

#include "storage/command_lock.hpp"
#include "storage/storage_test_support.hpp"
#include "storage/store.hpp"

namespace mutua {
namespace {

class CommandLockTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (!db_.postgres()) std::filesystem::remove(db_.target() + ".lock");
  }
  const std::string& target() const { return db_.target(); }
  testing_support::TestDatabase db_{"lock_"};
};

TEST_F(CommandLockTest, BIL_01_AnExclusiveCommandExcludesEveryOther) {
  auto held = CommandLock::acquire(target(), "billing run");
  ASSERT_TRUE(held);
  EXPECT_TRUE(held->alone());
  try {
    CommandLock::acquire(target(), "dunning run");
    ADD_FAILURE() << "a second command got the lock";
  } catch (const StoreBusy& e) {
    EXPECT_NE(std::string(e.what()).find("billing run"), std::string::npos) << e.what();
  }
  EXPECT_THROW(CommandLock::acquire_split(target(), "billing run --split", 1), StoreBusy);
  held.reset();
  EXPECT_TRUE(CommandLock::acquire(target(), "dunning run"));  // released with its holder
}

TEST_F(CommandLockTest, BIL_01_ProcessesOfOneSplitBatchShareItTheFirstAloneUntilItHasPlanned) {
  auto first = CommandLock::acquire_split(target(), "billing run --split", 1);
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->alone());
  // Planning: any other command, any other kind is refused.
  EXPECT_THROW(CommandLock::acquire(target(), "members import"), StoreBusy);
  EXPECT_THROW(CommandLock::acquire_split(target(), "dunning run --split", 2), StoreBusy);
  first->share();
  EXPECT_FALSE(first->alone());
  auto second = CommandLock::acquire_split(target(), "billing run --split", 1);
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->alone());  // joins the batch the first planned
  EXPECT_THROW(CommandLock::acquire(target(), "members import"), StoreBusy);
  EXPECT_THROW(CommandLock::acquire_split(target(), "dunning run --split", 2), StoreBusy);
  first.reset();
  EXPECT_THROW(CommandLock::acquire_split(target(), "dunning run --split", 2), StoreBusy);
  second.reset();
  // All gone: a process of the other kind is the first of its own.
  auto dunning = CommandLock::acquire_split(target(), "dunning run --split", 2);
  ASSERT_TRUE(dunning);
  EXPECT_TRUE(dunning->alone());
  EXPECT_THROW(CommandLock::acquire_split(target(), "billing run --split", 1), StoreBusy);
}

TEST_F(CommandLockTest, DUN_01_ASplitBatchRefusedLeavesNothingHeld) {
  auto exclusive = CommandLock::acquire(target(), "sepa export");
  EXPECT_THROW(CommandLock::acquire_split(target(), "dunning run --split", 2), StoreBusy);
  exclusive.reset();
  auto billing = CommandLock::acquire_split(target(), "billing run --split", 1);
  billing->share();
  EXPECT_THROW(CommandLock::acquire_split(target(), "dunning run --split", 2), StoreBusy);
  billing.reset();
  // The refused dunning process took its kind for an instant: it let it go, so a dunning batch
  // is now the first of its kind, and an exclusive command after it gets the lock.
  auto dunning = CommandLock::acquire_split(target(), "dunning run --split", 2);
  EXPECT_TRUE(dunning->alone());
  dunning.reset();
  EXPECT_TRUE(CommandLock::acquire(target(), "sepa export"));
}

}  // namespace
}  // namespace mutua

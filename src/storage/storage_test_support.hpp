// Shared by the storage tests: a fresh SQLite database file per test, migrated, removed (with its
// WAL files) afterwards.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "storage/sqlite_store.hpp"

namespace mutua::testing_support {

class SqliteStoreTest : public ::testing::Test {
 protected:
  explicit SqliteStoreTest(std::string prefix) : prefix_(std::move(prefix)) {}

  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            (prefix_ + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    remove_files();
    store_ = std::make_unique<SqliteStore>(path_.string());
    store_->migrate();
  }
  void TearDown() override {
    store_.reset();
    remove_files();
  }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path_.string() + suffix);
    }
  }

  std::string prefix_;
  std::filesystem::path path_;
  std::unique_ptr<SqliteStore> store_;
};

}  // namespace mutua::testing_support

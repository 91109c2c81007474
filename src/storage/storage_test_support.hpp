// Shared by the storage tests: a fresh, migrated database per test, on SQLite (a file, removed
// with its WAL files afterwards) or, when MUTUA_TEST_PG names a PostgreSQL server
// (postgresql://user@host:port/db, as tests/pg/with-postgres exports it), on that server in a
// schema of its own, dropped afterwards. The same tests run on both: `make test` runs them twice.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "storage/sql_db.hpp"
#include "storage/sqlite_store.hpp"

namespace mutua::testing_support {

// The PostgreSQL server the tests run on, or empty for SQLite.
inline std::string test_postgres() {
  const char* uri = std::getenv("MUTUA_TEST_PG");
  return uri ? uri : "";
}

// A database of its own for one test: `target()` is what Store::open and --db take.
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& prefix) {
    static std::atomic<int> counter{0};
    const std::string name = prefix + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    server_ = test_postgres();
    if (server_.empty()) {
      path_ = std::filesystem::temp_directory_path() / (name + ".db");
      remove_files();
      target_ = path_.string();
      return;
    }
    schema_ = name;
    admin_ = sql::open_db(server_);
    admin_->exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_);
    target_ = server_ + (server_.find('?') == std::string::npos ? "?" : "&") +
              "options=-csearch_path%3D" + schema_;
  }
  ~TestDatabase() {
    if (admin_) {
      try {
        admin_->exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
      } catch (...) {
      }
    } else {
      remove_files();
    }
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& target() const { return target_; }
  bool postgres() const { return admin_ != nullptr; }

 private:
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path_.string() + suffix);
    }
  }

  std::string server_;
  std::string schema_;
  std::unique_ptr<sql::Db> admin_;
  std::filesystem::path path_;
  std::string target_;
};

class StoreFixture : public ::testing::Test {
 protected:
  explicit StoreFixture(std::string prefix) : prefix_(std::move(prefix)) {}

  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(prefix_);
    store_ = std::make_unique<SqliteStore>(database_->target());
    store_->migrate();
  }
  void TearDown() override {
    store_.reset();
    database_.reset();
  }
  bool postgres() const { return database_->postgres(); }

  std::string prefix_;
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<SqliteStore> store_;
};

}  // namespace mutua::testing_support

// The SQL access layer under the store: one connection (Db) and its prepared statements, the
// same calls on SQLite (sqlite_db.cpp, the only file including <sqlite3.h>) and on PostgreSQL
// (pg_db.cpp, the only file including <libpq-fe.h>) — ARCHITECTURE rule 9: each third-party
// library sits behind one adapter.
//
// Contract:
// - SQL is written once, with `?` or `?N` placeholders (binds from 1); the PostgreSQL adapter
//   renumbers them `$N` (outside quotes and comments; no dollar-quoted text in prepared SQL).
//   Columns are read from 0, only while step() has returned true.
// - Every failure of the database throws StoreError with the server's own message and the SQL
//   concerned; a lock held past the wait (SQLite busy, PostgreSQL lock timeout) throws StoreBusy:
//   a failing database is broken infrastructure, not an expected outcome.
// - A Statement is prepared once and reused: reset() clears it for the next binding. Text
//   bound is used before the next step() returns (callers keep it alive until then); text and
//   blob columns are views valid until the next step()/reset() of that statement.
// - Integers are 64-bit; a PostgreSQL boolean reads as 1/0; a NULL reads as 0 / empty.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "storage/store.hpp"

namespace mutua::sql {

enum class Dialect { kSqlite, kPostgres };

// One prepared statement of a backend.
class StatementImpl {
 public:
  virtual ~StatementImpl() = default;
  virtual void bind_text(int index, std::string_view text) = 0;
  virtual void bind_int(int index, int64_t value) = 0;
  virtual void bind_null(int index) = 0;
  virtual void bind_blob(int index, std::string_view bytes) = 0;
  virtual bool step() = 0;
  virtual void reset() = 0;
  virtual bool is_null(int column) const = 0;
  virtual int64_t column_int(int column) const = 0;
  virtual std::string_view column_text(int column) const = 0;
  virtual std::string_view column_blob(int column) const = 0;
};

// One connection.
class Db {
 public:
  virtual ~Db() = default;
  Db() = default;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  virtual Dialect dialect() const = 0;
  // Runs one or more statements without results (no parameters).
  virtual void exec(const std::string& sql) = 0;
  virtual std::unique_ptr<StatementImpl> prepare(const std::string& sql) = 0;
  // The id the last INSERT of this connection gave its row (SQLite rowid, PostgreSQL lastval()).
  virtual int64_t last_insert_id() = 0;
  // Rows changed by the last INSERT/UPDATE/DELETE statement run on this connection.
  virtual int64_t changes() = 0;
  // Whether the open transaction has failed (PostgreSQL aborts a transaction at its first error
  // and would turn its COMMIT into a ROLLBACK without an error; SQLite keeps it open: false).
  virtual bool transaction_failed() const { return false; }

  // A single-value query (SELECT count(*)...): the first column of the first row as text, or
  // nullopt when there is no row or it is NULL.
  std::optional<std::string> query_text(const std::string& sql);
  long long query_int(const std::string& sql);
  bool is_postgres() const { return dialect() == Dialect::kPostgres; }
};

// Opens a connection: a postgresql:// (or postgres://) URI, else an SQLite file path (created
// when missing unless `read_only`; `immutable`: SQLite's immutable=1, no locks nor WAL index).
std::unique_ptr<Db> open_db(const std::string& target, bool read_only = false,
                            bool immutable = false);
bool is_postgres_target(const std::string& target);

class Statement {
 public:
  Statement(Db& db, const std::string& sql) : impl_(db.prepare(sql)) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text) {
    impl_->bind_text(index, text);
    return *this;
  }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, int64_t value) {
    impl_->bind_int(index, value);
    return *this;
  }
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind_null(int index) {
    impl_->bind_null(index);
    return *this;
  }
  // Binds bytes as a BLOB / bytea (kept until the step, like text).
  Statement& bind_blob(int index, std::string_view bytes) {
    impl_->bind_blob(index, bytes);
    return *this;
  }
  // Binds NULL when the text is empty (optional values stored as NULL).
  Statement& bind_or_null(int index, std::string_view text) {
    return text.empty() ? bind_null(index) : bind(index, text);
  }

  // Advances: true when a row is available, false when done.
  bool step() { return impl_->step(); }
  // Runs a statement that returns no rows, then resets it for reuse.
  void run() {
    while (step()) {
    }
    reset();
  }
  void reset() { impl_->reset(); }

  bool is_null(int column) const { return impl_->is_null(column); }
  int64_t column_int(int column) const { return impl_->column_int(column); }
  std::string_view column_text(int column) const { return impl_->column_text(column); }
  std::string_view column_blob(int column) const { return impl_->column_blob(column); }

 private:
  std::unique_ptr<StatementImpl> impl_;
};

// A reused (cached) statement lent for one use. The lease resets it when it ends, on every path
// out of the caller, returns and exceptions alike: a statement left on a row would keep its
// connection's read snapshot open (SQLite), so later reads of that connection would not see
// newer commits. It forwards Statement's calls and converts to it.
class Lease {
 public:
  explicit Lease(Statement& statement) : st_(statement) {}
  ~Lease() { st_.reset(); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  operator Statement&() { return st_; }
  operator const Statement&() const { return st_; }

  Statement& bind(int index, std::string_view text) { return st_.bind(index, text); }
  Statement& bind(int index, const char* text) { return st_.bind(index, text); }
  Statement& bind(int index, int64_t value) { return st_.bind(index, value); }
  Statement& bind(int index, int value) { return st_.bind(index, value); }
  Statement& bind_null(int index) { return st_.bind_null(index); }
  Statement& bind_blob(int index, std::string_view bytes) { return st_.bind_blob(index, bytes); }
  Statement& bind_or_null(int index, std::string_view text) { return st_.bind_or_null(index, text); }
  bool step() { return st_.step(); }
  void run() { st_.run(); }
  void reset() { st_.reset(); }
  bool is_null(int column) const { return st_.is_null(column); }
  int64_t column_int(int column) const { return st_.column_int(column); }
  std::string_view column_text(int column) const { return st_.column_text(column); }
  std::string_view column_blob(int column) const { return st_.column_blob(column); }

 private:
  Statement& st_;
};

}  // namespace mutua::sql

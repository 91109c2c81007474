// A small RAII wrapper over the SQLite C API: the only file (with sqlite_db.cpp) that includes
// <sqlite3.h> (ARCHITECTURE rule 9: each third-party library sits behind one adapter).
//
// Contract:
// - Every SQLite failure throws StoreError carrying SQLite's own message and the SQL concerned:
//   a failing database is broken infrastructure, not an expected outcome.
// - Statement is prepared once and reused (reset() clears it for the next binding); text
//   columns are returned as string_views valid until the next step()/reset() of that statement.
// - Bind indexes and column indexes follow SQLite: binds from 1, columns from 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/store.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace mutua::sqlite {

class Db {
 public:
  // Opens (creating when missing) a database file; `read_only`: an existing one, for reading.
  // `immutable`: read-only without locks or WAL index (SQLite's immutable=1): only for a file
  // nobody changes and that has no write-ahead log beside it.
  explicit Db(const std::string& path, bool read_only = false, bool immutable = false);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs one or more statements without results.
  void exec(const std::string& sql);
  // Runs a single-value query (PRAGMA x, SELECT count(*)...): the first column of the first row
  // as text, or nullopt when there is no row or it is NULL.
  std::optional<std::string> query_text(const std::string& sql);
  long long query_int(const std::string& sql);

  sqlite3* handle() const { return db_; }
  [[noreturn]] void fail(const std::string& what) const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

class Statement {
 public:
  Statement(Db& db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind_null(int index);
  // Binds bytes as a BLOB (kept until the step, like text).
  Statement& bind_blob(int index, std::string_view bytes);
  // Binds NULL when the text is empty (optional values stored as NULL).
  Statement& bind_or_null(int index, std::string_view text) {
    return text.empty() ? bind_null(index) : bind(index, text);
  }

  // Advances: true when a row is available, false when done.
  bool step();
  // Runs a statement that returns no rows, then resets it for reuse.
  void run();
  void reset();

  bool is_null(int column) const;
  int64_t column_int(int column) const;
  std::string_view column_text(int column) const;  // empty for NULL
  std::string_view column_blob(int column) const;  // empty for NULL

 private:
  Db& db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
};

// A reused (cached) statement lent for one use. The lease resets it when it ends, on every path
// out of the caller, returns and exceptions alike: a statement left on a row would keep its
// connection's read snapshot open, so later reads of that connection would not see newer commits
// (and the WAL could not be checkpointed). It forwards Statement's calls and converts to it.
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

}  // namespace mutua::sqlite

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
  // Opens (creating when missing) a database file.
  explicit Db(const std::string& path);
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

}  // namespace mutua::sqlite

// The SQLite adapter of the SQL access layer (sql_db.hpp): the only file, with sqlite_db.cpp,
// that includes <sqlite3.h>.
#pragma once

#include <string>

#include "storage/sql_db.hpp"

struct sqlite3;

namespace mutua::sql {

class SqliteDb : public Db {
 public:
  // Opens (creating when missing) a database file; `read_only`: an existing one, for reading.
  // `immutable`: read-only without locks or WAL index (SQLite's immutable=1): only for a file
  // nobody changes and that has no write-ahead log beside it.
  explicit SqliteDb(const std::string& path, bool read_only = false, bool immutable = false);
  ~SqliteDb() override;

  Dialect dialect() const override { return Dialect::kSqlite; }
  void exec(const std::string& sql) override;
  std::unique_ptr<StatementImpl> prepare(const std::string& sql) override;
  int64_t last_insert_id() override;
  int64_t changes() override;

  sqlite3* handle() const { return db_; }
  [[noreturn]] void fail(const std::string& what) const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace mutua::sql

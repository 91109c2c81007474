#include "storage/sqlite_db.hpp"

#include <sqlite3.h>

#include <cstdio>

namespace mutua::sql {

namespace {

// "file:" URI of a path, with the characters a URI reserves escaped.
std::string file_uri(const std::string& path, const char* query) {
  std::string uri = "file:";
  for (const char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      uri += buf;
    } else {
      uri += c;
    }
  }
  return uri + "?" + query;
}

}  // namespace

SqliteDb::SqliteDb(const std::string& path, bool read_only, bool immutable) : path_(path) {
  int mode = read_only || immutable ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const std::string target = immutable ? file_uri(path, "immutable=1") : path;
  if (immutable) mode |= SQLITE_OPEN_URI;
  int rc = sqlite3_open_v2(target.c_str(), &db_, mode | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError("cannot open database " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
}

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

namespace {

// Busy and locked are transient (another connection holds the lock): StoreBusy, so callers may
// retry; anything else is StoreError.
[[noreturn]] void raise(int rc, const std::string& message) {
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) throw StoreBusy(message);
  throw StoreError(message);
}

}  // namespace

void SqliteDb::fail(const std::string& what) const {
  raise(sqlite3_extended_errcode(db_),
        "sqlite (" + path_ + "): " + sqlite3_errmsg(db_) + " [" + what + "]");
}

void SqliteDb::exec(const std::string& sql) {
  char* err = nullptr;
  if (const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    raise(rc, "sqlite (" + path_ + "): " + msg + " [" + sql + "]");
  }
}

int64_t SqliteDb::last_insert_id() { return sqlite3_last_insert_rowid(db_); }

int64_t SqliteDb::changes() { return sqlite3_changes(db_); }

namespace {

class SqliteStatement : public StatementImpl {
 public:
  SqliteStatement(SqliteDb& db, const std::string& sql) : db_(db), sql_(sql) {
    if (sqlite3_prepare_v3(db.handle(), sql.c_str(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) != SQLITE_OK) {
      db_.fail("prepare: " + sql);
    }
  }
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void bind_text(int index, std::string_view text) override {
    // SQLITE_TRANSIENT would copy; the caller's text outlives the step that uses it, so STATIC.
    if (sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                          SQLITE_STATIC) != SQLITE_OK) {
      db_.fail("bind: " + sql_);
    }
  }
  void bind_int(int index, int64_t value) override {
    if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) db_.fail("bind: " + sql_);
  }
  void bind_blob(int index, std::string_view bytes) override {
    if (sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()),
                          SQLITE_STATIC) != SQLITE_OK) {
      db_.fail("bind: " + sql_);
    }
  }
  void bind_null(int index) override {
    if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) db_.fail("bind: " + sql_);
  }
  bool step() override {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    std::string msg = sqlite3_errmsg(db_.handle());
    sqlite3_reset(stmt_);
    raise(rc, "sqlite: " + msg + " [" + sql_ + "]");
  }
  void reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  bool is_null(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  int64_t column_int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  std::string_view column_text(int column) const override {
    const unsigned char* p = sqlite3_column_text(stmt_, column);
    if (!p) return {};
    return std::string_view(reinterpret_cast<const char*>(p),
                            static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
  }
  std::string_view column_blob(int column) const override {
    const void* p = sqlite3_column_blob(stmt_, column);
    if (!p) return {};
    return std::string_view(static_cast<const char*>(p),
                            static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
  }

 private:
  SqliteDb& db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
};

}  // namespace

std::unique_ptr<StatementImpl> SqliteDb::prepare(const std::string& sql) {
  return std::make_unique<SqliteStatement>(*this, sql);
}

}  // namespace mutua::sql

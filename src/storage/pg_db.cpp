#include "storage/pg_db.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <vector>

namespace mutua::sql {

namespace {

// Transient conditions (another transaction holds the lock, or the server chose this one to
// fail so that another may go on): the operation wrote nothing and may be retried.
bool is_transient(const char* sqlstate) {
  if (!sqlstate) return false;
  return std::strcmp(sqlstate, "55P03") == 0 ||  // lock_not_available (lock_timeout)
         std::strcmp(sqlstate, "40P01") == 0 ||  // deadlock_detected
         std::strcmp(sqlstate, "40001") == 0;    // serialization_failure
}

// What messages may name: user, host, port and database of the target, never its password
// (neither user:password@ nor ?password=, nor a password with an unencoded '@').
std::string describe(const std::string& uri) {
  char* err = nullptr;
  PQconninfoOption* options = PQconninfoParse(uri.c_str(), &err);
  if (!options) {
    PQfreemem(err);
    return "postgresql://(a target that could not be parsed)";
  }
  std::string user, host, port, dbname;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (!o->val) continue;
    const std::string key = o->keyword;
    if (key == "user") user = o->val;
    if (key == "host" || (key == "hostaddr" && host.empty())) host = o->val;
    if (key == "port") port = o->val;
    if (key == "dbname") dbname = o->val;
  }
  PQconninfoFree(options);
  return "postgresql://" + (user.empty() ? "" : user + "@") + host + (port.empty() ? "" : ":" + port) +
         "/" + dbname;
}

// Notices (e.g. "relation already exists, skipping") are not errors; they are not printed.
void ignore_notice(void*, const PGresult*) {}

}  // namespace

std::string postgres_placeholders(const std::string& sql, int& params) {
  std::string out;
  out.reserve(sql.size() + 16);
  params = 0;
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      out += c;
      if (c == quote) quote = 0;  // a doubled quote re-opens at once: same result
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {  // a comment to the end of line
      const size_t end = std::min(sql.find('\n', i), sql.size());
      out.append(sql, i, end - i);
      i = end - 1;
      continue;
    }
    if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {  // a block comment
      const size_t close = sql.find("*/", i + 2);
      const size_t end = close == std::string::npos ? sql.size() : close + 2;
      out.append(sql, i, end - i);
      i = end - 1;
      continue;
    }
    if (c != '?') {
      out += c;
      continue;
    }
    int index = 0;
    size_t j = i + 1;
    while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') index = index * 10 + (sql[j++] - '0');
    if (j == i + 1) index = params + 1;  // a bare `?`: one past the highest so far (SQLite's rule)
    params = std::max(params, index);
    out += '$';
    out += std::to_string(index);
    i = j - 1;
  }
  return out;
}

PgDb::PgDb(const std::string& uri) : target_(describe(uri)) {
  conn_ = PQconnectdb(uri.c_str());
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    std::string msg = conn_ ? PQerrorMessage(conn_) : "out of memory";
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    PQfinish(conn_);
    conn_ = nullptr;
    throw StoreError("cannot open database " + target_ + ": " + msg);
  }
  configure();
}

void PgDb::configure() {
  PQsetNoticeReceiver(conn_, ignore_notice, nullptr);
  // SQLite's busy_timeout of 5 s; dates and texts are plain UTF-8.
  exec("SET lock_timeout = '5s'; SET client_encoding = 'UTF8'; SET standard_conforming_strings = on");
}

bool PgDb::transaction_failed() const { return PQtransactionStatus(conn_) == PQTRANS_INERROR; }

void PgDb::recover_if_broken() {
  if (recovering_ || PQstatus(conn_) != CONNECTION_BAD) return;
  recovering_ = true;
  PQreset(conn_);
  prepared_.clear();
  ++generation_;
  if (PQstatus(conn_) == CONNECTION_OK) {
    try {
      configure();
    } catch (...) {
    }
  }
  recovering_ = false;
}

PgDb::~PgDb() { PQfinish(conn_); }

void PgDb::check(PGresult* res, const std::string& sql) {
  const ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    const char* n = PQcmdTuples(res);
    if (n && *n) changes_ = std::strtoll(n, nullptr, 10);
    return;
  }
  std::string msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn_);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string code = state ? state : "";
  const bool transient = is_transient(state);
  PQclear(res);
  recover_if_broken();
  const std::string text =
      "postgresql (" + target_ + "): " + msg + (code.empty() ? "" : " (" + code + ")") + " [" +
      sql + "]";
  if (transient) throw StoreBusy(text);
  throw StoreError(text);
}

void PgDb::exec(const std::string& sql) {
  PGresult* res = PQexec(conn_, sql.c_str());
  check(res, sql);
  PQclear(res);
}

const std::string& PgDb::prepared_name(const std::string& pg_sql, int params) {
  auto it = prepared_.find(pg_sql);
  if (it != prepared_.end()) return it->second;
  std::string name = "m" + std::to_string(prepared_.size() + 1);
  PGresult* res = PQprepare(conn_, name.c_str(), pg_sql.c_str(), params, nullptr);
  check(res, pg_sql);
  PQclear(res);
  return prepared_.emplace(pg_sql, std::move(name)).first->second;
}

int64_t PgDb::last_insert_id() {
  PGresult* res = PQexec(conn_, "SELECT lastval()");
  check(res, "SELECT lastval()");
  const int64_t id = std::strtoll(PQgetvalue(res, 0, 0), nullptr, 10);
  PQclear(res);
  return id;
}

namespace {

class PgStatement : public StatementImpl {
 public:
  PgStatement(PgDb& db, const std::string& sql) : db_(db), sql_(sql) {
    pg_sql_ = postgres_placeholders(sql, params_);
    name_ = &db_.prepared_name(pg_sql_, params_);
    generation_ = db_.generation();
    values_.resize(params_);
    null_.assign(params_, true);
    binary_.assign(params_, 0);
  }
  ~PgStatement() override { PQclear(res_); }

  void bind_text(int index, std::string_view text) override { set(index, text, false); }
  void bind_int(int index, int64_t value) override { set(index, std::to_string(value), false); }
  void bind_blob(int index, std::string_view bytes) override { set(index, bytes, true); }
  void bind_null(int index) override {
    check_index(index);
    null_[index - 1] = true;
  }

  bool step() override {
    if (!res_) execute();
    blobs_.clear();
    return ++row_ < rows_;
  }
  void reset() override {
    PQclear(res_);
    res_ = nullptr;
    row_ = -1;
    rows_ = 0;
    null_.assign(params_, true);
    blobs_.clear();
  }
  bool is_null(int column) const override {
    return !on_row() || PQgetisnull(res_, row_, column) != 0;
  }
  int64_t column_int(int column) const override {
    if (!on_row()) return 0;
    const char* v = PQgetvalue(res_, row_, column);
    if (v[0] == 't' && v[1] == 0) return 1;  // a boolean expression
    if (v[0] == 'f' && v[1] == 0) return 0;
    return std::strtoll(v, nullptr, 10);
  }
  std::string_view column_text(int column) const override {
    if (!on_row()) return {};
    return std::string_view(PQgetvalue(res_, row_, column),
                            static_cast<size_t>(PQgetlength(res_, row_, column)));
  }
  // bytea comes back as text in hex form (\x0a1b...): decoded once per row and column.
  std::string_view column_blob(int column) const override {
    if (!on_row() || PQgetisnull(res_, row_, column)) return {};
    auto it = blobs_.find(column);
    if (it == blobs_.end()) {
      size_t n = 0;
      unsigned char* raw =
          PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(res_, row_, column)), &n);
      if (!raw) throw StoreError("postgresql: cannot decode a bytea column [" + sql_ + "]");
      it = blobs_.emplace(column, std::string(reinterpret_cast<char*>(raw), n)).first;
      PQfreemem(raw);
    }
    return it->second;
  }

 private:
  bool on_row() const { return res_ && row_ >= 0 && row_ < rows_; }
  void check_index(int index) const {
    if (index < 1 || index > params_) {
      throw StoreError("postgresql: bind index " + std::to_string(index) + " out of range [" +
                       sql_ + "]");
    }
  }
  void set(int index, std::string_view v, bool binary) {
    check_index(index);
    values_[index - 1].assign(v.data(), v.size());
    null_[index - 1] = false;
    binary_[index - 1] = binary ? 1 : 0;
  }

  void execute() {
    if (generation_ != db_.generation()) {  // the connection was re-established meanwhile
      name_ = &db_.prepared_name(pg_sql_, params_);
      generation_ = db_.generation();
    }
    std::vector<const char*> values(params_);
    std::vector<int> lengths(params_);
    for (int i = 0; i < params_; ++i) {
      values[i] = null_[i] ? nullptr : values_[i].data();
      lengths[i] = static_cast<int>(values_[i].size());
    }
    res_ = PQexecPrepared(db_.handle(), name_->c_str(), params_, values.data(), lengths.data(),
                          binary_.data(), 0);
    try {
      db_.check(res_, sql_);
    } catch (...) {
      res_ = nullptr;  // freed by check()
      throw;
    }
    rows_ = PQntuples(res_);
    row_ = -1;
  }

  PgDb& db_;
  std::string sql_;
  std::string pg_sql_;
  int params_ = 0;
  const std::string* name_ = nullptr;
  uint64_t generation_ = 0;
  std::vector<std::string> values_;
  std::vector<bool> null_;
  std::vector<int> binary_;
  PGresult* res_ = nullptr;
  int rows_ = 0;
  int row_ = -1;
  mutable std::map<int, std::string> blobs_;
};

}  // namespace

std::unique_ptr<StatementImpl> PgDb::prepare(const std::string& sql) {
  return std::make_unique<PgStatement>(*this, sql);
}

}  // namespace mutua::sql

// The PostgreSQL adapter of the SQL access layer (sql_db.hpp): the only file, with pg_db.cpp,
// that includes <libpq-fe.h>.
//
// Contract, beyond sql_db.hpp:
// - One libpq connection; statements are prepared on the server once per distinct SQL text and
//   kept for the connection's life (a Statement object is a client-side handle: preparing the
//   same text again costs no round trip).
// - Parameters are sent as text (integers in decimal) and blobs as binary bytea; the server
//   infers their types from the SQL (write `CAST(? AS TEXT)` where it cannot). A query's result
//   is read whole when it is first stepped, so another statement may run while a result is
//   being read (nested reads, as on SQLite).
// - A connection found broken after a failure is re-established (the failing operation still
//   throws StoreError); statements prepare themselves again on their next run.
// - Messages name the database as user@host:port/dbname, never with its password.
// - lock_timeout is 5 s (SQLite's busy_timeout): a lock held longer, a deadlock or a
//   serialization failure throws StoreBusy; other errors StoreError with the SQLSTATE.
#pragma once

#include <string>
#include <unordered_map>

#include "storage/sql_db.hpp"

struct pg_conn;
struct pg_result;

namespace mutua::sql {

class PgDb : public Db {
 public:
  explicit PgDb(const std::string& uri);
  ~PgDb() override;

  Dialect dialect() const override { return Dialect::kPostgres; }
  void exec(const std::string& sql) override;
  std::unique_ptr<StatementImpl> prepare(const std::string& sql) override;
  int64_t last_insert_id() override;
  int64_t changes() override { return changes_; }
  bool transaction_failed() const override;
  // Bumped when a lost connection is re-established: statements prepared before are gone from
  // the server and are prepared again on their next run.
  uint64_t generation() const { return generation_; }

  pg_conn* handle() const { return conn_; }
  // Checks a result: throws (and frees it) unless its status is a success; records the rows
  // changed by a command.
  void check(pg_result* res, const std::string& sql);
  // The server-side name of the prepared statement for this (translated) SQL text.
  const std::string& prepared_name(const std::string& pg_sql, int params);

 private:
  void configure();
  // After a failure: a connection found broken (server restart, failover, idle kill) is
  // re-established, so the next operation works; the failed one still fails.
  void recover_if_broken();

  pg_conn* conn_ = nullptr;
  std::string target_;  // user, host, port and database only: never the password
  uint64_t generation_ = 0;
  bool recovering_ = false;
  std::unordered_map<std::string, std::string> prepared_;
  int64_t changes_ = 0;
};

// `?` and `?N` placeholders as PostgreSQL's `$N` (outside quoted text); `params` receives the
// highest index.
std::string postgres_placeholders(const std::string& sql, int& params);

}  // namespace mutua::sql

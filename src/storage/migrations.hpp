// The database schema as numbered migrations, written in portable SQL (SQLite and PostgreSQL).
//
// Contract:
// - Migrations are applied in order, each in its own transaction, and recorded in
//   schema_migrations(version); applying them again is a no-op (Store::migrate is idempotent).
// - A released migration is never edited: a schema change is a new number.
// - Conventions: dates are TEXT 'YYYY-MM-DD'; money is BIGINT cents; booleans INTEGER 0/1;
//   optional values are NULL; structured catalogue parts (benefits, promotions) are JSON TEXT.
// - Dialects (dialect_sql): SQLite turns every CREATE TABLE into a STRICT table (and WITHOUT
//   ROWID where the statement asks for it: tables scanned in primary-key order) and BIGINT into
//   INTEGER (STRICT only knows INTEGER, which is 64-bit in SQLite). PostgreSQL turns INTEGER
//   into BIGINT (64-bit everywhere), a single-column `INTEGER PRIMARY KEY` (SQLite's rowid) into
//   an identity column, BLOB into bytea, TEXT into TEXT COLLATE "C" (byte order, as SQLite's
//   BINARY) and a NOCASE index into one on lower(); a statement
//   with no portable spelling (triggers) carries its PostgreSQL text in `postgres`.
#pragma once

#include <string>
#include <vector>

namespace mutua {

namespace sql {
enum class Dialect;
}

struct MigrationStatement {
  std::string sql;
  bool clustered = false;  // SQLite: WITHOUT ROWID (rows stored in primary-key order)
  std::string postgres = {};  // the PostgreSQL text when `sql` has no portable spelling
};

struct Migration {
  int version = 0;
  std::string description;
  std::vector<MigrationStatement> statements;
};

// Every migration, ascending by version.
const std::vector<Migration>& migrations();
// The form of a statement for a database.
std::string dialect_sql(const MigrationStatement& statement, sql::Dialect dialect);

}  // namespace mutua

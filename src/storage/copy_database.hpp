// Moving up: every row of an SQLite database copied into an empty PostgreSQL one (`mutua migrate
// --from FILE.db --to postgresql://...`), so that a mutuelle that outgrows the embedded default
// keeps its whole history.
//
// Contract:
// - The source is migrated to this binary's schema first (as any writing command would) and read
//   in one transaction; the target must hold no table of mutua's (else StoreError, nothing done).
// - The target's schema, the rows and the checks happen in ONE target transaction: PostgreSQL's
//   DDL is transactional, so a failure (or a kill) leaves the target as empty as it was.
// - Tables are copied parents first (SQLite's declared foreign keys), columns by name, values
//   with their types (integers, texts, blobs, NULLs); identity counters continue after the
//   highest copied id. schema_migrations is the target's own (written by its migration).
// - Checked before the commit: every table's row count and the ledger's trial balance equal the
//   source's; a difference is a StoreError and nothing is committed.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "storage/sqlite_store.hpp"

namespace mutua {

struct CopyReport {
  std::vector<std::pair<std::string, long long>> rows;  // table → rows copied, in copy order
  long long total_rows = 0;
  std::vector<std::pair<std::string, Money>> trial_balance;  // equal on both sides
};

CopyReport copy_database(SqliteStore& from, SqliteStore& to);

}  // namespace mutua

// The claim_decisions row as the SQLite store's files read it (sqlite_claims.cpp,
// sqlite_release.cpp): one column list, one reader.
#pragma once

#include "claims/records.hpp"
#include "storage/sql_db.hpp"

namespace mutua::sql {

// Followed by a WHERE clause; the columns read_decision expects, in order.
inline constexpr const char* kDecisionSelect =
    "SELECT claim_id, line, run_id, contract_id, status, rc_cents, remaining_cents, reasons, "
    "detail FROM claim_decisions";

// The decision at the statement's current row (kDecisionSelect); an unknown status means a
// corrupted database (StoreError).
StoredDecision read_decision(const Statement& st);

}  // namespace mutua::sql

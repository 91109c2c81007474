// The release of held claims (BEN-09, DUN-04): the lines a contract in arrears had held PENDING
// are adjudicated again once its account is regularised (or its contract terminated), with the
// state of that moment, and their stored decisions replaced.
//
// Contract:
// - Only the given contracts are loaded (ClaimsWorld::load_contracts), with the accumulators of
//   the beneficiaries of their held lines: a release costs what its contracts hold, not what the
//   database holds (the dunning run that calls it may reinstate 10 contracts among 1,000,000).
// - Lines are decided through the claims run's own path (decide_line), in the order they were
//   first decided: run id, then claim_id, then line; caps and counters are consumed in that
//   order (BEN-08).
// - Each decision that changes is replaced in place (same (claim_id, line) key, never a second
//   decision: BEN-12), with the release run's id; a line still held (the contract still in
//   arrears) stays exactly as stored. The release run is recorded in claim_runs (input
//   "release:<business date>", done) only when at least one decision changes; its payments go to
//   claim_payments (BEN-13) and what a liable third party owes to claim_recoveries (BEN-14).
// - Runs inside the caller's transaction (no begin/commit here). Idempotent: a second call finds
//   nothing held, or the same lines still held, and pays nothing.
// - A line whose context cannot be built (e.g. the regulation lacks a figure for its date) stays
//   held as stored and is named in `warnings`.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "regulation/regulation.hpp"
#include "storage/store.hpp"

namespace mutua {

struct ReleaseOutcome {
  int64_t run_id = 0;  // the release run recorded in claim_runs; 0 when no decision changed
  int64_t lines = 0;   // PENDING lines re-decided
  std::map<std::string, int64_t> by_status;  // new statuses: PAID, REJECTED, PENDING (still held)
  Money paid;                                // Σ rc of the lines now PAID
  std::vector<PayeeTotal> payments;   // what the release pays, per payee (BEN-13), by payee and ref
  std::vector<std::string> warnings;  // lines left held because they could not be decided
};

// Re-adjudicates the PENDING lines of these contracts with their current state (collection
// status, rights, suspensions, product in force on the care date, accumulators) and replaces
// their stored decisions; see the contract above.
ReleaseOutcome release_pending(Store& store, const Regulation& regulation,
                               const std::vector<std::string>& contract_ids, Date business_date);

}  // namespace mutua

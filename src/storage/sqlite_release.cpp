// SqliteStore: what the release of held claims needs (BEN-09, DUN-04): the PENDING decisions of a
// few contracts, a decision replaced in place, and the accumulators of a few beneficiaries.
// Every query goes through an index (claim_decisions_by_contract, the primary keys): a release
// touches the rows of its contracts only, whatever the size of the database.

#include <algorithm>
#include <tuple>

#include "storage/sqlite_store.hpp"
#include "storage/sqlite_decisions.hpp"
#include "storage/sqlite_util.hpp"

namespace mutua {

using sql::Statement;

std::vector<StoredDecision> SqliteStore::pending_decisions(
    const std::vector<std::string>& contract_ids) {
  Statement st(db_, std::string(sql::kDecisionSelect) + " WHERE contract_id = ? AND status = ?");
  const std::string pending(to_string(ClaimStatus::kPending));
  std::vector<std::string> ids = contract_ids;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());  // a contract listed twice: once
  std::vector<StoredDecision> out;
  for (const std::string& id : ids) {
    st.bind(1, id).bind(2, pending);
    while (st.step()) out.push_back(sql::read_decision(st));
    st.reset();
  }
  std::sort(out.begin(), out.end(), [](const StoredDecision& a, const StoredDecision& b) {
    return std::tie(a.run_id, a.claim_id, a.line) < std::tie(b.run_id, b.claim_id, b.line);
  });
  return out;
}

std::vector<StoredDecision> SqliteStore::paid_decisions(const std::string& contract_id) {
  Statement st(db_, std::string(sql::kDecisionSelect) +
                        " WHERE contract_id = ? AND status = ? ORDER BY claim_id, line");
  const std::string paid(to_string(ClaimStatus::kPaid));
  st.bind(1, contract_id).bind(2, paid);
  std::vector<StoredDecision> out;
  while (st.step()) out.push_back(sql::read_decision(st));
  return out;
}

std::vector<StoredDecision> SqliteStore::contract_decisions(const std::string& contract_id) {
  Statement st(db_, std::string(sql::kDecisionSelect) +
                        " WHERE contract_id = ? ORDER BY claim_id, line");
  st.bind(1, contract_id);
  std::vector<StoredDecision> out;
  while (st.step()) out.push_back(sql::read_decision(st));
  return out;
}

void SqliteStore::replace_decision(const StoredDecision& d) {
  Statement st(db_,
               "UPDATE claim_decisions SET run_id = ?, status = ?, rc_cents = ?, "
               "remaining_cents = ?, reasons = ?, detail = ? WHERE claim_id = ? AND line = ?");
  st.bind(1, d.run_id).bind(2, to_string(d.status)).bind(3, d.rc.cents());
  st.bind(4, d.remaining.cents()).bind(5, d.reasons).bind_blob(6, d.detail);
  st.bind(7, d.claim_id).bind(8, d.line);
  st.run();
  if (db_.changes() != 1) {
    throw StoreError("claim_decisions: no decision to replace for claim " + d.claim_id + " line " +
                     std::to_string(d.line));
  }
}

void SqliteStore::load_accumulators_of(const std::vector<std::string>& beneficiary_ids,
                                       AccumulatorState& state) {
  Statement st(db_,
               "SELECT beneficiary_id, category, window_start, kind, amount_cents, units "
               "FROM claim_accumulators WHERE beneficiary_id = ?");
  for (const std::string& id : beneficiary_ids) {
    st.bind(1, id);
    while (st.step()) {
      UsageKey key{std::string(st.column_text(0)), std::string(st.column_text(1)),
                   sql::column_date(st, 2)};
      Money amount = Money::from_cents(st.column_int(4));
      if (st.column_int(3) == 0) {
        state.restore_usage(key, Usage{amount, static_cast<int>(st.column_int(5))});
      } else {
        state.restore_budget(key, amount);
      }
    }
    st.reset();
  }
}

}  // namespace mutua

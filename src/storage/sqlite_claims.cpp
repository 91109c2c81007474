// SqliteStore: the claims tables (runs, decisions, accumulators, payments), suspensions and the
// contribution status of contracts. See store.hpp for the contract.

#include <set>

#include "storage/sqlite_store.hpp"
#include "storage/sqlite_decisions.hpp"
#include "storage/sqlite_util.hpp"

namespace mutua {

namespace {

using sql::Statement;

constexpr int kDecisionColumns = 9;
constexpr const char* kInsertDecisionHead =
    "INSERT INTO claim_decisions (claim_id, line, run_id, contract_id, status, rc_cents, "
    "remaining_cents, reasons, detail)";

Date date_column(const Statement& st, int column) { return sql::column_date(st, column); }

void bind_decision(Statement& st, int base, const StoredDecision& d) {
  st.bind(base + 1, d.claim_id).bind(base + 2, d.line).bind(base + 3, d.run_id);
  st.bind(base + 4, d.contract_id).bind(base + 5, to_string(d.status));
  st.bind(base + 6, d.rc.cents()).bind(base + 7, d.remaining.cents());
  st.bind(base + 8, d.reasons).bind_blob(base + 9, d.detail);
}

ClaimRunRecord read_run(const Statement& st) {
  ClaimRunRecord r;
  r.id = st.column_int(0);
  r.input = std::string(st.column_text(1));
  r.input_identity = std::string(st.column_text(2));
  r.business_date = std::string(st.column_text(3));
  r.skip_invalid = st.column_int(4) != 0;
  r.done = st.column_int(5) != 0;
  r.records_done = st.column_int(6);
  r.out_bytes = st.column_int(7);
  r.rejects_bytes = st.column_int(8);
  r.summary_json = std::string(st.column_text(9));
  return r;
}

constexpr const char* kRunColumns =
    "run_id, input, input_identity, business_date, skip_invalid, done, records_done, out_bytes, "
    "rejects_bytes, summary_json";

}  // namespace

// --- Suspensions and contribution status ----------------------------------------------------

void SqliteStore::insert_suspension(const Suspension& s) {
  Statement st(db_,
               "INSERT INTO suspensions (contract_id, from_date, to_date, reason, notified, "
               "proofs) VALUES (?, ?, ?, ?, ?, ?)");
  char a[10], b[10], c[10];
  st.bind(1, s.contract_id).bind(2, format_date_to(s.from, a)).bind(3, format_date_to(s.to, b));
  st.bind(4, to_string(s.reason)).bind(5, format_date_to(s.notified, c));
  st.bind_or_null(6, s.proofs);
  st.run();
}

namespace {
Suspension read_suspension(const Statement& st) {
  Suspension s;
  s.contract_id = std::string(st.column_text(0));
  s.from = date_column(st, 1);
  s.to = date_column(st, 2);
  s.reason = parse_suspension_reason(st.column_text(3)).value_or(SuspensionReason::kAbroad);
  s.notified = date_column(st, 4);
  s.proofs = std::string(st.column_text(5));
  return s;
}
constexpr const char* kSuspensionSelect =
    "SELECT contract_id, from_date, to_date, reason, notified, proofs FROM suspensions";
}  // namespace

std::vector<Suspension> SqliteStore::suspensions(const std::string& contract_id) {
  Statement st(db_, std::string(kSuspensionSelect) + " WHERE contract_id = ? ORDER BY from_date");
  st.bind(1, contract_id);
  std::vector<Suspension> out;
  while (st.step()) out.push_back(read_suspension(st));
  return out;
}

void SqliteStore::for_each_suspension(const std::function<void(const Suspension&)>& visit) {
  Statement st(db_, std::string(kSuspensionSelect) + " ORDER BY contract_id, from_date");
  while (st.step()) visit(read_suspension(st));
}

std::vector<Suspension> SqliteStore::suspensions_between(const std::string& first,
                                                         const std::string& last) {
  Statement st(db_, std::string(kSuspensionSelect) +
                        " WHERE contract_id >= ? AND contract_id <= ? ORDER BY contract_id, from_date");
  st.bind(1, first).bind(2, last);
  std::vector<Suspension> out;
  while (st.step()) out.push_back(read_suspension(st));
  return out;
}

void SqliteStore::set_collection_status(const std::string& contract_id, CollectionStatus status,
                                        Date since) {
  if (status == CollectionStatus::kUpToDate) {
    Statement st(db_, "DELETE FROM contract_collection WHERE contract_id = ?");
    st.bind(1, contract_id);
    st.run();
    return;
  }
  Statement st(db_,
               "INSERT INTO contract_collection (contract_id, status, since) VALUES (?, ?, ?) "
               "ON CONFLICT (contract_id) DO UPDATE SET status = excluded.status, "
               "since = excluded.since, suspended_from = NULL");
  char buf[10];
  st.bind(1, contract_id).bind(2, to_string(status)).bind(3, format_date_to(since, buf));
  st.run();
}

void SqliteStore::for_each_collection_status(
    const std::function<void(const std::string&, const CollectionState&)>& visit) {
  Statement st(db_, "SELECT contract_id, status, since, suspended_from FROM contract_collection");
  while (st.step()) {
    auto status = parse_collection_status(st.column_text(1));
    if (!status) throw StoreError("contract_collection: unknown status " +
                                  std::string(st.column_text(1)));
    CollectionState state{*status, date_column(st, 2), std::nullopt};
    if (!st.is_null(3)) state.suspended_from = date_column(st, 3);
    visit(std::string(st.column_text(0)), state);
  }
}

// --- Claims runs ----------------------------------------------------------------------------

void SqliteStore::limit_memory(int cache_mib) {
  if (db_.is_postgres()) return;  // the server's memory is the server's setting
  db_.exec("PRAGMA cache_size = -" + std::to_string(cache_mib * 1024));
  db_.exec("PRAGMA mmap_size = 0");
}

std::optional<ClaimRunRecord> SqliteStore::find_unfinished_claim_run(const std::string& identity) {
  Statement st(db_, std::string("SELECT ") + kRunColumns +
                        " FROM claim_runs WHERE done = 0 AND input_identity = ? "
                        "ORDER BY run_id DESC LIMIT 1");
  st.bind(1, identity);
  if (!st.step()) return std::nullopt;
  return read_run(st);
}

std::optional<ClaimRunRecord> SqliteStore::find_claim_run(int64_t run_id) {
  Statement st(db_, std::string("SELECT ") + kRunColumns + " FROM claim_runs WHERE run_id = ?");
  st.bind(1, run_id);
  if (!st.step()) return std::nullopt;
  return read_run(st);
}

int64_t SqliteStore::insert_claim_run(const ClaimRunRecord& r) {
  Statement st(db_,
               "INSERT INTO claim_runs (input, input_identity, business_date, skip_invalid, done, "
               "records_done, out_bytes, rejects_bytes, summary_json) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, r.input).bind(2, r.input_identity).bind(3, r.business_date);
  st.bind(4, r.skip_invalid ? 1 : 0).bind(5, r.done ? 1 : 0).bind(6, r.records_done);
  st.bind(7, r.out_bytes).bind(8, r.rejects_bytes).bind(9, r.summary_json);
  st.run();
  return db_.last_insert_id();
}

void SqliteStore::update_claim_run(const ClaimRunRecord& r) {
  auto st = cached(update_run_,
                         "UPDATE claim_runs SET done = ?, records_done = ?, out_bytes = ?, "
                         "rejects_bytes = ?, summary_json = ? WHERE run_id = ?");
  st.bind(1, r.done ? 1 : 0).bind(2, r.records_done).bind(3, r.out_bytes);
  st.bind(4, r.rejects_bytes).bind(5, r.summary_json).bind(6, r.id);
  st.run();
}

long long SqliteStore::count_decisions() {
  return db_.query_int("SELECT count(*) FROM claim_decisions");
}

void SqliteStore::for_each_decision_key(const std::function<void(std::string_view, int)>& visit) {
  Statement st(db_, "SELECT claim_id, line FROM claim_decisions");
  while (st.step()) visit(st.column_text(0), static_cast<int>(st.column_int(1)));
}

std::vector<int> SqliteStore::decided_care_years() {
  std::set<int> years;
  Statement st(db_, "SELECT detail FROM claim_decisions");
  while (st.step()) {
    if (std::optional<Date> care = detail_care_date(st.column_blob(0))) years.insert(year_of(*care));
  }
  return {years.begin(), years.end()};
}

bool SqliteStore::decision_exists(std::string_view claim_id, int line) {
  auto st = cached(decision_exists_,
                         "SELECT 1 FROM claim_decisions WHERE claim_id = ? AND line = ?");
  st.bind(1, claim_id).bind(2, line);
  bool found = st.step();
  st.reset();
  return found;
}

std::optional<StoredDecision> SqliteStore::find_decision(const std::string& claim_id, int line) {
  Statement st(db_, std::string(sql::kDecisionSelect) + " WHERE claim_id = ? AND line = ?");
  st.bind(1, claim_id).bind(2, line);
  if (!st.step()) return std::nullopt;
  return sql::read_decision(st);
}

StoredDecision sql::read_decision(const Statement& st) {
  StoredDecision d;
  d.claim_id = std::string(st.column_text(0));
  d.line = static_cast<int>(st.column_int(1));
  d.run_id = st.column_int(2);
  d.contract_id = std::string(st.column_text(3));
  auto status = parse_claim_status(st.column_text(4));
  if (!status) throw StoreError("claim_decisions: unknown status " + std::string(st.column_text(4)));
  d.status = *status;
  d.rc = Money::from_cents(st.column_int(5));
  d.remaining = Money::from_cents(st.column_int(6));
  d.reasons = std::string(st.column_text(7));
  d.detail = std::string(st.column_blob(8));
  return d;
}

void SqliteStore::insert_decisions(const std::vector<StoredDecision>& decisions) {
  using sql::kRowsPerInsert;
  auto one = cached(insert_decision_,
                          sql::multi_row_insert(kInsertDecisionHead, kDecisionColumns, 1).c_str());
  auto many = cached(
      insert_decisions_batch_,
      sql::multi_row_insert(kInsertDecisionHead, kDecisionColumns, kRowsPerInsert).c_str());
  size_t i = 0;
  for (; i + kRowsPerInsert <= decisions.size(); i += kRowsPerInsert) {
    for (int r = 0; r < kRowsPerInsert; ++r) {
      bind_decision(many, r * kDecisionColumns, decisions[i + r]);
    }
    many.run();
  }
  for (; i < decisions.size(); ++i) {
    bind_decision(one, 0, decisions[i]);
    one.run();
  }
}

void SqliteStore::load_accumulators(AccumulatorState& state) {
  Statement st(db_,
               "SELECT beneficiary_id, category, window_start, kind, amount_cents, units "
               "FROM claim_accumulators");
  while (st.step()) {
    UsageKey key{std::string(st.column_text(0)), std::string(st.column_text(1)),
                 date_column(st, 2)};
    Money amount = Money::from_cents(st.column_int(4));
    if (st.column_int(3) == 0) {
      state.restore_usage(key, Usage{amount, static_cast<int>(st.column_int(5))});
    } else {
      state.restore_budget(key, amount);
    }
  }
}

void SqliteStore::save_accumulators(const AccumulatorState& state,
                                    const std::vector<UsageKey>& windows,
                                    const std::vector<UsageKey>& budgets) {
  auto st = cached(save_window_,
                         "INSERT INTO claim_accumulators (beneficiary_id, category, window_start, "
                         "kind, amount_cents, units) VALUES (?, ?, ?, ?, ?, ?) "
                         "ON CONFLICT (beneficiary_id, category, window_start, kind) DO UPDATE "
                         "SET amount_cents = excluded.amount_cents, units = excluded.units");
  char buf[10];
  auto save = [&](const UsageKey& key, int kind, Money amount, int units) {
    st.bind(1, key.beneficiary_id).bind(2, key.category);
    st.bind(3, format_date_to(key.window_start, buf)).bind(4, kind);
    st.bind(5, amount.cents()).bind(6, units);
    st.run();
  };
  for (const UsageKey& key : windows) {
    Usage u = state.usage(key);
    save(key, 0, u.amount, u.units);
  }
  for (const UsageKey& key : budgets) {
    auto it = state.budgets().find(key);
    if (it != state.budgets().end()) save(key, 1, it->second, 0);
  }
}

void SqliteStore::add_claim_payments(int64_t run_id, const std::vector<PayeeTotal>& deltas) {
  auto st = cached(add_payment_,
                         "INSERT INTO claim_payments (run_id, payee, payee_ref, amount_cents, "
                         "lines) VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id, payee, payee_ref) "
                         "DO UPDATE SET amount_cents = claim_payments.amount_cents + "
                         "excluded.amount_cents, lines = claim_payments.lines + excluded.lines");
  for (const PayeeTotal& p : deltas) {
    st.bind(1, run_id).bind(2, to_string(p.payee)).bind(3, p.ref);
    st.bind(4, p.amount.cents()).bind(5, p.lines);
    st.run();
  }
}

std::vector<PayeeTotal> SqliteStore::claim_payments(int64_t run_id) {
  Statement st(db_,
               "SELECT payee, payee_ref, amount_cents, lines FROM claim_payments WHERE run_id = ? "
               "ORDER BY payee, payee_ref");
  st.bind(1, run_id);
  std::vector<PayeeTotal> out;
  while (st.step()) {
    PayeeTotal p;
    p.payee = st.column_text(0) == "provider" ? Payee::kProvider : Payee::kMember;
    p.ref = std::string(st.column_text(1));
    p.amount = Money::from_cents(st.column_int(2));
    p.lines = st.column_int(3);
    out.push_back(std::move(p));
  }
  return out;
}

void SqliteStore::add_claim_recoveries(int64_t run_id, const std::vector<RecoveryTotal>& deltas) {
  auto st = cached(add_recovery_,
                         "INSERT INTO claim_recoveries (run_id, third_party, amount_cents, lines) "
                         "VALUES (?, ?, ?, ?) ON CONFLICT (run_id, third_party) DO UPDATE SET "
                         "amount_cents = claim_recoveries.amount_cents + excluded.amount_cents, "
                         "lines = claim_recoveries.lines + excluded.lines");
  for (const RecoveryTotal& r : deltas) {
    st.bind(1, run_id).bind(2, r.third_party).bind(3, r.amount.cents()).bind(4, r.lines);
    st.run();
  }
}

std::vector<RecoveryTotal> SqliteStore::claim_recoveries(int64_t run_id) {
  Statement st(db_,
               "SELECT third_party, amount_cents, lines FROM claim_recoveries WHERE run_id = ? "
               "ORDER BY third_party");
  st.bind(1, run_id);
  std::vector<RecoveryTotal> out;
  while (st.step()) {
    out.push_back(RecoveryTotal{std::string(st.column_text(0)), Money::from_cents(st.column_int(1)),
                                st.column_int(2)});
  }
  return out;
}

}  // namespace mutua

// SqliteStore: the back office's tables (migration 8): users, the append-only audit trail
// (GDPR-02), and the member search; sessions and sign-in attempts (migration 14); the
// whole-database reads of `mutua db`. See store.hpp. The SQL is portable (PostgreSQL 15 and
// SQLite >= 3.35: `?` placeholders, ON CONFLICT ... DO UPDATE, RETURNING) except where a
// catalogue is read, which each database names its own way.

#include <algorithm>
#include <stdexcept>

#include "storage/sqlite_store.hpp"
#include "storage/sqlite_util.hpp"

namespace mutua {

using sql::column_date;
using sql::column_optional_date;
using sql::Statement;

namespace {

constexpr const char* kUserSelect =
    "SELECT username, password_hash, role, commune, contract_id, created, disabled FROM users";

UserRecord read_user(const Statement& st) {
  UserRecord u;
  u.username = std::string(st.column_text(0));
  u.password_hash = std::string(st.column_text(1));
  u.role = std::string(st.column_text(2));
  u.commune = std::string(st.column_text(3));
  u.contract_id = std::string(st.column_text(4));
  u.created = column_date(st, 5);
  u.disabled = st.column_int(6) != 0;
  return u;
}

}  // namespace

void SqliteStore::save_user(const UserRecord& u) {
  auto st = prepared(
      "INSERT INTO users (username, password_hash, role, commune, contract_id, created, disabled) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO UPDATE SET "
      "password_hash = excluded.password_hash, role = excluded.role, commune = excluded.commune, "
      "contract_id = excluded.contract_id, created = excluded.created, "
      "disabled = excluded.disabled");
  char created[10];
  st.bind(1, u.username)
      .bind(2, u.password_hash)
      .bind(3, u.role)
      .bind_or_null(4, u.commune)
      .bind_or_null(5, u.contract_id)
      .bind(6, format_date_to(u.created, created))
      .bind(7, u.disabled ? 1 : 0);
  st.run();
}

std::optional<UserRecord> SqliteStore::find_user(const std::string& username) {
  auto st = prepared("SELECT username, password_hash, role, commune, contract_id, created, "
                           "disabled FROM users WHERE username = ?");
  st.bind(1, username);
  std::optional<UserRecord> out;
  if (st.step()) out = read_user(st);
  st.reset();
  return out;
}

std::vector<UserRecord> SqliteStore::users() {
  Statement st(db_, std::string(kUserSelect) + " ORDER BY username");
  std::vector<UserRecord> out;
  while (st.step()) out.push_back(read_user(st));
  return out;
}

void SqliteStore::append_audit(const std::vector<AuditEntry>& entries) {
  auto st = prepared(
      "INSERT INTO audit_log (at, username, role, action, resource, target, remote, outcome) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (const AuditEntry& e : entries) {
    st.bind(1, e.at)
        .bind(2, e.username)
        .bind(3, e.role)
        .bind(4, e.action)
        .bind(5, e.resource)
        .bind(6, e.target)
        .bind(7, e.remote)
        .bind(8, e.outcome);
    st.run();
  }
}

std::vector<AuditEntry> SqliteStore::audit_entries(const AuditFilter& f) {
  // Each filter is "? = '' OR column matches": one statement serves every combination.
  Statement st(db_,
               "SELECT entry_id, at, username, role, action, resource, target, remote, outcome "
               "FROM audit_log WHERE (?1 = '' OR username = ?1) AND (?2 = '' OR action = ?2) "
               "AND (?3 = '' OR resource = ?3) AND (?4 = '' OR target = ?4) "
               "AND (?5 = '' OR at >= ?5) AND (?6 = '' OR at <= ?6 || 'T99') "
               "ORDER BY entry_id DESC LIMIT ?7");
  st.bind(1, f.username)
      .bind(2, f.action)
      .bind(3, f.resource)
      .bind(4, f.target)
      .bind(5, f.from)
      .bind(6, f.to)
      .bind(7, static_cast<int64_t>(f.limit));
  std::vector<AuditEntry> out;
  while (st.step()) {
    AuditEntry e;
    e.id = st.column_int(0);
    e.at = std::string(st.column_text(1));
    e.username = std::string(st.column_text(2));
    e.role = std::string(st.column_text(3));
    e.action = std::string(st.column_text(4));
    e.resource = std::string(st.column_text(5));
    e.target = std::string(st.column_text(6));
    e.remote = std::string(st.column_text(7));
    e.outcome = std::string(st.column_text(8));
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<ContractMatch> SqliteStore::search_contracts(const std::string& text, int limit) {
  // Case-insensitive for ASCII: SQLite's LIKE is (and uses the NOCASE index); on PostgreSQL
  // lower() on both sides (the index is on lower(last_name)). The prefix pattern escapes its
  // wildcards.
  std::string pattern;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  const bool pg = db_.is_postgres();
  const std::string like = pg ? "lower(?1)" : "?1";
  const std::string id = pg ? "lower(contract_id)" : "contract_id";
  const std::string person = pg ? "lower(beneficiary_id)" : "beneficiary_id";
  const std::string name = pg ? "lower(last_name)" : "last_name";
  Statement st(db_,
               "SELECT c.contract_id, c.product, m.last_name, m.first_name, m.start_date, "
               "m.end_date FROM contracts c JOIN beneficiaries m ON m.contract_id = c.contract_id "
               "AND m.role = 'member' WHERE c.contract_id IN ("
               "SELECT contract_id FROM contracts WHERE " + id + " LIKE " + like + " ESCAPE '\\' "
               "UNION SELECT contract_id FROM beneficiaries WHERE " + person + " LIKE " + like +
               " ESCAPE '\\' OR " + name + " LIKE " + like + " ESCAPE '\\') "
               "ORDER BY c.contract_id LIMIT ?2");
  st.bind(1, pattern).bind(2, static_cast<int64_t>(limit));
  std::vector<ContractMatch> out;
  while (st.step()) {
    ContractMatch m;
    m.contract_id = std::string(st.column_text(0));
    m.product = std::string(st.column_text(1));
    m.last_name = std::string(st.column_text(2));
    m.first_name = std::string(st.column_text(3));
    m.start = column_date(st, 4);
    m.end = column_optional_date(st, 5);
    out.push_back(std::move(m));
  }
  return out;
}

void SqliteStore::insert_session(const SessionRecord& s) {
  auto st = prepared(
      "INSERT INTO sessions (token_hash, csrf, username, role, commune, contract_id, created, "
      "last_seen, expires) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, s.token_hash)
      .bind(2, s.csrf)
      .bind(3, s.username)
      .bind(4, s.role)
      .bind(5, s.commune)
      .bind(6, s.contract_id)
      .bind(7, s.created)
      .bind(8, s.last_seen)
      .bind(9, s.expires);
  st.run();
}

// The hot path of every signed-in request: one lookup in the clustered primary key.
std::optional<SessionRecord> SqliteStore::find_session(const std::string& token_hash) {
  auto st = prepared(
      "SELECT csrf, username, role, commune, contract_id, created, last_seen, expires "
      "FROM sessions WHERE token_hash = ?");
  st.bind(1, token_hash);
  if (!st.step()) return std::nullopt;
  SessionRecord s;
  s.token_hash = token_hash;
  s.csrf = std::string(st.column_text(0));
  s.username = std::string(st.column_text(1));
  s.role = std::string(st.column_text(2));
  s.commune = std::string(st.column_text(3));
  s.contract_id = std::string(st.column_text(4));
  s.created = st.column_int(5);
  s.last_seen = st.column_int(6);
  s.expires = st.column_int(7);
  return s;
}

void SqliteStore::touch_session(const std::string& token_hash, int64_t last_seen,
                                int64_t expires) {
  // Only forward: two nodes' touches of one session may arrive in any order.
  auto st = prepared(
      "UPDATE sessions SET last_seen = ?, expires = ? WHERE token_hash = ? AND last_seen < ?");
  st.bind(1, last_seen).bind(2, expires).bind(3, token_hash).bind(4, last_seen);
  st.run();
}

void SqliteStore::delete_session(const std::string& token_hash) {
  auto st = prepared("DELETE FROM sessions WHERE token_hash = ?");
  st.bind(1, token_hash);
  st.run();
}

int64_t SqliteStore::purge_sessions(int64_t now) {
  auto st = prepared("DELETE FROM sessions WHERE expires < ? RETURNING token_hash");
  st.bind(1, now);
  int64_t purged = 0;
  while (st.step()) ++purged;
  return purged;
}

LoginAttemptCount SqliteStore::count_login_attempt(const std::string& key, int64_t now,
                                                   int64_t window_seconds) {
  // One statement, so two processes counting the same key at once get two different counts.
  // Every right-hand side of SET reads the row as it was before this update (both databases).
  auto st = prepared(
      "INSERT INTO login_attempts (attempt_key, window_start, attempts, last_at, previous_at) "
      "VALUES (?, ?, 1, ?, 0) ON CONFLICT (attempt_key) DO UPDATE SET "
      "attempts = CASE WHEN login_attempts.window_start <= ? THEN 1 "
      "ELSE login_attempts.attempts + 1 END, "
      "previous_at = CASE WHEN login_attempts.window_start <= ? THEN 0 "
      "ELSE login_attempts.last_at END, "
      "window_start = CASE WHEN login_attempts.window_start <= ? THEN excluded.window_start "
      "ELSE login_attempts.window_start END, "
      "last_at = excluded.last_at "
      "RETURNING attempts, window_start, previous_at");
  const int64_t expired = now - window_seconds;
  st.bind(1, key).bind(2, now).bind(3, now).bind(4, expired).bind(5, expired).bind(6, expired);
  if (!st.step()) throw StoreError("counting a sign-in attempt returned no row");
  return {st.column_int(0), st.column_int(1), st.column_int(2)};
}

void SqliteStore::uncount_login_attempt(const std::string& key) {
  auto st = prepared(
      "UPDATE login_attempts SET attempts = attempts - 1 WHERE attempt_key = ? AND attempts > 0");
  st.bind(1, key);
  st.run();
}

void SqliteStore::clear_login_attempts(const std::string& key) {
  auto st = prepared("DELETE FROM login_attempts WHERE attempt_key = ?");
  st.bind(1, key);
  st.run();
}

void SqliteStore::fail_login_attempt(const std::string& key, int64_t at) {
  auto st = prepared("UPDATE login_attempts SET last_at = ? WHERE attempt_key = ? AND last_at < ?");
  st.bind(1, at).bind(2, key).bind(3, at);
  st.run();
}

int64_t SqliteStore::purge_login_attempts(int64_t before) {
  auto st = prepared("DELETE FROM login_attempts WHERE window_start <= ? RETURNING attempt_key");
  st.bind(1, before);
  int64_t purged = 0;
  while (st.step()) ++purged;
  return purged;
}

// --- Whole-database reads (mutua db) -----------------------------------------------------------

namespace {

// A table or column name as an SQL identifier (the names come from the schema itself).
std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

const TableShape& shape_of(const std::vector<TableShape>& shapes, const std::string& table) {
  for (const TableShape& t : shapes) {
    if (t.name == table) return t;
  }
  throw std::invalid_argument("no table " + table);
}

}  // namespace

std::vector<TableShape> SqliteStore::tables() {
  std::vector<TableShape> out;
  const bool pg = db_.is_postgres();
  Statement names(db_, pg ? "SELECT table_name FROM information_schema.tables WHERE "
                            "table_schema = current_schema() AND table_type = 'BASE TABLE' "
                            "ORDER BY table_name"
                          : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                            "'sqlite\\_%' ESCAPE '\\' ORDER BY name");
  while (names.step()) out.push_back({std::string(names.column_text(0)), {}});
  Statement columns(db_, pg ? "SELECT column_name FROM information_schema.columns WHERE "
                              "table_schema = current_schema() AND table_name = ?1 "
                              "ORDER BY ordinal_position"
                            : "SELECT name FROM pragma_table_info(?1) ORDER BY cid");
  for (TableShape& t : out) {
    columns.bind(1, t.name);
    while (columns.step()) t.columns.emplace_back(columns.column_text(0));
    columns.reset();
  }
  return out;
}

int64_t SqliteStore::row_count(const std::string& table) {
  const std::vector<TableShape> shapes = tables();
  return db_.query_int("SELECT count(*) FROM " + quoted(shape_of(shapes, table).name));
}

void SqliteStore::for_each_row(const std::string& table, const std::vector<std::string>& columns,
                               const std::function<void(const std::vector<RawValue>&)>& visit) {
  const std::vector<TableShape> shapes = tables();
  const TableShape& t = shape_of(shapes, table);
  if (columns.empty()) throw std::invalid_argument("no column of " + table + " chosen");
  // Each column with its storage class, which tells a blob from text.
  std::string select, order;
  for (const std::string& c : columns) {
    if (std::find(t.columns.begin(), t.columns.end(), c) == t.columns.end()) {
      throw std::invalid_argument("no column " + c + " in " + table);
    }
    // SQLite: the value's storage class; PostgreSQL: 'null' or the column's type ('bytea').
    select += (select.empty() ? "" : ", ") + quoted(c) + ", " +
              (db_.is_postgres() ? "CASE WHEN " + quoted(c) + " IS NULL THEN 'null' WHEN pg_typeof(" +
                                       quoted(c) + ") = 'bytea'::regtype THEN 'blob' ELSE 'text' END"
                                 : "typeof(" + quoted(c) + ")");
    order += (order.empty() ? "" : ", ") + quoted(c) + " NULLS FIRST";
  }
  Statement st(db_, "SELECT " + select + " FROM " + quoted(t.name) + " ORDER BY " + order);
  std::vector<RawValue> row(columns.size());
  while (st.step()) {
    for (size_t i = 0; i < columns.size(); ++i) {
      const int col = static_cast<int>(2 * i);
      const std::string_view type = st.column_text(col + 1);
      RawValue& v = row[i];
      v.binary = type == "blob";
      if (type == "null") {
        v.text.reset();
      } else {
        v.text = std::string(v.binary ? st.column_blob(col) : st.column_text(col));
      }
    }
    visit(row);
  }
}

std::vector<AccountTotals> SqliteStore::ledger_totals() {
  Statement st(db_,
               "SELECT account, CAST(sum(debits) AS BIGINT), CAST(sum(credits) AS BIGINT) FROM ("
               "SELECT debit AS account, amount_cents AS debits, 0 AS credits FROM ledger "
               "UNION ALL SELECT credit, 0, amount_cents FROM ledger) t "
               "GROUP BY account ORDER BY account");
  std::vector<AccountTotals> out;
  while (st.step()) {
    out.push_back({std::string(st.column_text(0)), Money::from_cents(st.column_int(1)),
                   Money::from_cents(st.column_int(2))});
  }
  return out;
}

}  // namespace mutua

// SqliteStore: billing, SEPA and dunning tables (migration 5). See store.hpp.

#include <unordered_map>

#include "storage/sqlite_store.hpp"
#include "storage/sqlite_util.hpp"

namespace mutua {

namespace {

using sql::Statement;
using sql::column_date;
using sql::column_optional_date;


std::string date_text(Date d) { return format_date(d); }

BillingSchedule read_schedule(const Statement& st, int first = 0) {
  BillingSchedule s;
  s.contract_id = std::string(st.column_text(first));
  s.year = static_cast<int>(st.column_int(first + 1));
  auto f = parse_payment_frequency(st.column_text(first + 2));
  if (!f) throw StoreError("corrupted database: billing_schedules.frequency");
  s.frequency = *f;
  s.called = column_date(st, first + 3);
  s.version = static_cast<int>(st.column_int(first + 4));
  s.inputs = static_cast<uint64_t>(st.column_int(first + 6));
  auto instalments = decode_instalments(st.column_blob(first + 5), s.year, s.frequency);
  if (!instalments) {
    throw StoreError("corrupted database: billing_schedules.instalments of " + s.contract_id);
  }
  s.instalments = std::move(*instalments);
  return s;
}
constexpr const char* kScheduleColumns =
    "contract_id, year, frequency, called, version, instalments, inputs";

Entry read_entry(const Statement& st) {
  Entry e;
  e.id = st.column_int(0);
  e.key = std::string(st.column_text(1));
  e.date = column_date(st, 2);
  auto kind = parse_entry_kind(st.column_text(3));
  if (!kind) throw StoreError("corrupted database: ledger.kind");
  e.kind = *kind;
  e.contract_id = std::string(st.column_text(4));
  e.debit = std::string(st.column_text(5));
  e.credit = std::string(st.column_text(6));
  e.amount = Money::from_cents(st.column_int(7));
  e.year = static_cast<int>(st.column_int(8));
  e.period = static_cast<int>(st.column_int(9));
  e.rule = std::string(st.column_text(10));
  e.reference = std::string(st.column_text(11));
  return e;
}
constexpr const char* kEntrySelect =
    "SELECT entry_id, key, entry_date, kind, contract_id, debit, credit, amount_cents, year, "
    "period, rule, reference FROM ledger";

Mandate read_mandate(const Statement& st, int first = 0) {
  Mandate m;
  m.rum = std::string(st.column_text(first));
  m.contract_id = std::string(st.column_text(first + 1));
  m.iban = std::string(st.column_text(first + 2));
  m.bic = std::string(st.column_text(first + 3));
  m.signed_on = column_date(st, first + 4);
  m.kind = st.column_text(first + 5) == "one_off" ? MandateKind::kOneOff : MandateKind::kRecurrent;
  m.used = st.column_int(first + 6) != 0;
  m.revoked = st.column_int(first + 7) != 0;
  m.registered_batch = st.column_int(first + 8);
  return m;
}
constexpr const char* kMandateColumns =
    "rum, contract_id, iban, bic, signed_on, kind, used, revoked, registered_batch";

SepaBatchRecord read_batch(const Statement& st) {
  SepaBatchRecord b;
  b.id = st.column_int(0);
  b.message_id = std::string(st.column_text(1));
  b.collection_date = column_date(st, 2);
  b.created = column_date(st, 3);
  b.file = std::string(st.column_text(4));
  b.count = st.column_int(5);
  b.total = Money::from_cents(st.column_int(6));
  b.settled = st.column_int(7) != 0;
  return b;
}
constexpr const char* kBatchSelect =
    "SELECT batch_id, message_id, collection_date, created, file, count, total_cents, settled "
    "FROM sepa_batches";

SepaDebitRecord read_debit(const Statement& st) {
  SepaDebitRecord d;
  d.end_to_end_id = std::string(st.column_text(0));
  d.batch_id = st.column_int(1);
  d.contract_id = std::string(st.column_text(2));
  d.year = static_cast<int>(st.column_int(3));
  d.period = static_cast<int>(st.column_int(4));
  d.amount = Money::from_cents(st.column_int(5));
  d.rum = std::string(st.column_text(6));
  d.mandate_signed = column_date(st, 7);
  d.sequence = std::string(st.column_text(8));
  d.debtor_name = std::string(st.column_text(9));
  d.iban = std::string(st.column_text(10));
  d.bic = std::string(st.column_text(11));
  d.status = std::string(st.column_text(12));
  d.reason = std::string(st.column_text(13));
  return d;
}
// A debit with its mandate's signature date, IBAN and BIC and the member's name.
constexpr const char* kDebitSelect =
    "SELECT d.end_to_end_id, d.batch_id, d.contract_id, d.year, d.period, d.amount_cents, d.rum, "
    "m.signed_on, d.sequence, b.first_name || ' ' || b.last_name, m.iban, m.bic, d.status, "
    "d.reason FROM sepa_debits d JOIN mandates m ON m.rum = d.rum "
    "JOIN beneficiaries b ON b.contract_id = d.contract_id AND b.position = 0";

DunningCase read_case(const Statement& st) {
  DunningCase c;
  c.id = st.column_int(0);
  c.contract_id = std::string(st.column_text(1));
  c.notice = column_date(st, 2);
  c.oldest_due = column_date(st, 3);
  c.arrears = Money::from_cents(st.column_int(4));
  c.suspended = column_optional_date(st, 5);
  c.terminated = column_optional_date(st, 6);
  c.reinstated = column_optional_date(st, 7);
  return c;
}
constexpr const char* kCaseSelect =
    "SELECT case_id, contract_id, notice, oldest_due, arrears_cents, suspended, terminated, "
    "reinstated FROM dunning_cases";

constexpr const char* kEntriesOfContract =
    "SELECT entry_id, key, entry_date, kind, contract_id, debit, credit, amount_cents, year, "
    "period, rule, reference FROM ledger WHERE contract_id = ? ORDER BY entry_date, entry_id";
constexpr const char* kReceivableEntriesBetween =
    "SELECT entry_id, key, entry_date, kind, contract_id, debit, credit, amount_cents, year, "
    "period, rule, reference FROM ledger WHERE contract_id > ? AND contract_id <= ? AND "
    "entry_date <= ? AND (debit = ? OR credit = ?) ORDER BY contract_id, entry_date, entry_id";
constexpr const char* kEntryByKey =
    "SELECT entry_id, key, entry_date, kind, contract_id, debit, credit, amount_cents, year, "
    "period, rule, reference FROM ledger WHERE key = ?";
constexpr const char* kLatestCase =
    "SELECT case_id, contract_id, notice, oldest_due, arrears_cents, suspended, terminated, "
    "reinstated FROM dunning_cases WHERE contract_id = ? ORDER BY case_id DESC LIMIT 1";
constexpr const char* kDebitByE2e =
    "SELECT d.end_to_end_id, d.batch_id, d.contract_id, d.year, d.period, d.amount_cents, d.rum, "
    "m.signed_on, d.sequence, b.first_name || ' ' || b.last_name, m.iban, m.bic, d.status, "
    "d.reason FROM sepa_debits d JOIN mandates m ON m.rum = d.rum "
    "JOIN beneficiaries b ON b.contract_id = d.contract_id AND b.position = 0 "
    "WHERE d.end_to_end_id = ?";
constexpr const char* kSchedulesOfContract =
    "SELECT contract_id, year, frequency, called, version, instalments, inputs "
    "FROM billing_schedules WHERE contract_id = ? ORDER BY year";

}  // namespace

std::optional<std::string> SqliteStore::billing_setting(const std::string& name) {
  Statement st(db_, "SELECT value FROM billing_settings WHERE name = ?");
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  return std::string(st.column_text(0));
}

void SqliteStore::set_billing_setting(const std::string& name, const std::string& value) {
  Statement st(db_,
               "INSERT INTO billing_settings (name, value) VALUES (?, ?) "
               "ON CONFLICT (name) DO UPDATE SET value = excluded.value");
  st.bind(1, name).bind(2, value);
  st.run();
}

namespace {

// PostgreSQL answers each statement in a round trip of its own: bulk writes go as multi-row
// statements of up to kBulkRows rows (a batch's remainder in halving sizes, so at most a dozen
// distinct statement texts are prepared per connection). SQLite has no round trip: row by row.
constexpr size_t kBulkRows = 256;

// "(?, ?, ?), (?, ?, ?)" for `rows` rows of `columns` values.
std::string values_rows(size_t rows, size_t columns) {
  std::string row = "(";
  for (size_t c = 0; c < columns; ++c) row += c ? ", ?" : "?";
  row += ")";
  std::string out;
  out.reserve(rows * (row.size() + 2));
  for (size_t r = 0; r < rows; ++r) {
    if (r) out += ", ";
    out += row;
  }
  return out;
}

// The sizes `total` rows are written in: full batches, then the remainder in powers of two.
std::vector<size_t> bulk_sizes(size_t total) {
  std::vector<size_t> sizes(total / kBulkRows, kBulkRows);
  for (size_t rest = total % kBulkRows, p = kBulkRows / 2; rest > 0; p /= 2) {
    if (rest >= p) {
      sizes.push_back(p);
      rest -= p;
    }
  }
  return sizes;
}

}  // namespace

void SqliteStore::save_schedules(const std::vector<BillingSchedule>& schedules) {
  if (db_.is_postgres()) {
    // One upsert per batch: a contract-year appears once in a run's list (one schedule per
    // contract and year), which ON CONFLICT DO UPDATE requires of a statement.
    size_t at = 0;
    char called[10];
    for (size_t n : bulk_sizes(schedules.size())) {
      Statement st(db_, "INSERT INTO billing_schedules (contract_id, year, frequency, called, "
                        "version, instalments, inputs) VALUES " + values_rows(n, 7) +
                        " ON CONFLICT (contract_id, year) DO UPDATE SET "
                        "frequency = excluded.frequency, called = excluded.called, "
                        "version = excluded.version, instalments = excluded.instalments, "
                        "inputs = excluded.inputs");
      for (size_t i = 0; i < n; ++i, ++at) {
        const BillingSchedule& s = schedules[at];
        const int b = static_cast<int>(i * 7);
        st.bind(b + 1, s.contract_id).bind(b + 2, s.year).bind(b + 3, to_string(s.frequency));
        st.bind(b + 4, format_date_to(s.called, called)).bind(b + 5, s.version);
        st.bind_blob(b + 6, encode_instalments(s.instalments));
        st.bind(b + 7, static_cast<int64_t>(s.inputs));
      }
      st.run();
    }
    return;
  }
  // An existing row is updated in place (a run rewrites the billed amounts of most schedules:
  // cheaper than REPLACE's delete and insert); a new one is inserted.
  auto update = prepared(
      "UPDATE billing_schedules SET frequency = ?3, called = ?4, version = ?5, instalments = ?6, "
      "inputs = ?7 WHERE contract_id = ?1 AND year = ?2");
  auto insert = cached(save_schedule_,
                             "INSERT INTO billing_schedules (contract_id, year, frequency, called, "
                             "version, instalments, inputs) VALUES (?, ?, ?, ?, ?, ?, ?)");
  char called[10];
  for (const BillingSchedule& s : schedules) {
    const std::string instalments = encode_instalments(s.instalments);
    for (Statement* st : {&static_cast<Statement&>(update), &static_cast<Statement&>(insert)}) {
      st->bind(1, s.contract_id).bind(2, s.year).bind(3, to_string(s.frequency));
      st->bind(4, format_date_to(s.called, called)).bind(5, s.version).bind_blob(6, instalments);
      st->bind(7, static_cast<int64_t>(s.inputs));
      st->run();
      if (db_.changes() == 1) break;
    }
  }
}

std::vector<BillingSchedule> SqliteStore::schedules(const std::string& contract_id) {
  auto st = prepared(kSchedulesOfContract);
  st.bind(1, contract_id);
  std::vector<BillingSchedule> out;
  while (st.step()) out.push_back(read_schedule(st));
  return out;
}

std::vector<BillingSchedule> SqliteStore::schedules_between(int year, const std::string& first,
                                                            const std::string& last) {
  Statement st(db_, std::string("SELECT ") + kScheduleColumns +
                        " FROM billing_schedules WHERE contract_id BETWEEN ? AND ? AND year = ? "
                        "ORDER BY contract_id");
  st.bind(1, first).bind(2, last).bind(3, year);
  std::vector<BillingSchedule> out;
  while (st.step()) out.push_back(read_schedule(st));
  return out;
}

void SqliteStore::for_each_schedule(int year,
                                    const std::function<void(const BillingSchedule&)>& visit) {
  Statement st(db_, std::string("SELECT ") + kScheduleColumns +
                        " FROM billing_schedules WHERE year = ? ORDER BY contract_id");
  st.bind(1, year);
  while (st.step()) visit(read_schedule(st));
}

int64_t SqliteStore::post_entries(std::vector<Entry>& entries) {
  if (db_.is_postgres()) return post_entries_bulk(entries);
  auto st = cached(insert_entry_,
                         "INSERT INTO ledger (key, entry_date, kind, contract_id, debit, "
                         "credit, amount_cents, year, period, rule, reference) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING "
                         "RETURNING entry_id");
  int64_t added = 0;
  char date[10];
  for (Entry& e : entries) {
    if (e.amount.is_negative()) throw StoreError("ledger: negative amount for " + e.key);
    st.bind(1, e.key).bind(2, format_date_to(e.date, date)).bind(3, to_string(e.kind));
    st.bind(4, e.contract_id).bind(5, e.debit).bind(6, e.credit).bind(7, e.amount.cents());
    st.bind(8, e.year).bind(9, e.period).bind(10, e.rule).bind(11, e.reference);
    // A row comes back only when the key was new (RETURNING of an insert that did nothing
    // returns none).
    if (st.step()) {
      e.id = st.column_int(0);
      ++added;
    }
    st.reset();
  }
  return added;
}

// PostgreSQL: the entries in multi-row inserts; the keys that come back are the new ones.
int64_t SqliteStore::post_entries_bulk(std::vector<Entry>& entries) {
  int64_t added = 0;
  size_t at = 0;
  char date[10];
  std::unordered_map<std::string_view, Entry*> by_key;
  for (size_t n : bulk_sizes(entries.size())) {
    Statement st(db_, "INSERT INTO ledger (key, entry_date, kind, contract_id, debit, credit, "
                      "amount_cents, year, period, rule, reference) VALUES " +
                          values_rows(n, 11) + " ON CONFLICT DO NOTHING RETURNING key, entry_id");
    by_key.clear();
    for (size_t i = 0; i < n; ++i, ++at) {
      Entry& e = entries[at];
      if (e.amount.is_negative()) throw StoreError("ledger: negative amount for " + e.key);
      const int b = static_cast<int>(i * 11);
      st.bind(b + 1, e.key).bind(b + 2, format_date_to(e.date, date)).bind(b + 3, to_string(e.kind));
      st.bind(b + 4, e.contract_id).bind(b + 5, e.debit).bind(b + 6, e.credit);
      st.bind(b + 7, e.amount.cents()).bind(b + 8, e.year).bind(b + 9, e.period);
      st.bind(b + 10, e.rule).bind(b + 11, e.reference);
      by_key.emplace(e.key, &e);
    }
    while (st.step()) {
      auto it = by_key.find(st.column_text(0));
      if (it == by_key.end()) throw StoreError("ledger: an unknown key came back");
      it->second->id = st.column_int(1);
      ++added;
    }
    st.reset();
  }
  return added;
}

std::optional<Entry> SqliteStore::find_entry(const std::string& key) {
  auto st = prepared(kEntryByKey);
  st.bind(1, key);
  if (!st.step()) return std::nullopt;
  return read_entry(st);
}

std::vector<Entry> SqliteStore::entries(const std::string& contract_id) {
  auto st = prepared(kEntriesOfContract);
  st.bind(1, contract_id);
  std::vector<Entry> out;
  while (st.step()) out.push_back(read_entry(st));
  return out;
}

std::vector<std::pair<std::string, Money>> SqliteStore::trial_balance() {
  Statement st(db_,
               "SELECT account, sum(amount) FROM (SELECT debit AS account, amount_cents AS amount "
               "FROM ledger UNION ALL SELECT credit, -amount_cents FROM ledger) "
               "AS moves GROUP BY account ORDER BY account");
  std::vector<std::pair<std::string, Money>> out;
  while (st.step()) {
    out.emplace_back(std::string(st.column_text(0)), Money::from_cents(st.column_int(1)));
  }
  return out;
}

long long SqliteStore::count_entries() { return db_.query_int("SELECT count(*) FROM ledger"); }

std::vector<std::string> SqliteStore::ledger_contracts_after(const std::string& after,
                                                             int64_t limit) {
  auto st = prepared(
      "SELECT DISTINCT contract_id FROM ledger WHERE contract_id > ? ORDER BY contract_id LIMIT ?");
  st.bind(1, after).bind(2, limit);
  std::vector<std::string> out;
  while (st.step()) out.emplace_back(st.column_text(0));
  return out;
}

std::vector<Entry> SqliteStore::receivable_entries(const std::string& after,
                                                   const std::string& last, Date through) {
  auto st = prepared(kReceivableEntriesBetween);
  const std::string until = date_text(through);
  st.bind(1, after).bind(2, last).bind(3, until);
  st.bind(4, account::kReceivable).bind(5, account::kReceivable);
  std::vector<Entry> out;
  while (st.step()) out.push_back(read_entry(st));
  return out;
}

void SqliteStore::insert_mandates(const std::vector<Mandate>& mandates) {
  Statement st(db_,
               "INSERT INTO mandates (rum, contract_id, iban, bic, signed_on, kind, used, "
               "revoked, registered_batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
               "coalesce(?, (SELECT coalesce(max(batch_id), 0) FROM sepa_batches))) "
               "ON CONFLICT DO NOTHING");
  char date[10];
  for (const Mandate& m : mandates) {
    st.bind(1, m.rum).bind(2, m.contract_id).bind(3, m.iban).bind_or_null(4, m.bic);
    st.bind(5, format_date_to(m.signed_on, date));
    st.bind(6, m.kind == MandateKind::kOneOff ? "one_off" : "recurrent");
    st.bind(7, m.used ? 1 : 0).bind(8, m.revoked ? 1 : 0);
    if (m.registered_batch) {
      st.bind(9, *m.registered_batch);
    } else {
      st.bind_null(9);
    }
    st.run();
  }
}

void SqliteStore::set_mandate_used(const std::string& rum, bool used) {
  auto st = prepared("UPDATE mandates SET used = ? WHERE rum = ?");
  st.bind(1, used ? 1 : 0).bind(2, rum);
  st.run();
}

void SqliteStore::mark_first_debits_used(int64_t batch_id) {
  Statement st(db_,
               "UPDATE mandates SET used = 1 WHERE rum IN (SELECT rum FROM sepa_debits "
               "WHERE batch_id = ? AND sequence = 'FRST')");
  st.bind(1, batch_id);
  st.run();
}

void SqliteStore::revoke_mandate(const std::string& rum) {
  Statement st(db_, "UPDATE mandates SET revoked = 1 WHERE rum = ?");
  st.bind(1, rum);
  st.run();
}

CollectionPage SqliteStore::collection_page(int year, const std::string& after, int64_t limit) {
  CollectionPage page;
  {  // the page's key range: the next `limit` schedules of the year
    auto st = prepared(
        "SELECT contract_id FROM billing_schedules WHERE year = ? AND contract_id > ? "
        "ORDER BY contract_id LIMIT ?");
    st.bind(1, year).bind(2, after).bind(3, limit);
    while (st.step()) page.last.assign(st.column_text(0));
  }
  if (page.last.empty()) return page;
  auto st = prepared(
      "SELECT s.contract_id, s.year, s.frequency, s.called, s.version, s.instalments, "
      "s.inputs, m.rum, m.contract_id, m.iban, m.bic, m.signed_on, m.kind, m.used, m.revoked, "
      "m.registered_batch, b.last_name, b.first_name, b.end_date "
      "FROM billing_schedules s "
      "JOIN mandates m ON m.contract_id = s.contract_id "
      "JOIN beneficiaries b ON b.contract_id = s.contract_id AND b.position = 0 "
      "WHERE s.year = ? AND s.contract_id > ? AND s.contract_id <= ? "
      "ORDER BY s.contract_id, m.signed_on, m.rum");
  st.bind(1, year).bind(2, after).bind(3, page.last);
  // Rows come grouped by contract, one per mandate.
  while (st.step()) {
    if (page.candidates.empty() || st.column_text(0) != page.candidates.back().schedule.contract_id) {
      CollectionCandidate& c = page.candidates.emplace_back();
      c.schedule = read_schedule(st, 0);
      c.debtor_name = std::string(st.column_text(17)) + " " + std::string(st.column_text(16));
      c.cover_end = column_optional_date(st, 18);
    }
    page.candidates.back().mandates.push_back(read_mandate(st, 7));
  }
  return page;
}

std::vector<BatchDate> SqliteStore::batch_dates() {
  Statement st(db_, "SELECT batch_id, collection_date FROM sepa_batches ORDER BY batch_id");
  std::vector<BatchDate> out;
  while (st.step()) out.push_back(BatchDate{st.column_int(0), column_date(st, 1)});
  return out;
}

std::optional<SepaBatchRecord> SqliteStore::find_batch(Date collection_date) {
  Statement st(db_, std::string(kBatchSelect) + " WHERE collection_date = ?");
  const std::string d = date_text(collection_date);
  st.bind(1, d);
  if (!st.step()) return std::nullopt;
  return read_batch(st);
}

std::optional<SepaBatchRecord> SqliteStore::find_batch_by_message(const std::string& message_id) {
  Statement st(db_, std::string(kBatchSelect) + " WHERE message_id = ?");
  st.bind(1, message_id);
  if (!st.step()) return std::nullopt;
  return read_batch(st);
}

int64_t SqliteStore::insert_batch(const SepaBatchRecord& b) {
  Statement st(db_,
               "INSERT INTO sepa_batches (message_id, collection_date, created, file, count, "
               "total_cents, settled) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const std::string collection = date_text(b.collection_date), created = date_text(b.created);
  st.bind(1, b.message_id).bind(2, collection).bind(3, created).bind(4, b.file);
  st.bind(5, b.count).bind(6, b.total.cents()).bind(7, b.settled ? 1 : 0);
  st.run();
  return db_.last_insert_id();
}

void SqliteStore::set_batch_file(int64_t batch_id, const std::string& file) {
  Statement st(db_, "UPDATE sepa_batches SET file = ? WHERE batch_id = ?");
  st.bind(1, file).bind(2, batch_id);
  st.run();
}

std::vector<SepaBatchRecord> SqliteStore::unsettled_batches(Date through) {
  Statement st(db_, std::string(kBatchSelect) +
                        " WHERE settled = 0 AND collection_date <= ? ORDER BY batch_id");
  const std::string d = date_text(through);
  st.bind(1, d);
  std::vector<SepaBatchRecord> out;
  while (st.step()) out.push_back(read_batch(st));
  return out;
}

void SqliteStore::mark_batch_settled(int64_t batch_id) {
  Statement st(db_, "UPDATE sepa_batches SET settled = 1 WHERE batch_id = ?");
  st.bind(1, batch_id);
  st.run();
}

void SqliteStore::for_each_debit_of_batch(int64_t batch_id,
                                          const std::function<void(const SepaDebitRecord&)>& visit) {
  Statement st(db_,
               "SELECT end_to_end_id, contract_id, year, period, amount_cents, sequence, status "
               "FROM sepa_debits WHERE batch_id = ? ORDER BY end_to_end_id");
  st.bind(1, batch_id);
  SepaDebitRecord d;
  d.batch_id = batch_id;
  while (st.step()) {
    d.end_to_end_id.assign(st.column_text(0));
    d.contract_id.assign(st.column_text(1));
    d.year = static_cast<int>(st.column_int(2));
    d.period = static_cast<int>(st.column_int(3));
    d.amount = Money::from_cents(st.column_int(4));
    d.sequence.assign(st.column_text(5));
    d.status.assign(st.column_text(6));
    visit(d);
  }
}

void SqliteStore::insert_sepa_debits(const std::vector<SepaDebitRecord>& debits) {
  Statement st(db_,
               "INSERT INTO sepa_debits (end_to_end_id, batch_id, contract_id, year, period, "
               "amount_cents, rum, sequence, status, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const SepaDebitRecord& d : debits) {
    st.bind(1, d.end_to_end_id).bind(2, d.batch_id).bind(3, d.contract_id).bind(4, d.year);
    st.bind(5, d.period).bind(6, d.amount.cents()).bind(7, d.rum).bind(8, d.sequence);
    st.bind(9, d.status).bind_or_null(10, d.reason);
    st.run();
  }
}

std::vector<SepaDebitRecord> SqliteStore::sepa_debits(int64_t batch_id) {
  Statement st(db_, std::string(kDebitSelect) + " WHERE d.batch_id = ? ORDER BY d.end_to_end_id");
  st.bind(1, batch_id);
  std::vector<SepaDebitRecord> out;
  while (st.step()) out.push_back(read_debit(st));
  return out;
}

std::optional<SepaDebitRecord> SqliteStore::find_sepa_debit(const std::string& end_to_end_id) {
  auto st = prepared(kDebitByE2e);
  st.bind(1, end_to_end_id);
  if (!st.step()) return std::nullopt;
  return read_debit(st);
}

void SqliteStore::mark_debit_rejected(const std::string& end_to_end_id, const std::string& reason) {
  Statement st(db_, "UPDATE sepa_debits SET status = 'rejected', reason = ? WHERE end_to_end_id = ?");
  st.bind(1, reason).bind(2, end_to_end_id);
  st.run();
}

void SqliteStore::save_case(DunningCase& c) {
  const std::string notice = date_text(c.notice), oldest = date_text(c.oldest_due);
  sql::DateTexts texts;
  if (c.id == 0) {
    auto st = prepared(
        "INSERT INTO dunning_cases (contract_id, notice, oldest_due, arrears_cents, "
        "suspended, terminated, reinstated) VALUES (?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, c.contract_id).bind(2, notice).bind(3, oldest).bind(4, c.arrears.cents());
    sql::bind_date_or_null(st, 5, c.suspended, texts.a);
    sql::bind_date_or_null(st, 6, c.terminated, texts.b);
    sql::bind_date_or_null(st, 7, c.reinstated, texts.c);
    st.run();
    c.id = db_.last_insert_id();
    return;
  }
  auto st = prepared(
      "UPDATE dunning_cases SET suspended = ?, terminated = ?, reinstated = ? WHERE case_id = ?");
  sql::bind_date_or_null(st, 1, c.suspended, texts.a);
  sql::bind_date_or_null(st, 2, c.terminated, texts.b);
  sql::bind_date_or_null(st, 3, c.reinstated, texts.c);
  st.bind(4, c.id);
  st.run();
}

std::optional<DunningCase> SqliteStore::latest_case(const std::string& contract_id) {
  auto st = prepared(kLatestCase);
  st.bind(1, contract_id);
  if (!st.step()) return std::nullopt;
  return read_case(st);
}

std::vector<DunningCase> SqliteStore::cases(const std::string& contract_id) {
  Statement st(db_, std::string(kCaseSelect) + " WHERE contract_id = ? ORDER BY case_id");
  st.bind(1, contract_id);
  std::vector<DunningCase> out;
  while (st.step()) out.push_back(read_case(st));
  return out;
}

std::vector<std::string> SqliteStore::contracts_with_open_case(const std::string& after,
                                                               const std::string& last) {
  auto st = prepared(
      "SELECT DISTINCT contract_id FROM dunning_cases WHERE contract_id > ? AND contract_id <= ? "
      "AND terminated IS NULL AND reinstated IS NULL ORDER BY contract_id");
  st.bind(1, after).bind(2, last);
  std::vector<std::string> out;
  while (st.step()) out.emplace_back(st.column_text(0));
  return out;
}

int64_t SqliteStore::insert_waiver(const Waiver& w) {
  Statement st(db_,
               "INSERT INTO dunning_waivers (contract_id, from_date, to_date, reason, granted) "
               "VALUES (?, ?, ?, ?, ?)");
  const std::string from = date_text(w.from), to = date_text(w.to), granted = date_text(w.granted);
  st.bind(1, w.contract_id).bind(2, from).bind(3, to).bind(4, w.reason).bind(5, granted);
  st.run();
  return db_.last_insert_id();
}

std::vector<Waiver> SqliteStore::waivers(const std::string& contract_id) {
  auto st = prepared(
      "SELECT waiver_id, contract_id, from_date, to_date, reason, granted "
      "FROM dunning_waivers WHERE contract_id = ? ORDER BY from_date, waiver_id");
  st.bind(1, contract_id);
  std::vector<Waiver> out;
  while (st.step()) {
    Waiver w;
    w.id = st.column_int(0);
    w.contract_id = std::string(st.column_text(1));
    w.from = column_date(st, 2);
    w.to = column_date(st, 3);
    w.reason = std::string(st.column_text(4));
    w.granted = column_date(st, 5);
    out.push_back(w);
  }
  return out;
}

void SqliteStore::set_collection(const std::string& contract_id, CollectionStatus status, Date since,
                                 std::optional<Date> suspended_from) {
  if (status == CollectionStatus::kUpToDate) {
    auto st = prepared("DELETE FROM contract_collection WHERE contract_id = ?");
    st.bind(1, contract_id);
    st.run();
    return;
  }
  auto st = prepared(
               "INSERT INTO contract_collection (contract_id, status, since, suspended_from) "
               "VALUES (?, ?, ?, ?) ON CONFLICT (contract_id) DO UPDATE SET "
               "status = excluded.status, since = excluded.since, "
               "suspended_from = excluded.suspended_from");
  const std::string s = date_text(since);
  sql::DateTexts texts;
  st.bind(1, contract_id).bind(2, to_string(status)).bind(3, s);
  sql::bind_date_or_null(st, 4, suspended_from, texts.a);
  st.run();
}

}  // namespace mutua

// SqliteStore: personal data (migration 9): requests of data subjects (GDPR-01), opposition flags
// (GDPR-04), rectifications of persons (GDPR-01), and the setters and register of anonymisation
// (GDPR-03). Which values are blanked is app/'s decision (privacy/retention.hpp); these statements
// only write what they are given. See store.hpp.

#include "storage/sqlite_store.hpp"
#include "storage/sqlite_util.hpp"

namespace mutua {

namespace {

using sql::column_date;
using sql::column_optional_date;
using sql::DateTexts;
using sql::Statement;


void bind_id_or_null(Statement& st, int index, const std::optional<int64_t>& id) {
  if (id) {
    st.bind(index, *id);
  } else {
    st.bind_null(index);
  }
}

std::optional<int64_t> column_optional_id(const Statement& st, int column) {
  if (st.is_null(column)) return std::nullopt;
  return st.column_int(column);
}

constexpr const char* kRequestSelect =
    "SELECT request_id, kind, beneficiary_id, contract_id, received, deadline, status, closed, "
    "reason, rule, details FROM privacy_requests";

PrivacyRequest read_request(const Statement& st) {
  PrivacyRequest r;
  r.id = st.column_int(0);
  auto kind = parse_request_kind(st.column_text(1));
  if (!kind) throw StoreError("corrupted database: unknown request kind");
  r.kind = *kind;
  r.beneficiary_id = std::string(st.column_text(2));
  r.contract_id = std::string(st.column_text(3));
  r.received = column_date(st, 4);
  r.deadline = column_date(st, 5);
  auto status = parse_request_status(st.column_text(6));
  if (!status) throw StoreError("corrupted database: unknown request status");
  r.status = *status;
  r.closed = column_optional_date(st, 7);
  r.reason = std::string(st.column_text(8));
  r.rule = std::string(st.column_text(9));
  r.details = std::string(st.column_text(10));
  return r;
}

constexpr const char* kOppositionSelect =
    "SELECT opposition_id, beneficiary_id, surveys, extra_offers, effective, request_id "
    "FROM privacy_oppositions";

OppositionRecord read_opposition(const Statement& st) {
  OppositionRecord o;
  o.id = st.column_int(0);
  o.beneficiary_id = std::string(st.column_text(1));
  o.flags.surveys = st.column_int(2) != 0;
  o.flags.extra_offers = st.column_int(3) != 0;
  o.effective = column_date(st, 4);
  o.request_id = column_optional_id(st, 5);
  return o;
}

ErasureRecord read_erasure(const Statement& st) {
  ErasureRecord e;
  e.contract_id = std::string(st.column_text(0));
  e.ended = column_date(st, 1);
  e.erased = column_date(st, 2);
  e.request_id = column_optional_id(st, 3);
  return e;
}
constexpr const char* kErasureSelect =
    "SELECT contract_id, ended, erased, request_id FROM privacy_erasures";

}  // namespace

int64_t SqliteStore::insert_privacy_request(const PrivacyRequest& r) {
  Statement st(db_,
               "INSERT INTO privacy_requests (kind, beneficiary_id, contract_id, received, "
               "deadline, status, closed, reason, rule, details) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  DateTexts t;
  st.bind(1, to_string(r.kind)).bind(2, r.beneficiary_id).bind(3, r.contract_id);
  st.bind(4, format_date_to(r.received, t.a)).bind(5, format_date_to(r.deadline, t.b));
  st.bind(6, to_string(r.status));
  sql::bind_date_or_null(st, 7, r.closed, t.c);
  st.bind_or_null(8, r.reason).bind_or_null(9, r.rule).bind_or_null(10, r.details);
  st.run();
  return db_.last_insert_id();
}

void SqliteStore::update_privacy_request(const PrivacyRequest& r) {
  Statement st(db_,
               "UPDATE privacy_requests SET status = ?2, closed = ?3, reason = ?4, "
               "rule = ?5 WHERE request_id = ?1");
  char buf[10];
  st.bind(1, r.id).bind(2, to_string(r.status));
  sql::bind_date_or_null(st, 3, r.closed, buf);
  st.bind_or_null(4, r.reason).bind_or_null(5, r.rule);
  st.run();
}

std::optional<PrivacyRequest> SqliteStore::find_privacy_request(int64_t id) {
  Statement st(db_, std::string(kRequestSelect) + " WHERE request_id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_request(st);
}

std::vector<PrivacyRequest> SqliteStore::privacy_requests(const std::string& beneficiary_id,
                                                          bool open_only) {
  std::string sql = kRequestSelect;
  if (!beneficiary_id.empty() && open_only) {
    sql += " WHERE beneficiary_id = ?1 AND status = 'open'";
  } else if (!beneficiary_id.empty()) {
    sql += " WHERE beneficiary_id = ?1";
  } else if (open_only) {
    sql += " WHERE status = 'open'";
  }
  sql += " ORDER BY request_id";
  Statement st(db_, sql);
  if (!beneficiary_id.empty()) st.bind(1, beneficiary_id);
  std::vector<PrivacyRequest> out;
  while (st.step()) out.push_back(read_request(st));
  return out;
}

int64_t SqliteStore::insert_opposition(const OppositionRecord& o) {
  Statement st(db_,
               "INSERT INTO privacy_oppositions (beneficiary_id, surveys, extra_offers, "
               "effective, request_id) VALUES (?, ?, ?, ?, ?)");
  char buf[10];
  st.bind(1, o.beneficiary_id).bind(2, o.flags.surveys ? 1 : 0);
  st.bind(3, o.flags.extra_offers ? 1 : 0).bind(4, format_date_to(o.effective, buf));
  bind_id_or_null(st, 5, o.request_id);
  st.run();
  return db_.last_insert_id();
}

std::vector<OppositionRecord> SqliteStore::oppositions(const std::string& beneficiary_id) {
  Statement st(db_,
               std::string(kOppositionSelect) + " WHERE beneficiary_id = ? ORDER BY opposition_id");
  st.bind(1, beneficiary_id);
  std::vector<OppositionRecord> out;
  while (st.step()) out.push_back(read_opposition(st));
  return out;
}

void SqliteStore::for_each_current_opposition(
    const std::function<void(const OppositionRecord&)>& visit) {
  // The latest change of each person: the greatest id of the beneficiary (index order).
  Statement st(db_, std::string(kOppositionSelect) +
                        " o WHERE opposition_id = (SELECT max(opposition_id) FROM "
                        "privacy_oppositions p WHERE p.beneficiary_id = o.beneficiary_id) "
                        "ORDER BY beneficiary_id");
  while (st.step()) visit(read_opposition(st));
}

void SqliteStore::update_beneficiary_identity(const Beneficiary& p) {
  Statement st(db_,
               "UPDATE beneficiaries SET last_name = ?2, first_name = ?3, birth_date = ?4, "
               "nir = ?5 WHERE beneficiary_id = ?1");
  char buf[10];
  st.bind(1, p.id).bind(2, p.last_name).bind(3, p.first_name);
  st.bind(4, format_date_to(p.birth_date, buf)).bind_or_null(5, p.nir);
  st.run();
}

int64_t SqliteStore::insert_person_change(const PersonChange& c) {
  Statement st(db_,
               "INSERT INTO person_changes (beneficiary_id, contract_id, field, old_value, "
               "new_value, effective, recorded, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  DateTexts t;
  st.bind(1, c.beneficiary_id).bind(2, c.contract_id).bind(3, c.field);
  st.bind_or_null(4, c.old_value).bind_or_null(5, c.new_value);
  st.bind(6, format_date_to(c.effective, t.a)).bind(7, format_date_to(c.recorded, t.b));
  bind_id_or_null(st, 8, c.request_id);
  st.run();
  return db_.last_insert_id();
}

std::vector<PersonChange> SqliteStore::person_changes(const std::string& contract_id) {
  Statement st(db_,
               "SELECT change_id, beneficiary_id, contract_id, field, old_value, new_value, "
               "effective, recorded, request_id FROM person_changes WHERE contract_id = ? "
               "ORDER BY change_id");
  st.bind(1, contract_id);
  std::vector<PersonChange> out;
  while (st.step()) {
    PersonChange c;
    c.id = st.column_int(0);
    c.beneficiary_id = std::string(st.column_text(1));
    c.contract_id = std::string(st.column_text(2));
    c.field = std::string(st.column_text(3));
    c.old_value = std::string(st.column_text(4));
    c.new_value = std::string(st.column_text(5));
    c.effective = column_date(st, 6);
    c.recorded = column_date(st, 7);
    c.request_id = column_optional_id(st, 8);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<Mandate> SqliteStore::mandates(const std::string& contract_id) {
  Statement st(db_,
               "SELECT rum, contract_id, iban, bic, signed_on, kind, used, revoked, "
               "registered_batch FROM mandates WHERE contract_id = ? "
               "ORDER BY signed_on, rum");
  st.bind(1, contract_id);
  std::vector<Mandate> out;
  while (st.step()) {
    Mandate m;
    m.rum = std::string(st.column_text(0));
    m.contract_id = std::string(st.column_text(1));
    m.iban = std::string(st.column_text(2));
    m.bic = std::string(st.column_text(3));
    m.signed_on = column_date(st, 4);
    m.kind = st.column_text(5) == "one_off" ? MandateKind::kOneOff : MandateKind::kRecurrent;
    m.used = st.column_int(6) != 0;
    m.revoked = st.column_int(7) != 0;
    m.registered_batch = st.column_int(8);
    out.push_back(std::move(m));
  }
  return out;
}

void SqliteStore::set_contract_change_values(int64_t change_id, const std::string& old_value,
                                             const std::string& new_value) {
  Statement st(db_,
               "UPDATE contract_changes SET old_value = ?2, new_value = ?3 "
               "WHERE change_id = ?1");
  st.bind(1, change_id).bind_or_null(2, old_value).bind_or_null(3, new_value);
  st.run();
}

void SqliteStore::set_person_change_values(int64_t change_id, const std::string& old_value,
                                           const std::string& new_value) {
  Statement st(db_,
               "UPDATE person_changes SET old_value = ?2, new_value = ?3 "
               "WHERE change_id = ?1");
  st.bind(1, change_id).bind_or_null(2, old_value).bind_or_null(3, new_value);
  st.run();
}

void SqliteStore::set_mandate_account(const std::string& rum, const std::string& iban,
                                      const std::string& bic) {
  // iban is NOT NULL (a mandate always had one): an erased IBAN is stored empty.
  Statement st(db_, "UPDATE mandates SET iban = ?2, bic = ?3 WHERE rum = ?1");
  st.bind(1, rum).bind(2, iban).bind_or_null(3, bic);
  st.run();
}

void SqliteStore::set_proof_reference(int64_t proof_id, const std::string& reference) {
  Statement st(db_, "UPDATE proofs SET reference = ?2 WHERE proof_id = ?1");
  st.bind(1, proof_id).bind(2, reference);
  st.run();
}

void SqliteStore::set_suspension_proofs(const std::string& contract_id, Date from,
                                        const std::string& proofs) {
  Statement st(db_, "UPDATE suspensions SET proofs = ?3 WHERE contract_id = ?1 AND from_date = ?2");
  char buf[10];
  st.bind(1, contract_id).bind(2, format_date_to(from, buf)).bind_or_null(3, proofs);
  st.run();
}

void SqliteStore::insert_erasure(const ErasureRecord& e) {
  Statement st(db_,
               "INSERT INTO privacy_erasures (contract_id, ended, erased, request_id) "
               "VALUES (?, ?, ?, ?)");
  DateTexts t;
  st.bind(1, e.contract_id).bind(2, format_date_to(e.ended, t.a));
  st.bind(3, format_date_to(e.erased, t.b));
  bind_id_or_null(st, 4, e.request_id);
  st.run();
}

std::optional<ErasureRecord> SqliteStore::find_erasure(const std::string& contract_id) {
  Statement st(db_, std::string(kErasureSelect) + " WHERE contract_id = ?");
  st.bind(1, contract_id);
  if (!st.step()) return std::nullopt;
  return read_erasure(st);
}

void SqliteStore::for_each_erasure(const std::function<void(const ErasureRecord&)>& visit) {
  Statement st(db_, std::string(kErasureSelect) + " ORDER BY contract_id");
  while (st.step()) visit(read_erasure(st));
}

std::vector<ErasureRecord> SqliteStore::erasures_between(const std::string& first,
                                                         const std::string& last) {
  Statement st(db_, std::string(kErasureSelect) +
                        " WHERE contract_id >= ? AND contract_id <= ? ORDER BY contract_id");
  st.bind(1, first).bind(2, last);
  std::vector<ErasureRecord> out;
  while (st.step()) out.push_back(read_erasure(st));
  return out;
}

}  // namespace mutua

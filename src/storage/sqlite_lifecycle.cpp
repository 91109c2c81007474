// SqliteStore: the membership lifecycle tables (migration 4): enrolments, proofs, product
// changes, terminations, the history of changes and the register of documents. See store.hpp.

#include "storage/sqlite_store.hpp"
#include "storage/sqlite_util.hpp"

namespace mutua {

namespace {

using sql::DateTexts;
using sql::Statement;
using sql::column_date;
using sql::column_optional_date;


Proof read_proof(const Statement& st) {
  Proof p;
  p.id = st.column_int(0);
  p.beneficiary_id = std::string(st.column_text(1));
  auto type = parse_proof_type(st.column_text(2));
  if (!type) throw StoreError("corrupted database: unknown proof type");
  p.type = *type;
  p.valid_from = column_date(st, 3);
  p.valid_to = column_date(st, 4);
  p.reference = std::string(st.column_text(5));
  p.received = column_date(st, 6);
  return p;
}
constexpr const char* kProofSelect =
    "SELECT proof_id, beneficiary_id, type, valid_from, valid_to, reference, received FROM proofs";

ProductChange read_change(const Statement& st) {
  ProductChange c;
  c.contract_id = std::string(st.column_text(0));
  c.effective = column_date(st, 1);
  c.product = std::string(st.column_text(2));
  c.previous = std::string(st.column_text(3));
  c.signed_on = column_date(st, 4);
  c.reference = std::string(st.column_text(5));
  return c;
}
constexpr const char* kChangeSelect =
    "SELECT contract_id, effective, product, previous, signed_on, reference FROM product_changes";

Termination read_termination(const Statement& st) {
  Termination t;
  t.contract_id = std::string(st.column_text(0));
  t.kind = std::string(st.column_text(1));
  t.rule = std::string(st.column_text(2));
  t.received = column_date(st, 3);
  t.event_date = column_optional_date(st, 4);
  t.event = std::string(st.column_text(5));
  t.effective = column_date(st, 6);
  if (!st.is_null(7)) t.refund_cents = st.column_int(7);
  t.confirmed = column_optional_date(st, 8);
  t.sent = column_optional_date(st, 9);
  t.new_insurer = std::string(st.column_text(10));
  return t;
}
constexpr const char* kTerminationSelect =
    "SELECT contract_id, kind, rule, received, event_date, event, effective, refund_cents, "
    "confirmed, sent, new_insurer FROM terminations";

CallSending read_call_sending(const Statement& st) {
  CallSending c;
  c.contract_id = std::string(st.column_text(0));
  c.year = static_cast<int>(st.column_int(1));
  c.sent = column_date(st, 2);
  auto channel = parse_send_channel(st.column_text(3));
  if (!channel) throw StoreError("call_sendings: unknown channel");
  c.channel = *channel;
  c.last_day = column_optional_date(st, 4);
  c.recorded = column_date(st, 5);
  return c;
}

EnrolmentRecord read_enrolment(const Statement& st) {
  EnrolmentRecord e;
  e.contract_id = std::string(st.column_text(0));
  e.status = std::string(st.column_text(1));
  e.signed_on = column_date(st, 2);
  e.document = std::string(st.column_text(3));
  return e;
}
constexpr const char* kEnrolmentSelect =
    "SELECT contract_id, status, signed_on, document FROM enrolments";

}  // namespace

std::optional<CollectionState> SqliteStore::collection_status(const std::string& contract_id) {
  Statement st(db_, "SELECT status, since, suspended_from FROM contract_collection "
                    "WHERE contract_id = ?");
  st.bind(1, contract_id);
  if (!st.step()) return std::nullopt;
  auto status = parse_collection_status(st.column_text(0));
  if (!status) throw StoreError("contract_collection: unknown status");
  return CollectionState{*status, column_date(st, 1), column_optional_date(st, 2)};
}

void SqliteStore::update_contract(const Contract& c) {
  Statement st(db_,
               "UPDATE contracts SET product = ?2, payment_frequency = ?3, status = ?4, "
               "civil_service_entry = ?5, prior_coefficient_bp = ?6, last_coverage_end = ?7, "
               "express_start = ?8, iban = ?9, email = ?10, commune = ?11, link = ?12, "
               "employer = ?13, address = ?14 WHERE contract_id = ?1");
  DateTexts t;
  st.bind(1, c.id).bind(2, c.product).bind(3, to_string(c.payment_frequency));
  st.bind(4, to_string(c.status));
  sql::bind_date_or_null(st, 5, c.civil_service_entry, t.a);
  st.bind(6, c.prior_coefficient_bp);
  sql::bind_date_or_null(st, 7, c.last_coverage_end, t.b);
  st.bind(8, c.express_start ? 1 : 0).bind_or_null(9, c.iban).bind_or_null(10, c.email);
  st.bind_or_null(11, c.commune);
  st.bind_or_null(12, c.link ? to_string(*c.link) : std::string_view());
  st.bind_or_null(13, c.employer).bind_or_null(14, c.address);
  st.run();
}

void SqliteStore::insert_beneficiary(const std::string& contract_id, const Beneficiary& b) {
  Statement st(db_,
               "INSERT INTO beneficiaries (contract_id, position, beneficiary_id, role, last_name, "
               "first_name, birth_date, start_date, end_date, nir, relation, condition, "
               "end_reason) SELECT ?1, coalesce(max(position), -1) + 1, ?2, ?3, ?4, ?5, ?6, ?7, "
               "?8, ?9, ?10, ?11, ?12 FROM beneficiaries WHERE contract_id = ?1");
  DateTexts t;
  st.bind(1, contract_id).bind(2, b.id).bind(3, to_string(b.role)).bind(4, b.last_name);
  st.bind(5, b.first_name).bind(6, format_date_to(b.birth_date, t.a));
  st.bind(7, format_date_to(b.start_date, t.b));
  sql::bind_date_or_null(st, 8, b.end_date, t.c);
  st.bind_or_null(9, b.nir);
  st.bind_or_null(10, b.relation ? to_string(*b.relation) : std::string_view());
  st.bind_or_null(11, b.condition ? to_string(*b.condition) : std::string_view());
  st.bind_or_null(12, b.end_reason);
  st.run();
}

void SqliteStore::update_beneficiary_end(const std::string& beneficiary_id,
                                         std::optional<Date> end, const std::string& reason) {
  Statement st(db_, "UPDATE beneficiaries SET end_date = ?2, end_reason = ?3 "
                    "WHERE beneficiary_id = ?1");
  char buf[10];
  st.bind(1, beneficiary_id);
  sql::bind_date_or_null(st, 2, end, buf);
  st.bind_or_null(3, end ? std::string_view(reason) : std::string_view());
  st.run();
}

std::optional<std::string> SqliteStore::contract_of_beneficiary(const std::string& id) {
  Statement st(db_, "SELECT contract_id FROM beneficiaries WHERE beneficiary_id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return std::string(st.column_text(0));
}

int64_t SqliteStore::insert_proof(const Proof& p) {
  Statement st(db_, "INSERT INTO proofs (beneficiary_id, type, valid_from, valid_to, reference, "
                    "received) VALUES (?, ?, ?, ?, ?, ?)");
  DateTexts t;
  st.bind(1, p.beneficiary_id).bind(2, to_string(p.type));
  st.bind(3, format_date_to(p.valid_from, t.a)).bind(4, format_date_to(p.valid_to, t.b));
  st.bind(5, p.reference).bind(6, format_date_to(p.received, t.c));
  st.run();
  return db_.last_insert_id();
}

std::vector<Proof> SqliteStore::proofs(const std::string& beneficiary_id) {
  Statement st(db_, std::string(kProofSelect) + " WHERE beneficiary_id = ? ORDER BY proof_id");
  st.bind(1, beneficiary_id);
  std::vector<Proof> out;
  while (st.step()) out.push_back(read_proof(st));
  return out;
}

void SqliteStore::for_each_proof(const std::function<void(const Proof&)>& visit) {
  Statement st(db_, std::string(kProofSelect) + " ORDER BY beneficiary_id, proof_id");
  while (st.step()) visit(read_proof(st));
}

void SqliteStore::insert_product_change(const ProductChange& c) {
  Statement st(db_, "INSERT INTO product_changes (contract_id, effective, product, previous, "
                    "signed_on, reference) VALUES (?, ?, ?, ?, ?, ?)");
  DateTexts t;
  st.bind(1, c.contract_id).bind(2, format_date_to(c.effective, t.a)).bind(3, c.product);
  st.bind(4, c.previous).bind(5, format_date_to(c.signed_on, t.b)).bind(6, c.reference);
  st.run();
}

std::vector<ProductChange> SqliteStore::product_changes(const std::string& contract_id) {
  Statement st(db_, std::string(kChangeSelect) + " WHERE contract_id = ? ORDER BY effective");
  st.bind(1, contract_id);
  std::vector<ProductChange> out;
  while (st.step()) out.push_back(read_change(st));
  return out;
}

void SqliteStore::for_each_product_change(
    const std::function<void(const ProductChange&)>& visit) {
  Statement st(db_, std::string(kChangeSelect) + " ORDER BY contract_id, effective");
  while (st.step()) visit(read_change(st));
}

std::vector<ProductChange> SqliteStore::product_changes_between(const std::string& first,
                                                                const std::string& last) {
  Statement st(db_, std::string(kChangeSelect) +
                        " WHERE contract_id >= ? AND contract_id <= ? ORDER BY contract_id, effective");
  st.bind(1, first).bind(2, last);
  std::vector<ProductChange> out;
  while (st.step()) out.push_back(read_change(st));
  return out;
}

void SqliteStore::save_termination(const Termination& t) {
  Statement st(db_,
               "INSERT INTO terminations (contract_id, kind, rule, received, "
               "event_date, event, effective, refund_cents, confirmed, sent, new_insurer) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (contract_id) DO UPDATE SET "
               "kind = excluded.kind, rule = excluded.rule, received = excluded.received, "
               "event_date = excluded.event_date, event = excluded.event, "
               "effective = excluded.effective, refund_cents = excluded.refund_cents, "
               "confirmed = excluded.confirmed, sent = excluded.sent, "
               "new_insurer = excluded.new_insurer");
  DateTexts x;
  st.bind(1, t.contract_id).bind(2, t.kind).bind(3, t.rule);
  st.bind(4, format_date_to(t.received, x.a));
  sql::bind_date_or_null(st, 5, t.event_date, x.b);
  st.bind_or_null(6, t.event).bind(7, format_date_to(t.effective, x.c));
  if (t.refund_cents) {
    st.bind(8, *t.refund_cents);
  } else {
    st.bind_null(8);
  }
  sql::bind_date_or_null(st, 9, t.confirmed, x.d);
  char sent[10];
  sql::bind_date_or_null(st, 10, t.sent, sent);
  st.bind_or_null(11, t.new_insurer);
  st.run();
}

void SqliteStore::save_call_sendings(const std::vector<CallSending>& calls) {
  Statement st(db_, "INSERT INTO call_sendings (contract_id, year, sent, channel, last_day, "
                    "recorded) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (contract_id, year) DO UPDATE "
                    "SET sent = excluded.sent, channel = excluded.channel, "
                    "last_day = excluded.last_day, recorded = excluded.recorded");
  for (const CallSending& c : calls) {
    DateTexts x;
    st.reset();
    st.bind(1, c.contract_id).bind(2, c.year).bind(3, format_date_to(c.sent, x.a));
    st.bind(4, to_string(c.channel));
    sql::bind_date_or_null(st, 5, c.last_day, x.b);
    st.bind(6, format_date_to(c.recorded, x.c));
    st.run();
  }
}

std::vector<CallSending> SqliteStore::call_sendings(const std::string& contract_id) {
  Statement st(db_, "SELECT contract_id, year, sent, channel, last_day, recorded "
                    "FROM call_sendings WHERE contract_id = ? ORDER BY year");
  st.bind(1, contract_id);
  std::vector<CallSending> out;
  while (st.step()) out.push_back(read_call_sending(st));
  return out;
}

std::optional<Termination> SqliteStore::find_termination(const std::string& contract_id) {
  Statement st(db_, std::string(kTerminationSelect) + " WHERE contract_id = ?");
  st.bind(1, contract_id);
  if (!st.step()) return std::nullopt;
  return read_termination(st);
}

void SqliteStore::for_each_termination(const std::function<void(const Termination&)>& visit) {
  Statement st(db_, std::string(kTerminationSelect) + " ORDER BY contract_id");
  while (st.step()) visit(read_termination(st));
}

std::vector<Termination> SqliteStore::terminations_between(const std::string& first,
                                                           const std::string& last) {
  Statement st(db_, std::string(kTerminationSelect) +
                        " WHERE contract_id >= ? AND contract_id <= ? ORDER BY contract_id");
  st.bind(1, first).bind(2, last);
  std::vector<Termination> out;
  while (st.step()) out.push_back(read_termination(st));
  return out;
}

void SqliteStore::insert_contract_change(const ContractChange& c) {
  Statement st(db_, "INSERT INTO contract_changes (contract_id, field, old_value, new_value, "
                    "effective, recorded) VALUES (?, ?, ?, ?, ?, ?)");
  DateTexts t;
  st.bind(1, c.contract_id).bind(2, c.field).bind_or_null(3, c.old_value);
  st.bind_or_null(4, c.new_value).bind(5, format_date_to(c.effective, t.a));
  st.bind(6, format_date_to(c.recorded, t.b));
  st.run();
}

std::vector<ContractChange> SqliteStore::contract_changes(const std::string& contract_id) {
  Statement st(db_, "SELECT change_id, contract_id, field, old_value, new_value, effective, "
                    "recorded FROM contract_changes WHERE contract_id = ? ORDER BY change_id");
  st.bind(1, contract_id);
  std::vector<ContractChange> out;
  while (st.step()) {
    ContractChange c;
    c.id = st.column_int(0);
    c.contract_id = std::string(st.column_text(1));
    c.field = std::string(st.column_text(2));
    c.old_value = std::string(st.column_text(3));
    c.new_value = std::string(st.column_text(4));
    c.effective = column_date(st, 5);
    c.recorded = column_date(st, 6);
    out.push_back(std::move(c));
  }
  return out;
}

void SqliteStore::save_enrolment(const EnrolmentRecord& e) {
  Statement st(db_, "INSERT INTO enrolments (contract_id, status, signed_on, document) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (contract_id) DO UPDATE SET "
                    "status = excluded.status, signed_on = excluded.signed_on, "
                    "document = excluded.document");
  char buf[10];
  st.bind(1, e.contract_id).bind(2, e.status).bind(3, format_date_to(e.signed_on, buf));
  st.bind(4, e.document);
  st.run();
  // A person stays registered with the file it first came in; saving again adds nothing.
  Statement person(db_, "INSERT INTO enrolment_persons (beneficiary_id, contract_id) "
                        "VALUES (?, ?) ON CONFLICT DO NOTHING");
  for (const std::string& id : e.beneficiary_ids) {
    person.bind(1, id).bind(2, e.contract_id);
    person.run();
  }
}

std::optional<EnrolmentRecord> SqliteStore::find_enrolment(const std::string& contract_id) {
  Statement st(db_, std::string(kEnrolmentSelect) + " WHERE contract_id = ?");
  st.bind(1, contract_id);
  if (!st.step()) return std::nullopt;
  return read_enrolment(st);
}

std::optional<std::string> SqliteStore::enrolment_of_beneficiary(const std::string& id) {
  Statement st(db_, "SELECT contract_id FROM enrolment_persons WHERE beneficiary_id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return std::string(st.column_text(0));
}

void SqliteStore::for_each_enrolment(const std::function<void(const EnrolmentRecord&)>& visit) {
  Statement st(db_, std::string(kEnrolmentSelect) + " ORDER BY contract_id");
  while (st.step()) visit(read_enrolment(st));
}

int64_t SqliteStore::insert_document(const DocumentRecord& d) {
  auto st = prepared("INSERT INTO documents (contract_id, kind, issued, file) VALUES (?, ?, ?, ?)");
  char buf[10];
  st.bind(1, d.contract_id).bind(2, d.kind).bind(3, format_date_to(d.issued, buf)).bind(4, d.file);
  st.run();
  return db_.last_insert_id();
}

std::vector<DocumentRecord> SqliteStore::documents(const std::string& contract_id) {
  Statement st(db_, "SELECT document_id, contract_id, kind, issued, file FROM documents "
                    "WHERE contract_id = ? ORDER BY document_id");
  st.bind(1, contract_id);
  std::vector<DocumentRecord> out;
  while (st.step()) {
    DocumentRecord d;
    d.id = st.column_int(0);
    d.contract_id = std::string(st.column_text(1));
    d.kind = std::string(st.column_text(2));
    d.issued = column_date(st, 3);
    d.file = std::string(st.column_text(4));
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace mutua

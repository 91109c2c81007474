// SqliteStore: the regional scheme's tables (migrations 6 and 7): CSS checks (PAR-08), communes
// and partner mutuelles, conventions with their notices, breaches and amendments (PAR-01..04),
// events and materials (PAR-05), regional subscriptions (ELIG-10, PAR-09) and the contracts of
// a commune (PAR-10). See store.hpp.

#include <unordered_map>

#include "storage/sqlite_contract_rows.hpp"
#include "storage/sqlite_store.hpp"
#include "storage/sqlite_util.hpp"

namespace mutua {

namespace {

using sql::bind_date_or_null;
using sql::column_date;
using sql::column_optional_date;
using sql::corrupted;
using sql::DateTexts;
using sql::Statement;


void bind_optional_int(Statement& st, int index, const std::optional<int>& value) {
  if (value) {
    st.bind(index, *value);
  } else {
    st.bind_null(index);
  }
}

std::optional<int> column_optional_int(const Statement& st, int column) {
  if (st.is_null(column)) return std::nullopt;
  return static_cast<int>(st.column_int(column));
}

// --- CSS checks -------------------------------------------------------------------------------

constexpr const char* kCssSelect =
    "SELECT check_id, reference, check_date, recorded, persons, alternating_custody, "
    "resources_cents, result, ceiling_cents, participation_cents, table_validity, regime, "
    "commune FROM css_checks ";

CssCheckRecord read_css_check(const Statement& st) {
  CssCheckRecord c;
  c.id = st.column_int(0);
  c.reference = std::string(st.column_text(1));
  c.check_date = column_date(st, 2);
  c.recorded = column_date(st, 3);
  c.persons = static_cast<int>(st.column_int(4));
  c.alternating_custody = static_cast<int>(st.column_int(5));
  c.resources = Money::from_cents(st.column_int(6));
  c.result = std::string(st.column_text(7));
  c.ceiling = Money::from_cents(st.column_int(8));
  c.monthly_participation = Money::from_cents(st.column_int(9));
  c.table = std::string(st.column_text(10));
  c.regime = std::string(st.column_text(11));
  c.commune = std::string(st.column_text(12));  // NULL (checks before migration 7) → empty
  return c;
}

std::vector<CssCheckRecord> read_css_checks(Statement& st) {
  std::vector<CssCheckRecord> out;
  while (st.step()) out.push_back(read_css_check(st));
  return out;
}

// --- Conventions ------------------------------------------------------------------------------

constexpr const char* kConventionSelect =
    "SELECT v.convention_id, v.commune, v.mutuelle, v.scheme, v.place, v.signed_on, v.effect, "
    "v.max_renewals, v.notice_months, v.remedy_days, v.termination_notice_months, v.alert_days, "
    "v.commune_signatory, v.mutuelle_signatory, v.commune_dpo, v.mutuelle_dpo, "
    "v.commune_contact, v.mutuelle_contact, v.recorded, v.contacts_erased FROM conventions v";

Convention read_convention(const Statement& st) {
  Convention c;
  c.id = std::string(st.column_text(0));
  c.commune = std::string(st.column_text(1));
  c.mutuelle = std::string(st.column_text(2));
  c.scheme = std::string(st.column_text(3));
  c.place = std::string(st.column_text(4));
  c.terms.signed_on = column_date(st, 5);
  c.terms.effect = column_date(st, 6);
  c.terms.max_renewals = static_cast<int>(st.column_int(7));
  c.terms.notice_months = static_cast<int>(st.column_int(8));
  c.terms.remedy_days = static_cast<int>(st.column_int(9));
  c.terms.termination_notice_months = static_cast<int>(st.column_int(10));
  c.terms.alert_days = static_cast<int>(st.column_int(11));
  ConventionContacts& k = c.contacts;
  k.commune_signatory = std::string(st.column_text(12));
  k.mutuelle_signatory = std::string(st.column_text(13));
  k.commune_dpo = std::string(st.column_text(14));
  k.mutuelle_dpo = std::string(st.column_text(15));
  k.commune_contact = std::string(st.column_text(16));
  k.mutuelle_contact = std::string(st.column_text(17));
  c.recorded = column_date(st, 18);
  c.contacts_erased = column_optional_date(st, 19);
  return c;
}

// Contacts bound from `at` on, in the column order of the conventions table.
void bind_contacts(Statement& st, int at, const ConventionContacts& k) {
  st.bind_or_null(at, k.commune_signatory).bind_or_null(at + 1, k.mutuelle_signatory);
  st.bind_or_null(at + 2, k.commune_dpo).bind_or_null(at + 3, k.mutuelle_dpo);
  st.bind_or_null(at + 4, k.commune_contact).bind_or_null(at + 5, k.mutuelle_contact);
}

// Child rows start with their convention id (column 0); the fields follow from column 1.
NonRenewalNotice read_notice(const Statement& st) {
  NonRenewalNotice n;
  n.id = st.column_int(1);
  n.sent = column_date(st, 2);
  n.received = column_date(st, 3);
  n.by = std::string(st.column_text(4));
  n.reference = std::string(st.column_text(5));
  return n;
}
constexpr const char* kNoticeSelect =
    "SELECT n.convention_id, n.notice_id, n.sent, n.received, n.party, n.reference "
    "FROM convention_notices n JOIN conventions v ON v.convention_id = n.convention_id";

BreachNotice read_breach(const Statement& st) {
  BreachNotice b;
  b.id = st.column_int(1);
  b.formal_notice = column_date(st, 2);
  b.remedied = column_optional_date(st, 3);
  b.by = std::string(st.column_text(4));
  b.termination_notified = column_optional_date(st, 5);
  b.reason = std::string(st.column_text(6));
  return b;
}
constexpr const char* kBreachColumns =
    "SELECT b.convention_id, b.breach_id, b.formal_notice, b.remedied, b.party, "
    "b.termination_notified, b.reason FROM convention_breaches b";
constexpr const char* kBreachJoin = " JOIN conventions v ON v.convention_id = b.convention_id";

Amendment read_amendment(const Statement& st) {
  Amendment a;
  a.convention_id = std::string(st.column_text(0));
  a.id = st.column_int(1);
  a.number = static_cast<int>(st.column_int(2));
  a.signed_on = column_date(st, 3);
  a.effective = column_date(st, 4);
  a.summary = std::string(st.column_text(5));
  a.recorded = column_date(st, 6);
  return a;
}
constexpr const char* kAmendmentSelect =
    "SELECT a.convention_id, a.amendment_id, a.number, a.signed_on, a.effective, a.summary, "
    "a.recorded FROM convention_amendments a JOIN conventions v "
    "ON v.convention_id = a.convention_id";
constexpr const char* kChangeSelect =
    "SELECT ch.amendment_id, ch.field, ch.old_value, ch.new_value "
    "FROM convention_amendment_changes ch "
    "JOIN convention_amendments a ON a.amendment_id = ch.amendment_id "
    "JOIN conventions v ON v.convention_id = a.convention_id";

// Runs `head` + `filter` + `order`, binding `key` to ?1 when there is a filter, and hands each
// row to `read`.
template <typename Read>
void for_rows(sql::Db& db, const std::string& head, const std::string& filter, const char* order,
              const std::string& key, Read read) {
  Statement st(db, head + filter + order);
  if (!filter.empty()) st.bind(1, key);
  while (st.step()) read(st);
}

// --- Events -----------------------------------------------------------------------------------

constexpr const char* kEventSelect =
    "SELECT event_id, convention_id, commune, kind, event_date, start_minute, end_minute, place, "
    "room, status, attendees, notes, recorded FROM partner_events";

PartnerEvent read_event(const Statement& st) {
  PartnerEvent e;
  e.id = st.column_int(0);
  e.convention_id = std::string(st.column_text(1));
  e.commune = std::string(st.column_text(2));
  auto kind = parse_event_kind(st.column_text(3));
  if (!kind) corrupted("event kind", st.column_text(3));
  e.kind = *kind;
  e.date = column_date(st, 4);
  e.start_minute = static_cast<int>(st.column_int(5));
  e.end_minute = static_cast<int>(st.column_int(6));
  e.place = std::string(st.column_text(7));
  e.room = std::string(st.column_text(8));
  auto status = parse_event_status(st.column_text(9));
  if (!status) corrupted("event status", st.column_text(9));
  e.status = *status;
  e.attendees = column_optional_int(st, 10);
  e.notes = std::string(st.column_text(11));
  e.recorded = column_date(st, 12);
  return e;
}

// --- Materials --------------------------------------------------------------------------------

constexpr const char* kMaterialSelect =
    "SELECT material_id, convention_id, commune, title, medium, reference, version, replaces, "
    "status, submitted, decided, decided_by, comment, published FROM partner_materials";

Material read_material(const Statement& st) {
  Material m;
  m.id = st.column_int(0);
  m.convention_id = std::string(st.column_text(1));
  m.commune = std::string(st.column_text(2));
  m.title = std::string(st.column_text(3));
  auto medium = parse_medium(st.column_text(4));
  if (!medium) corrupted("material medium", st.column_text(4));
  m.medium = *medium;
  m.reference = std::string(st.column_text(5));
  m.version = static_cast<int>(st.column_int(6));
  if (!st.is_null(7)) m.replaces = st.column_int(7);
  auto status = parse_material_status(st.column_text(8));
  if (!status) corrupted("material status", st.column_text(8));
  m.status = *status;
  m.submitted = column_date(st, 9);
  m.decided = column_optional_date(st, 10);
  m.decided_by = std::string(st.column_text(11));
  m.comment = std::string(st.column_text(12));
  m.published = column_optional_date(st, 13);
  return m;
}

// --- Regional subscriptions -------------------------------------------------------------------

constexpr const char* kSubscriptionColumns =
    "SELECT s.contract_id, s.convention_id, s.priority_public, s.no_collective_cover, "
    "s.informed_100s, s.recorded FROM regional_subscriptions s";

RegionalSubscription read_subscription(const Statement& st) {
  RegionalSubscription s;
  s.contract_id = std::string(st.column_text(0));
  s.convention_id = std::string(st.column_text(1));
  std::string_view priority = st.column_text(2);
  if (!priority.empty()) {
    s.priority_public = parse_priority_public(priority);
    if (!s.priority_public) corrupted("priority public", priority);
  }
  s.no_collective_cover = column_optional_date(st, 3);
  s.informed_100s = column_optional_date(st, 4);
  s.recorded = column_date(st, 5);
  return s;
}

// A WHERE clause built from the filters that are set, bound in the order they were added.
class Filter {
 public:
  void add(const char* condition, std::string_view value) {
    sql_ += sql_.empty() ? " WHERE " : " AND ";
    sql_ += condition;
    values_.push_back(value);
  }
  const std::string& sql() const { return sql_; }
  // The values must outlive the step that reads them (binds are SQLITE_STATIC).
  void bind(Statement& st) const {
    for (size_t i = 0; i < values_.size(); ++i) st.bind(static_cast<int>(i) + 1, values_[i]);
  }

 private:
  std::string sql_;
  std::vector<std::string_view> values_;
};

}  // namespace

// --- CSS checks (PAR-08) ----------------------------------------------------------------------

int64_t SqliteStore::insert_css_check(const CssCheckRecord& c) {
  auto st = prepared(
      "INSERT INTO css_checks (reference, check_date, recorded, persons, alternating_custody, "
      "resources_cents, result, ceiling_cents, participation_cents, table_validity, regime, "
      "commune) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  DateTexts dates;
  st.bind(1, c.reference)
      .bind(2, format_date_to(c.check_date, dates.a))
      .bind(3, format_date_to(c.recorded, dates.b))
      .bind(4, c.persons)
      .bind(5, c.alternating_custody)
      .bind(6, c.resources.cents())
      .bind(7, c.result)
      .bind(8, c.ceiling.cents())
      .bind(9, c.monthly_participation.cents())
      .bind(10, c.table)
      .bind(11, c.regime)
      .bind_or_null(12, c.commune);
  st.run();
  return db_.last_insert_id();
}

std::vector<CssCheckRecord> SqliteStore::css_checks(const std::string& reference) {
  Statement st(db_, std::string(kCssSelect) + "WHERE reference = ?1 ORDER BY check_id");
  st.bind(1, reference);
  return read_css_checks(st);
}

std::vector<CssCheckRecord> SqliteStore::css_checks_of_commune(const std::string& commune,
                                                               Date from, Date to) {
  Statement st(db_, std::string(kCssSelect) +
                        "WHERE commune = ?1 AND check_date >= ?2 AND check_date <= ?3 "
                        "ORDER BY check_id");
  DateTexts dates;
  st.bind(1, commune).bind(2, format_date_to(from, dates.a)).bind(3, format_date_to(to, dates.b));
  return read_css_checks(st);
}

// --- Communes and partner mutuelles -----------------------------------------------------------

void SqliteStore::save_commune(const Commune& commune) {
  // An upsert, not INSERT OR REPLACE: a replace deletes the row its conventions reference.
  auto st = prepared(
      "INSERT INTO communes (insee, name) VALUES (?1, ?2) "
      "ON CONFLICT (insee) DO UPDATE SET name = excluded.name");
  st.bind(1, commune.insee).bind_or_null(2, commune.name).run();
}

std::optional<Commune> SqliteStore::find_commune(const std::string& insee) {
  auto st = prepared("SELECT insee, name FROM communes WHERE insee = ?1");
  st.bind(1, insee);
  std::optional<Commune> out;
  if (st.step()) out = Commune{std::string(st.column_text(0)), std::string(st.column_text(1))};
  st.reset();  // a cached statement left on a row would keep its read snapshot open
  return out;
}

void SqliteStore::save_partner_mutuelle(const PartnerMutuelle& m) {
  auto st = prepared(
      "INSERT INTO partner_mutuelles (code, name, siren) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (code) DO UPDATE SET name = excluded.name, siren = excluded.siren");
  st.bind(1, m.code).bind_or_null(2, m.name).bind_or_null(3, m.siren).run();
}

std::optional<PartnerMutuelle> SqliteStore::find_partner_mutuelle(const std::string& code) {
  auto st = prepared("SELECT code, name, siren FROM partner_mutuelles WHERE code = ?1");
  st.bind(1, code);
  std::optional<PartnerMutuelle> out;
  if (st.step()) {
    out = PartnerMutuelle{std::string(st.column_text(0)), std::string(st.column_text(1)),
                          std::string(st.column_text(2))};
  }
  st.reset();
  return out;
}

// --- Conventions (PAR-01..04, GDPR-03) --------------------------------------------------------

void SqliteStore::insert_convention(const Convention& c) {
  Statement st(db_,
               "INSERT INTO conventions (convention_id, commune, mutuelle, scheme, place, "
               "signed_on, effect, max_renewals, notice_months, remedy_days, "
               "termination_notice_months, alert_days, commune_signatory, mutuelle_signatory, "
               "commune_dpo, mutuelle_dpo, commune_contact, mutuelle_contact, recorded, "
               "contacts_erased) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
               "?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)");
  DateTexts dates;
  st.bind(1, c.id).bind(2, c.commune).bind(3, c.mutuelle);
  st.bind_or_null(4, c.scheme).bind_or_null(5, c.place);
  st.bind(6, format_date_to(c.terms.signed_on, dates.a));
  st.bind(7, format_date_to(c.terms.effect, dates.b));
  st.bind(8, c.terms.max_renewals).bind(9, c.terms.notice_months).bind(10, c.terms.remedy_days);
  st.bind(11, c.terms.termination_notice_months).bind(12, c.terms.alert_days);
  bind_contacts(st, 13, c.contacts);
  st.bind(19, format_date_to(c.recorded, dates.c));
  bind_date_or_null(st, 20, c.contacts_erased, dates.d);
  st.run();
}

std::vector<ConventionRecord> SqliteStore::load_conventions(const std::string& where,
                                                            const std::string& key) {
  const std::string filter = where.empty() ? "" : " WHERE " + where;
  std::vector<ConventionRecord> out;
  std::unordered_map<std::string, size_t> at;
  for_rows(db_, kConventionSelect, filter, " ORDER BY v.convention_id", key,
           [&](const Statement& st) {
             at.emplace(std::string(st.column_text(0)), out.size());
             out.push_back(ConventionRecord{read_convention(st), {}, {}, {}});
           });
  if (out.empty()) return out;
  auto record = [&](const Statement& st) -> ConventionRecord& {
    return out[at.at(std::string(st.column_text(0)))];
  };
  for_rows(db_, kNoticeSelect, filter, " ORDER BY n.notice_id", key,
           [&](const Statement& st) { record(st).notices.push_back(read_notice(st)); });
  for_rows(db_, std::string(kBreachColumns) + kBreachJoin, filter, " ORDER BY b.breach_id", key,
           [&](const Statement& st) { record(st).breaches.push_back(read_breach(st)); });
  for_rows(db_, kAmendmentSelect, filter, " ORDER BY a.convention_id, a.number", key,
           [&](const Statement& st) { record(st).amendments.push_back(read_amendment(st)); });
  // The vectors are complete: pointers into them stay valid while the changes are attached.
  std::unordered_map<int64_t, Amendment*> amendments;
  for (ConventionRecord& r : out) {
    for (Amendment& a : r.amendments) amendments.emplace(a.id, &a);
  }
  for_rows(
      db_, kChangeSelect, filter, " ORDER BY ch.amendment_id, ch.position", key,
      [&](const Statement& st) {
        amendments.at(st.column_int(0))
            ->changes.push_back({std::string(st.column_text(1)), std::string(st.column_text(2)),
                                 std::string(st.column_text(3))});
      });
  return out;
}

std::optional<ConventionRecord> SqliteStore::find_convention(const std::string& id) {
  auto found = load_conventions("v.convention_id = ?1", id);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<ConventionRecord> SqliteStore::conventions(const std::string& commune) {
  return commune.empty() ? load_conventions("", "") : load_conventions("v.commune = ?1", commune);
}

void SqliteStore::update_convention_contacts(const std::string& id,
                                             const ConventionContacts& contacts,
                                             std::optional<Date> erased) {
  Statement st(db_,
               "UPDATE conventions SET commune_signatory = ?2, mutuelle_signatory = ?3, "
               "commune_dpo = ?4, mutuelle_dpo = ?5, commune_contact = ?6, "
               "mutuelle_contact = ?7, contacts_erased = ?8 WHERE convention_id = ?1");
  char erased_text[10];
  st.bind(1, id);
  bind_contacts(st, 2, contacts);
  bind_date_or_null(st, 8, erased, erased_text);
  st.run();
}

int64_t SqliteStore::insert_notice(const std::string& convention_id,
                                   const NonRenewalNotice& notice) {
  Statement st(db_,
               "INSERT INTO convention_notices (convention_id, sent, received, party, reference) "
               "VALUES (?1, ?2, ?3, ?4, ?5)");
  DateTexts dates;
  st.bind(1, convention_id).bind(2, format_date_to(notice.sent, dates.a));
  st.bind(3, format_date_to(notice.received, dates.b));
  st.bind_or_null(4, notice.by).bind_or_null(5, notice.reference).run();
  return db_.last_insert_id();
}

int64_t SqliteStore::insert_breach(const std::string& convention_id, const BreachNotice& breach) {
  Statement st(db_,
               "INSERT INTO convention_breaches (convention_id, formal_notice, remedied, party, "
               "termination_notified, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  DateTexts dates;
  st.bind(1, convention_id).bind(2, format_date_to(breach.formal_notice, dates.a));
  bind_date_or_null(st, 3, breach.remedied, dates.b);
  st.bind_or_null(4, breach.by);
  bind_date_or_null(st, 5, breach.termination_notified, dates.c);
  st.bind_or_null(6, breach.reason).run();
  return db_.last_insert_id();
}

void SqliteStore::update_breach(const BreachNotice& breach) {
  Statement st(db_,
               "UPDATE convention_breaches SET remedied = ?2, termination_notified = ?3 "
               "WHERE breach_id = ?1");
  DateTexts dates;
  st.bind(1, breach.id);
  bind_date_or_null(st, 2, breach.remedied, dates.a);
  bind_date_or_null(st, 3, breach.termination_notified, dates.b);
  st.run();
}

std::optional<std::pair<std::string, BreachNotice>> SqliteStore::find_breach(int64_t id) {
  Statement st(db_, std::string(kBreachColumns) + " WHERE b.breach_id = ?1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return std::make_pair(std::string(st.column_text(0)), read_breach(st));
}

int64_t SqliteStore::insert_amendment(const Amendment& a) {
  Statement st(db_,
               "INSERT INTO convention_amendments (convention_id, number, signed_on, effective, "
               "summary, recorded) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  DateTexts dates;
  st.bind(1, a.convention_id).bind(2, a.number);
  st.bind(3, format_date_to(a.signed_on, dates.a)).bind(4, format_date_to(a.effective, dates.b));
  st.bind_or_null(5, a.summary).bind(6, format_date_to(a.recorded, dates.c)).run();
  const int64_t id = db_.last_insert_id();
  insert_amendment_changes(id, a.changes);
  return id;
}

void SqliteStore::insert_amendment_changes(int64_t amendment_id,
                                           const std::vector<AmendmentChange>& changes) {
  Statement st(db_,
               "INSERT INTO convention_amendment_changes (amendment_id, position, field, "
               "old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5)");
  int position = 0;
  for (const AmendmentChange& c : changes) {
    st.bind(1, amendment_id).bind(2, position++).bind(3, c.field);
    st.bind_or_null(4, c.old_value).bind_or_null(5, c.new_value).run();
  }
}

void SqliteStore::replace_amendment_changes(const Amendment& amendment) {
  Statement st(db_, "DELETE FROM convention_amendment_changes WHERE amendment_id = ?1");
  st.bind(1, amendment.id).run();
  insert_amendment_changes(amendment.id, amendment.changes);
}

// --- Events (PAR-05) --------------------------------------------------------------------------

int64_t SqliteStore::insert_event(const PartnerEvent& e) {
  Statement st(db_,
               "INSERT INTO partner_events (convention_id, commune, kind, event_date, "
               "start_minute, end_minute, place, room, status, attendees, notes, recorded) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  DateTexts dates;
  st.bind(1, e.convention_id).bind(2, e.commune).bind(3, to_string(e.kind));
  st.bind(4, format_date_to(e.date, dates.a)).bind(5, e.start_minute).bind(6, e.end_minute);
  st.bind(7, e.place).bind_or_null(8, e.room).bind(9, to_string(e.status));
  bind_optional_int(st, 10, e.attendees);
  st.bind_or_null(11, e.notes).bind(12, format_date_to(e.recorded, dates.b)).run();
  return db_.last_insert_id();
}

void SqliteStore::update_event(const PartnerEvent& e) {
  Statement st(db_,
               "UPDATE partner_events SET status = ?2, attendees = ?3, notes = ?4 "
               "WHERE event_id = ?1");
  st.bind(1, e.id).bind(2, to_string(e.status));
  bind_optional_int(st, 3, e.attendees);
  st.bind_or_null(4, e.notes).run();
}

std::optional<PartnerEvent> SqliteStore::find_event(int64_t id) {
  Statement st(db_, std::string(kEventSelect) + " WHERE event_id = ?1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_event(st);
}

std::vector<PartnerEvent> SqliteStore::events(const EventFilter& filter) {
  DateTexts dates;
  Filter where;
  if (!filter.commune.empty()) where.add("commune = ?", filter.commune);
  if (!filter.convention_id.empty()) where.add("convention_id = ?", filter.convention_id);
  if (filter.from) where.add("event_date >= ?", format_date_to(*filter.from, dates.a));
  if (filter.to) where.add("event_date <= ?", format_date_to(*filter.to, dates.b));
  Statement st(db_, kEventSelect + where.sql() + " ORDER BY event_date, start_minute, event_id");
  where.bind(st);
  std::vector<PartnerEvent> out;
  while (st.step()) out.push_back(read_event(st));
  return out;
}

// --- Materials (PAR-05) -----------------------------------------------------------------------

int64_t SqliteStore::insert_material(const Material& m) {
  Statement st(db_,
               "INSERT INTO partner_materials (convention_id, commune, title, medium, reference, "
               "version, replaces, status, submitted, decided, decided_by, comment, published) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  DateTexts dates;
  st.bind(1, m.convention_id).bind(2, m.commune).bind(3, m.title).bind(4, to_string(m.medium));
  st.bind_or_null(5, m.reference).bind(6, m.version);
  if (m.replaces) {
    st.bind(7, *m.replaces);
  } else {
    st.bind_null(7);
  }
  st.bind(8, to_string(m.status)).bind(9, format_date_to(m.submitted, dates.a));
  bind_date_or_null(st, 10, m.decided, dates.b);
  st.bind_or_null(11, m.decided_by).bind_or_null(12, m.comment);
  bind_date_or_null(st, 13, m.published, dates.c);
  st.run();
  return db_.last_insert_id();
}

void SqliteStore::update_material(const Material& m) {
  Statement st(db_,
               "UPDATE partner_materials SET status = ?2, decided = ?3, decided_by = ?4, "
               "comment = ?5, published = ?6 WHERE material_id = ?1");
  DateTexts dates;
  st.bind(1, m.id).bind(2, to_string(m.status));
  bind_date_or_null(st, 3, m.decided, dates.a);
  st.bind_or_null(4, m.decided_by).bind_or_null(5, m.comment);
  bind_date_or_null(st, 6, m.published, dates.b);
  st.run();
}

std::optional<Material> SqliteStore::find_material(int64_t id) {
  Statement st(db_, std::string(kMaterialSelect) + " WHERE material_id = ?1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_material(st);
}

std::vector<Material> SqliteStore::materials(const std::string& commune,
                                             const std::string& convention_id) {
  Filter where;
  if (!commune.empty()) where.add("commune = ?", commune);
  if (!convention_id.empty()) where.add("convention_id = ?", convention_id);
  Statement st(db_, kMaterialSelect + where.sql() + " ORDER BY material_id");
  where.bind(st);
  std::vector<Material> out;
  while (st.step()) out.push_back(read_material(st));
  return out;
}

// --- Regional subscriptions (ELIG-10, PAR-09, PAR-10) -----------------------------------------

void SqliteStore::save_regional_subscription(const RegionalSubscription& s) {
  auto st = prepared(
      "INSERT INTO regional_subscriptions (contract_id, convention_id, priority_public, "
      "no_collective_cover, informed_100s, recorded) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (contract_id) DO UPDATE SET convention_id = excluded.convention_id, "
      "priority_public = excluded.priority_public, "
      "no_collective_cover = excluded.no_collective_cover, "
      "informed_100s = excluded.informed_100s, recorded = excluded.recorded");
  DateTexts dates;
  st.bind(1, s.contract_id).bind_or_null(2, s.convention_id);
  st.bind_or_null(3, s.priority_public ? to_string(*s.priority_public) : std::string_view());
  bind_date_or_null(st, 4, s.no_collective_cover, dates.a);
  bind_date_or_null(st, 5, s.informed_100s, dates.b);
  st.bind(6, format_date_to(s.recorded, dates.c)).run();
}

std::optional<RegionalSubscription> SqliteStore::find_regional_subscription(
    const std::string& contract_id) {
  Statement st(db_, std::string(kSubscriptionColumns) + " WHERE s.contract_id = ?1");
  st.bind(1, contract_id);
  if (!st.step()) return std::nullopt;
  return read_subscription(st);
}

// Two ordered scans merged by contract id: the commune's contracts with their beneficiaries
// (through contracts_by_commune, whose entries are in contract-id order), and the
// subscriptions of those contracts.
void SqliteStore::for_each_contract_of_commune(
    const std::string& insee,
    const std::function<void(const Contract&, const std::optional<RegionalSubscription>&)>& visit) {
  Statement rows(db_, std::string(sql::kContractJoin) +
                          "WHERE c.commune = ?1 ORDER BY c.contract_id, b.position");
  rows.bind(1, insee);
  Statement subscriptions(db_, std::string(kSubscriptionColumns) +
                                   " JOIN contracts c ON c.contract_id = s.contract_id "
                                   "WHERE c.commune = ?1 ORDER BY c.contract_id");
  subscriptions.bind(1, insee);
  bool has_subscription = subscriptions.step();
  Contract current;
  std::optional<RegionalSubscription> subscription;
  bool has_row = rows.step();
  while (has_row) {
    sql::read_contract_columns(rows, current);
    size_t count = 0;
    do {
      if (count == current.beneficiaries.size()) current.beneficiaries.emplace_back();
      sql::read_beneficiary_columns(rows, current.beneficiaries[count++]);
      has_row = rows.step();
    } while (has_row && rows.column_text(0) == current.id);
    current.beneficiaries.resize(count);
    subscription.reset();
    // A contract without beneficiaries is not in the join; skip its subscription.
    while (has_subscription && subscriptions.column_text(0) < current.id) {
      has_subscription = subscriptions.step();
    }
    if (has_subscription && subscriptions.column_text(0) == current.id) {
      subscription = read_subscription(subscriptions);
      has_subscription = subscriptions.step();
    }
    visit(current, subscription);
  }
}

}  // namespace mutua

#include "storage/migrations.hpp"

#include "storage/sql_db.hpp"

namespace mutua {

namespace {

std::vector<Migration> build() {
  std::vector<Migration> all;
  all.push_back(Migration{
      1,
      "catalogue, tariffs, contracts and beneficiaries",
      {
          {"CREATE TABLE organism (id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL, "
           "siren TEXT NOT NULL, creditor_id TEXT NOT NULL)"},
          {"CREATE TABLE products (code TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, "
           "responsible INTEGER NOT NULL, max_annual_increase_pct INTEGER, "
           "majoration_scope TEXT NOT NULL, billed_children INTEGER NOT NULL, "
           "benefits_json TEXT NOT NULL, promotions_json TEXT NOT NULL)"},
          // TAR-05: one row per (product, year), never updated.
          {"CREATE TABLE tariffs (product TEXT NOT NULL REFERENCES products(code), "
           "year INTEGER NOT NULL, decided TEXT NOT NULL, decision_ref TEXT NOT NULL, "
           "PRIMARY KEY (product, year))"},
          {"CREATE TABLE tariff_bands (product TEXT NOT NULL, year INTEGER NOT NULL, "
           "band_index INTEGER NOT NULL, lower_age INTEGER NOT NULL, member_cents BIGINT NOT NULL, "
           "spouse_cents BIGINT NOT NULL, child_cents BIGINT NOT NULL, "
           "PRIMARY KEY (product, year, band_index), "
           "FOREIGN KEY (product, year) REFERENCES tariffs(product, year))",
           true},
          {"CREATE TABLE contracts (contract_id TEXT PRIMARY KEY, "
           "product TEXT NOT NULL REFERENCES products(code), payment_frequency TEXT NOT NULL, "
           "status TEXT NOT NULL, civil_service_entry TEXT, prior_coefficient_bp INTEGER NOT NULL, "
           "last_coverage_end TEXT, express_start INTEGER NOT NULL, iban TEXT, email TEXT, "
           "commune TEXT, link TEXT)",
           true},
          // position keeps the member first and dependants in import order; the primary key
          // makes "all contracts with their beneficiaries" a merge of two ordered scans.
          {"CREATE TABLE beneficiaries (contract_id TEXT NOT NULL "
           "REFERENCES contracts(contract_id), position INTEGER NOT NULL, "
           "beneficiary_id TEXT NOT NULL, role TEXT NOT NULL, last_name TEXT NOT NULL, "
           "first_name TEXT NOT NULL, birth_date TEXT NOT NULL, start_date TEXT NOT NULL, "
           "end_date TEXT, nir TEXT, PRIMARY KEY (contract_id, position))",
           true},
          {"CREATE UNIQUE INDEX beneficiaries_by_id ON beneficiaries (beneficiary_id)"},
      }});
  all.push_back(Migration{
      2,
      "claims: runs, decisions, accumulators, payments; suspensions and contribution status",
      {
          {"CREATE TABLE suspensions (contract_id TEXT NOT NULL "
           "REFERENCES contracts(contract_id), from_date TEXT NOT NULL, to_date TEXT NOT NULL, "
           "reason TEXT NOT NULL, notified TEXT NOT NULL, PRIMARY KEY (contract_id, from_date))",
           true},
          {"CREATE TABLE contract_collection (contract_id TEXT PRIMARY KEY "
           "REFERENCES contracts(contract_id), status TEXT NOT NULL, since TEXT NOT NULL)",
           true},
          {"CREATE TABLE claim_runs (run_id INTEGER PRIMARY KEY, input TEXT NOT NULL, "
           "input_identity TEXT NOT NULL, business_date TEXT NOT NULL, "
           "skip_invalid INTEGER NOT NULL, done INTEGER NOT NULL, records_done BIGINT NOT NULL, "
           "out_bytes BIGINT NOT NULL, rejects_bytes BIGINT NOT NULL, summary_json TEXT NOT NULL)"},
          // BEN-12: the key (claim_id, line) is decided once. `detail` is the line, its payee
          // and the accumulator values it met, encoded compactly (claims/records.hpp).
          // No foreign keys here: a batch of millions of lines would pay for each check.
          {"CREATE TABLE claim_decisions (claim_id TEXT NOT NULL, line INTEGER NOT NULL, "
           "run_id INTEGER NOT NULL, contract_id TEXT NOT NULL, status TEXT NOT NULL, "
           "rc_cents BIGINT NOT NULL, remaining_cents BIGINT NOT NULL, reasons TEXT NOT NULL, "
           "detail BLOB NOT NULL, PRIMARY KEY (claim_id, line))",
           true},
          // kind 0: a limits window (annual_cap, max_count); kind 1: a yearly euro budget.
          {"CREATE TABLE claim_accumulators (beneficiary_id TEXT NOT NULL, "
           "category TEXT NOT NULL, window_start TEXT NOT NULL, kind INTEGER NOT NULL, "
           "amount_cents BIGINT NOT NULL, units INTEGER NOT NULL, "
           "PRIMARY KEY (beneficiary_id, category, window_start, kind))",
           true},
          {"CREATE TABLE claim_payments (run_id INTEGER NOT NULL REFERENCES claim_runs(run_id), "
           "payee TEXT NOT NULL, payee_ref TEXT NOT NULL, amount_cents BIGINT NOT NULL, "
           "lines BIGINT NOT NULL, PRIMARY KEY (run_id, payee, payee_ref))",
           true},
      }});
  all.push_back(Migration{
      3,
      "claims: amounts recoverable from liable third parties (BEN-14)",
      {
          {"CREATE TABLE claim_recoveries (run_id INTEGER NOT NULL "
           "REFERENCES claim_runs(run_id), third_party TEXT NOT NULL, "
           "amount_cents BIGINT NOT NULL, lines BIGINT NOT NULL, "
           "PRIMARY KEY (run_id, third_party))",
           true},
      }});
  all.push_back(Migration{
      4,
      "membership lifecycle: enrolments, dependants' conditions and proofs, product changes, "
      "terminations, history of changes, documents issued",
      {
          {"ALTER TABLE contracts ADD COLUMN employer TEXT"},
          {"ALTER TABLE contracts ADD COLUMN address TEXT"},
          {"ALTER TABLE beneficiaries ADD COLUMN relation TEXT"},
          {"ALTER TABLE beneficiaries ADD COLUMN condition TEXT"},
          {"ALTER TABLE beneficiaries ADD COLUMN end_reason TEXT"},
          {"ALTER TABLE suspensions ADD COLUMN proofs TEXT"},
          // An enrolment is kept whole (the signed request, items received) as JSON until it is
          // complete; the contract is created then. enrolment_persons finds it by person.
          {"CREATE TABLE enrolments (contract_id TEXT PRIMARY KEY, status TEXT NOT NULL, "
           "signed_on TEXT NOT NULL, document TEXT NOT NULL)",
           true},
          {"CREATE TABLE enrolment_persons (beneficiary_id TEXT PRIMARY KEY, "
           "contract_id TEXT NOT NULL REFERENCES enrolments(contract_id))",
           true},
          {"CREATE TABLE proofs (proof_id INTEGER PRIMARY KEY, beneficiary_id TEXT NOT NULL, "
           "type TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT NOT NULL, "
           "reference TEXT NOT NULL, received TEXT NOT NULL)"},
          {"CREATE INDEX proofs_by_beneficiary ON proofs (beneficiary_id)"},
          {"CREATE TABLE product_changes (contract_id TEXT NOT NULL "
           "REFERENCES contracts(contract_id), effective TEXT NOT NULL, product TEXT NOT NULL, "
           "previous TEXT NOT NULL, signed_on TEXT NOT NULL, reference TEXT NOT NULL, "
           "PRIMARY KEY (contract_id, effective))",
           true},
          {"CREATE TABLE terminations (contract_id TEXT PRIMARY KEY "
           "REFERENCES contracts(contract_id), kind TEXT NOT NULL, rule TEXT NOT NULL, "
           "received TEXT NOT NULL, event_date TEXT, event TEXT, effective TEXT NOT NULL, "
           "refund_cents BIGINT, confirmed TEXT)",
           true},
          // Member-reported changes (REG art. 22): the old value is kept, never overwritten.
          {"CREATE TABLE contract_changes (change_id INTEGER PRIMARY KEY, "
           "contract_id TEXT NOT NULL REFERENCES contracts(contract_id), field TEXT NOT NULL, "
           "old_value TEXT, new_value TEXT, effective TEXT NOT NULL, recorded TEXT NOT NULL)"},
          {"CREATE TABLE documents (document_id INTEGER PRIMARY KEY, contract_id TEXT NOT NULL, "
           "kind TEXT NOT NULL, issued TEXT NOT NULL, file TEXT NOT NULL)"},
      }});
  all.push_back(Migration{
      5,
      "billing and collection: schedules, double-entry ledger, SEPA mandates and collections, "
      "dunning procedures; pending claims by contract",
      {
          // Claims held PENDING (BEN-09) are found by contract when the account is regularised.
          {"CREATE INDEX claim_decisions_by_contract ON claim_decisions (contract_id, status)"},
          {"CREATE TABLE billing_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)", true},
          // One row per contract-year: the schedule as last computed, with what was billed and
          // an increase still to present per instalment (billing/records.hpp encodes them).
          {"CREATE TABLE billing_schedules (contract_id TEXT NOT NULL "
           "REFERENCES contracts(contract_id), year INTEGER NOT NULL, frequency TEXT NOT NULL, "
           "called TEXT NOT NULL, version INTEGER NOT NULL, inputs BIGINT NOT NULL, "
           "instalments BLOB NOT NULL, "
           "PRIMARY KEY (contract_id, year))",
           true},
          // The ledger (BIL-04): one balanced entry per row, immutable; `key` makes batch
          // postings idempotent.
          {"CREATE TABLE ledger (entry_id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, "
           "entry_date TEXT NOT NULL, kind TEXT NOT NULL, contract_id TEXT NOT NULL, "
           "debit TEXT NOT NULL, credit TEXT NOT NULL, amount_cents BIGINT NOT NULL "
           "CHECK (amount_cents >= 0), year INTEGER NOT NULL, period INTEGER NOT NULL, "
           "rule TEXT NOT NULL, reference TEXT NOT NULL)"},
          {"CREATE INDEX ledger_by_contract ON ledger (contract_id, entry_date)"},
          {"CREATE TABLE mandates (rum TEXT PRIMARY KEY, contract_id TEXT NOT NULL "
           "REFERENCES contracts(contract_id), iban TEXT NOT NULL, bic TEXT, "
           "signed_on TEXT NOT NULL, kind TEXT NOT NULL, used INTEGER NOT NULL, "
           "revoked INTEGER NOT NULL, registered_batch BIGINT NOT NULL)",
           true},
          {"CREATE INDEX mandates_by_contract ON mandates (contract_id)"},
          {"CREATE TABLE sepa_batches (batch_id INTEGER PRIMARY KEY, message_id TEXT NOT NULL "
           "UNIQUE, collection_date TEXT NOT NULL UNIQUE, created TEXT NOT NULL, "
           "file TEXT NOT NULL, count BIGINT NOT NULL, total_cents BIGINT NOT NULL, "
           "settled INTEGER NOT NULL)"},
          // The debtor's name, IBAN and BIC are read back from the mandate (immutable once
          // signed: a new IBAN is a new mandate) and the member: small rows, a million a month.
          {"CREATE TABLE sepa_debits (end_to_end_id TEXT PRIMARY KEY, batch_id INTEGER NOT NULL "
           "REFERENCES sepa_batches(batch_id), contract_id TEXT NOT NULL, year INTEGER NOT NULL, "
           "period INTEGER NOT NULL, amount_cents BIGINT NOT NULL, rum TEXT NOT NULL "
           "REFERENCES mandates(rum), sequence TEXT NOT NULL, status TEXT NOT NULL, reason TEXT)",
           true},
          {"CREATE INDEX sepa_debits_by_batch ON sepa_debits (batch_id)"},
          {"CREATE TABLE dunning_cases (case_id INTEGER PRIMARY KEY, contract_id TEXT NOT NULL "
           "REFERENCES contracts(contract_id), notice TEXT NOT NULL, oldest_due TEXT NOT NULL, "
           "arrears_cents BIGINT NOT NULL, suspended TEXT, terminated TEXT, reinstated TEXT)"},
          {"CREATE INDEX dunning_cases_by_contract ON dunning_cases (contract_id, case_id)"},
          {"CREATE TABLE dunning_waivers (waiver_id INTEGER PRIMARY KEY, contract_id TEXT NOT NULL "
           "REFERENCES contracts(contract_id), from_date TEXT NOT NULL, to_date TEXT NOT NULL, "
           "reason TEXT NOT NULL, granted TEXT NOT NULL)"},
          {"CREATE INDEX dunning_waivers_by_contract ON dunning_waivers (contract_id)"},
          {"ALTER TABLE contract_collection ADD COLUMN suspended_from TEXT"},
          // The creditor account of direct debits (BIL-03).
          {"ALTER TABLE organism ADD COLUMN iban TEXT"},
          {"ALTER TABLE organism ADD COLUMN bic TEXT"},
      }});
  all.push_back(Migration{
      6,
      "regional scheme: CSS checks",
      {
          // PAR-08: each CSS check recorded, under the user's reference only (no name).
          {"CREATE TABLE css_checks (check_id INTEGER PRIMARY KEY, reference TEXT NOT NULL, "
           "check_date TEXT NOT NULL, recorded TEXT NOT NULL, persons INTEGER NOT NULL, "
           "alternating_custody INTEGER NOT NULL, resources_cents BIGINT NOT NULL, "
           "result TEXT NOT NULL, ceiling_cents BIGINT NOT NULL, "
           "participation_cents BIGINT NOT NULL, table_validity TEXT NOT NULL, "
           "regime TEXT NOT NULL)"},
          {"CREATE INDEX css_checks_by_reference ON css_checks (reference, check_id)"},
      }});
  all.push_back(Migration{
      7,
      "regional scheme: communes, conventions, events, materials, subscriptions",
      {
          // PAR-07: no table of the scheme has a column for a remuneration, a commission, a fee
          // or an advantage: nothing of the kind flows between the parties.
          {"CREATE TABLE communes (insee TEXT PRIMARY KEY, name TEXT)", true},
          {"CREATE TABLE partner_mutuelles (code TEXT PRIMARY KEY, name TEXT, siren TEXT)", true},
          // PAR-01: the convention as signed; only the contacts change afterwards (GDPR-03
          // erasure). The UNIQUE pair lets events and materials reference their commune through
          // their convention, so the two cannot disagree.
          {"CREATE TABLE conventions (convention_id TEXT PRIMARY KEY, "
           "commune TEXT NOT NULL REFERENCES communes(insee), "
           "mutuelle TEXT NOT NULL REFERENCES partner_mutuelles(code), scheme TEXT, place TEXT, "
           "signed_on TEXT NOT NULL, effect TEXT NOT NULL, max_renewals INTEGER NOT NULL, "
           "notice_months INTEGER NOT NULL, remedy_days INTEGER NOT NULL, "
           "termination_notice_months INTEGER NOT NULL, alert_days INTEGER NOT NULL, "
           "commune_signatory TEXT, mutuelle_signatory TEXT, commune_dpo TEXT, "
           "mutuelle_dpo TEXT, commune_contact TEXT, mutuelle_contact TEXT, "
           "recorded TEXT NOT NULL, contacts_erased TEXT, UNIQUE (convention_id, commune))",
           true},
          {"CREATE INDEX conventions_by_commune ON conventions (commune, convention_id)"},
          // PAR-03, PAR-04: registered letters; `party` is "commune" | "mutuelle" (or NULL).
          {"CREATE TABLE convention_notices (notice_id INTEGER PRIMARY KEY, "
           "convention_id TEXT NOT NULL REFERENCES conventions(convention_id), "
           "sent TEXT NOT NULL, received TEXT NOT NULL, party TEXT, reference TEXT)"},
          {"CREATE INDEX convention_notices_by_convention ON convention_notices "
           "(convention_id, notice_id)"},
          {"CREATE TABLE convention_breaches (breach_id INTEGER PRIMARY KEY, "
           "convention_id TEXT NOT NULL REFERENCES conventions(convention_id), "
           "formal_notice TEXT NOT NULL, remedied TEXT, party TEXT, termination_notified TEXT, "
           "reason TEXT)"},
          {"CREATE INDEX convention_breaches_by_convention ON convention_breaches "
           "(convention_id, breach_id)"},
          // PAR-01: avenants, numbered per convention; their changes one row per field, in the
          // order given.
          {"CREATE TABLE convention_amendments (amendment_id INTEGER PRIMARY KEY, "
           "convention_id TEXT NOT NULL REFERENCES conventions(convention_id), "
           "number INTEGER NOT NULL, signed_on TEXT NOT NULL, effective TEXT NOT NULL, "
           "summary TEXT, recorded TEXT NOT NULL, UNIQUE (convention_id, number))"},
          {"CREATE TABLE convention_amendment_changes (amendment_id INTEGER NOT NULL "
           "REFERENCES convention_amendments(amendment_id), position INTEGER NOT NULL, "
           "field TEXT NOT NULL, old_value TEXT, new_value TEXT, "
           "PRIMARY KEY (amendment_id, position))",
           true},
          // PAR-05: listed by commune or convention, then by date and start time.
          {"CREATE TABLE partner_events (event_id INTEGER PRIMARY KEY, "
           "convention_id TEXT NOT NULL, commune TEXT NOT NULL, kind TEXT NOT NULL, "
           "event_date TEXT NOT NULL, start_minute INTEGER NOT NULL, "
           "end_minute INTEGER NOT NULL, place TEXT NOT NULL, room TEXT, status TEXT NOT NULL, "
           "attendees INTEGER, notes TEXT, recorded TEXT NOT NULL, "
           "FOREIGN KEY (convention_id, commune) REFERENCES conventions(convention_id, commune))"},
          {"CREATE INDEX partner_events_by_commune ON partner_events "
           "(commune, event_date, start_minute)"},
          {"CREATE INDEX partner_events_by_convention ON partner_events "
           "(convention_id, event_date, start_minute)"},
          {"CREATE TABLE partner_materials (material_id INTEGER PRIMARY KEY, "
           "convention_id TEXT NOT NULL, commune TEXT NOT NULL, title TEXT NOT NULL, "
           "medium TEXT NOT NULL, reference TEXT, version INTEGER NOT NULL, "
           "replaces INTEGER REFERENCES partner_materials(material_id), status TEXT NOT NULL, "
           "submitted TEXT NOT NULL, decided TEXT, decided_by TEXT, comment TEXT, "
           "published TEXT, "
           "FOREIGN KEY (convention_id, commune) REFERENCES conventions(convention_id, commune))"},
          {"CREATE INDEX partner_materials_by_commune ON partner_materials (commune, material_id)"},
          {"CREATE INDEX partner_materials_by_convention ON partner_materials "
           "(convention_id, material_id)"},
          // ELIG-10, PAR-09: what a regional subscription records beyond the contract (whose
          // commune and link stay on the contract); clustered like contracts for merged scans.
          {"CREATE TABLE regional_subscriptions (contract_id TEXT PRIMARY KEY "
           "REFERENCES contracts(contract_id), "
           "convention_id TEXT REFERENCES conventions(convention_id), priority_public TEXT, "
           "no_collective_cover TEXT, informed_100s TEXT, recorded TEXT NOT NULL)",
           true},
          // PAR-08, PAR-10: the checks and the contracts of a commune, for its yearly report.
          {"ALTER TABLE css_checks ADD COLUMN commune TEXT"},
          {"CREATE INDEX css_checks_by_commune ON css_checks (commune, check_date)"},
          {"CREATE INDEX contracts_by_commune ON contracts (commune)"},
      }});
  all.push_back(Migration{
      8,
      "back office: users and the audit trail",
      {
          // Staff, partner communes and members who sign in: argon2id hashes only.
          {"CREATE TABLE users (username TEXT PRIMARY KEY, password_hash TEXT NOT NULL, "
           "role TEXT NOT NULL, commune TEXT, contract_id TEXT, created TEXT NOT NULL, "
           "disabled INTEGER NOT NULL)",
           true},
          // GDPR-02: who read or changed what, when, from where. Append-only: the triggers
          // refuse any UPDATE or DELETE (each database's own trigger syntax).
          {"CREATE TABLE audit_log (entry_id INTEGER PRIMARY KEY, at TEXT NOT NULL, "
           "username TEXT NOT NULL, role TEXT NOT NULL, action TEXT NOT NULL, "
           "resource TEXT NOT NULL, target TEXT NOT NULL, remote TEXT NOT NULL, "
           "outcome TEXT NOT NULL)"},
          {"CREATE INDEX audit_by_user ON audit_log (username, entry_id)"},
          // Member search by name (the back office's first screen).
          {"CREATE INDEX beneficiaries_by_last_name ON beneficiaries (last_name COLLATE NOCASE)"},
          {"CREATE INDEX audit_by_target ON audit_log (target, entry_id)"},
          {"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN "
           "SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
           false,
           "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
           "$$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$; "
           "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
           "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"},
          {"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN "
           "SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
           false,
           "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
           "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"},
      }});
  all.push_back(Migration{
      9,
      "personal data: requests of data subjects, opposition flags, rectifications of persons, "
      "anonymised contracts",
      {
          // GDPR-01: each request a tracked case with its one-month deadline; no foreign key:
          // a request may concern a person of an enrolment file not yet a contract.
          {"CREATE TABLE privacy_requests (request_id INTEGER PRIMARY KEY, "
           "kind TEXT NOT NULL CHECK (kind IN ('access', 'portability', 'rectification', "
           "'erasure', 'opposition', 'limitation')), beneficiary_id TEXT NOT NULL, "
           "contract_id TEXT NOT NULL, received TEXT NOT NULL, deadline TEXT NOT NULL, "
           "status TEXT NOT NULL CHECK (status IN ('open', 'done', 'refused')), closed TEXT, "
           "reason TEXT, rule TEXT, details TEXT)"},
          {"CREATE INDEX privacy_requests_by_beneficiary ON privacy_requests "
           "(beneficiary_id, request_id)"},
          {"CREATE INDEX privacy_requests_by_status ON privacy_requests (status, request_id)"},
          // GDPR-04: every change of a person's flags is kept; the latest (by id) is in force.
          {"CREATE TABLE privacy_oppositions (opposition_id INTEGER PRIMARY KEY, "
           "beneficiary_id TEXT NOT NULL, surveys INTEGER NOT NULL CHECK (surveys IN (0, 1)), "
           "extra_offers INTEGER NOT NULL CHECK (extra_offers IN (0, 1)), "
           "effective TEXT NOT NULL, "
           "request_id INTEGER REFERENCES privacy_requests(request_id))"},
          {"CREATE INDEX privacy_oppositions_by_beneficiary ON privacy_oppositions "
           "(beneficiary_id, opposition_id)"},
          // GDPR-01: rectifications of a person's identity keep the old value (as
          // contract_changes do for the contract's own fields).
          {"CREATE TABLE person_changes (change_id INTEGER PRIMARY KEY, "
           "beneficiary_id TEXT NOT NULL, "
           "contract_id TEXT NOT NULL REFERENCES contracts(contract_id), field TEXT NOT NULL, "
           "old_value TEXT, new_value TEXT, effective TEXT NOT NULL, recorded TEXT NOT NULL, "
           "request_id INTEGER REFERENCES privacy_requests(request_id))"},
          {"CREATE INDEX person_changes_by_contract ON person_changes (contract_id, change_id)"},
          // GDPR-03: the contracts anonymised once their retention ended, and when.
          {"CREATE TABLE privacy_erasures (contract_id TEXT PRIMARY KEY "
           "REFERENCES contracts(contract_id), ended TEXT NOT NULL, erased TEXT NOT NULL, "
           "request_id INTEGER REFERENCES privacy_requests(request_id))",
           true},
      }});
  all.push_back(Migration{
      11,
      "benefit tables dated by year (BEN-17)",
      {
          // BEN-17: a product's benefit table of one year, never edited once stored (as
          // tariffs, TAR-05); products.benefits_json stays the undated table.
          {"CREATE TABLE benefit_tables (product TEXT NOT NULL REFERENCES products(code), "
           "year INTEGER NOT NULL, decided TEXT NOT NULL, decision_ref TEXT NOT NULL, "
           "benefits_json TEXT NOT NULL, PRIMARY KEY (product, year))",
           true},
      }});
  all.push_back(Migration{
      12,
      "member lifecycle (issue 15): imported children are minors (ELIG-11), annual calls as "
      "sent (L221-10-1), resignation letters' sending date and the new insurer (DEM-07..09)",
      {
          // ELIG-11: a child stored without a condition is a minor; its end of rights (ELIG-07)
          // is computed by the application on the first writing command after this migration
          // (app/lifecycle.hpp settle_child_ends), which clears this setting.
          {"UPDATE beneficiaries SET condition = 'minor' WHERE role = 'child' AND condition IS NULL"},
          {"INSERT INTO billing_settings (name, value) VALUES ('child_ends_pending', '1')"},
          // L221-10-1: each annual call as sent: when, how, and the last day to resign it stated
          // (NULL: not stated, DEM-08).
          {"CREATE TABLE call_sendings (contract_id TEXT NOT NULL "
           "REFERENCES contracts(contract_id), year INTEGER NOT NULL, sent TEXT NOT NULL, "
           "channel TEXT NOT NULL, last_day TEXT, recorded TEXT NOT NULL, "
           "PRIMARY KEY (contract_id, year))",
           true},
          {"ALTER TABLE terminations ADD COLUMN sent TEXT"},
          {"ALTER TABLE terminations ADD COLUMN new_insurer TEXT"},
      }});
  all.push_back(Migration{
      13,
      "documents (issue 15): the tiers-payant card's AMC number and convention type (organism), "
      "the tiers-payant domains of each product (NULL: derived from its benefits), DOC-01",
      {
          {"ALTER TABLE organism ADD COLUMN amc_number TEXT"},
          {"ALTER TABLE organism ADD COLUMN tiers_payant_convention TEXT"},
          {"ALTER TABLE products ADD COLUMN tiers_payant TEXT"},
      }});
  all.push_back(Migration{
      14,
      "several nodes (issue 16): back-office sessions and sign-in attempts in the database",
      {
          // GDPR-02: a session of the back office, shared by every `mutua serve` on this
          // database. Only the SHA-256 of the token (the cookie) is kept: a copy of the database
          // opens no session. The CSRF token is kept as is (it is shown by GET /api/me and is
          // worthless without the cookie). Times are Unix seconds (UTC); `expires` is the
          // earlier of the idle and the total limit, for the purge.
          {"CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, csrf TEXT NOT NULL, "
           "username TEXT NOT NULL, role TEXT NOT NULL, commune TEXT NOT NULL, "
           "contract_id TEXT NOT NULL, created BIGINT NOT NULL, last_seen BIGINT NOT NULL, "
           "expires BIGINT NOT NULL)",
           true},
          {"CREATE INDEX sessions_by_expiry ON sessions (expires)"},
          // GDPR-02: sign-in attempts counted per key ("pair:", "address:" or "user:" and what
          // it names) in a window opened by the first attempt; `last_at` is the latest counted
          // attempt (its failure, once known), `previous_at` what `last_at` was before the
          // latest count (the backoff runs from it).
          {"CREATE TABLE login_attempts (attempt_key TEXT PRIMARY KEY, "
           "window_start BIGINT NOT NULL, attempts BIGINT NOT NULL, last_at BIGINT NOT NULL, "
           "previous_at BIGINT NOT NULL)",
           true},
          {"CREATE INDEX login_attempts_by_window ON login_attempts (window_start)"},
      }});
  all.push_back(Migration{
      15,
      "batches split across processes (issue 16): a work queue of key ranges per batch",
      {
          // A batch (billing run, dunning run) cut into chunks of key ranges that any process
          // of the same kind and business date takes, one at a time, under a row lock. `state`:
          // open (chunks left), done, or abandoned (a later run of another business date
          // replaced it). At most one open batch per kind.
          {"CREATE TABLE batch_runs (batch_id INTEGER PRIMARY KEY, kind TEXT NOT NULL, "
           "business_date TEXT NOT NULL, chunks BIGINT NOT NULL, state TEXT NOT NULL "
           "CHECK (state IN ('open', 'done', 'abandoned')), "
           "started_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, ended_at TEXT)"},
          {"CREATE UNIQUE INDEX batch_runs_one_open ON batch_runs (kind) WHERE state = 'open'"},
          // A chunk: the keys in (after_key, last_key]; an empty last_key is unbounded (the last
          // chunk takes what was added after the plan). `worker` names the process that did it.
          {"CREATE TABLE batch_chunks (batch_id BIGINT NOT NULL REFERENCES batch_runs (batch_id), "
           "chunk BIGINT NOT NULL, after_key TEXT NOT NULL, last_key TEXT NOT NULL, "
           "state TEXT NOT NULL CHECK (state IN ('todo', 'done')), worker TEXT, "
           "PRIMARY KEY (batch_id, chunk))",
           true},
      }});
  return all;
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = build();
  return all;
}

namespace {

void replace_all(std::string& sql, std::string_view from, std::string_view to) {
  for (size_t at = sql.find(from); at != std::string::npos; at = sql.find(from, at + to.size())) {
    sql.replace(at, from.size(), to);
  }
}

std::string sqlite_form(const MigrationStatement& statement) {
  std::string sql = statement.sql;
  replace_all(sql, " BIGINT", " INTEGER");
  if (sql.rfind("CREATE TABLE", 0) == 0) {
    sql += statement.clustered ? " WITHOUT ROWID, STRICT" : " STRICT";
  }
  return sql;
}

std::string postgres_form(const MigrationStatement& statement) {
  if (!statement.postgres.empty()) return statement.postgres;
  std::string sql = statement.sql;
  // SQLite's rowid alias: a 64-bit key the database assigns unless the insert gives one.
  replace_all(sql, " INTEGER PRIMARY KEY", " BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
  replace_all(sql, " BIGINT PRIMARY KEY", " BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
  replace_all(sql, " INTEGER", " BIGINT");
  replace_all(sql, " BLOB", " BYTEA");
  // Texts compare and sort byte by byte, as SQLite's BINARY does, whatever the server's locale:
  // ids, keys and names order the same on both databases (and a ledger dump is identical).
  replace_all(sql, " TEXT", " TEXT COLLATE \"C\"");
  replace_all(sql, "(last_name COLLATE NOCASE)", "(lower(last_name) text_pattern_ops)");
  return sql;
}

}  // namespace

std::string dialect_sql(const MigrationStatement& statement, sql::Dialect dialect) {
  return dialect == sql::Dialect::kPostgres ? postgres_form(statement) : sqlite_form(statement);
}

}  // namespace mutua

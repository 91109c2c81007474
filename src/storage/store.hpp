// Store: the one persistence interface of mutua. Domain modules never see SQL; app/ use cases
// load values through it, decide, and write the results in one transaction.
//
// Implementations: SQLite (default, embedded: storage/sqlite_store.*) and, later, PostgreSQL.
// Only portable SQL is used outside an implementation's own files; the schema is created by
// numbered migrations (storage/migrations.*), applied idempotently by migrate().
//
// Failures of the database itself (I/O, corruption, locked) throw StoreError: they are broken
// infrastructure, caught at the CLI edge (exit 1). Expected refusals are Result values.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "billing/dunning.hpp"
#include "billing/ledger.hpp"
#include "billing/records.hpp"
#include "catalogue/catalogue.hpp"
#include "claims/accumulator.hpp"
#include "claims/records.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "members/contract.hpp"
#include "members/lifecycle.hpp"
#include "members/rights.hpp"
#include "partners/events.hpp"
#include "partners/materials.hpp"
#include "partners/partnership.hpp"
#include "partners/regional.hpp"
#include "privacy/opposition.hpp"
#include "privacy/request.hpp"

namespace mutua {

// A member-reported change of situation or bank details (REG art. 22), kept as history.
struct ContractChange {
  int64_t id = 0;
  std::string contract_id;
  std::string field;  // "email", "iban", "address", "employer", "status", "payment_frequency"
  std::string old_value;
  std::string new_value;
  Date effective{};
  Date recorded{};
};

// An enrolment file until its contract exists (ADH-01): the signed request and the items received,
// as one JSON document written by app/ (storage does not interpret it).
struct EnrolmentRecord {
  std::string contract_id;
  std::string status;  // "incomplete" | "active"
  Date signed_on{};
  std::string document;                     // JSON
  std::vector<std::string> beneficiary_ids; // registered in enrolment_persons (once)
};

// A generated document (DOC-02), registered with its date.
struct DocumentRecord {
  int64_t id = 0;
  std::string contract_id;
  std::string kind;
  Date issued{};
  std::string file;
};

// A rectification of a person's identity (GDPR-01): the old value is kept, never overwritten.
struct PersonChange {
  int64_t id = 0;
  std::string beneficiary_id;
  std::string contract_id;
  std::string field;  // "last_name", "first_name", "birth_date", "nir"
  std::string old_value;
  std::string new_value;
  Date effective{};
  Date recorded{};
  std::optional<int64_t> request_id;  // the rectification request it answers, if any
  friend bool operator==(const PersonChange&, const PersonChange&) = default;
};

// A contract anonymised once its retention ended (GDPR-03).
struct ErasureRecord {
  std::string contract_id;
  Date ended{};   // end of the adhesion
  Date erased{};  // business date of the anonymisation
  std::optional<int64_t> request_id;  // the erasure request it answers, if any
  friend bool operator==(const ErasureRecord&, const ErasureRecord&) = default;
};

// A CSS check recorded for the regional scheme (PAR-08): the household's figures and the
// decision, under the reference the user gave (no name: a reference only).
struct CssCheckRecord {
  int64_t id = 0;
  std::string reference;
  Date check_date{};  // the date of the request
  Date recorded{};    // the business date
  int persons = 0;
  int alternating_custody = 0;  // of `persons`, children counted half (none accepted yet)
  Money resources;
  std::string result;  // "free" | "participatory" | "not_eligible"
  Money ceiling;
  Money monthly_participation;
  std::string table;   // validity of the table used, "FROM..TO"
  std::string regime;  // "general" | "alsace_moselle"
  std::string commune;  // INSEE code of the commune where the check was made (PAR-10); may be empty
};

// A convention as stored: as signed, with its notices, breaches and amendments (PAR-01..04).
struct ConventionRecord {
  Convention convention;  // as signed (amendments are applied by partners/partnership.hpp)
  std::vector<NonRenewalNotice> notices;
  std::vector<BreachNotice> breaches;
  std::vector<Amendment> amendments;  // by number
};

// Which events to list: every filter set must match. Events come by date, then start, then id.
struct EventFilter {
  std::string commune;
  std::string convention_id;
  std::optional<Date> from;
  std::optional<Date> to;
};

// Someone who signs in to the back office (staff, a partner commune, a member).
struct UserRecord {
  std::string username;
  std::string password_hash;  // argon2id, libsodium's string form
  std::string role;           // access/access.hpp role name
  std::string commune;        // partner_commune: its INSEE code
  std::string contract_id;    // member: its contract
  Date created{};
  bool disabled = false;
  friend bool operator==(const UserRecord&, const UserRecord&) = default;
};

// One line of the audit trail (GDPR-02): who read or changed what, when, from where.
struct AuditEntry {
  int64_t id = 0;
  std::string at;        // UTC, "YYYY-MM-DDTHH:MM:SSZ"
  std::string username;
  std::string role;
  std::string action;    // "read" | "write" | "login" | "logout" | "denied"
  std::string resource;  // what kind: "contract", "care_lines", "report", ...
  std::string target;    // which one: a contract id, a commune...
  std::string remote;    // the client's address
  std::string outcome;   // "ok" | "denied" | "failed" | an HTTP status
  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

// A back-office session as stored (issue 16: every node reads the same ones). Never the token
// itself: its SHA-256 (security/security.hpp token_digest). Times are Unix seconds (UTC).
struct SessionRecord {
  std::string token_hash;
  std::string csrf;
  std::string username;
  std::string role;         // access/access.hpp role name
  std::string commune;      // partner_commune: its INSEE code
  std::string contract_id;  // member: its contract
  int64_t created = 0;
  int64_t last_seen = 0;
  int64_t expires = 0;  // the earlier of its idle and its total limit
  friend bool operator==(const SessionRecord&, const SessionRecord&) = default;
};

// One sign-in attempt key's count in its window, as left by the attempt just counted.
struct LoginAttemptCount {
  int64_t attempts = 0;      // in the window, the one just counted included
  int64_t window_start = 0;  // the first attempt of the window (Unix seconds)
  int64_t previous_at = 0;   // the attempt counted before this one (0: none in the window)
};

// Which audit entries to list, newest first; empty fields match anything; `from`/`to` compare
// with `at` as text (a date "YYYY-MM-DD" works as a prefix bound).
struct AuditFilter {
  std::string username;
  std::string action;
  std::string resource;
  std::string target;
  std::string from;
  std::string to;
  int limit = 200;
};

// A contract found by the back office's search.
struct ContractMatch {
  std::string contract_id;
  std::string product;
  std::string last_name;   // the member's
  std::string first_name;
  Date start{};
  std::optional<Date> end;
};

// A table of the database as `mutua db` reads it: its name and its columns in declaration order.
struct TableShape {
  std::string name;
  std::vector<std::string> columns;
};

// One value of a row read by Store::for_each_row: NULL (no text), or its text (integers and
// booleans in decimal, reals as the database writes them, text as stored), or for a binary
// value its raw bytes (`binary`).
struct RawValue {
  std::optional<std::string> text;
  bool binary = false;
};

// Σ of the ledger's debits and credits on one account (the trial balance of `mutua db stats`).
struct AccountTotals {
  std::string account;
  Money debits;
  Money credits;
};

// What a write transaction excludes (Store::begin).
enum class TxMode { kExclusive, kShared };

// Keys in (after, last]; an empty `last` is unbounded.
struct KeyRange {
  std::string after;
  std::string last;
  friend bool operator==(const KeyRange&, const KeyRange&) = default;
};

// A batch split across processes (migration 15) and one of its chunks.
struct BatchRun {
  int64_t id = 0;
  std::string kind;
  Date business_date{};
  int64_t chunks = 0;
};
struct BatchChunk {
  int64_t batch_id = 0;
  int64_t chunk = 0;
  KeyRange range;
};

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The database is held by another writer (SQLite busy or locked past the busy timeout): the
// operation wrote nothing and may be retried later. The server answers 503 with Retry-After.
class StoreBusy : public StoreError {
 public:
  using StoreError::StoreError;
};

class Store {
 public:
  virtual ~Store() = default;

  // Opens a target: a file path (SQLite, created if missing) or a postgresql:// URI.
  static std::unique_ptr<Store> open(const std::string& target);
  // Opens an existing database for reading only (a file the user may not write): nothing is
  // created or migrated; a schema other than this binary's latest is refused (StoreError).
  static std::unique_ptr<Store> open_read_only(const std::string& target);

  // Creates or upgrades the schema to the latest migration. Idempotent. A database whose schema
  // is newer than this binary's is refused (StoreError) before anything is written.
  virtual void migrate() = 0;
  // "ok", or what SQLite's check found (`quick`: the cheaper PRAGMA quick_check).
  virtual std::string integrity_check(bool quick) = 0;
  // Highest migration applied (0 for an empty database).
  virtual int schema_version() = 0;

  // Explicit transactions; use Transaction below rather than calling these directly. They nest:
  // an inner begin() opens a savepoint of the outer transaction, so a use case run inside a
  // caller's transaction (the HTTP layer's write and its audit entry) commits with it.
  // kExclusive: one writer at a time (SQLite BEGIN IMMEDIATE; PostgreSQL the writer lock).
  // kShared: a chunk of a batch split across processes (app/batch_queue.hpp): on PostgreSQL
  // the writer lock in shared mode, so the chunks of one batch, which touch disjoint contracts,
  // run together while every other writer waits for them and they for it; SQLite: as exclusive.
  virtual void begin(TxMode mode = TxMode::kExclusive) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;

  // --- Catalogue ------------------------------------------------------------------------
  // Inserts or updates a product's descriptive fields, benefits and promotions.
  virtual void upsert_product(const Product& product) = 0;
  // The stored tariff of a product for a year, if any (TAR-05: versions are never edited).
  virtual std::optional<Tariff> find_tariff(const std::string& product, int year) = 0;
  // Inserts a new tariff version; the (product, year) must not exist yet.
  virtual void insert_tariff(const std::string& product, const Tariff& tariff) = 0;
  // The stored benefit table of a product for a year, if any (BEN-17: never edited).
  virtual std::optional<BenefitTable> find_benefit_table(const std::string& product, int year) = 0;
  // Inserts a new dated benefit table; the (product, year) must not exist yet.
  virtual void insert_benefit_table(const std::string& product, const BenefitTable& table) = 0;
  // The organism running the catalogue (one per database); replaces the stored one.
  virtual void save_organism(const Organism& organism) = 0;
  // The whole stored catalogue (organism, products by code with every tariff version and every
  // dated benefit table, ascending by year).
  virtual Catalogue load_catalogue() = 0;

  // --- Members --------------------------------------------------------------------------
  virtual std::optional<Contract> find_contract(const std::string& contract_id) = 0;
  // Which of the given beneficiary ids are already stored (for duplicate detection on import).
  virtual std::vector<std::string> existing_beneficiaries(const std::vector<std::string>& ids) = 0;
  // Inserts contracts and their beneficiaries (within the caller's transaction).
  virtual void insert_contracts(const std::vector<Contract>& contracts) = 0;
  // Streams every contract with its beneficiaries, ordered by contract id, member first.
  virtual void for_each_contract(const std::function<void(const Contract&)>& visit) = 0;
  virtual long long count_contracts() = 0;
  virtual long long count_beneficiaries() = 0;
  // A page of contracts read by key: at most `limit` (> 0) contracts whose id is greater than
  // `after` ("" for the first page), by contract id, each with its beneficiaries, member first.
  // No cursor outlives the call, so a batch may commit between two pages (next page: after the
  // last id of this one; an empty page: the end).
  virtual std::vector<Contract> contracts_after(const std::string& after, int64_t limit) = 0;
  // Only their ids, the same order (a batch's plan: app/batch_queue.hpp).
  virtual std::vector<std::string> contract_ids_after(const std::string& after,
                                                      int64_t limit) = 0;

  // Suspensions of rights (SUS-01) and the contribution status of contracts (BEN-09).
  virtual void insert_suspension(const Suspension& suspension) = 0;
  virtual std::vector<Suspension> suspensions(const std::string& contract_id) = 0;
  virtual void for_each_suspension(const std::function<void(const Suspension&)>& visit) = 0;
  // Those of the contracts whose id lies in [first, last], by contract id then start.
  virtual std::vector<Suspension> suspensions_between(const std::string& first,
                                                      const std::string& last) = 0;
  virtual void set_collection_status(const std::string& contract_id, CollectionStatus status,
                                     Date since) = 0;
  // Contracts whose status is not up to date, with the date it took effect.
  virtual void for_each_collection_status(
      const std::function<void(const std::string& contract_id, const CollectionState&)>& visit) = 0;

  // The contribution status of one contract (none: up to date).
  virtual std::optional<CollectionState> collection_status(const std::string& contract_id) = 0;

  // --- Lifecycle ------------------------------------------------------------------------
  // Replaces a contract's own fields (not its beneficiaries).
  virtual void update_contract(const Contract& contract) = 0;
  // Appends a beneficiary to a stored contract.
  virtual void insert_beneficiary(const std::string& contract_id, const Beneficiary& b) = 0;
  // Sets (or clears) a beneficiary's end of rights and the rule that set it.
  virtual void update_beneficiary_end(const std::string& beneficiary_id, std::optional<Date> end,
                                      const std::string& reason) = 0;
  // The contract holding a beneficiary, if any.
  virtual std::optional<std::string> contract_of_beneficiary(const std::string& beneficiary_id) = 0;

  // Proofs of dependants' conditions (ELIG-08). insert_proof returns the new id.
  virtual int64_t insert_proof(const Proof& proof) = 0;
  virtual std::vector<Proof> proofs(const std::string& beneficiary_id) = 0;
  virtual void for_each_proof(const std::function<void(const Proof&)>& visit) = 0;

  virtual void insert_product_change(const ProductChange& change) = 0;
  virtual std::vector<ProductChange> product_changes(const std::string& contract_id) = 0;
  virtual void for_each_product_change(const std::function<void(const ProductChange&)>& visit) = 0;
  // Those of the contracts whose id lies in [first, last], by contract id then effective date.
  virtual std::vector<ProductChange> product_changes_between(const std::string& first,
                                                             const std::string& last) = 0;

  // One termination per contract (resignation or radiation); save replaces it.
  virtual void save_termination(const Termination& termination) = 0;
  virtual std::optional<Termination> find_termination(const std::string& contract_id) = 0;
  virtual void for_each_termination(const std::function<void(const Termination&)>& visit) = 0;

  // Annual calls as sent (L221-10-1, DEM-07/08): one per contract and year; save replaces.
  virtual void save_call_sendings(const std::vector<CallSending>& calls) = 0;
  virtual std::vector<CallSending> call_sendings(const std::string& contract_id) = 0;

  virtual void insert_contract_change(const ContractChange& change) = 0;
  virtual std::vector<ContractChange> contract_changes(const std::string& contract_id) = 0;

  // Enrolments; save inserts or replaces the file and registers its persons (again: no-op).
  virtual void save_enrolment(const EnrolmentRecord& enrolment) = 0;
  virtual std::optional<EnrolmentRecord> find_enrolment(const std::string& contract_id) = 0;
  virtual std::optional<std::string> enrolment_of_beneficiary(const std::string& beneficiary_id) = 0;
  virtual void for_each_enrolment(const std::function<void(const EnrolmentRecord&)>& visit) = 0;

  virtual int64_t insert_document(const DocumentRecord& document) = 0;
  virtual std::vector<DocumentRecord> documents(const std::string& contract_id) = 0;
  // The terminations of the contracts whose id lies in [first, last], by contract id (a page of
  // contracts_after).
  virtual std::vector<Termination> terminations_between(const std::string& first,
                                                        const std::string& last) = 0;

  // --- Billing (BIL-01..06), SEPA (BIL-03), dunning (DUN-01..05) -------------------------
  // Small named settings of billing ("start_year": the first year the ledger bills).
  virtual std::optional<std::string> billing_setting(const std::string& name) = 0;
  virtual void set_billing_setting(const std::string& name, const std::string& value) = 0;
  // Schedules: one per contract-year; save inserts or replaces.
  virtual void save_schedules(const std::vector<BillingSchedule>& schedules) = 0;
  virtual std::vector<BillingSchedule> schedules(const std::string& contract_id) = 0;
  // The schedules of `year` of the contracts whose id lies in [first, last].
  virtual std::vector<BillingSchedule> schedules_between(int year, const std::string& first,
                                                         const std::string& last) = 0;
  // Every schedule of `year`, ordered by contract id.
  virtual void for_each_schedule(int year,
                                 const std::function<void(const BillingSchedule&)>& visit) = 0;
  // Ledger. Inserts the entries whose key is not stored yet (assigning their ids) and returns
  // how many were new; an entry whose key exists is left as stored (idempotency).
  virtual int64_t post_entries(std::vector<Entry>& entries) = 0;
  virtual std::optional<Entry> find_entry(const std::string& key) = 0;
  // The contract's entries, by date then id.
  virtual std::vector<Entry> entries(const std::string& contract_id) = 0;
  // Σ debits − Σ credits of each account over the whole ledger (BIL-04: sums to zero).
  virtual std::vector<std::pair<std::string, Money>> trial_balance() = 0;
  virtual long long count_entries() = 0;
  // Pages of the member accounts by key (a dunning run decides which are overdue, DUN-01, in
  // billing/overdue.hpp): the ids of the first `limit` contracts after `after` (by id) that have
  // any ledger entry; and the entries moving account 411 (debit or credit) of the contracts whose
  // id is in (after, last], dated ≤ `through`, by contract id, then date, then id.
  virtual std::vector<std::string> ledger_contracts_after(const std::string& after,
                                                          int64_t limit) = 0;
  virtual std::vector<Entry> receivable_entries(const std::string& after, const std::string& last,
                                                Date through) = 0;
  // Mandates (BIL-03): insert ignores a RUM already stored.
  virtual void insert_mandates(const std::vector<Mandate>& mandates) = 0;
  virtual void set_mandate_used(const std::string& rum, bool used) = 0;
  // Marks used every mandate with a FRST debit in the batch (one statement, BIL-03).
  virtual void mark_first_debits_used(int64_t batch_id) = 0;
  // A mandate the bank says cannot be used again (closed account, no mandate...).
  virtual void revoke_mandate(const std::string& rum) = 0;
  // A page of the schedules of `year` by key: the first `limit` schedules whose contract id is
  // after `after`; those of contracts with a mandate come back with all their mandates, the
  // member's name and end of rights (CollectionCandidate, by contract id). The export chooses the
  // mandate (BIL-03).
  virtual CollectionPage collection_page(int year, const std::string& after, int64_t limit) = 0;
  // SEPA batches and their debits.
  virtual std::optional<SepaBatchRecord> find_batch(Date collection_date) = 0;
  // Every batch's id and collection date, in id order.
  virtual std::vector<BatchDate> batch_dates() = 0;
  virtual std::optional<SepaBatchRecord> find_batch_by_message(const std::string& message_id) = 0;
  virtual int64_t insert_batch(const SepaBatchRecord& batch) = 0;
  // The file a batch was (re)written to: the one settlement looks for.
  virtual void set_batch_file(int64_t batch_id, const std::string& file) = 0;
  // Batches whose collection date is on or before `through` and whose payments are not posted.
  virtual std::vector<SepaBatchRecord> unsettled_batches(Date through) = 0;
  virtual void mark_batch_settled(int64_t batch_id) = 0;
  // The debits of a batch without their mandate and member (amounts, ids, status), by id.
  virtual void for_each_debit_of_batch(int64_t batch_id,
                                       const std::function<void(const SepaDebitRecord&)>& visit) = 0;
  virtual void insert_sepa_debits(const std::vector<SepaDebitRecord>& debits) = 0;
  virtual std::vector<SepaDebitRecord> sepa_debits(int64_t batch_id) = 0;
  virtual std::optional<SepaDebitRecord> find_sepa_debit(const std::string& end_to_end_id) = 0;
  virtual void mark_debit_rejected(const std::string& end_to_end_id, const std::string& reason) = 0;
  // Dunning procedures: save inserts a case with id 0 (assigning it) or updates it.
  virtual void save_case(DunningCase& c) = 0;
  virtual std::optional<DunningCase> latest_case(const std::string& contract_id) = 0;
  virtual std::vector<DunningCase> cases(const std::string& contract_id) = 0;
  // Contracts with an open case whose id is in (after, last], in contract order.
  virtual std::vector<std::string> contracts_with_open_case(const std::string& after,
                                                            const std::string& last) = 0;
  virtual int64_t insert_waiver(const Waiver& waiver) = 0;
  virtual std::vector<Waiver> waivers(const std::string& contract_id) = 0;
  // The claims engine's view of the procedure (BEN-09): status, since, and the suspension date
  // kept after a termination (care during the suspension stays unpaid).
  virtual void set_collection(const std::string& contract_id, CollectionStatus status, Date since,
                              std::optional<Date> suspended_from) = 0;

  // --- Claims ---------------------------------------------------------------------------
  // Keeps memory low during a long batch (page cache of `cache_mib`, no memory map).
  virtual void limit_memory(int cache_mib) = 0;
  // The unfinished run of the input with this identity, if any (a run to resume).
  virtual std::optional<ClaimRunRecord> find_unfinished_claim_run(const std::string& identity) = 0;
  virtual std::optional<ClaimRunRecord> find_claim_run(int64_t run_id) = 0;
  // Stores a new run and returns its id.
  virtual int64_t insert_claim_run(const ClaimRunRecord& run) = 0;
  // Saves the checkpoint, status and summary of a run (in the chunk's transaction).
  virtual void update_claim_run(const ClaimRunRecord& run) = 0;
  virtual long long count_decisions() = 0;
  // Visits the (claim_id, line) key of every stored decision (duplicate detection, BEN-12).
  virtual void for_each_decision_key(
      const std::function<void(std::string_view claim_id, int line)>& visit) = 0;
  virtual bool decision_exists(std::string_view claim_id, int line) = 0;
  // The years of the care dates of every decided line, ascending, without repeats (BEN-17: the
  // benefit table in force in such a year is never changed).
  virtual std::vector<int> decided_care_years() = 0;
  virtual std::optional<StoredDecision> find_decision(const std::string& claim_id, int line) = 0;
  // Inserts decisions; their keys must not be stored yet.
  virtual void insert_decisions(const std::vector<StoredDecision>& decisions) = 0;
  // The whole accumulator state (BEN-08), and the entries of `changed` written back (their
  // values replace the stored ones).
  virtual void load_accumulators(AccumulatorState& state) = 0;
  virtual void save_accumulators(const AccumulatorState& state, const std::vector<UsageKey>& windows,
                                 const std::vector<UsageKey>& budgets) = 0;
  // Adds amounts and line counts to the payments of a run (one row per payee, BEN-13).
  virtual void add_claim_payments(int64_t run_id, const std::vector<PayeeTotal>& deltas) = 0;
  virtual std::vector<PayeeTotal> claim_payments(int64_t run_id) = 0;
  // Adds to the claims recoverable from liable third parties (BEN-14), one row per third party.
  virtual void add_claim_recoveries(int64_t run_id, const std::vector<RecoveryTotal>& deltas) = 0;
  virtual std::vector<RecoveryTotal> claim_recoveries(int64_t run_id) = 0;

  // --- Claims release (BEN-09, DUN-04) ---------------------------------------------------
  // The PENDING decisions of these contracts, in the order they were first decided (run id,
  // then claim_id, then line).
  virtual std::vector<StoredDecision> pending_decisions(
      const std::vector<std::string>& contract_ids) = 0;
  // Replaces a stored decision in place (same (claim_id, line) key: run id, status, amounts,
  // reasons, detail); the key must be stored.
  virtual void replace_decision(const StoredDecision& decision) = 0;
  // Every decision of one contract, by claim and line (the back office's care lines).
  virtual std::vector<StoredDecision> contract_decisions(const std::string& contract_id) = 0;
  // The PAID decisions of one contract (undue benefits after a retroactive end, CES-01).
  virtual std::vector<StoredDecision> paid_decisions(const std::string& contract_id) = 0;
  // The accumulator entries (BEN-08) of these beneficiaries only, restored into `state`.
  virtual void load_accumulators_of(const std::vector<std::string>& beneficiary_ids,
                                    AccumulatorState& state) = 0;
  // --- Regional scheme (PAR) --------------------------------------------------------------
  // CSS checks (PAR-08): insert returns the new id; the checks of a reference, in id order.
  virtual int64_t insert_css_check(const CssCheckRecord& check) = 0;
  virtual std::vector<CssCheckRecord> css_checks(const std::string& reference) = 0;
  // The checks recorded with this commune, dated in [from, to], in id order.
  virtual std::vector<CssCheckRecord> css_checks_of_commune(const std::string& commune, Date from,
                                                            Date to) = 0;

  // Communes and partner mutuelles: save inserts or replaces (by INSEE code / code).
  virtual void save_commune(const Commune& commune) = 0;
  virtual std::optional<Commune> find_commune(const std::string& insee) = 0;
  virtual void save_partner_mutuelle(const PartnerMutuelle& mutuelle) = 0;
  virtual std::optional<PartnerMutuelle> find_partner_mutuelle(const std::string& code) = 0;

  // Conventions (PAR-01). insert: the id must be new. The stored convention is never updated,
  // except its contacts by the retention job (update_convention_contacts, GDPR-03).
  virtual void insert_convention(const Convention& convention) = 0;
  virtual std::optional<ConventionRecord> find_convention(const std::string& id) = 0;
  // Every convention (of one commune when `commune` is not empty), by id, with its notices,
  // breaches and amendments.
  virtual std::vector<ConventionRecord> conventions(const std::string& commune) = 0;
  virtual void update_convention_contacts(const std::string& id, const ConventionContacts& contacts,
                                          std::optional<Date> erased) = 0;
  // Non-renewal notices (PAR-03) and breaches (PAR-04); insert returns the new id.
  virtual int64_t insert_notice(const std::string& convention_id,
                                const NonRenewalNotice& notice) = 0;
  virtual int64_t insert_breach(const std::string& convention_id, const BreachNotice& breach) = 0;
  // Replaces the remedy and termination dates of a stored breach.
  virtual void update_breach(const BreachNotice& breach) = 0;
  // The breach and the id of its convention.
  virtual std::optional<std::pair<std::string, BreachNotice>> find_breach(int64_t id) = 0;
  // Amendments with their changes; insert returns the new id. replace_amendment_changes rewrites
  // the changes of a stored amendment (retention only).
  virtual int64_t insert_amendment(const Amendment& amendment) = 0;
  virtual void replace_amendment_changes(const Amendment& amendment) = 0;

  // Events (PAR-05): insert returns the new id; update replaces status, attendees and notes.
  virtual int64_t insert_event(const PartnerEvent& event) = 0;
  virtual void update_event(const PartnerEvent& event) = 0;
  virtual std::optional<PartnerEvent> find_event(int64_t id) = 0;
  virtual std::vector<PartnerEvent> events(const EventFilter& filter) = 0;

  // Materials under review (PAR-05): insert returns the new id; update replaces the status and
  // the decision and publication fields.
  virtual int64_t insert_material(const Material& material) = 0;
  virtual void update_material(const Material& material) = 0;
  virtual std::optional<Material> find_material(int64_t id) = 0;
  // The materials of a commune (or every one when empty) and/or of a convention, by id.
  virtual std::vector<Material> materials(const std::string& commune,
                                          const std::string& convention_id) = 0;

  // --- Back office: users, audit trail, search --------------------------------------------
  // save inserts or replaces (by user name).
  virtual void save_user(const UserRecord& user) = 0;
  virtual std::optional<UserRecord> find_user(const std::string& username) = 0;
  virtual std::vector<UserRecord> users() = 0;
  // Appends entries (ids assigned by the store); the trail is never updated nor deleted.
  virtual void append_audit(const std::vector<AuditEntry>& entries) = 0;
  virtual std::vector<AuditEntry> audit_entries(const AuditFilter& filter) = 0;
  // Contracts whose id starts with `text`, or one of whose persons' id or last name does
  // (case-insensitive for ASCII), by contract id, at most `limit`.
  virtual std::vector<ContractMatch> search_contracts(const std::string& text, int limit) = 0;

  // Regional subscriptions (ELIG-10, PAR-09): save inserts or replaces (by contract id).
  virtual void save_regional_subscription(const RegionalSubscription& subscription) = 0;
  virtual std::optional<RegionalSubscription> find_regional_subscription(
      const std::string& contract_id) = 0;
  // Every contract whose commune is `insee`, by contract id, with its beneficiaries (member
  // first) and its regional subscription record when there is one.
  virtual void for_each_contract_of_commune(
      const std::string& insee,
      const std::function<void(const Contract&, const std::optional<RegionalSubscription>&)>&
          visit) = 0;
  // Sessions of the back office (issue 16), by the hash of their token. insert: a new
  // session (the hash is new: a duplicate is a StoreError). find: one primary-key lookup, the
  // row whatever its expiry (the rule is app/'s). touch: moves last_seen and expires forward,
  // never back (a late touch is a no-op), nothing when the session is gone. delete: nothing
  // when absent. purge: deletes the sessions whose `expires` is before `now`, returns how many.
  virtual void insert_session(const SessionRecord& session) = 0;
  virtual std::optional<SessionRecord> find_session(const std::string& token_hash) = 0;
  virtual void touch_session(const std::string& token_hash, int64_t last_seen,
                             int64_t expires) = 0;
  virtual void delete_session(const std::string& token_hash) = 0;
  virtual int64_t purge_sessions(int64_t now) = 0;
  // Sign-in attempts (GDPR-02), counted atomically across processes: count adds one attempt
  // to `key` at `now` in one statement (an upsert) and returns the count it leaves; a window
  // that began at or before `now - window_seconds` starts again at `now` with this attempt.
  // On PostgreSQL the row stays locked until the caller's transaction ends, so a caller that
  // counts several keys counts them in a fixed (sorted) order. uncount takes one attempt back
  // (an attempt that was not a guess), never below zero; clear forgets a key; fail dates the
  // latest attempt of a key `at` its failure (later than its count: the password check takes
  // time), never back; purge deletes the keys whose window began at or before `before`,
  // returns how many.
  virtual LoginAttemptCount count_login_attempt(const std::string& key, int64_t now,
                                                int64_t window_seconds) = 0;
  virtual void uncount_login_attempt(const std::string& key) = 0;
  virtual void clear_login_attempts(const std::string& key) = 0;
  virtual void fail_login_attempt(const std::string& key, int64_t at) = 0;
  virtual int64_t purge_login_attempts(int64_t before) = 0;

  // Whole-database reads for `mutua db` (counts, dumps compared between runs and databases),
  // on whatever schema the database has (no migration needed). No transaction of their own: run
  // them while nothing writes, or the tables may be read at different moments.
  // Every table of the application (schema_migrations included, the engine's own excluded), by
  // name.
  virtual std::vector<TableShape> tables() = 0;
  // The number of rows of `table`, one of tables() (else std::invalid_argument).
  virtual int64_t row_count(const std::string& table) = 0;
  // Every row of `table`, the given columns only (each one of tables()'s, else
  // std::invalid_argument), ordered by those columns in turn: NULL first, text by its bytes. The
  // visitor must not use the store; the row is valid during the call only.
  virtual void for_each_row(const std::string& table, const std::vector<std::string>& columns,
                            const std::function<void(const std::vector<RawValue>& row)>& visit) = 0;
  // Σ debits and Σ credits of every account of the ledger (BIL-04), by account.
  virtual std::vector<AccountTotals> ledger_totals() = 0;

  // --- Personal data (GDPR) -----------------------------------------------------------------
  // Requests of data subjects (GDPR-01): insert returns the new id; update replaces the status,
  // closing date, reason and rule of a stored request.
  virtual int64_t insert_privacy_request(const PrivacyRequest& request) = 0;
  virtual void update_privacy_request(const PrivacyRequest& request) = 0;
  virtual std::optional<PrivacyRequest> find_privacy_request(int64_t id) = 0;
  // The requests of one person (of everyone when `beneficiary_id` is empty), only the open ones
  // when `open_only`, by id.
  virtual std::vector<PrivacyRequest> privacy_requests(const std::string& beneficiary_id,
                                                       bool open_only) = 0;
  // Opposition flags (GDPR-04): every change appended (insert returns its id); a person's
  // history by id; the flags in force (the latest change) of every person who has any, by
  // beneficiary id.
  virtual int64_t insert_opposition(const OppositionRecord& record) = 0;
  virtual std::vector<OppositionRecord> oppositions(const std::string& beneficiary_id) = 0;
  virtual void for_each_current_opposition(
      const std::function<void(const OppositionRecord&)>& visit) = 0;
  // Rectification (GDPR-01): replaces the names, birth date and NIR of the stored beneficiary
  // `person.id`; the changes are kept as history (insert returns the id), a contract's by id.
  virtual void update_beneficiary_identity(const Beneficiary& person) = 0;
  virtual int64_t insert_person_change(const PersonChange& change) = 0;
  virtual std::vector<PersonChange> person_changes(const std::string& contract_id) = 0;
  // Every mandate of a contract, revoked ones included, by signature date then RUM.
  virtual std::vector<Mandate> mandates(const std::string& contract_id) = 0;
  // Anonymisation (GDPR-03): plain setters of the values app/ decides to blank, and the register
  // of anonymised contracts (insert: once per contract).
  virtual void set_contract_change_values(int64_t change_id, const std::string& old_value,
                                          const std::string& new_value) = 0;
  virtual void set_person_change_values(int64_t change_id, const std::string& old_value,
                                        const std::string& new_value) = 0;
  virtual void set_mandate_account(const std::string& rum, const std::string& iban,
                                   const std::string& bic) = 0;
  virtual void set_proof_reference(int64_t proof_id, const std::string& reference) = 0;
  virtual void set_suspension_proofs(const std::string& contract_id, Date from,
                                     const std::string& proofs) = 0;
  virtual void insert_erasure(const ErasureRecord& erasure) = 0;
  virtual std::optional<ErasureRecord> find_erasure(const std::string& contract_id) = 0;
  virtual void for_each_erasure(const std::function<void(const ErasureRecord&)>& visit) = 0;
  // The erasures of the contracts whose id lies in [first, last], by contract id.
  virtual std::vector<ErasureRecord> erasures_between(const std::string& first,
                                                      const std::string& last) = 0;

  // --- Batches split across processes (migration 15, app/batch_queue.hpp) --------------------
  // The open batch of a kind, if any (at most one).
  virtual std::optional<BatchRun> open_batch(const std::string& kind) = 0;
  // The kind's latest batch that ended ("done"), if any.
  virtual std::optional<BatchRun> last_done_batch(const std::string& kind) = 0;
  // A new open batch of `ranges` chunks (numbered from 0, all to do); returns its id.
  virtual int64_t create_batch(const std::string& kind, Date business_date,
                               const std::vector<KeyRange>& ranges) = 0;
  // Ends an open batch: "done" or "abandoned".
  virtual void end_batch(int64_t batch_id, const std::string& state) = 0;
  // A chunk to do of the batch, locked until the transaction ends, skipping chunks other
  // processes hold (PostgreSQL FOR UPDATE SKIP LOCKED; SQLite has one writer anyway), lowest
  // first; none when every chunk is done or held.
  virtual std::optional<BatchChunk> take_chunk(int64_t batch_id) = 0;
  virtual void finish_chunk(int64_t batch_id, int64_t chunk, const std::string& worker) = 0;
  // Chunks of the batch not done (held ones included).
  virtual int64_t chunks_left(int64_t batch_id) = 0;
};

// RAII transaction: rolls back unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Store& store, TxMode mode = TxMode::kExclusive) : store_(store) {
    store_.begin(mode);
  }
  ~Transaction() {
    if (!done_) {
      try {
        store_.rollback();
      } catch (...) {
      }
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    store_.commit();
    done_ = true;
  }

 private:
  Store& store_;
  bool done_ = false;
};

}  // namespace mutua

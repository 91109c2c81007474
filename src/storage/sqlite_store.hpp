// The SQLite implementation of Store (the default, embedded database).
//
// Contract, beyond store.hpp:
// - Opening sets journal_mode=WAL, synchronous=FULL (a committed import survives a power cut),
//   foreign_keys=ON and busy_timeout=5000 ms; cache and mmap sizes are raised for batch scans.
// - Tables are STRICT (see migrations.hpp); begin() takes the write lock at once (BEGIN
//   IMMEDIATE) so two writers queue on busy_timeout instead of failing on lock upgrade.
// - for_each_contract runs one ordered join and hands the visitor a reused Contract: copy it
//   if you keep it beyond the call. So does for_each_contract_of_commune (one join for the
//   contracts, one scan of their subscriptions, merged by contract id).
#pragma once

#include <memory>
#include <unordered_map>
#include <string>

#include "storage/sql_db.hpp"
#include "storage/store.hpp"

namespace mutua {

class SqliteStore : public Store {
 public:
  // `target`: an SQLite file path or a postgresql:// URI. `read_only`: an existing database,
  // for reading; `immutable` (SQLite): also without its WAL index (a file in a folder the user
  // may not write, with no write-ahead log beside it).
  explicit SqliteStore(const std::string& target, bool read_only = false, bool immutable = false);
  ~SqliteStore() override;

  void migrate() override;
  std::string integrity_check(bool quick) override;
  int schema_version() override;
  void begin(TxMode mode = TxMode::kExclusive) override;
  void commit() override;
  void rollback() override;

  void upsert_product(const Product& product) override;
  std::optional<Tariff> find_tariff(const std::string& product, int year) override;
  void insert_tariff(const std::string& product, const Tariff& tariff) override;
  std::optional<BenefitTable> find_benefit_table(const std::string& product, int year) override;
  void insert_benefit_table(const std::string& product, const BenefitTable& table) override;
  void save_organism(const Organism& organism) override;
  Catalogue load_catalogue() override;

  std::optional<Contract> find_contract(const std::string& contract_id) override;
  std::vector<std::string> existing_beneficiaries(const std::vector<std::string>& ids) override;
  void insert_contracts(const std::vector<Contract>& contracts) override;
  void for_each_contract(const std::function<void(const Contract&)>& visit) override;
  long long count_contracts() override;
  long long count_beneficiaries() override;
  std::vector<Contract> contracts_after(const std::string& after, int64_t limit) override;
  std::vector<std::string> contract_ids_after(const std::string& after, int64_t limit) override;

  void insert_suspension(const Suspension& suspension) override;
  std::vector<Suspension> suspensions(const std::string& contract_id) override;
  void for_each_suspension(const std::function<void(const Suspension&)>& visit) override;
  std::vector<Suspension> suspensions_between(const std::string& first,
                                              const std::string& last) override;
  void set_collection_status(const std::string& contract_id, CollectionStatus status,
                             Date since) override;
  void for_each_collection_status(
      const std::function<void(const std::string&, const CollectionState&)>& visit) override;

  std::optional<CollectionState> collection_status(const std::string& contract_id) override;

  void update_contract(const Contract& contract) override;
  void insert_beneficiary(const std::string& contract_id, const Beneficiary& b) override;
  void update_beneficiary_end(const std::string& beneficiary_id, std::optional<Date> end,
                              const std::string& reason) override;
  std::optional<std::string> contract_of_beneficiary(const std::string& beneficiary_id) override;
  int64_t insert_proof(const Proof& proof) override;
  std::vector<Proof> proofs(const std::string& beneficiary_id) override;
  void for_each_proof(const std::function<void(const Proof&)>& visit) override;
  void insert_product_change(const ProductChange& change) override;
  std::vector<ProductChange> product_changes(const std::string& contract_id) override;
  void for_each_product_change(const std::function<void(const ProductChange&)>& visit) override;
  std::vector<ProductChange> product_changes_between(const std::string& first,
                                                     const std::string& last) override;
  void save_termination(const Termination& termination) override;
  std::optional<Termination> find_termination(const std::string& contract_id) override;
  void for_each_termination(const std::function<void(const Termination&)>& visit) override;
  std::vector<Termination> terminations_between(const std::string& first,
                                                const std::string& last) override;
  void save_call_sendings(const std::vector<CallSending>& calls) override;
  std::vector<CallSending> call_sendings(const std::string& contract_id) override;
  void insert_contract_change(const ContractChange& change) override;
  std::vector<ContractChange> contract_changes(const std::string& contract_id) override;
  void save_enrolment(const EnrolmentRecord& enrolment) override;
  std::optional<EnrolmentRecord> find_enrolment(const std::string& contract_id) override;
  std::optional<std::string> enrolment_of_beneficiary(const std::string& beneficiary_id) override;
  void for_each_enrolment(const std::function<void(const EnrolmentRecord&)>& visit) override;
  int64_t insert_document(const DocumentRecord& document) override;
  std::vector<DocumentRecord> documents(const std::string& contract_id) override;

  void limit_memory(int cache_mib) override;
  std::optional<ClaimRunRecord> find_unfinished_claim_run(const std::string& identity) override;
  std::optional<ClaimRunRecord> find_claim_run(int64_t run_id) override;
  int64_t insert_claim_run(const ClaimRunRecord& run) override;
  void update_claim_run(const ClaimRunRecord& run) override;
  long long count_decisions() override;
  void for_each_decision_key(
      const std::function<void(std::string_view, int)>& visit) override;
  bool decision_exists(std::string_view claim_id, int line) override;
  std::vector<int> decided_care_years() override;
  std::optional<StoredDecision> find_decision(const std::string& claim_id, int line) override;
  void insert_decisions(const std::vector<StoredDecision>& decisions) override;
  void load_accumulators(AccumulatorState& state) override;
  void save_accumulators(const AccumulatorState& state, const std::vector<UsageKey>& windows,
                         const std::vector<UsageKey>& budgets) override;
  void add_claim_payments(int64_t run_id, const std::vector<PayeeTotal>& deltas) override;
  std::vector<PayeeTotal> claim_payments(int64_t run_id) override;
  void add_claim_recoveries(int64_t run_id, const std::vector<RecoveryTotal>& deltas) override;
  std::vector<RecoveryTotal> claim_recoveries(int64_t run_id) override;

  // --- Claims release (BEN-09, DUN-04): storage/sqlite_release.cpp ---
  std::vector<StoredDecision> pending_decisions(
      const std::vector<std::string>& contract_ids) override;
  void replace_decision(const StoredDecision& decision) override;
  std::vector<StoredDecision> paid_decisions(const std::string& contract_id) override;
  std::vector<StoredDecision> contract_decisions(const std::string& contract_id) override;
  void load_accumulators_of(const std::vector<std::string>& beneficiary_ids,
                            AccumulatorState& state) override;

  // Billing, SEPA, dunning (sqlite_billing.cpp).
  std::optional<std::string> billing_setting(const std::string& name) override;
  void set_billing_setting(const std::string& name, const std::string& value) override;
  void save_schedules(const std::vector<BillingSchedule>& schedules) override;
  std::vector<BillingSchedule> schedules(const std::string& contract_id) override;
  std::vector<BillingSchedule> schedules_between(int year, const std::string& first,
                                                 const std::string& last) override;
  void for_each_schedule(int year, const std::function<void(const BillingSchedule&)>& visit) override;
  int64_t post_entries(std::vector<Entry>& entries) override;
  std::optional<Entry> find_entry(const std::string& key) override;
  std::vector<Entry> entries(const std::string& contract_id) override;
  std::vector<std::pair<std::string, Money>> trial_balance() override;
  long long count_entries() override;
  std::vector<std::string> ledger_contracts_after(const std::string& after, int64_t limit) override;
  std::vector<Entry> receivable_entries(const std::string& after, const std::string& last,
                                        Date through) override;
  void insert_mandates(const std::vector<Mandate>& mandates) override;
  void set_mandate_used(const std::string& rum, bool used) override;
  void revoke_mandate(const std::string& rum) override;
  void mark_first_debits_used(int64_t batch_id) override;
  CollectionPage collection_page(int year, const std::string& after, int64_t limit) override;
  std::optional<SepaBatchRecord> find_batch(Date collection_date) override;
  std::vector<BatchDate> batch_dates() override;
  std::optional<SepaBatchRecord> find_batch_by_message(const std::string& message_id) override;
  int64_t insert_batch(const SepaBatchRecord& batch) override;
  void set_batch_file(int64_t batch_id, const std::string& file) override;
  std::vector<SepaBatchRecord> unsettled_batches(Date through) override;
  void mark_batch_settled(int64_t batch_id) override;
  void for_each_debit_of_batch(int64_t batch_id,
                               const std::function<void(const SepaDebitRecord&)>& visit) override;
  void insert_sepa_debits(const std::vector<SepaDebitRecord>& debits) override;
  std::vector<SepaDebitRecord> sepa_debits(int64_t batch_id) override;
  std::optional<SepaDebitRecord> find_sepa_debit(const std::string& end_to_end_id) override;
  void mark_debit_rejected(const std::string& end_to_end_id, const std::string& reason) override;
  void save_case(DunningCase& c) override;
  std::optional<DunningCase> latest_case(const std::string& contract_id) override;
  std::vector<DunningCase> cases(const std::string& contract_id) override;
  std::vector<std::string> contracts_with_open_case(const std::string& after,
                                                    const std::string& last) override;
  int64_t insert_waiver(const Waiver& waiver) override;
  std::vector<Waiver> waivers(const std::string& contract_id) override;
  void set_collection(const std::string& contract_id, CollectionStatus status, Date since,
                      std::optional<Date> suspended_from) override;

  // --- Regional scheme (PAR) --- (sqlite_partners.cpp)
  int64_t insert_css_check(const CssCheckRecord& check) override;
  std::vector<CssCheckRecord> css_checks(const std::string& reference) override;
  std::vector<CssCheckRecord> css_checks_of_commune(const std::string& commune, Date from,
                                                    Date to) override;
  void save_commune(const Commune& commune) override;
  std::optional<Commune> find_commune(const std::string& insee) override;
  void save_partner_mutuelle(const PartnerMutuelle& mutuelle) override;
  std::optional<PartnerMutuelle> find_partner_mutuelle(const std::string& code) override;
  void insert_convention(const Convention& convention) override;
  std::optional<ConventionRecord> find_convention(const std::string& id) override;
  std::vector<ConventionRecord> conventions(const std::string& commune) override;
  void update_convention_contacts(const std::string& id, const ConventionContacts& contacts,
                                  std::optional<Date> erased) override;
  int64_t insert_notice(const std::string& convention_id, const NonRenewalNotice& notice) override;
  int64_t insert_breach(const std::string& convention_id, const BreachNotice& breach) override;
  void update_breach(const BreachNotice& breach) override;
  std::optional<std::pair<std::string, BreachNotice>> find_breach(int64_t id) override;
  int64_t insert_amendment(const Amendment& amendment) override;
  void replace_amendment_changes(const Amendment& amendment) override;
  int64_t insert_event(const PartnerEvent& event) override;
  void update_event(const PartnerEvent& event) override;
  std::optional<PartnerEvent> find_event(int64_t id) override;
  std::vector<PartnerEvent> events(const EventFilter& filter) override;
  int64_t insert_material(const Material& material) override;
  void update_material(const Material& material) override;
  std::optional<Material> find_material(int64_t id) override;
  std::vector<Material> materials(const std::string& commune,
                                  const std::string& convention_id) override;
  void save_regional_subscription(const RegionalSubscription& subscription) override;
  std::optional<RegionalSubscription> find_regional_subscription(
      const std::string& contract_id) override;
  void for_each_contract_of_commune(
      const std::string& insee,
      const std::function<void(const Contract&, const std::optional<RegionalSubscription>&)>& visit)
      override;

  // --- Back office (sqlite_backoffice.cpp) ---
  void save_user(const UserRecord& user) override;
  std::optional<UserRecord> find_user(const std::string& username) override;
  std::vector<UserRecord> users() override;
  void append_audit(const std::vector<AuditEntry>& entries) override;
  std::vector<AuditEntry> audit_entries(const AuditFilter& filter) override;
  std::vector<ContractMatch> search_contracts(const std::string& text, int limit) override;
  void insert_session(const SessionRecord& session) override;
  std::optional<SessionRecord> find_session(const std::string& token_hash) override;
  void touch_session(const std::string& token_hash, int64_t last_seen, int64_t expires) override;
  void delete_session(const std::string& token_hash) override;
  int64_t purge_sessions(int64_t now) override;
  LoginAttemptCount count_login_attempt(const std::string& key, int64_t now,
                                        int64_t window_seconds) override;
  void uncount_login_attempt(const std::string& key) override;
  void clear_login_attempts(const std::string& key) override;
  void fail_login_attempt(const std::string& key, int64_t at) override;
  int64_t purge_login_attempts(int64_t before) override;
  std::vector<TableShape> tables() override;
  int64_t row_count(const std::string& table) override;
  void for_each_row(const std::string& table, const std::vector<std::string>& columns,
                    const std::function<void(const std::vector<RawValue>& row)>& visit) override;
  std::vector<AccountTotals> ledger_totals() override;

  // --- Personal data (GDPR) --- (sqlite_privacy.cpp)
  int64_t insert_privacy_request(const PrivacyRequest& request) override;
  void update_privacy_request(const PrivacyRequest& request) override;
  std::optional<PrivacyRequest> find_privacy_request(int64_t id) override;
  std::vector<PrivacyRequest> privacy_requests(const std::string& beneficiary_id,
                                               bool open_only) override;
  int64_t insert_opposition(const OppositionRecord& record) override;
  std::vector<OppositionRecord> oppositions(const std::string& beneficiary_id) override;
  void for_each_current_opposition(
      const std::function<void(const OppositionRecord&)>& visit) override;
  void update_beneficiary_identity(const Beneficiary& person) override;
  int64_t insert_person_change(const PersonChange& change) override;
  std::vector<PersonChange> person_changes(const std::string& contract_id) override;
  std::vector<Mandate> mandates(const std::string& contract_id) override;
  void set_contract_change_values(int64_t change_id, const std::string& old_value,
                                  const std::string& new_value) override;
  void set_person_change_values(int64_t change_id, const std::string& old_value,
                                const std::string& new_value) override;
  void set_mandate_account(const std::string& rum, const std::string& iban,
                           const std::string& bic) override;
  void set_proof_reference(int64_t proof_id, const std::string& reference) override;
  void set_suspension_proofs(const std::string& contract_id, Date from,
                             const std::string& proofs) override;
  void insert_erasure(const ErasureRecord& erasure) override;
  std::optional<ErasureRecord> find_erasure(const std::string& contract_id) override;
  void for_each_erasure(const std::function<void(const ErasureRecord&)>& visit) override;
  std::vector<ErasureRecord> erasures_between(const std::string& first,
                                              const std::string& last) override;
  // Batches split across processes (sqlite_batches.cpp).
  std::optional<BatchRun> open_batch(const std::string& kind) override;
  std::optional<BatchRun> last_done_batch(const std::string& kind) override;
  int64_t create_batch(const std::string& kind, Date business_date,
                       const std::vector<KeyRange>& ranges) override;
  void end_batch(int64_t batch_id, const std::string& state) override;
  std::optional<BatchChunk> take_chunk(int64_t batch_id) override;
  void finish_chunk(int64_t batch_id, int64_t chunk, const std::string& worker) override;
  int64_t chunks_left(int64_t batch_id) override;

  // The underlying connection (tests query PRAGMAs through it).
  sql::Db& db() { return db_; }

 private:
  void save_tiers_payant(const Product& product);  // DOC-01, migration 13
  void load_tiers_payant(Catalogue& catalogue);
  // Both lend the statement for one use (sql::Lease): it is reset when the lease ends.
  sql::Lease cached(std::unique_ptr<sql::Statement>& slot, const char* sql);
  // A statement prepared once per connection, keyed by its (static) SQL text, reset for reuse:
  // the per-contract queries of billing and dunning runs would otherwise spend more time
  // preparing than running. Not for scans whose callbacks may run the same query.
  sql::Lease prepared(const char* sql);
  std::vector<Tariff> load_tariffs(const std::string& product);
  std::vector<BenefitTable> load_benefit_tables(const std::string& product);
  // Conventions matching `where` (on alias v, one parameter ?1 bound to `key`; empty: all), by
  // id, each with its notices, breaches and amendments: one query per table, not per convention.
  std::vector<ConventionRecord> load_conventions(const std::string& where, const std::string& key);
  void insert_amendment_changes(int64_t amendment_id, const std::vector<AmendmentChange>& changes);

  std::unique_ptr<sql::Db> owned_db_;
  sql::Db& db_;
  int depth_ = 0;  // open transactions: 0 none, 1 BEGIN, more are savepoints
  std::unordered_map<const char*, std::unique_ptr<sql::Statement>> prepared_;
  std::unique_ptr<sql::Statement> insert_entry_;
  int64_t post_entries_bulk(std::vector<Entry>& entries);
  std::unique_ptr<sql::Statement> save_schedule_;
  std::unique_ptr<sql::Statement> insert_contract_;
  std::unique_ptr<sql::Statement> insert_beneficiary_;
  std::unique_ptr<sql::Statement> insert_contracts_batch_;
  std::unique_ptr<sql::Statement> insert_beneficiaries_batch_;
  std::unique_ptr<sql::Statement> beneficiary_exists_;
  std::unique_ptr<sql::Statement> find_contract_;
  std::unique_ptr<sql::Statement> insert_decision_;
  std::unique_ptr<sql::Statement> insert_decisions_batch_;
  std::unique_ptr<sql::Statement> decision_exists_;
  std::unique_ptr<sql::Statement> save_window_;
  std::unique_ptr<sql::Statement> add_payment_;
  std::unique_ptr<sql::Statement> add_recovery_;
  std::unique_ptr<sql::Statement> update_run_;
};

}  // namespace mutua

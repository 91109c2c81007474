// Billing and collection use cases (BIL-01..06, DUN-01..05, TAR-06, BEN-09): the shell around the
// pure billing/ module. Each loads what its decisions need, calls the domain, and writes the
// results in transactions; every posting carries an idempotency key, so a run started again on
// the same business date, after a clean end or a kill, ends in the state of one clean run.
//
// - run_billing: issues the annual calls and posts the instalments due up to the business date.
//   Years billed: from the ledger's start year (set by the first run: the year it runs in, or
//   the next one when it runs in December, BIL-01) and from the year of the previous run, to the
//   current year, plus next year from 1 December (the call is issued in the month before the due
//   date). A contract-year is re-rated (TAR-01..08 with the product in force on 1 January) when
//   its rating inputs changed since its schedule (billing/rating_inputs.hpp); an instalment already posted whose amount changed (an end, a new dependant) gets
//   an adjustment entry for the difference (a correction is a new entry, BIL-04); an ended
//   contract whose account is in credit is refunded (BIL-06). Commits every `commit_every`
//   contracts.
// - export_sepa: one pain.008.001.02 batch per collection date with every direct-debit
//   instalment due on or before it and not yet presented. Run again for the same date, it
//   writes the same file from the stored batch. The debits are posted as payments, dated on the
//   collection date, by the first billing or dunning run on or after it (settle_debits).
// - import_rejects: a pain.002 report; a rejected debit already posted reopens its instalment (a
//   reject entry); one rejected before its collection date is never posted. Ignored when seen
//   again.
// - import_payments: a CSV of payments (transfer, cheque); all-or-nothing; a payment already
//   recorded (same contract and reference) is skipped; reinstates contracts whose arrears it
//   clears (DUN-04) and releases their held claims (BEN-09).
// - run_dunning: posts what is due from the stored schedules, then advances every contract with
//   arrears or an open procedure to the business date (billing/dunning.hpp), registers the
//   letters, and releases held claims on reinstatement or termination.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/batch_queue.hpp"
#include "billing/dunning.hpp"
#include "billing/ledger.hpp"
#include "billing/records.hpp"
#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "regulation/regulation.hpp"
#include "storage/store.hpp"

namespace mutua {

Result<DunningParams> dunning_params(const Regulation& regulation, Date on);

// ---- billing run ----------------------------------------------------------------------------
struct BillingRunSummary {
  Date business_date{};
  int start_year = 0;
  std::vector<int> years;
  int64_t contracts = 0;        // contract-years with a schedule
  int64_t calls_issued = 0;     // new schedules (annual calls, BIL-01, or a first schedule)
  int64_t schedules_changed = 0;
  int64_t entries_posted = 0;
  Money billed;                 // Σ contribution_due posted by this run
  Money adjusted;               // Σ adjustments (signed)
  int64_t refunds = 0;
  Money refunded;
  std::map<std::string, int64_t> not_rated;  // "PRODUCT YEAR: reason" → contracts skipped
  // The batch (app/batch_queue.hpp): its id, the chunks this process billed, and whether this
  // process ended it (false: other processes of a split run still hold chunks, or a joiner came
  // after the end). The counts above are this process's share.
  int64_t batch_id = 0;
  int64_t chunks = 0;
  bool batch_ended = false;
};
// A run is a batch of chunks of `commit_every` contracts; `role`: this process's part when the
// run is split across processes (app/batch_queue.hpp), alone by default.
Result<BillingRunSummary> run_billing(Store& store, const Regulation& regulation, Date today,
                                      int64_t commit_every = 20000, const BatchRole& role = {});
// Re-rates and bills one contract at once (after a termination), in the caller's transaction.
Status rebill_contract(Store& store, const Regulation& regulation, const std::string& contract_id,
                       Date today, BillingRunSummary* summary = nullptr);

// ---- contribution recall (TAR-06) ------------------------------------------------------------
struct RecallSummary {
  int year = 0;
  std::string reference;
  int64_t contracts = 0;   // recalls posted by this call
  int64_t already = 0;     // recalls of this reference already posted (a re-run)
  int64_t capped = 0;      // reduced by the 50 % cap
  Money total;
};
// The board's recall of `percent_bp` of the year's normal contribution, due on `due`, for every
// contract billed for `year`: each capped so the year's recalls never exceed 50 % of it (TAR-06).
// One entry per contract, key "recall:<reference>:<contract>": running it again posts nothing.
Result<RecallSummary> call_recall(Store& store, int year, int percent_bp, Date due,
                                  const std::string& reference, Date today);

// ---- payments -------------------------------------------------------------------------------
struct PaymentsSummary {
  int64_t rows = 0;
  int64_t recorded = 0;
  int64_t already_recorded = 0;
  Money amount;  // Σ newly recorded
  int64_t reinstated = 0;
  int64_t claims_released = 0;
  Errors errors;  // bad rows (file, line, field): nothing was written
};
// Columns: contract_id, date, amount, method (transfer | cheque | direct_debit), reference.
Result<PaymentsSummary> import_payments(Store& store, const Regulation& regulation,
                                        const std::string& path, Date today);

// ---- SEPA -----------------------------------------------------------------------------------
struct SepaExportSummary {
  std::string message_id;
  Date collection_date{};
  std::string file;
  int64_t debits = 0;
  Money total;
  std::map<std::string, int64_t> by_sequence;  // FRST, RCUR, FNAL, OOFF
  bool already_exported = false;               // the batch existed: file rewritten from it
  std::vector<std::string> warnings;
};
Result<SepaExportSummary> export_sepa(Store& store, Date collection_date, const std::string& out,
                                      Date today);

// Posts the debits of every batch whose collection date has come (on or before `today`) as
// payments dated on the collection date, except those already rejected; once per batch. In the
// caller's transaction. Called by billing and dunning runs. A batch whose file does not exist
// (a folder removed, a kill) was never handed to the bank: it is not settled. A complete
// `.partial` left by a kill between the batch's commit and the file's rename is renamed first.
int64_t settle_debits(Store& store, Date today);

// Gives each unsettled batch whose file is missing its complete `.partial`, if there is one;
// the message ids of the batches that still have no file (export them again: the same bytes).
std::vector<std::string> resume_batch_files(Store& store);

struct RejectsSummary {
  int64_t rejects = 0;         // rejected transactions in the report
  int64_t recorded = 0;        // newly recorded (reject entries posted)
  int64_t already_recorded = 0;
  Money amount;
  std::map<std::string, int64_t> by_reason;
  int64_t mandates_revoked = 0;
};
Result<RejectsSummary> import_rejects(Store& store, const std::string& path, Date today);

// ---- dunning --------------------------------------------------------------------------------
struct DunningRunSummary {
  Date business_date{};
  int64_t contracts_examined = 0;
  int64_t entries_posted = 0;  // instalments due posted before advancing
  std::map<std::string, int64_t> steps;  // notice, suspension, reinstatement, termination
  int64_t claims_released = 0;
  std::vector<std::string> letters;  // files written (with a letters directory)
  std::optional<Date> last_billing_run;
  // DUN-01: contracts whose notice is due but not sent, no postal address being known (they
  // are on the work list, `notice_withheld`).
  std::vector<std::string> notices_withheld;
  // The batch (app/batch_queue.hpp), as BillingRunSummary's; the counts are this process's.
  int64_t batch_id = 0;
  int64_t chunks = 0;
  bool batch_ended = false;
};
// Chunks of `commit_every` accounts of the ledger; `role` as run_billing's.
Result<DunningRunSummary> run_dunning(Store& store, const Regulation& regulation, Date today,
                                      const std::string& letters_dir = {},
                                      int64_t commit_every = 20000, const BatchRole& role = {});
// DUN-05: records a waiver (sursis) with its reason; refuses an empty reason or from > to.
Result<Waiver> grant_waiver(Store& store, const std::string& contract_id, Date from, Date to,
                            const std::string& reason, Date today);

// ---- account --------------------------------------------------------------------------------
struct ScheduleLine {
  Instalment instalment;
  Money billed;
  Money paid;       // FIFO allocation of the credits as of the report date
  std::string status;  // paid | partly_paid | unpaid | not_due | not_billed
};
struct AccountReport {
  std::string contract_id;
  Date as_of{};
  Money balance;  // > 0: the member owes
  Money overdue;  // arrears: instalments due and unpaid
  DunningStatus status = DunningStatus::kUpToDate;
  std::optional<Date> since;
  std::string payment_method;  // direct_debit | transfer
  std::optional<Mandate> mandate;
  std::vector<BillingSchedule> schedules;
  std::vector<ScheduleLine> schedule;
  std::vector<Entry> entries;
  std::vector<DunningCase> cases;
  std::vector<Waiver> waivers;
};
Result<AccountReport> account_report(Store& store, const std::string& contract_id, Date as_of);

// ---- benefits in the ledger (BIL-04, BEN-13, CES-01) -----------------------------------------
// The benefits a claims run (or a release of held lines) pays: one entry 601 ← 512 for the run's
// payments (the detail per payee stays in claim_payments), key "benefits:<run>". In the caller's
// transaction; nothing when the run paid nothing.
void post_benefits_of_run(Store& store, int64_t run_id, Date business_date);
// CES-01: benefits already paid for care after a contract's last day of cover become undue and
// are to be recovered: one entry 467 ← 601 per line, key "undue:<claim>:<line>". Returns the
// amount. In the caller's transaction.
Money post_undue_benefits(Store& store, const std::string& contract_id, Date last_day, Date today);

// The mandate a contract with an IBAN gets (BIL-03): generated RUM, signed on the start date.
std::optional<Mandate> default_mandate(const Contract& contract);

}  // namespace mutua

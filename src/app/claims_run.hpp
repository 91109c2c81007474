// `mutua claims run`: adjudicate a file of care lines (INTERFACES.md "Care lines") into a
// decisions file, persisting decisions, accumulators and payments (BEN-01..15).
//
// Contract:
// - Lines are decided in file order; caps and counts are consumed in that order (BEN-08).
// - Bad input. Default: every record is checked before anything is written (unknown category,
//   bad money or date, unknown beneficiary, missing column, ...); any error stops the run with
//   nothing written to the database or the decisions file, and every error is listed.
//   With skip_invalid: invalid records go to the rejects file (the record, then its error) and
//   the run goes on with the others.
// - Duplicates (BEN-12): a (claim_id, line) already decided, in an earlier run or earlier in
//   this file, is DUPLICATE and pays nothing. A persisted run confirms each candidate against
//   the database, so it is exact; a dry run confirms candidates from earlier runs the same way,
//   and trusts a 64-bit fingerprint for repeats inside the file (see claims/key_set.hpp).
// - Persisted runs commit every `commit_every` records: decisions, accumulators, the payments of
//   the chunk and the checkpoint (records done, bytes of the decisions and rejects files) in
//   one transaction, after the files are flushed to disk. Started again on the same input (same
//   size and content hash) after a crash or a kill, the run resumes from its checkpoint and ends
//   in exactly the state of one clean run; the decisions file is written under `<out>.partial`
//   and renamed when the run is done.
// - dry_run writes the decisions file (and rejects) but nothing to the database.
// - Payments (BEN-13): each PAID line with rc > 0 pays the member (payee `member`, grouped by
//   contract) or the professional (`provider`, grouped by the `provider` column, or by claim
//   when it is empty), one total per payee per run. A paid line with a `third_party` (accident
//   caused by someone else) also makes its rc recoverable from them (BEN-14), one total per
//   third party per run.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "regulation/regulation.hpp"
#include "storage/store.hpp"

namespace mutua {

struct ClaimsRunOptions {
  std::string input;
  std::string output;
  std::string rejects;  // default: output + ".rejects.csv" (used with skip_invalid)
  bool dry_run = false;
  bool skip_invalid = false;
  // An existing decisions or rejects file is replaced only when asked: otherwise a run refuses
  // it (--out or --rejects, exit 3) before anything is written, so a finished run's file is
  // never overwritten by a second run (whose lines would all be DUPLICATE). A run resumed after
  // a kill takes its own files back whatever this says.
  bool replace = false;
  Date business_date{};
  int64_t commit_every = 100000;
};

struct StatusCount {
  int64_t lines = 0;
  Money rc;
};

struct ClaimsRunSummary {
  int64_t run_id = 0;  // 0 for a dry run
  bool dry_run = false;
  bool resumed = false;
  int64_t resumed_at = 0;  // records already done when the run resumed
  int64_t records = 0;     // data records read
  int64_t invalid = 0;     // records rejected as invalid (skip_invalid)
  std::map<std::string, StatusCount> by_status;  // PAID, REJECTED, PENDING, DUPLICATE
  std::map<std::string, int64_t> by_reason;      // lines per reason code
  Money charged, ro_paid, other_payers, rc, remaining;
  int64_t payees = 0;
  Money paid;  // sum of the payments (= rc of PAID lines)
  int64_t recoverable_lines = 0;  // paid lines with a liable third party (BEN-14)
  Money recoverable;
  std::vector<std::string> warnings;

  std::string to_json() const;  // the summary as stored with the run and printed by --json
  static ClaimsRunSummary from_json(const std::string& text);
};

struct ClaimsRunOutcome {
  ClaimsRunSummary summary;
  Errors errors;  // data errors (exit 3); empty on success
  int64_t more_errors = 0;  // errors found beyond those listed
};

ClaimsRunOutcome run_claims(Store& store, const Regulation& regulation,
                            const ClaimsRunOptions& options);

}  // namespace mutua

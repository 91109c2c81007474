// Use case `mutua members import FILE.csv`: all-or-nothing import of contracts and their
// beneficiaries.
//
// Contract:
// - Everything is checked before anything is written: the file itself (members_csv.hpp, products
//   known = those of the stored catalogue), then against the database. Any error → nothing is
//   written and every error is returned (file:line: field: message).
// - Idempotent: a contract already stored with identical content (every field, every
//   beneficiary, in order) counts as unchanged; with different content it is an error
//   ("contract X already exists with different data"). A beneficiary id already stored under
//   another contract is an error.
// - The new contracts are written in ONE transaction, with the proofs given on children's rows.
// - ELIG-07, ELIG-11: a child's rights end is set from its condition (a minor when the file gives
//   none) and its proofs, under `rights_end` (config/regulation.yaml `eligibility.rights_end`),
//   never later than an end_date the file gives; it is set before the comparison with the
//   database, so re-importing the same file stays a no-op.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "members/dependants.hpp"
#include "storage/store.hpp"

namespace mutua {

struct ImportReport {
  long long contracts_added = 0;
  long long beneficiaries_added = 0;
  long long contracts_unchanged = 0;
  std::vector<std::string> warnings;  // unknown columns, ...
};

// Either a report (errors empty) or the full list of errors (nothing was written). The warnings
// of the report are filled in both cases.
struct ImportOutcome {
  ImportReport report;
  Errors errors;
  bool ok() const { return errors.empty(); }
};

ImportOutcome import_members(Store& store, const std::string& path,
                             RightsEndRule rights_end = RightsEndRule::kEndOfMonth);

}  // namespace mutua

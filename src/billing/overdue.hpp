// Which contracts a dunning run must look at for a formal notice (DUN-01). Pure: a contract's
// account in, yes or no out; the store only fetches the entries.
//
// Contract:
// - DUN-01 calls for a notice when an instalment is still unpaid `notice_after_days` days after
//   its due date. A contract is *overdue* on `today` when the oldest charge not fully paid on
//   `today` (AccountView's first-in first-out allocation of the credits dated ≤ today) is dated on
//   or before `aged_before` (= today − notice_after_days).
// - Waivers (DUN-05) only push the notice day later, and a missing address only withholds the
//   notice, so advance() (billing/dunning.hpp) opens a case or reports a withheld notice only for
//   an overdue contract: the set decided here is the one a run must examine, besides the
//   contracts whose procedure is still open.
// - Only the movements of account 411 count (AccountView): an entry of the contract on other
//   accounts (an undue benefit, 467 ← 601) is neither a charge nor a payment.
#pragma once

#include <string>
#include <vector>

#include "billing/account_view.hpp"

namespace mutua {

// DUN-01: the account has a charge dated ≤ aged_before still unpaid on `today`.
bool is_overdue(const AccountView& account, Date aged_before, Date today);

// The overdue contracts among `entries` (DUN-01), in the order they come. `entries` holds the
// entries of several contracts, each contract's entries together (any order within a contract);
// entries of other accounts than 411 may be present and change nothing.
std::vector<std::string> overdue_contracts(std::vector<Entry> entries, Date aged_before, Date today);

}  // namespace mutua

// What a billing run does to one contract-year (BIL-01, BIL-02, BIL-04, BIL-06). Pure.
//
// Contract of bill_year():
// - `target` is the schedule as rated now (build_schedule); `stored` the schedule as last saved.
//   Without a stored schedule, the target is the annual call (or a new member's first schedule):
//   `called` = today. With one, the stored frequency is kept for the year (BIL-02: splitting is a
//   payment facility; a change of frequency applies from the next call).
// - Per period: amount from the target (0 for a stored period no longer covered, e.g. after an
//   end), billed and extra carried over from the stored schedule. An increase of an instalment
//   already posted is added to its `extra` (a decrease lowers it, never below 0): the part a
//   direct debit sent earlier did not ask.
// - Each instalment due on or before `today` is billed up to its amount: the first posting is a
//   contribution_due entry dated on the due date, key "due:<contract>:<year>:<period>"; any later
//   difference (re-rating after an end, a new dependant, a correction) is an adjustment entry
//   dated `today`, key "adj:<contract>:<year>:<period>:<version>", debit or credit by its sign.
//   Nothing is ever edited: corrections are new entries (BIL-04).
// - version: +1 when the amounts differ from the stored ones; `save` is set whenever something
//   must be stored (new schedule, changed amounts, billed amounts, new `inputs`: the fingerprint
//   of what the target was rated from, billing/rating_inputs.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "billing/ledger.hpp"
#include "billing/records.hpp"

namespace mutua {

struct YearBilling {
  std::optional<BillingSchedule> save;
  std::vector<Entry> entries;
  bool new_call = false;
  bool changed = false;
};

YearBilling bill_year(const std::string& contract_id, int year, PaymentFrequency frequency,
                      const std::vector<Instalment>& target,
                      const std::optional<BillingSchedule>& stored, Date today,
                      uint64_t inputs = 0);

// Posts the instalments of `schedule` due on or before `today` and never billed, without
// re-rating (what a dunning run does before advancing). Returns the entries; updates `billed`.
std::vector<Entry> bill_due(BillingSchedule& schedule, Date today);

// Keys of the entries above, shared with the runs that look for them.
std::string due_key(const std::string& contract_id, int year, int period);

}  // namespace mutua

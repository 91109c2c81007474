// A contract's contribution account read from its ledger entries: balance, what is overdue and
// since when, and when arrears were cleared. Pure; used by dunning (DUN-01..04), the `account`
// command and the schedule's per-instalment status.
//
// Contract:
// - Charges: an instalment period's due and its adjustments (re-ratings) make one charge, net,
//   dated by the due date (a re-rating credit lowers what the period asks; it is not money
//   received); each recall is a charge. Credits are every other movement of the member's 411
//   account, netted: payments count +, rejects and refunds paid out count − (a rejected debit
//   reopens the debt of the instalment it paid).
// - Only entries dated on or before the "as of" date count: a debit collected on a future date is
//   not yet paid.
// - Allocation is first in, first out: credits pay the oldest charges first (by date, then entry
//   id), so "the oldest unpaid instalment" is well defined.
#pragma once

#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "billing/ledger.hpp"

namespace mutua {

struct ChargeStatus {
  Entry charge;
  Money paid;  // allocated to it
  Money unpaid() const { return charge.amount - paid; }
};

class AccountView {
 public:
  explicit AccountView(std::vector<Entry> entries);

  const std::vector<Entry>& entries() const { return entries_; }
  // Σ of the 411 effects dated ≤ as_of (> 0: the member owes).
  Money balance(Date as_of) const;
  // Charges dated ≤ as_of not paid by the credits dated ≤ as_of (Σ unpaid of allocate()).
  Money arrears(Date as_of) const;
  // Charges dated ≤ as_of with what the credits dated ≤ as_of paid of each, oldest first.
  std::vector<ChargeStatus> allocate(Date as_of) const;
  // What the credits paid of each instalment period (year, period), as of `as_of`.
  std::map<std::pair<int, int>, Money> paid_by_period(Date as_of) const;
  // The due date of the oldest charge not fully paid as of `as_of`.
  std::optional<Date> oldest_unpaid(Date as_of) const;
  // The first day in [from, to] at the end of which nothing dated up to that day is unpaid
  // (DUN-04: the arrears and everything due since are paid).
  std::optional<Date> cleared_on(Date from, Date to) const;

 private:
  std::vector<Entry> entries_;  // sorted by (date, id)
  // The charges dated ≤ as_of; `surplus`: what over-credited periods give back.
  std::vector<Entry> charges(Date as_of, Money& surplus) const;
  Money credits(Date as_of) const;
};

}  // namespace mutua

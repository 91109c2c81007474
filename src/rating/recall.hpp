// Contribution recall (rappel de cotisations, TAR-06; REG art. 5): the board of a mutuelle with
// variable contributions may call an extra contribution for a financial year, but a member never
// owes more than 1.5 × the normal annual contribution of that year in total, i.e. the recalls of
// a year together are capped at 50% of the normal annual contribution.
//
// Pure: the billing issue posts what this decides.
#pragma once

#include "core/money.hpp"

namespace mutua {

struct RecallDecision {
  Money requested;   // what the board's rate or amount gives for this member
  Money allowed;     // what may be called now
  bool capped = false;
  Money cap;         // the remaining room: cap_bp × normal annual − already recalled
};

// `cap_bp`: the cap as basis points of the normal annual contribution (5000 = 50%, from the
// règlement). Amounts are non-negative; the result never makes the year's recalls exceed the cap.
RecallDecision decide_recall(Money normal_annual, Money already_recalled, Money requested,
                             int cap_bp = 5000);

}  // namespace mutua

#include "rating/recall.hpp"

namespace mutua {

RecallDecision decide_recall(Money normal_annual, Money already_recalled, Money requested,
                             int cap_bp) {
  MUTUA_ASSERT(!normal_annual.is_negative() && !already_recalled.is_negative());
  MUTUA_ASSERT(!requested.is_negative() && cap_bp >= 0);
  RecallDecision d;
  d.requested = requested;
  // The cap is a limit, not a billed amount: rounded down so it is never exceeded by a cent.
  Money total_cap = Money::from_cents(normal_annual.cents() * cap_bp / 10000);
  d.cap = max(Money{}, total_cap - already_recalled);
  d.allowed = min(requested, d.cap);
  d.capped = d.allowed < requested;
  return d;
}

}  // namespace mutua

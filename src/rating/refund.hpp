// The unused contribution refunded when an adhesion ends (DEM-06, BIL-06): the contribution of the
// days after the last day of cover, up to the end of what was paid in advance.
//
// Contract of unused_contribution():
// - Contributions are paid in advance per instalment period (BIL-01/02): the period holding the
//   last day of cover is taken as paid, and nothing after it (*Interpretation* until the billing
//   ledger of issue 5 says what was actually paid): monthly → end of that month, quarterly → end of
//   the quarter, half-yearly → 30 June or 31 December, yearly → 31 December.
// - refund = Σ over persons and over the months from the month of `last_day` to that period's
//   end of max(0, the month as billed with the rights before the end − the same month with every
//   person's rights ending on `last_day`). Each month's amounts come from rate_contract(), so the
//   partial month is prorated from the monthly amount with one rounding (TAR-08) and the refund
//   is exactly what the pro rata billing would not have asked. The floor at 0 per person and
//   month keeps a re-ranking (TAR-03: a child whose rights would have started after the end no
//   longer counts, so a younger one becomes billed) from turning a refund into a charge.
#pragma once

#include "core/money.hpp"
#include "core/result.hpp"
#include "rating/rating.hpp"

namespace mutua {

// Last day of the instalment period holding `d`.
Date paid_through(PaymentFrequency frequency, Date d);

// `before`: the contract as it was billed (rights not yet ended by this termination);
// `suspensions`: its suspensions of rights, whose days were not billed (SUS-01) and so are not
// refunded either.
Result<Money> unused_contribution(const Contract& before, const Product& product, Date last_day,
                                  const RatingParams& params,
                                  const std::vector<Suspension>& suspensions = {});

}  // namespace mutua

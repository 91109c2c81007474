// Bounds on amounts read from outside (issue 14, item 11), from config/regulation.yaml
// `bounds.*` in force on a date.
//
// Contract:
// - Every amount a file or a form brings in (a payment, a care line's amounts, a tariff cell)
//   is refused above its bound, as bad data naming file, line and field; nothing is posted.
// - Each bound is itself at most kAmountBoundCentsMax (1e10 cents = 100 million euros): a
//   configured bound above it is an error. So any sum of up to kSumTermsMax bounded amounts
//   fits in int64 cents, and Money's checked arithmetic never throws on data that passed.
// - RO consistency (care lines): |ro_paid + flat_fee + franchise − round(base × ro_rate %)| must
//   be at most max(ro_tolerance, round(base × ro_rate % × ro_tolerance_bp / 10000)).
#pragma once

#include <cstdint>
#include <limits>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "regulation/regulation.hpp"

namespace mutua {

inline constexpr int64_t kAmountBoundCentsMax = 10'000'000'000;  // 100,000,000.00 euros
inline constexpr int64_t kSumTermsMax = 100'000'000;             // a hundred million lines
static_assert(kAmountBoundCentsMax * kSumTermsMax < std::numeric_limits<int64_t>::max());

struct InputBounds {
  Money payment_max;
  Money care_line_max;
  Money tariff_monthly_max;
  Money ro_tolerance;
  int ro_tolerance_bp = 0;

  // The bounds in force on `date`; a missing key or a bound above kAmountBoundCentsMax is an
  // error naming the key.
  static Result<InputBounds> at(const Regulation& regulation, Date date);
};

// "over the maximum of 100000.00 (bounds.payment.amount_max): 1000000000000.00", or nullopt
// when `amount` ≤ `max`.
std::optional<std::string> amount_over(Money amount, Money max, std::string_view key);

// Why the RO amounts of a care line are inconsistent, or nullopt (see the contract above).
// `ro_gross` = ro_paid + flat_fee + franchise; `ro_rate_pct` 0..100.
std::optional<std::string> ro_inconsistency(Money base, int ro_rate_pct, Money ro_gross,
                                            const InputBounds& bounds);

}  // namespace mutua

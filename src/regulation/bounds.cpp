#include "regulation/bounds.hpp"

namespace mutua {

namespace {

Result<Money> bound(const Regulation& regulation, std::string_view key, Date date) {
  auto m = regulation.money_at(key, date);
  if (!m) return m.error();
  if (m->is_negative() || m->cents() > kAmountBoundCentsMax) {
    return Error{std::string(key) + ": a bound must be between 0 and " +
                 Money::from_cents(kAmountBoundCentsMax).format() + ", not " + m->format()};
  }
  return *m;
}

}  // namespace

Result<InputBounds> InputBounds::at(const Regulation& regulation, Date date) {
  InputBounds b;
  struct Key {
    const char* key;
    Money* out;
  } keys[] = {{"bounds.payment.amount_max", &b.payment_max},
              {"bounds.care_line.amount_max", &b.care_line_max},
              {"bounds.tariff.monthly_max", &b.tariff_monthly_max},
              {"bounds.ro_consistency.tolerance", &b.ro_tolerance}};
  for (const Key& k : keys) {
    auto m = bound(regulation, k.key, date);
    if (!m) return m.error();
    *k.out = *m;
  }
  auto bp = regulation.basis_points_at("bounds.ro_consistency.tolerance_pct", date);
  if (!bp) return bp.error();
  if (*bp < 0 || *bp > 10000) {
    return Error{"bounds.ro_consistency.tolerance_pct: must be between 0 and 100"};
  }
  b.ro_tolerance_bp = *bp;
  return b;
}

std::optional<std::string> amount_over(Money amount, Money max, std::string_view key) {
  if (amount <= max) return std::nullopt;
  return "over the maximum of " + max.format() + " (" + std::string(key) + "): " + amount.format();
}

std::optional<std::string> ro_inconsistency(Money base, int ro_rate_pct, Money ro_gross,
                                            const InputBounds& bounds) {
  const Money expected = base.mul_ratio(ro_rate_pct, 100);
  const Money allowed = max(bounds.ro_tolerance, expected.mul_bp(bounds.ro_tolerance_bp));
  const Money gap = ro_gross > expected ? ro_gross - expected : expected - ro_gross;
  if (gap <= allowed) return std::nullopt;
  return "ro_paid + flat_fee + franchise = " + ro_gross.format() + " but base " + base.format() +
         " x ro_rate " + std::to_string(ro_rate_pct) + "% = " + expected.format() +
         " (tolerance " + allowed.format() + ", bounds.ro_consistency.*)";
}

}  // namespace mutua

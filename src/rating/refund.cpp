#include "rating/refund.hpp"

#include <map>

#include "members/lifecycle.hpp"

namespace mutua {

Date paid_through(PaymentFrequency frequency, Date d) {
  int y = year_of(d);
  unsigned m = month_of(d);
  unsigned months_per_period = 12;
  switch (frequency) {
    case PaymentFrequency::kMonthly: months_per_period = 1; break;
    case PaymentFrequency::kQuarterly: months_per_period = 3; break;
    case PaymentFrequency::kHalfYearly: months_per_period = 6; break;
    case PaymentFrequency::kYearly: months_per_period = 12; break;
  }
  unsigned last_month = ((m - 1) / months_per_period + 1) * months_per_period;
  return make_date(y, last_month, days_in_month(y, last_month));
}

namespace {

// Σ of the month amounts up to `through_month`, per beneficiary id.
std::map<std::string, Money> billed_through(const ContractRate& rate, unsigned through_month) {
  std::map<std::string, Money> out;
  for (const PersonRate& p : rate.persons) {
    Money sum;
    for (const MonthCharge& m : p.months) {
      if (m.month <= through_month) sum = sum + m.amount;
    }
    out[p.beneficiary_id] = sum;
  }
  return out;
}

}  // namespace

Result<Money> unused_contribution(const Contract& before, const Product& product, Date last_day,
                                  const RatingParams& params) {
  Date through = paid_through(before.payment_frequency, last_day);
  if (last_day >= through) return Money{};
  int year = year_of(last_day);
  Contract after = before;
  apply_end(after, last_day, "DEM-06");
  auto billed = rate_contract(before, product, year, params);
  if (!billed) return billed.error();
  auto kept = rate_contract(after, product, year, params);
  if (!kept) return kept.error();
  auto was = billed_through(*billed, month_of(through));
  auto now = billed_through(*kept, month_of(through));
  Money refund;
  for (const auto& [id, amount] : was) {
    auto it = now.find(id);
    refund = refund + (amount - (it == now.end() ? Money{} : it->second));
  }
  return refund;
}

}  // namespace mutua

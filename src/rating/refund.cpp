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

// Month amounts of each person from `first_month` to `last_month`, keyed by (person, month).
std::map<std::pair<std::string, unsigned>, Money> months_of(const ContractRate& rate,
                                                            unsigned first_month,
                                                            unsigned last_month) {
  std::map<std::pair<std::string, unsigned>, Money> out;
  for (const PersonRate& p : rate.persons) {
    for (const MonthCharge& m : p.months) {
      if (m.month >= first_month && m.month <= last_month) out[{p.beneficiary_id, m.month}] = m.amount;
    }
  }
  return out;
}

}  // namespace

Result<Money> unused_contribution(const Contract& before, const Product& product, Date last_day,
                                  const RatingParams& params,
                                  const std::vector<Suspension>& suspensions) {
  Date through = paid_through(before.payment_frequency, last_day);
  if (last_day >= through) return Money{};
  int year = year_of(last_day);
  Contract after = before;
  apply_end(after, last_day, "DEM-06");
  auto billed = rate_contract(before, product, year, params, suspensions);
  if (!billed) return billed.error();
  auto kept = rate_contract(after, product, year, params, suspensions);
  if (!kept) return kept.error();
  // Only the months from the end on: earlier months were billed and are kept as they were.
  auto was = months_of(*billed, month_of(last_day), month_of(through));
  auto now = months_of(*kept, month_of(last_day), month_of(through));
  Money refund;
  for (const auto& [key, amount] : was) {
    auto it = now.find(key);
    Money kept_amount = it == now.end() ? Money{} : it->second;
    // A person re-ranked by the end (TAR-03: a child starting after it no longer counts) must
    // not owe more than was billed: a refund is never a charge.
    if (amount > kept_amount) refund = refund + (amount - kept_amount);
  }
  return refund;
}

}  // namespace mutua

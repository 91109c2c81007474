#include "claims/accumulator.hpp"

namespace mutua {

int period_years(Period period) {
  switch (period) {
    case Period::kYear:
      return 1;
    case Period::kTwoYears:
      return 2;
    case Period::kFourYears:
      return 4;
  }
  return 1;
}

UsageKey AccumulatorState::window_for(const std::string& beneficiary_id,
                                      const std::string& category, Period period,
                                      Date care_date) const {
  if (period == Period::kYear) return {beneficiary_id, category, first_of_year(year_of(care_date))};
  UsageKey probe{beneficiary_id, category, care_date};
  // The latest window of this beneficiary and category started on or before the care date.
  auto it = usages_.upper_bound(probe);
  if (it != usages_.begin()) {
    --it;
    const UsageKey& k = it->first;
    bool same = k.beneficiary_id == beneficiary_id && k.category == category;
    if (same && care_date < add_years(k.window_start, period_years(period))) return k;
  }
  return probe;  // no open window: a paid care opens one on its date
}

Usage AccumulatorState::usage(const UsageKey& key) const {
  auto it = usages_.find(key);
  return it == usages_.end() ? Usage{} : it->second;
}

void AccumulatorState::consume(const UsageKey& key, Money amount, int units) {
  Usage& u = usages_[key];
  u.amount += amount;
  u.units += units;
}

Money AccumulatorState::budget_used(const std::string& beneficiary_id, const std::string& category,
                                    int year) const {
  auto it = budgets_.find(UsageKey{beneficiary_id, category, first_of_year(year)});
  return it == budgets_.end() ? Money{} : it->second;
}

void AccumulatorState::consume_budget(const std::string& beneficiary_id,
                                      const std::string& category, int year, Money amount) {
  budgets_[UsageKey{beneficiary_id, category, first_of_year(year)}] += amount;
}

}  // namespace mutua

// AccumulatorState: what each beneficiary has consumed of the limited benefits (BEN-08), so
// that annual caps, counted allowances and yearly euro budgets hold across lines and claims.
// A plain value: the app layer loads it, the engine updates it for PAID lines only, in call
// order (= input-file order), and the app persists it.
//
// Periods (Limits::period):
// - year: the calendar year of the care date (window = 1 January of that year).
// - 2y / 4y: rolling windows. A window opens at the date of the first paid care of the
//   (beneficiary, category) that falls in no open window, and lasts 2 or 4 years (its last day
//   is the day before the anniversary). A care date finds the latest window started on or
//   before it; when that window is over, the next paid care opens a new one. Lines given out of
//   date order may open a window that overlaps a later one: each window keeps its own count.
// - `per: year` euro allowances (annual budgets) always use the calendar year of care,
//   whatever the period of the limits.
#pragma once

#include <compare>
#include <map>
#include <string>

#include "catalogue/catalogue.hpp"
#include "core/date.hpp"
#include "core/money.hpp"

namespace mutua {

struct UsageKey {
  std::string beneficiary_id;
  std::string category;
  Date window_start{};
  friend auto operator<=>(const UsageKey&, const UsageKey&) = default;
  friend bool operator==(const UsageKey&, const UsageKey&) = default;
};

struct Usage {
  Money amount;   // rc paid in the window (annual_cap)
  int units = 0;  // units paid in the window (max_count)
  friend bool operator==(const Usage&, const Usage&) = default;
};

class AccumulatorState {
 public:
  // The window of `period` that holds a care on `care_date` (an existing rolling window, or one
  // that would open on that date).
  UsageKey window_for(const std::string& beneficiary_id, const std::string& category, Period period,
                      Date care_date) const;
  Usage usage(const UsageKey& key) const;
  void consume(const UsageKey& key, Money amount, int units);

  // Yearly euro budget (`per: year`) used by a beneficiary for a category in a calendar year.
  Money budget_used(const std::string& beneficiary_id, const std::string& category, int year) const;
  void consume_budget(const std::string& beneficiary_id, const std::string& category, int year,
                      Money amount);

  const std::map<UsageKey, Usage>& usages() const { return usages_; }
  const std::map<UsageKey, Money>& budgets() const { return budgets_; }
  // Restoring persisted state (app layer): sets one entry as stored.
  void restore_usage(const UsageKey& key, Usage usage) { usages_[key] = usage; }
  void restore_budget(const UsageKey& key, Money used) { budgets_[key] = used; }

  friend bool operator==(const AccumulatorState&, const AccumulatorState&) = default;

 private:
  std::map<UsageKey, Usage> usages_;
  std::map<UsageKey, Money> budgets_;  // window_start = 1 January of the year
};

// Years of a rolling period (1 for a calendar year).
int period_years(Period period);

}  // namespace mutua

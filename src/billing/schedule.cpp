#include "billing/schedule.hpp"

#include <algorithm>
#include <map>

namespace mutua {

int months_per_period(PaymentFrequency frequency) {
  switch (frequency) {
    case PaymentFrequency::kMonthly: return 1;
    case PaymentFrequency::kQuarterly: return 3;
    case PaymentFrequency::kHalfYearly: return 6;
    case PaymentFrequency::kYearly: return 12;
  }
  return 1;
}

int periods_per_year(PaymentFrequency frequency) { return 12 / months_per_period(frequency); }

int period_of_month(PaymentFrequency frequency, unsigned month) {
  return static_cast<int>((month - 1) / static_cast<unsigned>(months_per_period(frequency))) + 1;
}

Date period_first_day(PaymentFrequency frequency, int year, int period) {
  const int first_month = (period - 1) * months_per_period(frequency) + 1;
  return make_date(year, static_cast<unsigned>(first_month), 1);
}

Date period_last_day(PaymentFrequency frequency, int year, int period) {
  const auto last_month = static_cast<unsigned>(period * months_per_period(frequency));
  return make_date(year, last_month, days_in_month(year, last_month));
}

namespace {

// The first day someone is covered within [from, to], if any.
std::optional<Date> first_covered_day(const Contract& contract, Date from, Date to) {
  std::optional<Date> first;
  for (const Beneficiary& b : contract.beneficiaries) {
    if (!b.covered_during(from, to)) continue;
    Date d = std::max(b.start_date, from);
    if (!first || d < *first) first = d;
  }
  return first;
}

}  // namespace

std::vector<Instalment> build_schedule(const Contract& contract, const ContractRate& rate,
                                       PaymentFrequency frequency) {
  std::map<int, Money> by_period;
  for (const PersonRate& person : rate.persons) {
    for (const MonthCharge& m : person.months) {
      if (m.covered_days == 0) continue;
      by_period[period_of_month(frequency, m.month)] += m.amount;
    }
  }
  std::vector<Instalment> out;
  for (const auto& [period, amount] : by_period) {
    Instalment i;
    i.year = rate.year;
    i.period = period;
    i.from = period_first_day(frequency, rate.year, period);
    i.to = period_last_day(frequency, rate.year, period);
    // Months in `rate` are covered months, so a covered day exists; the fallback keeps the
    // period's first day should a caller pass a rate of another contract.
    i.due = first_covered_day(contract, i.from, i.to).value_or(i.from);
    i.amount = amount;
    out.push_back(i);
  }
  return out;
}

Money total_of(const std::vector<Instalment>& schedule) {
  Money sum;
  for (const Instalment& i : schedule) sum += i.amount;
  return sum;
}

}  // namespace mutua

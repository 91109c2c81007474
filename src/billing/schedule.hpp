// The instalment schedule of a contract's yearly contribution (BIL-01, BIL-02): what the member
// pays, when. Pure: built from the rating engine's result (rating/rating.hpp), so every amount is
// the months of its period as rated, each month rounded once (TAR-08).
//
// Contract of build_schedule():
// - The contribution is annual (BIL-01); splitting it is a payment facility (BIL-02): monthly
//   (12 periods), quarterly (4), half-yearly (2) or yearly (1). Period p of year Y covers its
//   calendar months; an instalment is due on the first day of its period, or on the first day of
//   cover inside it when the cover starts later (a mid-year adhesion pays from its start, ADH-02).
// - amount = Σ over persons and over the months of the period of MonthCharge::amount. The
//   instalments therefore sum exactly to ContractRate::annual_total, with no remainder to place:
//   pro rata months (mid-year starts and ends) and dated promotions (ADH-05) fall in the period
//   of their month. (BIL-02's "remainder on the last instalment" is Money::split, for an amount
//   not made of months; none is split today: a recall, TAR-06, is one entry due on one date.)
// - Periods without any covered day are absent; a covered period whose amount is 0 (a
//   promotion of 100 %) is kept, with amount 0, so the schedule still shows it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "members/contract.hpp"
#include "rating/rating.hpp"

namespace mutua {

struct Instalment {
  int year = 0;
  int period = 0;  // 1-based within the year for the frequency
  Date due{};
  Date from{};     // the period's calendar bounds
  Date to{};
  Money amount;
  friend bool operator==(const Instalment&, const Instalment&) = default;
};

int periods_per_year(PaymentFrequency frequency);
int months_per_period(PaymentFrequency frequency);
// The period of `frequency` holding month m (1..12).
int period_of_month(PaymentFrequency frequency, unsigned month);
Date period_first_day(PaymentFrequency frequency, int year, int period);
Date period_last_day(PaymentFrequency frequency, int year, int period);

// `rate` is rate_contract(contract, product, year): the same contract.
std::vector<Instalment> build_schedule(const Contract& contract, const ContractRate& rate,
                                       PaymentFrequency frequency);

Money total_of(const std::vector<Instalment>& schedule);

}  // namespace mutua

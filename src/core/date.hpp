// Calendar dates on std::chrono::year_month_day. No time_t arithmetic, no clock: the business
// date is always an argument (ARCHITECTURE: the date is an argument).
//
// Conventions (used by tariffs, majoration and eligibility alike):
// - add_years / add_months keep the day of month when it exists; otherwise the date falls on the
//   first day of the next month for add_years (29 February + 1 year = 1 March) and on the last
//   day of the month for add_months (31 January + 1 month = 28/29 February).
// - whole_years(a, b): the number of anniversaries of a on or before b (0 when b < a), with the
//   same rule: a 29 February anniversary falls on 1 March in common years.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace mutua {

using Date = std::chrono::year_month_day;

// Strict "YYYY-MM-DD" (exactly ten characters, a real calendar date, year 1900..2999).
Result<Date> parse_date(std::string_view text);
std::optional<Date> try_parse_date(std::string_view text);
std::string format_date(Date d);
// "YYYYMMDD": in identifiers (SEPA message ids, mandate references).
std::string format_date_compact(Date d);
void append_date(std::string& out, Date d);
// Writes "YYYY-MM-DD" into `buf` without allocating; the view points into `buf`.
std::string_view format_date_to(Date d, char (&buf)[10]);

Date make_date(int y, unsigned m, unsigned d);
int year_of(Date d);
unsigned month_of(Date d);
unsigned day_of(Date d);

unsigned days_in_month(int year, unsigned month);
Date add_days(Date d, int days);
Date add_months(Date d, int months);
Date add_years(Date d, int years);
// b − a in days (negative when b < a).
int days_between(Date a, Date b);
// Days since 1970-01-01 (negative before): a compact, ordered key for a date.
int day_number(Date d);
Date from_day_number(int n);
// Anniversaries of `from` on or before `to`; 0 when to < from.
int whole_years(Date from, Date to);
// Exact age in years on a date (birthday-based, ELIG-07).
inline int age_on(Date birth, Date on) { return whole_years(birth, on); }

Date first_of_month(Date d);
Date last_of_month(Date d);
Date first_of_year(int year);
Date last_of_year(int year);

}  // namespace mutua

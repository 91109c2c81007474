// Date helpers: strict parsing and the calendar conventions every rule relies on (TAR-02,
// MAJ-07 anniversaries, ADH-02 days in month, ELIG-07 exact ages).
#include "core/date.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace mutua {
namespace {

Date d(const char* text) { return *parse_date(text); }

TEST(Date, ParseAcceptsRealDates) {
  EXPECT_EQ(d("2026-03-15"), make_date(2026, 3, 15));
  EXPECT_EQ(d("2024-02-29"), make_date(2024, 2, 29));
  EXPECT_EQ(d("2000-02-29"), make_date(2000, 2, 29));
  EXPECT_EQ(d("1900-01-01"), make_date(1900, 1, 1));
  EXPECT_EQ(d("2999-12-31"), make_date(2999, 12, 31));
  EXPECT_EQ(year_of(d("2026-03-15")), 2026);
  EXPECT_EQ(month_of(d("2026-03-15")), 3u);
  EXPECT_EQ(day_of(d("2026-03-15")), 15u);
}

TEST(Date, ParseIsStrict) {
  for (const char* bad :
       {"2025-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
        "2026-1-5", "2026/01/05", "20260105", "2026-01-05 ", " 2026-01-05", "2026-01-05T00:00",
        "1899-12-31", "3000-01-01", "", "abcd-ef-gh", "+026-01-05", "2026-0a-05", "05/01/2026"}) {
    EXPECT_FALSE(try_parse_date(bad).has_value()) << "accepted '" << bad << "'";
    Result<Date> r = parse_date(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("YYYY-MM-DD"), std::string::npos);
  }
}

TEST(Date, FormatIsIso) {
  EXPECT_EQ(format_date(make_date(2026, 3, 5)), "2026-03-05");
  EXPECT_EQ(format_date(make_date(1900, 12, 31)), "1900-12-31");
  std::string out = "on ";
  append_date(out, make_date(2011, 11, 8));
  EXPECT_EQ(out, "on 2011-11-08");
  EXPECT_EQ(format_date_compact(make_date(2026, 3, 5)), "20260305");
}

RC_GTEST_PROP(Date, FormatThenParseRoundTrips, ()) {
  Date x = add_days(make_date(1900, 1, 1), *rc::gen::inRange(0, 400000));
  RC_ASSERT(d(format_date(x).c_str()) == x);
}

// ADH-02: the denominator of a pro rata.
TEST(Date, DaysInMonth) {
  EXPECT_EQ(days_in_month(2026, 1), 31u);
  EXPECT_EQ(days_in_month(2026, 2), 28u);
  EXPECT_EQ(days_in_month(2024, 2), 29u);
  EXPECT_EQ(days_in_month(2000, 2), 29u);  // divisible by 400
  EXPECT_EQ(days_in_month(1900, 2), 28u);  // divisible by 100 only
  EXPECT_EQ(days_in_month(2026, 4), 30u);
  EXPECT_EQ(days_in_month(2026, 12), 31u);
}

TEST(Date, AddDaysAcrossMonthsAndYears) {
  EXPECT_EQ(add_days(d("2025-12-31"), 1), d("2026-01-01"));
  EXPECT_EQ(add_days(d("2026-01-01"), -1), d("2025-12-31"));
  EXPECT_EQ(add_days(d("2024-02-28"), 1), d("2024-02-29"));
  EXPECT_EQ(add_days(d("2026-02-28"), 1), d("2026-03-01"));
  EXPECT_EQ(add_days(d("2026-01-01"), 365), d("2027-01-01"));
  EXPECT_EQ(add_days(d("2024-01-01"), 366), d("2025-01-01"));
  EXPECT_EQ(days_between(d("2026-03-15"), d("2026-03-31")), 16);
  EXPECT_EQ(days_between(d("2026-03-31"), d("2026-03-15")), -16);
  EXPECT_EQ(days_between(d("2025-01-01"), d("2026-01-01")), 365);
}

RC_GTEST_PROP(Date, AddDaysInvertsDaysBetween, ()) {
  Date a = add_days(make_date(1950, 1, 1), *rc::gen::inRange(0, 40000));
  int n = *rc::gen::inRange(-20000, 20000);
  RC_ASSERT(days_between(a, add_days(a, n)) == n);
}

// add_months clamps to the end of the month.
TEST(Date, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(add_months(d("2026-01-31"), 1), d("2026-02-28"));
  EXPECT_EQ(add_months(d("2024-01-31"), 1), d("2024-02-29"));
  EXPECT_EQ(add_months(d("2026-03-31"), 1), d("2026-04-30"));
  EXPECT_EQ(add_months(d("2026-01-15"), 12), d("2027-01-15"));
  EXPECT_EQ(add_months(d("2026-11-30"), 3), d("2027-02-28"));
  EXPECT_EQ(add_months(d("2026-03-31"), -1), d("2026-02-28"));
  EXPECT_EQ(add_months(d("2026-01-10"), -1), d("2025-12-10"));
}

// MAJ-07: a 29 February anniversary falls on 1 March in common years.
TEST(Date, AddYearsTwentyNinthOfFebruary) {
  EXPECT_EQ(add_years(d("2024-02-29"), 1), d("2025-03-01"));
  EXPECT_EQ(add_years(d("2024-02-29"), 4), d("2028-02-29"));
  EXPECT_EQ(add_years(d("1996-02-29"), 30), d("2026-03-01"));
  EXPECT_EQ(add_years(d("2026-03-15"), 2), d("2028-03-15"));
  EXPECT_EQ(add_years(d("2026-03-15"), -2), d("2024-03-15"));
}

// MAJ-07 / ELIG-07: anniversaries on or before the date.
TEST(Date, WholeYears) {
  EXPECT_EQ(whole_years(d("2019-06-30"), d("2025-06-30")), 6);  // on the anniversary
  EXPECT_EQ(whole_years(d("2019-06-30"), d("2025-06-29")), 5);  // the day before
  EXPECT_EQ(whole_years(d("2019-06-30"), d("2019-06-30")), 0);
  EXPECT_EQ(whole_years(d("2019-06-30"), d("2010-01-01")), 0);  // to < from
  EXPECT_EQ(whole_years(d("2016-02-29"), d("2017-02-28")), 0);  // anniversary is 1 March
  EXPECT_EQ(whole_years(d("2016-02-29"), d("2017-03-01")), 1);
  EXPECT_EQ(whole_years(d("2016-02-29"), d("2020-02-28")), 3);
  EXPECT_EQ(whole_years(d("2016-02-29"), d("2020-02-29")), 4);
  EXPECT_EQ(whole_years(d("2015-03-01"), d("2016-02-29")), 0);
  EXPECT_EQ(whole_years(d("2015-03-01"), d("2016-03-01")), 1);
  EXPECT_EQ(age_on(d("1996-12-31"), d("2026-06-30")), 29);  // exact age, not TAR-02's 30
  EXPECT_EQ(age_on(d("1996-12-31"), d("2026-12-31")), 30);
}

RC_GTEST_PROP(Date, WholeYearsCountsAnniversaries, ()) {
  Date from = add_days(make_date(1950, 1, 1), *rc::gen::inRange(0, 30000));
  Date to = add_days(from, *rc::gen::inRange(-1000, 30000));
  int n = whole_years(from, to);
  RC_ASSERT(n >= 0);
  if (to < from) {
    RC_ASSERT(n == 0);
  } else {
    RC_ASSERT(add_years(from, n) <= to);
    RC_ASSERT(to < add_years(from, n + 1));
  }
}

TEST(Date, MonthAndYearBounds) {
  EXPECT_EQ(first_of_month(d("2026-03-15")), d("2026-03-01"));
  EXPECT_EQ(last_of_month(d("2026-02-10")), d("2026-02-28"));
  EXPECT_EQ(last_of_month(d("2024-02-10")), d("2024-02-29"));
  EXPECT_EQ(first_of_year(2026), d("2026-01-01"));
  EXPECT_EQ(last_of_year(2026), d("2026-12-31"));
}

}  // namespace
}  // namespace mutua

#include "core/date.hpp"

#include <algorithm>

namespace mutua {

using namespace std::chrono;

namespace {
bool digits(std::string_view s, size_t from, size_t count, int& out) {
  out = 0;
  for (size_t i = from; i < from + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}
}  // namespace

std::optional<Date> try_parse_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d)) return std::nullopt;
  if (y < 1900 || y > 2999) return std::nullopt;
  Date date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

Result<Date> parse_date(std::string_view text) {
  if (auto d = try_parse_date(text)) return *d;
  return Error{"not a date (expected YYYY-MM-DD): '" + std::string(text) + "'"};
}

std::string_view format_date_to(Date d, char (&buf)[10]) {
  int y = static_cast<int>(d.year());
  unsigned m = static_cast<unsigned>(d.month());
  unsigned dd = static_cast<unsigned>(d.day());
  buf[0] = static_cast<char>('0' + y / 1000 % 10);
  buf[1] = static_cast<char>('0' + y / 100 % 10);
  buf[2] = static_cast<char>('0' + y / 10 % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + m / 10);
  buf[6] = static_cast<char>('0' + m % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + dd / 10);
  buf[9] = static_cast<char>('0' + dd % 10);
  return std::string_view(buf, 10);
}

void append_date(std::string& out, Date d) {
  char buf[10];
  out.append(format_date_to(d, buf));
}

std::string format_date_compact(Date d) {
  std::string s = format_date(d);
  return s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2);
}

std::string format_date(Date d) {
  std::string s;
  append_date(s, d);
  return s;
}

Date make_date(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }
int year_of(Date d) { return static_cast<int>(d.year()); }
unsigned month_of(Date d) { return static_cast<unsigned>(d.month()); }
unsigned day_of(Date d) { return static_cast<unsigned>(d.day()); }

unsigned days_in_month(int y, unsigned m) {
  return static_cast<unsigned>(year_month_day_last{year{y}, month_day_last{month{m}}}.day());
}

Date add_days(Date d, int days) { return Date{sys_days{d} + std::chrono::days{days}}; }

Date add_months(Date d, int n) {
  year_month ym = year_month{d.year(), d.month()} + months{n};
  unsigned last = days_in_month(static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
  unsigned dd = std::min(static_cast<unsigned>(d.day()), last);
  return Date{ym.year(), ym.month(), day{dd}};
}

Date add_years(Date d, int n) {
  Date r{d.year() + years{n}, d.month(), d.day()};
  if (r.ok()) return r;
  // 29 February in a common year: the anniversary is 1 March.
  return Date{r.year(), month{3}, day{1}};
}

int day_number(Date d) { return static_cast<int>(sys_days{d}.time_since_epoch().count()); }

Date from_day_number(int n) { return Date{sys_days{std::chrono::days{n}}}; }

int days_between(Date a, Date b) {
  return static_cast<int>((sys_days{b} - sys_days{a}).count());
}

int whole_years(Date from, Date to) {
  if (to < from) return 0;
  int n = year_of(to) - year_of(from);
  if (add_years(from, n) > to) --n;
  return n;
}

Date first_of_month(Date d) { return Date{d.year(), d.month(), day{1}}; }
Date last_of_month(Date d) {
  return Date{d.year(), d.month(), day{days_in_month(year_of(d), month_of(d))}};
}
Date first_of_year(int y) { return make_date(y, 1, 1); }
Date last_of_year(int y) { return make_date(y, 12, 31); }

}  // namespace mutua

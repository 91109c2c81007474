#include "billing/records.hpp"

#include <charconv>

namespace mutua {

Money BillingSchedule::annual() const {
  Money sum;
  for (const auto& i : instalments) sum += i.instalment.amount;
  return sum;
}

std::string encode_instalments(const std::vector<ScheduledInstalment>& instalments) {
  std::string out;
  out.reserve(instalments.size() * 32);
  for (const auto& s : instalments) {
    if (!out.empty()) out += ';';
    out += std::to_string(s.instalment.period);
    out += '|';
    append_date(out, s.instalment.due);
    out += '|';
    out += std::to_string(s.instalment.amount.cents());
    out += '|';
    out += std::to_string(s.billed.cents());
    out += '|';
    out += std::to_string(s.presented.cents());
    out += s.posted ? "|1" : "|0";
  }
  return out;
}

namespace {

bool next_field(std::string_view& rest, std::string_view& field, char sep) {
  if (rest.empty()) return false;
  auto pos = rest.find(sep);
  field = rest.substr(0, pos);
  rest = pos == std::string_view::npos ? std::string_view{} : rest.substr(pos + 1);
  return true;
}

template <typename T>
bool to_number(std::string_view text, T& out) {
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && p == text.data() + text.size();
}

}  // namespace

std::optional<std::vector<ScheduledInstalment>> decode_instalments(std::string_view text, int year,
                                                                  PaymentFrequency frequency) {
  std::vector<ScheduledInstalment> out;
  std::string_view item;
  while (next_field(text, item, ';')) {
    std::string_view f[6];
    for (auto& field : f) {
      if (!next_field(item, field, '|')) return std::nullopt;
    }
    ScheduledInstalment s;
    int64_t amount = 0, billed = 0, presented = 0;
    auto due = try_parse_date(f[1]);
    if (!to_number(f[0], s.instalment.period) || !due || !to_number(f[2], amount) ||
        !to_number(f[3], billed) || !to_number(f[4], presented) || (f[5] != "0" && f[5] != "1") ||
        s.instalment.period < 1 ||
        s.instalment.period > periods_per_year(frequency)) {
      return std::nullopt;
    }
    s.instalment.year = year;
    s.instalment.due = *due;
    s.instalment.from = period_first_day(frequency, year, s.instalment.period);
    s.instalment.to = period_last_day(frequency, year, s.instalment.period);
    s.instalment.amount = Money::from_cents(amount);
    s.billed = Money::from_cents(billed);
    s.presented = Money::from_cents(presented);
    s.posted = f[5] == "1";
    out.push_back(s);
  }
  return out;
}

}  // namespace mutua

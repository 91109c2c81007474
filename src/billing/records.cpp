#include "billing/records.hpp"

#include <cstdint>

namespace mutua {

Money BillingSchedule::annual() const {
  Money sum;
  for (const auto& i : instalments) sum += i.instalment.amount;
  return sum;
}

// Version 1: per instalment, the period (1 byte), the due date as days after the period's first
// day (varint), then amount, billed and extra in cents (zigzag varints) and a flags byte
// (bit 0: posted). About 10 bytes an instalment: a billing run rewrites a million of them.
namespace {

void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void put_signed(std::string& out, int64_t v) {
  put_varint(out, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}

bool get_varint(std::string_view& in, uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64 && !in.empty(); shift += 7) {
    const auto byte = static_cast<uint8_t>(in.front());
    in.remove_prefix(1);
    v |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

bool get_signed(std::string_view& in, int64_t& v) {
  uint64_t u = 0;
  if (!get_varint(in, u)) return false;
  v = static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
  return true;
}

}  // namespace

std::string encode_instalments(const std::vector<ScheduledInstalment>& instalments) {
  std::string out;
  out.reserve(1 + instalments.size() * 12);
  out += '\x01';
  for (const auto& s : instalments) {
    out += static_cast<char>(s.instalment.period);
    put_varint(out, static_cast<uint64_t>(days_between(s.instalment.from, s.instalment.due)));
    put_signed(out, s.instalment.amount.cents());
    put_signed(out, s.billed.cents());
    put_signed(out, s.extra.cents());
    out += static_cast<char>(s.posted ? 1 : 0);
  }
  return out;
}

std::optional<std::vector<ScheduledInstalment>> decode_instalments(std::string_view in, int year,
                                                                  PaymentFrequency frequency) {
  if (in.empty() || in.front() != '\x01') return std::nullopt;
  in.remove_prefix(1);
  std::vector<ScheduledInstalment> out;
  const int periods = periods_per_year(frequency);
  while (!in.empty()) {
    ScheduledInstalment s;
    const int period = static_cast<uint8_t>(in.front());
    in.remove_prefix(1);
    uint64_t offset = 0;
    int64_t amount = 0, billed = 0, extra = 0;
    if (period < 1 || period > periods || !get_varint(in, offset) || offset > 366 ||
        !get_signed(in, amount) || !get_signed(in, billed) || !get_signed(in, extra) ||
        in.empty() || static_cast<uint8_t>(in.front()) > 1) {
      return std::nullopt;
    }
    s.posted = in.front() == 1;
    in.remove_prefix(1);
    s.instalment.year = year;
    s.instalment.period = period;
    s.instalment.from = period_first_day(frequency, year, period);
    s.instalment.to = period_last_day(frequency, year, period);
    s.instalment.due = add_days(s.instalment.from, static_cast<int>(offset));
    s.instalment.amount = Money::from_cents(amount);
    s.billed = Money::from_cents(billed);
    s.extra = Money::from_cents(extra);
    out.push_back(s);
  }
  return out;
}

}  // namespace mutua

#include "core/money.hpp"

#include <limits>
#include <algorithm>
#include <numeric>

namespace mutua {

namespace {
int64_t checked(__int128 v) {
  if (v > std::numeric_limits<int64_t>::max() || v < std::numeric_limits<int64_t>::min()) {
    throw MoneyOverflow();
  }
  return static_cast<int64_t>(v);
}
}  // namespace

Money Money::from_euros(int64_t euros) { return Money(checked(static_cast<__int128>(euros) * 100)); }

Result<Money> Money::parse(std::string_view text) {
  auto fail = [&](const char* why) {
    return Error{std::string("not an amount (") + why + "): '" + std::string(text) + "'"};
  };
  if (text.empty()) return fail("empty");
  size_t i = 0;
  bool negative = false;
  if (text[0] == '-') {
    negative = true;
    i = 1;
  }
  __int128 units = 0;
  size_t int_digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++int_digits) {
    units = units * 10 + (text[i] - '0');
    if (units > std::numeric_limits<int64_t>::max() / 100) return fail("too large");
  }
  if (int_digits == 0) return fail("expected digits like 1234.50");
  int64_t cents = 0;
  if (i < text.size()) {
    if (text[i] != '.') return fail("expected digits like 1234.50");
    ++i;
    size_t dec = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++dec) {
      if (dec == 2) return fail("more than two decimals");
      cents += (text[i] - '0') * (dec == 0 ? 10 : 1);
    }
    if (dec == 0) return fail("digits expected after '.'");
    if (i != text.size()) return fail("expected digits like 1234.50");
  }
  // The integer part was bounded above, but its cents can still pass the int64 range.
  __int128 total = units * 100 + cents;
  if (negative) total = -total;
  if (total > std::numeric_limits<int64_t>::max() || total < std::numeric_limits<int64_t>::min()) {
    return fail("too large");
  }
  return Money(static_cast<int64_t>(total));
}

void Money::append_to(std::string& out) const {
  __int128 v = cents_;
  if (v < 0) {
    out.push_back('-');
    v = -v;
  }
  auto units = static_cast<unsigned long long>(v / 100);
  auto rest = static_cast<unsigned>(v % 100);
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + units % 10);
    units /= 10;
  } while (units != 0);
  while (n > 0) out.push_back(buf[--n]);
  out.push_back('.');
  out.push_back(static_cast<char>('0' + rest / 10));
  out.push_back(static_cast<char>('0' + rest % 10));
}

std::string Money::format() const {
  std::string s;
  append_to(s);
  return s;
}

Money Money::operator+(Money o) const { return Money(checked(static_cast<__int128>(cents_) + o.cents_)); }
Money Money::operator-(Money o) const { return Money(checked(static_cast<__int128>(cents_) - o.cents_)); }
Money Money::operator-() const { return Money(checked(-static_cast<__int128>(cents_))); }
Money Money::operator*(int64_t n) const { return Money(checked(static_cast<__int128>(cents_) * n)); }

int64_t round_half_up(__int128 numerator, __int128 denominator) {
  MUTUA_ASSERT(denominator > 0);
  bool negative = numerator < 0;
  __int128 a = negative ? -numerator : numerator;
  __int128 q = a / denominator;
  __int128 r = a % denominator;
  if (r * 2 >= denominator) ++q;
  return checked(negative ? -q : q);
}

Money Money::mul_ratio(int64_t numerator, int64_t denominator) const {
  return Money(round_half_up(static_cast<__int128>(cents_) * numerator, denominator));
}

std::vector<Money> Money::split(int parts) const {
  MUTUA_ASSERT(parts > 0);
  std::vector<Money> out(static_cast<size_t>(parts), Money(cents_ / parts));
  out.back() = Money(cents_ - (cents_ / parts) * (parts - 1));
  return out;
}

std::vector<Money> Money::split_by(const std::vector<int64_t>& weights) const {
  MUTUA_ASSERT(!weights.empty());
  __int128 total_weight = 0;
  for (int64_t w : weights) {
    MUTUA_ASSERT(w >= 0);
    total_weight += w;
  }
  MUTUA_ASSERT(total_weight > 0);
  std::vector<Money> out(weights.size());
  std::vector<std::pair<__int128, size_t>> remainders;
  __int128 assigned = 0;
  bool negative = cents_ < 0;
  __int128 whole = negative ? -static_cast<__int128>(cents_) : cents_;
  for (size_t i = 0; i < weights.size(); ++i) {
    __int128 share = whole * weights[i];
    out[i] = Money(static_cast<int64_t>(share / total_weight));
    assigned += share / total_weight;
    remainders.emplace_back(share % total_weight, i);
  }
  // Give the leftover cents to the largest remainders (ties: earliest part first).
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (__int128 left = whole - assigned, k = 0; left > 0; --left, ++k) {
    out[remainders[static_cast<size_t>(k)].second].cents_ += 1;
  }
  if (negative) {
    for (auto& m : out) m.cents_ = -m.cents_;
  }
  return out;
}

Money min(Money a, Money b) { return a < b ? a : b; }
Money max(Money a, Money b) { return a < b ? b : a; }

}  // namespace mutua

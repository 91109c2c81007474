// Money: an amount in euros held as int64 cents. Never a double.
//
// Contract:
// - Arithmetic is checked: an overflow is a bug or absurd data and throws MoneyOverflow.
// - parse() is strict: optional '-', digits, optional '.' and one or two digits ("1234.50",
//   "12", "0.5"); no spaces, no thousands separators, no exponent, no '+'.
// - format() always writes two decimals ("1234.50", "-0.05").
// - The only rounding is half-up to the cent (away from zero on .5), done once per billed amount
//   by mul_ratio() / round_half_up(); intermediate values stay exact (integers or ratios).
// - split() divides a total into parts that always sum exactly to it.
#pragma once

#include <compare>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace mutua {

class MoneyOverflow : public std::overflow_error {
 public:
  MoneyOverflow() : std::overflow_error("money arithmetic overflow") {}
};

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_cents(int64_t cents) { return Money(cents); }
  static Money from_euros(int64_t euros);

  // Strict parse of "1234.50"; the error names what is wrong (no file context: callers add it).
  static Result<Money> parse(std::string_view text);

  constexpr int64_t cents() const { return cents_; }
  std::string format() const;
  // Appends the formatted amount to out without allocating a temporary (hot path of exports).
  void append_to(std::string& out) const;

  bool is_zero() const { return cents_ == 0; }
  bool is_negative() const { return cents_ < 0; }

  Money operator+(Money o) const;
  Money operator-(Money o) const;
  Money operator-() const;
  Money& operator+=(Money o) { return *this = *this + o; }
  Money& operator-=(Money o) { return *this = *this - o; }
  // Exact multiplication by a whole number (a quantity, a number of months).
  Money operator*(int64_t n) const;

  // this × numerator / denominator, rounded half-up to the cent once. denominator > 0.
  Money mul_ratio(int64_t numerator, int64_t denominator) const;
  // this × basis_points / 10000, rounded half-up once (percentages held as basis points).
  Money mul_bp(int64_t basis_points) const { return mul_ratio(basis_points, 10000); }

  // Splits into `parts` amounts of equal cents, the remainder on the last one (BIL-02).
  std::vector<Money> split(int parts) const;
  // Splits in proportion to weights (largest-remainder method): sums exactly to this.
  std::vector<Money> split_by(const std::vector<int64_t>& weights) const;

  friend constexpr auto operator<=>(Money a, Money b) = default;
  friend constexpr bool operator==(Money a, Money b) = default;

 private:
  constexpr explicit Money(int64_t cents) : cents_(cents) {}
  int64_t cents_ = 0;
};

Money min(Money a, Money b);
Money max(Money a, Money b);

// Rounds numerator / denominator (in cents) half-up to a whole cent. denominator > 0.
int64_t round_half_up(__int128 numerator, __int128 denominator);

}  // namespace mutua

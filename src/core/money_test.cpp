// Money: strict parsing, formatting, half-up rounding, exact splits, checked arithmetic (TAR-08,
// BIL-02; INTERFACES.md "money as euros with a dot and at most two decimals").
#include "core/money.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <limits>

namespace mutua {
namespace {

Money cents(int64_t c) { return Money::from_cents(c); }

TEST(Money, ParseAcceptsPlainAmounts) {
  EXPECT_EQ(Money::parse("1234.50")->cents(), 123450);
  EXPECT_EQ(Money::parse("12")->cents(), 1200);
  EXPECT_EQ(Money::parse("0.5")->cents(), 50);
  EXPECT_EQ(Money::parse("0.05")->cents(), 5);
  EXPECT_EQ(Money::parse("-0.05")->cents(), -5);
  EXPECT_EQ(Money::parse("-12.3")->cents(), -1230);
  EXPECT_EQ(Money::parse("0")->cents(), 0);
  EXPECT_EQ(Money::parse("-0")->cents(), 0);
  EXPECT_EQ(Money::parse("007.10")->cents(), 710);
}

// INTERFACES.md: a dot and at most two decimals; no spaces, separators, exponent or '+'.
TEST(Money, ParseRejectsEverythingElse) {
  for (const char* bad :
       {"1,5",   "1.234", "+1",    " 1",  "1 ",  "1e3",  "",     ".",  "1.",   ".5",  "-",  "-.5",
        "1.2.3", "1 000", "1_000", "12a", "--1", "0x10", "1.5-", "€1", "1.-5", "NaN", "inf"}) {
    Result<Money> r = Money::parse(bad);
    EXPECT_FALSE(r.ok()) << "accepted '" << bad << "'";
    if (!r.ok()) {
      EXPECT_NE(r.error().message.find("not an amount"), std::string::npos);
      EXPECT_NE(r.error().message.find(std::string("'") + bad + "'"), std::string::npos);
    }
  }
}

TEST(Money, ParseLimitsAreExact) {
  // The extreme int64 cents both parse; one cent more is rejected, never wrapped.
  EXPECT_EQ(Money::parse("92233720368547758.07")->cents(), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(Money::parse("-92233720368547758.08")->cents(), std::numeric_limits<int64_t>::min());
  EXPECT_FALSE(Money::parse("92233720368547758.08").ok());
  EXPECT_FALSE(Money::parse("92233720368547758.99").ok());
  EXPECT_FALSE(Money::parse("-92233720368547758.09").ok());
  EXPECT_FALSE(Money::parse("99999999999999999999").ok());
}

TEST(Money, FormatAlwaysTwoDecimals) {
  EXPECT_EQ(cents(123450).format(), "1234.50");
  EXPECT_EQ(cents(0).format(), "0.00");
  EXPECT_EQ(cents(5).format(), "0.05");
  EXPECT_EQ(cents(-5).format(), "-0.05");
  EXPECT_EQ(cents(-123456).format(), "-1234.56");
  EXPECT_EQ(Money::from_euros(7).format(), "7.00");
  EXPECT_EQ(cents(std::numeric_limits<int64_t>::min()).format(), "-92233720368547758.08");
  std::string out = "x=";
  cents(1999).append_to(out);
  EXPECT_EQ(out, "x=19.99");
}

RC_GTEST_PROP(Money, FormatThenParseRoundTrips, (int64_t c)) {
  RC_ASSERT(Money::parse(cents(c).format())->cents() == c);
}

// TAR-08: half-up to the cent, away from zero on .5, for negatives too.
TEST(Money, TAR_08_RoundHalfUp) {
  EXPECT_EQ(round_half_up(5, 10), 1);    // 0.5 → 1
  EXPECT_EQ(round_half_up(4, 10), 0);    // 0.4 → 0
  EXPECT_EQ(round_half_up(15, 10), 2);   // 1.5 → 2
  EXPECT_EQ(round_half_up(25, 10), 3);   // 2.5 → 3 (not banker's rounding)
  EXPECT_EQ(round_half_up(-5, 10), -1);  // −0.5 → −1
  EXPECT_EQ(round_half_up(-4, 10), 0);
  EXPECT_EQ(round_half_up(-15, 10), -2);
  EXPECT_EQ(round_half_up(-16, 10), -2);
  EXPECT_EQ(round_half_up(2, 3), 1);  // 0.666 → 1
  EXPECT_EQ(round_half_up(1, 3), 0);
  EXPECT_EQ(round_half_up(0, 7), 0);
}

// TAR-08 / MAJ-05: one rounding of this × numerator / denominator.
TEST(Money, TAR_08_MulRatioRoundsOnce) {
  EXPECT_EQ(cents(4210).mul_ratio(11600, 10000), cents(4884));  // 42.10 × 1.16 = 48.836
  EXPECT_EQ(cents(4890).mul_ratio(11600, 10000), cents(5672));  // 48.90 × 1.16 = 56.724
  EXPECT_EQ(cents(4210).mul_ratio(17, 31), cents(2309));        // 42.10 × 17/31 = 23.087
  EXPECT_EQ(cents(3).mul_ratio(1, 2), cents(2));                // 1.5 cents → 2
  EXPECT_EQ(cents(-3).mul_ratio(1, 2), cents(-2));              // −1.5 cents → −2
  EXPECT_EQ(cents(1000).mul_bp(1550), cents(155));              // 10.00 × 15.5%
  EXPECT_EQ(cents(1).mul_bp(5000), cents(1));                   // 0.005 → 0.01
  // No overflow in the intermediate product: it is computed on 128 bits.
  EXPECT_EQ(cents(std::numeric_limits<int64_t>::max()).mul_ratio(3, 3),
            cents(std::numeric_limits<int64_t>::max()));
}

RC_GTEST_PROP(Money, TAR_08_MulRatioIsWithinHalfACent, (int32_t c, uint16_t num)) {
  int64_t den = 1 + *rc::gen::inRange(0, 100000);
  int64_t r = cents(c).mul_ratio(num, den).cents();
  __int128 exact2 = static_cast<__int128>(c) * num * 2;  // 2 × exact, in cents × den
  __int128 diff = static_cast<__int128>(r) * den * 2 - exact2;
  RC_ASSERT(diff <= den && diff >= -den);
}

TEST(Money, ArithmeticAndComparisons) {
  EXPECT_EQ(cents(150) + cents(275), cents(425));
  EXPECT_EQ(cents(150) - cents(275), cents(-125));
  EXPECT_EQ(-cents(150), cents(-150));
  EXPECT_EQ(cents(4210) * 12, cents(50520));
  Money m = cents(100);
  m += cents(5);
  m -= cents(10);
  EXPECT_EQ(m, cents(95));
  EXPECT_LT(cents(1), cents(2));
  EXPECT_EQ(min(cents(1), cents(2)), cents(1));
  EXPECT_EQ(max(cents(1), cents(2)), cents(2));
  EXPECT_TRUE(Money().is_zero());
  EXPECT_TRUE(cents(-1).is_negative());
  EXPECT_FALSE(cents(0).is_negative());
}

TEST(Money, OverflowThrows) {
  const Money top = cents(std::numeric_limits<int64_t>::max());
  const Money bottom = cents(std::numeric_limits<int64_t>::min());
  EXPECT_THROW(top + cents(1), MoneyOverflow);
  EXPECT_THROW(bottom - cents(1), MoneyOverflow);
  EXPECT_THROW(-bottom, MoneyOverflow);
  EXPECT_THROW(top * 2, MoneyOverflow);
  EXPECT_THROW(bottom * -1, MoneyOverflow);
  EXPECT_THROW(top.mul_ratio(2, 1), MoneyOverflow);
  EXPECT_THROW(Money::from_euros(std::numeric_limits<int64_t>::max() / 10), MoneyOverflow);
  Money m = top;
  EXPECT_THROW(m += cents(1), MoneyOverflow);
  EXPECT_EQ(m, top);  // unchanged after the failed operation
}

// BIL-02: equal instalments, the remainder on the last one.
TEST(Money, BIL_02_SplitPutsRemainderLast) {
  std::vector<Money> parts = cents(100000).split(12);  // 1000.00 in 12
  ASSERT_EQ(parts.size(), 12u);
  EXPECT_EQ(parts[0], cents(8333));
  EXPECT_EQ(parts[10], cents(8333));
  EXPECT_EQ(parts[11], cents(8337));  // 8333 × 11 = 91663; 100000 − 91663
  std::vector<Money> neg = cents(-100).split(3);
  EXPECT_EQ(neg[0], cents(-33));
  EXPECT_EQ(neg[2], cents(-34));
  EXPECT_EQ(cents(7).split(1)[0], cents(7));
}

TEST(Money, BIL_02_SplitByWeightsLargestRemainder) {
  // 10.00 by 1:1:1 → 3.34, 3.33, 3.33 (the tie goes to the earliest part).
  std::vector<Money> parts = cents(1000).split_by({1, 1, 1});
  EXPECT_EQ(parts[0], cents(334));
  EXPECT_EQ(parts[1], cents(333));
  EXPECT_EQ(parts[2], cents(333));
  // 1.00 by 1:2 → 0.33 (remainder 1/3), 0.66 (remainder 2/3) → the second gets the cent.
  parts = cents(100).split_by({1, 2});
  EXPECT_EQ(parts[0], cents(33));
  EXPECT_EQ(parts[1], cents(67));
  parts = cents(-100).split_by({1, 2});
  EXPECT_EQ(parts[0], cents(-33));
  EXPECT_EQ(parts[1], cents(-67));
  parts = cents(500).split_by({0, 5});
  EXPECT_EQ(parts[0], cents(0));
  EXPECT_EQ(parts[1], cents(500));
}

RC_GTEST_PROP(Money, BIL_02_SplitSumsExactly, (int64_t c)) {
  int n = *rc::gen::inRange(1, 400);
  std::vector<Money> parts = cents(c).split(n);
  RC_ASSERT(parts.size() == static_cast<size_t>(n));
  __int128 sum = 0;
  for (Money m : parts) sum += m.cents();
  RC_ASSERT(sum == c);
  for (size_t i = 0; i + 1 < parts.size(); ++i) RC_ASSERT(parts[i] == parts[0]);
}

RC_GTEST_PROP(Money, BIL_02_SplitBySumsExactlyAndStaysProportional, (int64_t c)) {
  std::vector<int64_t> weights = *rc::gen::nonEmpty(
      rc::gen::container<std::vector<int64_t>>(rc::gen::inRange<int64_t>(0, 1000000)));
  weights[0] += 1;  // at least one positive weight
  std::vector<Money> parts = cents(c).split_by(weights);
  RC_ASSERT(parts.size() == weights.size());
  __int128 sum = 0, total_weight = 0;
  for (int64_t w : weights) total_weight += w;
  for (size_t i = 0; i < parts.size(); ++i) {
    sum += parts[i].cents();
    // Each part is within one cent of its exact share.
    __int128 exact_num = static_cast<__int128>(c) * weights[i];
    __int128 diff = static_cast<__int128>(parts[i].cents()) * total_weight - exact_num;
    RC_ASSERT(diff < total_weight && diff > -total_weight);
  }
  RC_ASSERT(sum == c);
}

}  // namespace
}  // namespace mutua

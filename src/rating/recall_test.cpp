// TAR-06: a contribution recall never takes a member past 1.5 × the normal annual contribution.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "rating/recall.hpp"

namespace mutua {
namespace {

Money eur(const char* text) { return Money::parse(text).value(); }

// TAR-06: annual 687.60 → cap 343.80; a 10% recall (68.76) passes whole.
TEST(Recall, TAR_06_RecallUnderTheCapPassesWhole) {
  RecallDecision d = decide_recall(eur("687.60"), eur("0"), eur("68.76"));
  EXPECT_EQ(d.allowed, eur("68.76"));
  EXPECT_FALSE(d.capped);
  EXPECT_EQ(d.cap, eur("343.80"));
}

// TAR-06: a second recall is capped at what is left: 343.80 − 300.00 = 43.80.
TEST(Recall, TAR_06_SecondRecallCappedAtHalfTheAnnual) {
  RecallDecision d = decide_recall(eur("687.60"), eur("300.00"), eur("100.00"));
  EXPECT_EQ(d.allowed, eur("43.80"));
  EXPECT_TRUE(d.capped);
}

// TAR-06: odd cents: 0.5 × 100.01 = 50.005 → the cap is 50.00, never 50.01.
TEST(Recall, TAR_06_CapRoundsDown) {
  EXPECT_EQ(decide_recall(eur("100.01"), eur("0"), eur("80.00")).allowed, eur("50.00"));
}

// TAR-06 property: normal + all recalls ≤ 1.5 × normal, whatever the sequence of calls.
RC_GTEST_PROP(Recall, TAR_06_TotalNeverExceedsOneAndAHalf, ()) {
  Money normal = Money::from_cents(*rc::gen::inRange<int64_t>(0, 1000000));
  Money recalled;
  int calls = *rc::gen::inRange(1, 6);
  for (int i = 0; i < calls; ++i) {
    Money requested = Money::from_cents(*rc::gen::inRange<int64_t>(0, 800000));
    RecallDecision d = decide_recall(normal, recalled, requested);
    RC_ASSERT(d.allowed <= requested);
    RC_ASSERT(!d.allowed.is_negative());
    recalled += d.allowed;
  }
  RC_ASSERT((normal + recalled).cents() * 2 <= normal.cents() * 3);
}

}  // namespace
}  // namespace mutua

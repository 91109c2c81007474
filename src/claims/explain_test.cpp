// explain(): each step of a decision in plain words (BEN-15).
#include <gtest/gtest.h>

#include "claims/claims_test_support.hpp"
#include "claims/explain.hpp"

namespace mutua {
namespace {

using namespace claims_testing;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The INTERFACES.md example: GP 30.00 OPTAM 150% → 9.00, the member keeps the 2.00 flat fee.
TEST(ExplainClaim, BEN_15_FormulaBoundsAndResult) {
  Benefit b = gp_benefit();
  AccumulatorState s;
  CareLine l = gp();
  std::string text = explain(l, adjudicate(l, context(b), s));
  EXPECT_TRUE(contains(text,
                       "Claim C1 line 1 (beneficiary B1, contract K1): CONSULT_GP on "
                       "2026-03-10"));
  EXPECT_TRUE(contains(text, "charged 30.00, base 30.00, RO paid 19.00, flat fee 2.00"));
  EXPECT_TRUE(contains(text,
                       "RO gross = RO paid 19.00 + flat fee 2.00 + franchise 0.00 = 21.00 "
                       "[BEN-04]"));
  EXPECT_TRUE(contains(text,
                       "formula: min(charged 30.00, 150% × base 30.00 = 45.00) − RO gross "
                       "21.00 = 9.00 [BEN-01]"));
  EXPECT_TRUE(contains(text,
                       "indemnity: charged 30.00 − RO gross 21.00 − other payers 0.00: at "
                       "most 9.00: not limiting [BEN-02]"));
  EXPECT_TRUE(contains(text,
                       "Result: PAID, complementary amount (RC) 9.00, remaining for the "
                       "member 2.00 (no reason code)"));
}

TEST(ExplainClaim, BEN_08_CapsAreNamed) {
  Benefit b = benefit("ALT_MEDICINE", allowance("40.00", Per::kAct));
  b.limits.annual_cap = m("50.00");
  AccumulatorState s;
  CareLine l = line("ALT_MEDICINE", "2026-01-10", "60.00", "0", "0");
  (void)adjudicate(l, context(b), s);
  std::string text = explain(l, adjudicate(l, context(b), s));
  EXPECT_TRUE(contains(text,
                       "cap 50.00 per year from 2026-01-01, 40.00 already paid: at most "
                       "10.00: rc limited to 10.00 [BEN-08]"));
  EXPECT_TRUE(contains(text, "(reasons CAP_ANNUAL)"));
}

TEST(ExplainClaim, ADH_07_RejectionSaysWhy) {
  Benefit b = gp_benefit();
  LineContext c = context(b);
  c.rights = RightsStatus::kNotStarted;
  AccumulatorState s;
  std::string text = explain(gp(), adjudicate(gp(), c, s));
  EXPECT_TRUE(contains(text, "care before the rights opening date: no benefit [ADH-07]"));
  EXPECT_TRUE(contains(text, "Result: REJECTED, complementary amount (RC) 0.00"));
  EXPECT_TRUE(contains(text, "(reasons NO_RIGHTS)"));
}

}  // namespace
}  // namespace mutua

// Properties of adjudicate() over random lines (BEN-02, BEN-04, BEN-08, BEN-12):
// rc ≥ 0; ro_paid + other_payers + rc ≤ charged; the flat fee and franchises are never covered;
// caps and counts hold across a sequence of lines; the engine is deterministic.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>

#include "claims/claims_test_support.hpp"

namespace mutua {
namespace {

using namespace claims_testing;

Money cents(int64_t c) { return Money::from_cents(c); }

// A consistent RO décompte: ro_paid + flat + franchise = base × rate (deductions never exceed
// it), other payers at most what is left of charged after the RO.
rc::Gen<CareLine> gen_line(std::string category) {
  return rc::gen::exec([category] {
    CareLine l = line(category.c_str(), "2026-03-10", "0", "0", "0");
    l.beneficiary_id = *rc::gen::element<std::string>("B1", "B2");
    l.care_date = make_date(*rc::gen::inRange(2025, 2028), *rc::gen::inRange(1u, 13u),
                            *rc::gen::inRange(1u, 29u));
    l.received_date = l.care_date;
    l.quantity = *rc::gen::inRange(1, 6);
    l.charged = cents(*rc::gen::inRange<int64_t>(0, 200000));
    // Mostly base ≤ charged (excess fees or none); sometimes a base above the price.
    int64_t base_max = *rc::gen::inRange(0, 5) == 0 ? 150000 : l.charged.cents();
    l.base = cents(*rc::gen::inRange<int64_t>(0, base_max + 1));
    int rate = *rc::gen::element(0, 15, 30, 60, 65, 70, 80, 100);
    Money gross = l.base.mul_bp(rate * 100);
    l.flat_fee = min(gross, cents(*rc::gen::element<int64_t>(0, 100, 200)));
    l.franchise = min(gross - l.flat_fee, cents(*rc::gen::element<int64_t>(0, 50, 100, 400)));
    l.ro_paid = gross - l.flat_fee - l.franchise;
    Money left = max(Money{}, l.charged - l.ro_paid);
    l.other_payers = cents(*rc::gen::inRange<int64_t>(0, left.cents() + 1));
    if (*rc::gen::inRange(0, 4) == 0) l.other_payers = Money{};
    l.optam = *rc::gen::element<std::optional<bool>>(std::nullopt, true, false);
    l.out_of_pathway = *rc::gen::inRange(0, 5) == 0;
    l.basket = *rc::gen::element(Basket::kNone, Basket::k100S, Basket::kModerate);
    if (*rc::gen::inRange(0, 6) == 0) {
      l.country = "DE";
      l.emergency = *rc::gen::arbitrary<bool>();
    }
    return l;
  });
}

rc::Gen<Formula> gen_formula() {
  return rc::gen::exec([] {
    Formula f;
    auto per = [] { return *rc::gen::element(Per::kAct, Per::kDay, Per::kYear, Per::kEquipment); };
    auto amount = [] { return cents(*rc::gen::inRange<int64_t>(0, 50000)); };
    switch (*rc::gen::inRange(0, 5)) {
      case 0:
        f.total_pct_br = *rc::gen::inRange(0, 400);
        if (*rc::gen::arbitrary<bool>()) f.plus = Allowance{amount(), per()};
        break;
      case 1:
        f.real_costs = true;
        break;
      case 2:
        f.full_basket = true;
        break;
      default:
        f.amount = Allowance{amount(), per()};
        break;
    }
    return f;
  });
}

rc::Gen<Benefit> gen_benefit(std::string category) {
  return rc::gen::exec([category] {
    Benefit b;
    b.category = category;
    b.formula = *gen_formula();
    if (*rc::gen::arbitrary<bool>()) b.optam = *gen_formula();
    if (*rc::gen::arbitrary<bool>()) b.non_optam = *gen_formula();
    if (*rc::gen::arbitrary<bool>())
      b.limits.annual_cap = cents(*rc::gen::inRange<int64_t>(0, 100000));
    if (*rc::gen::arbitrary<bool>()) b.limits.max_count = *rc::gen::inRange(0, 8);
    b.limits.period = *rc::gen::element(Period::kYear, Period::kTwoYears, Period::kFourYears);
    return b;
  });
}

LineContext random_context(const Benefit& b) {
  LineContext c = context(b);
  if (*rc::gen::inRange(0, 4) == 0)
    c.rules.legal_cap = cents(*rc::gen::inRange<int64_t>(0, 100000));
  return c;
}

// BEN-02: rc ≥ 0 and RO + other payers + RC never exceed what was spent.
RC_GTEST_PROP(AdjudicateProperty, BEN_02_RcNonNegativeAndWithinCharged, ()) {
  const Benefit b = *gen_benefit("CONSULT_GP");
  const CareLine l = *gen_line("CONSULT_GP");
  AccumulatorState s;
  Decision dec = adjudicate(l, random_context(b), s);
  RC_ASSERT(!dec.rc.is_negative());
  // Only meaningful when the RO and other payers did not already pay more than was spent.
  RC_PRE(l.ro_paid + l.other_payers <= l.charged);
  RC_ASSERT(l.ro_paid + l.other_payers + dec.rc <= l.charged);
  RC_ASSERT(dec.remaining == l.charged - l.ro_paid - l.other_payers - dec.rc);
  if (dec.status != ClaimStatus::kPaid) RC_ASSERT(dec.rc.is_zero());
}

// BEN-04: the flat fee and franchises stay with the member (or with other payers), whenever the
// charged amount covers the RO gross.
RC_GTEST_PROP(AdjudicateProperty, BEN_04_FlatFeeAndFranchiseNeverCovered, ()) {
  const Benefit b = *gen_benefit("CONSULT_GP");
  const CareLine l = *gen_line("CONSULT_GP");
  RC_PRE(l.charged >= l.ro_gross());
  AccumulatorState s;
  Decision dec = adjudicate(l, random_context(b), s);
  RC_ASSERT(dec.remaining + l.other_payers >= l.flat_fee + l.franchise);
  if (l.other_payers.is_zero()) RC_ASSERT(dec.remaining >= l.flat_fee + l.franchise);
}

// BEN-08: over a sequence of lines of two beneficiaries, the rc paid in each calendar year
// never exceeds annual_cap, and the units paid never exceed max_count.
RC_GTEST_PROP(AdjudicateProperty, BEN_08_CapsNeverExceededAcrossLines, ()) {
  Benefit b = *gen_benefit("PARAMED");
  b.limits.period = Period::kYear;
  b.limits.annual_cap = cents(*rc::gen::inRange<int64_t>(0, 100000));
  b.limits.max_count = *rc::gen::inRange(0, 10);
  const auto lines = *rc::gen::container<std::vector<CareLine>>(gen_line("PARAMED"));
  const LineContext c = context(b);
  AccumulatorState s;
  std::map<std::pair<std::string, int>, std::pair<Money, int>> paid;
  for (const CareLine& l : lines) {
    Decision dec = adjudicate(l, c, s);
    auto& [amount, units] = paid[{l.beneficiary_id, year_of(l.care_date)}];
    amount += dec.rc;
    units += dec.units_paid;
    RC_ASSERT(dec.units_paid <= l.quantity);
  }
  for (const auto& [key, total] : paid) {
    RC_ASSERT(total.first <= *b.limits.annual_cap);
    RC_ASSERT(total.second <= *b.limits.max_count);
  }
}

// The same line with a fresh state gives the same decision: no hidden input.
RC_GTEST_PROP(AdjudicateProperty, BEN_15_Deterministic, ()) {
  const Benefit b = *gen_benefit("CONSULT_GP");
  const CareLine l = *gen_line("CONSULT_GP");
  const LineContext c = random_context(b);
  AccumulatorState s1, s2;
  Decision a = adjudicate(l, c, s1);
  Decision z = adjudicate(l, c, s2);
  RC_ASSERT(a.status == z.status);
  RC_ASSERT(a.rc == z.rc);
  RC_ASSERT(a.remaining == z.remaining);
  RC_ASSERT(a.reasons == z.reasons);
  RC_ASSERT(a.steps.size() == z.steps.size());
  for (size_t i = 0; i < a.steps.size(); ++i) RC_ASSERT(a.steps[i].text == z.steps[i].text);
  RC_ASSERT(s1 == s2);
}

// BEN-12: a duplicate pays nothing and consumes nothing.
RC_GTEST_PROP(AdjudicateProperty, BEN_12_DuplicatePaysNothingMore, ()) {
  const Benefit b = *gen_benefit("CONSULT_GP");
  const CareLine l = *gen_line("CONSULT_GP");
  LineContext c = random_context(b);
  AccumulatorState s;
  (void)adjudicate(l, c, s);
  AccumulatorState before = s;
  c.duplicate = true;
  Decision dec = adjudicate(l, c, s);
  RC_ASSERT(dec.status == ClaimStatus::kDuplicate);
  RC_ASSERT(dec.rc.is_zero());
  RC_ASSERT(s == before);
}

}  // namespace
}  // namespace mutua

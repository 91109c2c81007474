// Issue 15: renewal periods (BEN-16), hearing aids at 20 or under (BEN-18), the forfait patient
// urgences (BEN-19) and the RO's deductions (BEN-20), on the real config/regulation.yaml. Every
// expected amount is computed by hand in the comment above it.
#include "claims/renewal.hpp"

#include <gtest/gtest.h>

#include "claims/claims_test_support.hpp"

namespace mutua {
namespace {

using namespace claims_testing;

const Regulation& reg() {
  static const Regulation r =
      *Regulation::load_file(std::string(MUTUA_SOURCE_DIR) + "/config/regulation.yaml");
  return r;
}

const Date kAdult = d("1980-05-01");       // 45-46 in 2026
const Date kChild = d("2016-05-01");       // 9-10 in 2026
const Date kYoungChild = d("2022-05-01");  // 3-4 in 2026
const Date kTeen = d("2010-05-01");        // 15-16 in 2026, under 20

// LABEL2 glasses (config/catalogue.yaml): 100% BR + 150.00 per equipment.
Benefit glasses_benefit() {
  Formula f = pct(100);
  f.plus = Allowance{m("150.00"), Per::kEquipment};
  return benefit("OPTICS_FRAME_LENSES", f);
}

// The glasses: 350.00, class B base 0.15, RO 60% = 0.09.
CareLine glasses(const char* date, EarlyRenewal why = EarlyRenewal::kNone) {
  CareLine l = line("OPTICS_FRAME_LENSES", date, "350.00", "0.15", "0.09");
  l.early_renewal = why;
  return l;
}

Decision decide(const CareLine& l, const Benefit& b, Date birth, AccumulatorState& state,
                bool responsible = true) {
  LineContext c;
  c.benefit = &b;
  c.responsible = responsible;
  auto rules = line_rules(reg(), l);
  EXPECT_TRUE(rules.ok()) << (rules ? "" : rules.error().to_string());
  c.rules = *rules;
  Status s = add_person_rules(reg(), l, birth, responsible, c.rules);
  EXPECT_TRUE(s.ok());
  return adjudicate(l, c, state);
}

bool has_step(const Decision& dec, const std::string& rule, const std::string& text) {
  for (const Step& s : dec.steps) {
    if (s.rule_id == rule && s.text.find(text) != std::string::npos) return true;
  }
  return false;
}

// ---- BEN-16 optics -------------------------------------------------------------------------

// The example. First pair on 2026-01-15: min(350.00, 100% × 0.15) − 0.09 = 0.06, plus
// 150.00 per equipment = 150.06 (legal maximum 420.00 − 0.09 = 419.91 and indemnity
// 350.00 − 0.09 = 349.91 do not limit). Second pair five months later, 2026-06-15, same adult:
// the adult period is 24 months, renewable from 2026-01-15 + 24 months = 2028-01-15: rc 0
// (was 150.06 before the fix), remaining 350.00 − 0.09 − 0 = 349.91. On 2028-01-15: 150.06.
TEST(Renewal, BEN_16_SecondPairFiveMonthsLaterIsNotPaid) {
  Benefit b = glasses_benefit();
  AccumulatorState state;
  Decision first = decide(glasses("2026-01-15"), b, kAdult, state);
  EXPECT_EQ(first.rc.format(), "150.06");
  EXPECT_EQ(first.reasons_text(), "");

  Decision second = decide(glasses("2026-06-15"), b, kAdult, state);
  EXPECT_EQ(to_string(second.status), "PAID");
  EXPECT_EQ(second.rc.format(), "0.00");
  EXPECT_EQ(second.remaining.format(), "349.91");
  EXPECT_EQ(second.reasons_text(), "RENEWAL");
  EXPECT_TRUE(has_step(second, "BEN-16", "previous equipment on 2026-01-15"));
  EXPECT_TRUE(has_step(second, "BEN-16", "not renewable before 2028-01-15"));

  EXPECT_EQ(decide(glasses("2028-01-14"), b, kAdult, state).rc.format(), "0.00");
  EXPECT_EQ(decide(glasses("2028-01-15"), b, kAdult, state).rc.format(), "150.06");
}

// A change of sight at 16 and over: 12 months (optics.renewal_months.child). First pair
// 2026-01-15 (150.06); 2027-01-14 is one day short: 0; 2027-01-15 = 2026-01-15 + 12 months:
// 150.06. Without the change of sight the same 2027-01-15 pair is within 24 months: 0.
TEST(Renewal, BEN_16_ChangeOfSightShortensTheAdultPeriodToOneYear) {
  Benefit b = glasses_benefit();
  AccumulatorState state;
  EXPECT_EQ(decide(glasses("2026-01-15"), b, kAdult, state).rc.format(), "150.06");
  AccumulatorState copy = state;
  EXPECT_EQ(decide(glasses("2027-01-15"), b, kAdult, copy).rc.format(), "0.00");
  copy = state;
  EXPECT_EQ(decide(glasses("2027-01-14", EarlyRenewal::kVisionChange), b, kAdult, copy).rc.format(),
            "0.00");
  Decision early = decide(glasses("2027-01-15", EarlyRenewal::kVisionChange), b, kAdult, state);
  EXPECT_EQ(early.rc.format(), "150.06");
  EXPECT_TRUE(has_step(early, "BEN-16", "change of sight: 12 months"));
}

// Under 16: 12 months; with a change of sight no minimum period; up to 6 with a frame that no
// longer fits: 6 months. Each first pair 2026-01-15 pays 150.06.
TEST(Renewal, BEN_16_ChildrenPeriods) {
  Benefit b = glasses_benefit();
  {
    AccumulatorState state;  // child of 9: 2026-01-15 + 12 months = 2027-01-15
    EXPECT_EQ(decide(glasses("2026-01-15"), b, kChild, state).rc.format(), "150.06");
    AccumulatorState copy = state;
    EXPECT_EQ(decide(glasses("2027-01-14"), b, kChild, copy).rc.format(), "0.00");
    EXPECT_EQ(decide(glasses("2027-01-15"), b, kChild, state).rc.format(), "150.06");
  }
  {
    AccumulatorState state;  // child of 9, change of sight one month later: no minimum
    EXPECT_EQ(decide(glasses("2026-01-15"), b, kChild, state).rc.format(), "150.06");
    EXPECT_EQ(decide(glasses("2026-02-15", EarlyRenewal::kVisionChange), b, kChild, state)
                  .rc.format(),
              "150.06");
  }
  {
    AccumulatorState state;  // child of 3, frame no longer fits: 2026-01-15 + 6 = 2026-07-15
    EXPECT_EQ(decide(glasses("2026-01-15"), b, kYoungChild, state).rc.format(), "150.06");
    AccumulatorState copy = state;
    EXPECT_EQ(decide(glasses("2026-07-14", EarlyRenewal::kFrameFit), b, kYoungChild, copy)
                  .rc.format(),
              "0.00");
    EXPECT_EQ(decide(glasses("2026-07-15", EarlyRenewal::kFrameFit), b, kYoungChild, state)
                  .rc.format(),
              "150.06");
  }
}

// The renewal is per beneficiary, and the class A (100% santé) equipment shares it. Another
// beneficiary's pair on 2026-06-15: 150.06. The same adult's class A pair on 2026-06-15
// (charged 105.00, base 95.00, RO 60% = 57.00, full basket 105.00 − 57.00 = 48.00) is within
// 24 months of 2026-01-15: 0.
TEST(Renewal, BEN_16_PerBeneficiaryAndSharedWithTheBasket) {
  Benefit b = glasses_benefit();
  Benefit basket = benefit("OPTICS_100S", Formula{});
  basket.formula->full_basket = true;
  AccumulatorState state;
  EXPECT_EQ(decide(glasses("2026-01-15"), b, kAdult, state).rc.format(), "150.06");
  CareLine other = glasses("2026-06-15");
  other.beneficiary_id = "B2";
  EXPECT_EQ(decide(other, b, kAdult, state).rc.format(), "150.06");
  CareLine class_a = line("OPTICS_100S", "2026-06-15", "105.00", "95.00", "57.00");
  AccumulatorState copy = state;
  Decision dec = decide(class_a, basket, kAdult, copy);
  EXPECT_EQ(dec.rc.format(), "0.00");
  EXPECT_EQ(dec.reasons_text(), "RENEWAL");
  // A new adult with no equipment before: 105.00 − 57.00 = 48.00.
  class_a.beneficiary_id = "B3";
  EXPECT_EQ(decide(class_a, basket, kAdult, copy).rc.format(), "48.00");
}

// A line paid nothing uses no renewal (other payers cover it: indemnity 350.00 − 0.09 − 349.91 = 0): the next pair is paid 150.06. A non-responsible product
// applies no renewal: a second pair five months later is paid 150.06 again.
TEST(Renewal, BEN_16_UnpaidLinesAndNonResponsibleProducts) {
  Benefit b = glasses_benefit();
  AccumulatorState state;
  CareLine covered = glasses("2026-01-15");
  covered.other_payers = m("349.91");
  EXPECT_EQ(decide(covered, b, kAdult, state).rc.format(), "0.00");
  EXPECT_EQ(decide(glasses("2026-02-15"), b, kAdult, state).rc.format(), "150.06");

  AccumulatorState free_state;
  EXPECT_EQ(decide(glasses("2026-01-15"), b, kAdult, free_state, false).rc.format(), "150.06");
  EXPECT_EQ(decide(glasses("2026-06-15"), b, kAdult, free_state, false).rc.format(), "150.06");
}

// ---- BEN-16 hearing aids -------------------------------------------------------------------

// HEARING_FREE 100% BR + 200.00 per equipment. One ear on 2026-02-01: charged 1500.00, base
// 400.00, RO 60% = 240.00: 400.00 − 240.00 + 200.00 = 360.00. Two ears on 2027-03-01: charged
// 3000.00, base 800.00, RO 480.00: 800.00 − 480.00 + 200.00 = 520.00, but one ear of two is left
// in the 4 years: 520.00 × 1/2 = 260.00. One ear on 2028-01-10: both ears used: 0. One ear on
// 2030-02-01 = 2026-02-01 + 4 years: the first ear's period is over: 360.00.
TEST(Renewal, BEN_16_HearingAidsOneEarPerFourYears) {
  Formula f = pct(100);
  f.plus = Allowance{m("200.00"), Per::kEquipment};
  Benefit b = benefit("HEARING_FREE", f);
  AccumulatorState state;
  CareLine one = line("HEARING_FREE", "2026-02-01", "1500.00", "400.00", "240.00");
  EXPECT_EQ(decide(one, b, kAdult, state).rc.format(), "360.00");
  CareLine two = line("HEARING_FREE", "2027-03-01", "3000.00", "800.00", "480.00");
  two.quantity = 2;
  Decision half = decide(two, b, kAdult, state);
  EXPECT_EQ(half.rc.format(), "260.00");
  EXPECT_EQ(half.reasons_text(), "RENEWAL");
  EXPECT_TRUE(has_step(half, "BEN-16", "1 of the 2 ears may be renewed now, all from 2030-02-01"));
  one.care_date = one.received_date = d("2028-01-10");
  EXPECT_EQ(decide(one, b, kAdult, state).rc.format(), "0.00");
  one.care_date = one.received_date = d("2030-02-01");
  EXPECT_EQ(decide(one, b, kAdult, state).rc.format(), "360.00");
}

// BEN-08 (issue 15: every other per-period limit checked per beneficiary): the LABEL osteopath,
// 20.00 per act, at most 2 acts a calendar year. B1, two sessions on 2026-03-02 (charged 60.00):
// 20.00 × 2 = 40.00; a third on 2026-04-02: none left, 0.00 CAP_COUNT; B2 on the same day has
// their own count: 20.00; B1 on 2027-01-10, a new calendar year: 20.00.
TEST(Renewal, BEN_08_CountsPerYearArePerBeneficiary) {
  Formula f = allowance("20.00", Per::kAct);
  Benefit b = benefit("ALT_MEDICINE", f);
  b.limits.max_count = 2;
  b.limits.period = Period::kYear;
  AccumulatorState state;
  CareLine two = line("ALT_MEDICINE", "2026-03-02", "60.00", "0", "0");
  two.quantity = 2;
  EXPECT_EQ(decide(two, b, kAdult, state).rc.format(), "40.00");
  CareLine third = line("ALT_MEDICINE", "2026-04-02", "30.00", "0", "0");
  Decision none = decide(third, b, kAdult, state);
  EXPECT_EQ(none.rc.format(), "0.00");
  EXPECT_EQ(none.reasons_text(), "CAP_COUNT");
  CareLine other = third;
  other.beneficiary_id = "B2";
  EXPECT_EQ(decide(other, b, kAdult, state).rc.format(), "20.00");
  CareLine next_year = line("ALT_MEDICINE", "2027-01-10", "30.00", "0", "0");
  EXPECT_EQ(decide(next_year, b, kAdult, state).rc.format(), "20.00");
}

// ---- BEN-18 hearing aids at 20 or under -----------------------------------------------------

// One ear charged 1600.00, base 1400.00, RO 60% = 840.00; 100% BR + 700.00 per equipment:
// 1400.00 − 840.00 + 700.00 = 1260.00. Aged 15 (≤ 20): RO + RC ≤ 1400.00, rc ≤ 1400.00 − 840.00
// = 560.00 (CAP_LEGAL, BEN-18); indemnity 1600.00 − 840.00 = 760.00 does not limit. Aged 45: the
// cap is 1700.00 − 840.00 = 860.00 (CAP_LEGAL, BEN-07), then indemnity 760.00 (INDEMNITY).
TEST(Renewal, BEN_18_HearingAidPriceLimitAtTwentyOrUnder) {
  Formula f = pct(100);
  f.plus = Allowance{m("700.00"), Per::kEquipment};
  Benefit b = benefit("HEARING_FREE", f);
  CareLine aid = line("HEARING_FREE", "2026-02-01", "1600.00", "1400.00", "840.00");
  AccumulatorState young_state, adult_state;
  Decision young = decide(aid, b, kTeen, young_state);
  EXPECT_EQ(young.rc.format(), "560.00");
  EXPECT_EQ(young.reasons_text(), "CAP_LEGAL");
  EXPECT_TRUE(has_step(young, "BEN-18", "legal maximum 1400.00"));
  Decision adult = decide(aid, b, kAdult, adult_state);
  EXPECT_EQ(adult.rc.format(), "760.00");
  EXPECT_EQ(adult.reasons_text(), "CAP_LEGAL;INDEMNITY");
}

// ---- BEN-19 forfait patient urgences -------------------------------------------------------

// A responsible product covers the FPU in full even without an EMERGENCY_FEE entry: 19.61 on
// 2026-02-10 (rc 19.61 − 0 = 19.61, remaining 0), 23.00 on 2026-03-10. A line charging 25.00 on
// 2026-03-10 is paid up to the FPU in force: 23.00 (CAP_LEGAL), remaining 25.00 − 23.00 = 2.00.
// A non-responsible product without the entry: NOT_COVERED.
TEST(Renewal, BEN_19_EmergencyFeeCoveredByResponsibleContracts) {
  auto run = [](const char* date, const char* charged, bool responsible) {
    CareLine l = line("EMERGENCY_FEE", date, charged, "0", "0");
    LineContext c;
    c.responsible = responsible;
    c.rules = *line_rules(reg(), l);
    AccumulatorState state;
    return adjudicate(l, c, state);
  };
  Decision feb = run("2026-02-10", "19.61", true);
  EXPECT_EQ(feb.rc.format(), "19.61");
  EXPECT_EQ(feb.remaining.format(), "0.00");
  EXPECT_TRUE(has_step(feb, "BEN-19", "covered in full"));
  EXPECT_EQ(run("2026-03-10", "23.00", true).rc.format(), "23.00");
  Decision over = run("2026-03-10", "25.00", true);
  EXPECT_EQ(over.rc.format(), "23.00");
  EXPECT_EQ(over.remaining.format(), "2.00");
  EXPECT_EQ(over.reasons_text(), "CAP_LEGAL");
  Decision other = run("2026-03-10", "23.00", false);
  EXPECT_EQ(to_string(other.status), "REJECTED");
  EXPECT_EQ(other.reasons_text(), "NOT_COVERED");
}

// ---- BEN-20 the RO's deductions ------------------------------------------------------------

// GP 30.00, BR 30.00, RO 70% = 21.00 − 2.00 flat fee: OPTAM 150% pays min(30, 45) − 21 = 9.00
// whoever the patient; the 2.00 stays with the member (BEN-04). For a child of 9 the RO should
// not have deducted it (exempt under 18): the explanation says so and names the two separate
// 50.00 caps; the amount does not change.
TEST(Renewal, BEN_20_DeductionsCapsAndExemptions) {
  Benefit b = gp_benefit();
  AccumulatorState s1, s2;
  Decision child = decide(gp(), b, kChild, s1);
  EXPECT_EQ(child.rc.format(), "9.00");
  EXPECT_EQ(child.remaining.format(), "2.00");
  EXPECT_TRUE(has_step(child, "BEN-20", "exempt (under 18 on the care date)"));
  EXPECT_TRUE(has_step(child, "BEN-20", "at most 50.00 of flat fees and, separately, 50.00"));
  Decision adult = decide(gp(), b, kAdult, s2);
  EXPECT_EQ(adult.rc.format(), "9.00");
  EXPECT_FALSE(has_step(adult, "BEN-20", "exempt"));
}

}  // namespace
}  // namespace mutua

// adjudicate(): hand-computed lines for each rule (BEN-01..11, BEN-15, ADH-07, CES-01, SUS-01).
// Every expected amount is computed in the comment above it with INTERFACES.md "Exact semantics".
#include <gtest/gtest.h>

#include "claims/claims_test_support.hpp"

namespace mutua {
namespace {

using namespace claims_testing;

Decision run(const CareLine& l, const LineContext& c) {
  AccumulatorState state;
  return adjudicate(l, c, state);
}

void expect(const Decision& dec, ClaimStatus status, const char* rc, const char* remaining,
            const std::string& reasons) {
  EXPECT_EQ(to_string(dec.status), to_string(status));
  EXPECT_EQ(dec.rc.format(), rc);
  EXPECT_EQ(dec.remaining.format(), remaining);
  EXPECT_EQ(dec.reasons_text(), reasons);
}

// ---- formulas (BEN-01, BEN-04, BEN-05) ------------------------------------------------------

// GP 30.00, BR 30, RO 70% = 21.00 − 2.00 flat fee → ro_paid 19.00, RO gross 21.00.
// OPTAM 150%: RC = min(30, 45) − 21 = 9.00; remaining = 30 − 19 − 9 = 2.00 = the flat fee.
TEST(Adjudicate, BEN_01_BEN_04_GpOptamLeavesTheFlatFee) {
  Benefit b = gp_benefit();
  Decision dec = run(gp(), context(b));
  expect(dec, ClaimStatus::kPaid, "9.00", "2.00", "");
  EXPECT_EQ(dec.ro_gross.format(), "21.00");
  EXPECT_EQ(dec.formula_amount.format(), "9.00");
}

// GP charging 50.00, OPTAM 150%: min(50, 45) − 21 = 24.00; remaining 50 − 19 − 24 = 7.00.
TEST(Adjudicate, BEN_01_OptamExcessUpToThePercentage) {
  Benefit b = gp_benefit();
  expect(run(gp("50.00"), context(b)), ClaimStatus::kPaid, "24.00", "7.00", "");
}

// BEN-05: non-OPTAM 130%: min(50, 39) − 21 = 18.00; remaining 50 − 19 − 18 = 13.00.
// optam empty on a doctor category is non-OPTAM: the same amounts.
TEST(Adjudicate, BEN_05_NonOptamAndEmptyOptamUseTheNonOptamFormula) {
  Benefit b = gp_benefit();
  expect(run(gp("50.00", false), context(b)), ClaimStatus::kPaid, "18.00", "13.00", "");
  expect(run(gp("50.00", std::nullopt), context(b)), ClaimStatus::kPaid, "18.00", "13.00", "");
}

// A benefit with a single formula applies to both kinds of doctor: 100% → min(50, 30) − 21 = 9.
TEST(Adjudicate, BEN_01_SingleFormulaForEveryDoctor) {
  Benefit b = benefit("CONSULT_GP", pct(100));
  expect(run(gp("50.00", false), context(b)), ClaimStatus::kPaid, "9.00", "22.00", "");
}

// BEN-03 / BEN-04: PHARMA_65 box 10.00, BR 10, RO 65% = 6.50 − 1.00 franchise → ro_paid 5.50.
// Ticket modérateur: min(10, 10) − 6.50 = 3.50; remaining 10 − 5.50 − 3.50 = 1.00 = franchise.
TEST(Adjudicate, BEN_03_BEN_04_TicketModerateurLeavesTheFranchise) {
  Benefit b = benefit("PHARMA_65", pct(100));
  CareLine l = line("PHARMA_65", "2026-03-10", "10.00", "10.00", "5.50", "0", "1.00");
  expect(run(l, context(b)), ClaimStatus::kPaid, "3.50", "1.00", "");
}

// BEN-03: three hospital daily fees 3 × 23.00 = 69.00, base 0 (the RO does not reimburse it).
// Real costs: 69 − 0 = 69.00; remaining 0.
TEST(Adjudicate, BEN_03_HospitalDailyFeeAtRealCosts) {
  Formula f;
  f.real_costs = true;
  Benefit b = benefit("HOSP_DAILY_FEE", f);
  CareLine l = line("HOSP_DAILY_FEE", "2026-03-10", "69.00", "0", "0");
  l.quantity = 3;
  expect(run(l, context(b)), ClaimStatus::kPaid, "69.00", "0.00", "");
}

// ---- out of pathway (BEN-04) ----------------------------------------------------------------

// GP out of pathway: RO 30% of 30 = 9.00 − 2.00 flat fee → ro_paid 7.00. The formula counts the
// RO at the normal 70%: 21.00. OPTAM 150%: min(30, 45) − 21 = 9.00; bound min(30, 30) − 21 = 9.
// remaining = 30 − 7 − 9 = 14.00 (the 12.00 reduction and the flat fee stay with the member).
TEST(Adjudicate, BEN_04_OutOfPathwayReductionNotCovered) {
  Benefit b = gp_benefit();
  CareLine l = gp();
  l.ro_paid = m("7.00");
  l.out_of_pathway = true;
  Decision dec = run(l, context(b));
  expect(dec, ClaimStatus::kPaid, "9.00", "14.00", "OUT_OF_PATHWAY");
  EXPECT_EQ(dec.ro_gross_used.format(), "21.00");
}

// Charged 40.00 out of pathway: formula min(40, 45) − 21 = 19.00, but nothing above the base:
// min(40, 30) − 21 = 9.00. remaining = 40 − 7 − 9 = 24.00.
TEST(Adjudicate, BEN_04_OutOfPathwayExcessNotCovered) {
  Benefit b = gp_benefit();
  CareLine l = gp("40.00");
  l.ro_paid = m("7.00");
  l.out_of_pathway = true;
  Decision dec = run(l, context(b));
  expect(dec, ClaimStatus::kPaid, "9.00", "24.00", "OUT_OF_PATHWAY");
  EXPECT_EQ(dec.formula_amount.format(), "19.00");
}

// ---- indemnity (BEN-02) ---------------------------------------------------------------------

// Specialist 80.00, BR 31.50, RO 70% = 22.05 − 2.00 → ro_paid 20.05; OPTAM 200%:
// min(80, 63) − 22.05 = 40.95. Other payers 50.00: rc ≤ 80 − 22.05 − 50 = 7.95 → INDEMNITY.
// remaining = 80 − 20.05 − 50 − 7.95 = 2.00.
TEST(Adjudicate, BEN_02_IndemnityWithOtherPayers) {
  Benefit b;
  b.category = "CONSULT_SPE";
  b.optam = pct(200);
  b.non_optam = pct(180);
  CareLine l = line("CONSULT_SPE", "2026-03-10", "80.00", "31.50", "20.05", "2.00");
  l.optam = true;
  l.other_payers = m("50.00");
  expect(run(l, context(b)), ClaimStatus::kPaid, "7.95", "2.00", "INDEMNITY");
}

// Other payers paying everything left: rc ≤ 80 − 22.05 − 60 < 0 → 0, still PAID.
TEST(Adjudicate, BEN_02_NothingLeftAfterOtherPayers) {
  Benefit b = benefit("CONSULT_SPE", pct(200));
  CareLine l = line("CONSULT_SPE", "2026-03-10", "80.00", "31.50", "20.05", "2.00");
  l.other_payers = m("60.00");
  // remaining = 80 − 20.05 − 60 − 0 = −0.05: other payers over-paid; the mutuelle pays nothing.
  expect(run(l, context(b)), ClaimStatus::kPaid, "0.00", "-0.05", "INDEMNITY");
}

// ---- 100% santé (BEN-06) and legal caps (BEN-07) --------------------------------------------

// Ceramo-metal crown in the basket: 500.00, BR 120, RO 60% = 72.00. Full basket: 500 − 72 = 428;
// remaining 0. The basket column is empty: the *_100S category is the basket.
TEST(Adjudicate, BEN_06_FullBasketZeroRemaining) {
  Formula f;
  f.full_basket = true;
  Benefit b = benefit("DENTAL_PROSTH_100S", f);
  CareLine l = line("DENTAL_PROSTH_100S", "2026-03-10", "500.00", "120.00", "72.00");
  expect(run(l, context(b)), ClaimStatus::kPaid, "428.00", "0.00", "");
  l.basket = Basket::kModerate;
  expect(run(l, context(b)), ClaimStatus::kRejected, "0.00", "428.00", "NOT_COVERED");
}

// Class I hearing aid charged 1,000.00 (over the 950.00 price limit), BR 400, RO 60% = 240.
// Full basket 1000 − 240 = 760; legal cap 950 − 240 = 710 → CAP_LEGAL; remaining 50.00.
TEST(Adjudicate, BEN_06_HearingBasketWithinThePriceLimit) {
  Formula f;
  f.full_basket = true;
  Benefit b = benefit("HEARING_100S", f);
  CareLine l = line("HEARING_100S", "2026-03-10", "1000.00", "400.00", "240.00");
  LineContext c = context(b);
  c.rules.legal_cap = m("950.00");
  expect(run(l, c), ClaimStatus::kPaid, "710.00", "50.00", "CAP_LEGAL");
}

// Glasses 700.00, BR 10, RO 60% = 6.00; a 500.00 per-equipment allowance. Legal maximum 420 RO
// included: rc ≤ 420 − 6 = 414 → CAP_LEGAL; remaining 700 − 6 − 414 = 280.00.
TEST(Adjudicate, BEN_07_OpticsLegalMaximum) {
  Benefit b = benefit("OPTICS_FRAME_LENSES", allowance("500.00", Per::kEquipment));
  CareLine l = line("OPTICS_FRAME_LENSES", "2026-03-10", "700.00", "10.00", "6.00");
  LineContext c = context(b);
  c.rules.legal_cap = m("420.00");
  expect(run(l, c), ClaimStatus::kPaid, "414.00", "280.00", "CAP_LEGAL");
}

// ---- caps and counts (BEN-08) ---------------------------------------------------------------

// Private room 50.00/day, 30 days a year. 25 days at 70 = 1750: 50 × 25 = 1250. Then 10 days at
// 60 = 600: 5 days left → 250, CAP_COUNT, remaining 350. Then 2 days: none left → 0, PAID.
// The next year opens a new count: 2 days → 100.
TEST(Adjudicate, BEN_08_CountedDaysPerCalendarYear) {
  Benefit b = benefit("PRIVATE_ROOM", allowance("50.00", Per::kDay));
  b.limits.max_count = 30;
  LineContext c = context(b);
  AccumulatorState s;
  CareLine l = line("PRIVATE_ROOM", "2026-02-01", "1750.00", "0", "0");
  l.quantity = 25;
  expect(adjudicate(l, c, s), ClaimStatus::kPaid, "1250.00", "500.00", "");
  l = line("PRIVATE_ROOM", "2026-06-01", "600.00", "0", "0");
  l.quantity = 10;
  Decision dec = adjudicate(l, c, s);
  expect(dec, ClaimStatus::kPaid, "250.00", "350.00", "CAP_COUNT");
  EXPECT_EQ(dec.units_paid, 5);
  l.quantity = 2;
  l.charged = m("120.00");
  expect(adjudicate(l, c, s), ClaimStatus::kPaid, "0.00", "120.00", "CAP_COUNT");
  l.care_date = d("2027-01-05");
  expect(adjudicate(l, c, s), ClaimStatus::kPaid, "100.00", "20.00", "");
}

// Osteopath 40.00 per session, annual cap 100.00 (sessions at 60.00, base 0): 40, 40, then
// 100 − 80 = 20 (CAP_ANNUAL), then 0 (CAP_ANNUAL, PAID); the next year 40 again.
TEST(Adjudicate, BEN_08_AnnualCap) {
  Benefit b = benefit("ALT_MEDICINE", allowance("40.00", Per::kAct));
  b.limits.annual_cap = m("100.00");
  LineContext c = context(b);
  AccumulatorState s;
  CareLine l = line("ALT_MEDICINE", "2026-01-10", "60.00", "0", "0");
  expect(adjudicate(l, c, s), ClaimStatus::kPaid, "40.00", "20.00", "");
  expect(adjudicate(l, c, s), ClaimStatus::kPaid, "40.00", "20.00", "");
  expect(adjudicate(l, c, s), ClaimStatus::kPaid, "20.00", "40.00", "CAP_ANNUAL");
  expect(adjudicate(l, c, s), ClaimStatus::kPaid, "0.00", "60.00", "CAP_ANNUAL");
  l.care_date = d("2027-01-10");
  expect(adjudicate(l, c, s), ClaimStatus::kPaid, "40.00", "20.00", "");
}

// Optics 100% BR + 150.00 a year. Glasses 300.00, BR 10, RO 60% = 6: 10 − 6 = 4 + 150 = 154;
// remaining 300 − 6 − 154 = 140. A second pair (100.00) the same year: the budget is spent →
// 4.00. The next year 4 + 150 = 154, bound by the indemnity 100 − 6 = 94 (INDEMNITY).
TEST(Adjudicate, BEN_08_YearlyBudgetOnTopOfThePercentage) {
  Formula f = pct(100);
  f.plus = Allowance{m("150.00"), Per::kYear};
  Benefit b = benefit("OPTICS_FRAME_LENSES", f);
  LineContext c = context(b);
  AccumulatorState s;
  CareLine l = line("OPTICS_FRAME_LENSES", "2026-03-10", "300.00", "10.00", "6.00");
  expect(adjudicate(l, c, s), ClaimStatus::kPaid, "154.00", "140.00", "");
  l.charged = m("100.00");
  expect(adjudicate(l, c, s), ClaimStatus::kPaid, "4.00", "90.00", "");
  l.care_date = d("2027-03-10");
  expect(adjudicate(l, c, s), ClaimStatus::kPaid, "94.00", "0.00", "INDEMNITY");
  // The budget paid only what the line needed beyond the percentage: 94 − 4 = 90.
  EXPECT_EQ(s.budget_used("B1", "OPTICS_FRAME_LENSES", 2027), m("90.00"));
}

// One pair of glasses per 2 rolling years from the first paid care (2026-03-01): 2027-06-01 and
// 2028-02-29 fall in that window (CAP_COUNT); 2028-03-01 opens a new one.
TEST(Adjudicate, BEN_08_RollingTwoYearRenewal) {
  Benefit b = benefit("OPTICS_FRAME_LENSES", allowance("200.00", Per::kEquipment));
  b.limits.max_count = 1;
  b.limits.period = Period::kTwoYears;
  LineContext c = context(b);
  AccumulatorState s;
  CareLine l = line("OPTICS_FRAME_LENSES", "2026-03-01", "300.00", "10.00", "6.00");
  expect(adjudicate(l, c, s), ClaimStatus::kPaid, "200.00", "94.00", "");
  for (const char* date : {"2027-06-01", "2028-02-29"}) {
    l.care_date = d(date);
    expect(adjudicate(l, c, s), ClaimStatus::kPaid, "0.00", "294.00", "CAP_COUNT");
  }
  l.care_date = d("2028-03-01");
  expect(adjudicate(l, c, s), ClaimStatus::kPaid, "200.00", "94.00", "");
}

// Physiotherapy 100% BR + 10.00 per act, 5 acts a year. 4 acts: charged 80, BR 64, RO 60% =
// 38.40 − 4 × 1.00 franchise → ro_paid 34.40; 64 − 38.40 = 25.60 + 40 = 65.60, indemnity
// 80 − 38.40 = 41.60 → INDEMNITY. Then 3 acts (charged 60, BR 48, RO 28.80 − 3 → 25.80) with
// 1 act left: (48 − 28.80) × 1/3 = 6.40 + 10 = 16.40 (CAP_COUNT); remaining 60 − 25.80 − 16.40.
TEST(Adjudicate, BEN_08_CountCutsAMultiActLine) {
  Formula f = pct(100);
  f.plus = Allowance{m("10.00"), Per::kAct};
  Benefit b = benefit("PARAMED", f);
  b.limits.max_count = 5;
  LineContext c = context(b);
  AccumulatorState s;
  CareLine l = line("PARAMED", "2026-03-10", "80.00", "64.00", "34.40", "0", "4.00");
  l.quantity = 4;
  expect(adjudicate(l, c, s), ClaimStatus::kPaid, "41.60", "4.00", "INDEMNITY");
  l = line("PARAMED", "2026-04-10", "60.00", "48.00", "25.80", "0", "3.00");
  l.quantity = 3;
  expect(adjudicate(l, c, s), ClaimStatus::kPaid, "16.40", "17.80", "CAP_COUNT");
}

// ---- rights (ADH-07, CES-01, SUS-01) and arrears (BEN-09) -----------------------------------

// A rejected line has rc 0; the member keeps charged − ro_paid = 30 − 19 = 11.00.
TEST(Adjudicate, ADH_07_CES_01_SUS_01_RightsStopTheLine) {
  Benefit b = gp_benefit();
  LineContext c = context(b);
  c.rights = RightsStatus::kNotStarted;  // ADH-07
  expect(run(gp(), c), ClaimStatus::kRejected, "0.00", "11.00", "NO_RIGHTS");
  c.rights = RightsStatus::kEnded;  // CES-01
  expect(run(gp(), c), ClaimStatus::kRejected, "0.00", "11.00", "NO_RIGHTS");
  c.rights = RightsStatus::kSuspended;  // SUS-01
  expect(run(gp(), c), ClaimStatus::kRejected, "0.00", "11.00", "SUSPENDED");
}

// DUN-02 vs SUS-01: care during a suspension for non-payment that ended in a termination is
// rejected with the same reason SUSPENDED and rc 0 (the member keeps 30 − 19 = 11.00), but its
// step names DUN-02, not SUS-01 (the suspension for a stay abroad or a detention).
TEST(Adjudicate, DUN_02_NonPaymentSuspensionIsNotSus01) {
  Benefit b = gp_benefit();
  LineContext c = context(b);
  auto rule_of = [](const Decision& dec) {
    return dec.steps.empty() ? std::string() : dec.steps.back().rule_id;
  };
  c.rights = RightsStatus::kSuspendedNonPayment;
  Decision dec = run(gp(), c);
  expect(dec, ClaimStatus::kRejected, "0.00", "11.00", "SUSPENDED");
  EXPECT_EQ(rule_of(dec), "DUN-02");
  EXPECT_NE(dec.steps.back().text.find("non-payment"), std::string::npos);
  c.rights = RightsStatus::kSuspended;
  dec = run(gp(), c);
  expect(dec, ClaimStatus::kRejected, "0.00", "11.00", "SUSPENDED");
  EXPECT_EQ(rule_of(dec), "SUS-01");
}

// DUN-03: care after a termination for non-payment is rejected NO_RIGHTS under DUN-03, the rule
// `member rights` gives that day (CES-01 stays the rule of any other end of rights). The GP line
// (charged 30, RO 19) leaves 30 − 19 = 11.00 to the member either way.
TEST(Adjudicate, DUN_03_CareAfterATerminationForNonPayment) {
  Benefit b = gp_benefit();
  LineContext c = context(b);
  c.rights = RightsStatus::kTerminatedNonPayment;
  Decision dec = run(gp(), c);
  expect(dec, ClaimStatus::kRejected, "0.00", "11.00", "NO_RIGHTS");
  ASSERT_FALSE(dec.steps.empty());
  EXPECT_EQ(dec.steps.back().rule_id, "DUN-03");
  c.rights = RightsStatus::kEnded;
  dec = run(gp(), c);
  ASSERT_FALSE(dec.steps.empty());
  EXPECT_EQ(dec.steps.back().rule_id, "CES-01");
}

// BEN-09: held PENDING, nothing consumed (the cap is used when the line is released).
TEST(Adjudicate, BEN_09_ArrearsHoldTheLinePending) {
  Benefit b = benefit("ALT_MEDICINE", allowance("40.00", Per::kAct));
  b.limits.annual_cap = m("100.00");
  LineContext c = context(b);
  c.in_arrears = true;
  AccumulatorState s;
  CareLine l = line("ALT_MEDICINE", "2026-01-10", "60.00", "0", "0");
  expect(adjudicate(l, c, s), ClaimStatus::kPending, "0.00", "60.00", "ARREARS");
  EXPECT_EQ(s, AccumulatorState{});
  // A line that would be rejected anyway is rejected, not held.
  c.benefit = nullptr;
  expect(adjudicate(l, c, s), ClaimStatus::kRejected, "0.00", "60.00", "NOT_COVERED");
}

// BEN-11: received 2026-03-10; care on 2024-03-10 is in time, on 2024-03-09 prescribed.
TEST(Adjudicate, BEN_11_TwoYearPrescription) {
  Benefit b = gp_benefit();
  CareLine l = gp();
  l.received_date = d("2026-03-10");
  l.care_date = d("2024-03-10");
  expect(run(l, context(b)), ClaimStatus::kPaid, "9.00", "2.00", "");
  l.care_date = d("2024-03-09");
  expect(run(l, context(b)), ClaimStatus::kRejected, "0.00", "11.00", "PRESCRIBED");
}

// ---- abroad and RO first (BEN-10) -----------------------------------------------------------

TEST(Adjudicate, BEN_10_PlannedCareAbroadNeedsApproval) {
  Benefit b = gp_benefit();
  CareLine l = gp("80.00", std::nullopt);
  l.country = "BE";
  expect(run(l, context(b)), ClaimStatus::kRejected, "0.00", "61.00", "ABROAD_NO_APPROVAL");
  // Emergency, non-OPTAM 130%: min(80, 39) − 21 = 18.00 (the France amount); remaining 43.00.
  l.emergency = true;
  expect(run(l, context(b)), ClaimStatus::kPaid, "18.00", "43.00", "");
  l.emergency = false;
  l.prior_approval = true;
  expect(run(l, context(b)), ClaimStatus::kPaid, "18.00", "43.00", "");
}

// Abroad, the RO must have covered the line first; in France, a base the RO paid nothing on.
TEST(Adjudicate, BEN_10_RoMustCoverFirst) {
  Benefit b = gp_benefit();
  CareLine l = line("CONSULT_GP", "2026-03-10", "80.00", "0", "0");
  l.country = "ES";
  l.emergency = true;
  expect(run(l, context(b)), ClaimStatus::kRejected, "0.00", "80.00", "NO_RO");
  l = line("CONSULT_GP", "2026-03-10", "30.00", "30.00", "0");
  expect(run(l, context(b)), ClaimStatus::kRejected, "0.00", "30.00", "NO_RO");
  // In France, base 0 is care the RO does not reimburse: a euro allowance pays.
  Benefit osteo = benefit("ALT_MEDICINE", allowance("40.00", Per::kAct));
  l = line("ALT_MEDICINE", "2026-03-10", "60.00", "0", "0");
  expect(run(l, context(osteo)), ClaimStatus::kPaid, "40.00", "20.00", "");
}

// ---- coverage and duplicates (BEN-01, BEN-12) -----------------------------------------------

TEST(Adjudicate, BEN_01_MissingCategoryOrDoctorKindIsNotCovered) {
  LineContext c = context(gp_benefit());
  c.benefit = nullptr;
  expect(run(gp(), c), ClaimStatus::kRejected, "0.00", "11.00", "NOT_COVERED");
  Benefit optam_only;
  optam_only.category = "CONSULT_GP";
  optam_only.optam = pct(150);
  expect(run(gp("30.00", false), context(optam_only)), ClaimStatus::kRejected, "0.00", "11.00",
         "NOT_COVERED");
}

TEST(Adjudicate, BEN_12_DuplicatePaysNothing) {
  Benefit b = gp_benefit();
  LineContext c = context(b);
  c.duplicate = true;
  expect(run(gp(), c), ClaimStatus::kDuplicate, "0.00", "11.00", "DUPLICATE");
}

// ---- BEN-15: reasons in the INTERFACES.md order, every step recorded ------------------------

// GP 40.00 out of pathway (ro_paid 7, RO gross 9) with other payers 35.00: OPTAM 150%
// min(40, 45) − 21 = 19; pathway bound min(40, 30) − 21 = 9; indemnity 40 − 9 − 35 < 0 → 0.
// remaining = 40 − 7 − 35 − 0 = −2.00 (other payers paid beyond the member's share).
TEST(Adjudicate, BEN_15_ReasonsInTheListOrder) {
  Benefit b = gp_benefit();
  CareLine l = gp("40.00");
  l.ro_paid = m("7.00");
  l.out_of_pathway = true;
  l.other_payers = m("35.00");
  Decision dec = run(l, context(b));
  expect(dec, ClaimStatus::kPaid, "0.00", "-2.00", "INDEMNITY;OUT_OF_PATHWAY");
  ASSERT_FALSE(dec.steps.empty());
  EXPECT_EQ(dec.steps.front().rule_id, "BEN-04");
  EXPECT_EQ(dec.steps.back().rule_id, "BEN-15");
}

// ---- regulatory figures ---------------------------------------------------------------------

TEST(LineRules, BEN_07_BEN_11_FiguresFromTheRegulationFile) {
  auto reg = Regulation::load_file(std::string(MUTUA_SOURCE_DIR) + "/config/regulation.yaml");
  ASSERT_TRUE(reg.ok()) << reg.error().to_string();
  auto r = line_rules(*reg, gp());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->prescription_years, 2);
  EXPECT_EQ(r->normal_ro_rate_bp, 7000);
  EXPECT_FALSE(r->legal_cap);
  CareLine ears = line("HEARING_FREE", "2026-03-10", "3000.00", "800.00", "480.00");
  ears.quantity = 2;
  r = line_rules(*reg, ears);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->legal_cap, m("3400.00"));
  EXPECT_EQ(r->normal_ro_rate_bp, 6000);
  r = line_rules(*reg, line("OPTICS_FRAME_LENSES", "2026-03-10", "300.00", "10.00", "6.00"));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->legal_cap, m("420.00"));
  r = line_rules(*reg, line("ALT_MEDICINE", "2026-03-10", "60.00", "0", "0"));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_FALSE(r->normal_ro_rate_bp);
}

}  // namespace
}  // namespace mutua

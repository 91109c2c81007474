// Majoration coefficient (REG art. 6, décret 2011-1474): MAJ-01..04, MAJ-06, MAJ-07, ADH-04.
// Parameters as in config/regulation.yaml: reference 2011-11-08, legacy start 2014-08-31,
// 2% (200 bp) per year, age threshold 30, two years of seniority grace.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "rating/rating_test_support.hpp"

namespace mutua {
namespace {

using testing::d;

// A member who entered the civil service on `entry` (empty: unknown) and adheres on `adhesion`.
Contract agent(const char* birth, const char* entry, const char* adhesion) {
  Contract c = testing::contract(birth, adhesion);
  if (entry) c.civil_service_entry = d(entry);
  return c;
}

// MAJ-07: born 1980-05-12 (30th birthday 2010-05-12), entered 2015-03-01 (+2 years:
// 2017-03-01), last reference guarantee ended 2019-06-30, adheres 2026-03-15.
// start = max(2011-11-08, 2017-03-01, 2010-05-12, 2019-06-30) = 2019-06-30.
// Anniversaries 2020-06-30 .. 2025-06-30 = 6 (2026-06-30 is after the adhesion): 6 × 2% = 12%.
TEST(Majoration, MAJ_07_StartIsLatestCandidate) {
  Contract c = agent("1980-05-12", "2015-03-01", "2026-03-15");
  c.last_coverage_end = d("2019-06-30");
  Majoration m = majoration(c, testing::params());
  EXPECT_TRUE(m.applies);
  EXPECT_FALSE(m.legacy);
  EXPECT_FALSE(m.proofs_missing);
  ASSERT_EQ(m.candidates.size(), 4u);
  EXPECT_EQ(m.candidates[0].date, d("2011-11-08"));
  EXPECT_EQ(m.candidates[1].date, d("2017-03-01"));
  EXPECT_EQ(m.candidates[2].date, d("2010-05-12"));
  EXPECT_EQ(m.candidates[3].date, d("2019-06-30"));
  EXPECT_EQ(m.start, d("2019-06-30"));
  EXPECT_EQ(m.adhesion, d("2026-03-15"));
  EXPECT_EQ(m.years, 6);
  EXPECT_EQ(m.coefficient_bp, 1200);
}

// MAJ-07: the 30th birthday is the latest candidate for a young agent.
// Born 1994-09-20, entered 2016-01-01 (+2: 2018-01-01), 30th birthday 2024-09-20,
// adheres 2026-09-01: anniversary 2025-09-20 only (2026-09-20 is later) → N = 1 → 2%.
TEST(Majoration, MAJ_07_ThirtiethBirthdayCandidate) {
  Majoration m = majoration(agent("1994-09-20", "2016-01-01", "2026-09-01"), testing::params());
  EXPECT_EQ(m.start, d("2024-09-20"));
  EXPECT_EQ(m.years, 1);
  EXPECT_EQ(m.coefficient_bp, 200);
}

// MAJ-07: an anniversary on the adhesion date counts, the day before it does not.
TEST(Majoration, MAJ_07_AnniversaryOnAdhesionDayCounts) {
  Contract c = agent("1980-05-12", "2015-03-01", "2025-06-30");
  c.last_coverage_end = d("2019-06-30");
  EXPECT_EQ(majoration(c, testing::params()).years, 6);  // 2020-06-30 .. 2025-06-30
  c.beneficiaries[0].start_date = d("2025-06-29");
  EXPECT_EQ(majoration(c, testing::params()).years, 5);  // 2025-06-30 not reached yet
}

// MAJ-07: a start on 29 February has its anniversary on 1 March in common years.
// Legacy agent (entered 1995), last guarantee ended 2016-02-29 → start 2016-02-29.
TEST(Majoration, MAJ_07_TwentyNinthOfFebruaryStart) {
  Contract c = agent("1970-01-15", "1995-09-01", "2017-02-28");
  c.last_coverage_end = d("2016-02-29");
  EXPECT_EQ(majoration(c, testing::params()).start, d("2016-02-29"));
  EXPECT_EQ(majoration(c, testing::params()).years, 0);  // anniversary is 2017-03-01
  c.beneficiaries[0].start_date = d("2017-03-01");
  EXPECT_EQ(majoration(c, testing::params()).years, 1);
  c.beneficiaries[0].start_date = d("2020-02-29");
  EXPECT_EQ(majoration(c, testing::params()).years,
            4);  // 2017-03-01, 2018-03-01, 2019-03-01, 2020-02-29
}

// MAJ-07: born 1996-02-29, the 30th birthday falls on 2026-03-01 (2026 is a common year).
TEST(Majoration, MAJ_07_ThirtiethBirthdayOnTwentyNinthOfFebruary) {
  Contract c = agent("1996-02-29", "2019-01-07", "2027-02-28");
  Majoration m = majoration(c, testing::params());
  EXPECT_EQ(m.start, d("2026-03-01"));
  EXPECT_EQ(m.years, 0);
  c.beneficiaries[0].start_date = d("2027-03-01");
  EXPECT_EQ(majoration(c, testing::params()).years, 1);
}

// MAJ-01: an agent adhering within two years of entering the civil service has no majoration.
// Entered 2024-09-01 → start 2026-09-01; adhesion 2026-08-31 is before it → N = 0.
TEST(Majoration, MAJ_01_AdhesionWithinTwoYearsOfEntry) {
  Majoration m = majoration(agent("1980-01-01", "2024-09-01", "2026-08-31"), testing::params());
  EXPECT_EQ(m.start, d("2026-09-01"));
  EXPECT_EQ(m.years, 0);
  EXPECT_EQ(m.coefficient_bp, 0);
  // Exactly two years after entry: still no full year past the start.
  EXPECT_EQ(
      majoration(agent("1980-01-01", "2024-09-01", "2026-09-01"), testing::params()).coefficient_bp,
      0);
  // Three years after entry: one full year → 2%.
  EXPECT_EQ(
      majoration(agent("1980-01-01", "2024-09-01", "2027-09-01"), testing::params()).coefficient_bp,
      200);
}

// MAJ-01 / MAJ-03: an agent in post on 2011-11-08 adhering in 2013 (more than two years after
// the reference date) still has no majoration: years only count from the legacy start
// 2014-08-31.
TEST(Majoration, MAJ_01_AgentInPostIn2011AdheringEarly) {
  Majoration m = majoration(agent("1965-03-03", "1990-09-01", "2014-01-15"), testing::params());
  EXPECT_TRUE(m.legacy);
  EXPECT_EQ(m.start, d("2014-08-31"));
  EXPECT_EQ(m.coefficient_bp, 0);
}

// MAJ-02: +2% per full year; the rate is a parameter ("fixed by the arrêté").
TEST(Majoration, MAJ_02_TwoPercentPerFullYear) {
  // Entered 2012-01-02 (not legacy), +2 → 2014-01-02; adheres 2024-01-02: 10 years → 20%.
  Contract c = agent("1975-06-06", "2012-01-02", "2024-01-02");
  EXPECT_EQ(majoration(c, testing::params()).years, 10);
  EXPECT_EQ(majoration(c, testing::params()).coefficient_bp, 2000);
  RatingParams p = testing::params();
  p.majoration_rate_bp = 300;
  EXPECT_EQ(majoration(c, p).coefficient_bp, 3000);
}

// MAJ-02 property: the coefficient is rate × N, N grows by one per year of delay.
RC_GTEST_PROP(Majoration, MAJ_02_OneStepPerYearOfDelay, ()) {
  int delay = *rc::gen::inRange(0, 40);
  int rate = *rc::gen::inRange(0, 1000);
  Contract c = agent("1950-01-01", "2012-05-10", "2014-05-10");
  c.beneficiaries[0].start_date = add_years(d("2014-05-10"), delay);
  RatingParams p = testing::params();
  p.majoration_rate_bp = rate;
  Majoration m = majoration(c, p);
  RC_ASSERT(m.years == delay);
  RC_ASSERT(m.coefficient_bp == rate * delay);
}

// MAJ-03: the first two years of seniority never count.
// Entered 2020-01-01, born 1980: start 2022-01-01 (not 2020-01-01); adheres 2026-03-15:
// anniversaries 2023-01-01, 2024-01-01, 2025-01-01, 2026-01-01 → 4 years → 8% (not 12%).
TEST(Majoration, MAJ_03_FirstTwoYearsOfSeniorityNeverCount) {
  Majoration m = majoration(agent("1980-01-01", "2020-01-01", "2026-03-15"), testing::params());
  EXPECT_EQ(m.start, d("2022-01-01"));
  EXPECT_EQ(m.years, 4);
  EXPECT_EQ(m.coefficient_bp, 800);
}

// MAJ-03: agents in post on 2011-11-08 count from the legacy start 2014-08-31.
// Entered 2000-01-01, born 1970: start 2014-08-31; adheres 2026-03-15:
// anniversaries 2015-08-31 .. 2025-08-31 = 11 → 22%.
TEST(Majoration, MAJ_03_AgentInPostIn2011CountsFromLegacyStart) {
  Majoration m = majoration(agent("1970-01-01", "2000-01-01", "2026-03-15"), testing::params());
  EXPECT_TRUE(m.legacy);
  EXPECT_EQ(m.start, d("2014-08-31"));
  EXPECT_EQ(m.years, 11);
  EXPECT_EQ(m.coefficient_bp, 2200);
  // Entry on the reference date itself: in post on that date.
  EXPECT_TRUE(
      majoration(agent("1970-01-01", "2011-11-08", "2026-03-15"), testing::params()).legacy);
  EXPECT_FALSE(
      majoration(agent("1970-01-01", "2011-11-09", "2026-03-15"), testing::params()).legacy);
}

// MAJ-03: retirees count from the legacy start even when they entered after 2011-11-08.
TEST(Majoration, MAJ_03_RetireeUsesLegacyStart) {
  Contract c = agent("1955-01-01", "2012-03-01", "2026-03-15");
  c.status = MemberStatus::kRetired;
  Majoration m = majoration(c, testing::params());
  EXPECT_TRUE(m.legacy);
  EXPECT_EQ(m.start, d("2014-08-31"));  // later than 2012-03-01 + 2 = 2014-03-01
  EXPECT_EQ(m.years, 11);
}

// MAJ-03 / MAJ-07 (interpretation): an unknown civil-service entry date enters neither the
// maximum nor the legacy rule: start = latest of 2011-11-08 and the 30th birthday; from
// 2011-11-08 to 2026-03-15 there are 14 anniversaries → 28%.
TEST(Majoration, MAJ_03_UnknownEntryIsNotLegacy) {
  Majoration m = majoration(agent("1970-01-01", nullptr, "2026-03-15"), testing::params());
  EXPECT_FALSE(m.legacy);
  EXPECT_EQ(m.start, d("2011-11-08"));
  EXPECT_EQ(m.years, 14);
  EXPECT_EQ(m.coefficient_bp, 2800);
  EXPECT_EQ(m.candidates.size(), 2u);  // reference date, 30th birthday
}

// MAJ-04: the transmitted coefficient is added: 4% + 2% × 6 = 16%.
TEST(Majoration, MAJ_04_PriorCoefficientIsAdded) {
  Contract c = agent("1980-05-12", "2015-03-01", "2026-03-15");
  c.last_coverage_end = d("2019-06-30");
  c.prior_coefficient_bp = 400;
  Majoration m = majoration(c, testing::params());
  EXPECT_EQ(m.prior_bp, 400);
  EXPECT_EQ(m.coefficient_bp, 1600);
  // An agent moving between reference guarantees (covered until the day before) keeps it.
  c.last_coverage_end = d("2026-03-14");
  EXPECT_EQ(majoration(c, testing::params()).coefficient_bp, 400);
}

// ADH-04 / MAJ-07: without proofs the end of the last guarantee does not enter the maximum.
TEST(Majoration, ADH_04_MissingProofsIgnoreLastCoverage) {
  Contract c = agent("1980-05-12", "2015-03-01", "2026-03-15");
  Majoration m = majoration(c, testing::params());
  EXPECT_TRUE(m.proofs_missing);
  EXPECT_EQ(m.candidates.size(), 3u);
  EXPECT_EQ(m.start, d("2017-03-01"));
  EXPECT_EQ(m.years, 9);  // 2018-03-01 .. 2026-03-01
}

// MAJ-06: the computation is recorded with plain labels for the explanation.
TEST(Majoration, MAJ_06_CandidatesAreLabelled) {
  Contract c = agent("1970-01-01", "2000-01-01", "2026-03-15");
  c.last_coverage_end = d("2013-12-31");
  Majoration m = majoration(c, testing::params());
  ASSERT_EQ(m.candidates.size(), 5u);
  EXPECT_EQ(m.candidates[0].what, kCandidateReference);
  EXPECT_EQ(m.candidates[1].what, "entry + 2 years");
  EXPECT_EQ(m.candidates[2].what, "30th birthday");
  EXPECT_EQ(m.candidates[3].what, "coverage end");
  EXPECT_EQ(m.candidates[4].what, "legacy start");
  RatingParams p = testing::params();
  p.seniority_grace_years = 3;
  p.age_threshold = 32;
  Majoration other = majoration(c, p);
  EXPECT_EQ(other.candidates[1].what, "entry + 3 years");
  EXPECT_EQ(other.candidates[1].date, d("2003-01-01"));
  EXPECT_EQ(other.candidates[2].what, "birthday at 32");
  EXPECT_EQ(other.candidates[2].date, d("2002-01-01"));
  EXPECT_EQ(m.rate_bp, 200);
}

// MAJ-07 property: start is one of the candidates, no candidate is later, and N counts the
// anniversaries of start on or before the adhesion date.
RC_GTEST_PROP(Majoration, MAJ_07_StartIsMaximumAndYearsAreAnniversaries, ()) {
  Date base = d("1950-01-01");
  Contract c = agent("1950-01-01", nullptr, "2026-01-01");
  c.beneficiaries[0].birth_date = add_days(base, *rc::gen::inRange(0, 20000));
  c.beneficiaries[0].start_date = add_days(d("2000-01-01"), *rc::gen::inRange(0, 12000));
  if (*rc::gen::arbitrary<bool>()) {
    c.civil_service_entry = add_days(base, *rc::gen::inRange(10000, 27000));
  }
  if (*rc::gen::arbitrary<bool>()) {
    c.last_coverage_end = add_days(base, *rc::gen::inRange(15000, 28000));
  }
  if (*rc::gen::arbitrary<bool>()) c.status = MemberStatus::kRetired;
  Majoration m = majoration(c, testing::params());
  bool found = false;
  for (const auto& cand : m.candidates) {
    RC_ASSERT(cand.date <= m.start);
    found |= cand.date == m.start;
  }
  RC_ASSERT(found);
  RC_ASSERT(m.years >= 0);
  if (m.years > 0) RC_ASSERT(add_years(m.start, m.years) <= m.adhesion);
  RC_ASSERT(m.adhesion < add_years(m.start, m.years + 1));
  RC_ASSERT(m.coefficient_bp == m.prior_bp + 200 * m.years);
}

}  // namespace
}  // namespace mutua

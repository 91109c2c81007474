// Rights of one insured person on a date (BIL-05): not_started, closed, suspended or open, with
// the rule behind each answer (ADH-01/02/07, CES-01/02, DEM-0x, ELIG-07, SUS-01, DUN-02/03,
// BEN-09) and the product in force (ADH-06).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "members/rights.hpp"

namespace mutua {
namespace {

Date d(const char* text) { return *parse_date(text); }

// Contract C1 on LABEL2: member M1 from 2026-01-01, optionally ending on `end` by `reason`.
Contract contract(const char* end = nullptr, const char* reason = "") {
  Contract c;
  c.id = "C1";
  c.product = "LABEL2";
  Beneficiary m;
  m.id = "M1";
  m.role = Role::kMember;
  m.birth_date = d("1980-01-01");
  m.start_date = d("2026-01-01");
  if (end) m.end_date = d(end);
  m.end_reason = reason;
  c.beneficiaries.push_back(m);
  return c;
}

Suspension suspension(const char* from, const char* to) {
  Suspension s;
  s.contract_id = "C1";
  s.from = d(from);
  s.to = d(to);
  s.reason = SuspensionReason::kAbroad;
  s.notified = add_days(d(from), -30);
  return s;
}

RightsFacts collection(CollectionStatus status, const char* since) {
  RightsFacts f;
  f.collection = CollectionState{status, d(since)};
  return f;
}

RightsAnswer on(const Contract& c, const RightsFacts& f, const char* date) {
  return rights_on(c, c.beneficiaries[0], f, d(date));
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

bool has_reason(const RightsAnswer& a, const char* prefix) {
  for (const std::string& r : a.reasons) {
    if (starts_with(r, prefix)) return true;
  }
  return false;
}

// ADH-07, ADH-01: before the start date → not_started (no `since`); on the start day → open
// since the start.
TEST(Rights, ADH_07_01_NotStartedBeforeStartDate) {
  Contract c = contract();
  RightsAnswer before = on(c, {}, "2025-12-31");
  EXPECT_EQ(before.status, RightsState::kNotStarted);
  EXPECT_FALSE(before.since.has_value());
  ASSERT_FALSE(before.reasons.empty());
  EXPECT_TRUE(starts_with(before.reasons[0], "ADH-07: ")) << before.reasons[0];
  EXPECT_EQ(before.product, "LABEL2");

  RightsAnswer first = on(c, {}, "2026-01-01");
  EXPECT_EQ(first.status, RightsState::kOpen);
  EXPECT_EQ(first.since, d("2026-01-01"));
  EXPECT_FALSE(first.until.has_value());
  EXPECT_TRUE(starts_with(first.reasons[0], "ADH-01: ")) << first.reasons[0];
}

// ADH-02: an express start is the reason given for open rights.
TEST(Rights, ADH_02_ExpressStartReason) {
  Contract c = contract();
  c.express_start = true;
  RightsAnswer a = on(c, {}, "2026-02-01");
  EXPECT_EQ(a.status, RightsState::kOpen);
  EXPECT_TRUE(starts_with(a.reasons[0], "ADH-02: ")) << a.reasons[0];
}

// DEM-02: a resignation effective 2026-06-30 (last day of cover): open on 2026-06-30 until that
// day, closed from 2026-07-01 with "DEM-02: ..." first.
TEST(Rights, DEM_02_ClosedAfterResignationEnd) {
  Contract c = contract("2026-06-30", "DEM-02");
  RightsAnswer last = on(c, {}, "2026-06-30");
  EXPECT_EQ(last.status, RightsState::kOpen);
  EXPECT_EQ(last.until, d("2026-06-30"));
  EXPECT_TRUE(has_reason(last, "DEM-02: "));

  RightsAnswer after = on(c, {}, "2026-07-01");
  EXPECT_EQ(after.status, RightsState::kClosed);
  EXPECT_EQ(after.since, d("2026-07-01"));
  ASSERT_FALSE(after.reasons.empty());
  EXPECT_TRUE(starts_with(after.reasons[0], "DEM-02: ")) << after.reasons[0];
}

// ELIG-07, CES-02, CES-01: the closing reason is the rule that set the end; none recorded → CES-01.
TEST(Rights, ELIG_07_CES_01_02_ClosedReasonIsEndRule) {
  EXPECT_TRUE(starts_with(on(contract("2026-05-31", "ELIG-07"), {}, "2026-06-01").reasons[0],
                          "ELIG-07: "));
  EXPECT_TRUE(starts_with(on(contract("2026-05-31", "CES-02"), {}, "2026-06-01").reasons[0],
                          "CES-02: "));
  EXPECT_TRUE(starts_with(on(contract("2026-05-31", ""), {}, "2026-06-01").reasons[0],
                          "CES-01: "));
}

// SUS-01: a suspension 2026-03-01..2026-03-31 covers both boundary days (suspended, since =
// from, until = to); open on 2026-02-28, and from 2026-04-01 open again since 2026-04-01.
TEST(Rights, SUS_01_SuspendedOnBothBoundaryDays) {
  Contract c = contract();
  RightsFacts f;
  f.suspensions.push_back(suspension("2026-03-01", "2026-03-31"));

  RightsAnswer eve = on(c, f, "2026-02-28");
  EXPECT_EQ(eve.status, RightsState::kOpen);
  EXPECT_EQ(eve.since, d("2026-01-01"));

  for (const char* day : {"2026-03-01", "2026-03-31"}) {
    RightsAnswer a = on(c, f, day);
    EXPECT_EQ(a.status, RightsState::kSuspended) << day;
    EXPECT_EQ(a.since, d("2026-03-01")) << day;
    EXPECT_EQ(a.until, d("2026-03-31")) << day;
    ASSERT_FALSE(a.reasons.empty());
    EXPECT_TRUE(starts_with(a.reasons[0], "SUS-01: ")) << a.reasons[0];
  }

  RightsAnswer back = on(c, f, "2026-04-01");
  EXPECT_EQ(back.status, RightsState::kOpen);
  EXPECT_EQ(back.since, d("2026-04-01"));
}

// SUS-01, DEM-02: after the end date, closed wins over a suspension still running.
TEST(Rights, SUS_01_DEM_02_ClosedWinsOverSuspension) {
  Contract c = contract("2026-03-15", "DEM-02");
  RightsFacts f;
  f.suspensions.push_back(suspension("2026-03-01", "2026-03-31"));
  EXPECT_EQ(on(c, f, "2026-03-15").status, RightsState::kSuspended);
  EXPECT_EQ(on(c, f, "2026-03-16").status, RightsState::kClosed);
}

// DUN-03: terminated for non-payment since 2026-05-01 → closed from that day with DUN-03,
// still open on 2026-04-30.
TEST(Rights, DUN_03_TerminatedForNonPayment) {
  Contract c = contract();
  RightsFacts f = collection(CollectionStatus::kTerminated, "2026-05-01");
  EXPECT_EQ(on(c, f, "2026-04-30").status, RightsState::kOpen);
  RightsAnswer a = on(c, f, "2026-05-01");
  EXPECT_EQ(a.status, RightsState::kClosed);
  EXPECT_EQ(a.since, d("2026-05-01"));
  ASSERT_FALSE(a.reasons.empty());
  EXPECT_TRUE(starts_with(a.reasons[0], "DUN-03: ")) << a.reasons[0];
}

// DUN-02: suspended for non-payment since 2026-05-01 → suspended from that day with DUN-02.
TEST(Rights, DUN_02_SuspendedForNonPayment) {
  Contract c = contract();
  RightsFacts f = collection(CollectionStatus::kSuspended, "2026-05-01");
  EXPECT_EQ(on(c, f, "2026-04-30").status, RightsState::kOpen);
  RightsAnswer a = on(c, f, "2026-05-01");
  EXPECT_EQ(a.status, RightsState::kSuspended);
  EXPECT_EQ(a.since, d("2026-05-01"));
  ASSERT_FALSE(a.reasons.empty());
  EXPECT_TRUE(starts_with(a.reasons[0], "DUN-02: ")) << a.reasons[0];
}

// BIL-05, DUN-02, DUN-03: suspended for non-payment on 2026-02-10, terminated on 2026-02-20.
// Asked before the termination, 2026-02-15 is suspended (care held, DUN-04); asked after it, the
// same day is still suspended (care never paid), not open as it used to answer: from the
// suspension (10 Feb) to the day before the termination (19 Feb). 2026-02-09 stays open and
// 2026-02-20 is closed. The claims engine reads the same function (non_payment_on).
TEST(Rights, BIL_05_DUN_02_SuspendedDaysStaySuspendedAfterTermination) {
  Contract c = contract();
  RightsFacts before = collection(CollectionStatus::kSuspended, "2026-02-10");
  EXPECT_EQ(on(c, before, "2026-02-15").status, RightsState::kSuspended);
  RightsFacts after = collection(CollectionStatus::kTerminated, "2026-02-20");
  after.collection->suspended_from = d("2026-02-10");
  EXPECT_EQ(on(c, after, "2026-02-09").status, RightsState::kOpen);
  RightsAnswer a = on(c, after, "2026-02-15");
  EXPECT_EQ(a.status, RightsState::kSuspended);
  EXPECT_EQ(a.since, d("2026-02-10"));
  EXPECT_EQ(a.until, d("2026-02-19"));
  ASSERT_FALSE(a.reasons.empty());
  EXPECT_TRUE(starts_with(a.reasons[0], "DUN-02: ")) << a.reasons[0];
  EXPECT_NE(a.reasons[0].find("DUN-03"), std::string::npos) << a.reasons[0];
  EXPECT_EQ(on(c, after, "2026-02-19").status, RightsState::kSuspended);
  EXPECT_EQ(on(c, after, "2026-02-20").status, RightsState::kClosed);
}

// DUN-04: a reinstated contract (up to date again) reads open on the days it was suspended.
TEST(Rights, DUN_04_ReinstatedDaysReadOpen) {
  EXPECT_EQ(non_payment_on(CollectionState{CollectionStatus::kUpToDate, d("2026-02-12")},
                           d("2026-02-11")),
            NonPayment::kNone);
  EXPECT_EQ(non_payment_on(std::nullopt, d("2026-02-11")), NonPayment::kNone);
  EXPECT_EQ(non_payment_on(CollectionState{CollectionStatus::kNotice, d("2026-02-01")},
                           d("2026-01-31")),
            NonPayment::kNone);
}

// BEN-09: under formal notice since 2026-05-01 the rights stay open, a BEN-09 reason added from
// that day only; an up-to-date contract has none.
TEST(Rights, BEN_09_NoticeKeepsRightsOpenWithReason) {
  Contract c = contract();
  RightsFacts f = collection(CollectionStatus::kNotice, "2026-05-01");
  RightsAnswer before = on(c, f, "2026-04-30");
  EXPECT_EQ(before.status, RightsState::kOpen);
  EXPECT_FALSE(has_reason(before, "BEN-09: "));
  RightsAnswer a = on(c, f, "2026-05-01");
  EXPECT_EQ(a.status, RightsState::kOpen);
  EXPECT_TRUE(has_reason(a, "BEN-09: "));
  EXPECT_FALSE(has_reason(on(c, collection(CollectionStatus::kUpToDate, "2026-01-01"), "2026-05-01"),
                          "BEN-09"));
}

// ADH-06: the product reported is the one in force on the date: LABEL2 until 2026-12-31,
// LABEL3 from the change on 2027-01-01.
TEST(Rights, ADH_06_ProductOnAfterChange) {
  Contract c = contract();
  RightsFacts f;
  ProductChange pc;
  pc.contract_id = "C1";
  pc.effective = d("2027-01-01");
  pc.product = "LABEL3";
  pc.previous = "LABEL2";
  f.product_changes.push_back(pc);
  EXPECT_EQ(on(c, f, "2026-12-31").product, "LABEL2");
  EXPECT_EQ(on(c, f, "2027-01-01").product, "LABEL3");
}

// BIL-05: the state names.
TEST(Rights, BIL_05_StateNames) {
  EXPECT_EQ(to_string(RightsState::kOpen), "open");
  EXPECT_EQ(to_string(RightsState::kSuspended), "suspended");
  EXPECT_EQ(to_string(RightsState::kClosed), "closed");
  EXPECT_EQ(to_string(RightsState::kNotStarted), "not_started");
}

}  // namespace
}  // namespace mutua

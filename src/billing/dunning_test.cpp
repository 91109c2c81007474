// The non-payment procedure: DUN-01..05, BIL-04 (balances derived from entries), BIL-03 (rejects
// reopen the debt).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "billing/dunning.hpp"
#include "rating/rating_test_support.hpp"

namespace mutua {
namespace {

using testing::d;
using testing::eur;

int64_t next_id = 1;

Entry due(const char* date, const char* amount, int period) {
  Entry e = make_entry("due:" + std::to_string(period), d(date), EntryKind::kContributionDue, "C1",
                       account::kReceivable, account::kContributions, eur(amount), "BIL-02");
  e.id = next_id++;
  e.year = 2026;
  e.period = period;
  return e;
}

Entry paid(const char* date, const char* amount) {
  Entry e = make_entry(std::string("pay:") + date, d(date), EntryKind::kPayment, "C1",
                       account::kBank, account::kReceivable, eur(amount), "BIL-03");
  e.id = next_id++;
  return e;
}

Entry rejected(const char* date, const char* amount) {
  Entry e = make_entry(std::string("rej:") + date, d(date), EntryKind::kReject, "C1",
                       account::kReceivable, account::kBank, eur(amount), "BIL-03");
  e.id = next_id++;
  return e;
}

DunningParams law() { return DunningParams{10, 30, 10}; }

// BIL-04: the balance is the sum of the entries on 411 up to the date; FIFO allocation.
TEST(AccountView, BalanceAndOldestUnpaidBIL04) {
  AccountView a({due("2026-01-01", "40.00", 1), due("2026-02-01", "40.00", 2),
                 paid("2026-01-05", "50.00")});
  EXPECT_EQ(a.balance(d("2026-01-10")), eur("-10.00"));
  EXPECT_EQ(a.balance(d("2026-02-01")), eur("30.00"));
  EXPECT_EQ(a.oldest_unpaid(d("2026-02-01")), d("2026-02-01"));
  auto alloc = a.allocate(d("2026-02-01"));
  ASSERT_EQ(alloc.size(), 2u);
  EXPECT_EQ(alloc[0].paid, eur("40.00"));
  EXPECT_EQ(alloc[1].paid, eur("10.00"));
}

// BIL-03: a rejected debit reopens the instalment it paid, from its own due date.
TEST(AccountView, RejectReopensTheDebtBIL03) {
  AccountView a({due("2026-01-01", "40.00", 1), paid("2026-01-01", "40.00"),
                 rejected("2026-01-06", "40.00")});
  EXPECT_EQ(a.oldest_unpaid(d("2026-01-05")), std::nullopt);
  EXPECT_EQ(a.oldest_unpaid(d("2026-01-06")), d("2026-01-01"));
  EXPECT_EQ(a.arrears(d("2026-01-06")), eur("40.00"));
}

// DUN-01: the notice comes 10 days after the unpaid due date, dated the day of the run.
TEST(Dunning, NoticeTenDaysAfterDueDUN01) {
  AccountView a({due("2026-01-01", "40.00", 1)});
  EXPECT_TRUE(advance(std::nullopt, a, {}, d("2026-01-10"), law()).steps.empty());
  auto r = advance(std::nullopt, a, {}, d("2026-01-11"), law());
  ASSERT_EQ(r.steps.size(), 1u);
  EXPECT_EQ(r.steps[0].kind, StepKind::kNotice);
  EXPECT_EQ(r.steps[0].effective, d("2026-01-11"));
  EXPECT_EQ(r.steps[0].arrears, eur("40.00"));
  ASSERT_EQ(r.cases.size(), 1u);
  EXPECT_EQ(r.cases[0].oldest_due, d("2026-01-01"));
}

// DUN-01, the reading of "dans les dix jours de son échéance": the due date is the first of the
// ten days. Due 1 January: the ten days are 1..10 January (window end = 1 + 10 − 1 = 10 January),
// the notice goes on day 10 after the due date = 11 January. Both edges: nothing on day 9
// (10 January), the notice on day 10 (11 January); the other reading (day 11, 12 January) is
// not applied. A payment dated on the notice day itself still prevents the notice.
TEST(Dunning, NoticeOnDayTenNotElevenDUN01) {
  EXPECT_EQ(notice_day(d("2026-01-01"), law(), {}), d("2026-01-11"));
  EXPECT_EQ(payment_window_end(d("2026-01-01"), law(), {}), d("2026-01-10"));
  // 25 February + 10 days = 7 March (February has 28 days in 2026): window ends 6 March.
  EXPECT_EQ(notice_day(d("2026-02-25"), law(), {}), d("2026-03-07"));
  AccountView a({due("2026-01-01", "40.00", 1)});
  EXPECT_TRUE(advance(std::nullopt, a, {}, d("2026-01-10"), law()).steps.empty());   // day 9
  auto on_day_ten = advance(std::nullopt, a, {}, d("2026-01-11"), law());            // day 10
  ASSERT_EQ(on_day_ten.steps.size(), 1u);
  EXPECT_EQ(on_day_ten.steps[0].effective, d("2026-01-11"));
  AccountView paid_that_day({due("2026-01-01", "40.00", 1), paid("2026-01-11", "40.00")});
  EXPECT_TRUE(advance(std::nullopt, paid_that_day, {}, d("2026-01-11"), law()).steps.empty());
}

// DUN-01: no postal address, no notice (a registered letter): no case, no step; the notice is
// reported withheld with the instalment, the day it became due and the arrears (40.00 + 40.00
// on 12 February, February being due too), for the work list.
TEST(Dunning, NoNoticeWithoutAnAddressDUN01) {
  AccountView a({due("2026-01-01", "40.00", 1), due("2026-02-01", "40.00", 2)});
  auto r = advance(std::nullopt, a, {}, d("2026-02-12"), law(), true, false);
  EXPECT_TRUE(r.steps.empty());
  EXPECT_TRUE(r.cases.empty());
  ASSERT_TRUE(r.withheld);
  EXPECT_EQ(r.withheld->oldest_due, d("2026-01-01"));
  EXPECT_EQ(r.withheld->due_since, d("2026-01-11"));
  EXPECT_EQ(r.withheld->arrears, eur("80.00"));
  // Before the notice day nothing is withheld; a payments import (may_open = false) neither.
  EXPECT_FALSE(advance(std::nullopt, a, {}, d("2026-01-10"), law(), true, false).withheld);
  EXPECT_FALSE(advance(std::nullopt, a, {}, d("2026-02-12"), law(), false, false).withheld);
}

// DUN-01: a run after a pause dates the notice on its own day, never earlier.
TEST(Dunning, NoticeNeverBackdatedDUN01) {
  AccountView a({due("2026-01-01", "40.00", 1)});
  auto r = advance(std::nullopt, a, {}, d("2026-03-20"), law());
  ASSERT_EQ(r.steps.size(), 1u);
  EXPECT_EQ(r.steps[0].effective, d("2026-03-20"));
  EXPECT_EQ(r.cases[0].notice, d("2026-03-20"));
}

// DUN-02, DUN-03: suspension 30 days after the notice, termination 10 days later; a run after a
// pause performs both with their own dates.
TEST(Dunning, SuspensionThenTerminationDUN02DUN03) {
  AccountView a({due("2026-01-01", "40.00", 1)});
  auto opened = advance(std::nullopt, a, {}, d("2026-01-11"), law()).cases.at(0);
  EXPECT_TRUE(advance(opened, a, {}, d("2026-02-09"), law()).steps.empty());
  auto s = advance(opened, a, {}, d("2026-02-10"), law());
  ASSERT_EQ(s.steps.size(), 1u);
  EXPECT_EQ(s.steps[0].kind, StepKind::kSuspension);
  EXPECT_EQ(s.steps[0].effective, d("2026-02-10"));
  auto both = advance(opened, a, {}, d("2026-04-01"), law());
  ASSERT_EQ(both.steps.size(), 2u);
  EXPECT_EQ(both.steps[1].kind, StepKind::kTermination);
  EXPECT_EQ(both.steps[1].effective, d("2026-02-20"));
  EXPECT_EQ(both.cases.back().terminated, d("2026-02-20"));
  EXPECT_EQ(status_on(both.cases.back(), d("2026-02-15")), DunningStatus::kSuspended);
  EXPECT_EQ(status_on(both.cases.back(), d("2026-02-20")), DunningStatus::kTerminated);
  // Terminated is final.
  EXPECT_TRUE(advance(both.cases.back(), a, {}, d("2026-06-01"), law()).steps.empty());
}

// DUN-04: paying the arrears and what fell due since, during the suspension, reinstates on the
// payment day; a later run after a pause still sees the payment before the termination date.
TEST(Dunning, PaymentDuringSuspensionReinstatesDUN04) {
  std::vector<Entry> entries{due("2026-01-01", "40.00", 1), due("2026-02-01", "40.00", 2)};
  auto opened = advance(std::nullopt, AccountView(entries), {}, d("2026-01-11"), law()).cases.at(0);
  entries.push_back(paid("2026-02-15", "40.00"));  // not enough: February is due too
  auto partial = advance(opened, AccountView(entries), {}, d("2026-02-16"), law());
  ASSERT_EQ(partial.steps.size(), 1u);
  EXPECT_EQ(partial.steps[0].kind, StepKind::kSuspension);
  entries.push_back(paid("2026-02-18", "40.00"));
  auto r = advance(opened, AccountView(entries), {}, d("2026-03-30"), law());
  ASSERT_EQ(r.steps.size(), 2u);
  EXPECT_EQ(r.steps[1].kind, StepKind::kReinstatement);
  EXPECT_EQ(r.steps[1].effective, d("2026-02-18"));
  EXPECT_EQ(status_on(r.cases.back(), d("2026-02-17")), DunningStatus::kSuspended);
  EXPECT_EQ(status_on(r.cases.back(), d("2026-02-18")), DunningStatus::kUpToDate);
}

// DUN-04: a payment on the suspension day itself is in time: no suspension.
TEST(Dunning, PaymentOnStepDayPreventsItDUN04) {
  std::vector<Entry> entries{due("2026-01-01", "40.00", 1)};
  auto opened = advance(std::nullopt, AccountView(entries), {}, d("2026-01-11"), law()).cases.at(0);
  entries.push_back(paid("2026-02-10", "40.00"));
  auto r = advance(opened, AccountView(entries), {}, d("2026-02-10"), law());
  ASSERT_EQ(r.steps.size(), 1u);
  EXPECT_EQ(r.steps[0].kind, StepKind::kReinstatement);
}

// DUN-04: a payment after the termination date does not undo the termination.
TEST(Dunning, PaymentAfterTerminationTooLateDUN04) {
  std::vector<Entry> entries{due("2026-01-01", "40.00", 1), paid("2026-02-25", "40.00")};
  auto opened = advance(std::nullopt, AccountView({entries[0]}), {}, d("2026-01-11"), law());
  auto r = advance(opened.cases.at(0), AccountView(entries), {}, d("2026-03-01"), law());
  ASSERT_EQ(r.steps.size(), 2u);
  EXPECT_EQ(r.steps[1].kind, StepKind::kTermination);
}

// DUN-05: a waiver stops the clock for its days; it does not close the case.
TEST(Dunning, WaiverStopsTheClockDUN05) {
  AccountView a({due("2026-01-01", "40.00", 1)});
  std::vector<Waiver> w{Waiver{1, "C1", d("2026-01-05"), d("2026-01-20"), "hospitalisation", {}}};
  // Notice deadline: 2026-01-11 + 16 waiver days = 2026-01-27.
  EXPECT_EQ(deadline(d("2026-01-01"), 10, w), d("2026-01-27"));
  EXPECT_TRUE(advance(std::nullopt, a, w, d("2026-01-26"), law()).steps.empty());
  auto r = advance(std::nullopt, a, w, d("2026-01-27"), law());
  ASSERT_EQ(r.steps.size(), 1u);
  // A waiver during the notice moves the suspension by its length.
  std::vector<Waiver> later{Waiver{2, "C1", d("2026-02-01"), d("2026-02-10"), "sursis", {}}};
  auto c = r.cases.at(0);
  auto s = advance(c, a, later, d("2026-03-20"), law());
  ASSERT_GE(s.steps.size(), 1u);
  EXPECT_EQ(s.steps[0].effective, d("2026-03-08"));  // 2026-01-27 + 30 + 10
}

// DUN-01: a new unpaid instalment after a reinstatement opens a new case in the same run.
TEST(Dunning, NewCaseAfterReinstatementDUN01) {
  std::vector<Entry> entries{due("2026-01-01", "40.00", 1)};
  auto c = advance(std::nullopt, AccountView(entries), {}, d("2026-01-11"), law()).cases.at(0);
  entries.push_back(paid("2026-01-20", "40.00"));
  entries.push_back(due("2026-02-01", "40.00", 2));
  auto r = advance(c, AccountView(entries), {}, d("2026-02-11"), law());
  ASSERT_EQ(r.steps.size(), 2u);
  EXPECT_EQ(r.steps[0].kind, StepKind::kReinstatement);
  EXPECT_EQ(r.steps[1].kind, StepKind::kNotice);
  EXPECT_EQ(r.cases.size(), 2u);
  EXPECT_EQ(r.cases[1].oldest_due, d("2026-02-01"));
}

// A payments import (may_open = false) never issues a notice.
TEST(Dunning, PaymentsImportIssuesNoNoticeDUN01) {
  AccountView a({due("2026-01-01", "40.00", 1)});
  EXPECT_TRUE(advance(std::nullopt, a, {}, d("2026-03-01"), law(), false).steps.empty());
}

// BIL-04 property: whatever the entries, the balance equals charges minus credits and every
// entry balances (the ledger sums to zero over accounts).
RC_GTEST_PROP(LedgerProperty, SumsToZeroBIL04, ()) {
  const int n = *rc::gen::inRange(1, 40);
  std::vector<Entry> entries;
  for (int i = 0; i < n; ++i) {
    const auto cents = *rc::gen::inRange<int64_t>(-50000, 50000);
    const auto kind = *rc::gen::element(EntryKind::kContributionDue, EntryKind::kPayment,
                                        EntryKind::kReject, EntryKind::kAdjustment,
                                        EntryKind::kRefund);
    const char* debit = kind == EntryKind::kPayment ? account::kBank : account::kReceivable;
    const char* credit = kind == EntryKind::kContributionDue || kind == EntryKind::kAdjustment
                             ? account::kContributions
                         : kind == EntryKind::kPayment ? account::kReceivable
                                                       : account::kBank;
    Entry e = make_entry(std::to_string(i), add_days(d("2026-01-01"), i), kind, "C1", debit, credit,
                         Money::from_cents(cents), "BIL-04");
    RC_ASSERT(!e.amount.is_negative());
    e.id = i + 1;
    entries.push_back(e);
  }
  Money total;
  for (const char* acc : {account::kReceivable, account::kContributions, account::kBank}) {
    total += account_balance(entries, acc);
  }
  RC_ASSERT(total.is_zero());
  AccountView view(entries);
  const Date end = add_days(d("2026-01-01"), n);
  RC_ASSERT(view.balance(end) == account_balance(entries, account::kReceivable));
  Money unpaid;
  for (const auto& s : view.allocate(end)) unpaid += s.unpaid();
  RC_ASSERT(unpaid == view.arrears(end));
}

}  // namespace
}  // namespace mutua

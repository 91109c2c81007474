// Which contracts a dunning run examines for a formal notice: DUN-01 (an instalment unpaid ten
// days after its due date), over the account's 411 movements (BIL-04), rejects reopening the
// debt (BIL-03). Every case is computed by hand in its comment.
#include <gtest/gtest.h>

#include "billing/overdue.hpp"
#include "rating/rating_test_support.hpp"

namespace mutua {
namespace {

using testing::d;
using testing::eur;

int64_t next_id = 1;

Entry entry(const char* contract, const char* date, EntryKind kind, const char* debit,
            const char* credit, const char* amount, int period = 0) {
  Entry e = make_entry(std::string(contract) + ":" + std::to_string(next_id), d(date), kind,
                       contract, debit, credit, eur(amount), "TEST");
  e.id = next_id++;
  if (period > 0) {
    e.year = 2026;
    e.period = period;
  }
  return e;
}
Entry due(const char* contract, const char* date, const char* amount, int period) {
  return entry(contract, date, EntryKind::kContributionDue, account::kReceivable,
               account::kContributions, amount, period);
}
Entry paid(const char* contract, const char* date, const char* amount) {
  return entry(contract, date, EntryKind::kPayment, account::kBank, account::kReceivable, amount);
}

// With notice_after_days = 10, a run on `today` asks about the charges dated ≤ today − 10.
Date aged(const char* today) { return add_days(d(today), -10); }

// DUN-01: due 1 January, unpaid: overdue on 11 January (aged before 1 January), not on the 10th
// (aged before 31 December: no charge that old).
TEST(Overdue, UnpaidTenDaysAfterDueDateDUN01) {
  AccountView a({due("C1", "2026-01-01", "40.00", 1)});
  EXPECT_TRUE(is_overdue(a, aged("2026-01-11"), d("2026-01-11")));
  EXPECT_FALSE(is_overdue(a, aged("2026-01-10"), d("2026-01-10")));
}

// DUN-01: paid in full on 5 January: 40 − 40 = 0 owed, not overdue; paid 30 of 40: 10 still
// unpaid of the January instalment, overdue.
TEST(Overdue, PaidInFullOrInPartDUN01) {
  EXPECT_FALSE(is_overdue(AccountView({due("C1", "2026-01-01", "40.00", 1),
                                       paid("C1", "2026-01-05", "40.00")}),
                          aged("2026-01-15"), d("2026-01-15")));
  EXPECT_TRUE(is_overdue(AccountView({due("C1", "2026-01-01", "40.00", 1),
                                      paid("C1", "2026-01-05", "30.00")}),
                         aged("2026-01-15"), d("2026-01-15")));
}

// DUN-01, first in first out: dues of 40 on 1 January and 1 February, 40 paid on 5 January.
// On 5 February the unpaid charge is February's, dated after 26 January: not overdue yet; on
// 11 February it is aged 10 days: overdue.
TEST(Overdue, OnlyTheOldestUnpaidChargeCountsDUN01) {
  AccountView a({due("C1", "2026-01-01", "40.00", 1), due("C1", "2026-02-01", "40.00", 2),
                 paid("C1", "2026-01-05", "40.00")});
  EXPECT_FALSE(is_overdue(a, aged("2026-02-05"), d("2026-02-05")));
  EXPECT_TRUE(is_overdue(a, aged("2026-02-11"), d("2026-02-11")));
}

// DUN-01: a payment dated after the run's date is not yet received: due 1 January, payment
// dated 20 January, run on 15 January: overdue; run on 20 January: 40 − 40 = 0, not overdue.
TEST(Overdue, PaymentDatedLaterDoesNotCountYetDUN01) {
  AccountView a({due("C1", "2026-01-01", "40.00", 1), paid("C1", "2026-01-20", "40.00")});
  EXPECT_TRUE(is_overdue(a, aged("2026-01-15"), d("2026-01-15")));
  EXPECT_FALSE(is_overdue(a, aged("2026-01-20"), d("2026-01-20")));
}

// BIL-03, DUN-01: a direct debit of 1 January rejected on 6 January reopens January's 40: on
// 11 January it is unpaid and aged, overdue.
TEST(Overdue, RejectedDebitReopensTheDebtBIL03DUN01) {
  AccountView a({due("C1", "2026-01-01", "40.00", 1), paid("C1", "2026-01-01", "40.00"),
                 entry("C1", "2026-01-06", EntryKind::kReject, account::kReceivable,
                       account::kBank, "40.00")});
  EXPECT_FALSE(is_overdue(a, aged("2026-01-05"), d("2026-01-05")));
  EXPECT_TRUE(is_overdue(a, aged("2026-01-11"), d("2026-01-11")));
}

// DUN-01: a recall (TAR-06) is a charge of its own: 25 recalled on 1 January, unpaid on the 11th.
TEST(Overdue, UnpaidRecallDUN01) {
  AccountView a({entry("C1", "2026-01-01", EntryKind::kRecall, account::kReceivable,
                       account::kContributions, "25.00")});
  EXPECT_TRUE(is_overdue(a, aged("2026-01-11"), d("2026-01-11")));
}

// DUN-01, BIL-04: an undue benefit to recover (467 ← 601) does not move account 411: it pays
// nothing. Due 40 on 1 January, undue benefit of 40 on 3 January: still 40 unpaid, overdue.
// (The SQL this replaced counted such an entry as a credit and missed the contract.)
TEST(Overdue, UndueBenefitIsNoPaymentDUN01) {
  AccountView a({due("C1", "2026-01-01", "40.00", 1),
                 entry("C1", "2026-01-03", EntryKind::kUndueBenefit, account::kToRecover,
                       account::kBenefits, "40.00")});
  EXPECT_TRUE(is_overdue(a, aged("2026-01-11"), d("2026-01-11")));
}

// DUN-01: a re-rating that lowers an instalment lowers that period's charge, it is no money
// received (AccountView). January 40 and February 40 due, February lowered by 10 on 3 February,
// 30 paid: on 5 February FIFO pays 30 of January, 10 of January unpaid and aged: overdue. (The
// replaced SQL counted the 10 as a payment of January and missed it.) January itself lowered by
// 40: nothing owed.
TEST(Overdue, LowerReRatingIsNoPaymentDUN01) {
  AccountView later({due("C1", "2026-01-01", "40.00", 1), due("C1", "2026-02-01", "40.00", 2),
                     entry("C1", "2026-02-03", EntryKind::kAdjustment, account::kContributions,
                           account::kReceivable, "10.00", 2),
                     paid("C1", "2026-01-05", "30.00")});
  EXPECT_TRUE(is_overdue(later, aged("2026-02-05"), d("2026-02-05")));
  AccountView same({due("C1", "2026-01-01", "40.00", 1),
                    entry("C1", "2026-01-03", EntryKind::kAdjustment, account::kContributions,
                          account::kReceivable, "40.00", 1)});
  EXPECT_FALSE(is_overdue(same, aged("2026-01-11"), d("2026-01-11")));
}

// DUN-01: a credit balance (paid 100 for 40 due) is never overdue.
TEST(Overdue, CreditBalanceDUN01) {
  AccountView a({due("C1", "2026-01-01", "40.00", 1), paid("C1", "2025-12-20", "100.00")});
  EXPECT_FALSE(is_overdue(a, aged("2026-03-01"), d("2026-03-01")));
}

// DUN-01 over several accounts at once, each contract's entries together, run on 15 January:
// A owes January's 40, B paid it, C's only charge falls due on 1 February (after the run's date:
// not counted), D owes 10 of January: A and D, in the order they come.
TEST(Overdue, ContractsOfAPageDUN01) {
  std::vector<Entry> page{due("A", "2026-01-01", "40.00", 1),
                          due("B", "2026-01-01", "40.00", 1),
                          paid("B", "2026-01-02", "40.00"),
                          due("C", "2026-02-01", "40.00", 2),
                          paid("D", "2026-01-04", "30.00"),  // any order within a contract
                          due("D", "2026-01-01", "40.00", 1)};
  EXPECT_EQ(overdue_contracts(page, aged("2026-01-15"), d("2026-01-15")),
            (std::vector<std::string>{"A", "D"}));
  EXPECT_TRUE(overdue_contracts({}, aged("2026-01-15"), d("2026-01-15")).empty());
}

}  // namespace
}  // namespace mutua

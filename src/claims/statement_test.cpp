// The reimbursement statement (DOC-04, BEN-15, BEN-13): lines of a payment, their totals and the
// check that they are the payment, to the cent.
#include "claims/statement.hpp"

#include <gtest/gtest.h>

namespace mutua {
namespace {

Money eur(int64_t cents) { return Money::from_cents(cents); }

StatementSource source(const char* claim, int line, int64_t run, ClaimStatus status, Payee payee,
                       const char* payee_ref, int64_t charged, int64_t ro, int64_t other,
                       int64_t rc, int64_t remaining, const char* category = "CONSULT_GP") {
  StatementSource s;
  s.decision.claim_id = claim;
  s.decision.line = line;
  s.decision.run_id = run;
  s.decision.contract_id = "C1";
  s.decision.status = status;
  s.decision.rc = eur(rc);
  s.decision.remaining = eur(remaining);
  CareLine& l = s.detail.line;
  l.claim_id = claim;
  l.line = line;
  l.contract_id = "C1";
  l.beneficiary_id = "C1-M";
  l.care_date = make_date(2026, 3, static_cast<unsigned>(line + 1));
  l.category = category;
  l.act_code = "G";
  l.charged = eur(charged);
  l.ro_paid = eur(ro);
  l.other_payers = eur(other);
  l.payee = payee;
  s.detail.payee_ref = payee_ref;
  return s;
}

// Run 7 pays C1: a GP visit 30.00 (RO 70 % × 30.00 − 2.00 flat fee = 19.00; RC 100 % BR − RO gross
// 21.00 = 9.00; remaining 30.00 − 19.00 − 9.00 = 2.00) and a specialist 50.00 (RO 19.00, RC
// 16.00, remaining 15.00) to the member: 9.00 + 16.00 = 25.00; medicines 12.40 (RO 65 % = 8.06,
// RC 4.34, remaining 0.00) to the pharmacy under tiers payant. A rejected line and a line of run
// 8 are not on the statement of run 7.
std::vector<StatementSource> sources() {
  return {source("D1", 1, 7, ClaimStatus::kPaid, Payee::kMember, "C1", 3000, 1900, 0, 900, 200),
          source("D1", 2, 7, ClaimStatus::kPaid, Payee::kMember, "C1", 5000, 1900, 0, 1600, 1500,
                 "CONSULT_SPE"),
          source("D2", 1, 7, ClaimStatus::kPaid, Payee::kProvider, "PHARMACIE-DU-PALAIS", 1240,
                 806, 0, 434, 0, "PHARMA_65"),
          source("D3", 1, 7, ClaimStatus::kRejected, Payee::kMember, "C1", 4000, 0, 0, 0, 4000),
          source("D4", 1, 8, ClaimStatus::kPaid, Payee::kMember, "C1", 3000, 1900, 0, 900, 200)};
}

TEST(Statement, DOC_04_LinesOfOnePaymentSumToItToTheCent) {
  auto st = build_statement("C1", sources(), {{7, make_date(2026, 3, 20), eur(2500)}});
  ASSERT_TRUE(st.ok()) << st.error().to_string();
  ASSERT_EQ(st->lines.size(), 3u);
  // charged 30.00 + 50.00 + 12.40 = 92.40; RO 19.00 + 19.00 + 8.06 = 46.06;
  // RC 9.00 + 16.00 + 4.34 = 29.34; remaining 2.00 + 15.00 + 0.00 = 17.00.
  EXPECT_EQ(st->charged, eur(9240));
  EXPECT_EQ(st->ro_paid, eur(4606));
  EXPECT_EQ(st->rc, eur(2934));
  EXPECT_EQ(st->remaining, eur(1700));
  EXPECT_EQ(st->charged, st->ro_paid + st->other_payers + st->rc + st->remaining);  // BEN-15
  // BEN-13: 25.00 to the member, 4.34 to the pharmacy; 25.00 + 4.34 = 29.34.
  EXPECT_EQ(st->to_member, eur(2500));
  EXPECT_EQ(st->to_providers, eur(434));
  ASSERT_EQ(st->payments.size(), 1u);
  EXPECT_EQ(st->payments[0].reference, "PRST-7-C1");
  EXPECT_EQ(st->payments[0].paid_on, make_date(2026, 3, 20));
  EXPECT_EQ(st->payments[0].lines, 3);
}

TEST(Statement, DOC_04_APaymentThatDiffersFromItsLinesIsRefused) {
  // The run paid 25.01 but the lines say 25.00: nothing is printed.
  auto st = build_statement("C1", sources(), {{7, make_date(2026, 3, 20), eur(2501)}});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().rule_id, "DOC-04");
}

TEST(Statement, DOC_04_BEN_15_ALineWhoseAmountsDoNotAddUpIsRefused) {
  auto bad = sources();
  bad[0].decision.remaining = eur(199);  // 19.00 + 9.00 + 1.99 = 29.99 ≠ 30.00
  auto st = build_statement("C1", bad, {{7, make_date(2026, 3, 20), eur(2500)}});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().rule_id, "DOC-04");
}

TEST(Statement, DOC_04_APeriodListsEveryPaymentWithItsOwnTotal) {
  auto st = build_statement("C1", sources(), {{7, make_date(2026, 3, 20), eur(2500)},
                                              {8, make_date(2026, 4, 2), eur(900)}});
  ASSERT_TRUE(st.ok()) << st.error().to_string();
  ASSERT_EQ(st->payments.size(), 2u);
  EXPECT_EQ(st->payments[1].to_member, eur(900));
  EXPECT_EQ(st->payments[1].reference, "PRST-8-C1");
  // 25.00 + 9.00 = 34.00 to the member over the period.
  EXPECT_EQ(st->to_member, eur(3400));
}

TEST(Statement, DOC_04_NothingPaidNoStatement) {
  auto st = build_statement("C1", sources(), {{9, make_date(2026, 5, 1), eur(0)}});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().rule_id, "DOC-04");
}

}  // namespace
}  // namespace mutua

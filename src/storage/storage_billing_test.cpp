// The billing reads a dunning run and a SEPA export page by key (issue 16): the rows come back
// as stored, and the choices stay in the domain.
// Rules: DUN-01 (the accounts a run examines: billing/overdue.hpp), BIL-03 (the mandate debits go
// under: billing/mandate.hpp active_mandate), BIL-04 (entries of account 411). On SQLite, and on
// PostgreSQL when MUTUA_TEST_PG is set (storage_test_support.hpp).
#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"
#include "storage/storage_test_support.hpp"

namespace mutua {
namespace {

Date d(const char* text) { return parse_date(text).value(); }
Money eur(int64_t cents) { return Money::from_cents(cents); }

class BillingStorageTest : public testing_support::StoreFixture {
 protected:
  BillingStorageTest() : StoreFixture("mutua_billing_") {}
  void SetUp() override {
    StoreFixture::SetUp();
    Product p;
    p.code = "LABEL2";
    p.name = "Label 2";
    store_->upsert_product(p);
    std::vector<Contract> contracts;
    for (const char* id : {"K1", "K2", "K3"}) {
      Contract c;
      c.id = id;
      c.product = "LABEL2";
      c.beneficiaries = {Beneficiary{std::string(id) + "-M", Role::kMember, "MARTIN",
                                     std::string("Prénom ") + id, d("1984-05-03"),
                                     d("2020-03-17")}};
      contracts.push_back(c);
    }
    contracts[2].beneficiaries[0].end_date = d("2026-06-30");
    store_->insert_contracts(contracts);
  }

  int64_t posted(std::vector<Entry> entries) { return store_->post_entries(entries); }

  BillingSchedule schedule(const char* contract) {
    BillingSchedule s;
    s.contract_id = contract;
    s.year = 2026;
    s.frequency = PaymentFrequency::kYearly;
    s.called = d("2025-12-01");
    ScheduledInstalment i;
    i.instalment = Instalment{2026, 1, d("2026-01-01"), d("2026-01-01"), d("2026-12-31"), eur(48000)};
    s.instalments = {i};
    return s;
  }
};

Entry entry(const char* key, const char* contract, const char* date, EntryKind kind,
            const char* debit, const char* credit, int64_t cents) {
  return make_entry(key, d(date), kind, contract, debit, credit, eur(cents), "TEST");
}

// DUN-01, BIL-04: the contracts of the ledger come by key, a page at a time; a page's entries are
// those moving 411, dated up to the date asked, by contract, date and id.
TEST_F(BillingStorageTest, DUN_01_LedgerPagesByKey) {
  posted({entry("k3-due", "K3", "2026-01-01", EntryKind::kContributionDue, account::kReceivable,
                account::kContributions, 4000),
          entry("k1-pay", "K1", "2026-01-05", EntryKind::kPayment, account::kBank,
                account::kReceivable, 1000),
          entry("k1-due", "K1", "2026-01-01", EntryKind::kContributionDue, account::kReceivable,
                account::kContributions, 4000),
          entry("k1-undue", "K1", "2026-01-02", EntryKind::kUndueBenefit, account::kToRecover,
                account::kBenefits, 500),
          entry("k1-feb", "K1", "2026-02-01", EntryKind::kContributionDue, account::kReceivable,
                account::kContributions, 4000),
          entry("k2-due", "K2", "2026-01-01", EntryKind::kContributionDue, account::kReceivable,
                account::kContributions, 4000),
          entry("benefits", "", "2026-01-03", EntryKind::kBenefitPaid, account::kBenefits,
                account::kBank, 9000)});
  EXPECT_EQ(store_->ledger_contracts_after("", 2), (std::vector<std::string>{"K1", "K2"}));
  EXPECT_EQ(store_->ledger_contracts_after("K2", 2), (std::vector<std::string>{"K3"}));
  EXPECT_TRUE(store_->ledger_contracts_after("K3", 2).empty());

  std::vector<std::string> keys;
  for (const Entry& e : store_->receivable_entries("", "K2", d("2026-01-31"))) keys.push_back(e.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"k1-due", "k1-pay", "k2-due"}));
  auto k3 = store_->receivable_entries("K2", "K3", d("2026-01-31"));
  ASSERT_EQ(k3.size(), 1u);
  EXPECT_EQ(k3[0].amount, eur(4000));
  EXPECT_EQ(k3[0].contract_id, "K3");
}

// DUN-01: the open procedures of a key range only.
TEST_F(BillingStorageTest, DUN_01_OpenCasesOfARange) {
  for (const char* id : {"K1", "K2", "K3"}) {
    DunningCase c;
    c.contract_id = id;
    c.notice = d("2026-01-11");
    c.oldest_due = d("2026-01-01");
    c.arrears = eur(4000);
    if (std::string(id) == "K2") c.reinstated = d("2026-01-20");
    store_->save_case(c);
  }
  EXPECT_EQ(store_->contracts_with_open_case("", "K2"), (std::vector<std::string>{"K1"}));
  EXPECT_EQ(store_->contracts_with_open_case("K1", "K3"), (std::vector<std::string>{"K3"}));
  EXPECT_TRUE(store_->contracts_with_open_case("K3", "K9").empty());
}

// BIL-03: a page of schedules comes with every mandate of each contract (revoked included, by
// signature date); a contract without a mandate is covered by the page but not listed; the
// mandate the debits go under is the domain's choice.
TEST_F(BillingStorageTest, BIL_03_CollectionPageByKey) {
  store_->save_schedules({schedule("K1"), schedule("K2"), schedule("K3")});
  Mandate renewed{"RUM-K1-2", "K1", "FR7630006000011234567890189", "", d("2024-01-10")};
  renewed.revoked = true;
  Mandate first{"RUM-K1", "K1", "FR7630006000011234567890189", "AGRIFRPPXXX", d("2020-03-17")};
  Mandate k3{"RUM-K3", "K3", "FR7630006000011234567890189", "", d("2021-01-01")};
  store_->insert_mandates({renewed, first, k3});

  CollectionPage page = store_->collection_page(2026, "", 2);
  EXPECT_EQ(page.last, "K2");
  ASSERT_EQ(page.candidates.size(), 1u);
  const CollectionCandidate& c = page.candidates[0];
  EXPECT_EQ(c.schedule, schedule("K1"));
  ASSERT_EQ(c.mandates.size(), 2u);
  EXPECT_EQ(c.mandates[0].rum, "RUM-K1");
  EXPECT_EQ(c.mandates[1].rum, "RUM-K1-2");
  EXPECT_TRUE(c.mandates[1].revoked);
  EXPECT_EQ(c.debtor_name, "Prénom K1 MARTIN");
  EXPECT_EQ(c.cover_end, std::nullopt);
  EXPECT_EQ(active_mandate(c.mandates)->rum, "RUM-K1");
  EXPECT_EQ(active_mandate_of(store_->mandates("K1"))->rum, "RUM-K1");  // the same choice

  page = store_->collection_page(2026, "K2", 2);
  EXPECT_EQ(page.last, "K3");
  ASSERT_EQ(page.candidates.size(), 1u);
  EXPECT_EQ(page.candidates[0].cover_end, d("2026-06-30"));
  EXPECT_TRUE(store_->collection_page(2026, "K3", 2).last.empty());
  EXPECT_TRUE(store_->collection_page(2025, "", 2).last.empty());
  EXPECT_FALSE(active_mandate_of(store_->mandates("K2")));
}

}  // namespace
}  // namespace mutua

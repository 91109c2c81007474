// The lifecycle tables of migration 4 round-trip exactly.
// Rules: ELIG-02 ELIG-07 ELIG-08 ADH-01 ADH-06 DEM-04 DEM-06 SUS-01
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "storage/migrations.hpp"
#include "storage/sqlite_store.hpp"
#include "storage/storage_test_support.hpp"

namespace mutua {
namespace {

namespace fs = std::filesystem;

class LifecycleStorageTest : public testing_support::StoreFixture {
 protected:
  LifecycleStorageTest() : StoreFixture("mutua_lifecycle_") {}
  void SetUp() override {
    StoreFixture::SetUp();
    Product p;
    p.code = "LABEL2";
    p.name = "Label 2";
    store_->upsert_product(p);
    p.code = "LABEL3";
    store_->upsert_product(p);
  }
  Contract family() {
    Contract c;
    c.id = "K1";
    c.product = "LABEL2";
    c.employer = "Commune de Saint-Chamond";
    c.address = "12 rue de la République, 42400 Saint-Chamond";
    Beneficiary m{"K1-M", Role::kMember, "MARTIN", "Élodie", parse_date("1984-05-03").value(),
                  parse_date("2026-03-17").value()};
    Beneficiary s{"K1-S", Role::kSpouse, "MARTIN", "Hugo", parse_date("1983-01-15").value(),
                  parse_date("2026-03-17").value()};
    s.relation = Relation::kPacs;
    Beneficiary z{"K1-Z", Role::kChild, "MARTIN", "Zoé", parse_date("2007-06-20").value(),
                  parse_date("2026-03-17").value(), parse_date("2026-08-31").value()};
    z.condition = ChildCondition::kStudent;
    z.end_reason = "ELIG-07";
    c.beneficiaries = {m, s, z};
    return c;
  }
};

Date d(const char* text) { return parse_date(text).value(); }

// ELIG-02, ELIG-07: relation, condition and the rule that ends rights are stored with the person.
TEST_F(LifecycleStorageTest, ELIG_07_DependantFieldsRoundTrip) {
  Contract c = family();
  store_->insert_contracts({c});
  EXPECT_EQ(store_->find_contract("K1"), c);
  Beneficiary n{"K1-N", Role::kChild, "MARTIN", "Nina", d("2026-03-28"), d("2026-04-02")};
  n.condition = ChildCondition::kMinor;
  store_->insert_beneficiary("K1", n);
  store_->update_beneficiary_end("K1-N", d("2044-03-31"), "ELIG-07");
  auto stored = store_->find_contract("K1");
  ASSERT_EQ(stored->beneficiaries.size(), 4u);
  EXPECT_EQ(stored->beneficiaries[3].id, "K1-N");  // appended last
  EXPECT_EQ(stored->beneficiaries[3].end_date, d("2044-03-31"));
  EXPECT_EQ(stored->beneficiaries[3].end_reason, "ELIG-07");
  EXPECT_EQ(store_->contract_of_beneficiary("K1-N"), "K1");
  store_->update_beneficiary_end("K1-N", std::nullopt, "ignored");
  EXPECT_EQ(store_->find_contract("K1")->beneficiaries[3].end_reason, "");
}

// ELIG-08, ADH-06, DEM-04, DEM-06, SUS-01: the lifecycle records round-trip.
TEST_F(LifecycleStorageTest, DEM_04_RecordsRoundTrip) {
  store_->insert_contracts({family()});
  Proof p{0, "K1-Z", ProofType::kSchoolCertificate, d("2025-09-01"), d("2026-08-31"), "CS-1",
          d("2026-03-16")};
  p.id = store_->insert_proof(p);
  EXPECT_GT(p.id, 0);
  EXPECT_EQ(store_->proofs("K1-Z"), std::vector<Proof>{p});

  ProductChange ch{"K1", d("2027-01-01"), "LABEL3", "LABEL2", d("2026-06-15"), "DCG-118"};
  store_->insert_product_change(ch);
  EXPECT_EQ(store_->product_changes("K1"), std::vector<ProductChange>{ch});

  Termination t{"K1", "anytime", "DEM-02", d("2027-04-15"), std::nullopt, "", d("2027-05-15"),
                2414, std::nullopt};
  store_->save_termination(t);
  EXPECT_EQ(store_->find_termination("K1"), t);
  t.confirmed = d("2027-04-17");
  store_->save_termination(t);
  EXPECT_EQ(store_->find_termination("K1"), t);

  Suspension s{"K1", d("2026-06-01"), d("2026-08-31"), SuspensionReason::kAbroad, d("2026-05-01"),
               "LRAR 1A-42"};
  store_->insert_suspension(s);
  EXPECT_EQ(store_->suspensions("K1"), std::vector<Suspension>{s});

  store_->insert_contract_change({0, "K1", "iban", "FR76A", "FR76B", d("2026-05-01"), d("2026-05-02")});
  auto history = store_->contract_changes("K1");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].old_value, "FR76A");
  EXPECT_EQ(history[0].new_value, "FR76B");

  EXPECT_GT(store_->insert_document({0, "K1", "card", d("2026-05-02"), "out/K1-card.pdf"}), 0);
  EXPECT_EQ(store_->documents("K1").at(0).file, "out/K1-card.pdf");
}

// ADH-01: an enrolment file is found by contract and by person until it becomes a contract.
TEST_F(LifecycleStorageTest, ADH_01_EnrolmentFoundByPerson) {
  EnrolmentRecord e{"E1", "incomplete", d("2026-03-10"), R"({"product":"LABEL2"})", {"E1-M", "E1-Z"}};
  store_->save_enrolment(e);
  e.status = "active";
  e.beneficiary_ids.clear();
  store_->save_enrolment(e);  // replaces; the persons stay registered
  EXPECT_EQ(store_->find_enrolment("E1")->status, "active");
  EXPECT_EQ(store_->enrolment_of_beneficiary("E1-Z"), "E1");
  EXPECT_FALSE(store_->enrolment_of_beneficiary("E1-X").has_value());
  int n = 0;
  store_->for_each_enrolment([&](const EnrolmentRecord&) { ++n; });
  EXPECT_EQ(n, 1);
}

}  // namespace
}  // namespace mutua

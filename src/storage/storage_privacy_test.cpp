// The personal-data tables of migration 9 round-trip exactly, and the anonymisation setters write
// only what they are given.
// Rules: GDPR-01 (requests, rectifications), GDPR-03 (anonymisation register and setters),
// GDPR-04 (opposition flags and their history).
#include <gtest/gtest.h>

#include "storage/migrations.hpp"
#include "storage/sqlite_store.hpp"
#include "storage/storage_test_support.hpp"

namespace mutua {
namespace {

Date d(const char* text) { return parse_date(text).value(); }

class PrivacyStorageTest : public testing_support::StoreFixture {
 protected:
  PrivacyStorageTest() : StoreFixture("mutua_privacy_") {}
  void SetUp() override {
    StoreFixture::SetUp();
    Product p;
    p.code = "LABEL2";
    p.name = "Label 2";
    store_->upsert_product(p);
    Contract c;
    c.id = "K1";
    c.product = "LABEL2";
    c.iban = "FR7630006000011234567890189";
    c.email = "elodie.martin@example.fr";
    Beneficiary m{"K1-M", Role::kMember, "MARTIN", "Élodie", d("1984-05-03"), d("2020-03-17")};
    m.nir = "284054220700162";
    Beneficiary z{"K1-Z", Role::kChild, "MARTIN", "Zoé", d("2007-06-20"), d("2020-03-17")};
    c.beneficiaries = {m, z};
    store_->insert_contracts({c});
  }

  PrivacyRequest request(RequestKind kind, const char* beneficiary, const char* received) {
    PrivacyRequest r;
    r.kind = kind;
    r.beneficiary_id = beneficiary;
    r.contract_id = "K1";
    r.received = d(received);
    r.deadline = add_months(r.received, 1);
    return r;
  }
};

// GDPR-01: a request round-trips, is closed in place, and is listed by person and by status.
TEST_F(PrivacyStorageTest, GDPR_01_RequestsRoundTrip) {
  EXPECT_GE(store_->schema_version(), 9);
  PrivacyRequest a = request(RequestKind::kAccess, "K1-M", "2026-03-10");
  a.details = "copie de mes données";
  a.id = store_->insert_privacy_request(a);
  PrivacyRequest e = request(RequestKind::kErasure, "K1-Z", "2026-03-11");
  e.id = store_->insert_privacy_request(e);
  EXPECT_GT(e.id, a.id);
  EXPECT_EQ(store_->find_privacy_request(a.id), a);
  EXPECT_FALSE(store_->find_privacy_request(999));

  e.status = RequestStatus::kRefused;
  e.closed = d("2026-03-20");
  e.reason = "kept until 2028-12-31";
  e.rule = "GDPR-03";
  store_->update_privacy_request(e);
  EXPECT_EQ(store_->find_privacy_request(e.id), e);

  EXPECT_EQ(store_->privacy_requests("", false), (std::vector<PrivacyRequest>{a, e}));
  EXPECT_EQ(store_->privacy_requests("", true), (std::vector<PrivacyRequest>{a}));
  EXPECT_EQ(store_->privacy_requests("K1-Z", false), (std::vector<PrivacyRequest>{e}));
  EXPECT_TRUE(store_->privacy_requests("K1-Z", true).empty());
}

// GDPR-04: every change is kept; the flags in force are the latest change of each person.
TEST_F(PrivacyStorageTest, GDPR_04_OppositionHistoryAndCurrentFlags) {
  PrivacyRequest r = request(RequestKind::kOpposition, "K1-M", "2026-03-10");
  r.id = store_->insert_privacy_request(r);
  OppositionRecord first{0, "K1-M", {true, false}, d("2026-03-10"), r.id};
  first.id = store_->insert_opposition(first);
  OppositionRecord second{0, "K1-M", {true, true}, d("2026-04-02"), std::nullopt};
  second.id = store_->insert_opposition(second);
  OppositionRecord child{0, "K1-Z", {false, true}, d("2026-04-02"), std::nullopt};
  child.id = store_->insert_opposition(child);
  EXPECT_EQ(store_->oppositions("K1-M"), (std::vector<OppositionRecord>{first, second}));
  std::vector<OppositionRecord> current;
  store_->for_each_current_opposition([&](const OppositionRecord& o) { current.push_back(o); });
  EXPECT_EQ(current, (std::vector<OppositionRecord>{second, child}));
}

// GDPR-01: a rectified identity is stored, its history keeps the old value.
TEST_F(PrivacyStorageTest, GDPR_01_RectificationAndHistory) {
  Contract c = *store_->find_contract("K1");
  Beneficiary m = c.beneficiaries[0];
  m.last_name = "MARTIN-DURAND";
  m.birth_date = d("1984-05-13");
  m.nir.clear();
  store_->update_beneficiary_identity(m);
  Contract after = *store_->find_contract("K1");
  EXPECT_EQ(after.beneficiaries[0], m);
  EXPECT_EQ(after.beneficiaries[1], c.beneficiaries[1]);

  PersonChange ch{0,
                  "K1-M",
                  "K1",
                  "last_name",
                  "MARTIN",
                  "MARTIN-DURAND",
                  d("2026-03-10"),
                  d("2026-03-12"),
                  std::nullopt};
  ch.id = store_->insert_person_change(ch);
  EXPECT_EQ(store_->person_changes("K1"), (std::vector<PersonChange>{ch}));
  store_->set_person_change_values(ch.id, "", "");
  ch.old_value.clear();
  ch.new_value.clear();
  EXPECT_EQ(store_->person_changes("K1"), (std::vector<PersonChange>{ch}));
}

// GDPR-03: the setters blank exactly the values given; the register of erasures round-trips.
TEST_F(PrivacyStorageTest, GDPR_03_AnonymisationSettersAndRegister) {
  store_->insert_contract_change(ContractChange{0, "K1", "email", "old@example.fr",
                                                "elodie.martin@example.fr", d("2025-01-01"),
                                                d("2025-01-02")});
  store_->insert_contract_change(
      ContractChange{0, "K1", "status", "active", "retired", d("2025-06-01"), d("2025-06-02")});
  auto changes = store_->contract_changes("K1");
  ASSERT_EQ(changes.size(), 2u);
  store_->set_contract_change_values(changes[0].id, "", "");
  auto after = store_->contract_changes("K1");
  EXPECT_EQ(after[0].old_value, "");
  EXPECT_EQ(after[0].new_value, "");
  EXPECT_EQ(after[1].old_value, "active");

  Mandate m{"RUM-K1", "K1", "FR7630006000011234567890189", "AGRIFRPPXXX", d("2020-03-17")};
  Mandate m2{"RUM-K1-2", "K1", "FR7630006000011234567890189", "", d("2024-01-10")};
  m2.revoked = true;
  store_->insert_mandates({m, m2});
  auto mandates = store_->mandates("K1");
  ASSERT_EQ(mandates.size(), 2u);
  EXPECT_EQ(mandates[0].rum, "RUM-K1");
  EXPECT_TRUE(mandates[1].revoked);
  store_->set_mandate_account("RUM-K1", "", "");
  mandates = store_->mandates("K1");
  EXPECT_EQ(mandates[0].iban, "");
  EXPECT_EQ(mandates[0].bic, "");
  EXPECT_EQ(mandates[1].iban, "FR7630006000011234567890189");

  Proof p{0,
          "K1-Z",
          ProofType::kSchoolCertificate,
          d("2025-09-01"),
          d("2026-08-31"),
          "CS-2025-LYON-2",
          d("2025-09-05")};
  p.id = store_->insert_proof(p);
  store_->set_proof_reference(p.id, "");
  auto proofs = store_->proofs("K1-Z");
  ASSERT_EQ(proofs.size(), 1u);
  EXPECT_EQ(proofs[0].reference, "");
  EXPECT_EQ(proofs[0].valid_to, d("2026-08-31"));

  Suspension s{"K1",
               d("2025-01-01"),
               d("2025-06-30"),
               SuspensionReason::kAbroad,
               d("2024-11-20"),
               "RAR 1A 234 567 8901 2"};
  store_->insert_suspension(s);
  store_->set_suspension_proofs("K1", d("2025-01-01"), "");
  auto suspensions = store_->suspensions("K1");
  ASSERT_EQ(suspensions.size(), 1u);
  EXPECT_EQ(suspensions[0].proofs, "");
  EXPECT_EQ(suspensions[0].to, d("2025-06-30"));

  EXPECT_FALSE(store_->find_erasure("K1"));
  ErasureRecord e{"K1", d("2024-12-31"), d("2027-01-02"), std::nullopt};
  store_->insert_erasure(e);
  EXPECT_EQ(store_->find_erasure("K1"), e);
  std::vector<ErasureRecord> all;
  store_->for_each_erasure([&](const ErasureRecord& r) { all.push_back(r); });
  EXPECT_EQ(all, (std::vector<ErasureRecord>{e}));
  EXPECT_THROW(store_->insert_erasure(e), StoreError);  // once per contract
}

// GDPR-01, GDPR-03: the tables refuse what the model cannot hold.
TEST_F(PrivacyStorageTest, GDPR_01_ChecksRefuseUnknownKindsAndStatuses) {
  EXPECT_THROW(store_->db().exec("INSERT INTO privacy_requests (kind, beneficiary_id, "
                                 "contract_id, received, deadline, status) VALUES ('forget', "
                                 "'K1-M', 'K1', '2026-01-01', '2026-02-01', 'open')"),
               StoreError);
  EXPECT_THROW(store_->db().exec("INSERT INTO privacy_requests (kind, beneficiary_id, "
                                 "contract_id, received, deadline, status) VALUES ('access', "
                                 "'K1-M', 'K1', '2026-01-01', '2026-02-01', 'pending')"),
               StoreError);
  EXPECT_THROW(store_->db().exec("INSERT INTO privacy_erasures (contract_id, ended, erased) "
                                 "VALUES ('NOPE', '2024-01-01', '2026-01-02')"),
               StoreError);  // foreign key
}

}  // namespace
}  // namespace mutua

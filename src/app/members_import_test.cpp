// The members import use case against a real SQLite file (tests/data/members/*.csv).
// It lives in app/ (app_tests) because it needs both the members parser and the store.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/app_test_support.hpp"
#include "app/lifecycle.hpp"
#include "app/members_import.hpp"
#include "core/nir.hpp"
#include "members/members_csv.hpp"

namespace mutua {
namespace {

namespace fs = std::filesystem;

const std::string kData = std::string(MUTUA_SOURCE_DIR) + "/tests/data/members/";

Tariff tariff_2026() {
  Tariff t;
  t.year = 2026;
  t.decided = make_date(2025, 10, 15);
  t.bands = {0, 30};
  t.member = {Money::from_cents(3120), Money::from_cents(4210)};
  t.spouse = t.member;
  t.child = {Money::from_cents(1800), Money::from_cents(1800)};
  return t;
}

// A store with a two-product catalogue created directly (no YAML loader involved).
class MembersImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '_');  // parameterized test names
    path_ = fs::temp_directory_path() /
            ("mutua_import_" + std::to_string(::getpid()) + "_" + name + ".db");
    remove_files();
    store_ = Store::open(path_.string());
    store_->migrate();
    for (auto [code, kind] : {std::pair{"LABEL2", ProductKind::kLabelled},
                              std::pair{"REGION", ProductKind::kRegional}}) {
      Product p;
      p.code = code;
      p.name = code;
      p.kind = kind;
      if (kind == ProductKind::kRegional) p.max_annual_increase_pct = 3;
      store_->upsert_product(p);
      store_->insert_tariff(code, tariff_2026());
    }
  }
  void TearDown() override {
    store_.reset();
    remove_files();
  }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_.string() + suffix);
  }

  fs::path path_;
  std::unique_ptr<Store> store_;
};

std::vector<std::string> where(const Errors& errors) {
  std::vector<std::string> out;
  for (const Error& e : errors) {
    out.push_back(fs::path(e.file).filename().string() + ":" + std::to_string(e.line) + ": " +
                  e.field);
  }
  return out;
}

TEST_F(MembersImportTest, ValidFileImportsEverythingThenReimportIsUnchanged) {
  ImportOutcome out = import_members(*store_, kData + "valid.csv");
  ASSERT_TRUE(out.ok()) << out.errors[0].to_string();
  EXPECT_EQ(out.report.contracts_added, 4);
  EXPECT_EQ(out.report.beneficiaries_added, 7);
  EXPECT_EQ(out.report.contracts_unchanged, 0);
  EXPECT_EQ(store_->count_contracts(), 4);
  EXPECT_EQ(store_->count_beneficiaries(), 7);

  auto c1 = store_->find_contract("C001");
  ASSERT_TRUE(c1.has_value());
  EXPECT_EQ(c1->iban, "FR7630006000011234567890189");
  EXPECT_EQ(c1->prior_coefficient_bp, 400);
  EXPECT_TRUE(c1->express_start);  // ADH-02
  ASSERT_EQ(c1->beneficiaries.size(), 3u);
  EXPECT_EQ(c1->beneficiaries[0].role, Role::kMember);
  auto c2 = store_->find_contract("C002");
  EXPECT_EQ(c2->beneficiaries[0].first_name, "Anne, Marie");
  EXPECT_EQ(c2->link, Link::kResidence);  // ELIG-10 link recorded

  ImportOutcome again = import_members(*store_, kData + "valid.csv");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.report.contracts_added, 0);
  EXPECT_EQ(again.report.contracts_unchanged, 4);
  EXPECT_EQ(store_->count_contracts(), 4);
}

TEST_F(MembersImportTest, ChangedContractOrReusedBeneficiaryIsRefusedAndNothingWritten) {
  ASSERT_TRUE(import_members(*store_, kData + "valid.csv").ok());
  fs::path changed = path_.string() + ".changed.csv";
  {
    std::ofstream f(changed);
    f << "contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date\n"
         "C009,B900,member,NEW,One,1980-01-01,LABEL2,2026-01-01\n"
         "C001,B001,member,DUPONT,Jean,1970-05-17,LABEL2,2026-02-01\n"
         "C010,B006,member,OTHER,Two,1980-01-01,LABEL2,2026-01-01\n";
  }
  ImportOutcome out = import_members(*store_, changed.string());
  fs::remove(changed);
  ASSERT_EQ(out.errors.size(), 2u);
  EXPECT_EQ(out.errors[0].line, 3);
  EXPECT_EQ(out.errors[0].field, "contract_id");
  EXPECT_EQ(out.errors[0].message, "contract C001 already exists with different data");
  EXPECT_EQ(out.errors[1].line, 4);
  EXPECT_EQ(out.errors[1].field, "beneficiary_id");
  EXPECT_EQ(store_->count_contracts(), 4);  // C009 was not written either
  EXPECT_FALSE(store_->find_contract("C009").has_value());
}

TEST_F(MembersImportTest, UnknownColumnIsAWarning) {
  fs::path file = path_.string() + ".extra.csv";
  {
    std::ofstream f(file);
    f << "contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,"
         "shoe_size\nC1,B1,member,A,B,1980-01-01,LABEL2,2026-01-01,42\n";
  }
  ImportOutcome out = import_members(*store_, file.string());
  fs::remove(file);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out.report.warnings.size(), 1u);
  EXPECT_NE(out.report.warnings[0].find("shoe_size"), std::string::npos);
}

struct Malformed {
  const char* file;
  std::vector<std::string> where;  // every error, "file:line: field"
};

class MalformedFile : public MembersImportTest, public ::testing::WithParamInterface<Malformed> {};

TEST_P(MalformedFile, IsRefusedWithLocatedErrorsAndNothingWritten) {
  const Malformed& m = GetParam();
  ImportOutcome out = import_members(*store_, kData + m.file);
  EXPECT_FALSE(out.ok());
  EXPECT_EQ(where(out.errors), m.where);
  for (const Error& e : out.errors) {
    EXPECT_EQ(e.to_string().rfind(kData + m.file + ":", 0), 0u) << e.to_string();
  }
  EXPECT_EQ(store_->count_contracts(), 0);
  EXPECT_EQ(store_->count_beneficiaries(), 0);
}

INSTANTIATE_TEST_SUITE_P(
    MembersFiles, MalformedFile,
    ::testing::Values(
        Malformed{"missing_column.csv", {"missing_column.csv:1: birth_date"}},
        Malformed{"bad_date.csv", {"bad_date.csv:3: birth_date"}},
        Malformed{"bad_coefficient.csv", {"bad_coefficient.csv:2: prior_coefficient"}},
        Malformed{"unknown_product.csv", {"unknown_product.csv:3: product"}},
        Malformed{"duplicate_beneficiary.csv", {"duplicate_beneficiary.csv:4: beneficiary_id"}},
        Malformed{"two_spouses.csv", {"two_spouses.csv:4: role"}},                  // ELIG-02
        Malformed{"bad_nir.csv", {"bad_nir.csv:2: nir"}},
        Malformed{"bad_iban.csv", {"bad_iban.csv:2: iban"}},
        Malformed{"child_aged_30.csv", {"child_aged_30.csv:3: birth_date"}},        // ELIG-03
        Malformed{"end_before_start.csv", {"end_before_start.csv:2: end_date"}},
        Malformed{"no_member.csv", {"no_member.csv:2: role"}},
        Malformed{"bad_role.csv", {"bad_role.csv:3: role"}},
        Malformed{"bad_frequency.csv", {"bad_frequency.csv:2: payment_frequency"}},
        Malformed{"unterminated_quote.csv", {"unterminated_quote.csv:3: last_name"}},
        Malformed{"regional_no_commune.csv",                                        // ELIG-10
                  {"regional_no_commune.csv:2: commune", "regional_no_commune.csv:2: link"}},
        Malformed{"wrong_field_count.csv", {"wrong_field_count.csv:3: start_date"}},
        Malformed{"bad_express_start.csv", {"bad_express_start.csv:2: express_start"}},  // ADH-02
        Malformed{"does_not_exist.csv", {"does_not_exist.csv:0: "}}),
    [](const ::testing::TestParamInfo<Malformed>& info) {
      std::string name = info.param.file;
      name = name.substr(0, name.find('.'));
      return name;
    });

// Writes a members file of about `rows` rows: households of 1 to 4 persons, every optional
// column filled on member rows (NIR and IBAN checked, like real files).
long long write_population(const fs::path& path, long long rows) {
  std::ofstream f(path);
  f << "contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,"
       "end_date,payment_frequency,status,civil_service_entry,prior_coefficient,"
       "last_coverage_end,nir,iban,email,commune,link,express_start\n";
  long long written = 0;
  char nir[16];
  for (long long h = 0; written < rows; ++h) {
    int size = 1 + static_cast<int>(h % 4);
    int year = 1950 + static_cast<int>(h % 50);
    std::snprintf(nir, sizeof nir, "1%02d05780%05lld", year % 100, h % 100000);
    int key = nir_key(std::string_view(nir, 13));
    std::snprintf(nir + 13, 3, "%02d", key);
    const char* product = h % 3 == 0 ? "REGION" : "LABEL2";
    f << "C" << h << ",P" << h << "-0,member,NOM" << h << ",Prenom," << year << "-05-17,"
      << product << ",2026-01-01,,quarterly,active,2001-09-01,0.04,,"
      << nir << ",FR7630006000011234567890189,p" << h << "@example.fr,42207,residence,0\n";
    ++written;
    for (int p = 1; p < size && written < rows; ++p, ++written) {
      bool spouse = p == 1;
      f << "C" << h << ",P" << h << "-" << p << (spouse ? ",spouse," : ",child,") << "NOM" << h
        << ",Prenom" << p << "," << (spouse ? year : 2009 + p) << "-03-01," << product
        << ",2026-01-01,,,,,,,,,,,,\n";
    }
  }
  return written;
}

// Volume: a 20,000-row file imports whole in one transaction (speed is measured by make bench,
// not asserted here).
TEST_F(MembersImportTest, LargeFileImportsWhole) {
  long long rows = 20000;
  fs::path file = path_.string() + ".population.csv";
  long long written = write_population(file, rows);
  ImportOutcome out = import_members(*store_, file.string());
  fs::remove(file);
  ASSERT_TRUE(out.ok()) << out.errors[0].to_string();
  EXPECT_EQ(out.report.beneficiaries_added, written);
  EXPECT_EQ(store_->count_beneficiaries(), written);
}

// --- ELIG-07, ELIG-11 (issue 15): imported children -----------------------------------------------

fs::path write_file(const fs::path& path, const std::string& text) {
  std::ofstream f(path);
  f << text;
  return path;
}

const Beneficiary& person_of(const Contract& c, const std::string& id) {
  for (const Beneficiary& b : c.beneficiaries) {
    if (b.id == id) return b;
  }
  throw std::runtime_error("no " + id);
}

// ELIG-07, ELIG-11: Léa, born 2008-03-10, imported without a condition from 2020-01-01: a
// minor. 18 on 2026-03-10, last eligible day 2026-03-09, rights end at the end of that month,
// 2026-03-31. On 2026-05-10 (18 years and 2 months) her rights are closed (before issue 15:
// open, no end). Hugo, born 2007-09-20, student with a school certificate 2025-09-01..
// 2026-08-31: his rights end with the certificate, 2026-08-31; the proof is stored. Importing
// the same file again changes nothing.
TEST_F(MembersImportTest, ELIG_07_ELIG_11_ImportedChildrenEndAtEighteenUnlessProved) {
  fs::path file = write_file(path_.string() + ".children.csv",
      "contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,"
      "condition,proof_type,proof_from,proof_to,proof_reference\n"
      "C1,B1,member,DUPONT,Jean,1975-05-17,LABEL2,2020-01-01,,,,,\n"
      "C1,B2,child,DUPONT,Léa,2008-03-10,LABEL2,2020-01-01,,,,,\n"
      "C1,B3,child,DUPONT,Hugo,2007-09-20,LABEL2,2020-01-01,student,school_certificate,"
      "2025-09-01,2026-08-31,SCOL-77\n");
  ImportOutcome out = import_members(*store_, file.string());
  ASSERT_TRUE(out.ok()) << out.errors[0].to_string();
  Contract c = *store_->find_contract("C1");
  const Beneficiary& lea = person_of(c, "B2");
  EXPECT_EQ(lea.condition, ChildCondition::kMinor);
  EXPECT_EQ(lea.end_date, make_date(2026, 3, 31));
  EXPECT_EQ(lea.end_reason, "ELIG-07");
  RightsAnswer at_18y2m = rights_on(c, lea, {}, make_date(2026, 5, 10));
  EXPECT_EQ(at_18y2m.status, RightsState::kClosed);
  EXPECT_EQ(rights_on(c, lea, {}, make_date(2026, 3, 31)).status, RightsState::kOpen);
  const Beneficiary& hugo = person_of(c, "B3");
  EXPECT_EQ(hugo.end_date, make_date(2026, 8, 31));
  ASSERT_EQ(store_->proofs("B3").size(), 1u);
  EXPECT_EQ(store_->proofs("B3")[0].reference, "SCOL-77");
  EXPECT_TRUE(store_->proofs("B1").empty());

  ImportOutcome again = import_members(*store_, file.string());
  fs::remove(file);
  ASSERT_TRUE(again.ok()) << again.errors[0].to_string();
  EXPECT_EQ(again.report.contracts_unchanged, 1);
  EXPECT_EQ(store_->proofs("B3").size(), 1u);  // not stored twice
}

// ELIG-07 (rights_end: same_day): the rights end on the last eligible day, 2026-03-09.
TEST_F(MembersImportTest, ELIG_07_SameDayReading) {
  fs::path file = write_file(path_.string() + ".sameday.csv",
      "contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date\n"
      "C1,B1,member,DUPONT,Jean,1975-05-17,LABEL2,2020-01-01\n"
      "C1,B2,child,DUPONT,Léa,2008-03-10,LABEL2,2020-01-01\n");
  ImportOutcome out = import_members(*store_, file.string(), RightsEndRule::kSameDay);
  fs::remove(file);
  ASSERT_TRUE(out.ok()) << out.errors[0].to_string();
  EXPECT_EQ(person_of(*store_->find_contract("C1"), "B2").end_date, make_date(2026, 3, 9));
}

// ELIG-11: a database migrated from before issue 15 holds children made minors without an end;
// settle_child_ends gives them the ELIG-07 end once (born 2008-03-10 → 2026-03-31 under the
// regulation's end_of_month), keeps a declared end that comes earlier, then does nothing.
TEST_F(MembersImportTest, ELIG_11_MigratedChildrenGetTheirEndOnce) {
  Contract c;
  c.id = "C1";
  c.product = "LABEL2";
  Beneficiary m;
  m.id = "B1";
  m.role = Role::kMember;
  m.last_name = "DUPONT";
  m.first_name = "Jean";
  m.birth_date = make_date(1975, 5, 17);
  m.start_date = make_date(2020, 1, 1);
  Beneficiary lea = m;
  lea.id = "B2";
  lea.role = Role::kChild;
  lea.birth_date = make_date(2008, 3, 10);
  lea.condition = ChildCondition::kMinor;  // what migration 12 wrote
  Beneficiary tom = lea;
  tom.id = "B3";
  tom.end_date = make_date(2025, 6, 30);  // a declared end, earlier than ELIG-07's
  c.beneficiaries = {m, lea, tom};
  store_->insert_contracts({c});
  store_->set_billing_setting("child_ends_pending", "1");
  auto settled = settle_child_ends(*store_, app_testing::regulation(), make_date(2026, 1, 5));
  ASSERT_TRUE(settled.ok()) << settled.error().to_string();
  EXPECT_EQ(*settled, 1);
  Contract stored = *store_->find_contract("C1");
  EXPECT_EQ(person_of(stored, "B2").end_date, make_date(2026, 3, 31));
  EXPECT_EQ(person_of(stored, "B2").end_reason, "ELIG-07");
  EXPECT_EQ(person_of(stored, "B3").end_date, make_date(2025, 6, 30));
  EXPECT_EQ(*settle_child_ends(*store_, app_testing::regulation(), make_date(2026, 1, 5)), 0);
}

}  // namespace
}  // namespace mutua

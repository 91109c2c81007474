// The personal-data use cases (app/privacy_service.hpp) against a real SQLite file, the real
// catalogue (config/catalogue.yaml) and the real regulation (config/regulation.yaml,
// privacy.prescription_years = 2): GDPR-01 (requests with their one-month deadline, export for
// access and portability read back from the zip, rectification with history), GDPR-03 (erasure
// refused until the prescription ends, anonymisation that keeps the ledger, the retention job),
// GDPR-04 (opposition flags honoured by marketing audiences).
//
// The family: contract P1 on LABEL2, enrolled on 2025-01-10 (Élodie MARTIN, member, with her NIR,
// IBAN, e-mail and address; Hugo, pacs partner; Zoé, minor; Théo, student with a school
// certificate), billed for 2025, radiated with effect on 2025-12-31 (CES-02). Its data are kept
// until 2027-12-31 and may be erased from 2028-01-01.
#include "app/privacy_service.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "app/billing.hpp"
#include "app/catalogue_service.hpp"
#include "app/lifecycle.hpp"
#include "app/members_import.hpp"
#include "app/app_test_support.hpp"
#include "app/regulation_source.hpp"
#include "claims/records.hpp"
#include "core/csv.hpp"

namespace mutua {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using app_testing::contains;
using app_testing::d;
using app_testing::field_of;
using app_testing::must;
using app_testing::regulation;
using app_testing::rule_of;

constexpr const char* kIban = "FR7630006000011234567890189";
constexpr const char* kNir = "284054220700162";

json family_request() {
  auto person = [](const char* id, const char* role, const char* first, const char* birth) {
    return json{{"beneficiary_id", id},
                {"role", role},
                {"last_name", "MARTIN"},
                {"first_name", first},
                {"birth_date", birth}};
  };
  json spouse = person("P1-S", "spouse", "Hugo", "1983-01-15");
  spouse["relation"] = "pacs";
  json zoe = person("P1-Z", "child", "Zoé", "2010-06-20");
  zoe["condition"] = "minor";
  json theo = person("P1-T", "child", "Théo", "2005-01-15");
  theo["condition"] = "student";
  theo["proofs"] = json::array({json{{"type", "school_certificate"},
                                     {"from", "2024-09-01"},
                                     {"to", "2025-08-31"},
                                     {"reference", "CS-2024-LYON-7"}}});
  return json{
      {"contract_id", "P1"},
      {"product", "LABEL2"},
      {"signed", "2025-01-10"},
      {"covered_last_year", true},
      {"iban", kIban},
      {"email", "elodie.martin@example.fr"},
      {"address", "12 rue de la République, 42400 Saint-Chamond"},
      {"member",
       {{"beneficiary_id", "P1-M"},
        {"last_name", "MARTIN"},
        {"first_name", "Élodie"},
        {"birth_date", "1984-05-03"},
        {"nir", kNir},
        {"employer", "Commune de Saint-Chamond"},
        {"civil_service_entry", "2015-09-01"}}},
      {"dependants", json::array({spouse, zoe, theo})},
      {"received",
       json::array(
           {json{{"item", "first_contribution"}, {"date", "2025-01-10"}, {"reference", "CHQ 1234"}},
            json{{"item", "sepa_mandate"}, {"date", "2025-01-10"}},
            // ADH-04, MAJ-07: covered last year, the previous organism's justificatif.
            json{{"item", "coverage_justificatif"}, {"date", "2025-01-10"},
                 {"coverage_end", "2024-12-31"}}})}};
}

// Members imported from a CSV: Q1 in force; R1 and R2 ended (end dates of the file).
const char* kOthersCsv =
    "contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,"
    "end_date,payment_frequency,status,civil_service_entry,prior_coefficient,last_coverage_end,"
    "nir,iban,email,commune,link,express_start\n"
    "Q1,Q1-M,member,DUPONT,Jeanne,1970-02-02,LABEL2,2025-01-01,,monthly,active,2000-01-01,,"
    "2024-12-31,,,jeanne@example.fr,,,\n"
    "R1,R1-M,member,BERNARD,Paul,1960-03-03,LABEL2,2020-01-01,2024-06-30,monthly,retired,"
    "1990-01-01,,2019-12-31,,,,,,\n"
    "R2,R2-M,member,PETIT,Anne,1975-04-04,LABEL2,2021-01-01,2026-05-31,monthly,active,"
    "2000-01-01,,2020-12-31,,,,,,\n";

// One decided care line of `beneficiary` (claims/records.hpp encoding).
StoredDecision decision(const std::string& claim, const std::string& beneficiary,
                        const char* care_date, int64_t rc_cents) {
  CareLine l;
  l.claim_id = claim;
  l.line = 1;
  l.contract_id = "P1";
  l.beneficiary_id = beneficiary;
  l.care_date = d(care_date);
  l.received_date = d(care_date);
  l.category = "consultation";
  l.act_code = "G";
  l.charged = Money::from_cents(3000);
  l.base = Money::from_cents(3000);
  l.ro_rate = 70;
  l.ro_paid = Money::from_cents(1900);
  l.flat_fee = Money::from_cents(200);
  StoredDecision s;
  s.claim_id = claim;
  s.line = 1;
  s.run_id = 1;
  s.contract_id = "P1";
  s.status = ClaimStatus::kPaid;
  s.rc = Money::from_cents(rc_cents);
  s.remaining = Money::from_cents(3000 - 1900 - rc_cents);
  encode_detail(s.detail, l, "P1", std::nullopt, Money(), 0, Money());
  return s;
}

// The entries of a zip, read back with libzip: name → bytes.
std::map<std::string, std::string> read_zip(const std::string& path) {
  int code = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (!z) throw std::runtime_error("cannot open zip " + path);
  std::map<std::string, std::string> out;
  const zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_stat_index(z, i, 0, &st);
    zip_file_t* f = zip_fopen_index(z, i, 0);
    std::string bytes(st.size, '\0');
    zip_fread(f, bytes.data(), st.size);
    zip_fclose(f);
    out[st.name] = bytes;
  }
  zip_close(z);
  return out;
}

// The rows of a CSV held in memory, each a map column → value.
std::vector<std::map<std::string, std::string>> csv_rows(const std::string& text) {
  auto reader = CsvReader::from_string(text, "export");
  if (!reader) throw std::runtime_error(reader.error().to_string());
  std::vector<std::map<std::string, std::string>> rows;
  while (must((*reader)->next(), "csv")) {
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < (*reader)->size(); ++i) {
      row[(*reader)->header()[i]] = std::string((**reader)[i]);
    }
    rows.push_back(row);
  }
  return rows;
}

class PrivacyServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("mutua_privacy_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = Store::open((dir_ / "t.db").string());
    store_->migrate();
    auto loaded = load_catalogue_into(
        *store_, std::string(MUTUA_SOURCE_DIR) + "/config/catalogue.yaml", regulation());
    ASSERT_TRUE(loaded.errors.empty()) << loaded.errors.front().to_string();
    auto enrolled = must(enrol(*store_, regulation(), family_request().dump(), "p1.json"), "enrol");
    ASSERT_EQ(enrolled.status, "active");
    std::ofstream(path("others.csv")) << kOthersCsv;
    auto imported = import_members(*store_, path("others.csv"));
    ASSERT_TRUE(imported.ok()) << imported.errors.front().to_string();
    must(run_billing(*store_, regulation(), d("2025-02-01")), "billing");
    must(update_contract_field(*store_, "P1", "email", "e.martin@example.fr", d("2025-03-01"),
                               d("2025-03-01")),
         "email change");
    must(
        update_contract_field(*store_, "P1", "status", "retired", d("2025-04-01"), d("2025-04-01")),
        "status change");
    store_->insert_decisions(
        {decision("C1", "P1-M", "2025-03-02", 900), decision("C2", "P1-Z", "2025-04-03", 900)});
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  Store& store() { return *store_; }
  // Radiates P1 with effect on 2025-12-31 (CES-02), recorded on 2026-01-05.
  void end_p1() {
    must(radiate(*store_, regulation(), "P1", d("2025-12-31"), "left the civil service",
                 d("2026-01-05")),
         "radiate");
  }
  PrivacyRequest open(const char* who, const char* kind, const char* received,
                      const char* today = nullptr) {
    return must(
        open_privacy_request(*store_, who, kind, d(received), d(today ? today : received), ""),
        std::string("open ") + kind);
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
};

// --- GDPR-01: requests ---------------------------------------------------------------------------

// GDPR-01: a request is a tracked case with a one-month deadline; late ones are listed.
TEST_F(PrivacyServiceTest, GDPR_01_RequestsHaveAOneMonthDeadlineAndLateOnesAreListed) {
  PrivacyRequest a = open("P1-M", "access", "2026-01-31", "2026-02-02");
  EXPECT_EQ(a.contract_id, "P1");
  EXPECT_EQ(a.deadline, d("2026-02-28"));
  PrivacyRequest b = open("P1-Z", "portability", "2026-02-10");
  EXPECT_EQ(store().find_privacy_request(a.id), a);

  auto none = list_privacy_requests(store(), d("2026-02-28"), true, false, "");
  EXPECT_TRUE(none.empty());
  auto late = list_privacy_requests(store(), d("2026-03-01"), true, false, "");
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].request.id, a.id);
  EXPECT_TRUE(late[0].late);
  EXPECT_EQ(late[0].days_left, -1);
  EXPECT_EQ(list_privacy_requests(store(), d("2026-03-01"), false, false, "P1-Z").size(), 1u);
  must(close_privacy_request(store(), a.id, RequestOutcome::kDone, "answered by letter", "",
                             d("2026-03-02")),
       "close");
  auto still_late = list_privacy_requests(store(), d("2026-03-20"), true, false, "");
  ASSERT_EQ(still_late.size(), 1u);  // a was answered (late); b is late now
  EXPECT_EQ(still_late[0].request.id, b.id);
  EXPECT_TRUE(answered_late(*store().find_privacy_request(a.id)));

  EXPECT_EQ(field_of(open_privacy_request(store(), "P1-M", "forget-me", d("2026-01-05"),
                                          d("2026-01-05"), "")),
            "--kind");
  EXPECT_EQ(field_of(open_privacy_request(store(), "NOBODY", "access", d("2026-01-05"),
                                          d("2026-01-05"), "")),
            "BENEFICIARY");
  EXPECT_EQ(field_of(open_privacy_request(store(), "P1-M", "access", d("2026-01-06"),
                                          d("2026-01-05"), "")),
            "--received");
}

// GDPR-01: a person of an enrolment file not yet complete may already make a request.
TEST_F(PrivacyServiceTest, GDPR_01_PersonOfAnIncompleteEnrolmentMayAsk) {
  json req = family_request();
  req["contract_id"] = "P9";
  req["member"]["beneficiary_id"] = "P9-M";
  req["member"].erase("nir");
  req["dependants"] = json::array();
  req["received"] = json::array();
  ASSERT_EQ(must(enrol(store(), regulation(), req.dump(), "p9.json"), "enrol p9").status,
            "incomplete");
  PrivacyRequest r = open("P9-M", "access", "2025-02-01");
  EXPECT_EQ(r.contract_id, "P9");
  // Its export waits for the contract.
  EXPECT_EQ(field_of(export_personal_data(store(), "P9-M", path("p9.zip"), d("2025-02-02"),
                                          std::nullopt)),
            "BENEFICIARY");
}

// GDPR-01: closed once, done or refused with its reason and rule; an erasure request is done
// only by the erasure itself.
TEST_F(PrivacyServiceTest, GDPR_01_CloseRequests) {
  PrivacyRequest r = open("P1-M", "limitation", "2026-01-05");
  EXPECT_EQ(field_of(close_privacy_request(store(), r.id, RequestOutcome::kRefused, "", "",
                                           d("2026-01-06"))),
            "--reason");
  PrivacyRequest refused = must(close_privacy_request(store(), r.id, RequestOutcome::kRefused,
                                                      "identity not proven", "", d("2026-01-06")),
                                "refuse");
  EXPECT_EQ(refused.status, RequestStatus::kRefused);
  EXPECT_EQ(refused.rule, "GDPR-01");
  EXPECT_EQ(store().find_privacy_request(r.id), refused);
  EXPECT_EQ(field_of(close_privacy_request(store(), r.id, RequestOutcome::kDone, "", "",
                                           d("2026-01-07"))),
            "ID");
  EXPECT_EQ(
      field_of(close_privacy_request(store(), 999, RequestOutcome::kDone, "", "", d("2026-01-07"))),
      "ID");
  PrivacyRequest e = open("P1-M", "erasure", "2026-01-05");
  EXPECT_EQ(field_of(close_privacy_request(store(), e.id, RequestOutcome::kDone, "", "",
                                           d("2026-01-06"))),
            "--done");
}

// --- GDPR-01: export -----------------------------------------------------------------------------

// GDPR-01 (access, portability): the member's zip holds everything the store has about them:
// identity, contract, persons, schedules, ledger, their own care, documents, history, proofs.
TEST_F(PrivacyServiceTest, GDPR_01_ExportOfTheMemberHoldsEverything) {
  end_p1();
  PrivacyRequest r = open("P1-M", "portability", "2026-01-06");
  const std::string out = path("p1-m.zip");
  ExportOutcome o =
      must(export_personal_data(store(), "P1-M", out, d("2026-01-07"), r.id), "export");
  EXPECT_TRUE(o.member);
  EXPECT_FALSE(fs::exists(out + ".partial"));
  ASSERT_TRUE(o.request);
  EXPECT_EQ(o.request->status, RequestStatus::kDone);
  EXPECT_EQ(store().find_privacy_request(r.id)->status, RequestStatus::kDone);

  auto files = read_zip(out);
  for (const char* name :
       {"personne.json", "contrat.csv", "beneficiaires.csv", "cotisations.csv", "ecritures.csv",
        "remboursements.csv", "documents.csv", "historique.csv", "justificatifs.csv"}) {
    EXPECT_TRUE(files.count(name)) << name;
  }
  json p = json::parse(files["personne.json"]);
  EXPECT_EQ(p["person"]["nir"], kNir);
  EXPECT_EQ(p["person"]["last_name"], "MARTIN");
  EXPECT_EQ(p["termination"]["rule"], "CES-02");
  EXPECT_EQ(p["mandates"][0]["iban"], kIban);
  EXPECT_EQ(p["enrolment"]["request"]["member"]["first_name"], "Élodie");
  EXPECT_EQ(p["privacy_requests"][0]["kind"], "portability");

  auto contract = csv_rows(files["contrat.csv"]);
  ASSERT_EQ(contract.size(), 1u);
  EXPECT_EQ(contract[0]["iban"], kIban);
  EXPECT_EQ(contract[0]["email"], "e.martin@example.fr");
  auto persons = csv_rows(files["beneficiaires.csv"]);
  ASSERT_EQ(persons.size(), 4u);
  EXPECT_EQ(persons[0]["nir"], kNir);
  EXPECT_EQ(persons[0]["end_date"], "2025-12-31");
  EXPECT_EQ(persons[0]["end_reason"], "CES-02");
  EXPECT_EQ(persons[2]["first_name"], "Zoé");
  auto care = csv_rows(files["remboursements.csv"]);
  ASSERT_EQ(care.size(), 1u);  // her own care only: Zoé's line is Zoé's
  EXPECT_EQ(care[0]["claim_id"], "C1");
  EXPECT_EQ(care[0]["reimbursed"], "9.00");
  EXPECT_EQ(care[0]["status"], "PAID");
  EXPECT_EQ(csv_rows(files["cotisations.csv"]).size(), 12u);  // monthly, 2025
  EXPECT_EQ(static_cast<long long>(csv_rows(files["ecritures.csv"]).size()),
            static_cast<long long>(store().entries("P1").size()));
  auto history = csv_rows(files["historique.csv"]);
  ASSERT_GE(history.size(), 2u);
  EXPECT_EQ(history[0]["field"], "email");
  EXPECT_EQ(history[0]["old_value"], "elodie.martin@example.fr");
  auto proofs = csv_rows(files["justificatifs.csv"]);
  ASSERT_EQ(proofs.size(), 1u);
  EXPECT_EQ(proofs[0]["reference"], "CS-2024-LYON-7");
  for (const ExportedFile& f : o.files) {
    if (f.name.ends_with(".csv")) {
      EXPECT_EQ(f.rows, static_cast<long long>(csv_rows(files[f.name]).size())) << f.name;
    }
  }
  // The archive is a standard zip: unzip lists it too (when installed).
  if (std::system("command -v unzip >/dev/null 2>&1") == 0) {
    const std::string listing = path("listing.txt");
    ASSERT_EQ(std::system(("unzip -l '" + out + "' > '" + listing + "'").c_str()), 0);
    std::stringstream text;
    text << std::ifstream(listing).rdbuf();
    EXPECT_TRUE(contains(text.str(), "personne.json"));
    EXPECT_TRUE(contains(text.str(), "remboursements.csv"));
  }
}

// GDPR-01: a dependant gets their own data: not the member's bank details, not the others'
// persons, contributions or care.
TEST_F(PrivacyServiceTest, GDPR_01_ExportOfADependantIsLimitedToThem) {
  ExportOutcome o =
      must(export_personal_data(store(), "P1-Z", path("z.zip"), d("2025-06-01"), std::nullopt),
           "export");
  EXPECT_FALSE(o.member);
  auto files = read_zip(path("z.zip"));
  auto persons = csv_rows(files["beneficiaires.csv"]);
  ASSERT_EQ(persons.size(), 1u);
  EXPECT_EQ(persons[0]["beneficiary_id"], "P1-Z");
  auto contract = csv_rows(files["contrat.csv"]);
  EXPECT_EQ(contract[0]["contract_id"], "P1");
  EXPECT_EQ(contract[0]["iban"], "");
  EXPECT_EQ(contract[0]["email"], "");
  auto care = csv_rows(files["remboursements.csv"]);
  ASSERT_EQ(care.size(), 1u);
  EXPECT_EQ(care[0]["claim_id"], "C2");
  EXPECT_TRUE(csv_rows(files["cotisations.csv"]).empty());
  EXPECT_TRUE(csv_rows(files["ecritures.csv"]).empty());
  EXPECT_TRUE(csv_rows(files["justificatifs.csv"]).empty());
  json p = json::parse(files["personne.json"]);
  EXPECT_FALSE(p.contains("mandates"));
  EXPECT_FALSE(p.contains("enrolment"));
  EXPECT_EQ(p["person"]["first_name"], "Zoé");
}

// GDPR-01: the request an export answers must be an open access or portability request of that
// person; a file that cannot be written leaves nothing behind.
TEST_F(PrivacyServiceTest, GDPR_01_ExportChecksItsRequestAndItsFile) {
  PrivacyRequest other = open("P1-S", "access", "2025-05-01");
  PrivacyRequest erasure = open("P1-M", "erasure", "2025-05-01");
  EXPECT_EQ(
      field_of(export_personal_data(store(), "P1-M", path("a.zip"), d("2025-05-02"), other.id)),
      "--request");
  EXPECT_EQ(
      field_of(export_personal_data(store(), "P1-M", path("a.zip"), d("2025-05-02"), erasure.id)),
      "--request");
  EXPECT_EQ(field_of(export_personal_data(store(), "P1-M", path("a.zip"), d("2025-05-02"), 999)),
            "--request");
  EXPECT_FALSE(fs::exists(path("a.zip")));
  const std::string bad = path("no-such-dir/a.zip");
  EXPECT_EQ(field_of(export_personal_data(store(), "P1-S", bad, d("2025-05-02"), other.id)),
            "--out");
  EXPECT_FALSE(fs::exists(bad));
  EXPECT_EQ(store().find_privacy_request(other.id)->status, RequestStatus::kOpen);
}

// --- GDPR-01: rectification ----------------------------------------------------------------------

// GDPR-01: a person's name is rectified, the old value kept; the request is answered.
TEST_F(PrivacyServiceTest, GDPR_01_RectifyAPersonKeepsTheOldValue) {
  PrivacyRequest r = open("P1-M", "rectification", "2025-05-01");
  RectificationOutcome o = must(rectify(store(), regulation(), "P1-M", "last_name", "MARTIN-DURAND",
                                        d("2025-05-02"), d("2025-05-02"), r.id),
                                "rectify");
  EXPECT_EQ(o.old_value, "MARTIN");
  ASSERT_TRUE(o.request);
  EXPECT_EQ(o.request->status, RequestStatus::kDone);
  EXPECT_EQ(store().find_contract("P1")->beneficiaries[0].last_name, "MARTIN-DURAND");
  auto history = store().person_changes("P1");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].old_value, "MARTIN");
  EXPECT_EQ(history[0].new_value, "MARTIN-DURAND");
  EXPECT_EQ(history[0].request_id, r.id);

  // The contract's own fields go through the member-reported change (contract_changes).
  RectificationOutcome e = must(rectify(store(), regulation(), "P1-M", "address",
                                        "3 place de la Liberté, 42400 Saint-Chamond",
                                        d("2025-05-02"), d("2025-05-02"), std::nullopt),
                                "address");
  EXPECT_EQ(e.old_value, "12 rue de la République, 42400 Saint-Chamond");
  EXPECT_EQ(store().contract_changes("P1").back().field, "address");
  EXPECT_EQ(field_of(rectify(store(), regulation(), "P1-S", "iban", kIban, d("2025-05-02"),
                             d("2025-05-02"), std::nullopt)),
            "--field");
  EXPECT_EQ(field_of(rectify(store(), regulation(), "P1-M", "sex", "F", d("2025-05-02"),
                             d("2025-05-02"), std::nullopt)),
            "--field");
  EXPECT_EQ(field_of(rectify(store(), regulation(), "P1-M", "nir", "284054220700161",
                             d("2025-05-02"), d("2025-05-02"), std::nullopt)),
            "--value");
}

// GDPR-01, ELIG-07: a child's birth date rectified moves the end of her rights.
TEST_F(PrivacyServiceTest, GDPR_01_RectifiedBirthDateMovesAChildsRightsEnd) {
  auto before = store().find_contract("P1")->beneficiaries[2];
  ASSERT_EQ(before.id, "P1-Z");
  EXPECT_EQ(before.end_date, d("2028-06-30"));  // 18 on 2028-06-20, end of that month
  RectificationOutcome o = must(rectify(store(), regulation(), "P1-Z", "birth_date", "2010-09-02",
                                        d("2025-05-02"), d("2025-05-02"), std::nullopt),
                                "rectify");
  EXPECT_EQ(o.rights_end, d("2028-09-30"));
  EXPECT_EQ(store().find_contract("P1")->beneficiaries[2].end_date, d("2028-09-30"));
  EXPECT_EQ(store().person_changes("P1")[0].old_value, "2010-06-20");
}

// --- GDPR-03: erasure and retention --------------------------------------------------------------

// GDPR-03: while the prescription runs the erasure is refused, saying until when; the refusal is
// the answer recorded on the request; nothing is anonymised.
TEST_F(PrivacyServiceTest, GDPR_03_ErasureRefusedUntilThePrescriptionEnds) {
  auto in_force = erase_contract(store(), regulation(), "Q1", d("2030-01-01"), std::nullopt);
  EXPECT_EQ(rule_of(in_force), "GDPR-03");
  EXPECT_TRUE(contains(in_force.error().message, "in force"));

  end_p1();
  PrivacyRequest r = open("P1-S", "erasure", "2027-12-01");
  auto early = erase_contract(store(), regulation(), "P1", d("2027-12-31"), r.id);
  ASSERT_EQ(rule_of(early), "GDPR-03");
  EXPECT_TRUE(contains(early.error().message, "ended on 2025-12-31"));
  EXPECT_TRUE(contains(early.error().message, "kept until 2027-12-31"));
  EXPECT_TRUE(contains(early.error().message, "from 2028-01-01"));
  PrivacyRequest answered = *store().find_privacy_request(r.id);
  EXPECT_EQ(answered.status, RequestStatus::kRefused);
  EXPECT_EQ(answered.rule, "GDPR-03");
  EXPECT_TRUE(contains(answered.reason, "kept until 2027-12-31"));
  EXPECT_FALSE(store().find_erasure("P1"));
  EXPECT_EQ(store().find_contract("P1")->beneficiaries[0].last_name, "MARTIN");
  EXPECT_EQ(field_of(erase_contract(store(), regulation(), "NOPE", d("2028-01-01"), std::nullopt)),
            "CONTRACT");
}

// GDPR-03: from the day after the prescription, the contract is anonymised: identity blanked,
// birth dates reduced to their year, the ledger, schedules and claim decisions untouched.
TEST_F(PrivacyServiceTest, GDPR_03_ErasureAnonymisesIdentityAndKeepsTheAccounts) {
  end_p1();
  const auto entries = store().entries("P1");
  const auto balance = store().trial_balance();
  const auto schedules = store().schedules("P1");
  const auto decisions = store().contract_decisions("P1");
  const Contract before = *store().find_contract("P1");
  PrivacyRequest r = open("P1-M", "erasure", "2027-12-20");
  PrivacyRequest other = open("P1-T", "erasure", "2027-12-21");

  ErasureOutcome o =
      must(erase_contract(store(), regulation(), "P1", d("2028-01-01"), r.id), "erase");
  EXPECT_FALSE(o.already);
  EXPECT_EQ(o.ended, d("2025-12-31"));
  EXPECT_EQ(o.kept_until, d("2027-12-31"));
  EXPECT_EQ(o.requests_closed, (std::vector<int64_t>{r.id, other.id}));
  EXPECT_EQ(store().find_privacy_request(r.id)->status, RequestStatus::kDone);
  EXPECT_EQ(store().find_privacy_request(other.id)->status, RequestStatus::kDone);

  Contract c = *store().find_contract("P1");
  EXPECT_EQ(c.iban, "");
  EXPECT_EQ(c.email, "");
  EXPECT_EQ(c.address, "");
  EXPECT_EQ(c.employer, "Commune de Saint-Chamond");
  EXPECT_EQ(c.product, "LABEL2");
  ASSERT_EQ(c.beneficiaries.size(), before.beneficiaries.size());
  for (size_t i = 0; i < c.beneficiaries.size(); ++i) {
    const Beneficiary& b = c.beneficiaries[i];
    EXPECT_EQ(b.id, before.beneficiaries[i].id);
    EXPECT_EQ(b.role, before.beneficiaries[i].role);
    EXPECT_EQ(b.start_date, before.beneficiaries[i].start_date) << b.id;
    EXPECT_EQ(b.end_date, before.beneficiaries[i].end_date) << b.id;  // rights kept
    EXPECT_EQ(b.end_reason, before.beneficiaries[i].end_reason) << b.id;
    EXPECT_EQ(year_of(b.birth_date), year_of(before.beneficiaries[i].birth_date)) << b.id;
    EXPECT_EQ(b.last_name, "") << b.id;
    EXPECT_EQ(b.first_name, "") << b.id;
    EXPECT_EQ(b.nir, "") << b.id;
    EXPECT_EQ(month_of(b.birth_date), 1u) << b.id;
    EXPECT_EQ(day_of(b.birth_date), 1u) << b.id;
  }
  EXPECT_EQ(c.beneficiaries[0].end_date, d("2025-12-31"));
  EXPECT_EQ(c.beneficiaries[0].birth_date, d("1984-01-01"));
  EXPECT_EQ(store().entries("P1"), entries);
  EXPECT_EQ(store().trial_balance(), balance);
  EXPECT_EQ(store().schedules("P1"), schedules);
  ASSERT_EQ(store().contract_decisions("P1").size(), decisions.size());
  for (const ContractChange& ch : store().contract_changes("P1")) {
    if (ch.field == "email") {
      EXPECT_EQ(ch.old_value, "");
      EXPECT_EQ(ch.new_value, "");
    }
    if (ch.field == "status") {
      EXPECT_EQ(ch.new_value, "retired");
    }
  }
  for (const Mandate& m : store().mandates("P1")) {
    EXPECT_EQ(m.iban, "");
    EXPECT_TRUE(m.revoked);
  }
  EXPECT_EQ(store().proofs("P1-T")[0].reference, "");
  EXPECT_EQ(store().find_termination("P1")->event, "");
  EXPECT_EQ(store().find_termination("P1")->rule, "CES-02");
  const std::string doc = store().find_enrolment("P1")->document;
  for (const char* gone : {"MARTIN", "Élodie", kNir, kIban, "elodie.martin", "République",
                           "CS-2024-LYON-7", "CHQ 1234", "1984-05-03"}) {
    EXPECT_FALSE(contains(doc, gone)) << gone;
  }
  EXPECT_TRUE(contains(doc, "1984-01-01"));
  EXPECT_TRUE(contains(doc, "Commune de Saint-Chamond"));
  // The anonymised enrolment file still reads.
  EXPECT_TRUE(enrolment_state(store(), regulation(), "P1").ok());
  EXPECT_EQ(store().find_erasure("P1")->erased, d("2028-01-01"));

  // Again: nothing to do; a later erasure request is answered; nothing left to rectify.
  EXPECT_TRUE(
      must(erase_contract(store(), regulation(), "P1", d("2028-02-01"), std::nullopt), "again")
          .already);
  PrivacyRequest late = open("P1-S", "erasure", "2028-02-01");
  EXPECT_TRUE(
      must(close_privacy_request(store(), late.id, RequestOutcome::kDone, "", "", d("2028-02-02")),
           "close")
          .status == RequestStatus::kDone);
  EXPECT_EQ(field_of(rectify(store(), regulation(), "P1-M", "last_name", "X", d("2028-02-02"),
                             d("2028-02-02"), std::nullopt)),
            "BENEFICIARY");
  // An export still works, and shows nothing that identifies.
  must(export_personal_data(store(), "P1-M", path("after.zip"), d("2028-02-02"), std::nullopt),
       "export after");
  auto files = read_zip(path("after.zip"));
  for (const auto& [name, bytes] : files) {
    for (const char* gone : {"MARTIN", kNir, kIban, "elodie.martin"}) {
      EXPECT_FALSE(contains(bytes, gone)) << name << " " << gone;
    }
  }
}

// GDPR-03: the retention job lists (dry run), then anonymises, every contract past its
// retention and only those; run again it has nothing to do.
TEST_F(PrivacyServiceTest, GDPR_03_RetentionJobAnonymisesEveryContractPastRetention) {
  end_p1();
  // On 2028-01-01: R1 (ended 2024-06-30) and P1 (2025-12-31) are past; R2 (2026-05-31) is kept
  // until 2028-05-31; Q1 is in force.
  RetentionOutcome dry =
      must(run_privacy_retention(store(), regulation(), d("2028-01-01"), true), "dry run");
  ASSERT_EQ(dry.erased.size(), 2u);
  EXPECT_EQ(dry.erased[0].contract_id, "P1");
  EXPECT_EQ(dry.erased[1].contract_id, "R1");
  EXPECT_EQ(dry.erased[1].kept_until, d("2026-06-30"));
  EXPECT_FALSE(store().find_erasure("R1"));
  EXPECT_EQ(store().find_contract("R1")->beneficiaries[0].last_name, "BERNARD");

  RetentionOutcome run =
      must(run_privacy_retention(store(), regulation(), d("2028-01-01"), false, 1), "run");
  EXPECT_EQ(run.erased.size(), 2u);
  EXPECT_TRUE(store().find_erasure("P1"));
  EXPECT_TRUE(store().find_erasure("R1"));
  EXPECT_FALSE(store().find_erasure("R2"));
  EXPECT_EQ(store().find_contract("R1")->beneficiaries[0].last_name, "");
  EXPECT_EQ(store().find_contract("R2")->beneficiaries[0].last_name, "PETIT");
  EXPECT_EQ(store().find_contract("Q1")->email, "jeanne@example.fr");
  EXPECT_TRUE(must(run_privacy_retention(store(), regulation(), d("2028-01-01"), false), "again")
                  .erased.empty());
  auto later = must(run_privacy_retention(store(), regulation(), d("2028-06-01"), true), "later");
  ASSERT_EQ(later.erased.size(), 1u);
  EXPECT_EQ(later.erased[0].contract_id, "R2");
}

// --- GDPR-04: opposition -------------------------------------------------------------------------

// GDPR-04: the member's objections are recorded with their history and honoured by the
// audiences of marketing uses.
TEST_F(PrivacyServiceTest, GDPR_04_OppositionFlagsAreHonouredByMarketingAudiences) {
  const Date today = d("2025-06-01");
  EXPECT_EQ(marketing_contracts(store(), MarketingUse::kSurveys, today),
            (std::vector<std::string>{"P1", "Q1", "R2"}));  // R1 ended in 2024
  PrivacyRequest r = open("P1-M", "opposition", "2025-05-30");
  OppositionOutcome o =
      must(set_opposition(store(), "P1-M", true, std::nullopt, today, r.id), "oppose");
  EXPECT_TRUE(o.changed);
  EXPECT_EQ(o.flags, (OppositionFlags{true, false}));
  ASSERT_TRUE(o.request);
  EXPECT_EQ(o.request->status, RequestStatus::kDone);
  EXPECT_EQ(marketing_contracts(store(), MarketingUse::kSurveys, today),
            (std::vector<std::string>{"Q1", "R2"}));
  EXPECT_EQ(marketing_contracts(store(), MarketingUse::kExtraOffers, today),
            (std::vector<std::string>{"P1", "Q1", "R2"}));

  must(set_opposition(store(), "Q1-M", std::nullopt, true, today, std::nullopt), "q1");
  EXPECT_EQ(marketing_contracts(store(), MarketingUse::kExtraOffers, today),
            (std::vector<std::string>{"P1", "R2"}));
  // The same flags again: nothing written; a change of mind: a second record.
  EXPECT_FALSE(
      must(set_opposition(store(), "P1-M", true, std::nullopt, today, std::nullopt), "same")
          .changed);
  OppositionOutcome back =
      must(set_opposition(store(), "P1-M", false, false, d("2025-07-01"), std::nullopt), "back");
  EXPECT_TRUE(back.changed);
  ASSERT_EQ(back.history.size(), 2u);
  EXPECT_EQ(back.history[0].flags, (OppositionFlags{true, false}));
  EXPECT_EQ(back.history[1].effective, d("2025-07-01"));
  EXPECT_EQ(marketing_contracts(store(), MarketingUse::kSurveys, d("2025-07-01")),
            (std::vector<std::string>{"P1", "Q1", "R2"}));
  EXPECT_EQ(field_of(set_opposition(store(), "NOBODY", true, std::nullopt, today, std::nullopt)),
            "BENEFICIARY");
  // The export shows the choice and its history.
  must(export_personal_data(store(), "P1-M", path("o.zip"), d("2025-07-02"), std::nullopt),
       "export");
  json p = json::parse(read_zip(path("o.zip"))["personne.json"]);
  EXPECT_EQ(p["marketing_opposition"]["surveys"], false);
  EXPECT_EQ(p["marketing_opposition"]["history"].size(), 2u);
}

}  // namespace
}  // namespace mutua

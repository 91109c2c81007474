// The unit of work of the write use cases (issue 16): each opens its transaction before the first
// read its decision rests on, so the same use case run at once on the same object by two
// connections (two threads, each with its own Store on one SQLite file: two `mutua` processes, or
// two nodes) decides once. The second waits for the first's write lock (BEGIN IMMEDIATE,
// busy_timeout) and then reads what the first wrote: it gets the rule's refusal, never a double
// write. Rules: GDPR-01 (a request is closed once), ELIG-02 (one partner at a time), ADH-01 (an
// enrolment file is stored once, under an id of its own), CES-02 (one termination per contract).
//
// Each race is run over several rounds, every round on a fresh object; both threads start at one
// barrier, so both read before either writes whenever the transaction opens too late.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <barrier>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "app/app_test_support.hpp"
#include "app/catalogue_service.hpp"
#include "app/lifecycle.hpp"
#include "app/members_import.hpp"
#include "app/privacy_service.hpp"

namespace mutua {
namespace {

namespace fs = std::filesystem;
using app_testing::d;
using app_testing::field_of;
using app_testing::must;
using app_testing::regulation;
using app_testing::rule_of;

constexpr int kRounds = 8;

class UnitOfWorkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = app_testing::fresh_dir("uow");
    db_ = (dir_ / "t.db").string();
    app_testing::create_with_catalogue(db_);
    auto store = Store::open(db_);
    // Q0..Q{kRounds-1}: one member each, in force from 2025-01-01.
    std::string csv =
        "contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,"
        "end_date,payment_frequency,status,civil_service_entry,prior_coefficient,"
        "last_coverage_end,nir,iban,email,commune,link,express_start\n";
    for (int i = 0; i < kRounds; ++i) {
      const std::string id = "Q" + std::to_string(i);
      csv += id + "," + id + "-M,member,DUPONT,Jeanne,1970-02-02,LABEL2,2025-01-01,,monthly,"
             "active,2000-01-01,,2024-12-31,,,jeanne@example.fr,,,\n";
    }
    std::ofstream((dir_ / "members.csv").string()) << csv;
    auto imported = import_members(*store, (dir_ / "members.csv").string());
    ASSERT_TRUE(imported.ok()) << imported.errors.front().to_string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `work` on two threads at once, each on its own connection to the database, and returns
  // what each got.
  template <typename T>
  std::pair<Result<T>, Result<T>> race(const std::function<Result<T>(Store&, int)>& work) {
    std::barrier start(2);
    std::optional<Result<T>> out[2];
    auto run = [&](int who) {
      auto store = Store::open(db_);
      start.arrive_and_wait();
      out[who].emplace(work(*store, who));
    };
    std::thread a(run, 0), b(run, 1);
    a.join();
    b.join();
    return {std::move(*out[0]), std::move(*out[1])};
  }

  fs::path dir_;
  std::string db_;
};

// One of the pair succeeded and the other was refused; returns the refused one.
template <typename T>
const Result<T>& one_refused(const std::pair<Result<T>, Result<T>>& got) {
  EXPECT_NE(got.first.ok(), got.second.ok()) << "exactly one of the two must succeed";
  return got.first.ok() ? got.second : got.first;
}

// GDPR-01: a request closed twice at once (two staff, or a retried command) is closed once; the
// other is told it is already closed.
TEST_F(UnitOfWorkTest, GDPR_01_OneRequestClosedTwiceAtOnceIsClosedOnce) {
  for (int i = 0; i < kRounds; ++i) {
    int64_t id = 0;
    {
      auto store = Store::open(db_);
      id = must(open_privacy_request(*store, "Q" + std::to_string(i) + "-M", "access",
                                     d("2025-03-01"), d("2025-03-01"), ""),
                "open")
               .id;
    }
    auto got = race<PrivacyRequest>([&](Store& store, int who) {
      return close_privacy_request(store, id, RequestOutcome::kDone,
                                   "answered by " + std::to_string(who), "", d("2025-03-02"));
    });
    const auto& refused = one_refused(got);
    if (refused.ok()) continue;  // both closed it: reported by one_refused
    EXPECT_EQ(field_of(refused), "ID");
    EXPECT_TRUE(app_testing::contains(refused.error().message, "already done"))
        << refused.error().message;
    auto store = Store::open(db_);
    const PrivacyRequest stored = *store->find_privacy_request(id);
    const PrivacyRequest& winner = got.first.ok() ? *got.first : *got.second;
    EXPECT_EQ(stored.reason, winner.reason);  // the answer kept is the one acknowledged
  }
}

// ELIG-02: two partners added to one contract at once: one is covered, the other refused.
TEST_F(UnitOfWorkTest, ELIG_02_TwoPartnersAddedAtOnceOneIsRefused) {
  for (int i = 0; i < kRounds; ++i) {
    const std::string contract = "Q" + std::to_string(i);
    auto got = race<DependantOutcome>([&](Store& store, int who) {
      DependantRequest r;
      r.contract_id = contract;
      r.person.id = contract + "-S" + std::to_string(who);
      r.person.role = Role::kSpouse;
      r.person.last_name = "DUPONT";
      r.person.first_name = who == 0 ? "Alex" : "Sam";
      r.person.birth_date = d("1972-06-01");
      r.person.relation = Relation::kPacs;
      r.received = d("2025-03-01");
      return add_dependant(store, regulation(), r);
    });
    EXPECT_EQ(rule_of(one_refused(got)), "ELIG-02");
    auto store = Store::open(db_);
    int spouses = 0;
    for (const Beneficiary& b : store->find_contract(contract)->beneficiaries) {
      spouses += b.role == Role::kSpouse ? 1 : 0;
    }
    EXPECT_EQ(spouses, 1) << contract;
  }
}

// ELIG-02 (the same person): one dependant added twice at once is stored once.
TEST_F(UnitOfWorkTest, ELIG_02_OneDependantAddedTwiceAtOnceIsStoredOnce) {
  for (int i = 0; i < kRounds; ++i) {
    const std::string contract = "Q" + std::to_string(i);
    auto got = race<DependantOutcome>([&](Store& store, int) {
      DependantRequest r;
      r.contract_id = contract;
      r.person.id = contract + "-C";
      r.person.role = Role::kChild;
      r.person.last_name = "DUPONT";
      r.person.first_name = "Zoé";
      r.person.birth_date = d("2015-06-01");
      r.person.condition = ChildCondition::kMinor;
      r.received = d("2025-03-01");
      return add_dependant(store, regulation(), r);
    });
    EXPECT_EQ(field_of(one_refused(got)), "BENEFICIARY");
    auto store = Store::open(db_);
    EXPECT_EQ(store->find_contract(contract)->beneficiaries.size(), 2u) << contract;
  }
}

nlohmann::json enrolment(const std::string& contract_id) {
  nlohmann::json j{
      {"product", "LABEL2"},
      {"signed", "2025-01-10"},
      {"covered_last_year", false},
      {"member",
       {{"last_name", "MARTIN"},
        {"first_name", "Élodie"},
        {"birth_date", "1984-05-03"},
        {"employer", "Commune de Saint-Chamond"},
        {"civil_service_entry", "2015-09-01"}}}};
  if (!contract_id.empty()) j["contract_id"] = contract_id;
  return j;
}

// ADH-01: two enrolments without a contract id at once get two ids (next_contract_id is read in
// the transaction that stores the file), and both files are stored whole.
TEST_F(UnitOfWorkTest, ADH_01_TwoEnrolmentsAtOnceGetTwoContractIds) {
  std::set<std::string> ids;
  for (int i = 0; i < kRounds; ++i) {
    auto got = race<EnrolmentOutcome>([&](Store& store, int) {
      return enrol(store, regulation(), enrolment("").dump(), "enrolment.json");
    });
    ASSERT_TRUE(got.first.ok()) << got.first.error().to_string();
    ASSERT_TRUE(got.second.ok()) << got.second.error().to_string();
    EXPECT_NE(got.first->contract_id, got.second->contract_id);
    ids.insert(got.first->contract_id);
    ids.insert(got.second->contract_id);
  }
  EXPECT_EQ(ids.size(), 2u * kRounds);
  auto store = Store::open(db_);
  for (const std::string& id : ids) EXPECT_TRUE(store->find_enrolment(id).has_value()) << id;
}

// ADH-01: one file (same contract id) sent twice at once is stored once; the other is refused.
TEST_F(UnitOfWorkTest, ADH_01_OneEnrolmentSentTwiceAtOnceIsStoredOnce) {
  for (int i = 0; i < kRounds; ++i) {
    const std::string id = "E" + std::to_string(i);
    auto got = race<EnrolmentOutcome>([&](Store& store, int) {
      return enrol(store, regulation(), enrolment(id).dump(), "enrolment.json");
    });
    const auto& refused = one_refused(got);
    if (refused.ok()) continue;  // both stored it: reported by one_refused
    EXPECT_EQ(field_of(refused), "contract_id");
    EXPECT_TRUE(app_testing::contains(refused.error().message, "already stored"));
  }
}

// CES-02: one termination per contract: a radiation recorded twice at once is recorded once; the
// other is told the contract already ends (under the rule of the one stored).
TEST_F(UnitOfWorkTest, CES_02_OneContractRadiatedTwiceAtOnceEndsOnce) {
  for (int i = 0; i < kRounds; ++i) {
    const std::string contract = "Q" + std::to_string(i);
    auto got = race<TerminationOutcome>([&](Store& store, int) {
      return radiate(store, regulation(), contract, d("2025-06-30"), "left the commune",
                     d("2025-06-01"));
    });
    EXPECT_EQ(rule_of(one_refused(got)), "CES-02");
  }
}

}  // namespace
}  // namespace mutua

// The release of held claims (BEN-09, DUN-04) against a real SQLite file, on the sample catalogue
// (LABEL2) and the real regulation: lines held PENDING while a contract is in arrears are paid on
// regularisation exactly as if the contract had never been in arrears, caps and budgets consumed
// in the order the lines were first decided (BEN-08), payments recorded per payee (BEN-13).
#include "app/claims_release.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/catalogue_service.hpp"
#include "app/claims_context.hpp"
#include "app/claims_explain.hpp"
#include "app/claims_run.hpp"
#include "app/members_import.hpp"

namespace mutua {
namespace {

namespace fs = std::filesystem;

const Regulation& regulation() {
  static const Regulation r =
      *Regulation::load_file(std::string(MUTUA_SOURCE_DIR) + "/config/regulation.yaml");
  return r;
}

Money m(const char* text) { return *Money::parse(text); }

const Date kBusinessDate = make_date(2026, 6, 30);

// Two contracts on LABEL2: A (whose arrears the tests vary) and B (always up to date).
constexpr const char* kMembers =
    "contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,end_date,"
    "payment_frequency,status,civil_service_entry,prior_coefficient,last_coverage_end,"
    "express_start\n"
    "A,A-1,member,MARTIN,Camille,1975-04-02,LABEL2,2020-01-01,,monthly,active,2000-01-01,,,\n"
    "B,B-1,member,DURAND,Ines,1980-05-12,LABEL2,2020-01-01,,monthly,active,2000-01-01,,,\n";

constexpr const char* kHeader =
    "claim_id,line,contract_id,beneficiary_id,care_date,received_date,category,quantity,charged,"
    "base,ro_rate,ro_paid,flat_fee,optam,payee,provider,third_party\n";

// Run 1. ALT_MEDICINE pays 30.00 an act, 4 acts a year (BEN-08 count): K01 takes 3, K02/1 the
// last one (CAP_COUNT). PHARMA_NR is a 50.00 yearly budget: K02/2 takes 35.00. K03 are GP visits
// (OPTAM 150%: 9.00 each), one paid to the doctor (tiers payant), one caused by a third party.
constexpr const char* kFirstLines =
    "K01,1,A,A-1,2026-03-02,2026-03-05,ALT_MEDICINE,3,150.00,0,,0,,,member,,\n"
    "K02,1,A,A-1,2026-03-10,2026-03-12,ALT_MEDICINE,2,100.00,0,,0,,,member,,\n"
    "K02,2,A,A-1,2026-03-10,2026-03-12,PHARMA_NR,1,35.00,0,,0,,,member,,\n"
    "K03,1,A,A-1,2026-03-20,2026-03-22,CONSULT_GP,1,30.00,30.00,70,19.00,2.00,1,provider,DR-X,\n"
    "K03,2,A,A-1,2026-03-21,2026-03-22,CONSULT_GP,1,30.00,30.00,70,19.00,2.00,1,member,,"
    "ASSUR-T\n"
    "K04,1,B,B-1,2026-03-05,2026-03-06,PHARMA_NR,1,20.00,0,,0,,,member,,\n";

// Run 2. K00 sorts before every claim of run 1 but was decided after them: it meets what is
// left of the budget (15.00), and K06 finds no act left (PAID 0.00, CAP_COUNT).
constexpr const char* kSecondLines =
    "K00,1,A,A-1,2026-05-01,2026-05-03,PHARMA_NR,1,30.00,0,,0,,,member,,\n"
    "K06,1,A,A-1,2026-05-02,2026-05-03,ALT_MEDICINE,1,50.00,0,,0,,,member,,\n";

struct Key {
  std::string claim;
  int line;
};
const std::vector<Key> kHeldKeys = {{"K01", 1}, {"K02", 1}, {"K02", 2}, {"K03", 1},
                                    {"K03", 2}, {"K00", 1}, {"K06", 1}};

// A database with the catalogue and contracts A and B, and files beside it.
class World {
 public:
  explicit World(const std::string& tag) {
    dir_ = fs::temp_directory_path() / ("mutua_release_" + std::to_string(::getpid()) + "_" + tag);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = Store::open((dir_ / "t.db").string());
    store_->migrate();
    auto loaded = load_catalogue_into(
        *store_, std::string(MUTUA_SOURCE_DIR) + "/config/catalogue.yaml", regulation());
    EXPECT_TRUE(loaded.errors.empty()) << loaded.errors.front().to_string();
    write("members.csv", kMembers);
    auto imported = import_members(*store_, path("members.csv"));
    EXPECT_TRUE(imported.errors.empty()) << imported.errors.front().to_string();
  }
  ~World() { fs::remove_all(dir_); }

  Store& store() { return *store_; }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(path(name)) << text;
  }

  void set_collection(CollectionStatus status, Date since) {
    Transaction tx(*store_);
    store_->set_collection_status("A", status, since);
    tx.commit();
  }

  // A claims run of `lines`; returns its run id.
  int64_t run(const std::string& name, const std::string& lines) {
    write(name, std::string(kHeader) + lines);
    ClaimsRunOptions o;
    o.input = path(name);
    o.output = path(name + ".out");
    o.business_date = kBusinessDate;
    ClaimsRunOutcome out = run_claims(*store_, regulation(), o);
    EXPECT_TRUE(out.errors.empty()) << out.errors.front().to_string();
    return out.summary.run_id;
  }

  void run_both() {
    run("first.csv", kFirstLines);
    run("second.csv", kSecondLines);
  }

  ReleaseOutcome release(const std::vector<std::string>& contracts = {"A"}) {
    Transaction tx(*store_);
    ReleaseOutcome out = release_pending(*store_, regulation(), contracts, kBusinessDate);
    tx.commit();
    return out;
  }

  StoredDecision decision(const Key& k) { return *store_->find_decision(k.claim, k.line); }

  // Every payment of every run, per payee (BEN-13).
  std::map<std::string, Money> payments() {
    std::map<std::string, Money> out;
    for (int64_t run = 1; run <= 5; ++run) {
      for (const PayeeTotal& p : store_->claim_payments(run)) {
        out[std::string(to_string(p.payee)) + ":" + p.ref] += p.amount;
      }
    }
    return out;
  }

 private:
  fs::path dir_;
  std::unique_ptr<Store> store_;
};

// BEN-09: under formal notice, every line of the contract is held PENDING (ARREARS), nothing is
// paid for it and no cap is consumed; the other contract is paid as usual.
TEST(ClaimsRelease, BEN_09_LinesOfAContractInArrearsAreHeld) {
  World w("held");
  w.set_collection(CollectionStatus::kNotice, make_date(2026, 2, 15));
  w.run_both();
  for (const Key& k : kHeldKeys) {
    StoredDecision d = w.decision(k);
    EXPECT_EQ(d.status, ClaimStatus::kPending) << k.claim;
    EXPECT_EQ(d.reasons, "ARREARS");
    EXPECT_TRUE(d.rc.is_zero());
  }
  EXPECT_EQ(w.decision({"K04", 1}).status, ClaimStatus::kPaid);
  EXPECT_EQ(w.payments(), (std::map<std::string, Money>{{"member:B", m("20.00")}}));
}

// BEN-09 DUN-04 BEN-08 BEN-13 BEN-14: once the account is regularised, the release pays the held
// lines exactly as a store where the contract was never in arrears: same decisions line by line,
// caps and budgets consumed in the order the lines were first decided (run 1, then run 2),
// the same accumulators and the same payments per payee; a second release does nothing.
TEST(ClaimsRelease, DUN_04_ReleasePaysAsIfNeverInArrears) {
  World held("released"), clean("clean");
  held.set_collection(CollectionStatus::kNotice, make_date(2026, 2, 15));
  held.run_both();
  clean.run_both();
  held.set_collection(CollectionStatus::kUpToDate, make_date(2026, 6, 1));

  ReleaseOutcome out = held.release();
  EXPECT_EQ(out.run_id, 3);
  EXPECT_EQ(out.lines, 7);
  EXPECT_EQ(out.by_status, (std::map<std::string, int64_t>{{"PAID", 7}}));
  EXPECT_TRUE(out.warnings.empty());
  // 90 + 30 + 35 + 9 + 9 (run 1), 15 + 0 (run 2).
  EXPECT_EQ(out.paid, m("188.00"));
  EXPECT_EQ(out.payments, held.store().claim_payments(out.run_id));
  ASSERT_EQ(out.payments.size(), 2u);
  EXPECT_EQ(out.payments[0], (PayeeTotal{Payee::kMember, "A", m("179.00"), 5}));
  EXPECT_EQ(out.payments[1], (PayeeTotal{Payee::kProvider, "DR-X", m("9.00"), 1}));
  EXPECT_EQ(held.store().claim_recoveries(out.run_id),
            (std::vector<RecoveryTotal>{{"ASSUR-T", m("9.00"), 1}}));

  for (const Key& k : kHeldKeys) {
    StoredDecision a = held.decision(k), b = clean.decision(k);
    EXPECT_EQ(a.status, b.status) << k.claim << "/" << k.line;
    EXPECT_EQ(a.rc, b.rc) << k.claim << "/" << k.line;
    EXPECT_EQ(a.remaining, b.remaining) << k.claim << "/" << k.line;
    EXPECT_EQ(a.reasons, b.reasons) << k.claim << "/" << k.line;
    EXPECT_EQ(a.detail, b.detail) << k.claim << "/" << k.line;  // same line, same state met
    EXPECT_EQ(a.run_id, out.run_id);
  }
  EXPECT_EQ(held.decision({"K02", 1}).rc, m("30.00"));  // the 4th act: one of two paid
  EXPECT_EQ(held.decision({"K00", 1}).rc, m("15.00"));  // what run 1 left of the budget
  AccumulatorState a, b;
  held.store().load_accumulators(a);
  clean.store().load_accumulators(b);
  EXPECT_EQ(a, b);
  EXPECT_EQ(held.payments(), clean.payments());
  EXPECT_EQ(held.store().count_decisions(), clean.store().count_decisions());

  // The released line explains itself from its new detail, in the release run.
  auto x = explain_claim(held.store(), regulation(), "K02", 1);
  ASSERT_TRUE(x.ok());
  EXPECT_TRUE(x->matches);
  EXPECT_NE(x->text.find("Decided in run 3"), std::string::npos);

  ReleaseOutcome again = held.release();
  EXPECT_EQ(again.run_id, 0);
  EXPECT_EQ(again.lines, 0);
  EXPECT_TRUE(again.paid.is_zero());
  EXPECT_TRUE(again.payments.empty());
  EXPECT_EQ(held.payments(), clean.payments());
  EXPECT_FALSE(held.store().find_claim_run(4).has_value());
}

// BEN-09: a contract still in arrears keeps its lines PENDING, row for row, and nothing is
// recorded or paid, however often the release is asked for.
TEST(ClaimsRelease, BEN_09_StillInArrearsStaysPending) {
  World w("still");
  w.set_collection(CollectionStatus::kNotice, make_date(2026, 2, 15));
  w.run_both();
  std::vector<StoredDecision> before;
  for (const Key& k : kHeldKeys) before.push_back(w.decision(k));
  for (int i = 0; i < 2; ++i) {
    ReleaseOutcome out = w.release({"A", "B", "A"});
    EXPECT_EQ(out.run_id, 0);
    EXPECT_EQ(out.lines, 7);
    EXPECT_EQ(out.by_status, (std::map<std::string, int64_t>{{"PENDING", 7}}));
    EXPECT_TRUE(out.paid.is_zero());
    EXPECT_TRUE(out.payments.empty());
  }
  for (size_t i = 0; i < kHeldKeys.size(); ++i) {
    StoredDecision d = w.decision(kHeldKeys[i]);
    EXPECT_EQ(d.status, before[i].status);
    EXPECT_EQ(d.run_id, before[i].run_id);
    EXPECT_EQ(d.reasons, before[i].reasons);
    EXPECT_EQ(d.detail, before[i].detail);
  }
  EXPECT_FALSE(w.store().find_claim_run(3).has_value());
}

// DUN-04: care given while the guarantee was suspended for non-payment is covered once the
// arrears are paid (held PENDING meanwhile, BEN-09).
TEST(ClaimsRelease, DUN_04_CareDuringTheSuspensionIsPaidAfterRegularisation) {
  World w("suspended");
  w.set_collection(CollectionStatus::kSuspended, make_date(2026, 3, 1));
  w.run("first.csv", kFirstLines);
  EXPECT_EQ(w.decision({"K03", 1}).status, ClaimStatus::kPending);
  w.set_collection(CollectionStatus::kUpToDate, make_date(2026, 4, 10));
  ReleaseOutcome out = w.release();
  EXPECT_EQ(out.by_status, (std::map<std::string, int64_t>{{"PAID", 5}}));
  StoredDecision d = w.decision({"K03", 1});
  EXPECT_EQ(d.status, ClaimStatus::kPaid);
  EXPECT_EQ(d.rc, m("9.00"));
  EXPECT_EQ(d.reasons, "");
  EXPECT_EQ(out.paid, m("173.00"));
}

// BEN-09 DUN-03: a contract terminated for non-payment is decided as the world now says: care
// after the termination date has no rights (REJECTED NO_RIGHTS); nothing stays held.
TEST(ClaimsRelease, BEN_09_TerminatedContractCareAfterTheEndIsRejected) {
  World w("terminated");
  w.set_collection(CollectionStatus::kNotice, make_date(2026, 2, 15));
  w.run_both();
  w.set_collection(CollectionStatus::kTerminated, make_date(2026, 4, 1));
  ReleaseOutcome out = w.release();
  EXPECT_EQ(out.lines, 7);
  EXPECT_EQ(out.by_status.count("PENDING"), 0u);
  for (const Key& k : {Key{"K00", 1}, Key{"K06", 1}}) {  // care in May
    StoredDecision d = w.decision(k);
    EXPECT_EQ(d.status, ClaimStatus::kRejected) << k.claim;
    EXPECT_EQ(d.reasons, "NO_RIGHTS");
    EXPECT_TRUE(d.rc.is_zero());
    EXPECT_EQ(d.run_id, out.run_id);
  }
  EXPECT_EQ(out.by_status["REJECTED"], 2);
  EXPECT_EQ(w.release().lines, 0);
}

// DUN-02 (not SUS-01): contract A suspended for non-payment on 2026-03-01, then terminated on
// 2026-04-01 (DUN-03). Its March care (K01, 2026-03-02) was given during the suspension: REJECTED
// SUSPENDED, rc 0 (the member keeps 150.00 − 0 = 150.00), under rule DUN-02 as `member rights`
// says, in the decision and in `claims explain`, which replays it; B (up to date) is paid 20.00.
TEST(ClaimsRelease, DUN_02_CareDuringASuspensionThatEndedInTermination) {
  World w("dun02");
  {
    Transaction tx(w.store());
    w.store().set_collection("A", CollectionStatus::kTerminated, make_date(2026, 4, 1),
                             make_date(2026, 3, 1));
    tx.commit();
  }
  w.run("first.csv", kFirstLines);
  StoredDecision d = w.decision({"K01", 1});
  EXPECT_EQ(d.status, ClaimStatus::kRejected);
  EXPECT_EQ(d.reasons, "SUSPENDED");
  EXPECT_TRUE(d.rc.is_zero());
  EXPECT_EQ(d.remaining, m("150.00"));
  EXPECT_EQ(w.decision({"K04", 1}).rc, m("20.00"));
  auto x = explain_claim(w.store(), regulation(), "K01", 1);
  ASSERT_TRUE(x.ok()) << x.error().to_string();
  EXPECT_TRUE(x->matches);
  EXPECT_NE(x->text.find("suspension of guarantees for non-payment that ended in a termination"),
            std::string::npos)
      << x->text;
  EXPECT_NE(x->text.find("DUN-02"), std::string::npos) << x->text;
  EXPECT_EQ(x->text.find("SUS-01"), std::string::npos) << x->text;
}

// BEN-09: the release's world holds the given contracts only: a line of another contract has no
// context there.
TEST(ClaimsRelease, BEN_09_WorldOfGivenContractsOnly) {
  World w("world");
  auto world = ClaimsWorld::load_contracts(w.store(), regulation(), {"A", "missing"});
  CareLine line;
  line.claim_id = "K";
  line.line = 1;
  line.contract_id = "A";
  line.beneficiary_id = "A-1";
  line.category = "CONSULT_GP";
  line.care_date = make_date(2026, 3, 2);
  line.received_date = make_date(2026, 3, 3);
  LineContext context;
  uint32_t contract = 0;
  EXPECT_TRUE(world->context_for(line, "t", context, contract).ok());
  EXPECT_NE(context.benefit, nullptr);
  line.contract_id = "B";
  line.beneficiary_id = "B-1";
  EXPECT_FALSE(world->context_for(line, "t", context, contract).ok());
}

}  // namespace
}  // namespace mutua

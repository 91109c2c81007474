// Batches split across processes (issue 16, item 6; app/batch_queue.hpp): a billing run or a
// dunning run shared by two processes (here two threads, each with its own connection to one
// SQLite file) ends in the state of one run alone, key by key in the ledger; a chunk that failed
// is done again by the next run; a process joining after the end does nothing; one joining with
// another business date is refused. Rules: BIL-01 (annual calls), BIL-02 (instalments posted),
// BIL-04 (schedules), DUN-01 (dunning notices).
// The same on PostgreSQL and with real processes and kills: tests/scenarios/batch_split.sh.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "app/app_test_support.hpp"
#include "app/batch_queue.hpp"
#include "app/billing.hpp"
#include "app/members_import.hpp"

namespace mutua {
namespace {

namespace fs = std::filesystem;
using app_testing::d;
using app_testing::regulation;

constexpr int kContracts = 57;  // not a multiple of the chunk size: the last chunk is partial
constexpr int64_t kChunk = 5;

TEST(BatchQueue, PlanRangesCutsEveryNKeysAndLeavesTheLastRangeOpen) {
  std::vector<std::string> keys;
  for (int i = 10; i < 20; ++i) keys.push_back("k" + std::to_string(i));
  auto pager = [&](const std::string& after, int64_t n) {
    std::vector<std::string> out;
    for (const std::string& k : keys) {
      if (k > after && static_cast<int64_t>(out.size()) < n) out.push_back(k);
    }
    return out;
  };
  const std::vector<KeyRange> ranges = plan_ranges(pager, 3);
  const std::vector<KeyRange> expected{
      {"", "k12"}, {"k12", "k15"}, {"k15", "k18"}, {"k18", ""}};
  EXPECT_EQ(ranges, expected);
  EXPECT_TRUE(in_range(ranges[0], "k10"));
  EXPECT_FALSE(in_range(ranges[1], "k12"));
  EXPECT_TRUE(in_range(ranges[1], "k15"));
  EXPECT_TRUE(in_range(ranges[3], "k99"));  // added after the plan: in the last range
  keys.clear();
  EXPECT_EQ(plan_ranges(pager, 3), (std::vector<KeyRange>{{"", ""}}));
}

class BatchSplitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = app_testing::fresh_dir("split");
    base_ = (dir_ / "base.db").string();
    app_testing::create_with_catalogue(base_);
    auto store = Store::open(base_);
    // Members of various starts and frequencies; every third pays by direct debit.
    std::string csv =
        "contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,"
        "end_date,payment_frequency,status,civil_service_entry,prior_coefficient,"
        "last_coverage_end,nir,iban,email,commune,link,express_start,address\n";
    const char* frequencies[] = {"monthly", "quarterly", "yearly"};
    for (int i = 0; i < kContracts; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "S%03d", i);
      csv += std::string(id) + "," + id + "-M,member,DUPONT,Jeanne," +
             std::to_string(1950 + i % 40) + "-02-02," + (i % 2 ? "LABEL2" : "LABEL1") + "," +
             "2025-" + (i % 12 < 9 ? "0" : "") + std::to_string(i % 12 + 1) + "-01,," +
             frequencies[i % 3] + ",active,2000-01-01,,2024-12-31,," +
             (i % 3 == 0 ? "FR7630006000011234567890189" : "") +
             ",jeanne@example.fr,,,,1 rue de la Paix 75002 Paris\n";
    }
    std::ofstream((dir_ / "members.csv").string()) << csv;
    auto imported = import_members(*store, (dir_ / "members.csv").string());
    ASSERT_TRUE(imported.ok()) << imported.errors.front().to_string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string copy_of_base(const std::string& name) {
    const std::string path = (dir_ / (name + ".db")).string();
    fs::copy_file(base_, path);
    return path;
  }

  // Everything a billing run writes, by key (row ids aside), and the last run's date.
  static std::string state(const std::string& db) {
    auto store = Store::open(db);
    std::ostringstream out;
    std::vector<std::string> ids = store->contract_ids_after("", 1000000);
    for (const std::string& id : ids) {
      std::vector<Entry> entries = store->entries(id);
      std::sort(entries.begin(), entries.end(),
                [](const Entry& a, const Entry& b) { return a.key < b.key; });
      for (const Entry& e : entries) {
        out << e.key << '|' << format_date(e.date) << '|' << to_string(e.kind) << '|'
            << e.debit << '|' << e.credit << '|' << e.amount.cents() << '|' << e.rule << '|'
            << e.reference << '\n';
      }
    }
    for (int year : {2025, 2026, 2027}) {
      for (const BillingSchedule& s : store->schedules_between(year, ids.front(), ids.back())) {
        out << s.contract_id << '|' << s.year << '|' << s.inputs << '|'
            << encode_instalments(s.instalments) << '\n';
      }
    }
    out << store->billing_setting("last_billing_run").value_or("never") << '\n';
    return out.str();
  }

  // A billing batch of `today` planned in its own unit of work, as a run killed right after its
  // plan leaves it (open, no chunk done).
  static BatchRun plan_billing(Store& store, Date today) {
    Transaction tx(store);
    std::optional<BatchRun> run = open_or_join(store, "billing run", today, BatchRole{}, [&] {
      return plan_ranges(
          [&](const std::string& a, int64_t n) { return store.contract_ids_after(a, n); },
          kChunk);
    });
    tx.commit();
    if (!run) throw std::runtime_error("no batch planned");
    return *run;
  }

  // Runs billing on `db` by two "processes" at once: the first alone (it plans), the second
  // joining once the first has planned, as the command lock makes them.
  static std::pair<BillingRunSummary, BillingRunSummary> split_billing(const std::string& db,
                                                                       Date today) {
    std::promise<void> planned;
    std::optional<BillingRunSummary> first, second;
    std::thread joiner([&] {
      auto store = Store::open(db);
      planned.get_future().wait();
      BatchRole role;
      role.alone = false;
      role.worker = "second";
      auto r = run_billing(*store, regulation(), today, kChunk, role);
      ASSERT_TRUE(r.ok()) << r.error().message;
      second = *r;
    });
    {
      auto store = Store::open(db);
      BatchRole role;
      role.planned = [&] { planned.set_value(); };
      role.worker = "first";
      auto r = run_billing(*store, regulation(), today, kChunk, role);
      EXPECT_TRUE(r.ok()) << r.error().message;
      if (r) first = *r;
    }
    joiner.join();
    return {first.value_or(BillingRunSummary{}), second.value_or(BillingRunSummary{})};
  }

  fs::path dir_;
  std::string base_;
};

TEST_F(BatchSplitTest, BIL_01_BIL_02_BillingSplitOverTwoProcessesEqualsOneRun) {
  const std::string alone = copy_of_base("alone");
  const std::string split = copy_of_base("split");
  for (Date today : {d("2025-12-01"), d("2026-01-15"), d("2026-04-01")}) {
    BillingRunSummary one;
    {
      auto store = Store::open(alone);
      auto r = run_billing(*store, regulation(), today, kChunk);
      ASSERT_TRUE(r.ok()) << r.error().message;
      EXPECT_TRUE(r->batch_ended);
      EXPECT_EQ(r->chunks, (kContracts + kChunk - 1) / kChunk);  // 11 of 5 and the open last
      one = *r;
    }
    auto [first, second] = split_billing(split, today);
    // Every chunk done once, by one or the other; the batch ended by one of them; the parts
    // add up to the run alone. (On SQLite the first may take every chunk before the second gets
    // the write lock: the second then comes after the end and does nothing.)
    EXPECT_EQ(first.chunks + second.chunks, (kContracts + kChunk - 1) / kChunk);
    if (second.batch_id != 0) EXPECT_EQ(first.batch_id, second.batch_id);
    EXPECT_NE(first.batch_ended, second.batch_ended);
    EXPECT_EQ(first.billed + second.billed, one.billed);
    EXPECT_EQ(first.calls_issued + second.calls_issued, one.calls_issued);
    EXPECT_EQ(first.entries_posted + second.entries_posted, one.entries_posted);
    EXPECT_EQ(state(split), state(alone)) << "on " << format_date(today);
  }
}

TEST_F(BatchSplitTest, BIL_02_AChunkThatFailsRollsBackAndIsDoneOnceByTheNextProcess) {
  const std::string db = copy_of_base("db");
  const Date today = d("2026-01-15");
  auto store = Store::open(db);
  const std::optional<BatchRun> run = plan_billing(*store, today);
  ASSERT_EQ(run->chunks, (kContracts + kChunk - 1) / kChunk);
  // Each chunk's work writes a mark of its own; the fourth "dies" after writing its mark.
  auto mark = [&](const KeyRange& range) {
    const std::string key = "probe:" + range.after;
    EXPECT_EQ(store->billing_setting(key), std::nullopt) << "chunk done twice: " << key;
    store->set_billing_setting(key, "done");
  };
  int taken = 0;
  EXPECT_THROW(run_chunks(*store, *run, "killed",
                          [&](const KeyRange& range) {
                            mark(range);
                            if (++taken == 4) throw StoreError("killed");
                          }),
               StoreError);
  EXPECT_EQ(store->chunks_left(run->id), run->chunks - 3);
  EXPECT_EQ(store->billing_setting("probe:S014"), std::nullopt);  // the fourth rolled back
  EXPECT_EQ(store->billing_setting("probe:S009"), "done");
  EXPECT_EQ(end_if_done(*store, *run, [] {}), BatchEnd::kChunksLeft);  // the batch stays open
  // The next process does the other chunks, the fourth among them, each once.
  EXPECT_EQ(run_chunks(*store, *run, "next", mark), run->chunks - 3);
  EXPECT_EQ(store->chunks_left(run->id), 0);
  EXPECT_EQ(store->billing_setting("probe:S014"), "done");
  bool finished = false;
  EXPECT_EQ(end_if_done(*store, *run, [&] { finished = true; }), BatchEnd::kEnded);
  EXPECT_TRUE(finished);
  EXPECT_EQ(store->open_batch("billing run"), std::nullopt);
}

TEST_F(BatchSplitTest, BIL_02_ABatchLeftOpenIsResumedByTheNextRunOfTheSameDateAndEqualsOneRun) {
  const std::string alone = copy_of_base("alone");
  const std::string resumed = copy_of_base("resumed");
  const Date today = d("2026-01-15");
  {
    auto store = Store::open(alone);
    ASSERT_TRUE(run_billing(*store, regulation(), today, kChunk).ok());
  }
  {
    // A run killed after its plan: the batch is open, no chunk done.
    auto store = Store::open(resumed);
    plan_billing(*store, today);
  }
  auto store = Store::open(resumed);
  const int64_t planned = store->open_batch("billing run")->id;
  auto r = run_billing(*store, regulation(), today, kChunk);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->batch_id, planned);  // resumed, not planned again
  EXPECT_TRUE(r->batch_ended);
  store.reset();
  EXPECT_EQ(state(resumed), state(alone));
}

TEST_F(BatchSplitTest, BIL_01_AJoinerOfAnotherDateIsRefusedAndOneAfterTheEndDoesNothing) {
  const std::string db = copy_of_base("db");
  auto store = Store::open(db);
  BatchRole joiner;
  joiner.alone = false;
  // No batch of its date, open or ended: refused (busy), nothing written.
  EXPECT_THROW(run_billing(*store, regulation(), d("2026-01-15"), kChunk, joiner), StoreBusy);
  EXPECT_EQ(store->billing_setting("last_billing_run"), std::nullopt);
  // An open batch of 2026-01-15 (planned, not run): a joiner of another date is refused...
  {
    Transaction tx(*store);
    open_or_join(*store, "billing run", d("2026-01-15"), BatchRole{},
                 [] { return std::vector<KeyRange>{{"", ""}}; });
    tx.commit();
  }
  EXPECT_THROW(run_billing(*store, regulation(), d("2026-02-01"), kChunk, joiner), StoreBusy);
  // ... while a process alone of another date abandons it and bills everything on its date.
  auto alone = run_billing(*store, regulation(), d("2026-02-01"), kChunk);
  ASSERT_TRUE(alone.ok());
  EXPECT_TRUE(alone->batch_ended);
  EXPECT_EQ(store->open_batch("billing run"), std::nullopt);
  EXPECT_EQ(store->billing_setting("last_billing_run"), "2026-02-01");
  // After that end, a joiner of the same date has nothing to do; one of another date would be
  // left alone with nobody running its date: refused, not a silent success.
  auto same = run_billing(*store, regulation(), d("2026-02-01"), kChunk, joiner);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->batch_id, 0);
  EXPECT_THROW(run_billing(*store, regulation(), d("2026-03-01"), kChunk, joiner), StoreBusy);
  EXPECT_EQ(store->billing_setting("last_billing_run"), "2026-02-01");
}

TEST_F(BatchSplitTest, BIL_02_AProcessEndingTheBatchTakesTheChunksAKilledOneLetGo) {
  const std::string alone = copy_of_base("alone");
  const std::string db = copy_of_base("db");
  const Date today = d("2026-01-15");
  {
    auto store = Store::open(alone);
    ASSERT_TRUE(run_billing(*store, regulation(), today, kChunk).ok());
  }
  auto store = Store::open(db);
  const std::optional<BatchRun> run = plan_billing(*store, today);
  // A process "killed" in its first chunk: nothing of it stays, the chunk is free again.
  EXPECT_THROW(run_chunks(*store, *run, "killed",
                          [](const KeyRange&) { throw StoreError("killed"); }),
               StoreError);
  // A joiner (the same batch) does every chunk, the let-go one included, and ends the batch.
  BatchRole joiner;
  joiner.alone = false;
  auto r = run_billing(*store, regulation(), today, kChunk, joiner);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->chunks, run->chunks);
  EXPECT_TRUE(r->batch_ended);
  store.reset();
  EXPECT_EQ(state(db), state(alone));
}

TEST_F(BatchSplitTest, DUN_01_DunningSplitOverTwoProcessesEqualsOneRun) {
  const std::string alone = copy_of_base("alone");
  const std::string split = copy_of_base("split");
  for (const std::string& db : {alone, split}) {
    auto store = Store::open(db);
    ASSERT_TRUE(run_billing(*store, regulation(), d("2026-01-01"), kChunk).ok());
  }
  const Date today = d("2026-03-20");  // nothing was paid: notices are due
  DunningRunSummary one;
  {
    auto store = Store::open(alone);
    auto r = run_dunning(*store, regulation(), today, {}, kChunk);
    ASSERT_TRUE(r.ok()) << r.error().message;
    one = *r;
  }
  ASSERT_GT(one.steps["notice"], 0);
  std::promise<void> planned;
  std::optional<DunningRunSummary> second;
  std::thread joiner([&] {
    auto store = Store::open(split);
    planned.get_future().wait();
    BatchRole role;
    role.alone = false;
    auto r = run_dunning(*store, regulation(), today, {}, kChunk, role);
    ASSERT_TRUE(r.ok()) << r.error().message;
    second = *r;
  });
  DunningRunSummary first;
  {
    auto store = Store::open(split);
    BatchRole role;
    role.planned = [&] { planned.set_value(); };
    auto r = run_dunning(*store, regulation(), today, {}, kChunk, role);
    EXPECT_TRUE(r.ok());
    if (r) first = *r;
  }
  joiner.join();
  ASSERT_TRUE(second);
  EXPECT_EQ(first.contracts_examined + second->contracts_examined, one.contracts_examined);
  EXPECT_EQ(first.steps["notice"] + second->steps["notice"], one.steps["notice"]);
  EXPECT_EQ(first.chunks + second->chunks, one.chunks);
  EXPECT_NE(first.batch_ended, second->batch_ended);
  EXPECT_EQ(state(split), state(alone));
}

}  // namespace
}  // namespace mutua

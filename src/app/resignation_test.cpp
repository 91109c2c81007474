// Resignations of issue 15 through the app layer, against a real SQLite file, the real catalogue
// and regulation: the annual calls as sent (L221-10-1: DEM-07, DEM-08), the resignation notified
// by the new insurer (L221-10-2: DEM-09), the refund computed by rating/refund (DEM-06) and its
// 30-day deadline on the work list (DEM-10).
//
// Figures used by hand below: every member is born 1980-04-02 on LABEL2, adhesion 2025-01-01,
// covered the day before (no majoration): 2026 tariff age 46, band 40-49, 46.78 a month.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>

#include "app/app_test_support.hpp"
#include "app/billing.hpp"
#include "app/catalogue_service.hpp"
#include "app/documents_service.hpp"
#include "app/lifecycle.hpp"
#include "app/members_import.hpp"

namespace mutua {
namespace {

namespace fs = std::filesystem;
using app_testing::d;
using app_testing::must;
using app_testing::regulation;

class ResignationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("mutua_resign_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = Store::open((dir_ / "t.db").string());
    store_->migrate();
    auto loaded = load_catalogue_into(
        *store_, std::string(MUTUA_SOURCE_DIR) + "/config/catalogue.yaml", regulation());
    ASSERT_TRUE(loaded.errors.empty()) << loaded.errors.front().to_string();
    std::ofstream(dir_ / "members.csv")
        << "contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,"
           "payment_frequency,last_coverage_end\n"
           "K3,K3M,member,ROUX,Inès,1980-04-02,LABEL2,2025-01-01,monthly,2024-12-31\n"
           "K4,K4M,member,BLANC,Léo,1980-04-02,LABEL2,2025-01-01,monthly,2024-12-31\n";
    auto imported = import_members(*store_, (dir_ / "members.csv").string());
    ASSERT_TRUE(imported.ok()) << imported.errors.front().to_string();
    must(run_billing(*store_, regulation(), d("2025-12-01")), "billing run");  // 2026 calls
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  void pay(const char* contract, const char* amount, Date on) {
    std::ofstream(dir_ / "pay.csv") << "contract_id,date,amount,method,reference\n"
                                    << contract << "," << format_date(on) << "," << amount
                                    << ",transfer,VIR-" << contract << "\n";
    must(import_payments(*store_, regulation(), (dir_ / "pay.csv").string(), on), "payments");
  }
  std::vector<WorkItem> refunds(Date on) {
    std::vector<WorkItem> items = must(worklist(*store_, regulation(), on), "worklist");
    std::erase_if(items, [](const WorkItem& i) { return i.rule != "DEM-10"; });
    return items;
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
};

// DEM-08, DEM-06, DEM-10: K3's call for 2026 recorded as sent on 2025-12-01 without the last
// day to resign. A letter sent 2026-03-14 (received 03-16) ends the adhesion the day after it was
// sent, 2026-03-15 (before issue 15: 31 December 2026). March taken as paid: 46.78 - 46.78 x
// 15/31 (= 22.635 → 22.64) = 24.14 refunded by 2026-03-15 + 30 days = 2026-04-14.
TEST_F(ResignationTest, DEM_08_NoLastDayStatedAnyTimeWithRefund) {
  CallsSentSummary sent = must(record_calls_sent(*store_, 2026, d("2025-12-01"), SendChannel::kPost,
                                                 false, "K3", d("2025-12-02")),
                               "calls sent");
  EXPECT_EQ(sent.calls, 1);
  EXPECT_FALSE(sent.last_day.has_value());
  ResignationRequest r;
  r.kind = ResignationKind::kAnnual;
  r.received = d("2026-03-16");
  r.sent = d("2026-03-14");
  TerminationOutcome o = must(resign(*store_, regulation(), "K3", r), "resign");
  EXPECT_EQ(o.termination.rule, "DEM-08");
  EXPECT_EQ(o.termination.effective, d("2026-03-15"));
  EXPECT_EQ(o.termination.refund_cents, 2414);
  EXPECT_EQ(refund_deadline(o.termination), d("2026-04-14"));
  auto stored = store_->find_termination("K3");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->sent, d("2026-03-14"));
  // K4's call, recorded for every contract at once, sent on 2025-12-01 (after 31 October 2025):
  // late, 20 days to 2025-12-21 (DEM-07).
  // K3's sending, recorded otherwise above, is kept (DEM-11).
  CallsSentSummary all = must(record_calls_sent(*store_, 2026, d("2025-12-01"), SendChannel::kEmail,
                                                true, "", d("2025-12-02")),
                              "calls sent");
  EXPECT_EQ(all.calls, 1);
  EXPECT_EQ(all.kept, std::vector<std::string>{"K3"});
  EXPECT_FALSE(store_->call_sendings("K3").front().last_day.has_value());
  EXPECT_EQ(all.last_day, d("2025-10-31"));
  EXPECT_TRUE(all.late);
  EXPECT_EQ(all.until, d("2025-12-21"));
  EXPECT_EQ(store_->call_sendings("K4").front().channel, SendChannel::kEmail);
}

// DEM-09, DEM-06, DEM-10: K4 pays January to May in advance (5 x 46.78 = 233.90); its new
// insurer notifies on 2026-04-10: effective 2026-05-10; May taken as paid: 46.78 - 46.78 x 10/31
// (= 15.090 → 15.09) = 31.69, due by 2026-06-09. On the work list: refund_due on 2026-04-20,
// refund_late on 2026-06-15 while the billing run has not paid it; gone once it has (credit:
// 233.90 - 4 x 46.78 - 15.09 = 31.69).
TEST_F(ResignationTest, DEM_09_NewInsurerAndRefundDeadline) {
  must(run_billing(*store_, regulation(), d("2026-03-01")), "billing run");
  pay("K4", "233.90", d("2026-03-05"));
  ResignationRequest r;
  r.kind = ResignationKind::kNewInsurer;
  r.received = d("2026-04-10");
  r.new_insurer = "Mutuelle Nouvelle";
  TerminationOutcome o = must(resign(*store_, regulation(), "K4", r), "resign");
  EXPECT_EQ(o.termination.rule, "DEM-09");
  EXPECT_EQ(o.termination.effective, d("2026-05-10"));
  EXPECT_EQ(o.termination.refund_cents, 3169);
  EXPECT_EQ(store_->find_termination("K4")->new_insurer, "Mutuelle Nouvelle");

  std::vector<WorkItem> due = refunds(d("2026-04-20"));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].kind, "refund_due");
  EXPECT_EQ(due[0].date, d("2026-06-09"));
  EXPECT_NE(due[0].detail.find("refund 31.69"), std::string::npos) << due[0].detail;
  std::vector<WorkItem> late = refunds(d("2026-06-15"));
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].kind, "refund_late");
  BillingRunSummary paid = must(run_billing(*store_, regulation(), d("2026-06-16")), "billing");
  EXPECT_EQ(paid.refunds, 1);
  EXPECT_EQ(paid.refunded, Money::from_cents(3169));
  EXPECT_TRUE(refunds(d("2026-06-17")).empty());
}

// DEM-11: the 2026 calls were issued by the run of 2025-12-01 (SetUp); today 2025-12-02.
// 2024-01-01 (before the issue) would make the call look in time (2025-10-31 - 2024-01-01 >= 15
// days) and remove the 20 days to 2025-12-21: refused, --sent, nothing written.
TEST_F(ResignationTest, DEM_11_SendingBeforeTheIssueOrShorteningIsRefused) {
  const Date today = d("2025-12-02");
  auto before = record_calls_sent(*store_, 2026, d("2024-01-01"), SendChannel::kPost, true, "",
                                  today);
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().field, "--sent");
  EXPECT_NE(before.error().message.find("2025-12-01"), std::string::npos);
  EXPECT_TRUE(store_->call_sendings("K3").empty());
  // K3 recorded on 2025-12-01 (late: to 2025-12-21); the same again changes nothing; without the
  // last day (any time from 2026-01-01 instead of the 20 days) is refused (DEM-11).
  CallsSentSummary k3 = must(record_calls_sent(*store_, 2026, d("2025-12-01"), SendChannel::kPost,
                                               true, "K3", today), "K3");
  EXPECT_EQ(k3.until, d("2025-12-21"));
  CallsSentSummary same = must(record_calls_sent(*store_, 2026, d("2025-12-01"), SendChannel::kPost,
                                                 true, "K3", today), "K3 again");
  EXPECT_EQ(same.calls, 0);
  EXPECT_EQ(same.unchanged, 1);
  auto other = record_calls_sent(*store_, 2026, d("2025-12-01"), SendChannel::kPost, false, "K3",
                                 today);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().rule_id, "DEM-11");
  // Corrected to 2025-12-02 (to 2025-12-22, longer): replaced.
  CallsSentSummary later = must(record_calls_sent(*store_, 2026, d("2025-12-02"), SendChannel::kPost,
                                                  true, "K3", today), "K3 later");
  EXPECT_EQ(later.calls, 1);
  EXPECT_EQ(store_->call_sendings("K3").front().sent, d("2025-12-02"));
  // For every contract on 2025-12-01: K4 recorded, K3 kept (12-21 < 12-22); then without the
  // last day: both would lose their 20 days, nothing to record: refused (DEM-11).
  CallsSentSummary all = must(record_calls_sent(*store_, 2026, d("2025-12-01"), SendChannel::kPost,
                                                true, "", today), "all");
  EXPECT_EQ(all.calls, 1);
  EXPECT_EQ(all.kept, std::vector<std::string>{"K3"});
  EXPECT_EQ(store_->call_sendings("K3").front().sent, d("2025-12-02"));
  auto none = record_calls_sent(*store_, 2026, d("2025-12-01"), SendChannel::kPost, false, "",
                                today);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().rule_id, "DEM-11");
}

// DEM-07: the 2026 call of K3 sent late on 2025-12-01 (20 days to 2025-12-21); its letter sent
// and received on 2025-12-05 stops the renewal: last day of cover 2025-12-31. On 2025-12-05 the
// annual call for 2026 (December: next year's call) is refused, naming DEM-07; K4's is issued.
// The next billing run bills K3 nothing for 2026: 0.00.
TEST_F(ResignationTest, DEM_07_NoAnnualCallForAYearNotReached) {
  must(record_calls_sent(*store_, 2026, d("2025-12-01"), SendChannel::kPost, true, "",
                         d("2025-12-02")), "calls sent");
  ResignationRequest r;
  r.kind = ResignationKind::kAnnual;
  r.received = d("2025-12-05");
  r.sent = d("2025-12-05");
  r.today = d("2025-12-05");
  TerminationOutcome o = must(resign(*store_, regulation(), "K3", r), "resign");
  EXPECT_EQ(o.termination.rule, "DEM-07");
  EXPECT_EQ(o.termination.effective, d("2025-12-31"));
  const std::string out = (dir_ / "docs").string();
  auto refused = issue_document(*store_, regulation(), "K3", "annual_call", out, d("2025-12-05"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().rule_id, "DEM-07");
  EXPECT_NE(refused.error().message.find("2026"), std::string::npos);
  EXPECT_TRUE(issue_document(*store_, regulation(), "K4", "annual_call", out, d("2025-12-05")).ok());
  must(run_billing(*store_, regulation(), d("2025-12-06")), "billing run");
  for (const BillingSchedule& s : store_->schedules("K3")) {
    if (s.year == 2026) {
      EXPECT_TRUE(s.annual().is_zero()) << s.annual().cents();
    }
  }
}

}  // namespace
}  // namespace mutua

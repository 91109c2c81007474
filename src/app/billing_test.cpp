// Billing and collection use cases (app/billing.hpp) against a real SQLite file, the real
// catalogue (config/catalogue.yaml) and the real regulation (config/regulation.yaml), members
// imported through import_members: BIL-01..06, DUN-01..05, BEN-09.
//
// Figures used by hand below: every member is born 2000-03-01 on LABEL2, so the 2026 tariff age is
// 26 (TAR-02), band 26-29: 32.84 a month. The civil-service entry (2025-01-01) + 2 grace years and
// the 30th birthday (2030-03-01) are later than any adhesion of 2026, so no majoration applies
// (MAJ-01: N = 0) and the monthly due is exactly 32.84.
#include "app/billing.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

#include "app/catalogue_service.hpp"
#include "app/documents_service.hpp"
#include "app/lifecycle.hpp"
#include "app/members_import.hpp"

namespace mutua {

// Amounts in failure messages ("32.84", not bytes).
inline void PrintTo(Money amount, std::ostream* os) { *os << amount.format(); }

namespace {

namespace fs = std::filesystem;

const Regulation& regulation() {
  static const Regulation r =
      *Regulation::load_file(std::string(MUTUA_SOURCE_DIR) + "/config/regulation.yaml");
  return r;
}

Date d(const char* text) { return *parse_date(text); }
Money m(const char* text) { return *Money::parse(text); }
Money cents(int64_t c) { return Money::from_cents(c); }

const std::string kData = std::string(MUTUA_SOURCE_DIR) + "/tests/data/billing/";
const std::string kSepa = std::string(MUTUA_SOURCE_DIR) + "/tests/data/sepa/";
const std::string kPain008Xsd = kSepa + "pain.008.001.02.xsd";
const std::string kPain002Xsd = kSepa + "pain.002.001.03.xsd";
constexpr const char* kIban = "FR7630006000011234567890189";
const Money kMonthly = cents(3284);  // LABEL2 2026, age 26, no majoration (see the header)

// ---- members --------------------------------------------------------------------------------

struct MemberSpec {
  std::string id;
  std::string frequency = "monthly";
  std::string start = "2026-01-01";
  bool iban = false;
  // DUN-01: a formal notice needs a postal address; empty = none known.
  std::string address = "3 place de l'Horloge 84000 Avignon";
};

std::string members_csv(const std::vector<MemberSpec>& specs) {
  std::string out =
      "contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,"
      "end_date,payment_frequency,status,civil_service_entry,prior_coefficient,last_coverage_end,"
      "nir,iban,email,commune,link,express_start,address\n";
  for (const MemberSpec& s : specs) {
    out += s.id + "," + s.id + "-1,member,MARTIN,Camille,2000-03-01,LABEL2," + s.start + ",," +
           s.frequency + ",active,2025-01-01,,2025-12-31,," + (s.iban ? kIban : "") + ",,,,," +
           s.address + "\n";
  }
  return out;
}

std::string amount_text(Money a) { return a.format(); }

// ---- pain.002 (rejects) ---------------------------------------------------------------------

struct RejectSpec {
  std::string end_to_end_id;
  std::string reason;  // AM04, AC04, MS02...
  Money amount;
};

// A pain.002.001.03 status report of the bank on mutua's batch `message_id`, one element a line,
// in the shape of tests/data/sepa/rejects_sample.xml. `lines` receives the line of each
// TxInfAndSts (what read_pain002 reports errors on).
std::string pain002(const std::string& message_id, const std::string& payment_info_id,
                    Date collection, const std::vector<RejectSpec>& rejects,
                    std::vector<int>* lines = nullptr) {
  std::vector<std::string> l = {
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
      "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.03\">",
      "<CstmrPmtStsRpt>",
      "<GrpHdr>",
      "<MsgId>AGRIFRPP-PSR-0001</MsgId>",
      "<CreDtTm>" + format_date(collection) + "T06:00:00</CreDtTm>",
      "<CdtrAgt>",
      "<FinInstnId>",
      "<BIC>AGRIFRPPXXX</BIC>",
      "</FinInstnId>",
      "</CdtrAgt>",
      "</GrpHdr>",
      "<OrgnlGrpInfAndSts>",
      "<OrgnlMsgId>" + message_id + "</OrgnlMsgId>",
      "<OrgnlMsgNmId>pain.008.001.02</OrgnlMsgNmId>",
      "</OrgnlGrpInfAndSts>",
      "<OrgnlPmtInfAndSts>",
      "<OrgnlPmtInfId>" + payment_info_id + "</OrgnlPmtInfId>",
  };
  int n = 0;
  for (const RejectSpec& r : rejects) {
    ++n;
    l.push_back("<TxInfAndSts>");
    if (lines) lines->push_back(static_cast<int>(l.size()));
    char sts[32];
    std::snprintf(sts, sizeof sts, "PSR-%06d", n);
    for (std::string x :
         {std::string("<StsId>") + sts + "</StsId>",
          "<OrgnlEndToEndId>" + r.end_to_end_id + "</OrgnlEndToEndId>", std::string("<TxSts>RJCT</TxSts>"),
          std::string("<StsRsnInf>"), std::string("<Rsn>"), "<Cd>" + r.reason + "</Cd>",
          std::string("</Rsn>"), std::string("</StsRsnInf>"), std::string("<OrgnlTxRef>"),
          std::string("<Amt>"), "<InstdAmt Ccy=\"EUR\">" + amount_text(r.amount) + "</InstdAmt>",
          std::string("</Amt>"), "<ReqdColltnDt>" + format_date(collection) + "</ReqdColltnDt>",
          std::string("</OrgnlTxRef>"), std::string("</TxInfAndSts>")}) {
      l.push_back(x);
    }
  }
  for (const char* x : {"</OrgnlPmtInfAndSts>", "</CstmrPmtStsRpt>", "</Document>"}) l.push_back(x);
  std::string out;
  for (const std::string& x : l) out += x + "\n";
  return out;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool command_ok(const std::string& command) { return std::system(command.c_str()) == 0; }

// ---- a database with the real catalogue and some members ------------------------------------

class World {
 public:
  explicit World(const std::vector<MemberSpec>& members) {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("mutua_billing_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    try {
      store_ = Store::open((dir_ / "t.db").string());
      store_->migrate();
      auto loaded = load_catalogue_into(
          *store_, std::string(MUTUA_SOURCE_DIR) + "/config/catalogue.yaml", regulation());
      if (!loaded.errors.empty()) throw std::runtime_error(loaded.errors.front().to_string());
      write("members.csv", members_csv(members));
      auto imported = import_members(*store_, path("members.csv"));
      if (!imported.errors.empty()) throw std::runtime_error(imported.errors.front().to_string());
    } catch (...) {
      remove();  // the destructor does not run when the constructor throws
      throw;
    }
    for (const MemberSpec& s : members) ids_.push_back(s.id);
  }
  ~World() { remove(); }
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  Store& store() { return *store_; }
  const std::vector<std::string>& ids() const { return ids_; }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(path(name), std::ios::binary) << text;
  }

  BillingRunSummary bill(Date today) {
    auto s = run_billing(*store_, regulation(), today);
    if (!s) throw std::runtime_error("run_billing: " + s.error().to_string());
    return *s;
  }
  DunningRunSummary dun(Date today, const std::string& letters = {}) {
    auto s = run_dunning(*store_, regulation(), today, letters);
    if (!s) throw std::runtime_error("run_dunning: " + s.error().to_string());
    return *s;
  }
  // A payments file of rows "contract,date,amount,method,reference".
  PaymentsSummary pay(Date today, const std::vector<std::string>& rows) {
    std::string text = "contract_id,date,amount,method,reference\n";
    for (const std::string& r : rows) text += r + "\n";
    const std::string name = "payments_" + std::to_string(files_++) + ".csv";
    write(name, text);
    auto s = import_payments(*store_, regulation(), path(name), today);
    if (!s) throw std::runtime_error("import_payments: " + s.error().to_string());
    return *s;
  }
  SepaExportSummary sepa(Date collection, Date today, const std::string& name = {}) {
    const std::string file = path(name.empty() ? "sepa_" + format_date(collection) + ".xml" : name);
    auto s = export_sepa(*store_, collection, file, today);
    if (!s) throw std::runtime_error("export_sepa: " + s.error().to_string());
    return *s;
  }
  // Imports a bank report rejecting `debits` of the batch collected on `collection`.
  Result<RejectsSummary> reject(Date today, Date collection,
                                const std::vector<SepaDebitRecord>& debits,
                                const std::string& reason) {
    std::vector<RejectSpec> specs;
    for (const auto& x : debits) specs.push_back({x.end_to_end_id, reason, x.amount});
    auto batch = store_->find_batch(collection);
    if (!batch) throw std::runtime_error("no batch collected on " + format_date(collection));
    const std::string name = "rejects_" + std::to_string(files_++) + ".xml";
    write(name, pain002(batch->message_id, batch->message_id + "-" + debits.front().sequence,
                        collection, specs));
    return import_rejects(*store_, path(name), today);
  }
  // The stored debits of the batch for `collection`.
  std::vector<SepaDebitRecord> debits(Date collection) {
    auto b = store_->find_batch(collection);
    if (!b) return {};
    return store_->sepa_debits(b->id);
  }
  std::optional<SepaDebitRecord> debit(Date collection, const std::string& contract) {
    for (auto& x : debits(collection)) {
      if (x.contract_id == contract) return x;
    }
    return std::nullopt;
  }

  std::vector<Entry> entries(const std::string& contract) { return store_->entries(contract); }
  std::optional<Entry> entry(const std::string& key) { return store_->find_entry(key); }
  Money balance(const std::string& contract, Date as_of = d("2099-12-31")) {
    return AccountView(entries(contract)).balance(as_of);
  }
  std::optional<BillingSchedule> schedule(const std::string& contract, int year) {
    for (auto& s : store_->schedules(contract)) {
      if (s.year == year) return s;
    }
    return std::nullopt;
  }

 private:
  void remove() {
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
  std::vector<std::string> ids_;
  int files_ = 0;
};

// ---- ledger invariants (BIL-04, BIL-02) -----------------------------------------------------

using PeriodKey = std::tuple<std::string, int, int>;  // contract, year, period

// Checks the whole ledger and the stored schedules; returns what is wrong, empty when nothing.
// `billed_before`: Σ billed per period after the previous step (updated).
std::string ledger_problems(Store& store, const std::vector<std::string>& contracts,
                            std::map<PeriodKey, Money>& billed_before) {
  std::ostringstream why;
  // (a) BIL-04: every posting balances, so the trial balance sums to zero.
  Money total;
  for (const auto& [account, amount] : store.trial_balance()) total += amount;
  if (!total.is_zero()) why << "trial balance sums to " << total.format() << "; ";
  // (c), (d): keys unique, amounts > 0, and every entry belongs to a known contract.
  std::set<std::string> keys;
  int64_t seen = 0;
  std::map<PeriodKey, Money> charged;  // Σ 411 effects of dues and adjustments
  for (const std::string& c : contracts) {
    for (const Entry& e : store.entries(c)) {
      ++seen;
      keys.insert(e.key);
      if (!(e.amount > Money{})) why << "entry " << e.key << " has amount " << e.amount.format() << "; ";
      if (e.debit == e.credit) why << "entry " << e.key << " debits and credits " << e.debit << "; ";
      if (e.kind == EntryKind::kContributionDue || e.kind == EntryKind::kAdjustment) {
        charged[{c, e.year, e.period}] += receivable_effect(e);
      }
    }
  }
  if (seen != store.count_entries()) {
    why << "entries of the contracts " << seen << " != ledger " << store.count_entries() << "; ";
  }
  if (static_cast<int64_t>(keys.size()) != seen) {
    why << keys.size() << " distinct keys for " << seen << " entries; ";
  }
  // (b) BIL-02: what the ledger charged for a period is what the schedule says was billed, and
  // never more than the instalment (or what was billed before a downward re-rating).
  std::map<PeriodKey, Money> billed;
  std::map<PeriodKey, Money> amount;
  for (const std::string& c : contracts) {
    for (const BillingSchedule& s : store.schedules(c)) {
      for (const ScheduledInstalment& i : s.instalments) {
        billed[{c, s.year, i.instalment.period}] = i.billed;
        amount[{c, s.year, i.instalment.period}] = i.instalment.amount;
        if (!i.posted && !i.billed.is_zero()) {
          why << c << " " << s.year << "/" << i.instalment.period << " billed without a due; ";
        }
      }
    }
  }
  for (const auto& [key, sum] : charged) {
    const auto& [c, y, p] = key;
    auto it = billed.find(key);
    const Money stored = it == billed.end() ? Money{} : it->second;
    if (sum != stored) {
      why << c << " " << y << "/" << p << ": ledger charged " << sum.format()
          << " but the schedule says billed " << stored.format() << "; ";
    }
    const Money before = billed_before.count(key) ? billed_before[key] : Money{};
    const Money cap = std::max(before, amount.count(key) ? amount[key] : Money{});
    if (sum > cap) {
      why << c << " " << y << "/" << p << ": charged " << sum.format() << " > max(before "
          << before.format() << ", instalment) — billed twice; ";
    }
  }
  for (const auto& [key, b] : billed) {
    if (!charged.count(key) && !b.is_zero()) {
      why << std::get<0>(key) << " " << std::get<1>(key) << "/" << std::get<2>(key)
          << ": schedule billed " << b.format() << " without any entry; ";
    }
  }
  billed_before = charged;
  return why.str();
}

// =============================================================================================
// 1. Property: any sequence of runs, exports, payments and rejects keeps the ledger sound.
// =============================================================================================

enum class Op { kBilling, kDunning, kExport, kPayment, kReject };
const char* op_name(Op op) {
  switch (op) {
    case Op::kBilling: return "billing";
    case Op::kDunning: return "dunning";
    case Op::kExport: return "sepa export";
    case Op::kPayment: return "payments";
    case Op::kReject: return "rejects";
  }
  return "?";
}

struct PaidRow {
  std::string contract, date, amount, method, reference;
  std::string row() const { return contract + "," + date + "," + amount + "," + method + "," + reference; }
};

// BIL-04 (balanced postings, trial balance zero), BIL-02 (no period billed twice; the ledger and
// the schedule agree), BIL-03 (exports, payments and rejects idempotent when repeated).
void ledger_property() {
  const int n = *rc::gen::inRange(1, 4);
  std::vector<MemberSpec> specs;
  const char* freqs[] = {"monthly", "quarterly", "half_yearly", "yearly"};
  for (int i = 0; i < n; ++i) {
    MemberSpec s;
    s.id = "P" + std::to_string(i + 1);
    s.frequency = freqs[*rc::gen::inRange(0, 4)];
    s.start = format_date(add_days(d("2026-01-01"), *rc::gen::inRange(0, 240)));
    s.iban = *rc::gen::inRange(0, 3) != 0;
    specs.push_back(s);
  }
  World w(specs);
  std::map<PeriodKey, Money> billed_before;
  std::vector<PaidRow> paid;
  std::vector<Date> exported;
  Date today = add_days(d("2026-01-01"), *rc::gen::inRange(0, 40));
  const int steps = *rc::gen::inRange(8, 21);
  std::string trace;
  for (int step = 0; step < steps; ++step) {
    today = std::min(add_days(today, *rc::gen::inRange(0, 40)), d("2026-12-31"));
    const Op op = static_cast<Op>(*rc::gen::inRange(0, 5));
    const bool twice = *rc::gen::inRange(0, 5) == 0;
    std::string what = format_date(today) + " " + op_name(op);
    RC_LOG() << "step " << step << ": " << what << (twice ? " (twice)" : "") << "\n";
    const int64_t entries_before = w.store().count_entries();
    switch (op) {
      case Op::kBilling: {
        w.bill(today);
        if (twice) {
          BillingRunSummary again = w.bill(today);
          RC_ASSERT(again.entries_posted == 0);  // BIL-01: idempotent on the same date
          RC_ASSERT(again.calls_issued == 0);
        }
        break;
      }
      case Op::kDunning: {
        w.dun(today);
        if (twice) {
          DunningRunSummary again = w.dun(today);
          RC_ASSERT(again.entries_posted == 0);
          RC_ASSERT(again.steps.empty());
        }
        break;
      }
      case Op::kExport: {
        const Date collection =
            day_of(today) == 1 ? today : first_of_month(add_months(today, 1));
        what += " for " + format_date(collection);
        SepaExportSummary s = w.sepa(collection, today);
        if (s.debits > 0 && std::find(exported.begin(), exported.end(), collection) == exported.end()) {
          exported.push_back(collection);
        }
        if (twice) {
          const int64_t count = w.store().count_entries();
          SepaExportSummary again = w.sepa(collection, today);
          RC_ASSERT(w.store().count_entries() == count);  // BIL-03: nothing posted twice
          RC_ASSERT(again.debits == s.debits);
          RC_ASSERT(again.total == s.total);
        }
        break;
      }
      case Op::kPayment: {
        PaidRow r;
        const bool repeat = !paid.empty() && *rc::gen::inRange(0, 3) == 0;
        bool same = false;
        if (repeat) {
          r = paid[static_cast<size_t>(*rc::gen::inRange(0, static_cast<int>(paid.size())))];
          same = *rc::gen::inRange(0, 2) == 0;
          if (!same) {
            Money other = *Money::parse(r.amount) + cents(*rc::gen::inRange(1, 500));
            r.amount = other.format();
          }
        } else {
          r.contract = w.ids()[static_cast<size_t>(*rc::gen::inRange(0, n))];
          r.date = format_date(add_days(today, -*rc::gen::inRange(0, 10)));
          r.amount = cents(*rc::gen::inRange(1, 20001)).format();  // ≤ 200 EUR
          r.method = *rc::gen::inRange(0, 2) == 0 ? "transfer" : "cheque";
          r.reference = "REF" + std::to_string(paid.size() + 1);
        }
        what += " " + r.row() + (repeat ? (same ? " (same again)" : " (reference reused)") : "");
        PaymentsSummary s = w.pay(today, {r.row()});
        if (repeat && same) {
          RC_ASSERT(s.errors.empty());
          RC_ASSERT(s.recorded == 0);  // BIL-03: a payment already recorded is skipped
        } else if (repeat) {
          RC_ASSERT(!s.errors.empty());  // same reference, other amount: refused
          RC_ASSERT(w.store().count_entries() == entries_before);
        } else {
          RC_ASSERT(s.errors.empty());
          RC_ASSERT(s.recorded == 1);
          paid.push_back(r);
        }
        if (twice && s.errors.empty()) {
          PaymentsSummary again = w.pay(today, {r.row()});
          RC_ASSERT(again.recorded == 0);
        }
        break;
      }
      case Op::kReject: {
        std::vector<std::pair<Date, SepaDebitRecord>> candidates;
        for (Date c : exported) {
          if (c > today) continue;
          for (auto& x : w.debits(c)) candidates.emplace_back(c, x);
        }
        if (candidates.empty()) {
          what += " (nothing collected yet)";
          break;
        }
        const auto& [collection, debit] =
            candidates[static_cast<size_t>(*rc::gen::inRange(0, static_cast<int>(candidates.size())))];
        const char* reasons[] = {"AM04", "AC04", "MS02"};
        const std::string reason = reasons[*rc::gen::inRange(0, 3)];
        what += " " + debit.end_to_end_id + " " + reason;
        auto s = w.reject(today, collection, {debit}, reason);
        if (!s) RC_FAIL(what + ": " + s.error().to_string());
        if (twice) {
          auto again = w.reject(today, collection, {debit}, reason);
          RC_ASSERT(again.ok());
          RC_ASSERT(again->recorded == 0);  // BIL-03: a reject seen again is ignored
        }
        break;
      }
    }
    if (twice) what += " (twice)";
    trace += what + "\n";
    const std::string problems = ledger_problems(w.store(), w.ids(), billed_before);
    if (!problems.empty()) RC_FAIL("after\n" + trace + "=> " + problems);
  }
  // What the sequence reached, so the distribution shows the property is not vacuous.
  std::set<std::string> reached;
  for (const std::string& c : w.ids()) {
    for (const Entry& e : w.entries(c)) reached.insert(std::string(to_string(e.kind)));
    if (auto latest = w.store().latest_case(c)) {
      reached.insert(latest->terminated ? "terminated" : latest->reinstated ? "reinstated" : "notice");
    }
  }
  for (const std::string& r : reached) RC_TAG(r);
}

TEST(BillingProperty, BIL_04_BIL_02_BIL_03_LedgerStaysBalancedAndNoPeriodIsBilledTwice) {
  using namespace rc::detail;
  // Each case is a real database: 30 cases keep the whole property within seconds. RC_PARAMS
  // (seed=..., max_success=...) still applies: a failure prints the seed to run it again with.
  TestParams params = configuration().testParams;
  const char* env = std::getenv("RC_PARAMS");
  const bool default_size = env == nullptr || std::string(env).find("max_success") == std::string::npos;
  if (default_size) params.maxSuccess = 30;
  TestMetadata metadata;
  metadata.id = "BillingProperty/LedgerStaysBalanced";
  metadata.description = metadata.id;
  const auto started = std::chrono::steady_clock::now();
  const auto result = checkProperty(toProperty(&ledger_property), metadata, params);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (result.template is<SuccessResult>()) {
    printResultMessage(result, std::cout);  // the distribution of what the sequences reached
    std::cout << "\n";
  } else {
    std::ostringstream ss;
    printResultMessage(result, ss);
    FAIL() << ss.str();
  }
  if (default_size) {
    EXPECT_LT(seconds, 15.0) << "the property must stay fast";
  }
}

// The checker of the property is not vacuous: a period charged twice, or charged without its
// schedule knowing, is reported (BIL-02); a sound ledger is not.
TEST(BillingProperty, BIL_02_BIL_04_CheckerReportsAPeriodChargedTwice) {
  World w({{"A"}});
  w.bill(d("2026-02-01"));
  std::map<PeriodKey, Money> before;
  EXPECT_EQ(ledger_problems(w.store(), w.ids(), before), "");
  std::vector<Entry> twice{make_entry("due-again:A:2026:2", d("2026-02-01"),
                                      EntryKind::kContributionDue, "A", account::kReceivable,
                                      account::kContributions, kMonthly, "BIL-02")};
  twice[0].year = 2026;
  twice[0].period = 2;
  Transaction tx(w.store());
  ASSERT_EQ(w.store().post_entries(twice), 1);
  tx.commit();
  const std::string problems = ledger_problems(w.store(), w.ids(), before);
  EXPECT_NE(problems.find("A 2026/2: ledger charged 65.68 but the schedule says billed 32.84"),
            std::string::npos)
      << problems;
  EXPECT_NE(problems.find("billed twice"), std::string::npos) << problems;
}

// =============================================================================================
// 2. Billing runs: idempotence, annual call, mid-year adhesion (BIL-01, BIL-02)
// =============================================================================================

TEST(BillingRun, BIL_01_BIL_02_SecondRunOnTheSameDatePostsNothing) {
  World w({{"A", "monthly"}, {"B", "quarterly"}});
  BillingRunSummary first = w.bill(d("2026-02-10"));
  EXPECT_EQ(first.calls_issued, 2);
  EXPECT_EQ(first.entries_posted, 3);  // A: January and February; B: first quarter
  EXPECT_EQ(first.billed, kMonthly * 2 + kMonthly * 3);
  const int64_t count = w.store().count_entries();
  const auto schedules = w.store().schedules("A");

  BillingRunSummary second = w.bill(d("2026-02-10"));
  EXPECT_EQ(second.entries_posted, 0);
  EXPECT_EQ(second.calls_issued, 0);
  EXPECT_EQ(second.schedules_changed, 0);
  EXPECT_TRUE(second.billed.is_zero());
  EXPECT_EQ(w.store().count_entries(), count);
  EXPECT_EQ(w.store().schedules("A"), schedules);

  // BIL-02: due entries dated on the due date, keyed by period.
  auto feb = w.entry("due:A:2026:2");
  ASSERT_TRUE(feb);
  EXPECT_EQ(feb->date, d("2026-02-01"));
  EXPECT_EQ(feb->amount, kMonthly);
  EXPECT_EQ(feb->debit, account::kReceivable);
  EXPECT_EQ(feb->credit, account::kContributions);
  auto q1 = w.entry("due:B:2026:1");
  ASSERT_TRUE(q1);
  EXPECT_EQ(q1->amount, kMonthly * 3);
  EXPECT_EQ(q1->date, d("2026-01-01"));
}

// The sample catalogue has tariffs up to 2026: the board decides the 2027 one in the autumn
// (TAR-05); the test stores it as decided (same figures) so that the December call can be rated.
void decide_2027_tariff(Store& store) {
  for (const char* product : {"LABEL2"}) {
    auto t = store.find_tariff(product, 2026);
    ASSERT_TRUE(t);
    t->year = 2027;
    t->decided = d("2026-10-15");
    t->decision_ref = "CA-2026-10-15";
    Transaction tx(store);
    store.insert_tariff(product, *t);
    tx.commit();
  }
}

TEST(BillingRun, BIL_01_WithoutNextYearsTariffTheDecemberRunSaysWhyNothingIsCalled) {
  World w({{"A"}});
  w.bill(d("2026-01-05"));
  BillingRunSummary dec = w.bill(d("2026-12-01"));
  EXPECT_EQ(dec.calls_issued, 0);
  ASSERT_EQ(dec.not_rated.size(), 1u);
  EXPECT_NE(dec.not_rated.begin()->first.find("LABEL2 2027"), std::string::npos)
      << dec.not_rated.begin()->first;
  EXPECT_EQ(dec.not_rated.begin()->second, 1);
  EXPECT_FALSE(w.schedule("A", 2027));
  EXPECT_TRUE(w.entry("due:A:2026:12"));  // 2026 is still billed
}

TEST(BillingRun, BIL_01_DecemberRunIssuesNextYearsCallsAndPostsNothingDatedNextYear) {
  World w({{"A", "monthly"}, {"B", "yearly"}, {"C", "half_yearly"}});
  decide_2027_tariff(w.store());
  w.bill(d("2026-01-05"));
  BillingRunSummary nov = w.bill(d("2026-11-30"));
  EXPECT_EQ(nov.calls_issued, 0);  // BIL-01: not before the month before the due date
  EXPECT_EQ(nov.years, (std::vector<int>{2026}));
  BillingRunSummary dec = w.bill(d("2026-12-01"));
  EXPECT_EQ(dec.calls_issued, 3);  // BIL-01: the 2027 calls go out in December
  EXPECT_EQ(dec.years, (std::vector<int>{2026, 2027}));
  for (const std::string& c : w.ids()) {
    for (const Entry& e : w.entries(c)) {
      EXPECT_LT(e.date, d("2027-01-01")) << e.key;
      EXPECT_NE(e.year, 2027) << e.key;
    }
    auto s = w.schedule(c, 2027);
    ASSERT_TRUE(s) << c;
    EXPECT_EQ(s->called, d("2026-12-01"));
    ASSERT_FALSE(s->instalments.empty());
    EXPECT_EQ(s->instalments.front().instalment.due, d("2027-01-01"));
    for (const ScheduledInstalment& i : s->instalments) {
      EXPECT_FALSE(i.posted);
      EXPECT_TRUE(i.billed.is_zero());
    }
  }
  // 2027 tariff age 27, same band; the yearly call is the whole year at once (BIL-02).
  EXPECT_EQ(w.schedule("B", 2027)->instalments.size(), 1u);
  EXPECT_EQ(w.schedule("C", 2027)->instalments.size(), 2u);
  EXPECT_EQ(w.schedule("A", 2027)->instalments.size(), 12u);
  // December of 2026 is billed, nothing of 2027.
  EXPECT_TRUE(w.entry("due:A:2026:12"));
  EXPECT_FALSE(w.entry("due:A:2027:1"));
  BillingRunSummary again = w.bill(d("2026-12-01"));
  EXPECT_EQ(again.calls_issued, 0);
  EXPECT_EQ(again.entries_posted, 0);
}

// A run committing every contract (a kill between two chunks leaves whole contracts) ends in the
// same ledger and schedules as one run in a single transaction (BIL-04 idempotency keys).
TEST(BillingRun, BIL_04_RunCommittingEveryContractEndsInTheSameState) {
  const std::vector<MemberSpec> specs = {{"A"}, {"B", "quarterly"}, {"C", "yearly", "2026-04-10"},
                                         {"D", "half_yearly", "2026-02-01", true}};
  World one(specs), chunked(specs);
  for (const char* day : {"2026-01-05", "2026-04-10", "2026-07-01"}) {
    auto a = run_billing(one.store(), regulation(), d(day));
    auto b = run_billing(chunked.store(), regulation(), d(day), 1);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->entries_posted, b->entries_posted) << day;
    EXPECT_EQ(a->calls_issued, b->calls_issued) << day;
    EXPECT_EQ(a->billed, b->billed) << day;
  }
  for (const std::string& c : one.ids()) {
    auto x = one.entries(c), y = chunked.entries(c);
    ASSERT_EQ(x.size(), y.size()) << c;
    for (size_t i = 0; i < x.size(); ++i) {
      EXPECT_EQ(x[i].key, y[i].key);
      EXPECT_EQ(x[i].amount, y[i].amount);
      EXPECT_EQ(x[i].date, y[i].date);
    }
    EXPECT_EQ(one.store().schedules(c), chunked.store().schedules(c)) << c;
  }
}

TEST(BillingRun, BIL_02_MidYearAdhesionFirstInstalmentIsDueOnItsStartDate) {
  World w({{"M", "monthly", "2026-05-20"}, {"Q", "quarterly", "2026-05-20"}});
  w.bill(d("2026-05-19"));
  EXPECT_FALSE(w.entry("due:M:2026:5"));  // not due yet
  auto s = w.schedule("M", 2026);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->instalments.size(), 8u);  // May .. December
  EXPECT_EQ(s->instalments[0].instalment.period, 5);
  EXPECT_EQ(s->instalments[0].instalment.due, d("2026-05-20"));
  // May 20..31 = 12 covered days of 31: 32.84 × 12 / 31 = 12.7123 → 12.71 (ADH-02 pro rata).
  EXPECT_EQ(s->instalments[0].instalment.amount, cents(1271));
  EXPECT_EQ(s->instalments[1].instalment.due, d("2026-06-01"));
  // The quarterly split keeps the due date of the adhesion (BIL-02: a payment facility).
  auto q = w.schedule("Q", 2026);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->instalments[0].instalment.period, 2);
  EXPECT_EQ(q->instalments[0].instalment.due, d("2026-05-20"));
  EXPECT_EQ(q->instalments[0].instalment.amount, cents(1271) + kMonthly);  // 12/31 May + June

  w.bill(d("2026-05-20"));
  auto first = w.entry("due:M:2026:5");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->date, d("2026-05-20"));
  EXPECT_EQ(first->amount, cents(1271));
  // BIL-02: the instalments sum exactly to the annual amount: 12.71 + 7 × 32.84.
  EXPECT_EQ(w.schedule("M", 2026)->annual(), cents(1271) + kMonthly * 7);
}

// =============================================================================================
// 3. Re-rating after an end (BIL-04, BIL-06)
// =============================================================================================

TEST(BillingRun, BIL_06_EndMidMonthCreditsTheUnusedDaysAndRefundsTheCredit) {
  World w({{"A"}});  // monthly
  w.bill(d("2026-03-05"));  // January, February, March: 3 × 32.84 = 98.52
  EXPECT_EQ(w.balance("A"), kMonthly * 3);
  PaymentsSummary paid = w.pay(d("2026-03-06"), {"A,2026-03-06,98.52,transfer,VIR-A-1"});
  ASSERT_TRUE(paid.errors.empty());
  EXPECT_TRUE(w.balance("A").is_zero());

  // CES-02 radiation: the last day of cover is 15 March.
  auto ended = radiate(w.store(), regulation(), "A", d("2026-03-15"), "left the civil service",
                       d("2026-03-16"));
  ASSERT_TRUE(ended.ok()) << ended.error().to_string();
  // March covered 1..15 = 15 days of 31: billed 32.84 × 15 / 31 = 15.8903 → 15.89; the unused
  // 16 days are 32.84 − 15.89 = 16.95 (1695 cents).
  const Money unused = cents(1695);
  // DEM-06's refund estimate at the termination agrees with what the ledger will credit.
  ASSERT_TRUE(ended->termination.refund_cents.has_value()) << ended->refund_note;
  EXPECT_EQ(*ended->termination.refund_cents, unused.cents());

  // The radiation re-bills the contract at once (lifecycle terminate → rebill_contract): the
  // credit and, the end being past, the refund are already posted; the run adds nothing.
  BillingRunSummary run = w.bill(d("2026-03-16"));
  EXPECT_TRUE(run.adjusted.is_zero());
  EXPECT_EQ(run.refunds, 0);
  std::vector<Entry> adjustments, refunds;
  for (const Entry& e : w.entries("A")) {
    if (e.kind == EntryKind::kAdjustment) adjustments.push_back(e);
    if (e.kind == EntryKind::kRefund) refunds.push_back(e);
  }
  ASSERT_EQ(adjustments.size(), 1u);
  EXPECT_EQ(adjustments[0].amount, unused);
  EXPECT_EQ(adjustments[0].credit, account::kReceivable);  // a credit to the member
  EXPECT_EQ(adjustments[0].debit, account::kContributions);
  EXPECT_EQ(adjustments[0].year, 2026);
  EXPECT_EQ(adjustments[0].period, 3);
  EXPECT_EQ(adjustments[0].date, d("2026-03-16"));
  EXPECT_EQ(adjustments[0].rule, "BIL-06");
  ASSERT_EQ(refunds.size(), 1u);
  EXPECT_EQ(refunds[0].amount, unused);
  EXPECT_EQ(refunds[0].debit, account::kReceivable);
  EXPECT_EQ(refunds[0].credit, account::kBank);
  EXPECT_TRUE(w.balance("A").is_zero());
  // March is now billed at 15.89 and nothing after it.
  auto s = w.schedule("A", 2026);
  ASSERT_TRUE(s);
  for (const ScheduledInstalment& i : s->instalments) {
    if (i.instalment.period == 3) { EXPECT_EQ(i.billed, cents(1589)); }
    if (i.instalment.period > 3) { EXPECT_TRUE(i.billed.is_zero()); }
  }
  // Run again: no second credit, no second refund.
  const int64_t count = w.store().count_entries();
  BillingRunSummary again = w.bill(d("2026-03-20"));
  EXPECT_EQ(again.entries_posted, 0);
  EXPECT_EQ(w.store().count_entries(), count);
}

// BIL-06. A credit that appears after a first refund (a payment received after the end, a direct
// debit presented before the end and collected after it) is refunded by a later run too (the
// refund key is per contract and business date; it once was per end date, refunding only once).
TEST(BillingRun, BIL_06_CreditAppearingAfterAFirstRefundIsRefundedToo) {
  World w({{"A"}});
  w.bill(d("2026-03-05"));
  ASSERT_TRUE(w.pay(d("2026-03-06"), {"A,2026-03-06,98.52,transfer,VIR-A-1"}).errors.empty());
  ASSERT_TRUE(radiate(w.store(), regulation(), "A", d("2026-03-15"), "left the civil service",
                      d("2026-03-16"))
                  .ok());
  w.bill(d("2026-03-16"));
  EXPECT_TRUE(w.balance("A").is_zero());  // the unused 16.95 refunded
  // The member's standing order sends April anyway.
  ASSERT_TRUE(w.pay(d("2026-04-03"), {"A,2026-04-02,32.84,transfer,VIR-A-2"}).errors.empty());
  EXPECT_EQ(w.balance("A"), -kMonthly);
  BillingRunSummary second = w.bill(d("2026-04-03"));
  EXPECT_EQ(second.refunds, 1);
  EXPECT_EQ(second.refunded, kMonthly);
  EXPECT_TRUE(w.balance("A").is_zero());
}

// BIL-06 / DUN-01. A dunning run posts the instalments of the stored schedules without re-rating
// them: a radiation therefore re-bills the contract at once, so a dunning run before the next
// billing run neither bills a month after the end nor serves a notice for it.
TEST(BillingDunning, BIL_06_DUN_01_DunningAfterAnEndBillsNothingAfterIt) {
  World w({{"A"}});  // monthly
  w.bill(d("2026-03-05"));
  ASSERT_TRUE(w.pay(d("2026-03-06"), {"A,2026-03-06,98.52,transfer,VIR-A-1"}).errors.empty());
  auto ended = radiate(w.store(), regulation(), "A", d("2026-03-31"), "left the civil service",
                       d("2026-03-20"));
  ASSERT_TRUE(ended.ok()) << ended.error().to_string();
  DunningRunSummary run = w.dun(d("2026-04-11"));
  EXPECT_FALSE(w.entry("due:A:2026:4")) << "April billed after the end of cover (31 March)";
  EXPECT_EQ(run.steps.count("notice"), 0u) << "formal notice for a month after the end";
  EXPECT_TRUE(w.balance("A").is_zero());
}

// =============================================================================================
// 4. SEPA direct debits (BIL-03)
// =============================================================================================

struct Pain008Totals {
  int64_t group_count = -1;
  Money group_sum;
  int64_t transactions = 0;
  Money amounts;
  std::map<std::string, int64_t> sequences;  // SeqTp of each PmtInf × its NbOfTxs
};

Pain008Totals read_pain008_totals(const std::string& text) {
  Pain008Totals t;
  std::smatch mm;
  if (std::regex_search(text, mm, std::regex("<GrpHdr>[\\s\\S]*?<NbOfTxs>(\\d+)</NbOfTxs>"))) {
    t.group_count = std::stoll(mm[1]);
  }
  if (std::regex_search(text, mm, std::regex("<GrpHdr>[\\s\\S]*?<CtrlSum>([0-9.]+)</CtrlSum>"))) {
    t.group_sum = *Money::parse(mm[1].str());
  }
  std::regex amt("<InstdAmt Ccy=\"EUR\">([0-9.]+)</InstdAmt>");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), amt); it != std::sregex_iterator(); ++it) {
    ++t.transactions;
    t.amounts += *Money::parse((*it)[1].str());
  }
  std::regex pmt("<PmtInf>[\\s\\S]*?<NbOfTxs>(\\d+)</NbOfTxs>[\\s\\S]*?<SeqTp>([A-Z]+)</SeqTp>");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), pmt); it != std::sregex_iterator(); ++it) {
    t.sequences[(*it)[2].str()] += std::stoll((*it)[1].str());
  }
  return t;
}

TEST(BillingSepa, BIL_03_ExportValidatesAgainstPain008AndTotalsMatchTheDebits) {
  World w({{"S1", "monthly", "2026-01-01", true},
           {"S2", "quarterly", "2026-01-01", true},
           {"T", "monthly", "2026-01-01", false}});
  w.bill(d("2026-01-01"));
  SepaExportSummary s = w.sepa(d("2026-01-01"), d("2026-01-01"));
  EXPECT_FALSE(s.already_exported);
  EXPECT_EQ(s.debits, 2);  // S1 January, S2 first quarter; T pays by transfer
  EXPECT_EQ(s.total, kMonthly + kMonthly * 3);
  EXPECT_EQ(s.by_sequence["FRST"], 2);
  EXPECT_EQ(s.message_id, "MUTUA-SDD-20260101");
  ASSERT_TRUE(fs::exists(s.file));
  EXPECT_FALSE(fs::exists(s.file + ".partial"));
  EXPECT_TRUE(command_ok("xmllint --noout --schema " + kPain008Xsd + " " + s.file + " 2>/dev/null"))
      << "not a valid pain.008.001.02: " << s.file;
  const std::string text = read_text(s.file);
  Pain008Totals t = read_pain008_totals(text);
  EXPECT_EQ(t.group_count, 2);
  EXPECT_EQ(t.group_sum, s.total);
  EXPECT_EQ(t.transactions, 2);
  EXPECT_EQ(t.amounts, s.total);
  EXPECT_EQ(t.sequences["FRST"], 2);
  // Each debit is posted as a payment dated on the collection date, by the first run on or
  // after it (settle_debits).
  w.bill(d("2026-01-01"));
  const auto debits = w.debits(d("2026-01-01"));
  ASSERT_EQ(debits.size(), 2u);
  Money posted;
  for (const SepaDebitRecord& x : debits) {
    auto e = w.entry("sepa:" + x.end_to_end_id);
    ASSERT_TRUE(e) << x.end_to_end_id;
    EXPECT_EQ(e->amount, x.amount);
    EXPECT_EQ(e->date, d("2026-01-01"));
    EXPECT_EQ(e->kind, EntryKind::kPayment);
    EXPECT_EQ(e->credit, account::kReceivable);
    posted += e->amount;
    EXPECT_NE(text.find("<EndToEndId>" + x.end_to_end_id + "</EndToEndId>"), std::string::npos);
  }
  EXPECT_EQ(posted, s.total);
  EXPECT_TRUE(w.balance("S1").is_zero());
  EXPECT_TRUE(w.balance("S2").is_zero());
}

TEST(BillingSepa, BIL_03_ExportRunAgainRewritesTheSameBytesAndPostsNothing) {
  World w({{"S1", "monthly", "2026-01-01", true}, {"S2", "monthly", "2026-01-01", true}});
  w.bill(d("2026-01-02"));
  SepaExportSummary s = w.sepa(d("2026-02-01"), d("2026-01-25"));
  ASSERT_GT(s.debits, 0);
  const std::string before = read_text(s.file);
  const int64_t count = w.store().count_entries();
  fs::remove(s.file);
  // A later business date: the file comes from the stored batch (same CreDtTm, same order).
  SepaExportSummary again = w.sepa(d("2026-02-01"), d("2026-01-28"));
  EXPECT_TRUE(again.already_exported);
  EXPECT_EQ(read_text(again.file), before);
  EXPECT_EQ(w.store().count_entries(), count);
  EXPECT_EQ(again.debits, s.debits);
  EXPECT_EQ(again.total, s.total);
  EXPECT_EQ(again.by_sequence, s.by_sequence);
}

TEST(BillingSepa, BIL_03_FirstDebitIsFrstAndTheNextMonthsRcur) {
  World w({{"S1", "monthly", "2026-01-01", true}});
  w.bill(d("2026-01-01"));
  w.sepa(d("2026-01-01"), d("2026-01-01"));
  auto jan = w.debit(d("2026-01-01"), "S1");
  ASSERT_TRUE(jan);
  EXPECT_EQ(jan->sequence, "FRST");
  EXPECT_EQ(jan->rum, "RUM-S1");
  EXPECT_EQ(jan->mandate_signed, d("2026-01-01"));  // signed on the start date
  EXPECT_TRUE(active_mandate_of(w.store().mandates("S1"))->used);
  w.bill(d("2026-02-01"));
  SepaExportSummary feb = w.sepa(d("2026-02-01"), d("2026-02-01"));
  EXPECT_EQ(feb.by_sequence["RCUR"], 1);
  auto feb_debit = w.debit(d("2026-02-01"), "S1");
  ASSERT_TRUE(feb_debit);
  EXPECT_EQ(feb_debit->sequence, "RCUR");
  EXPECT_EQ(feb_debit->amount, kMonthly);
  EXPECT_TRUE(command_ok("xmllint --noout --schema " + kPain008Xsd + " " + feb.file + " 2>/dev/null"));
  EXPECT_EQ(read_pain008_totals(read_text(feb.file)).sequences["RCUR"], 1);
}

// BIL-03: a debit rejected before its collection date (the bank's early return) was never posted
// as paid: it is marked, the settlement on the collection date skips it, and no reject entry is
// needed; the instalment stays owed.
TEST(BillingSepa, BIL_03_RejectBeforeTheCollectionDateIsNeverPosted) {
  World w({{"S1", "monthly", "2026-01-01", true}});
  w.bill(d("2025-12-20"));
  w.sepa(d("2026-01-01"), d("2025-12-20"));
  auto jan = w.debit(d("2026-01-01"), "S1");
  ASSERT_TRUE(jan);
  auto rejected = w.reject(d("2025-12-28"), d("2026-01-01"), {*jan}, "AM04");
  ASSERT_TRUE(rejected.ok()) << rejected.error().to_string();
  EXPECT_EQ(rejected->recorded, 1);
  EXPECT_FALSE(w.entry("reject:" + jan->end_to_end_id));
  w.bill(d("2026-01-01"));
  EXPECT_FALSE(w.entry("sepa:" + jan->end_to_end_id));
  EXPECT_EQ(w.balance("S1", d("2026-01-01")), kMonthly);
}

TEST(BillingSepa, BIL_03_RejectedFirstDebitMakesTheNextOneFirstAgain) {
  World w({{"S1", "monthly", "2026-01-01", true}});
  w.bill(d("2026-01-01"));
  w.sepa(d("2026-01-01"), d("2026-01-01"));
  auto jan = w.debit(d("2026-01-01"), "S1");
  ASSERT_TRUE(jan);
  ASSERT_EQ(jan->sequence, "FRST");
  w.bill(d("2026-01-02"));  // the debit is posted as paid once its date has come
  auto rejected = w.reject(d("2026-01-06"), d("2026-01-01"), {*jan}, "AM04");
  ASSERT_TRUE(rejected.ok()) << rejected.error().to_string();
  EXPECT_EQ(rejected->recorded, 1);
  EXPECT_EQ(rejected->amount, kMonthly);
  EXPECT_EQ(rejected->mandates_revoked, 0);
  // The reject reopens the debt: the January instalment is owed again.
  auto entry = w.entry("reject:" + jan->end_to_end_id);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->debit, account::kReceivable);
  EXPECT_EQ(entry->credit, account::kBank);
  EXPECT_EQ(entry->date, d("2026-01-06"));
  EXPECT_EQ(w.balance("S1", d("2026-01-06")), kMonthly);
  EXPECT_EQ(w.store().find_sepa_debit(jan->end_to_end_id)->status, "rejected");
  EXPECT_FALSE(active_mandate_of(w.store().mandates("S1"))->used);

  w.bill(d("2026-02-01"));
  w.sepa(d("2026-02-01"), d("2026-02-01"));
  auto feb = w.debit(d("2026-02-01"), "S1");
  ASSERT_TRUE(feb);
  EXPECT_EQ(feb->sequence, "FRST");  // EPC: after a rejected first collection, FRST again
  EXPECT_EQ(feb->period, 2);  // a rejected debit is not presented again

  // The same report imported again changes nothing.
  const int64_t count = w.store().count_entries();
  auto again = w.reject(d("2026-02-02"), d("2026-01-01"), {*jan}, "AM04");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->recorded, 0);
  EXPECT_EQ(again->already_recorded, 1);
  EXPECT_EQ(w.store().count_entries(), count);
  EXPECT_TRUE(active_mandate_of(w.store().mandates("S1"))->used);  // the February FRST stands
}

TEST(BillingSepa, BIL_03_Ac04RejectRevokesTheMandate) {
  World w({{"S1", "monthly", "2026-01-01", true}, {"S2", "monthly", "2026-01-01", true}});
  w.bill(d("2026-01-01"));
  w.sepa(d("2026-01-01"), d("2026-01-01"));
  auto jan = w.debit(d("2026-01-01"), "S2");
  ASSERT_TRUE(jan);
  auto rejected = w.reject(d("2026-01-06"), d("2026-01-01"), {*jan}, "AC04");  // closed account
  ASSERT_TRUE(rejected.ok()) << rejected.error().to_string();
  EXPECT_EQ(rejected->mandates_revoked, 1);
  EXPECT_EQ(rejected->by_reason["AC04"], 1);
  EXPECT_FALSE(active_mandate_of(w.store().mandates("S2")));
  w.bill(d("2026-02-01"));
  SepaExportSummary feb = w.sepa(d("2026-02-01"), d("2026-02-01"));
  EXPECT_EQ(feb.debits, 1);
  EXPECT_TRUE(w.debit(d("2026-02-01"), "S1"));
  EXPECT_FALSE(w.debit(d("2026-02-01"), "S2"));  // no mandate: S2 must pay by transfer
  auto report = account_report(w.store(), "S2", d("2026-02-01"));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->payment_method, "transfer");
  EXPECT_EQ(report->balance, kMonthly * 2);
}

TEST(BillingSepa, BIL_03_UnknownEndToEndIdInAReportIsAnErrorAndNothingIsWritten) {
  World w({{"S1", "monthly", "2026-01-01", true}, {"S2", "monthly", "2026-01-01", true}});
  w.bill(d("2026-01-01"));
  w.sepa(d("2026-01-01"), d("2026-01-01"));
  auto known = w.debit(d("2026-01-01"), "S1");
  ASSERT_TRUE(known);
  std::vector<int> lines;
  const std::string text =
      pain002("MUTUA-SDD-20260101", "MUTUA-SDD-20260101-FRST", d("2026-01-01"),
              {{known->end_to_end_id, "AM04", known->amount}, {"S9-2026-01", "AM04", kMonthly}},
              &lines);
  w.write("unknown.xml", text);
  const int64_t count = w.store().count_entries();
  auto r = import_rejects(w.store(), w.path("unknown.xml"), d("2026-01-06"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().file, w.path("unknown.xml"));
  EXPECT_EQ(r.error().line, lines[1]);
  EXPECT_EQ(r.error().field, "OrgnlEndToEndId");
  EXPECT_NE(r.error().message.find("S9-2026-01"), std::string::npos) << r.error().message;
  EXPECT_EQ(w.store().count_entries(), count);  // the known reject was not recorded either
  EXPECT_EQ(w.store().find_sepa_debit(known->end_to_end_id)->status, "sent");
  EXPECT_TRUE(active_mandate_of(w.store().mandates("S1"))->used);

  // An unknown batch is named too.
  w.write("other.xml", pain002("MGA-2026-12", "MGA-2026-12-RCUR", d("2026-01-01"),
                               {{known->end_to_end_id, "AM04", known->amount}}));
  auto other = import_rejects(w.store(), w.path("other.xml"), d("2026-01-06"));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().field, "OrgnlMsgId");
  EXPECT_EQ(other.error().file, w.path("other.xml"));
  EXPECT_GT(other.error().line, 0);
  EXPECT_EQ(w.store().count_entries(), count);
}

// FNAL: the collection of the last instalment of a mandate whose end of cover is known.
TEST(BillingSepa, BIL_03_LastCollectionBeforeTheEndIsFnal) {
  World w({{"S1", "monthly", "2026-01-01", true}});
  w.bill(d("2026-01-01"));
  w.sepa(d("2026-01-01"), d("2026-01-01"));
  auto ended = radiate(w.store(), regulation(), "S1", d("2026-02-28"), "left the civil service",
                       d("2026-01-20"));
  ASSERT_TRUE(ended.ok()) << ended.error().to_string();
  w.bill(d("2026-02-01"));
  SepaExportSummary feb = w.sepa(d("2026-02-01"), d("2026-02-01"));
  EXPECT_EQ(feb.by_sequence["FNAL"], 1);
  EXPECT_EQ(w.debit(d("2026-02-01"), "S1")->sequence, "FNAL");
  EXPECT_TRUE(command_ok("xmllint --noout --schema " + kPain008Xsd + " " + feb.file + " 2>/dev/null"));
  w.bill(d("2026-03-01"));
  SepaExportSummary mar = w.sepa(d("2026-03-01"), d("2026-03-01"));
  EXPECT_EQ(mar.debits, 0);  // nothing after the end
  EXPECT_FALSE(w.entry("due:S1:2026:3"));
}

// A payment-information block refused whole (no transaction detail, BE05 unknown creditor) rejects
// every debit of that sequence in the batch; BE05 makes the mandates unusable.
TEST(BillingSepa, BIL_03_BlockRejectedWholeReopensEveryDebitOfIt) {
  World w({{"S1", "monthly", "2026-01-01", true}, {"S2", "quarterly", "2026-01-01", true}});
  w.bill(d("2026-01-01"));
  SepaExportSummary s = w.sepa(d("2026-01-01"), d("2026-01-01"));
  ASSERT_EQ(s.by_sequence["FRST"], 2);
  std::string text = read_text(kData + "../sepa/rejects_payment_info.xml");
  auto replace_all = [&](const std::string& from, const std::string& to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  };
  replace_all("MGA-2026-12", "MUTUA-SDD-20260101");
  w.write("block.xml", text);
  auto r = import_rejects(w.store(), w.path("block.xml"), d("2026-01-04"));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->rejects, 2);
  EXPECT_EQ(r->recorded, 2);
  EXPECT_EQ(r->amount, s.total);
  EXPECT_EQ(r->by_reason["BE05"], 2);
  EXPECT_EQ(r->mandates_revoked, 2);
  EXPECT_EQ(w.balance("S1", d("2026-01-04")), kMonthly);
  EXPECT_EQ(w.balance("S2", d("2026-01-04")), kMonthly * 3);
  EXPECT_FALSE(active_mandate_of(w.store().mandates("S1")));
  EXPECT_FALSE(active_mandate_of(w.store().mandates("S2")));
}

// The reports this file writes have the shape of the EPC pain.002.001.03 schema.
TEST(BillingSepa, BIL_03_GeneratedRejectReportsAreValidPain002) {
  World w({});
  w.write("r.xml", pain002("MUTUA-SDD-20260101", "MUTUA-SDD-20260101-FRST", d("2026-01-01"),
                           {{"S1-2026-01", "AM04", kMonthly}, {"S2-2026-01", "AC04", kMonthly}}));
  EXPECT_TRUE(command_ok("xmllint --noout --schema " + kPain002Xsd + " " + w.path("r.xml") +
                         " 2>/dev/null"));
}

// BIL-03 / BIL-02. A dependant added after an instalment was presented raises it (an adjustment
// entry, BIL-04); the next export presents the difference (amount − presented) under an
// end-to-end id of its own (the first id + the collection date): the first debit's id stays
// unique in sepa_debits and the export succeeds.
TEST(BillingSepa, BIL_03_IncreaseAfterPresentationIsCollectedUnderANewId) {
  World w({{"S1", "monthly", "2026-01-01", true}});
  w.bill(d("2026-01-01"));
  w.sepa(d("2026-01-01"), d("2026-01-01"));
  DependantRequest spouse;
  spouse.contract_id = "S1";
  spouse.person.id = "S1-2";
  spouse.person.role = Role::kSpouse;
  spouse.person.last_name = "MARTIN";
  spouse.person.first_name = "Alex";
  spouse.person.birth_date = d("2000-06-01");
  spouse.person.relation = Relation::kSpouse;
  spouse.received = d("2026-01-14");  // rights from 15 January
  auto added = add_dependant(w.store(), regulation(), spouse);
  ASSERT_TRUE(added.ok()) << added.error().to_string();
  BillingRunSummary run = w.bill(d("2026-01-20"));
  EXPECT_GT(run.adjusted, Money{});  // January raised for the spouse's 17 days
  Result<SepaExportSummary> feb = Error{"not run"};
  EXPECT_NO_THROW(feb = export_sepa(w.store(), d("2026-02-01"), w.path("feb.xml"), d("2026-01-25")));
  ASSERT_TRUE(feb.ok());
  std::set<std::string> ids;
  for (Date c : {d("2026-01-01"), d("2026-02-01")}) {
    for (const auto& x : w.debits(c)) EXPECT_TRUE(ids.insert(x.end_to_end_id).second) << x.end_to_end_id;
  }
}

// =============================================================================================
// 5. Payments import (BIL-03, BIL-04)
// =============================================================================================

std::vector<std::string> where(const Errors& errors) {
  std::vector<std::string> out;
  for (const Error& e : errors) {
    out.push_back(fs::path(e.file).filename().string() + ":" + std::to_string(e.line) + ":" + e.field);
  }
  return out;
}

TEST(BillingPayments, BIL_03_BadRowsNameFileLineAndFieldAndNothingIsWritten) {
  World w({{"P1"}, {"P2", "quarterly"}});
  w.bill(d("2026-02-01"));
  const int64_t count = w.store().count_entries();
  auto r = import_payments(w.store(), regulation(), kData + "payments_errors.csv", d("2026-02-15"));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(where(r->errors),
            (std::vector<std::string>{"payments_errors.csv:2:contract_id",
                                      "payments_errors.csv:3:amount", "payments_errors.csv:4:date",
                                      "payments_errors.csv:5:method",
                                      "payments_errors.csv:6:reference",
                                      "payments_errors.csv:8:reference"}));
  EXPECT_EQ(r->recorded, 0);
  EXPECT_EQ(w.store().count_entries(), count);  // the good rows (7, 9) were not recorded either
  for (const Error& e : r->errors) EXPECT_EQ(e.file, kData + "payments_errors.csv");
}

TEST(BillingPayments, BIL_03_PaymentDatedAfterTheBusinessDateIsRefused) {
  World w({{"P1"}});
  auto s = w.pay(d("2026-02-15"), {"P1,2026-02-16,32.84,transfer,VIR-1"});
  EXPECT_EQ(where(s.errors), (std::vector<std::string>{"payments_0.csv:2:date"}));
  EXPECT_EQ(w.store().count_entries(), 0);
}

TEST(BillingPayments, BIL_03_BIL_04_ValidFileRecordsPaymentsOnceAndReimportRecordsNothing) {
  World w({{"P1"}, {"P2", "quarterly"}});
  w.bill(d("2026-02-01"));
  auto r = import_payments(w.store(), regulation(), kData + "payments_valid.csv", d("2026-02-15"));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_TRUE(r->errors.empty()) << r->errors.front().to_string();
  EXPECT_EQ(r->rows, 3);
  EXPECT_EQ(r->recorded, 3);
  EXPECT_EQ(r->amount, m("164.20"));
  // The same reference on two contracts is two payments (the key is contract + reference).
  auto p1 = w.entry("payment:P1:VIR-0001");
  auto p2 = w.entry("payment:P2:VIR-0001");
  ASSERT_TRUE(p1 && p2);
  EXPECT_EQ(p1->debit, account::kBank);
  EXPECT_EQ(p1->credit, account::kReceivable);
  EXPECT_EQ(p1->date, d("2026-02-10"));
  EXPECT_EQ(p2->amount, m("98.52"));
  EXPECT_TRUE(w.balance("P1").is_zero());  // January + February paid
  EXPECT_TRUE(w.balance("P2").is_zero());  // the first quarter paid
  const int64_t count = w.store().count_entries();

  auto again = import_payments(w.store(), regulation(), kData + "payments_valid.csv", d("2026-02-20"));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->errors.empty());
  EXPECT_EQ(again->recorded, 0);
  EXPECT_EQ(again->already_recorded, 3);
  EXPECT_TRUE(again->amount.is_zero());
  EXPECT_EQ(w.store().count_entries(), count);
}

TEST(BillingPayments, BIL_03_SameReferenceWithAnotherAmountIsRefused) {
  World w({{"P1"}, {"P2", "quarterly"}});
  w.bill(d("2026-02-01"));
  auto r = import_payments(w.store(), regulation(), kData + "payments_valid.csv", d("2026-02-15"));
  ASSERT_TRUE(r.ok() && r->errors.empty());
  const int64_t count = w.store().count_entries();
  auto changed =
      import_payments(w.store(), regulation(), kData + "payments_changed_amount.csv", d("2026-02-20"));
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(where(changed->errors),
            (std::vector<std::string>{"payments_changed_amount.csv:2:reference"}));
  ASSERT_FALSE(changed->errors.empty());
  EXPECT_NE(changed->errors[0].message.find("VIR-0001"), std::string::npos);
  EXPECT_EQ(w.store().count_entries(), count);
  EXPECT_EQ(w.entry("payment:P1:VIR-0001")->amount, kMonthly);
}

// =============================================================================================
// 6. Dunning (DUN-01..05, BEN-09)
// =============================================================================================

std::vector<DunningCase> cases_of(World& w, const std::string& c) { return w.store().cases(c); }

TEST(BillingDunning, DUN_01_NoticeTenDaysAfterTheDueDateDatedTheRunDay) {
  World w({{"D"}});
  w.bill(d("2026-01-02"));
  DunningRunSummary early = w.dun(d("2026-01-10"));
  EXPECT_TRUE(early.steps.empty());  // due + 9: not yet
  EXPECT_FALSE(w.store().collection_status("D"));
  DunningRunSummary run = w.dun(d("2026-01-11"));
  EXPECT_EQ(run.steps["notice"], 1);
  auto cases = cases_of(w, "D");
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].notice, d("2026-01-11"));
  EXPECT_EQ(cases[0].oldest_due, d("2026-01-01"));
  EXPECT_EQ(cases[0].arrears, kMonthly);
  // BEN-09: the claims engine holds the contract's claims from the notice.
  auto status = w.store().collection_status("D");
  ASSERT_TRUE(status);
  EXPECT_EQ(status->status, CollectionStatus::kNotice);
  EXPECT_EQ(status->since, d("2026-01-11"));
  // The letter is registered.
  int notices = 0;
  for (const DocumentRecord& doc : w.store().documents("D")) notices += doc.kind == "formal_notice";
  EXPECT_EQ(notices, 1);
}

TEST(BillingDunning, DUN_01_NoticeAfterAPauseIsNeverBackdated) {
  World w({{"D"}});
  w.bill(d("2026-01-02"));
  DunningRunSummary run = w.dun(d("2026-02-20"));  // first run since January 11
  EXPECT_EQ(run.steps["notice"], 1);
  EXPECT_EQ(run.steps.count("suspension"), 0u);  // the 30 days run from the notice, not before
  auto cases = cases_of(w, "D");
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].notice, d("2026-02-20"));
  EXPECT_EQ(cases[0].oldest_due, d("2026-01-01"));
  EXPECT_EQ(cases[0].arrears, kMonthly * 2);  // February was posted by the run first
  EXPECT_EQ(run.entries_posted, 1);
  EXPECT_EQ(w.store().collection_status("D")->since, d("2026-02-20"));
}

TEST(BillingDunning, DUN_02_DUN_03_SuspensionThenTerminationEndsRightsTheDayBefore) {
  World w({{"D"}});
  w.bill(d("2026-01-02"));
  w.dun(d("2026-01-11"));                        // notice
  EXPECT_TRUE(w.dun(d("2026-02-09")).steps.empty());  // notice + 29
  DunningRunSummary susp = w.dun(d("2026-02-10"));     // notice + 30
  EXPECT_EQ(susp.steps["suspension"], 1);
  auto status = w.store().collection_status("D");
  ASSERT_TRUE(status);
  EXPECT_EQ(status->status, CollectionStatus::kSuspended);
  EXPECT_EQ(status->since, d("2026-02-10"));
  EXPECT_EQ(cases_of(w, "D").back().suspended, d("2026-02-10"));
  EXPECT_TRUE(w.dun(d("2026-02-19")).steps.empty());  // suspension + 9
  DunningRunSummary term = w.dun(d("2026-02-20"));      // suspension + 10
  EXPECT_EQ(term.steps["termination"], 1);
  EXPECT_EQ(cases_of(w, "D").back().terminated, d("2026-02-20"));
  status = w.store().collection_status("D");
  ASSERT_TRUE(status);
  EXPECT_EQ(status->status, CollectionStatus::kTerminated);
  // DUN-03: rights end the day before the termination.
  auto contract = w.store().find_contract("D");
  ASSERT_TRUE(contract);
  for (const Beneficiary& b : contract->beneficiaries) {
    EXPECT_EQ(b.end_date, d("2026-02-19"));
    EXPECT_EQ(b.end_reason, "DUN-03");
  }
  auto t = w.store().find_termination("D");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->effective, d("2026-02-19"));
  EXPECT_EQ(t->rule, "DUN-03");
  // BIL-06: the ledger follows the end at once: February billed 1..19 = 32.84 × 19 / 28 =
  // 22.2843 → 22.28, nothing after.
  auto s = w.schedule("D", 2026);
  ASSERT_TRUE(s);
  for (const ScheduledInstalment& i : s->instalments) {
    if (i.instalment.period == 2) { EXPECT_EQ(i.billed, cents(2228)); }
    if (i.instalment.period > 2) { EXPECT_TRUE(i.billed.is_zero()); }
  }
  EXPECT_EQ(w.balance("D"), kMonthly + cents(2228));
  // A terminated case is final.
  EXPECT_TRUE(w.dun(d("2026-04-01")).steps.empty());
}

TEST(BillingDunning, DUN_01_DUN_02_DUN_03_RunAfterAPauseTakesEveryStepAtItsOwnDate) {
  World w({{"D"}});
  w.bill(d("2026-01-02"));
  w.dun(d("2026-01-11"));
  DunningRunSummary late = w.dun(d("2026-03-01"));
  EXPECT_EQ(late.steps["suspension"], 1);
  EXPECT_EQ(late.steps["termination"], 1);
  auto c = cases_of(w, "D").back();
  EXPECT_EQ(c.suspended, d("2026-02-10"));
  EXPECT_EQ(c.terminated, d("2026-02-20"));
  EXPECT_EQ(w.store().find_contract("D")->beneficiaries[0].end_date, d("2026-02-19"));
}

TEST(BillingDunning, DUN_04_BEN_09_PaymentDuringSuspensionReinstatesOnThePaymentDate) {
  World w({{"D"}});
  w.bill(d("2026-01-02"));
  w.dun(d("2026-01-11"));
  w.dun(d("2026-02-10"));  // suspended; February posted
  ASSERT_EQ(w.store().collection_status("D")->status, CollectionStatus::kSuspended);
  // Paid on 15 February, imported on the 17th: January and February (the arrears named in the
  // notice and the instalment due since).
  PaymentsSummary paid = w.pay(d("2026-02-17"), {"D,2026-02-15,65.68,transfer,VIR-D-1"});
  ASSERT_TRUE(paid.errors.empty());
  EXPECT_EQ(paid.reinstated, 1);
  auto c = cases_of(w, "D").back();
  EXPECT_EQ(c.reinstated, d("2026-02-15"));
  EXPECT_FALSE(c.terminated);
  EXPECT_FALSE(w.store().collection_status("D"));  // up to date again (BEN-09)
  auto report = account_report(w.store(), "D", d("2026-02-17"));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->status, DunningStatus::kUpToDate);
  EXPECT_EQ(report->since, d("2026-02-15"));
  // No termination ten days after the suspension any more; rights stay open.
  EXPECT_EQ(w.dun(d("2026-02-20")).steps.count("termination"), 0u);
  EXPECT_FALSE(w.store().find_contract("D")->beneficiaries[0].end_date);
}

TEST(BillingDunning, DUN_04_PartPaymentDoesNotReinstate) {
  World w({{"D"}});
  w.bill(d("2026-01-02"));
  w.dun(d("2026-01-11"));
  w.dun(d("2026-02-10"));
  PaymentsSummary paid = w.pay(d("2026-02-15"), {"D,2026-02-15,32.84,transfer,VIR-D-1"});
  ASSERT_TRUE(paid.errors.empty());
  EXPECT_EQ(paid.reinstated, 0);  // February, due since the notice, is still unpaid
  EXPECT_EQ(w.store().collection_status("D")->status, CollectionStatus::kSuspended);
}

// DUN-04. A payment made before the suspension date but imported after a dunning run already
// suspended the contract reinstates on the day the account was cleared (02-05), not the
// suspension date: the clearing day is searched from the notice.
TEST(BillingDunning, DUN_04_LateImportedPaymentReinstatesOnItsOwnDate) {
  World w({{"D"}});
  w.bill(d("2026-01-02"));
  w.dun(d("2026-01-11"));
  w.dun(d("2026-02-10"));  // suspended: the transfer of 02-05 was not imported yet
  PaymentsSummary paid = w.pay(d("2026-02-12"), {"D,2026-02-05,65.68,transfer,VIR-D-1"});
  ASSERT_TRUE(paid.errors.empty());
  EXPECT_EQ(paid.reinstated, 1);
  auto c = cases_of(w, "D").back();
  EXPECT_EQ(c.reinstated, d("2026-02-05"));
}

TEST(BillingDunning, DUN_05_WaiverDelaysTheSuspensionByItsLength) {
  World w({{"D"}});
  w.bill(d("2026-01-02"));
  w.dun(d("2026-01-11"));
  auto bad = grant_waiver(w.store(), "D", d("2026-01-20"), d("2026-01-29"), "", d("2026-01-20"));
  EXPECT_FALSE(bad.ok());
  auto reversed = grant_waiver(w.store(), "D", d("2026-01-29"), d("2026-01-20"), "hospital", d("2026-01-20"));
  EXPECT_FALSE(reversed.ok());
  EXPECT_FALSE(grant_waiver(w.store(), "NOPE", d("2026-01-20"), d("2026-01-29"), "x", d("2026-01-20")).ok());
  auto waiver = grant_waiver(w.store(), "D", d("2026-01-20"), d("2026-01-29"),
                             "hospitalised (certificate of 18 January)", d("2026-01-20"));
  ASSERT_TRUE(waiver.ok()) << waiver.error().to_string();
  ASSERT_EQ(w.store().waivers("D").size(), 1u);
  EXPECT_EQ(w.store().waivers("D")[0].reason, "hospitalised (certificate of 18 January)");
  // 10 days of waiver: the suspension moves from 10 February to 20 February.
  EXPECT_TRUE(w.dun(d("2026-02-10")).steps.empty());
  EXPECT_TRUE(w.dun(d("2026-02-19")).steps.empty());
  DunningRunSummary s = w.dun(d("2026-02-20"));
  EXPECT_EQ(s.steps["suspension"], 1);
  EXPECT_EQ(cases_of(w, "D").back().suspended, d("2026-02-20"));
}

TEST(BillingDunning, DUN_01_BEN_09_DunningTwiceOnTheSameDateChangesNothing) {
  World w({{"D"}, {"E", "quarterly"}});
  w.bill(d("2026-01-02"));
  DunningRunSummary first = w.dun(d("2026-01-11"));
  EXPECT_EQ(first.steps["notice"], 2);
  const int64_t count = w.store().count_entries();
  const auto cases_d = cases_of(w, "D");
  const auto docs = w.store().documents("D").size();
  DunningRunSummary second = w.dun(d("2026-01-11"));
  EXPECT_TRUE(second.steps.empty());
  EXPECT_EQ(second.entries_posted, 0);
  EXPECT_EQ(w.store().count_entries(), count);
  EXPECT_EQ(cases_of(w, "D"), cases_d);
  EXPECT_EQ(w.store().documents("D").size(), docs);
  EXPECT_EQ(w.store().collection_status("D")->since, d("2026-01-11"));
}

// DUN-01..04 (issue 16): a dunning run is a sequence of units of work, one per `commit_every`
// contracts of the ledger, each deciding on what it reads; one contract per unit ends in the
// state of one unit for all: notices, a payment that reinstates, suspensions, terminations.
TEST(BillingDunning, DUN_01_DUN_04_RunOfOneContractPerUnitOfWorkEndsInTheSameState) {
  const std::vector<MemberSpec> specs = {{"A"}, {"B", "quarterly"}, {"C"}, {"D"}};
  World one(specs), chunked(specs);
  for (World* w : {&one, &chunked}) {
    w->bill(d("2026-01-02"));
    // C pays January in time; D pays it during the notice period.
    ASSERT_TRUE(w->pay(d("2026-01-05"), {"C,2026-01-05,32.84,transfer,VIR-C"}).errors.empty());
  }
  for (const char* day : {"2026-01-11", "2026-01-25", "2026-02-10", "2026-02-20"}) {
    if (std::string(day) == "2026-01-25") {
      for (World* w : {&one, &chunked}) {
        ASSERT_TRUE(w->pay(d(day), {"D,2026-01-20,32.84,transfer,VIR-D"}).errors.empty());
      }
      continue;
    }
    auto a = run_dunning(one.store(), regulation(), d(day), {}, 20000);
    auto b = run_dunning(chunked.store(), regulation(), d(day), {}, 1);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->contracts_examined, b->contracts_examined) << day;
    EXPECT_EQ(a->entries_posted, b->entries_posted) << day;
    EXPECT_EQ(a->steps, b->steps) << day;
    EXPECT_GT(a->contracts_examined, 0) << day;
  }
  for (const std::string& c : one.ids()) {
    EXPECT_EQ(cases_of(one, c), cases_of(chunked, c)) << c;
    auto x = one.store().collection_status(c), y = chunked.store().collection_status(c);
    ASSERT_EQ(x.has_value(), y.has_value()) << c;
    if (x) EXPECT_EQ(x->status, y->status) << c;
    EXPECT_EQ(one.entries(c).size(), chunked.entries(c).size()) << c;
  }
  EXPECT_EQ(one.store().collection_status("A")->status, CollectionStatus::kTerminated);
  EXPECT_EQ(cases_of(one, "C").size(), 1u);  // January paid in time; February not: notice
  EXPECT_EQ(cases_of(one, "C").front().oldest_due, d("2026-02-01"));
  EXPECT_EQ(cases_of(one, "D").front().reinstated, d("2026-01-20"));
}

TEST(BillingDunning, DUN_01_LettersAreWrittenAndTheNoticeSaysMiseEnDemeure) {
  World w({{"D"}});
  w.bill(d("2026-01-02"));
  const std::string letters = w.path("letters");
  fs::create_directories(letters);
  DunningRunSummary run = w.dun(d("2026-01-11"), letters);
  ASSERT_EQ(run.letters.size(), 1u);
  const std::string pdf = run.letters[0];
  ASSERT_TRUE(fs::exists(pdf)) << pdf;
  EXPECT_EQ(read_text(pdf).substr(0, 5), "%PDF-");
  const std::string txt = w.path("notice.txt");
  ASSERT_TRUE(command_ok("pdftotext '" + pdf + "' '" + txt + "' 2>/dev/null"));
  std::string text = read_text(txt);
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  EXPECT_NE(text.find("mise en demeure"), std::string::npos) << text;
  // DUN-01: the notice states that non-payment may end the guarantees.
  EXPECT_TRUE(text.find("suspen") != std::string::npos || text.find("résili") != std::string::npos)
      << text;
  // The suspension and termination letters too.
  DunningRunSummary later = w.dun(d("2026-02-20"), letters);
  EXPECT_EQ(later.letters.size(), 2u);
  for (const std::string& f : later.letters) EXPECT_TRUE(fs::exists(f)) << f;
}

// DUN-01: a formal notice goes by registered letter: without a postal address none is sent, no
// procedure opens (so no suspension can follow), and the contract goes to the work list. Once the
// address is recorded, the next run sends the notice, dated that run.
TEST(BillingDunning, DUN_01_NoNoticeWithoutAPostalAddressTheWorkListInstead) {
  World w({{"N", "monthly", "2026-01-01", false, ""}});
  w.bill(d("2026-01-02"));
  DunningRunSummary run = w.dun(d("2026-01-11"));  // 1 January + 10 days: the notice is due
  EXPECT_TRUE(run.steps.empty());
  EXPECT_EQ(run.notices_withheld, std::vector<std::string>{"N"});
  EXPECT_TRUE(cases_of(w, "N").empty());
  for (const DocumentRecord& doc : w.store().documents("N")) EXPECT_NE(doc.kind, "formal_notice");
  auto items = worklist(w.store(), regulation(), d("2026-01-12"));
  ASSERT_TRUE(items.ok()) << items.error().to_string();
  int withheld = 0;
  for (const WorkItem& i : *items) {
    if (i.kind != "notice_withheld") continue;
    ++withheld;
    EXPECT_EQ(i.contract_id, "N");
    EXPECT_EQ(i.rule, "DUN-01");
    EXPECT_EQ(i.date, d("2026-01-11"));  // the day the notice became due
    EXPECT_NE(i.detail.find("32.84"), std::string::npos) << i.detail;  // one month's arrears
  }
  EXPECT_EQ(withheld, 1);
  // Forty days later nothing was suspended: no notice, no clock.
  EXPECT_TRUE(w.dun(d("2026-02-20")).steps.empty());
  ASSERT_TRUE(update_contract_field(w.store(), "N", "address", "2 rue Carreterie 84000 Avignon",
                                    d("2026-02-21"), d("2026-02-21"))
                  .ok());
  DunningRunSummary sent = w.dun(d("2026-02-21"));
  EXPECT_EQ(sent.steps["notice"], 1);
  EXPECT_TRUE(sent.notices_withheld.empty());
  ASSERT_EQ(cases_of(w, "N").size(), 1u);
  EXPECT_EQ(cases_of(w, "N")[0].notice, d("2026-02-21"));
  auto after = worklist(w.store(), regulation(), d("2026-02-21"));
  ASSERT_TRUE(after.ok());
  for (const WorkItem& i : *after) EXPECT_NE(i.kind, "notice_withheld");
}

// DUN-01: the notice carries one date, the day it was issued (11 January for an instalment due 1
// January: day 10 after the due date, the due date counting as the first of the ten days), on
// the letter and on any reprint; the body states how the ten days were counted.
TEST(BillingDunning, DUN_01_TheNoticeHasOneDateAndStatesTheReadingOfTheTenDays) {
  World w({{"D"}});
  w.bill(d("2026-01-02"));
  const std::string letters = w.path("letters");
  fs::create_directories(letters);
  DunningRunSummary run = w.dun(d("2026-01-11"), letters);
  ASSERT_EQ(run.letters.size(), 1u);
  auto reprint = issue_document(w.store(), regulation(), "D", "formal_notice", w.path("reprint"),
                                d("2026-01-20"));
  ASSERT_TRUE(reprint.ok()) << reprint.error().to_string();
  for (const std::string& pdf : {run.letters[0], reprint->path}) {
    const std::string txt = pdf + ".txt";
    ASSERT_TRUE(command_ok("pdftotext '" + pdf + "' '" + txt + "' 2>/dev/null"));
    std::string text;  // whitespace collapsed: a sentence may wrap anywhere
    for (char c : read_text(txt)) {
      const bool space = c == ' ' || c == '\n' || c == '\f';
      if (!space || (!text.empty() && text.back() != ' ')) text += space ? ' ' : c;
    }
    EXPECT_NE(text.find("Le 11 janvier 2026"), std::string::npos) << text;
    EXPECT_EQ(text.find("20 janvier 2026"), std::string::npos) << "the reprint's date: " << text;
    EXPECT_EQ(text.find("datée du"), std::string::npos) << text;
    // The reading: due 1 January, the ten days are 1..10 January, the notice from 11 January.
    EXPECT_NE(text.find("pris fin le 10 janvier 2026"), std::string::npos) << text;
    EXPECT_NE(text.find("avant le 11 janvier 2026"), std::string::npos) << text;
    // 11 January + 30 days = 10 February; + 10 days = 20 February.
    EXPECT_NE(text.find("10 février 2026"), std::string::npos) << text;
    EXPECT_NE(text.find("20 février 2026"), std::string::npos) << text;
  }
}

// DUN-01: documents --kind formal_notice refuses a contract without a postal address.
TEST(BillingDunning, DUN_01_NoFormalNoticeDocumentWithoutAnAddress) {
  World w({{"D"}});
  w.bill(d("2026-01-02"));
  w.dun(d("2026-01-11"));
  Contract c = *w.store().find_contract("D");
  c.address.clear();
  w.store().update_contract(c);
  auto doc = issue_document(w.store(), regulation(), "D", "formal_notice", w.path("out"),
                            d("2026-01-12"));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().rule_id, "DUN-01");
}

// =============================================================================================
// 7. Account report (BIL-04, BIL-05)
// =============================================================================================

TEST(BillingAccount, BIL_04_BIL_05_BalanceIsTheSumOfEffectsAndLinesHaveTheirStatus) {
  World w({{"R"}});
  w.bill(d("2026-03-01"));  // January, February, March
  ASSERT_TRUE(w.pay(d("2026-02-05"), {"R,2026-01-05,32.84,transfer,VIR-R-1",
                                      "R,2026-02-05,10.00,cheque,CHQ-R-2"})
                  .errors.empty());
  auto r = account_report(w.store(), "R", d("2026-03-01"));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->balance, kMonthly * 3 - m("42.84"));  // 55.68
  EXPECT_EQ(r->overdue, r->balance);
  EXPECT_EQ(r->payment_method, "transfer");
  std::map<int, std::string> status;
  std::map<int, Money> paid;
  for (const ScheduleLine& l : r->schedule) {
    if (l.instalment.year != 2026) continue;
    status[l.instalment.period] = l.status;
    paid[l.instalment.period] = l.paid;
  }
  EXPECT_EQ(status[1], "paid");
  EXPECT_EQ(status[2], "partly_paid");
  EXPECT_EQ(paid[2], m("10.00"));
  EXPECT_EQ(status[3], "unpaid");
  EXPECT_EQ(status[4], "not_due");
  EXPECT_EQ(status[12], "not_due");
  // Earlier: on 1 February nothing of February was paid yet, March not due.
  auto feb = account_report(w.store(), "R", d("2026-02-01"));
  ASSERT_TRUE(feb.ok());
  EXPECT_EQ(feb->balance, kMonthly);
  for (const ScheduleLine& l : feb->schedule) {
    if (l.instalment.period == 1) { EXPECT_EQ(l.status, "paid"); }
    if (l.instalment.period == 2) { EXPECT_EQ(l.status, "unpaid"); }
    if (l.instalment.period == 3) { EXPECT_EQ(l.status, "not_due"); }
  }
  // BIL-04: the balance on any day is Σ of the 411 effects dated on or before it.
  for (Date day = d("2025-12-31"); day <= d("2026-04-01"); day = add_days(day, 1)) {
    auto at = account_report(w.store(), "R", day);
    ASSERT_TRUE(at.ok());
    Money sum;
    for (const Entry& e : at->entries) {
      if (e.date <= day) sum += receivable_effect(e);
    }
    EXPECT_EQ(at->balance, sum) << format_date(day);
  }
  EXPECT_FALSE(account_report(w.store(), "NOPE", d("2026-03-01")).ok());
}

// BIL-04 / BIL-05. A re-rating credit lowers what its period asks; it is not money received:
// after an end nothing shows as paid when the member paid nothing, and the lines' unpaid parts
// sum to the account's `overdue` (AccountView nets a period's due and adjustments).
TEST(BillingAccount, BIL_04_BIL_05_ReRatingCreditIsNotCountedAsAPayment) {
  World w({{"R"}});
  w.bill(d("2026-03-05"));  // January, February, March: nothing paid
  auto ended = radiate(w.store(), regulation(), "R", d("2026-03-15"), "left the civil service",
                       d("2026-03-16"));
  ASSERT_TRUE(ended.ok()) << ended.error().to_string();
  w.bill(d("2026-03-16"));  // March re-rated to 15.89 (credit of 16.95)
  auto r = account_report(w.store(), "R", d("2026-03-20"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->balance, kMonthly * 2 + cents(1589));  // 81.57 owed
  EXPECT_EQ(r->overdue, r->balance);
  Money unpaid;
  for (const ScheduleLine& l : r->schedule) {
    if (l.instalment.due > d("2026-03-20")) continue;
    unpaid += l.billed - l.paid;
    EXPECT_EQ(l.status, "unpaid") << "period " << l.instalment.period << " paid " << l.paid.format();
    EXPECT_TRUE(l.paid.is_zero()) << "period " << l.instalment.period;
  }
  EXPECT_EQ(unpaid, r->overdue);
}

TEST(BillingAccount, BIL_05_ReportFollowsTheProcedure) {
  World w({{"R", "monthly", "2026-01-01", true}});
  w.bill(d("2026-01-02"));
  w.dun(d("2026-01-11"));
  w.dun(d("2026-02-10"));
  auto notice = account_report(w.store(), "R", d("2026-01-20"));
  ASSERT_TRUE(notice.ok());
  EXPECT_EQ(notice->status, DunningStatus::kNotice);
  EXPECT_EQ(notice->since, d("2026-01-11"));
  EXPECT_EQ(notice->payment_method, "direct_debit");
  ASSERT_TRUE(notice->mandate);
  EXPECT_EQ(notice->mandate->rum, "RUM-R");
  auto suspended = account_report(w.store(), "R", d("2026-02-12"));
  ASSERT_TRUE(suspended.ok());
  EXPECT_EQ(suspended->status, DunningStatus::kSuspended);
  EXPECT_EQ(suspended->since, d("2026-02-10"));
  EXPECT_EQ(suspended->overdue, kMonthly * 2);
  EXPECT_EQ(suspended->cases.size(), 1u);
  auto before = account_report(w.store(), "R", d("2026-01-05"));
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->status, DunningStatus::kUpToDate);
}

}  // namespace
}  // namespace mutua

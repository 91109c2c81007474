// `mutua billing run`: annual calls, instalments due, re-rating corrections and refunds
// (BIL-01, BIL-02, BIL-04, BIL-06). See app/billing.hpp.
#include <algorithm>
#include <iterator>
#include <optional>
#include <unordered_map>

#include "app/billing.hpp"
#include "app/batch_queue.hpp"
#include "app/billing_internal.hpp"
#include "app/rate_service.hpp"
#include "billing/billing_decision.hpp"
#include "billing/rating_inputs.hpp"
#include "members/lifecycle.hpp"

namespace mutua {

namespace {
constexpr const char* kLastRunSetting = "last_billing_run";
}  // namespace

Result<DunningParams> dunning_params(const Regulation& regulation, Date on) {
  auto notice = regulation.integer_at("dunning.notice_after_days", on);
  auto suspension = regulation.integer_at("dunning.suspension_after_days", on);
  auto termination = regulation.integer_at("dunning.termination_after_days", on);
  if (!notice) return notice.error();
  if (!suspension) return suspension.error();
  if (!termination) return termination.error();
  return DunningParams{static_cast<int>(*notice), static_cast<int>(*suspension),
                       static_cast<int>(*termination)};
}

namespace {

constexpr const char* kStartYear = "start_year";

// Everything a run needs to rate any contract of the years billed.
struct BillingWorld {
  Catalogue catalogue;
  std::vector<int> years;
  std::map<int, Result<RatingParams>> params;
  // ADH-06: the product in force on 1 January of each year, for contracts that changed it.
  std::unordered_map<std::string, std::vector<ProductChange>> changes;
  // Fingerprints of the rating inputs (billing/rating_inputs.hpp): per year, and per product-year.
  std::map<int, uint64_t> params_fp;
  std::map<std::pair<const Product*, int>, uint64_t> product_fp;
  // SUS-01: suspensions of rights by contract (their days are not due).
  std::unordered_map<std::string, std::vector<Suspension>> suspensions;

  const std::vector<Suspension>& suspensions_of(const Contract& c) const {
    static const std::vector<Suspension> kNone;
    auto it = suspensions.find(c.id);
    return it == suspensions.end() ? kNone : it->second;
  }

  uint64_t fingerprint(const Contract& c, const Product* product, int year) const {
    auto it = product_fp.find({product, year});
    return contract_fingerprint(c, it == product_fp.end() ? 0 : it->second, params_fp.at(year),
                                suspensions_of(c));
  }

  const Product* product_for(const Contract& c, int year) const {
    std::string code = c.product;
    if (auto it = changes.find(c.id); it != changes.end()) {
      code = product_on(c, it->second, first_of_year(year));
    }
    return catalogue.find(code);
  }
};

std::vector<int> years_to_bill(Store& store, Date today, int& start_year) {
  const int this_year = year_of(today);
  const int last = this_year + (month_of(today) == 12 ? 1 : 0);  // BIL-01: the call in December
  if (auto stored = store.billing_setting(kStartYear)) {
    start_year = std::stoi(*stored);
  } else {
    start_year = last;
    if (month_of(today) != 12) start_year = this_year;
    store.set_billing_setting(kStartYear, std::to_string(start_year));
  }
  int first = this_year;
  if (auto previous = store.billing_setting(kLastRunSetting)) {
    if (auto d = try_parse_date(*previous)) first = std::min(first, year_of(*d));
  }
  first = std::max(first, start_year);
  std::vector<int> years;
  for (int y = first; y <= last; ++y) years.push_back(y);
  return years;
}

// Refund of an ended contract whose account is in credit (BIL-06): the credit is paid back.
void refund_if_ended(Store& store, const Contract& c, Date today, BillingRunSummary& summary) {
  std::optional<Date> end;
  for (const Beneficiary& b : c.beneficiaries) {
    if (!b.end_date) return;
    if (!end || *b.end_date > *end) end = b.end_date;
  }
  if (!end || *end > today) return;
  const Money balance = AccountView(store.entries(c.id)).balance(today);
  if (!balance.is_negative()) return;
  // One refund per contract and business date: a credit that appears later (a debit collected
  // after the end) is refunded by a later run.
  std::vector<Entry> refund{make_entry("refund:" + c.id + ":" + format_date(today), today,
                                       EntryKind::kRefund, c.id, account::kReceivable,
                                       account::kBank, -balance, "BIL-06")};
  refund[0].reference = "remboursement fin d'adhésion " + format_date(*end);
  if (store.post_entries(refund) == 1) {
    ++summary.refunds;
    summary.refunded += -balance;
    ++summary.entries_posted;
  }
}

// Bills one contract for every year of the world, with its stored schedules.
void bill_contract(const BillingWorld& world, const Contract& c,
                   const std::map<int, const BillingSchedule*>& stored, Date today,
                   BillingRunSummary& summary, std::vector<BillingSchedule>& to_save,
                   std::vector<Entry>& to_post) {
  for (int year : world.years) {
    auto it = stored.find(year);
    std::optional<BillingSchedule> previous;
    if (it != stored.end()) previous = *it->second;
    std::vector<Instalment> target;
    const Product* product = world.product_for(c, year);
    const auto& params = world.params.at(year);
    const uint64_t inputs = world.fingerprint(c, product, year);
    bool covered = false;
    for (const Beneficiary& b : c.beneficiaries) {
      covered |= b.covered_during(first_of_year(year), last_of_year(year));
    }
    if (previous && previous->inputs == inputs) {
      // Rated from the same inputs before: the same schedule; post from it.
      for (const ScheduledInstalment& i : previous->instalments) target.push_back(i.instalment);
    } else if (covered) {
      Result<ContractRate> rate = product && params.ok()
                                      ? rate_contract(c, *product, year, *params,
                                                      world.suspensions_of(c))
                                      : Result<ContractRate>(Error{params.ok() ? "unknown product"
                                                                               : params.error().message});
      if (!rate) {
        ++summary.not_rated[c.product + " " + std::to_string(year) + ": " + rate.error().message];
        continue;  // nothing billed on a guess; the summary says why
      }
      target = build_schedule(c, *rate, previous ? previous->frequency : c.payment_frequency);
    }
    YearBilling b = bill_year(c.id, year, c.payment_frequency, target, previous, today, inputs);
    if (b.new_call) ++summary.calls_issued;
    if (b.changed) ++summary.schedules_changed;
    if (b.save || previous) ++summary.contracts;
    for (Entry& e : b.entries) {
      if (e.kind == EntryKind::kContributionDue) summary.billed += e.amount;
      if (e.kind == EntryKind::kAdjustment) summary.adjusted += receivable_effect(e);
      to_post.push_back(std::move(e));
    }
    if (b.save) to_save.push_back(std::move(*b.save));
  }
}

// `only`: the one contract a re-billing concerns (its product changes only), or null for a run.
BillingWorld load_world(Store& store, const Regulation& regulation, Date today,
                        BillingRunSummary& summary, const std::string* only = nullptr) {
  BillingWorld w;
  w.years = years_to_bill(store, today, summary.start_year);
  w.catalogue = store.load_catalogue();
  for (int y : w.years) {
    auto params = w.params.emplace(y, rating_params(regulation, y)).first;
    w.params_fp[y] = params->second ? params_fingerprint(*params->second) : 0;
    for (const Product& p : w.catalogue.products) w.product_fp[{&p, y}] = product_fingerprint(p, y);
  }
  if (only) {
    w.changes[*only] = store.product_changes(*only);
    w.suspensions[*only] = store.suspensions(*only);
  }
  summary.years = w.years;
  return w;
}

// ADH-06 and SUS-01: the product changes and suspensions of the chunk's contracts, read in the
// chunk's unit of work (a suspension recorded while a run is under way is billed from).
void load_chunk_changes(Store& store, BillingWorld& world, const std::vector<Contract>& chunk) {
  world.changes.clear();
  world.suspensions.clear();
  if (chunk.empty()) return;
  for (ProductChange& c : store.product_changes_between(chunk.front().id, chunk.back().id)) {
    world.changes[c.contract_id].push_back(std::move(c));
  }
  for (Suspension& s : store.suspensions_between(chunk.front().id, chunk.back().id)) {
    world.suspensions[s.contract_id].push_back(std::move(s));
  }
}

void bill_chunk(Store& store, const BillingWorld& world, std::vector<Contract>& chunk, Date today,
                BillingRunSummary& summary) {
  if (chunk.empty()) return;
  std::map<int, std::vector<BillingSchedule>> stored;
  for (int y : world.years) {
    stored[y] = store.schedules_between(y, chunk.front().id, chunk.back().id);
  }
  std::unordered_map<std::string, std::map<int, const BillingSchedule*>> by_contract;
  for (const auto& [year, list] : stored) {
    for (const BillingSchedule& s : list) by_contract[s.contract_id][year] = &s;
  }
  std::vector<BillingSchedule> to_save;
  std::vector<Entry> to_post;
  static const std::map<int, const BillingSchedule*> kNone;
  for (const Contract& c : chunk) {
    auto it = by_contract.find(c.id);
    bill_contract(world, c, it == by_contract.end() ? kNone : it->second, today, summary,
                  to_save, to_post);
  }
  summary.entries_posted += store.post_entries(to_post);
  store.save_schedules(to_save);
  for (const Contract& c : chunk) refund_if_ended(store, c, today, summary);
  chunk.clear();
}

constexpr const char* kBatchKind = "billing run";

// The contracts in `range`, read by key in pages of `page` (the range holds about a page, more
// when contracts were added after the plan).
std::vector<Contract> contracts_in(Store& store, const KeyRange& range, int64_t page) {
  std::vector<Contract> out;
  for (std::string after = range.after;;) {
    std::vector<Contract> next = store.contracts_after(after, page);
    const size_t got = next.size();
    auto end = std::find_if(next.begin(), next.end(),
                            [&](const Contract& c) { return !in_range(range, c.id); });
    const bool past = end != next.end();
    next.erase(end, next.end());
    if (out.empty()) {
      out = std::move(next);  // the usual case: the chunk is one page, taken whole
    } else {
      std::move(next.begin(), next.end(), std::back_inserter(out));
    }
    // Past the range, or its last contract reached: no page past it is read (its contracts
    // are the next chunk's).
    if (past || got < static_cast<size_t>(page) || out.empty() || out.back().id == range.last) {
      return out;
    }
    after = out.back().id;
  }
}

}  // namespace

Result<BillingRunSummary> run_billing(Store& store, const Regulation& regulation, Date today,
                                      int64_t commit_every, const BatchRole& role) {
  BillingRunSummary summary;
  summary.business_date = today;
  commit_every = std::max<int64_t>(commit_every, 1);
  // Units of work (app/batch_queue.hpp): the world, the debits settled and the batch planned
  // (ranges of `commit_every` contracts), then one per chunk of contracts, then the end. A
  // chunk's checkpoint is its "done" mark, committed with its schedules and ledger entries. A
  // kill loses at most the open chunks; a run again on the same date resumes the batch, and
  // one on another date bills every contract again (same inputs, keys already posted: nothing
  // new where nothing changed).
  std::optional<BillingWorld> world;
  std::optional<BatchRun> run;
  {
    // A process joining only reads here (the first one set the start year and planned): its
    // transaction need not wait for the chunks in progress.
    Transaction tx(store, role.alone ? TxMode::kExclusive : TxMode::kShared);
    world.emplace(load_world(store, regulation, today, summary));
    run = open_or_join(store, kBatchKind, today, role, [&] {
      return plan_ranges([&](const std::string& after,
                             int64_t n) { return store.contract_ids_after(after, n); },
                         commit_every);
    });
    if (run && role.alone) {
      summary.entries_posted += settle_debits(store, today);  // debits whose date has come
    }
    tx.commit();
  }
  if (role.planned) role.planned();
  if (!run) return summary;  // joined after the end: the others billed everything
  summary.batch_id = run->id;
  summary.chunks = run_to_end(
      store, *run, role.worker,
      [&](const KeyRange& range) {
        std::vector<Contract> chunk = contracts_in(store, range, commit_every);
        load_chunk_changes(store, *world, chunk);
        bill_chunk(store, *world, chunk, today, summary);
      },
      [&] { store.set_billing_setting(kLastRunSetting, format_date(today)); },
      summary.batch_ended);
  return summary;
}

Status rebill_contract(Store& store, const Regulation& regulation, const std::string& contract_id,
                       Date today, BillingRunSummary* out) {
  if (!store.billing_setting(kStartYear)) return Status::success();  // nothing billed yet
  auto contract = store.find_contract(contract_id);
  if (!contract) return Error{"unknown contract '" + contract_id + "'"};
  BillingRunSummary local;
  BillingRunSummary& summary = out ? *out : local;
  const BillingWorld world = load_world(store, regulation, today, summary, &contract_id);
  std::vector<Contract> chunk{*contract};
  bill_chunk(store, world, chunk, today, summary);
  return Status::success();
}

}  // namespace mutua

namespace mutua {

int64_t post_due_from_schedules(Store& store, Date today) {
  int first = year_of(today);
  if (auto last = store.billing_setting(kLastRunSetting)) {
    if (auto d = try_parse_date(*last)) first = std::min(first, year_of(*d));
  }
  int64_t posted = 0;
  for (int year = first; year <= year_of(today); ++year) {
    // Collected first, written after the scan: the scan reads the table the writes change.
    std::vector<BillingSchedule> changed;
    std::vector<Entry> entries;
    store.for_each_schedule(year, [&](const BillingSchedule& stored) {
      for (const ScheduledInstalment& i : stored.instalments) {
        if (i.instalment.due <= today && !i.posted && !i.instalment.amount.is_zero()) {
          BillingSchedule s = stored;
          for (Entry& e : bill_due(s, today)) entries.push_back(std::move(e));
          changed.push_back(std::move(s));
          return;
        }
      }
    });
    posted += store.post_entries(entries);
    store.save_schedules(changed);
  }
  return posted;
}

}  // namespace mutua

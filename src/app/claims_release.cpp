#include "app/claims_release.hpp"

#include <set>
#include <utility>

#include "app/billing.hpp"
#include "app/claims_context.hpp"
#include "app/claims_run.hpp"

namespace mutua {

namespace {

// What `claims explain` and error messages name as the source of a released line.
constexpr const char* kSource = "claim_decisions";

bool same_outcome(const StoredDecision& a, const StoredDecision& b) {
  return a.status == b.status && a.rc == b.rc && a.remaining == b.remaining &&
         a.reasons == b.reasons;
}

class Release {
 public:
  Release(Store& store, const Regulation& regulation, Date business_date)
      : store_(store), regulation_(regulation), business_date_(business_date) {}

  ReleaseOutcome run(const std::vector<std::string>& contract_ids) {
    std::vector<StoredDecision> held = store_.pending_decisions(contract_ids);
    if (held.empty()) return std::move(out_);
    world_ = ClaimsWorld::load_contracts(store_, regulation_, contract_ids);
    std::vector<CareLine> lines = decode(held);
    load_accumulators(lines);
    for (size_t i = 0; i < held.size(); ++i) decide(held[i], lines[i]);
    if (!changed_.empty()) persist();
    return std::move(out_);
  }

 private:
  // The care line each held decision keeps in its detail. An undecodable detail is a damaged
  // database, not an expected outcome.
  static std::vector<CareLine> decode(const std::vector<StoredDecision>& held) {
    std::vector<CareLine> lines;
    lines.reserve(held.size());
    for (const StoredDecision& row : held) {
      Result<DecisionDetail> detail = decode_detail(row);
      if (!detail) throw StoreError(detail.error().to_string());
      lines.push_back(std::move(detail->line));
    }
    return lines;
  }

  // Only the beneficiaries whose lines are released: their caps and counters (BEN-08).
  void load_accumulators(const std::vector<CareLine>& lines) {
    std::set<std::string> ids;
    for (const CareLine& line : lines) ids.insert(line.beneficiary_id);
    store_.load_accumulators_of({ids.begin(), ids.end()}, state_);
  }

  void decide(const StoredDecision& was, const CareLine& line) {
    ++out_.lines;
    LineContext context;
    uint32_t contract = 0;
    if (Status s = world_->context_for(line, kSource, context, contract); !s) {
      out_.warnings.push_back(s.error().to_string());
      ++out_.by_status[std::string(to_string(was.status))];
      return;
    }
    context.record_steps = false;
    StoredDecision now;
    DecidedLine decided = decide_line(line, context, state_, &now);
    const Decision& d = decided.decision;
    ++out_.by_status[std::string(to_string(d.status))];
    if (same_outcome(was, now)) return;  // still held as it was: the row stays untouched
    now.run_id = was.run_id;             // a line still held keeps its place in the release order
    count(line, d);
    if (d.status == ClaimStatus::kPaid) out_.paid += d.rc;
    const bool pays = d.status == ClaimStatus::kPaid && d.rc.cents() > 0;
    if (pays) pay(line, d.rc);
    if (pays && !line.third_party.empty()) recover(line, d.rc);
    if (decided.window) dirty_windows_.insert(std::move(*decided.window));
    if (decided.budget) dirty_budgets_.insert(std::move(*decided.budget));
    if (decided.renewal) dirty_windows_.insert(std::move(*decided.renewal));  // BEN-16
    changed_.push_back(std::move(now));
  }

  // The release run's summary, as a claims run stores its own (app/claims_run.hpp).
  void count(const CareLine& line, const Decision& d) {
    ++summary_.records;
    StatusCount& c = summary_.by_status[std::string(to_string(d.status))];
    ++c.lines;
    c.rc += d.rc;
    for (Reason r : d.reasons) ++summary_.by_reason[std::string(to_string(r))];
    summary_.charged += line.charged;
    summary_.ro_paid += line.ro_paid;
    summary_.other_payers += line.other_payers;
    summary_.rc += d.rc;
    summary_.remaining += d.remaining;
  }

  // BEN-13: one total per payee, as the claims run groups them.
  void pay(const CareLine& line, Money rc) {
    std::string ref = payee_ref(line);
    PayeeTotal& p = payments_[{line.payee, ref}];
    if (p.lines == 0) {
      p.payee = line.payee;
      p.ref = std::move(ref);
    }
    p.amount += rc;
    ++p.lines;
    summary_.paid += rc;
  }

  // BEN-14: what is paid for an accident caused by a third party is recoverable from them.
  void recover(const CareLine& line, Money rc) {
    RecoveryTotal& r = recoveries_[line.third_party];
    if (r.lines == 0) r.third_party = line.third_party;
    r.amount += rc;
    ++r.lines;
    ++summary_.recoverable_lines;
    summary_.recoverable += rc;
  }

  // One release run, the changed decisions in place, the accumulators they consumed, and the
  // payments and recoveries of the run: all in the caller's transaction.
  void persist() {
    for (auto& [key, p] : payments_) out_.payments.push_back(p);
    std::vector<RecoveryTotal> recoveries;
    for (auto& [name, r] : recoveries_) recoveries.push_back(r);
    summary_.payees = static_cast<int64_t>(out_.payments.size());

    ClaimRunRecord run;
    run.input = "release:" + format_date(business_date_);
    run.input_identity = run.input;  // done from the start: never found as a run to resume
    run.business_date = format_date(business_date_);
    run.done = true;
    run.records_done = summary_.records;
    run.summary_json = summary_.to_json();
    run.id = store_.insert_claim_run(run);
    summary_.run_id = run.id;
    run.summary_json = summary_.to_json();
    store_.update_claim_run(run);
    out_.run_id = run.id;

    for (StoredDecision& d : changed_) {
      if (d.status != ClaimStatus::kPending) d.run_id = run.id;  // decided by the release
      store_.replace_decision(d);
    }
    store_.save_accumulators(state_, {dirty_windows_.begin(), dirty_windows_.end()},
                             {dirty_budgets_.begin(), dirty_budgets_.end()});
    store_.add_claim_payments(run.id, out_.payments);
    post_benefits_of_run(store_, run.id, business_date_);  // BEN-13 in the ledger
    store_.add_claim_recoveries(run.id, recoveries);
  }

  Store& store_;
  const Regulation& regulation_;
  Date business_date_;
  ReleaseOutcome out_;
  ClaimsRunSummary summary_;
  std::unique_ptr<ClaimsWorld> world_;
  AccumulatorState state_;
  std::vector<StoredDecision> changed_;
  std::set<UsageKey> dirty_windows_, dirty_budgets_;
  std::map<std::pair<Payee, std::string>, PayeeTotal> payments_;  // the order claim_payments has
  std::map<std::string, RecoveryTotal> recoveries_;
};

}  // namespace

ReleaseOutcome release_pending(Store& store, const Regulation& regulation,
                               const std::vector<std::string>& contract_ids, Date business_date) {
  return Release(store, regulation, business_date).run(contract_ids);
}

}  // namespace mutua

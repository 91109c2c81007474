// `mutua dunning run`, waivers, and the application of dunning steps shared with the payments
// import (DUN-01..05, BEN-09). See app/billing.hpp.
#include <algorithm>
#include <set>

#include "app/billing.hpp"
#include "app/billing_internal.hpp"
#include "app/claims_release.hpp"
#include "app/documents_service.hpp"
#include "app/lifecycle.hpp"
#include "app/lifecycle_internal.hpp"
#include "billing/billing_decision.hpp"
#include "billing/overdue.hpp"
#include "members/lifecycle.hpp"

namespace mutua {

namespace {

// Letters a step sends (DOC-02); a reinstatement is stated on the account, not by letter.
const char* letter_of(StepKind kind) {
  switch (kind) {
    case StepKind::kNotice: return "formal_notice";
    case StepKind::kSuspension: return "suspension_letter";
    case StepKind::kTermination: return "termination_letter";
    case StepKind::kReinstatement: return nullptr;
  }
  return nullptr;
}

// DUN-03: rights end the day before the termination date, recorded like any end of adhesion
// (the ledger corrected at once, undue benefits posted). An earlier end already recorded stands.
Status end_for_non_payment(Store& store, const Regulation& regulation, const DunningCase& c,
                           Date today) {
  auto contract = store.find_contract(c.contract_id);
  if (!contract) return Error{"unknown contract '" + c.contract_id + "'"};
  const Date last_day = add_days(*c.terminated, -1);
  auto previous = store.find_termination(c.contract_id);
  if (previous && previous->effective <= last_day) return Status::success();
  Termination t;
  t.contract_id = c.contract_id;
  t.kind = "non_payment";
  t.rule = "DUN-03";
  t.received = c.notice;
  t.event = "formal notice of " + format_date(c.notice) + " unanswered";
  t.effective = last_day;
  return record_termination(store, regulation, *contract, t, today);
}

void set_collection_from(Store& store, const DunningCase& latest, Date today) {
  switch (status_on(latest, today)) {
    case DunningStatus::kUpToDate:
      store.set_collection(latest.contract_id, CollectionStatus::kUpToDate, today, std::nullopt);
      break;
    case DunningStatus::kNotice:
      store.set_collection(latest.contract_id, CollectionStatus::kNotice, latest.notice,
                           std::nullopt);
      break;
    case DunningStatus::kSuspended:
      store.set_collection(latest.contract_id, CollectionStatus::kSuspended, *latest.suspended,
                           latest.suspended);
      break;
    case DunningStatus::kTerminated:
      store.set_collection(latest.contract_id, CollectionStatus::kTerminated, *latest.terminated,
                           latest.suspended);
      break;
  }
}

}  // namespace

bool has_postal_address(const Contract& contract) {
  return contract.address.find_first_not_of(" \t\r\n") != std::string::npos;
}

Result<StepsApplied> advance_contract(Store& store, const Regulation& regulation,
                                      const std::string& contract_id, Date today,
                                      const DunningParams& params, bool may_open,
                                      const std::string& letters_dir) {
  StepsApplied out;
  const auto latest = store.latest_case(contract_id);
  AccountView account(store.entries(contract_id));
  const auto contract = may_open ? store.find_contract(contract_id) : std::nullopt;
  const bool address = !may_open || (contract && has_postal_address(*contract));
  DunningDecision d =
      advance(latest, account, store.waivers(contract_id), today, params, may_open, address);
  out.withheld = d.withheld;
  if (d.steps.empty()) return out;
  for (DunningCase& c : d.cases) {
    c.contract_id = contract_id;
    store.save_case(c);
  }
  const DunningCase& last = d.cases.back();
  set_collection_from(store, last, today);
  for (const DunningStep& step : d.steps) {
    out.steps.push_back(step);
    if (step.kind == StepKind::kReinstatement) out.release = true;
    if (step.kind == StepKind::kTermination) {
      out.release = true;
      if (Status s = end_for_non_payment(store, regulation, last, today); !s) return s.error();
    }
    const char* kind = letter_of(step.kind);
    if (!kind) continue;
    std::string file;
    if (!letters_dir.empty()) {
      auto doc = issue_document_in(store, regulation, contract_id, kind, letters_dir, today);
      if (!doc) return doc.error();
      file = doc->path;  // issue_document registers it
      out.letters.push_back(file);
    } else {
      store.insert_document(DocumentRecord{0, contract_id, kind, today, ""});
    }
  }
  return out;
}

namespace {

// A page of the member accounts, read by key: the next `contracts` contracts of the ledger in
// `range`, the overdue ones among them (DUN-01, billing/overdue.hpp) and, when asked, those whose
// procedure is open; each list by contract id.
struct CandidatePage {
  std::string last;  // the last contract id the page covered; empty: no contract left
  std::vector<std::string> overdue;
  std::vector<std::string> open;
  // What a dunning run examines: both lists, merged, by contract id. (Sorted here rather than
  // merged as they come: a server's collation may order ids otherwise than bytes do.)
  std::vector<std::string> examined() const {
    std::vector<std::string> out = overdue;
    out.insert(out.end(), open.begin(), open.end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
};

constexpr const char* kBatchKind = "dunning run";
struct ChunkFailed {};

CandidatePage candidates_in(Store& store, const KeyRange& range, int64_t contracts,
                            Date aged_before, Date today, bool open_cases) {
  CandidatePage page;
  const std::string& after = range.after;
  std::vector<std::string> keys =
      store.ledger_contracts_after(after, std::max<int64_t>(contracts, 1));
  while (!keys.empty() && !in_range(range, keys.back())) keys.pop_back();
  if (keys.empty()) return page;
  page.last = keys.back();
  page.overdue =
      overdue_contracts(store.receivable_entries(after, page.last, today), aged_before, today);
  if (open_cases) page.open = store.contracts_with_open_case(after, page.last);
  return page;
}

// A chunk's contracts split in pages of `contracts`: the range is about a page, more when
// accounts were opened after the plan.
Status advance_chunk(Store& store, const Regulation& regulation, const DunningParams& params,
                     const KeyRange& range, int64_t contracts, Date today,
                     const std::string& letters_dir, DunningRunSummary& summary) {
  const Date aged_before = add_days(today, -params.notice_after_days);
  for (KeyRange rest = range;;) {
    CandidatePage page = candidates_in(store, rest, contracts, aged_before, today, true);
    if (page.last.empty()) return Status::success();
    rest.after = page.last;
    const bool last_page = page.last == range.last;
    std::vector<std::string> release;
    for (const std::string& id : page.examined()) {
      ++summary.contracts_examined;
      auto applied = advance_contract(store, regulation, id, today, params, true, letters_dir);
      if (!applied) return applied.error();
      for (const DunningStep& s : applied->steps) ++summary.steps[std::string(to_string(s.kind))];
      for (auto& f : applied->letters) summary.letters.push_back(std::move(f));
      if (applied->withheld) summary.notices_withheld.push_back(id);
      if (applied->release) release.push_back(id);
    }
    if (!release.empty()) {
      summary.claims_released += release_pending(store, regulation, release, today).lines;
    }
    if (last_page) return Status::success();
  }
}

}  // namespace

Result<DunningRunSummary> run_dunning(Store& store, const Regulation& regulation, Date today,
                                      const std::string& letters_dir, int64_t commit_every,
                                      const BatchRole& role) {
  DunningRunSummary summary;
  summary.business_date = today;
  auto params = dunning_params(regulation, today);
  if (!params) return params.error();
  commit_every = std::max<int64_t>(commit_every, 1);
  std::optional<BatchRun> run;
  {  // First unit of work: what fell due and the debits collected reach the ledger; the batch
     // is planned (app/batch_queue.hpp: ranges of `commit_every` accounts of the ledger). A
     // process joining only reads here: it need not wait for the chunks in progress.
    Transaction tx(store, role.alone ? TxMode::kExclusive : TxMode::kShared);
    if (auto last = store.billing_setting("last_billing_run")) {
      summary.last_billing_run = try_parse_date(*last);
    }
    run = open_or_join(store, kBatchKind, today, role, [&] {
      return plan_ranges([&](const std::string& after,
                             int64_t n) { return store.ledger_contracts_after(after, n); },
                         commit_every);
    });
    if (run && role.alone) {
      summary.entries_posted = settle_debits(store, today) + post_due_from_schedules(store, today);
    }
    tx.commit();
  }
  if (role.planned) role.planned();
  if (!run) return summary;  // joined after the end: the others did every chunk
  // Then one unit of work per chunk: it reads its accounts and procedures, decides and writes,
  // and marks the chunk done. A kill loses the open chunks only; a run again decides the same
  // (a case already advanced has nothing left to do). Candidates: arrears aged at least the
  // notice delay (waivers only push later), and every open procedure.
  std::optional<Error> failed;
  summary.batch_id = run->id;
  try {
    summary.chunks = run_to_end(
        store, *run, role.worker,
        [&](const KeyRange& range) {
          Status done = advance_chunk(store, regulation, *params, range, commit_every, today,
                                      letters_dir, summary);
          if (!done) {
            failed = done.error();
            throw ChunkFailed{};  // the chunk's unit of work rolls back
          }
        },
        [] {}, summary.batch_ended);
  } catch (const ChunkFailed&) {
    return *failed;
  }
  return summary;
}

Status withheld_notices(Store& store, const Regulation& regulation, Date d,
                        std::vector<WorkItem>& out) {
  auto params = dunning_params(regulation, d);
  if (!params) return params.error();
  const Date aged_before = add_days(d, -params->notice_after_days);
  constexpr int64_t kPageContracts = 20000;
  for (std::string after;;) {
    const CandidatePage page =
        candidates_in(store, KeyRange{after, ""}, kPageContracts, aged_before, d, false);
    if (page.last.empty()) break;
    after = page.last;
    for (const std::string& id : page.overdue) {
      auto contract = store.find_contract(id);
      if (!contract || has_postal_address(*contract)) continue;
      AccountView account(store.entries(id));
      DunningDecision decision =
          advance(store.latest_case(id), account, store.waivers(id), d, *params, true, false);
      if (!decision.withheld) continue;
      const WithheldNotice& w = *decision.withheld;
      out.push_back({"notice_withheld", id, "", w.due_since, "DUN-01",
                     "formal notice due since " + format_date(w.due_since) + " (instalment of " +
                         format_date(w.oldest_due) + " unpaid, arrears " + w.arrears.format() +
                         ") not sent: no postal address; record it (`member update " + id +
                         " --field address`), the next dunning run sends it"});
    }
  }
  return Status::success();
}

Result<Waiver> grant_waiver(Store& store, const std::string& contract_id, Date from, Date to,
                            const std::string& reason, Date today) {
  Transaction tx(store);  // the contract is read in the unit of work that records the waiver
  if (!store.find_contract(contract_id)) {
    return data_error("", 0, "CONTRACT", "unknown contract '" + contract_id + "'");
  }
  if (reason.empty()) {
    return data_error("", 0, "--reason", "required: the circumstances proved (DUN-05)");
  }
  if (to < from) return data_error("", 0, "--until", "before --from");
  Waiver w{0, contract_id, from, to, reason, today};
  w.id = store.insert_waiver(w);
  tx.commit();
  return w;
}

}  // namespace mutua

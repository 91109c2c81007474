// Rights at a date and the staff work list. See app/lifecycle.hpp.
#include <algorithm>
#include <map>

#include "app/lifecycle.hpp"
#include "app/lifecycle_internal.hpp"
#include "billing/account_view.hpp"

namespace mutua {

RightsFacts rights_facts(Store& store, const std::string& contract_id) {
  RightsFacts f;
  f.suspensions = store.suspensions(contract_id);
  f.collection = store.collection_status(contract_id);
  f.product_changes = store.product_changes(contract_id);
  return f;
}

namespace {

// A person of an enrolment file not yet complete: no rights yet (ADH-01).
Result<RightsReport> not_started(Store& store, const Regulation& regulation,
                                 const std::string& contract_id, const std::string& beneficiary_id) {
  auto state = enrolment_state(store, regulation, contract_id);
  if (!state) return state.error();
  RightsReport r;
  r.contract_id = contract_id;
  r.beneficiary_id = beneficiary_id;
  r.answer.status = RightsState::kNotStarted;
  r.answer.reasons.push_back("ADH-01: the enrolment file is incomplete (missing: " +
                             state->missing_codes() +
                             "); rights open the day after it is complete");
  r.answer.product = state->product;
  return r;
}

}  // namespace

Result<RightsReport> rights(Store& store, const Regulation& regulation,
                            const std::string& beneficiary_id, Date d) {
  auto contract_id = store.contract_of_beneficiary(beneficiary_id);
  if (!contract_id) {
    if (auto enrolment = store.enrolment_of_beneficiary(beneficiary_id)) {
      return not_started(store, regulation, *enrolment, beneficiary_id);
    }
    return data_error("", 0, "BENEFICIARY", "unknown beneficiary '" + beneficiary_id + "'");
  }
  auto c = store.find_contract(*contract_id);
  RightsReport r;
  r.contract_id = *contract_id;
  r.beneficiary_id = beneficiary_id;
  for (const Beneficiary& b : c->beneficiaries) {
    if (b.id == beneficiary_id) r.answer = rights_on(*c, b, rights_facts(store, *contract_id), d);
  }
  return r;
}

namespace {

std::string person_name(const Beneficiary& b) { return b.first_name + " " + b.last_name; }

// ELIG-07: a child's rights ending within the window, or its condition ending then (an age
// limit reached on a day of the window, rights ending at the end of that month, possibly after
// the window: flagged as soon as the birthday is in it).
void rights_ending(Store& store, Date from, Date to, std::vector<WorkItem>& out) {
  store.for_each_contract([&](const Contract& c) {
    for (const Beneficiary& b : c.beneficiaries) {
      if (!b.end_date || *b.end_date < from) continue;
      std::string rule = b.end_reason.empty() ? "CES-01" : b.end_reason;
      bool in_window = *b.end_date <= to;
      std::string why;
      if (rule == "ELIG-07" && *b.end_date <= add_months(to, 1)) {
        ConditionEnd e = child_condition_end(b.birth_date, b.start_date, store.proofs(b.id),
                                             RightsEndRule::kSameDay);
        in_window |= e.last_eligible < to;  // the first day without a condition is in it
        why = e.why;
      }
      if (!in_window) continue;
      std::string detail = person_name(b) + " (" + std::string(to_string(b.role)) + ")";
      if (!why.empty()) detail += ": " + why + ", rights end on " + format_date(*b.end_date);
      out.push_back({"rights_ending", c.id, b.id, *b.end_date, rule, detail});
    }
  });
}

// DEM-10: the refund of a resignation under L221-10-1/L221-10-2 is due within 30 days of its
// effect: due within the window, or late (the deadline passed, the member's credit not paid).
void refunds_due(Store& store, Date from, Date to, std::vector<WorkItem>& out) {
  std::vector<Termination> ended;
  store.for_each_termination([&](const Termination& t) {
    if (refund_deadline(t) && t.refund_cents && *t.refund_cents > 0) ended.push_back(t);
  });
  for (const Termination& t : ended) {
    Date deadline = *refund_deadline(t);
    if (deadline > to) continue;
    std::vector<Entry> entries = store.entries(t.contract_id);
    bool paid = std::any_of(entries.begin(), entries.end(),
                            [](const Entry& e) { return e.kind == EntryKind::kRefund; });
    if (paid) continue;
    // Owed only when the member paid beyond the end: the account is in credit. The amount is
    // the unused contribution computed at the resignation (DEM-06), at most that credit (the
    // instalments up to the end may not all be posted yet).
    Money credit = -AccountView(entries).balance(from);
    if (!credit.is_negative() && !credit.is_zero()) {
      bool late = deadline < from;
      Money owed = std::min(credit, Money::from_cents(*t.refund_cents));
      out.push_back({late ? "refund_late" : "refund_due", t.contract_id, "", deadline, "DEM-10",
                     std::string(late ? "LATE: " : "") + "refund " + owed.format() +
                         " EUR of the unused contribution (" + t.rule + ", effective " +
                         format_date(t.effective) + ") by " + format_date(deadline) +
                         "; paid by `mutua billing run`"});
    }
  }
}

void proofs_expiring(Store& store, Date from, Date to, std::vector<WorkItem>& out) {
  // The latest proof of each type per person: an older one expiring is not news.
  std::map<std::pair<std::string, ProofType>, Proof> latest;
  store.for_each_proof([&](const Proof& p) {
    auto key = std::pair{p.beneficiary_id, p.type};
    auto it = latest.find(key);
    if (it == latest.end() || it->second.valid_to < p.valid_to) latest[key] = p;
  });
  for (const auto& [key, p] : latest) {
    if (p.valid_to < from || p.valid_to > to) continue;
    auto contract_id = store.contract_of_beneficiary(p.beneficiary_id);
    if (!contract_id) continue;
    out.push_back({"proof_expiring", *contract_id, p.beneficiary_id, p.valid_to, "ELIG-08",
                   std::string(to_string(p.type)) + " " + p.reference + " valid until " +
                       format_date(p.valid_to)});
  }
}

void to_confirm(Store& store, std::vector<WorkItem>& out) {
  store.for_each_termination([&](const Termination& t) {
    if (t.kind == "radiation" || t.confirmed) return;
    out.push_back({"resignation_to_confirm", t.contract_id, "", t.received, "DEM-04",
                   t.kind + " resignation received " + format_date(t.received) + ", effective " +
                       format_date(t.effective) + ": send the written confirmation"});
  });
}

void incomplete(Store& store, const Regulation& regulation, std::vector<WorkItem>& out) {
  std::vector<std::pair<std::string, Date>> files;
  store.for_each_enrolment([&](const EnrolmentRecord& e) {
    if (e.status == "incomplete") files.emplace_back(e.contract_id, e.signed_on);
  });
  for (const auto& [id, signed_on] : files) {
    auto state = enrolment_state(store, regulation, id);
    if (!state) continue;
    out.push_back({"enrolment_incomplete", id, "", signed_on, "ADH-01",
                   "missing: " + state->missing_codes()});
  }
}

void suspensions_ending(Store& store, Date from, Date to, std::vector<WorkItem>& out) {
  store.for_each_suspension([&](const Suspension& s) {
    if (s.to < from || s.to > to) return;
    out.push_back({"suspension_ending", s.contract_id, "", s.to, "SUS-01",
                   std::string(to_string(s.reason)) + " suspension ends; rights resume on " +
                       format_date(add_days(s.to, 1))});
  });
}

}  // namespace

Result<std::vector<WorkItem>> worklist(Store& store, const Regulation& regulation, Date d) {
  auto params = lifecycle_params(regulation, d);
  if (!params) return params.error();
  Date to = add_days(d, params->worklist_days);
  std::vector<WorkItem> out;
  rights_ending(store, d, to, out);
  proofs_expiring(store, d, to, out);
  to_confirm(store, out);
  incomplete(store, regulation, out);
  suspensions_ending(store, d, to, out);
  if (Status s = withheld_notices(store, regulation, d, out); !s) return s.error();
  refunds_due(store, d, to, out);
  std::stable_sort(out.begin(), out.end(),
                   [](const WorkItem& a, const WorkItem& b) { return a.date < b.date; });
  return out;
}

}  // namespace mutua

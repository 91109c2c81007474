#include "billing/dunning.hpp"

#include <algorithm>

namespace mutua {

std::string_view to_string(StepKind kind) {
  switch (kind) {
    case StepKind::kNotice: return "notice";
    case StepKind::kSuspension: return "suspension";
    case StepKind::kReinstatement: return "reinstatement";
    case StepKind::kTermination: return "termination";
  }
  return "?";
}

std::string_view to_string(DunningStatus status) {
  switch (status) {
    case DunningStatus::kUpToDate: return "up_to_date";
    case DunningStatus::kNotice: return "notice";
    case DunningStatus::kSuspended: return "suspended";
    case DunningStatus::kTerminated: return "terminated";
  }
  return "?";
}

Date deadline(Date anchor, int days, const std::vector<Waiver>& waivers) {
  Date end = add_days(anchor, days);
  // Each pass counts the waiver days in (anchor, end]; a longer window may meet more of them.
  for (;;) {
    int paused = 0;
    for (const Waiver& w : waivers) {
      Date from = std::max(w.from, add_days(anchor, 1));
      Date to = std::min(w.to, end);
      if (from <= to) paused += days_between(from, to) + 1;
    }
    Date next = add_days(anchor, days + paused);
    if (next == end) return end;
    end = next;
  }
}

Date notice_day(Date due, const DunningParams& params, const std::vector<Waiver>& waivers) {
  // Day 10 after the due date (the due date is day 1 of the ten days): 1 January → 11 January.
  return deadline(due, params.notice_after_days, waivers);
}

Date payment_window_end(Date due, const DunningParams& params, const std::vector<Waiver>& waivers) {
  return add_days(notice_day(due, params, waivers), -1);
}

namespace {

DunningStep step(StepKind kind, Date on, const char* rule, const AccountView& account) {
  return DunningStep{kind, on, rule, account.arrears(on)};
}

// Moves an open case forward; returns false when it stays open and nothing more happens today.
bool step_case(DunningCase& c, const AccountView& account, const std::vector<Waiver>& waivers,
               Date today, const DunningParams& params, std::vector<DunningStep>& steps) {
  if (!c.suspended) {
    const Date s = deadline(c.notice, params.suspension_after_days, waivers);
    if (auto paid = account.cleared_on(c.notice, std::min(today, s))) {
      c.reinstated = *paid;
      steps.push_back(step(StepKind::kReinstatement, *paid, "DUN-04", account));
      return true;
    }
    if (today < s) return false;
    c.suspended = s;
    steps.push_back(step(StepKind::kSuspension, s, "DUN-02", account));
  }
  const Date t = deadline(*c.suspended, params.termination_after_days, waivers);
  // From the notice: a payment dated before the suspension but imported after it still
  // reinstates on its own date.
  if (auto paid = account.cleared_on(c.notice, std::min(today, t))) {
    c.reinstated = *paid;
    steps.push_back(step(StepKind::kReinstatement, *paid, "DUN-04", account));
    return true;
  }
  if (today < t) return false;
  c.terminated = t;
  steps.push_back(step(StepKind::kTermination, t, "DUN-03", account));
  return true;
}

}  // namespace

DunningDecision advance(const std::optional<DunningCase>& current, const AccountView& account,
                        const std::vector<Waiver>& waivers, Date today,
                        const DunningParams& params, bool may_open, bool has_address) {
  DunningDecision out;
  if (current && current->terminated) return out;
  std::optional<DunningCase> open;
  if (current && current->open()) open = *current;
  for (;;) {
    if (open) {
      const bool closed = step_case(*open, account, waivers, today, params, out.steps);
      out.cases.push_back(*open);
      if (!closed || open->terminated) return out;
      open.reset();
      continue;
    }
    if (!may_open) return out;
    const auto oldest = account.oldest_unpaid(today);
    if (!oldest) return out;
    const Date due_since = notice_day(*oldest, params, waivers);
    if (today < due_since) return out;
    if (!has_address) {  // a registered letter needs an address: withheld, not sent
      out.withheld = WithheldNotice{*oldest, due_since, account.arrears(today)};
      return out;
    }
    DunningCase c;
    c.contract_id = current ? current->contract_id : std::string{};
    c.notice = today;
    c.oldest_due = *oldest;
    c.arrears = account.arrears(today);
    out.steps.push_back(DunningStep{StepKind::kNotice, today, "DUN-01", c.arrears});
    open = c;
    // A notice issued today cannot be followed by a later step today (the periods are > 0), but
    // the loop states it instead of assuming it.
    if (params.suspension_after_days > 0) {
      out.cases.push_back(*open);
      return out;
    }
  }
}

DunningStatus status_on(const std::optional<DunningCase>& latest, Date day) {
  if (!latest || day < latest->notice) return DunningStatus::kUpToDate;
  if (latest->terminated && day >= *latest->terminated) return DunningStatus::kTerminated;
  if (latest->reinstated && day >= *latest->reinstated) return DunningStatus::kUpToDate;
  if (latest->suspended && day >= *latest->suspended) return DunningStatus::kSuspended;
  return DunningStatus::kNotice;
}

}  // namespace mutua

#include "billing/billing_decision.hpp"

#include <algorithm>
#include <map>

namespace mutua {

std::string due_key(const std::string& contract_id, int year, int period) {
  return "due:" + contract_id + ":" + std::to_string(year) + ":" + std::to_string(period);
}

namespace {

Entry due_entry(const std::string& contract_id, const Instalment& i, Money amount) {
  Entry e = make_entry(due_key(contract_id, i.year, i.period), i.due, EntryKind::kContributionDue,
                       contract_id, account::kReceivable, account::kContributions, amount,
                       "BIL-02");
  e.year = i.year;
  e.period = i.period;
  return e;
}

Entry adjustment_entry(const std::string& contract_id, const Instalment& i, Money delta,
                       int version, Date today) {
  Entry e = make_entry("adj:" + contract_id + ":" + std::to_string(i.year) + ":" +
                           std::to_string(i.period) + ":" + std::to_string(version),
                       today, EntryKind::kAdjustment, contract_id, account::kReceivable,
                       account::kContributions, delta, delta.is_negative() ? "BIL-06" : "BIL-02");
  e.year = i.year;
  e.period = i.period;
  return e;
}

// The new instalment list: the target's periods, plus stored periods that were billed or
// have an increase to present and are no longer covered (amount 0, so their billing can be
// corrected).
std::vector<ScheduledInstalment> merge(const std::vector<Instalment>& target,
                                       const std::optional<BillingSchedule>& stored) {
  std::map<int, ScheduledInstalment> by_period;
  for (const Instalment& i : target) by_period[i.period] = ScheduledInstalment{i, {}, {}, false};
  if (stored) {
    for (const ScheduledInstalment& s : stored->instalments) {
      auto it = by_period.find(s.instalment.period);
      if (it == by_period.end()) {
        if (s.billed.is_zero() && s.extra.is_zero()) continue;
        ScheduledInstalment gone = s;
        gone.instalment.amount = Money{};
        by_period[s.instalment.period] = gone;
        continue;
      }
      it->second.billed = s.billed;
      it->second.extra = s.extra;
      it->second.posted = s.posted;
    }
  }
  std::vector<ScheduledInstalment> out;
  for (auto& [period, s] : by_period) out.push_back(s);
  return out;
}

bool same_amounts(const std::vector<ScheduledInstalment>& a,
                  const std::vector<ScheduledInstalment>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].instalment.period != b[i].instalment.period ||
        a[i].instalment.amount != b[i].instalment.amount ||
        a[i].instalment.due != b[i].instalment.due) {
      return false;
    }
  }
  return true;
}

}  // namespace

YearBilling bill_year(const std::string& contract_id, int year, PaymentFrequency frequency,
                      const std::vector<Instalment>& target,
                      const std::optional<BillingSchedule>& stored, Date today,
                      uint64_t inputs) {
  YearBilling out;
  if (!stored && target.empty()) return out;
  BillingSchedule s;
  s.contract_id = contract_id;
  s.year = year;
  s.frequency = stored ? stored->frequency : frequency;
  s.called = stored ? stored->called : today;
  s.version = stored ? stored->version : 1;
  s.inputs = inputs;
  s.instalments = merge(target, stored);
  out.new_call = !stored;
  out.changed = stored && !same_amounts(s.instalments, stored->instalments);
  if (out.changed) ++s.version;
  for (ScheduledInstalment& i : s.instalments) {
    if (i.instalment.due > today || i.billed == i.instalment.amount) continue;
    const Money delta = i.instalment.amount - i.billed;
    out.entries.push_back(!i.posted
                              ? due_entry(contract_id, i.instalment, delta)
                              : adjustment_entry(contract_id, i.instalment, delta, s.version, today));
    // A posted instalment may already have been debited: an increase is kept to present.
    if (i.posted) i.extra = std::max(Money{}, i.extra + delta);
    i.billed = i.instalment.amount;
    i.posted = true;
  }
  const bool new_inputs = stored && stored->inputs != inputs;
  if (out.new_call || out.changed || new_inputs || !out.entries.empty()) out.save = std::move(s);
  return out;
}

std::vector<Entry> bill_due(BillingSchedule& schedule, Date today) {
  std::vector<Entry> out;
  for (ScheduledInstalment& i : schedule.instalments) {
    if (i.instalment.due > today || i.posted || i.instalment.amount.is_zero()) continue;
    out.push_back(due_entry(schedule.contract_id, i.instalment, i.instalment.amount));
    i.billed = i.instalment.amount;
    i.posted = true;
  }
  return out;
}

}  // namespace mutua

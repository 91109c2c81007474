// `mutua account`: a contract's contribution account as of a date (BIL-04, BIL-05, DUN-01..04).
// See app/billing.hpp.
#include <map>

#include "app/billing.hpp"
#include "core/iban.hpp"

namespace mutua {

std::optional<Mandate> default_mandate(const Contract& contract) {
  if (contract.iban.empty() || !validate_iban(contract.iban)) return std::nullopt;
  const Beneficiary* member = contract.member();
  if (!member) return std::nullopt;
  Mandate m;
  m.rum = generate_rum(contract.id);
  m.contract_id = contract.id;
  m.iban = contract.iban;
  m.signed_on = member->start_date;  // the rule: signed on the start date
  return m;
}

namespace {

std::string status_of(const ScheduledInstalment& i, Money paid, Date as_of) {
  if (i.instalment.due > as_of) return "not_due";
  if (!i.posted) return "not_billed";
  if (paid >= i.billed) return "paid";
  return paid.is_zero() ? "unpaid" : "partly_paid";
}

}  // namespace

Result<AccountReport> account_report(Store& store, const std::string& contract_id, Date as_of) {
  auto contract = store.find_contract(contract_id);
  if (!contract) return data_error("", 0, "CONTRACT", "unknown contract '" + contract_id + "'");
  AccountReport r;
  r.contract_id = contract_id;
  r.as_of = as_of;
  r.entries = store.entries(contract_id);
  AccountView view(r.entries);
  r.balance = view.balance(as_of);
  r.overdue = view.arrears(as_of);
  r.cases = store.cases(contract_id);
  r.waivers = store.waivers(contract_id);
  std::optional<DunningCase> latest;
  if (!r.cases.empty()) latest = r.cases.back();
  r.status = status_on(latest, as_of);
  if (latest) {
    switch (r.status) {
      case DunningStatus::kNotice: r.since = latest->notice; break;
      case DunningStatus::kSuspended: r.since = latest->suspended; break;
      case DunningStatus::kTerminated: r.since = latest->terminated; break;
      case DunningStatus::kUpToDate: r.since = latest->reinstated; break;
    }
  }
  r.mandate = active_mandate_of(store.mandates(contract_id));
  r.payment_method = r.mandate ? "direct_debit" : "transfer";
  r.schedules = store.schedules(contract_id);
  const auto paid = view.paid_by_period(as_of);
  for (const BillingSchedule& s : r.schedules) {
    for (const ScheduledInstalment& i : s.instalments) {
      ScheduleLine line;
      line.instalment = i.instalment;
      line.billed = i.billed;
      if (auto it = paid.find({s.year, i.instalment.period}); it != paid.end()) line.paid = it->second;
      line.status = status_of(i, line.paid, as_of);
      r.schedule.push_back(line);
    }
  }
  return r;
}

}  // namespace mutua

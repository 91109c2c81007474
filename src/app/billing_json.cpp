#include "app/billing_json.hpp"

#include "app/json_values.hpp"

namespace mutua {

using nlohmann::json;

namespace {

}  // namespace

json entry_json(const Entry& e) {
  return {{"id", e.id},
          {"date", format_date(e.date)},
          {"kind", std::string(to_string(e.kind))},
          {"debit", e.debit},
          {"credit", e.credit},
          {"amount", e.amount.format()},
          {"effect", receivable_effect(e).format()},
          {"year", e.year},
          {"period", e.period},
          {"rule", e.rule},
          {"reference", e.reference},
          {"key", e.key}};
}

json account_json(const AccountReport& r) {
  json schedule = json::array();
  for (const ScheduleLine& l : r.schedule) {
    schedule.push_back({{"year", l.instalment.year},
                        {"period", l.instalment.period},
                        {"due", format_date(l.instalment.due)},
                        {"from", format_date(l.instalment.from)},
                        {"to", format_date(l.instalment.to)},
                        {"amount", l.instalment.amount.format()},
                        {"billed", l.billed.format()},
                        {"paid", l.paid.format()},
                        {"status", l.status}});
  }
  json entries = json::array();
  for (const Entry& e : r.entries) entries.push_back(entry_json(e));
  json cases = json::array();
  for (const DunningCase& c : r.cases) {
    cases.push_back({{"notice", format_date(c.notice)},
                     {"oldest_due", format_date(c.oldest_due)},
                     {"arrears", c.arrears.format()},
                     {"suspended", date_or_null(c.suspended)},
                     {"terminated", date_or_null(c.terminated)},
                     {"reinstated", date_or_null(c.reinstated)}});
  }
  json waivers = json::array();
  for (const Waiver& w : r.waivers) {
    waivers.push_back(
        {{"from", format_date(w.from)}, {"until", format_date(w.to)}, {"reason", w.reason}});
  }
  json mandate;
  if (r.mandate) {
    mandate = {{"rum", r.mandate->rum},
               {"iban", r.mandate->iban},
               {"signed_on", format_date(r.mandate->signed_on)},
               {"used", r.mandate->used}};
  }
  return {{"contract_id", r.contract_id},
          {"as_of", format_date(r.as_of)},
          {"balance", r.balance.format()},
          {"overdue", r.overdue.format()},
          {"status", std::string(to_string(r.status))},
          {"since", date_or_null(r.since)},
          {"payment_method", r.payment_method},
          {"mandate", mandate},
          {"schedule", schedule},
          {"entries", entries},
          {"procedures", cases},
          {"waivers", waivers}};
}

}  // namespace mutua

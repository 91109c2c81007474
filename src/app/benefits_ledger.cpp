// Benefits in the ledger (BIL-04, BEN-13, CES-01). See app/billing.hpp.
#include "app/billing.hpp"

namespace mutua {

void post_benefits_of_run(Store& store, int64_t run_id, Date business_date) {
  Money paid;
  int64_t lines = 0;
  for (const PayeeTotal& p : store.claim_payments(run_id)) {
    paid += p.amount;
    lines += p.lines;
  }
  if (!(paid > Money{})) return;
  std::vector<Entry> e{make_entry("benefits:" + std::to_string(run_id), business_date,
                                  EntryKind::kBenefitPaid, "", account::kBenefits, account::kBank,
                                  paid, "BEN-13")};
  e[0].reference = "run " + std::to_string(run_id) + ": " + std::to_string(lines) + " lines";
  store.post_entries(e);
}

Money post_undue_benefits(Store& store, const std::string& contract_id, Date last_day, Date today) {
  std::vector<Entry> entries;
  Money total;
  for (const StoredDecision& d : store.paid_decisions(contract_id)) {
    if (!(d.rc > Money{})) continue;
    auto detail = decode_detail(d);
    if (!detail || detail->line.care_date <= last_day) continue;
    Entry e = make_entry("undue:" + d.claim_id + ":" + std::to_string(d.line), today,
                         EntryKind::kUndueBenefit, contract_id, account::kToRecover,
                         account::kBenefits, d.rc, "CES-01");
    e.reference = "décompte " + d.claim_id + " ligne " + std::to_string(d.line) + ", soins du " +
                  format_date(detail->line.care_date) + " après la fin des droits le " +
                  format_date(last_day);
    total += d.rc;
    entries.push_back(std::move(e));
  }
  store.post_entries(entries);
  return total;
}

}  // namespace mutua

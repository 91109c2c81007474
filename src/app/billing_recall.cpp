// `mutua billing recall`: a contribution recall voted by the board (TAR-06). See app/billing.hpp.
#include "app/billing.hpp"
#include "rating/recall.hpp"

namespace mutua {

Result<RecallSummary> call_recall(Store& store, int year, int percent_bp, Date due,
                                  const std::string& reference, Date today) {
  if (reference.empty()) return data_error("", 0, "--reference", "required: the board's decision");
  if (percent_bp <= 0) return data_error("", 0, "--percent", "a recall is a positive share");
  if (year_of(due) < year) return data_error("", 0, "--due", "before the year recalled");
  (void)today;
  RecallSummary summary;
  summary.year = year;
  summary.reference = reference;
  // The schedules and the recalls already posted are read in the transaction that posts (TAR-06:
  // the cap counts every recall of the year).
  Transaction tx(store);
  std::vector<BillingSchedule> schedules;
  store.for_each_schedule(year, [&](const BillingSchedule& s) { schedules.push_back(s); });
  std::vector<Entry> entries;
  for (const BillingSchedule& s : schedules) {
    const Money normal = s.annual();
    if (!(normal > Money{})) continue;
    const std::string key = "recall:" + reference + ":" + s.contract_id;
    if (store.find_entry(key)) {
      ++summary.already;
      continue;
    }
    Money recalled;
    for (const Entry& e : store.entries(s.contract_id)) {
      if (e.kind == EntryKind::kRecall && e.year == year) recalled += e.amount;
    }
    RecallDecision d = decide_recall(normal, recalled, normal.mul_bp(percent_bp));
    if (d.capped) ++summary.capped;
    if (!(d.allowed > Money{})) continue;
    Entry e = make_entry(key, due, EntryKind::kRecall, s.contract_id, account::kReceivable,
                         account::kContributions, d.allowed, "TAR-06");
    e.year = year;
    e.reference = "rappel de cotisation " + reference + (d.capped ? " (plafonné à 50 %)" : "");
    entries.push_back(std::move(e));
    ++summary.contracts;
    summary.total += d.allowed;
  }
  store.post_entries(entries);
  tx.commit();
  return summary;
}

}  // namespace mutua

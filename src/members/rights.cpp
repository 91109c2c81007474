#include "members/rights.hpp"

#include <algorithm>

namespace mutua {

std::string_view to_string(RightsState s) {
  switch (s) {
    case RightsState::kOpen: return "open";
    case RightsState::kSuspended: return "suspended";
    case RightsState::kClosed: return "closed";
    case RightsState::kNotStarted: return "not_started";
  }
  return "open";
}

namespace {

std::string closed_reason(const Beneficiary& p) {
  std::string rule = p.end_reason.empty() ? "CES-01" : p.end_reason;
  std::string what;
  if (rule == "ELIG-07") {
    what = "the dependant's condition ended; rights ended on ";
  } else if (rule.rfind("DEM-", 0) == 0) {
    what = "resignation effective on ";
  } else if (rule == "CES-02") {
    what = "radiation effective on ";
  } else {
    what = "rights ended on ";
  }
  return rule + ": " + what + format_date(*p.end_date);
}

// The first day of the open stretch holding `d`: the start, or the day after the last suspension
// ended before `d`.
Date open_since(const Beneficiary& p, const RightsFacts& facts, Date d) {
  Date since = p.start_date;
  for (const Suspension& s : facts.suspensions) {
    if (s.to < d) since = std::max(since, add_days(s.to, 1));
  }
  return since;
}

}  // namespace

NonPayment non_payment_on(const std::optional<CollectionState>& c, Date d) {
  if (!c) return NonPayment::kNone;
  switch (c->status) {
    case CollectionStatus::kUpToDate: return NonPayment::kNone;
    case CollectionStatus::kNotice: return d >= c->since ? NonPayment::kNotice : NonPayment::kNone;
    case CollectionStatus::kSuspended:
      return d >= c->since ? NonPayment::kSuspended : NonPayment::kNone;
    case CollectionStatus::kTerminated:
      if (d >= c->since) return NonPayment::kTerminated;
      if (c->suspended_from && d >= *c->suspended_from) {
        return NonPayment::kSuspendedThenTerminated;
      }
      return NonPayment::kNone;
  }
  return NonPayment::kNone;
}

RightsAnswer rights_on(const Contract& contract, const Beneficiary& person, const RightsFacts& facts,
                       Date d) {
  RightsAnswer a;
  a.product = product_on(contract, facts.product_changes, std::max(d, person.start_date));
  if (d < person.start_date) {
    a.status = RightsState::kNotStarted;
    a.reasons.push_back("ADH-07: rights open on " + format_date(person.start_date));
    return a;
  }
  if (person.end_date && d > *person.end_date) {
    a.status = RightsState::kClosed;
    a.since = add_days(*person.end_date, 1);
    a.reasons.push_back(closed_reason(person));
    return a;
  }
  const auto& coll = facts.collection;
  const NonPayment non_payment = non_payment_on(coll, d);
  if (non_payment == NonPayment::kTerminated) {
    a.status = RightsState::kClosed;
    a.since = coll->since;
    a.reasons.push_back("DUN-03: guarantees terminated for non-payment on " +
                        format_date(coll->since));
    return a;
  }
  for (const Suspension& s : facts.suspensions) {
    if (!s.covers(d)) continue;
    a.status = RightsState::kSuspended;
    a.since = s.from;
    a.until = s.to;
    a.reasons.push_back("SUS-01: rights suspended (" + std::string(to_string(s.reason)) +
                        ") from " + format_date(s.from) + " to " + format_date(s.to) +
                        "; they resume on " + format_date(add_days(s.to, 1)));
    return a;
  }
  if (non_payment == NonPayment::kSuspended) {
    a.status = RightsState::kSuspended;
    a.since = coll->since;
    a.reasons.push_back("DUN-02: guarantees suspended for non-payment since " +
                        format_date(coll->since) +
                        "; care is held and covered once the arrears are paid (DUN-04)");
    return a;
  }
  if (non_payment == NonPayment::kSuspendedThenTerminated) {
    a.status = RightsState::kSuspended;
    a.since = *coll->suspended_from;
    a.until = add_days(coll->since, -1);
    a.reasons.push_back("DUN-02: guarantees suspended for non-payment from " +
                        format_date(*coll->suspended_from) + " to " +
                        format_date(add_days(coll->since, -1)) +
                        "; terminated on " + format_date(coll->since) +
                        " (DUN-03): care given during the suspension is not covered");
    return a;
  }
  a.status = RightsState::kOpen;
  a.since = open_since(person, facts, d);
  a.until = person.end_date;
  a.reasons.push_back((contract.express_start ? "ADH-02" : "ADH-01") +
                      std::string(": rights open since ") + format_date(person.start_date));
  if (person.end_date) {
    a.reasons.push_back((person.end_reason.empty() ? std::string("CES-01") : person.end_reason) +
                        ": rights end on " + format_date(*person.end_date));
  }
  if (non_payment == NonPayment::kNotice) {
    a.reasons.push_back("BEN-09: formal notice since " + format_date(coll->since) +
                        ": benefits are held until the arrears are paid");
  }
  return a;
}

}  // namespace mutua

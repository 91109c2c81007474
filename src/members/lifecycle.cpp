#include "members/lifecycle.hpp"

#include <algorithm>

namespace mutua {

std::string product_on(const Contract& contract, const std::vector<ProductChange>& changes,
                       Date d) {
  const ProductChange* latest = nullptr;
  for (const ProductChange& c : changes) {
    if (c.effective <= d && (!latest || c.effective > latest->effective)) latest = &c;
  }
  return latest ? latest->product : contract.product;
}

Date guarantee_start(const Contract& contract, const std::vector<ProductChange>& changes, Date d) {
  Date start = contract.adhesion_date();
  for (const ProductChange& c : changes) {
    if (c.effective <= d) start = std::max(start, c.effective);
  }
  return start;
}

namespace {

// The adhesion's end, if recorded: the member's end date.
std::optional<Date> adhesion_end(const Contract& contract) {
  const Beneficiary* m = contract.member();
  return m ? m->end_date : std::nullopt;
}

}  // namespace

Result<ProductChange> decide_product_change(const Contract& contract,
                                            const std::vector<ProductChange>& changes,
                                            const std::string& product, Date signed_on,
                                            const std::string& reference) {
  ProductChange change;
  change.contract_id = contract.id;
  change.effective = first_of_year(year_of(signed_on) + 1);  // ADH-06: only on 1 January
  change.product = product;
  change.previous = product_on(contract, changes, change.effective);
  change.signed_on = signed_on;
  change.reference = reference;
  if (auto end = adhesion_end(contract); end && *end < change.effective) {
    return rule_error("ADH-06", "the adhesion ends on " + format_date(*end) +
                                    ", before the change could take effect on " +
                                    format_date(change.effective));
  }
  for (const ProductChange& c : changes) {
    if (c.effective == change.effective) {
      return rule_error("ADH-06", "a change to " + c.product + " signed on " +
                                      format_date(c.signed_on) + " already takes effect on " +
                                      format_date(c.effective));
    }
  }
  if (change.previous == product) {
    return rule_error("ADH-06", "the contract is already on " + product + " on " +
                                    format_date(change.effective));
  }
  return change;
}

Status check_suspension(const Contract& contract, const Suspension& s,
                        const std::vector<Suspension>& existing, int notice_days) {
  if (s.to < s.from) return data_error("", 0, "--to", "before --from");
  Date earliest = add_days(s.notified, notice_days);
  if (s.from < earliest) {
    return rule_error("SUS-01", "rights may only be suspended with " +
                                    std::to_string(notice_days) + " days' notice: notified on " +
                                    format_date(s.notified) + ", the suspension may start on " +
                                    format_date(earliest) + " at the earliest");
  }
  if (s.from < contract.adhesion_date()) {
    return rule_error("SUS-01", "the suspension starts before the adhesion (" +
                                    format_date(contract.adhesion_date()) + ")");
  }
  if (auto end = adhesion_end(contract); end && s.to > *end) {
    return rule_error("SUS-01", "the suspension must end within the adhesion, which ends on " +
                                    format_date(*end));
  }
  for (const Suspension& other : existing) {
    if (other.from <= s.to && s.from <= other.to) {
      return rule_error("SUS-01", "overlaps the suspension from " + format_date(other.from) +
                                      " to " + format_date(other.to));
    }
  }
  return Status::success();
}

std::string_view to_string(ResignationKind k) {
  switch (k) {
    case ResignationKind::kAnnual: return "annual";
    case ResignationKind::kAnytime: return "anytime";
    case ResignationKind::kLifeEvent: return "life-event";
    case ResignationKind::kCss: return "css";
    case ResignationKind::kNewInsurer: return "new-insurer";
  }
  return "annual";
}

std::optional<ResignationKind> parse_resignation_kind(std::string_view text) {
  for (ResignationKind k : {ResignationKind::kAnnual, ResignationKind::kAnytime,
                            ResignationKind::kLifeEvent, ResignationKind::kCss,
                            ResignationKind::kNewInsurer}) {
    if (text == to_string(k)) return k;
  }
  if (text == "life_event") return ResignationKind::kLifeEvent;
  if (text == "new_insurer") return ResignationKind::kNewInsurer;
  return std::nullopt;
}

namespace {

constexpr std::pair<LifeEvent, const char*> kEvents[] = {
    {LifeEvent::kMove, "move"},
    {LifeEvent::kMaritalStatus, "marital_status"},
    {LifeEvent::kMatrimonialRegime, "matrimonial_regime"},
    {LifeEvent::kJobChange, "job_change"},
    {LifeEvent::kRetirement, "retirement"},
    {LifeEvent::kEndOfActivity, "end_of_activity"},
    {LifeEvent::kCss, "css"},
};

const CallSending* call_for(const std::vector<CallSending>& calls, int year) {
  for (const CallSending& c : calls) {
    if (c.year == year) return &c;
  }
  return nullptr;
}

// L221-10-1 for the renewal of 1 January of the letter's year, already past: DEM-08 (the call
// stated no last day) or DEM-07 (it was late and the letter is within its 20 days). The effect
// cannot go back before the letter: the day after its sending date (*Interpretation*: the
// contract did renew; the cover given since is due, the rest refunded, DEM-10).
std::optional<ResignationDecision> after_renewal(const Contract& contract,
                                                 const std::vector<CallSending>& calls, Date sent) {
  const int year = year_of(sent);
  const CallSending* call = call_for(calls, year);
  if (!call || contract.adhesion_date() >= first_of_year(year)) return std::nullopt;
  RenewalNotice notice = renewal_notice(*call);
  Date effective = add_days(sent, 1);
  if (notice.window == RenewalWindow::kAnyTime) {
    return ResignationDecision{effective, "DEM-08",
                               "the call for " + std::to_string(year) + " (sent " +
                                   format_date(call->sent) +
                                   ") did not state the last day to resign: resignation at any "
                                   "time from the renewal date, effective the day after the "
                                   "letter was sent, on " + format_date(effective)};
  }
  if (notice.window == RenewalWindow::kTwentyDays && sent <= *notice.until) {
    return ResignationDecision{effective, "DEM-07",
                               "the call for " + std::to_string(year) + " was sent on " +
                                   format_date(call->sent) + ", late for the last day " +
                                   format_date(*call->last_day) + ": 20 days to resign, until " +
                                   format_date(*notice.until) + "; after the renewal date, "
                                   "effective the day after the letter was sent, on " +
                                   format_date(effective)};
  }
  return std::nullopt;
}

Result<ResignationDecision> annual(const Contract& contract, const std::vector<CallSending>& calls,
                                   const ResignationRequest& r) {
  // DEM-01: the letter counts by its sending date when known (the postmark, L221-10-1).
  const Date sent = r.sent.value_or(r.received);
  const std::string by = r.sent ? "sent" : "received";
  if (auto d = after_renewal(contract, calls, sent)) return *d;
  int year = year_of(sent);
  Date due = last_of_year(year);
  Date deadline = renewal_resignation_deadline(year + 1);  // 31 October
  if (sent <= deadline) {
    return ResignationDecision{due, "DEM-01",
                               "annual resignation " + by + " by " + format_date(deadline) +
                                   ": effective at the due date " + format_date(due)};
  }
  // DEM-07: the call for next year came late: 20 days from its sending date.
  const CallSending* next = call_for(calls, year + 1);
  RenewalNotice notice = next ? renewal_notice(*next) : RenewalNotice{};
  if (notice.window == RenewalWindow::kTwentyDays && sent <= *notice.until) {
    return ResignationDecision{due, "DEM-07",
                               "the call for " + std::to_string(year + 1) + " was sent on " +
                                   format_date(next->sent) + ", late for the last day " +
                                   format_date(*next->last_day) + ": 20 days to resign, until " +
                                   format_date(*notice.until) + "; effective at the due date " +
                                   format_date(due)};
  }
  std::string more;
  if (notice.window == RenewalWindow::kTwentyDays) {
    more = " (the call for " + std::to_string(year + 1) + " sent " + format_date(next->sent) +
           " gave 20 days, until " + format_date(*notice.until) + ")";
  } else if (notice.window == RenewalWindow::kAnyTime) {
    more = " (the call for " + std::to_string(year + 1) +
           " stated no last day: from the renewal date, " + format_date(first_of_year(year + 1)) +
           ", the member may resign at any time, DEM-08)";
  }
  return rule_error("DEM-01", "an annual resignation for " + format_date(due) + " must be sent " +
                                  "by " + format_date(deadline) + " (two months' notice); " + by +
                                  " on " + format_date(sent) + more);
}

Result<ResignationDecision> anytime(const Contract& contract,
                                    const std::vector<ProductChange>& changes,
                                    const ResignationRequest& r) {
  Date start = guarantee_start(contract, changes, r.received);
  Date allowed = add_years(start, 1);
  if (r.received < allowed) {
    bool changed = start != contract.adhesion_date();
    return rule_error(changed ? "DEM-03" : "DEM-02",
                      std::string("a resignation at any time is possible one year after ") +
                          (changed ? "the change of guarantee on " : "the subscription on ") +
                          format_date(start) + ", from " + format_date(allowed) +
                          "; received on " + format_date(r.received));
  }
  Date effective = add_months(r.received, 1);
  return ResignationDecision{effective, "DEM-02",
                             "resignation at any time after one year: effective one month after "
                             "receipt, on " + format_date(effective)};
}

// DEM-09 (L221-10-2): the new organism resigns on the member's behalf, after the first year.
constexpr Date kNewInsurerInForce{std::chrono::year{2020}, std::chrono::month{12},
                                  std::chrono::day{1}};

Result<ResignationDecision> new_insurer(const Contract& contract,
                                        const std::vector<ProductChange>& changes,
                                        const ResignationRequest& r) {
  if (r.new_insurer.empty()) {
    return data_error("", 0, "--insurer", "a resignation by the new insurer needs its name");
  }
  if (r.received < kNewInsurerInForce) {
    return rule_error("DEM-09", "a resignation notified by the new insurer is possible from " +
                                    format_date(kNewInsurerInForce) +
                                    " (L221-10-2); received on " + format_date(r.received));
  }
  auto base = anytime(contract, changes, r);
  if (!base) return base.error();
  return ResignationDecision{base->effective, "DEM-09",
                             "resignation notified by " + r.new_insurer +
                                 " on the member's behalf after the first year (L221-10-2): "
                                 "effective one month after receipt, on " +
                                 format_date(base->effective)};
}

Result<ResignationDecision> life_event(const ResignationRequest& r) {
  if (!r.event_date) {
    return data_error("", 0, "--event-date", "a life-event or CSS resignation needs the event date");
  }
  if (*r.event_date > r.received) {
    return data_error("", 0, "--event-date", "the event (" + format_date(*r.event_date) +
                                                 ") is after the receipt (" +
                                                 format_date(r.received) + ")");
  }
  bool css = r.kind == ResignationKind::kCss || r.event == LifeEvent::kCss;
  Date window = add_months(*r.event_date, 3);
  if (r.received > window) {
    return rule_error("DEM-05", "a resignation for a life event must be received within three "
                                "months of it (event on " + format_date(*r.event_date) +
                                    ", by " + format_date(window) + "); received on " +
                                    format_date(r.received));
  }
  if (css) {
    return ResignationDecision{*r.event_date, "DEM-05",
                               "entry into the Complémentaire santé solidaire: effective on the "
                               "date of the CSS attestation, " + format_date(*r.event_date)};
  }
  Date effective = add_months(r.received, 1);
  return ResignationDecision{effective, "DEM-05",
                             "life event on " + format_date(*r.event_date) +
                                 ": effective one month after receipt, on " +
                                 format_date(effective)};
}

}  // namespace

std::string_view to_string(LifeEvent e) {
  for (const auto& [event, name] : kEvents) {
    if (event == e) return name;
  }
  return "move";
}

std::optional<LifeEvent> parse_life_event(std::string_view text) {
  for (const auto& [event, name] : kEvents) {
    if (text == name) return event;
  }
  return std::nullopt;
}

Result<ResignationDecision> decide_resignation(const Contract& contract,
                                               const std::vector<ProductChange>& changes,
                                               const ResignationRequest& request,
                                               const std::vector<CallSending>& calls) {
  if (request.received < contract.adhesion_date()) {
    return data_error("", 0, "--received", "before the adhesion (" +
                                               format_date(contract.adhesion_date()) + ")");
  }
  // A notice cannot be received or sent after the business date (a typo in a year would
  // otherwise end or keep an adhesion on a day that has not come, DEM-01..09).
  if (request.today && request.received > *request.today) {
    return data_error("", 0, "--received", format_date(request.received) +
                                               " is after the business date (" +
                                               format_date(*request.today) + ")");
  }
  if (request.today && request.sent && *request.sent > *request.today) {
    return data_error("", 0, "--sent", format_date(*request.sent) + " is after the business date (" +
                                           format_date(*request.today) + ")");
  }
  if (request.sent && *request.sent > request.received) {
    return data_error("", 0, "--sent", "the letter was sent (" + format_date(*request.sent) +
                                           ") after it was received (" +
                                           format_date(request.received) + ")");
  }
  switch (request.kind) {
    case ResignationKind::kAnnual: return annual(contract, calls, request);
    case ResignationKind::kNewInsurer: return new_insurer(contract, changes, request);
    case ResignationKind::kAnytime: return anytime(contract, changes, request);
    case ResignationKind::kLifeEvent:
    case ResignationKind::kCss: return life_event(request);
  }
  return annual(contract, calls, request);
}

std::optional<Date> refund_deadline(const Termination& t) {
  static const char* const kRules[] = {"DEM-02", "DEM-07", "DEM-08", "DEM-09"};
  for (const char* rule : kRules) {
    if (t.rule == rule) return add_days(t.effective, 30);  // L221-10-1, L221-10-2: 30 days
  }
  return std::nullopt;
}

void apply_end(Contract& contract, Date effective, const std::string& rule) {
  for (Beneficiary& b : contract.beneficiaries) {
    if (b.end_date && *b.end_date <= effective) continue;
    b.end_date = effective;
    b.end_reason = rule;
  }
}

std::string apply_condition_end(Beneficiary& child, const std::vector<Proof>& proofs,
                                RightsEndRule rule) {
  if (child.role != Role::kChild || !child.condition) return {};
  ConditionEnd end = child_condition_end(child.birth_date, child.start_date, proofs, rule);
  if (child.end_date && *child.end_date <= end.rights_end) return {};
  child.end_date = end.rights_end;
  child.end_reason = "ELIG-07";
  return end.why;
}

}  // namespace mutua

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
  }
  return "annual";
}

std::optional<ResignationKind> parse_resignation_kind(std::string_view text) {
  for (ResignationKind k : {ResignationKind::kAnnual, ResignationKind::kAnytime,
                            ResignationKind::kLifeEvent, ResignationKind::kCss}) {
    if (text == to_string(k)) return k;
  }
  if (text == "life_event") return ResignationKind::kLifeEvent;
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

Result<ResignationDecision> annual(const ResignationRequest& r) {
  int year = year_of(r.received);
  Date due = last_of_year(year);
  Date deadline = add_months(due, -2);  // 31 October: two months before the due date
  if (r.received > deadline) {
    return rule_error("DEM-01", "an annual resignation for " + format_date(due) +
                                    " must be received by " + format_date(deadline) +
                                    " (two months' notice); received on " +
                                    format_date(r.received));
  }
  return ResignationDecision{due, "DEM-01",
                             "annual resignation received by " + format_date(deadline) +
                                 ": effective at the due date " + format_date(due)};
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
                                               const ResignationRequest& request) {
  if (request.received < contract.adhesion_date()) {
    return data_error("", 0, "--received", "before the adhesion (" +
                                               format_date(contract.adhesion_date()) + ")");
  }
  switch (request.kind) {
    case ResignationKind::kAnnual: return annual(request);
    case ResignationKind::kAnytime: return anytime(contract, changes, request);
    case ResignationKind::kLifeEvent:
    case ResignationKind::kCss: return life_event(request);
  }
  return annual(request);
}

void apply_end(Contract& contract, Date effective, const std::string& rule) {
  for (Beneficiary& b : contract.beneficiaries) {
    if (b.end_date && *b.end_date <= effective) continue;
    b.end_date = effective;
    b.end_reason = rule;
  }
}

}  // namespace mutua

#include "partners/convention.hpp"

#include <algorithm>

namespace mutua {

bool is_party(std::string_view text) { return text == "commune" || text == "mutuelle"; }

Date term_end(const ConventionTerms& terms, int k) { return last_of_year(year_of(terms.effect) + k); }

Date notice_deadline(const ConventionTerms& terms, Date end) {
  return add_months(end, -terms.notice_months);
}

Date remedy_deadline(const ConventionTerms& terms, const BreachNotice& breach) {
  return add_days(breach.formal_notice, terms.remedy_days);
}

namespace {

// The end a non-renewal notice gives: the first term whose deadline it meets (PAR-03).
std::optional<Date> end_by_notice(const ConventionTerms& terms, const NonRenewalNotice& n) {
  for (int k = 0; k <= terms.max_renewals; ++k) {
    const Date t = term_end(terms, k);
    if (n.received <= notice_deadline(terms, t)) return t;
  }
  return std::nullopt;  // received after the last deadline: the final end stands
}

std::optional<Date> end_by_notices(const ConventionTerms& terms,
                                   const std::vector<NonRenewalNotice>& notices) {
  std::optional<Date> end;
  for (const NonRenewalNotice& n : notices) {
    const auto e = end_by_notice(terms, n);
    if (e && (!end || *e < *end)) end = e;
  }
  return end;
}

// Whether the breach was left unremedied past its deadline (PAR-04).
bool unremedied(const ConventionTerms& terms, const BreachNotice& b) {
  return !b.remedied || *b.remedied > remedy_deadline(terms, b);
}

// The end a notified termination for breach gives (PAR-04): notification + one month.
std::optional<Date> end_by_breaches(const ConventionTerms& terms,
                                    const std::vector<BreachNotice>& breaches) {
  std::optional<Date> end;
  for (const BreachNotice& b : breaches) {
    if (!b.termination_notified || !unremedied(terms, b)) continue;
    const Date e = add_months(*b.termination_notified, terms.termination_notice_months);
    if (!end || e < *end) end = e;
  }
  return end;
}

// Index of the term running on `d` (the last one after the final end).
int term_index(const ConventionTerms& terms, Date d) {
  int k = 0;
  while (k < terms.max_renewals && term_end(terms, k) < d) ++k;
  return k;
}

void add_alerts(const ConventionTerms& terms, const std::vector<BreachNotice>& breaches, Date today,
                ConventionState& s) {
  if (s.status == "active" && s.notice_deadline && today <= *s.notice_deadline &&
      days_between(today, *s.notice_deadline) <= terms.alert_days) {
    s.alerts.push_back("PAR-03: a non-renewal notice must be received by " +
                       format_date(*s.notice_deadline) + " (registered letter) to end the " +
                       "convention on " + format_date(s.current_term_end));
  }
  if (s.status == "ended" || s.status == "not_in_force") return;
  for (const BreachNotice& b : breaches) {
    const Date remedy_by = remedy_deadline(terms, b);
    if (!b.remedied && today <= remedy_by) {
      s.alerts.push_back("PAR-04: the breach notified on " + format_date(b.formal_notice) +
                         " must be remedied by " + format_date(remedy_by));
    } else if (!b.remedied && !b.termination_notified && s.status != "terminating") {
      s.alerts.push_back("PAR-04: the breach notified on " + format_date(b.formal_notice) +
                         " was not remedied by " + format_date(remedy_by) + ": the " +
                         (b.by.empty() ? std::string("complaining party") : b.by) +
                         " may terminate with one month's notice");
    }
  }
}

}  // namespace

ConventionState convention_state(const ConventionTerms& terms,
                                 const std::vector<NonRenewalNotice>& notices,
                                 const std::vector<BreachNotice>& breaches, Date today) {
  ConventionState s;
  s.final_end = term_end(terms, terms.max_renewals);
  s.ends_on = s.final_end;
  s.why = "PAR-02: last tacit renewal";
  if (auto e = end_by_notices(terms, notices); e && *e < s.ends_on) {
    s.ends_on = *e;
    s.why = "PAR-03: non-renewal notice";
  }
  const auto breach_end = end_by_breaches(terms, breaches);
  if (breach_end && *breach_end < s.ends_on) {
    s.ends_on = *breach_end;
    s.why = "PAR-04: terminated for a breach not remedied within 30 days of the formal notice";
  }
  const int k = term_index(terms, today);
  s.current_term_end = std::min(term_end(terms, k), s.ends_on);
  s.renewals_done = today < terms.effect ? 0 : k;
  const bool ending = s.ends_on < s.final_end;
  s.renewals_left = ending ? std::max(0, year_of(s.ends_on) - year_of(terms.effect) - k)
                           : terms.max_renewals - k;
  if (!ending) {
    if (k < terms.max_renewals) s.notice_deadline = notice_deadline(terms, term_end(terms, k));
    for (int j = k; j < terms.max_renewals; ++j) {
      const Date deadline = notice_deadline(terms, term_end(terms, j));
      if (today <= deadline) {
        s.next_notice_deadline = deadline;
        break;
      }
    }
  }
  if (today < terms.effect) {
    s.status = "not_in_force";
  } else if (today > s.ends_on) {
    s.status = "ended";
  } else if (breach_end && s.ends_on == *breach_end) {
    s.status = "terminating";
  } else if (ending) {
    s.status = "not_renewed";
  } else {
    s.status = "active";
  }
  add_alerts(terms, breaches, today, s);
  return s;
}

Status check_notice(const ConventionTerms& terms, const std::vector<NonRenewalNotice>& notices,
                    const std::vector<BreachNotice>& breaches, const NonRenewalNotice& notice) {
  if (notice.received < notice.sent) {
    return data_error("", 0, "--received", "received before it was sent");
  }
  if (notice.sent < terms.signed_on) {
    return data_error("", 0, "--sent", "before the signature of the convention (" +
                                           format_date(terms.signed_on) + ")");
  }
  const ConventionState s = convention_state(terms, notices, breaches, notice.received);
  if (s.status == "ended") {
    return rule_error("PAR-03", "the convention ended on " + format_date(s.ends_on) +
                                    ": there is nothing left to renew");
  }
  const auto end = end_by_notice(terms, notice);
  if (!end || *end >= s.ends_on) {
    if (s.ends_on == s.final_end) {
      const std::string when =
          end ? "it reaches the last term, which is never renewed"
              : "received after the last notice deadline (" +
                    format_date(notice_deadline(terms, s.final_end)) + ")";
      return rule_error("PAR-02", when + ": the convention ends on " + format_date(s.final_end) +
                                      " anyway, after " + std::to_string(terms.max_renewals) +
                                      " tacit renewals");
    }
    return rule_error("PAR-03", "the convention already ends on " + format_date(s.ends_on) +
                                    " (" + s.why + ")");
  }
  return Status::success();
}

Status check_breach_termination(const ConventionTerms& terms,
                                const std::vector<NonRenewalNotice>& notices,
                                const std::vector<BreachNotice>& breaches,
                                const BreachNotice& breach, Date notified) {
  const Date remedy_by = remedy_deadline(terms, breach);
  if (breach.termination_notified) {
    return rule_error("PAR-04", "the termination for this breach was notified on " +
                                    format_date(*breach.termination_notified));
  }
  if (notified <= remedy_by) {
    return rule_error("PAR-04", "the 30 days to remedy the breach run until " +
                                    format_date(remedy_by) + ": no termination before");
  }
  if (breach.remedied && *breach.remedied <= remedy_by) {
    return rule_error("PAR-04", "the breach was remedied in time (" +
                                    format_date(*breach.remedied) + ")");
  }
  const ConventionState s = convention_state(terms, notices, breaches, notified);
  if (s.status == "ended") {
    return rule_error("PAR-04", "the convention ended on " + format_date(s.ends_on));
  }
  return Status::success();
}

}  // namespace mutua

#include "partners/convention.hpp"

#include <algorithm>

namespace mutua {

Date term_end(const ConventionTerms& terms, int k) { return last_of_year(year_of(terms.effect) + k); }

Date notice_deadline(const ConventionTerms& terms, Date end) {
  return add_months(end, -terms.notice_months);
}

namespace {

// The end a non-renewal notice gives: the first term whose deadline it meets (PAR-03).
std::optional<Date> end_by_notice(const ConventionTerms& terms,
                                  const std::vector<NonRenewalNotice>& notices) {
  std::optional<Date> end;
  for (const NonRenewalNotice& n : notices) {
    for (int k = 0; k <= terms.max_renewals; ++k) {
      const Date t = term_end(terms, k);
      if (n.received <= notice_deadline(terms, t)) {
        if (!end || t < *end) end = t;
        break;
      }
    }
  }
  return end;
}

// The end a breach not remedied in time allows (PAR-04).
std::optional<Date> end_by_breach(const ConventionTerms& terms,
                                  const std::vector<BreachNotice>& breaches, Date today) {
  std::optional<Date> end;
  for (const BreachNotice& b : breaches) {
    const Date remedy_by = add_days(b.formal_notice, terms.remedy_days);
    if (b.remedied && *b.remedied <= remedy_by) continue;
    if (today <= remedy_by) continue;  // the 30 days are still running
    const Date e = add_months(remedy_by, terms.termination_notice_months);
    if (!end || e < *end) end = e;
  }
  return end;
}

}  // namespace

ConventionState convention_state(const ConventionTerms& terms,
                                 const std::vector<NonRenewalNotice>& notices,
                                 const std::vector<BreachNotice>& breaches, Date today) {
  ConventionState s;
  s.final_end = term_end(terms, terms.max_renewals);
  s.ends_on = s.final_end;
  s.why = "PAR-02: last tacit renewal";
  if (auto e = end_by_notice(terms, notices); e && *e < s.ends_on) {
    s.ends_on = *e;
    s.why = "PAR-03: non-renewal notice";
  }
  const auto breach_end = end_by_breach(terms, breaches, today);
  if (breach_end && *breach_end < s.ends_on) {
    s.ends_on = *breach_end;
    s.why = "PAR-04: breach not remedied within 30 days of the formal notice";
  }
  int k = 0;
  while (k < terms.max_renewals && term_end(terms, k) < today) ++k;
  s.current_term_end = std::min(term_end(terms, k), s.ends_on);
  s.renewals_done = today < terms.effect ? 0 : k;
  const bool ending = s.ends_on < s.final_end;
  s.renewals_left = ending ? std::max(0, year_of(s.ends_on) - year_of(terms.effect) - k)
                           : terms.max_renewals - k;
  if (k < terms.max_renewals && !ending) s.notice_deadline = notice_deadline(terms, term_end(terms, k));

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
  if (s.notice_deadline && today <= *s.notice_deadline &&
      days_between(today, *s.notice_deadline) <= terms.alert_days && s.status == "active") {
    s.alerts.push_back("PAR-03: a non-renewal notice must be received by " +
                       format_date(*s.notice_deadline) + " (registered letter)");
  }
  for (const BreachNotice& b : breaches) {
    const Date remedy_by = add_days(b.formal_notice, terms.remedy_days);
    if (!b.remedied && today <= remedy_by) {
      s.alerts.push_back("PAR-04: the breach notified on " + format_date(b.formal_notice) +
                         " must be remedied by " + format_date(remedy_by));
    }
  }
  return s;
}

}  // namespace mutua

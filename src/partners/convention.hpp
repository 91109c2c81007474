// The term of a partnership convention between a commune and a mutuelle (CONV art. 4 and 8;
// PAR-02, PAR-03, PAR-04). Pure: the convention's dates, the notices and today in, its state out.
//
// Contract of convention_state():
// - PAR-02: the first term runs from the effect date to 31 December of that year; the convention
//   is then renewed each 1 January for one year, at most `max_renewals` times (3): the last
//   possible end is 31 December of the effect year + 3.
// - PAR-03: a non-renewal notice (registered letter) must be received `notice_months` (2) months
//   at least before a term: the deadline of the term ending 31 December is 31 October
//   (inclusive). A notice received by a term's deadline ends the convention at that term; one
//   received later ends it at the next term. The state carries an alert while the next deadline
//   is `alert_days` away or closer and no notice was given.
// - PAR-04: a breach not remedied within `remedy_days` (30) of the formal notice allows
//   termination with `termination_notice_months` (1) month's notice: the convention then ends on
//   formal notice + 30 days + 1 month. A breach remedied in time changes nothing.
// - status: "not_in_force" before the effect date, "active", "not_renewed" (a notice ends it at a
//   coming term), "terminating" (breach), "ended" after its end.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace mutua {

struct ConventionTerms {
  Date signed_on{};
  Date effect{};
  int max_renewals = 3;
  int notice_months = 2;
  int remedy_days = 30;
  int termination_notice_months = 1;
  int alert_days = 30;
};

struct NonRenewalNotice {
  Date sent{};
  Date received{};
  std::string by;  // "commune" | "mutuelle"
};

struct BreachNotice {
  Date formal_notice{};
  std::optional<Date> remedied;
  std::string by;
};

struct ConventionState {
  std::string status;
  Date current_term_end{};
  int renewals_done = 0;
  int renewals_left = 0;
  std::optional<Date> notice_deadline;  // of the current term, while a renewal remains
  Date final_end{};                     // the last possible end (PAR-02)
  Date ends_on{};                       // the end as things stand (notice, breach or final)
  std::string why;                      // rule and reason of ends_on
  std::vector<std::string> alerts;
};

// The end of term k (0 = first term): 31 December of the effect year + k.
Date term_end(const ConventionTerms& terms, int k);
// The last day a non-renewal notice may be received for the term ending `term_end`.
Date notice_deadline(const ConventionTerms& terms, Date term_end);

ConventionState convention_state(const ConventionTerms& terms,
                                 const std::vector<NonRenewalNotice>& notices,
                                 const std::vector<BreachNotice>& breaches, Date today);

}  // namespace mutua

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
// - PAR-04: a breach not remedied within `remedy_days` (30) of the formal notice (registered
//   letter) allows the complaining party to terminate with `termination_notice_months` (1)
//   month's notice: once that termination is notified, the convention ends on the notification
//   date + 1 month. A breach remedied in time changes nothing; one not remedied raises an alert
//   until it is remedied or the termination is notified (the right to terminate is the party's
//   choice, never automatic).
// - status: "not_in_force" before the effect date, "active", "not_renewed" (a notice ends it at a
//   coming term), "terminating" (breach termination notified), "ended" after its end.
// - notice_deadline: the deadline of the current term (null once a notice or a breach ends the
//   convention, or in the last term); next_notice_deadline: the first deadline on or after today
//   that a notice can still meet (null when no renewal is left to refuse).
//
// check_notice / check_breach_termination: whether a new notice, or a termination for breach,
// may be recorded (refusals name PAR-02, PAR-03 or PAR-04).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"

namespace mutua {

struct ConventionTerms {
  Date signed_on{};
  Date effect{};
  int max_renewals = 3;
  int notice_months = 2;
  int remedy_days = 30;
  int termination_notice_months = 1;
  int alert_days = 30;
  friend bool operator==(const ConventionTerms&, const ConventionTerms&) = default;
};

// "commune" | "mutuelle": the party that acts (gives notice, complains of a breach).
bool is_party(std::string_view text);

struct NonRenewalNotice {
  Date sent{};
  Date received{};         // acknowledgement of receipt of the registered letter
  std::string by;          // "commune" | "mutuelle" | "" (not stated)
  int64_t id = 0;          // as stored
  std::string reference;   // registered letter number
  friend bool operator==(const NonRenewalNotice&, const NonRenewalNotice&) = default;
};

struct BreachNotice {
  Date formal_notice{};                      // mise en demeure received
  std::optional<Date> remedied;              // the breach was remedied on
  std::string by;                            // the complaining party
  std::optional<Date> termination_notified;  // the complaining party's termination (PAR-04)
  int64_t id = 0;
  std::string reason;
  friend bool operator==(const BreachNotice&, const BreachNotice&) = default;
};

struct ConventionState {
  std::string status;
  Date current_term_end{};
  int renewals_done = 0;
  int renewals_left = 0;
  std::optional<Date> notice_deadline;  // of the current term, while a renewal remains
  std::optional<Date> next_notice_deadline;  // the first deadline not yet passed
  Date final_end{};                     // the last possible end (PAR-02)
  Date ends_on{};                       // the end as things stand (notice, breach or final)
  std::string why;                      // rule and reason of ends_on
  std::vector<std::string> alerts;
};

// The end of term k (0 = first term): 31 December of the effect year + k.
Date term_end(const ConventionTerms& terms, int k);
// The last day a non-renewal notice may be received for the term ending `term_end`.
Date notice_deadline(const ConventionTerms& terms, Date term_end);
// The last day a breach may be remedied: formal notice + remedy_days (PAR-04).
Date remedy_deadline(const ConventionTerms& terms, const BreachNotice& breach);

ConventionState convention_state(const ConventionTerms& terms,
                                 const std::vector<NonRenewalNotice>& notices,
                                 const std::vector<BreachNotice>& breaches, Date today);

// Whether `notice` may be recorded: received on or after sent, sent on or after the signature,
// and it must change the end (PAR-03): refused when the convention has ended by the receipt, is
// in its last term (PAR-02: it ends then anyway), or already ends at or before the term the
// notice would reach.
Status check_notice(const ConventionTerms& terms, const std::vector<NonRenewalNotice>& notices,
                    const std::vector<BreachNotice>& breaches, const NonRenewalNotice& notice);

// Whether the breach's complaining party may notify termination on `notified` (PAR-04): the
// 30 days to remedy must have run out without remedy, and the convention must still be in force.
Status check_breach_termination(const ConventionTerms& terms,
                                const std::vector<NonRenewalNotice>& notices,
                                const std::vector<BreachNotice>& breaches,
                                const BreachNotice& breach, Date notified);

}  // namespace mutua

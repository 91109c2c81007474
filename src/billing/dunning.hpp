// The non-payment procedure of the règlement (art. 10, 12, 13; Code de la mutualité L221-7):
// DUN-01..05. Pure: one contract's procedure, its account and the waivers in, the steps whose
// date has come out.
//
// Contract of advance():
// - DUN-01: when an instalment is still unpaid `notice_after_days` days after its due date, a
//   run issues a formal notice (mise en demeure). The notice is a letter: it is dated the day of
//   the run that issues it, never backdated, and the later periods run from that date.
//   *Interpretation* of "dans les dix jours de son échéance" (L221-7): the ten days are counted
//   from the due date itself, the due date being the first of them (due 1 January: the ten days
//   are 1 to 10 January). The notice therefore goes on day 10 after the due date (11 January:
//   notice_day()), never on day 9, and a payment dated on or before that day prevents it. The
//   other reading (the due date not counted, as for procedural delays, CPC art. 641: notice on
//   day 11, 12 January) is not the one applied; notice_day() is the one place that decides it.
// - DUN-01: a formal notice goes by registered letter, so it needs the member's postal address.
//   Without one (`has_address = false`) no notice is issued and no case opened: the decision
//   reports the notice as withheld (`withheld`), for the work list; a later run once the address
//   is known issues it, dated that run.
// - DUN-02: the guarantee is suspended `suspension_after_days` after the notice (date S).
// - DUN-03: the guarantees are terminated `termination_after_days` after S (date T).
// - DUN-04: a guarantee not yet terminated resumes when the arrears named in the notice and the
//   instalments due since are paid (AccountView::cleared_on). A payment on or before a step's
//   date prevents that step (the member paid in time); the case then closes with the
//   reinstatement dated the day the account was cleared.
// - Steps after the notice carry their own dates, so a run after a pause performs every step
//   whose date has come, in date order, and a payment dated between two steps stops the later
//   ones.
// - DUN-05: a waiver (sursis) stops the clock: every deadline is pushed back by the days of
//   waiver falling between its start and the deadline (iterated, so a long waiver pushes as long
//   as it lasts). It neither closes a case nor lifts a suspension already in force.
// - After a reinstatement, the same call may open a new case for a later unpaid instalment
//   (with `may_open`). A terminated case is final: nothing further is decided.
// - `may_open = false` (a payments import) performs the dated steps and reinstatements but never
//   issues a notice: only a dunning run sends letters.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/account_view.hpp"
#include "core/date.hpp"
#include "core/money.hpp"

namespace mutua {

// From config/regulation.yaml (dunning.*_after_days).
struct DunningParams {
  int notice_after_days = 10;
  int suspension_after_days = 30;
  int termination_after_days = 10;
};

struct Waiver {
  int64_t id = 0;
  std::string contract_id;
  Date from{};
  Date to{};  // inclusive
  std::string reason;
  Date granted{};
  friend bool operator==(const Waiver&, const Waiver&) = default;
};

struct DunningCase {
  int64_t id = 0;  // assigned by the store
  std::string contract_id;
  Date notice{};      // the day the notice was issued
  Date oldest_due{};  // the unpaid due date that triggered it
  Money arrears;      // arrears on the notice date, named in the letter
  std::optional<Date> suspended;   // DUN-02
  std::optional<Date> terminated;  // DUN-03
  std::optional<Date> reinstated;  // DUN-04: closed by payment
  bool open() const { return !terminated && !reinstated; }
  friend bool operator==(const DunningCase&, const DunningCase&) = default;
};

enum class StepKind { kNotice, kSuspension, kReinstatement, kTermination };
std::string_view to_string(StepKind kind);  // "notice", "suspension", "reinstatement", "termination"

struct DunningStep {
  StepKind kind = StepKind::kNotice;
  Date effective{};
  std::string rule;  // DUN-01 .. DUN-04
  Money arrears;     // arrears on that date
  friend bool operator==(const DunningStep&, const DunningStep&) = default;
};

// A notice due but not sent (DUN-01): the member's postal address is unknown.
struct WithheldNotice {
  Date oldest_due{};  // the unpaid due date that calls for it
  Date due_since{};   // the day the notice became due (notice_day of oldest_due)
  Money arrears;      // arrears on the run's date
  friend bool operator==(const WithheldNotice&, const WithheldNotice&) = default;
};

struct DunningDecision {
  // The cases touched, in order: the current one (updated) and any case opened after it.
  std::vector<DunningCase> cases;
  std::vector<DunningStep> steps;
  std::optional<WithheldNotice> withheld;  // a notice due but not sent: no postal address
};

// `current`: the contract's latest case (open or not), if any.
DunningDecision advance(const std::optional<DunningCase>& current, const AccountView& account,
                        const std::vector<Waiver>& waivers, Date today,
                        const DunningParams& params, bool may_open = true,
                        bool has_address = true);

// anchor + days, pushed back by the waiver days falling in (anchor, deadline] (DUN-05).
Date deadline(Date anchor, int days, const std::vector<Waiver>& waivers);

// DUN-01: the first day a formal notice may be issued for an instalment due on `due` and still
// unpaid: day `notice_after_days` after it (the due date counts as the first of the ten days,
// see the interpretation above), pushed back by waivers (DUN-05).
Date notice_day(Date due, const DunningParams& params, const std::vector<Waiver>& waivers);
// The last day of the ten days "dans les dix jours de son échéance": the day before notice_day.
Date payment_window_end(Date due, const DunningParams& params, const std::vector<Waiver>& waivers);

// Where a contract stands on `day` given its latest case: up_to_date, notice, suspended or
// terminated (BEN-09 holds claims under notice and suspension).
enum class DunningStatus { kUpToDate, kNotice, kSuspended, kTerminated };
std::string_view to_string(DunningStatus status);
DunningStatus status_on(const std::optional<DunningCase>& latest, Date day);

}  // namespace mutua

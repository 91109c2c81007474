// Rights of one insured person on a date (BIL-05: open, suspended or closed, and why). Pure: the
// contract, its suspensions, its contribution status and its product changes come in as values.
//
// Order of the answer, first match wins:
// - not_started: before the person's start date (ADH-01/02, ADH-07).
// - closed: after the person's end date (reason: the rule that set it: ELIG-07 for a child whose
//   condition ended, DEM-0x for a resignation, CES-02 for a radiation, CES-01 otherwise), or the
//   contract terminated for non-payment on or before the date (DUN-03).
// - suspended: a suspension (SUS-01) covers the date, or the contract is suspended for non-payment
//   since a date on or before it (DUN-02).
// - open: otherwise; under formal notice the reasons add BEN-09 (benefits held until payment).
// `since` is the first day of the status (for not_started: none).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "members/contract.hpp"
#include "members/lifecycle.hpp"

namespace mutua {

enum class RightsState { kOpen, kSuspended, kClosed, kNotStarted };
std::string_view to_string(RightsState s);  // "open", "suspended", "closed", "not_started"

struct CollectionState {
  CollectionStatus status = CollectionStatus::kUpToDate;
  Date since{};
  // Kept after a termination for non-payment: care from this date to the termination was given
  // during the suspension and stays unpaid (DUN-02, never reinstated).
  std::optional<Date> suspended_from;
};

// The non-payment procedure seen from one date (DUN-02, DUN-03, DUN-04), the one reading shared
// by `member rights` and the claims engine so that they never disagree:
// - kTerminated from the termination date on (DUN-03);
// - kSuspended from the suspension date while the procedure runs: care is held until the arrears
//   are paid, then covered (BEN-09, DUN-04);
// - kSuspendedThenTerminated for the days between the suspension and a later termination: they
//   stay suspended in every answer given after the termination too, and their care is never paid;
// - kNotice from the formal notice (rights open, benefits held, BEN-09);
// - kNone otherwise: up to date, before the procedure, or reinstated (DUN-04 covers the
//   suspended days again, so they read as open).
enum class NonPayment { kNone, kNotice, kSuspended, kSuspendedThenTerminated, kTerminated };
NonPayment non_payment_on(const std::optional<CollectionState>& collection, Date d);

struct RightsFacts {
  std::vector<Suspension> suspensions;
  std::optional<CollectionState> collection;
  std::vector<ProductChange> product_changes;
};

struct RightsAnswer {
  RightsState status = RightsState::kOpen;
  std::vector<std::string> reasons;  // "RULE-ID: plain words"
  std::string product;               // product in force on the date (or at the start)
  std::optional<Date> since;
  std::optional<Date> until;  // last day of the status when known (suspension end, rights end)
};

RightsAnswer rights_on(const Contract& contract, const Beneficiary& person, const RightsFacts& facts,
                       Date d);

}  // namespace mutua

// Decision: the outcome of adjudicating one care line (INTERFACES.md "Decisions output",
// BEN-15): status, amounts, the reason codes of every rule that shaped the amount, and the
// steps of the computation in plain words for `claims explain`.
//
// Contract:
// - `remaining` = charged − ro_paid − other_payers − rc (what the member still bears).
// - REJECTED, PENDING and DUPLICATE decisions have rc 0.
// - `reasons` hold each code at most once, in the order of the Reason enum (which is the order
//   of the INTERFACES.md list), so the `;`-joined text is stable whatever the computation order.
// - `steps` are in computation order; each names the rule applied and the amount after it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/money.hpp"

namespace mutua {

enum class ClaimStatus { kPaid, kRejected, kPending, kDuplicate };

// The codes of INTERFACES.md, in its order (never renamed; new codes go at the end).
enum class Reason {
  kNoRights,
  kSuspended,
  kArrears,
  kPrescribed,
  kAbroadNoApproval,
  kNoRo,
  kNotCovered,
  kCapAnnual,
  kCapCount,
  kCapLegal,
  kIndemnity,
  kOutOfPathway,
  kDuplicate,
  kRenewal,  // BEN-16: the renewal period of the equipment is not over
};

std::string_view to_string(ClaimStatus status);  // "PAID", "REJECTED", "PENDING", "DUPLICATE"
std::string_view to_string(Reason reason);       // "NO_RIGHTS", ..., "DUPLICATE", "RENEWAL"

// One step of the computation: what was done in plain words, the rule, the amount after it.
struct Step {
  std::string text;
  std::string rule_id;  // e.g. "BEN-02"
  Money amount;
};

struct Decision {
  ClaimStatus status = ClaimStatus::kPaid;
  Money rc;             // the complementary amount paid
  Money remaining;      // charged − ro_paid − other_payers − rc
  Money ro_gross;       // ro_paid + flat_fee + franchise (what the RO reimbursed before deductions)
  Money ro_gross_used;  // the RO gross the formula subtracted (base × normal rate out of pathway)
  Money formula_amount;  // the benefit formula's amount, before caps and legal bounds
  int units_paid = 0;    // counted units consumed (max_count), 0 when the line consumed none
  std::vector<Reason> reasons;
  std::vector<Step> steps;

  bool has(Reason reason) const;
  // Adds a reason once, keeping the enum order.
  void add(Reason reason);
  // "CAP_ANNUAL;INDEMNITY" (empty when there is none).
  std::string reasons_text() const;
  // Appends the same text to `out` (no temporary: the batch run's output loop).
  void append_reasons(std::string& out) const;
};

}  // namespace mutua

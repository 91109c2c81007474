// The reimbursement statement (décompte de remboursement, DOC-02, DOC-04): what the mutuelle paid
// for one contract's care lines, per payment or over a period. Pure: stored decisions and the
// payments of the runs in, the statement out; the French wording is documents/claims_statement's.
//
// Contract of build_statement():
// - A line is on the statement when its decision is PAID and its run is selected (one run for a
//   payment statement, every run dated in the period for a period statement). Lines are ordered
//   by payment (run), then care date, claim and line number.
// - Each line carries its care date, act (category and act code, quantity), the amount charged,
//   what the Assurance Maladie paid (ro_paid, after its deductions), other payers, what the
//   mutuelle paid (rc), the remaining charge and the payee (the member or the professional under
//   tiers payant). charged = ro_paid + other_payers + rc + remaining, to the cent, on every
//   line (BEN-15): a line that breaks it refuses the statement.
// - DOC-04: per run, the lines paid to the member sum exactly to what that run paid the member
//   (claim_payments); a difference refuses the statement (nothing half-true is printed). The
//   member's payment carries its transfer reference (payment_reference).
// - Totals are sums of the printed lines (one addition each, no rounding anywhere).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "claims/records.hpp"
#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"

namespace mutua {

// One stored decision with its decoded detail and the date of the run that decided it.
struct StatementSource {
  StoredDecision decision;
  DecisionDetail detail;
};

// One run that paid the contract: its date and what it paid the member (0 when it paid only
// professionals).
struct StatementRun {
  int64_t run_id = 0;
  Date paid_on{};
  Money to_member;
};

struct StatementLine {
  int64_t run_id = 0;
  std::string claim_id;
  int line = 0;
  std::string beneficiary_id;
  Date care_date{};
  std::string category;
  std::string act_code;
  int quantity = 1;
  Money charged;
  Money ro_paid;
  Money other_payers;
  Money rc;
  Money remaining;
  Payee payee = Payee::kMember;
  std::string payee_ref;  // the contract (member) or the professional
};

// What one run paid: the member's transfer (with its reference) and the professionals.
struct StatementPayment {
  int64_t run_id = 0;
  Date paid_on{};
  Money to_member;
  Money to_providers;
  std::string reference;  // payment_reference(run, contract); empty when nothing to the member
  int lines = 0;
};

struct Statement {
  std::string contract_id;
  std::vector<StatementLine> lines;
  std::vector<StatementPayment> payments;  // by run
  Money charged, ro_paid, other_payers, rc, remaining;  // sums of the lines
  Money to_member, to_providers;                        // rc = to_member + to_providers
};

// The reference a benefit transfer to a member carries (BEN-13), stable for a run and contract:
// "PRST-<run>-<contract>".
std::string payment_reference(int64_t run_id, const std::string& contract_id);

// `sources`: the contract's decisions (any status, any run); `runs`: the runs selected, each
// with what it paid the member per claim_payments. Error (rule DOC-04) when no line is paid in
// those runs, or when the lines do not add up (see above).
Result<Statement> build_statement(const std::string& contract_id,
                                  const std::vector<StatementSource>& sources,
                                  const std::vector<StatementRun>& runs);

}  // namespace mutua

// Pieces shared by the billing use cases (app/billing_*.cpp, dunning_service, payments).
#pragma once

#include <string>
#include <vector>

#include "app/billing.hpp"

namespace mutua {

struct StepsApplied {
  std::vector<DunningStep> steps;
  std::vector<std::string> letters;  // files written
  bool release = false;              // held claims to decide again (reinstated or terminated)
  std::optional<WithheldNotice> withheld;  // DUN-01: a notice due, not sent (no postal address)
};

// DUN-01: a formal notice goes by registered letter: the contract must have a postal address.
bool has_postal_address(const Contract& contract);

// Advances one contract's procedure to `today` and applies the steps (cases, the claims
// engine's collection status, the termination's end of rights, letters), in the caller's
// transaction.
Result<StepsApplied> advance_contract(Store& store, const Regulation& regulation,
                                      const std::string& contract_id, Date today,
                                      const DunningParams& params, bool may_open,
                                      const std::string& letters_dir);

// Posts the instalments of the stored schedules due on or before `today` and never posted
// (billing/billing_decision.hpp bill_due), in the caller's transaction; returns the entries
// posted.
int64_t post_due_from_schedules(Store& store, Date today);

}  // namespace mutua

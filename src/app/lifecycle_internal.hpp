// Helpers shared by the lifecycle use-case files (not part of the app/ interface).
#pragma once

#include <optional>
#include <string>

#include "app/lifecycle.hpp"

namespace mutua {

// Sets the end of a dependant child's rights from its condition and proofs (ELIG-07), never later
// than the end the contract already has for another reason (termination, declared end). Returns
// why the condition ends when that is what ends the rights. Runs in the caller's transaction.
std::string refresh_child_end(Store& store, const LifecycleParams& params, const Contract& contract,
                              const Beneficiary& child);

// Re-evaluates an enrolment after a proof was added, activating it when the proof completes it.
// Runs in the caller's transaction.
std::optional<EnrolmentOutcome> reevaluate_enrolment(Store& store, const Regulation& regulation,
                                                     const std::string& contract_id);

// The condition claimed for a person of an enrolment file.
std::optional<ChildCondition> enrolment_condition(Store& store, const std::string& contract_id,
                                                  const std::string& beneficiary_id);

// What rights_on() needs beside the contract: suspensions, contribution status, product changes.
RightsFacts rights_facts(Store& store, const std::string& contract_id);

// Records the end of an adhesion in the caller's transaction: every person's rights end on
// `t.effective` at the latest (apply_end), the termination is saved, the ledger follows at once
// (instalments after the end credited, BIL-06; a later dunning run cannot bill them from the
// stored schedule) and benefits already paid for care after the end become undue (CES-01).
// `today`: the date the ledger entries are dated.
Status record_termination(Store& store, const Regulation& regulation, const Contract& c,
                          const Termination& t, Date today);

}  // namespace mutua

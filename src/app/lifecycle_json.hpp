// The membership lifecycle's reads as JSON documents, shared by the CLI (`--json`) and the HTTP
// API (docs/api.md): one spelling of every key. Dates are "YYYY-MM-DD", null when absent; money
// is a string "1234.50"; an empty optional text (end reason, event, beneficiary of a work item)
// is null. Keys of a nlohmann object print in alphabetical order.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/lifecycle.hpp"

namespace mutua {

// {"contract_id", "status": "incomplete"|"active", "missing": [{"item", "rule", "label"}],
//  "completed_on", "effective_date", "beneficiaries": [ids]}
// (`member enrol`, `member receive`, `member show` of a contract still in enrolment).
nlohmann::json enrolment_json(const EnrolmentOutcome& outcome);

// {"beneficiary_id", "role", "last_name", "first_name", "birth_date", "start_date", "end_date",
//  "end_reason"} and, when known, "relation" (spouse) and "condition" (child).
nlohmann::json person_json(const Beneficiary& person);

// `member add-dependant`: person_json plus "contract_id" and, when the rights end, "end_why".
nlohmann::json dependant_json(const DependantOutcome& outcome);

// {"kind", "rule", "received", "event_date", "event", "effective_date" (last day of cover),
//  "refund" (money or null when it could not be computed), "confirmed", "sent" (the letter's
//  sending date or null), "new_insurer" (DEM-09, or null), "refund_deadline" (DEM-10, or null)}.
nlohmann::json termination_json(const Termination& termination);

// `member resign|radiate`: termination_json plus "contract_id", "why", "refund_note" (only when
// the refund is unknown) and "confirmation": "pending" | "not_applicable" (radiation).
nlohmann::json termination_outcome_json(const TerminationOutcome& outcome);

// A stored contract and its history: what `member show` reads.
struct ContractPage {
  Contract contract;
  std::vector<ProductChange> product_changes;
  std::vector<Suspension> suspensions;
  std::vector<ContractChange> changes;
  std::optional<Termination> termination;
};
// Loads the page of a stored contract; nullopt when no contract has this id (it may still be an
// enrolment: see enrolment_state).
std::optional<ContractPage> load_contract_page(Store& store, const std::string& contract_id);

// {"contract_id", "product", "adhesion_date", "payment_frequency", "status", "employer", "email",
//  "address", "iban", "beneficiaries": [person_json],
//  "product_changes": [{"effective", "product", "previous", "signed", "reference"}],
//  "suspensions": [{"from", "to", "reason", "notified"}],
//  "changes": [{"field", "old", "new", "effective", "recorded"}]}
// and "termination": termination_json when the contract ends.
nlohmann::json contract_page_json(const ContractPage& page);

// `member show --json` / `GET /api/contracts/{id}`: the contract page of a stored contract, else
// the enrolment_json of an enrolment still waiting under this id, else the error of an unknown
// contract. `today` is the business date of the request; no key of the page depends on it yet.
Result<nlohmann::json> contract_page_json(Store& store, const Regulation& regulation,
                                          const std::string& contract_id, Date today);

// `member rights --json`: {"beneficiary_id", "contract_id", "date" (`on`), "status":
//  "open"|"suspended"|"closed"|"not_started", "reasons": [texts], "product", "since", "until"}.
nlohmann::json rights_json(const RightsReport& report, Date on);

// {"kind", "contract_id", "beneficiary_id", "date", "rule", "detail"}.
nlohmann::json work_item_json(const WorkItem& item);
// `worklist --json`: {"date" (`from`), "items": [work_item_json]}, in the order given (by date).
nlohmann::json worklist_json(Date from, const std::vector<WorkItem>& items);

}  // namespace mutua

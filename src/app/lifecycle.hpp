// Use cases of the membership lifecycle (issue 4): enrolment and the items it waits for, dependants
// and their proofs, product changes, member-reported changes, suspensions, resignations,
// radiations, rights at a date and the staff work list. Each loads what the decision needs from
// the Store, calls the pure domain (members/, rating/), and writes the result in one transaction:
// a refusal or a bad input changes nothing.
//
// Errors: data errors name the field (or the request file and JSON path); refusals name the rule.
// Dates after the business date (`today`) are accepted (a replay, a pre-recorded letter): the CLI
// warns about them; the rules are evaluated with the dates given.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "members/dependants.hpp"
#include "members/enrolment.hpp"
#include "members/lifecycle.hpp"
#include "members/rights.hpp"
#include "regulation/regulation.hpp"
#include "storage/store.hpp"

namespace mutua {

// Figures and readings the lifecycle takes from config/regulation.yaml, in force on `on`.
struct LifecycleParams {
  EnrolmentParams enrolment;
  RightsEndRule rights_end = RightsEndRule::kEndOfMonth;
  int worklist_days = 60;
  int suspension_notice_days = 30;
};
Result<LifecycleParams> lifecycle_params(const Regulation& regulation, Date on);

// --- Enrolment (ADH-01, ADH-02, ADH-04, ELIG-01..08) --------------------------------------------

struct EnrolmentOutcome {
  std::string contract_id;
  std::string product;  // signed for
  std::string status;  // "incomplete" | "active"
  std::vector<RequiredItem> missing;
  std::optional<Date> completed_on;
  std::optional<Date> effective;
  std::vector<std::string> beneficiary_ids;
  // The missing item codes, comma-separated (work list, rights reasons).
  std::string missing_codes() const;
};

// Records the request in `json_text` (format in docs/cli.md, `member enrol`). `file` names it in
// errors. Items not yet received are listed; a complete file creates the contract.
Result<EnrolmentOutcome> enrol(Store& store, const Regulation& regulation,
                               const std::string& json_text, const std::string& file);
// What a coverage_justificatif states (MAJ-04, MAJ-07); empty for other items.
struct JustificatifFields {
  std::optional<Date> coverage_end;   // end of the last reference guarantee
  std::optional<int> coefficient_bp;  // transmitted coefficient
};
// Records an item received (or, for ADH-04 items, declared not producible). The
// coverage_justificatif needs its coverage_end (justificatif_problem, members/enrolment.hpp).
Result<EnrolmentOutcome> receive_item(Store& store, const Regulation& regulation,
                                      const std::string& contract_id, const std::string& item,
                                      Date received, bool not_produced,
                                      const std::string& reference,
                                      const JustificatifFields& justificatif = {});
// The state of an enrolment file.
Result<EnrolmentOutcome> enrolment_state(Store& store, const Regulation& regulation,
                                         const std::string& contract_id);

// --- Dependants and proofs (ELIG-02..08) --------------------------------------------------------

struct DependantRequest {
  std::string contract_id;
  Beneficiary person;           // id, role, names, birth date, relation or condition
  Date received{};              // request received; rights start the next day (ADH-01)
  std::optional<Date> start;    // explicit start instead
  std::optional<Proof> proof;   // a proof given with the request
};
struct DependantOutcome {
  std::string contract_id;
  Beneficiary person;  // as stored, with its start and computed end
  std::string end_why;
};
Result<DependantOutcome> add_dependant(Store& store, const Regulation& regulation,
                                       DependantRequest request);

// Adds a proof to a dependant (of a contract or of an enrolment); the dependant's rights end is
// recomputed (ELIG-07), an enrolment waiting for it may complete.
struct ProofOutcome {
  int64_t proof_id = 0;
  std::string contract_id;
  std::optional<Date> rights_end;  // dependant of a contract
  std::string end_why;
  std::optional<EnrolmentOutcome> enrolment;  // dependant of an enrolment
};
Result<ProofOutcome> add_proof(Store& store, const Regulation& regulation, Proof proof);

// --- Changes -------------------------------------------------------------------------------------

Result<ProductChange> change_product(Store& store, const std::string& contract_id,
                                     const std::string& product, Date signed_on,
                                     const std::string& reference);

// Member-reported change of situation or bank details (REG art. 22): the old value is kept.
// Fields: email, iban, address, employer, status (active|retired), payment_frequency.
Result<ContractChange> update_contract_field(Store& store, const std::string& contract_id,
                                             const std::string& field, const std::string& value,
                                             Date effective, Date today);

// --- Suspension, resignation, radiation ----------------------------------------------------------

// SUS-01: records the suspension and re-bills the contract on `today` (the suspended days are not
// due: what was already billed for them is credited by an adjustment entry).
Result<Suspension> suspend(Store& store, const Regulation& regulation, Suspension suspension,
                           Date today);

struct TerminationOutcome {
  Termination termination;
  std::string why;
  std::string refund_note;  // why the refund could not be computed, when it could not
};
Result<TerminationOutcome> resign(Store& store, const Regulation& regulation,
                                  const std::string& contract_id,
                                  const ResignationRequest& request);
// L221-10-1: records that the annual calls for `year` were sent on `sent` by `channel`, for one
// contract (refused when it has no call for that year) or for every contract with a call for
// it; stating the last day to resign (renewal_resignation_deadline) unless `last_day_stated` is
// false (a call sent without it: DEM-08). DEM-11: `sent` may be neither before the call was
// issued (BillingSchedule::called) nor after `today` (data error --sent). Recording the same
// sending again does nothing (`unchanged`); another one replaces the recorded one only when it
// takes nothing from the member's window (shortens_window); otherwise it is refused (DEM-11) for
// one contract, and for every contract those calls are kept as recorded (`kept`), the command
// being refused when nothing else is left to record.
struct CallsSentSummary {
  int year = 0;
  Date sent{};
  std::optional<Date> last_day;  // stated on the calls
  bool late = false;             // DEM-07: sent less than 15 days before it, or after it
  std::optional<Date> until;     // DEM-07: last day of the 20 days when late
  int64_t calls = 0;              // newly recorded
  int64_t unchanged = 0;         // already recorded with this very sending
  std::vector<std::string> kept; // DEM-11: the change would shorten their window: not changed
};
Result<CallsSentSummary> record_calls_sent(Store& store, int year, Date sent,
                                           SendChannel channel, bool last_day_stated,
                                           const std::string& contract_id, Date today);

// ELIG-11: after migration 12, the children it made minors get their end of rights (ELIG-07),
// once: does nothing unless the setting `child_ends_pending` is there, then clears it. Returns
// how many children got an end. One transaction.
Result<int64_t> settle_child_ends(Store& store, const Regulation& regulation, Date today);

// CES-02: the member no longer meets the admission conditions; rights end on `effective`.
Result<TerminationOutcome> radiate(Store& store, const Regulation& regulation,
                                   const std::string& contract_id, Date effective,
                                   const std::string& reason, Date today);

// --- Rights and work list ------------------------------------------------------------------------

struct RightsReport {
  std::string contract_id;
  std::string beneficiary_id;
  RightsAnswer answer;
};
Result<RightsReport> rights(Store& store, const Regulation& regulation,
                            const std::string& beneficiary_id, Date d);

struct WorkItem {
  std::string kind;  // rights_ending | proof_expiring | resignation_to_confirm |
                     // enrolment_incomplete | suspension_ending | notice_withheld |
                     // refund_due | refund_late
  std::string contract_id;
  std::string beneficiary_id;  // when about one person
  Date date{};                 // the date that matters (end, expiry, receipt...)
  std::string rule;
  std::string detail;
};
// Everything staff must act on from `d` to d + worklist_days, by date.
Result<std::vector<WorkItem>> worklist(Store& store, const Regulation& regulation, Date d);
// DUN-01 (app/dunning_service.cpp): `notice_withheld` items, contracts whose formal notice is due
// on `d` but cannot be sent, no postal address being known; dated the day the notice became due.
Status withheld_notices(Store& store, const Regulation& regulation, Date d,
                        std::vector<WorkItem>& out);

// Loads a contract or returns the data error naming it.
Result<Contract> load_contract(Store& store, const std::string& contract_id);

}  // namespace mutua

// Use cases of the personal-data rights of members (GDPR-01, GDPR-03, GDPR-04; Règlement
// mutualiste art. 26): requests tracked with their one-month deadline, the export of everything
// the store holds about a person (access and portability), rectification, erasure once the
// retention ended and the retention job, and the opposition flags that marketing uses honour.
// Each loads what the decision needs from the Store, calls the pure domain (privacy/), and writes
// the result in one transaction: a refusal or a bad input changes nothing — except that an
// erasure refused with --request records the refusal on that request (the answer the person
// gets), and exits 4 all the same.
//
// Errors: data errors name the CLI option (`--kind`, `--received`, `--request`, `--field`,
// `--value`, `--out`...) or the argument (BENEFICIARY, CONTRACT, ID); refusals name the rule
// (GDPR-03: data still kept).
//
// The export (export_personal_data) writes a zip (libzip, used only in privacy_export.cpp) to
// FILE.partial, fsyncs it and renames it to FILE: the file is complete or absent. Contents:
//   personne.json       the person, their contract, rights, termination, suspensions, product
//                       changes, opposition flags and their history, their requests, and for
//                       the member the mandates, dunning procedures, regional subscription and
//                       the enrolment file
//   contrat.csv         the contract (for a dependant, without the member's bank and contact
//                       details)
//   beneficiaires.csv   the persons: every person of the contract for the member (the NIR only
//                       of the requester), the requester alone for a dependant
//   cotisations.csv     the instalment schedules (member only)
//   ecritures.csv       the contract's ledger entries (member only)
//   remboursements.csv  the requester's own claim decisions (their health data)
//   documents.csv       the documents issued (member only)
//   historique.csv      the history of changes (contract changes for the member, and the
//                       rectifications of the persons listed)
//   justificatifs.csv   the proofs of the persons listed
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "privacy/opposition.hpp"
#include "privacy/request.hpp"
#include "privacy/retention.hpp"
#include "regulation/regulation.hpp"
#include "storage/store.hpp"

namespace mutua {

// --- Requests (GDPR-01) ---------------------------------------------------------------------

// Opens a request of `kind` (text: access | portability | rectification | erasure | opposition |
// limitation, else a data error on --kind) for a person of a contract or of an enrolment file.
Result<PrivacyRequest> open_privacy_request(Store& store, const std::string& beneficiary_id,
                                            const std::string& kind, Date received, Date today,
                                            const std::string& details);

// Closes an open request. An erasure request is closed done only by erase_contract (the data
// must have been anonymised): closing it done by hand is a data error naming --done.
Result<PrivacyRequest> close_privacy_request(Store& store, int64_t id, RequestOutcome outcome,
                                             const std::string& reason, const std::string& rule,
                                             Date today);

struct RequestView {
  PrivacyRequest request;
  bool late = false;  // open past its deadline on the date asked
  int days_left = 0;
};
// The requests (of one person when `beneficiary_id` is not empty), by id; `late_only`: the open
// ones past their deadline on `today`; `open_only`: the open ones.
std::vector<RequestView> list_privacy_requests(Store& store, Date today, bool late_only,
                                               bool open_only, const std::string& beneficiary_id);

// --- Export (GDPR-01: access, portability) --------------------------------------------------

struct ExportedFile {
  std::string name;
  long long rows = 0;  // CSV data rows; 1 for personne.json
};
struct ExportOutcome {
  std::string file;
  std::string beneficiary_id;
  std::string contract_id;
  bool member = false;  // the requester is the contract's member
  std::vector<ExportedFile> files;
  std::optional<PrivacyRequest> request;  // the request closed by the export
};
// Writes the zip described in the header to `out`. With `request_id`, the access or portability
// request of this person is closed done. A person of an enrolment file only (no contract yet) is
// a data error (BENEFICIARY). Without `care_lines`, remboursements.csv is left out: the export
// is made for someone whose role may not read health data (GDPR-02).
Result<ExportOutcome> export_personal_data(Store& store, const std::string& beneficiary_id,
                                           const std::string& out, Date today,
                                           std::optional<int64_t> request_id,
                                           bool care_lines = true);

// --- Rectification (GDPR-01) ----------------------------------------------------------------

struct RectificationOutcome {
  std::string beneficiary_id;
  std::string contract_id;
  std::string field;
  std::string old_value;
  std::string new_value;
  std::optional<Date> rights_end;  // a child's end of rights, recomputed after a birth date
  std::optional<PrivacyRequest> request;
};
// A person field (last_name, first_name, birth_date, nir) is changed with its history
// (person_changes); a contract field (email, iban, address, employer, status,
// payment_frequency) goes through update_contract_field (contract_changes), and only the
// contract's member may ask it. A child's rights end is recomputed after a birth date change
// (ELIG-07). Refused on an anonymised contract (data error naming BENEFICIARY).
Result<RectificationOutcome> rectify(Store& store, const Regulation& regulation,
                                     const std::string& beneficiary_id, const std::string& field,
                                     const std::string& value, Date effective, Date today,
                                     std::optional<int64_t> request_id);

// --- Erasure and retention (GDPR-03) --------------------------------------------------------

struct ErasureOutcome {
  std::string contract_id;
  Date ended{};
  Date kept_until{};
  Date erased{};
  bool already = false;  // anonymised before (on `erased`): nothing written
  std::vector<std::string> persons;
  std::vector<int64_t> requests_closed;  // erasure requests of its persons closed done
};
// Anonymises a contract whose retention ended (privacy/retention.hpp says what is blanked); a
// contract still kept is refused with GDPR-03 saying until when. With `request_id` (an erasure
// request of one of its persons), a refusal is recorded on the request (refused, GDPR-03) before
// the error is returned. Every open erasure request of its persons is closed done.
Result<ErasureOutcome> erase_contract(Store& store, const Regulation& regulation,
                                      const std::string& contract_id, Date today,
                                      std::optional<int64_t> request_id);

struct RetentionItem {
  std::string contract_id;
  Date ended{};
  Date kept_until{};
};
struct RetentionOutcome {
  bool dry_run = false;
  std::vector<RetentionItem> erased;  // or, in a dry run, to erase
};
// The retention job: every contract past its retention and not yet anonymised, anonymised or
// only listed with `dry_run`. Contracts are read by pages of `chunk`, by contract id, each page
// decided and written in its own transaction.
Result<RetentionOutcome> run_privacy_retention(Store& store, const Regulation& regulation,
                                               Date today, bool dry_run, int chunk = 256);

// --- Opposition (GDPR-04) -------------------------------------------------------------------

struct OppositionOutcome {
  std::string beneficiary_id;
  OppositionFlags flags;  // in force after the change
  bool changed = false;   // a new record was written
  std::vector<OppositionRecord> history;
  std::optional<PrivacyRequest> request;
};
// Sets the flags given (none: only reports them). With `request_id`, the opposition request of
// this person is closed done.
Result<OppositionOutcome> set_opposition(Store& store, const std::string& beneficiary_id,
                                         std::optional<bool> surveys,
                                         std::optional<bool> extra_offers, Date today,
                                         std::optional<int64_t> request_id);

// The contracts a marketing use may address on `today` (privacy/opposition.hpp), anonymised
// contracts excluded, by contract id.
std::vector<std::string> marketing_contracts(Store& store, MarketingUse use, Date today);

}  // namespace mutua

// Documents of the membership lifecycle as PDF, in French (DOC-01, DOC-02): what the mutuelle
// sends, built from stored facts, rendered by documents/ and registered in the store with their
// date.
//
// Kinds and when each may be issued (a refusal names the rule and writes nothing):
// - resignation_receipt (DEM-04): the contract has a recorded resignation. Issuing it is the
//   written confirmation: the resignation's `confirmed` date is set to the business date (the
//   first issue; a reprint keeps the first date).
// - justificatif (CES-03, MAJ-06): labelled products only. The *justificatif d'adhésion* with the
//   majoration coefficient and how it was computed, or the *attestation de non-majoration* when
//   the coefficient is 0.
// - suspension_notice (SUS-01): the latest suspension recorded for the contract.
// - rights_ending (ELIG-07): dependants whose condition ends their rights on or after the date.
// - card (DOC-01): member card / attestation de tiers payant, only while the contributions are up
//   to date and the rights open on the business date; valid to the earliest of 31 December and
//   the end of the rights; lists the persons covered that day.
// - statement (DOC-02, DOC-04): the décompte de remboursement, health data (it lists acts): the
//   care lines of the contract paid by one payment (`run`: a claims run or release; default the
//   latest that paid the contract), or by every payment dated in [from, to]; each line with its
//   amounts and payee, each payment with its total and transfer reference (claims/statement.hpp).
//   Refused (DOC-04) when nothing was paid or the lines do not add up to the payment.
// - Billing letters (DOC-02, app/billing_documents.cpp): annual_call (BIL-01: the call of the
//   year being called: next year from 1 December, else the current year; doubles as the
//   pre-notification of direct debits), schedule (BIL-02: the current year's instalments with
//   what is paid), prenotification (BIL-03: the next direct debit), formal_notice (DUN-01),
//   suspension_letter (DUN-02), termination_letter (DUN-03): from the latest procedure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "regulation/regulation.hpp"
#include "storage/store.hpp"

namespace mutua {

struct IssuedDocument {
  std::string kind;
  std::string title;  // French title printed on it
  std::string path;
  Date issued{};
};

// Kinds accepted by issue_document, for messages and docs.
const char* document_kinds();

// What selects the content of a statement (ignored by the other kinds).
struct DocumentOptions {
  std::optional<int64_t> run;  // one payment: the claims run (or release) that paid it
  std::optional<Date> from;    // a period: every payment dated from..to (both or neither)
  std::optional<Date> to;
};

Result<IssuedDocument> issue_document(Store& store, const Regulation& regulation,
                                      const std::string& contract_id, const std::string& kind,
                                      const std::string& out_dir, Date today,
                                      const DocumentOptions& options = {});
// The same within the caller's transaction (a dunning run issuing its letters).
Result<IssuedDocument> issue_document_in(Store& store, const Regulation& regulation,
                                         const std::string& contract_id, const std::string& kind,
                                         const std::string& out_dir, Date today,
                                         const DocumentOptions& options = {});

}  // namespace mutua

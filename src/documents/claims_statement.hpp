// The reimbursement statement as a French document (décompte de remboursement, DOC-02, DOC-04).
// Pure builder: a claims/statement.hpp Statement and the names to print in, a PdfDocument out;
// no rule decided here (the lines and totals are the Statement's).
//
// Contract:
// - `letter` comes with its letterhead filled by the caller; the builder sets `title` and
//   appends: a short introduction (per payment or for the period), one table per payment
//   (Soins du (dd/mm/yyyy), Acte (followed by the beneficiary's name when the payment concerns
//   several persons), Dépense, Ass. Maladie, [Autres payeurs when a line has one], Mutuelle,
//   Reste à charge, Payé à: « Vous » or the professional) closed by a "Total" line, then for each
//   payment the fields "Payé le", "Versé à vous-même" with the transfer reference, "Versé aux
//   professionnels de santé (tiers payant)" when any, and a recapitulation of the totals.
// - Amounts are printed with french_money (no rounding: the Statement's cents), dates with
//   french_date. The act is the French label of the care category, then the act code and the
//   quantity when above 1 ("Consultation généraliste (G)", "… (C) × 2").
// - Health data: the statement lists acts; it goes to the member of the contract only (the
//   caller decides who may produce it).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "claims/statement.hpp"
#include "core/date.hpp"
#include "documents/pdf_document.hpp"

namespace mutua {

struct StatementNames {
  std::map<std::string, std::string> beneficiaries;  // beneficiary id → what to print ("Inès")
  std::string member_iban_masked;                    // "FR76 **** **** 0189"; may be empty
  std::optional<Date> period_from;                   // set for a statement over a period
  std::optional<Date> period_to;
};

PdfDocument statement_document(PdfDocument letter, const Statement& statement,
                               const StatementNames& names);

// "Consultation généraliste" for CONSULT_GP...; the code itself when unknown.
std::string french_care_category(const std::string& category);

}  // namespace mutua

// The standard reimbursement examples of a product (the UNOCAM list insurers publish beside their
// guarantee table): a GP and a specialist visit, a day in a private room, glasses, a crown, a
// hearing aid, an osteopath, the hospital daily fee. Each example is a synthetic care line run
// through the real claims engine (claims/adjudicate.hpp), so what a prospective member reads is
// exactly what a claim of that shape would be paid, reasons included.
//
// Contract:
// - Pure: no I/O, no clock. The caller passes the catalogue (usually the stored one), the year
//   and the regulation.
// - The prices are illustrative typical figures held in one table (claims_examples.cpp), not
//   data: the RO rate, the participation forfaitaire and the hospital daily fee come from the
//   regulation at the care date, so they follow the year asked.
// - Every line is given on 1 July of `year`, received the same day, in France, in the care
//   pathway, paid to the member, with open rights, no arrears, and a fresh AccumulatorState per
//   example (caps and counted allowances are never partly used).
// - A category the product has no benefit for is not an error: the engine rejects the line
//   NOT_COVERED (BEN-01) and the example says so.
// - Errors: the product is not in the catalogue (message names it); a regulatory figure the
//   examples need is missing for the year (the regulation's error, naming key and date).
#pragma once

#include <string>
#include <vector>

#include "catalogue/catalogue.hpp"
#include "claims/decision.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "regulation/regulation.hpp"

namespace mutua {

// One example as a member reads it: what was spent, what the RO paid, what the product pays.
struct ReimbursementExample {
  std::string label;     // French, for display ("Consultation généraliste OPTAM")
  std::string category;  // care category of the synthetic line
  int quantity = 1;      // units of the line (days, ears)
  Money charged;         // assumed price (dépense)
  Money base;            // base de remboursement (BR)
  int ro_rate_bp = 0;    // RO rate applied to the base, basis points (0: the RO pays nothing)
  Money ro_paid;         // base × rate − flat fee
  Money flat_fee;        // participation forfaitaire (never reimbursed, BEN-04)
  Decision decision;     // the engine's decision: status, rc, remaining, reasons, steps
};

struct ExamplesReport {
  std::string product;       // product code
  std::string product_name;  // product display name
  int year = 0;
  std::vector<ReimbursementExample> examples;  // in the order of the UNOCAM list
};

Result<ExamplesReport> reimbursement_examples(const Catalogue& catalogue,
                                              const std::string& product, int year,
                                              const Regulation& regulation);

}  // namespace mutua

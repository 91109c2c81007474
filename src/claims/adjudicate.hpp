// The adjudication engine: one care line in, one decision out (BEN-01..11, BEN-15, ADH-07,
// CES-01, SUS-01). Pure: no I/O, no clock; everything the app layer loads (the product's
// benefit, the beneficiary's rights at the care date, the contract's arrears, regulatory
// figures) arrives in LineContext; AccumulatorState is updated for PAID lines only.
//
// Order of the checks that stop a line (the first that applies decides; rc 0):
//   1. duplicate (BEN-12)                         → DUPLICATE  DUPLICATE
//   2. rights at the care date: before the opening (ADH-07) or after the end (CES-01)
//                                                 → REJECTED   NO_RIGHTS
//      in a suspension period (SUS-01)            → REJECTED   SUSPENDED
//   3. care more than `prescription_years` before received_date (BEN-11; exactly that many
//      years earlier is still in time)            → REJECTED   PRESCRIBED
//   4. abroad (country ≠ FR) without emergency or prior approval (BEN-10)
//                                                 → REJECTED   ABROAD_NO_APPROVAL
//   5. the RO has not covered the line (BEN-10 "RO first"): abroad, when base or RO gross is
//      0; in France, when base > 0 but RO gross is 0 (the RO set a base and paid nothing). A
//      French line with base 0 is care the RO does not reimburse (BEN-12 invoices): it goes on
//      to the formula (a percentage of 0 is 0; euro allowances pay).
//                                                 → REJECTED   NO_RO
//   6. no benefit for the category, no formula for the kind of doctor, or a full_basket
//      formula on a line outside the 100% santé basket (BEN-01, BEN-06)
//                                                 → REJECTED   NOT_COVERED
//   7. the contract is in arrears (formal notice or suspension for non-payment, BEN-09)
//                                                 → PENDING    ARREARS (no accumulator use:
//      caps are consumed when the line is released and adjudicated again)
//
// Amount of a PAID line (each step is recorded for explain):
//   G  = RO gross = ro_paid + flat_fee + franchise (BEN-04).
//   Gf = the RO gross the formula subtracts: G; out of pathway, base × normal RO rate (BEN-04,
//        reason OUT_OF_PATHWAY on every out-of-pathway line: the rule always shapes it).
//   Formula choice: a doctor with optam = 1 uses `optam`, else (0 or empty) `non_optam`; either
//        falls back to `formula` when the benefit has no such entry.
//   Formula terms (BEN-01):
//     total_pct_br N  → max(0, min(charged, N% × base) − Gf)   (ticket_moderateur = 100)
//       + plus       → the allowance below, added on top
//     real_costs      → max(0, charged − Gf)
//     full_basket     → max(0, charged − Gf) on a 100% santé line: basket 100S, or basket
//                       empty on a *_100S category (the category is the basket) (BEN-06)
//     amount          → the allowance below
//   Allowances: per act | day → amount × units paid; per equipment → amount once per line;
//     per year → what is left of the beneficiary's annual budget for the category.
//   Counted allowance (max_count, BEN-08): units are `quantity` when the formula's allowance is
//     per act or per day, else 1 per line. When fewer units are left than the line has, the
//     units left are paid: euro allowances count only those units, the percentage part is
//     prorated (× left / units); none left → rc 0. Reason CAP_COUNT.
//   Bounds, in this order; each one that lowers rc adds its reason:
//     a. out of pathway: rc ≤ min(charged, base) − Gf (the excess over base is never covered)
//     b. legal cap (BEN-06/07): rc ≤ legal_cap − Gf                      CAP_LEGAL
//     c. annual_cap (BEN-08): rc ≤ cap − rc already paid in the window   CAP_ANNUAL
//     d. indemnity (BEN-02): rc ≤ charged − G − other_payers, floor 0    INDEMNITY
//     e. abroad (BEN-10): rc ≤ the France-equivalent (the same line adjudicated as if given in
//        France: same amounts, same state) and ≤ real costs (d)         CAP_LEGAL
//   A PAID line may end with rc 0 (the reasons say why).
// Consumption (PAID lines with rc > 0 only, so a line paid nothing never uses a renewal):
//   the window's amount += rc and units += units paid; the annual budget takes what the
//   allowance actually paid, the percentage part being paid first.
#pragma once

#include <optional>

#include "catalogue/catalogue.hpp"
#include "claims/accumulator.hpp"
#include "claims/care_line.hpp"
#include "claims/decision.hpp"
#include "core/result.hpp"
#include "regulation/regulation.hpp"

namespace mutua {

// The beneficiary's rights on the care date (ADH-07, CES-01, SUS-01). A suspension for
// non-payment is not kSuspended: it is LineContext::in_arrears (BEN-09, held PENDING).
enum class RightsStatus { kOpen, kNotStarted, kEnded, kSuspended };

// Regulatory figures for one line, read by line_rules() from the Regulation.
struct LineRules {
  // BEN-11, in force on the received date; absent = no prescription check.
  std::optional<int> prescription_years;
  // The RO's normal rate for the category on the care date, in basis points (out of pathway,
  // BEN-04). Absent on an out-of-pathway line: Gf = base (nothing of the base is covered).
  std::optional<int> normal_ro_rate_bp;
  // Most RO + RC may reach for the line (BEN-06/07): the optics equipment maximum, the hearing
  // maximum per ear × quantity, the 100% santé hearing price limit × quantity.
  std::optional<Money> legal_cap;
};

struct LineContext {
  const Benefit* benefit = nullptr;  // the product's benefit for the category; nullptr = none
  RightsStatus rights = RightsStatus::kOpen;
  bool in_arrears = false;  // BEN-09
  bool duplicate = false;   // BEN-12: (claim_id, line) already decided
  LineRules rules;
  // Whether Decision::steps are written (explain); a batch run keeps only amounts and reasons.
  bool record_steps = true;
};

Decision adjudicate(const CareLine& line, const LineContext& context, AccumulatorState& state);

// The regulatory figures of a line (keys: claims.prescription_years at the received date;
// at the care date: ro.rate.* for the category, optics.max.simple_simple for
// OPTICS_FRAME_LENSES (the line does not give lens classes: the strictest maximum, as the
// catalogue check), hearing.max_per_ear for HEARING_FREE, hearing.class1_price_limit for
// HEARING_100S). A figure the category needs but the regulation lacks is an error.
Result<LineRules> line_rules(const Regulation& regulation, const CareLine& line);

// The same figures in two cacheable parts (a batch run looks them up once per category and care
// date, and once per received date): make_line_rules(category_rules, prescription_years,
// quantity) equals line_rules().
struct CategoryRules {
  std::optional<int> normal_ro_rate_bp;
  std::optional<Money> legal_cap_unit;  // per equipment, or per ear when cap_per_unit
  bool cap_per_unit = false;
};
Result<CategoryRules> category_rules(const Regulation& regulation, std::string_view category,
                                     Date care_date);
Result<int> prescription_years(const Regulation& regulation, Date received_date);
LineRules make_line_rules(const CategoryRules& category, std::optional<int> prescription,
                          int quantity);

// The regulation key of the normal RO rate of a category ("" when the RO has no rate for it).
std::string_view normal_rate_key(std::string_view category);

}  // namespace mutua

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
//   6. no benefit for the category (on a responsible product an EMERGENCY_FEE line always has
//      one: real_costs, BEN-19), no formula for the kind of doctor, or a full_basket
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
//   Renewal (BEN-16, when rules.renewal is set): the equipment of the same kind paid before for
//     the beneficiary (rc > 0, on or before the care date, period not over) leaves `left` units
//     of the period's allowance (1 equipment, or 2 ears): none left → rc 0; fewer than the
//     line's units → rc × left / units. Reason RENEWAL; the steps name each previous
//     equipment's date and the day the period ends.
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
//   allowance actually paid, the percentage part being paid first; a renewal records the
//   equipment on its care date (units: 1, or the ears paid).
#pragma once

#include <optional>

#include "catalogue/catalogue.hpp"
#include "claims/accumulator.hpp"
#include "claims/care_line.hpp"
#include "claims/decision.hpp"
#include "claims/renewal.hpp"
#include "core/result.hpp"
#include "regulation/regulation.hpp"

namespace mutua {

// The beneficiary's rights on the care date (ADH-07, CES-01, SUS-01). A suspension for
// non-payment still running is not a status: it is LineContext::in_arrears (BEN-09, held
// PENDING); once the procedure ended in a termination, the care given during the suspension is
// kSuspendedNonPayment (DUN-02: never covered), which is reason SUSPENDED like kSuspended (the
// suspension of rights for a stay abroad or a detention, SUS-01) but under its own rule; care
// from the termination on is kTerminatedNonPayment (DUN-03), reason NO_RIGHTS like kEnded (CES-01)
// but under the rule `member rights` gives.
enum class RightsStatus {
  kOpen, kNotStarted, kEnded, kSuspended, kSuspendedNonPayment, kTerminatedNonPayment
};

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
  // The rule of legal_cap when it is not BEN-06/BEN-07 (BEN-18: hearing aids at 20 or under;
  // BEN-19: the forfait patient urgences in force).
  std::string legal_cap_rule;
  // BEN-20: the RO's yearly caps of the participation forfaitaire and of the franchises (two
  // separate caps), the age under which a person pays neither, and why this beneficiary is
  // exempt ("" when not): shown with the deductions, which the mutuelle never covers (BEN-04).
  std::optional<Money> flat_fee_annual_cap;
  std::optional<Money> franchise_annual_cap;
  std::optional<int> deductions_exempt_under_age;
  std::string deductions_exempt;
  // BEN-16: the renewal period of optics and hearing equipment (claims/renewal.hpp); it depends on
  // the beneficiary's age and the product, so the caller sets it (renewal_rule()).
  std::optional<RenewalRule> renewal;
};

struct LineContext {
  const Benefit* benefit = nullptr;  // the product's benefit for the category; nullptr = none
  // The product is a contrat responsable: its mandatory coverage applies whatever its table says
  // (BEN-19: the forfait patient urgences, EMERGENCY_FEE, is covered in full).
  bool responsible = true;
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
// HEARING_100S, hospital.emergency_flat_fee for EMERGENCY_FEE (BEN-19); for every category
// ro.flat_fee.annual_cap, ro.franchise.annual_cap, ro.franchise.exempt_under_age (BEN-20)).
// A figure the category needs but the regulation lacks is an error.
Result<LineRules> line_rules(const Regulation& regulation, const CareLine& line);

// The same figures in two cacheable parts (a batch run looks them up once per category and care
// date, and once per received date): make_line_rules(category_rules, prescription_years,
// quantity) equals line_rules().
struct CategoryRules {
  std::optional<int> normal_ro_rate_bp;
  std::optional<Money> legal_cap_unit;  // per equipment, or per ear when cap_per_unit
  bool cap_per_unit = false;
  std::string legal_cap_rule;           // "" = BEN-06/BEN-07
  std::optional<Money> flat_fee_annual_cap;  // BEN-20
  std::optional<Money> franchise_annual_cap;
  std::optional<int> deductions_exempt_under_age;
};
Result<CategoryRules> category_rules(const Regulation& regulation, std::string_view category,
                                     Date care_date);
Result<int> prescription_years(const Regulation& regulation, Date received_date);
LineRules make_line_rules(const CategoryRules& category, std::optional<int> prescription,
                          int quantity);

// The figures of a line that depend on the beneficiary and the product, added to `rules`:
// the renewal period (BEN-16, responsible products) and, for a hearing aid of a person aged 20
// or under, the lower legal maximum of BEN-18 (legal_cap = min(its cap, price limit × ears),
// legal_cap_rule "BEN-18"). A figure missing from the regulation is an error.
Status add_person_rules(const Regulation& regulation, const CareLine& line, Date birth_date,
                        bool responsible, LineRules& rules);

// The regulation key of the normal RO rate of a category ("" when the RO has no rate for it).
std::string_view normal_rate_key(std::string_view category);

}  // namespace mutua

// Business-rule checks on a catalogue, run before it is stored (`mutua catalogue check|load`).
// Loading (catalogue_yaml.hpp) guarantees the structure; this module decides whether the
// tariffs and benefit tables are lawful. Pure: catalogue + regulation (+ what the database
// already holds) in, a list of violations out.
//
// Contract: every violation is an Error with rule_id set, file/line of the offending tariff or
// benefit (for locating it), and a message naming product, year and band/role or category, e.g.
//   TAR-04: LABEL2 2026 member: highest 90.00 (band 70+) / lowest 28.00 (band 30-39) = 3.21 > 3
// An empty list means the catalogue may be stored. Regulatory figures are read from the
// Regulation in force on 1 January of each tariff year; a missing figure is itself reported
// (under the rule that needed it), never silently skipped.
//
// Rules:
// - TAR-04 labelled products: per year and role row, over bands holding an age > 30,
//   highest ≤ ratio × lowest (exact, in cents).
// - TAR-07 regional products: a max_annual_increase_pct is required; each cell of year Y
//   ≤ the cell of year Y−1 for the same tariff age × (1 + pct/100) (exact); Y−1 comes from the
//   same catalogue, else from `previous` (the products already stored).
// - BEN-03 responsible products: HOSP_DAILY_FEE covered by real_costs or ≥ the daily fee per
//   day (the highest fee in force during the year); ticket modérateur (total_pct_br ≥ 100 or
//   real_costs) on CONSULT_GP, CONSULT_SPE, PHARMA_65.
// - BEN-19 responsible products: an EMERGENCY_FEE entry, when given, is real_costs without
//   limits (the forfait patient urgences is covered in full; absent, the engine covers it).
// - BEN-05 responsible products, doctor categories (CONSULT_GP, CONSULT_SPE, TECH_ACTS, IMAGING,
//   HOSP_FEES_DOCTORS): non-OPTAM excess coverage (total_pct_br − 100) ≤ the cap and ≤ OPTAM
//   excess − the gap; a euro allowance or real_costs for non-OPTAM doctors is uncapped and
//   refused. A single `formula` on a doctor category applies to both kinds of doctor.
// - BEN-07 responsible products: OPTICS_FRAME_LENSES euro allowances and annual_cap ≤ the
//   two-simple-lenses maximum (the table does not tell lens classes apart, so the strictest
//   maximum applies), and a guaranteed allowance ≥ the minimum; HEARING_FREE allowances ≤ the
//   per-ear maximum − the RO part (base × RO rate), annual_cap ≤ twice that (two ears).
//
// - Bounds (issue 14, not a rule: bad data naming file, line and field, no rule id): product
//   code an identifier, names and labels single-line text (core/text.hpp); every tariff cell
//   and promotion amount ≤ bounds.tariff.monthly_max, every benefit allowance and annual cap
//   ≤ bounds.care_line.amount_max. A product out of bounds is not checked against the rules
//   above (they would compute on absurd amounts).
//
// Regulation keys used: labelled.solidarity_ratio_max, hospital.daily_fee,
// non_optam.excess_cap_pct_br, non_optam.optam_gap_pct_br, optics.min,
// optics.max.simple_simple, hearing.max_per_ear, hearing.ro_base, ro.rate.hearing, bounds.*.
#pragma once

#include <vector>

#include "catalogue/catalogue.hpp"
#include "core/result.hpp"
#include "regulation/regulation.hpp"

namespace mutua {

Errors validate_catalogue(const Catalogue& catalogue, const Regulation& regulation,
                          const std::vector<Product>* previous = nullptr);

// The categories whose benefits distinguish OPTAM and non-OPTAM doctors (BEN-05).
bool is_doctor_category(std::string_view category);

}  // namespace mutua

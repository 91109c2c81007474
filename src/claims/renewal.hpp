// Renewal periods of optics and hearing equipment (BEN-16, the renewal part of BEN-07) and the
// other figures of a line that depend on the beneficiary's age (BEN-18 hearing aids at 20 or
// under). Pure: the regulation, the line and the birth date in, the rule out.
//
// Contract (figures from config/regulation.yaml at the care date; age = exact age on the care
// date, birthday-based):
// - Optics equipment (OPTICS_FRAME_LENSES and OPTICS_100S share one renewal: the period runs from
//   the previous equipment whatever its class). One equipment per period:
//     age ≥ optics.renewal.adult_min_age (16)          → optics.renewal_months.adult (24)
//       with early_renewal=vision_change               → optics.renewal_months.child (12)
//     age < 16                                         → optics.renewal_months.child (12)
//       with early_renewal=vision_change               → no minimum period
//     age ≤ optics.renewal.young_child_max_age (6) with early_renewal=frame_fit
//                                                      → optics.renewal_months.young_child (6)
//   (Interpretation: the file holds no figure of its own for a change of sight; for 16 and over
//   it is the 12-month figure, which is the LPP's one year; under 16 the LPP sets no minimum.)
// - Hearing aids (HEARING_100S and HEARING_FREE share one renewal): one aid per ear per
//   hearing.renewal_years (4) years; the line's quantity is its ears. The line does not say which
//   ear: at most 2 ears are renewed within any period (Interpretation).
// - The renewal is met when the equipment paid before (rc > 0, on or before the care date) leaves
//   room: an equipment paid on P blocks care dates before P + period (P + 24 months is allowed).
// - Only responsible products apply it (it is a condition of the contrat responsable, R871-2);
//   the caller passes `responsible`.
// - A figure the rule needs but the regulation lacks is an Error naming key and date.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "claims/accumulator.hpp"
#include "claims/care_line.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "regulation/regulation.hpp"

namespace mutua {

struct RenewalRule {
  std::string group;      // accumulator key of the equipment kind: "renewal:optics", "renewal:hearing"
  int months = 0;         // the period; 0 = no minimum
  int units_per_period = 1;  // equipments (optics) or ears (hearing) per period
  bool per_unit = false;  // the line's quantity counts (ears); else one equipment per line
  std::string basis;      // why this period, in plain words ("16 and over: 24 months")
};

// The renewal rule of a line, or nullopt when its category has none or the product is not
// responsible.
Result<std::optional<RenewalRule>> renewal_rule(const Regulation& regulation, const CareLine& line,
                                                Date birth_date, bool responsible);

// BEN-18: the most RO + RC may reach for a hearing aid of a person aged
// hearing.young.max_age (20) or under: hearing.young.price_limit_per_ear × ears. nullopt for
// other lines and older persons.
Result<std::optional<Money>> young_hearing_cap(const Regulation& regulation, const CareLine& line,
                                               Date birth_date);

// One equipment paid before, as the accumulators hold it.
struct PriorEquipment {
  Date date{};
  int units = 0;
};

// What a line meets: the equipment of its group paid on or before the care date and still in
// its period, and how many units are left.
struct RenewalCheck {
  std::vector<PriorEquipment> blocking;  // ascending dates
  int used = 0;
  int left = 0;
  int units = 1;  // units the line asks for
  Date next_allowed{};  // when units are missing: the day the whole line could be renewed
};

RenewalCheck check_renewal(const RenewalRule& rule, const CareLine& line,
                           const AccumulatorState& state);

// The accumulator entry a paid line records (window_start = care date).
UsageKey renewal_key(const RenewalRule& rule, const CareLine& line);

}  // namespace mutua

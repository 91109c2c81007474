// Complémentaire santé solidaire (CSS) detection (PAR-08): from a household, its annual resources
// and a date, say whether it may claim the free CSS, the participatory CSS (with the monthly
// participation per person) or neither, so the regional scheme can orient it to the Assurance
// Maladie. Pure: the regulation's dated figures and the request in, a decision out.
//
// Contract:
// - The table (css_table): the ceilings and participations in force on the request date, read
//   from config/regulation.yaml (css.ceiling.*, css.participation*.*). A table is one period of
//   `css.ceiling.free.1`, named "FROM..TO". A date after the latest table's `to` (the next April
//   revaluation not loaded yet) uses that latest table, read on its last day, and carries a
//   warning naming its validity; a date before the first table is an error on --date.
// - Household size = the number of persons. Ceiling for n persons: the table's value for
//   n = 1..4, and from the 5th person the 4-person value + `extra` per person beyond 4 (the
//   published figures, never recomputed from the R861-3 coefficients: the published table is
//   rounded from an unpublished base, e.g. 10,339 × 1.8 = 18,610.20 while the table says 18,609).
// - resources ≤ free ceiling → free; else ≤ participatory ceiling → participatory; else
//   not_eligible. `ceiling` is the one that decided: the free ceiling for free, the
//   participatory ceiling otherwise.
// - Participation (participatory only): Σ over persons of the monthly amount of the person's age
//   band, the age being the age on 1 January of the year the right would be granted: ≤ 29,
//   30-49, 50-59, 60-69, ≥ 70. The Alsace-Moselle amounts apply when the request says so.
// - A minor child in alternating custody (`AGE:half`) is refused (rule PAR-08, exit 4): R861-3
//   halves the rate of the child's rank, but that rate applies to the unpublished unrounded base,
//   so no published figure gives the ceiling exactly; such a case goes to the Assurance Maladie.
// - Errors name the input as the command line spells it (--date, --resources, --person).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "regulation/regulation.hpp"

namespace mutua {

enum class CssOutcome { kFree, kParticipatory, kNotEligible };
// "free" | "participatory" | "not_eligible"
const char* css_outcome_name(CssOutcome outcome);

// Age bands of the participation (D861-2), in order.
inline constexpr int kCssBands = 5;
// "0-29", "30-49", "50-59", "60-69", "70+"
const char* css_band_name(int band);
int css_band_of(int age);

struct CssTable {
  Date from{};
  std::optional<Date> to;
  std::array<Money, 4> free{};  // households of 1..4
  Money free_extra;             // each person beyond 4
  std::array<Money, 4> participatory{};
  Money participatory_extra;
  std::array<Money, kCssBands> participation{};  // monthly, per person
  std::array<Money, kCssBands> participation_alsace_moselle{};
  std::vector<std::string> warnings;  // e.g. the date is past the table's validity

  // "2025-04-01..2026-03-31" ("2025-04-01.." when open-ended).
  std::string name() const;
  Money free_ceiling(int persons) const;
  Money participatory_ceiling(int persons) const;
};

// The table for `date` (see the contract above).
Result<CssTable> css_table(const Regulation& regulation, Date date);

struct CssPerson {
  int age = 0;        // on 1 January of the year the right would be granted
  bool half = false;  // a minor child in alternating custody (R861-3)
};

struct CssRequest {
  Money resources;                 // annual, of the whole household
  std::vector<CssPerson> persons;  // the applicant first
  bool alsace_moselle = false;
};

struct CssShare {
  int age = 0;
  int band = 0;
  Money monthly;
};

struct CssDecision {
  CssOutcome outcome = CssOutcome::kNotEligible;
  int household_size = 0;
  Money resources;
  Money free_ceiling;
  Money participatory_ceiling;
  Money ceiling;                 // the one that decided
  Money monthly_participation;   // zero unless participatory
  std::vector<CssShare> shares;  // per person, participatory only
  std::string table;
  std::vector<std::string> warnings;
};

Result<CssDecision> check_css(const CssTable& table, const CssRequest& request);

// Annual resources in euros: "12345" or "12345.67" (exact cents, never negative).
Result<Money> parse_css_resources(std::string_view text);
// "AGE" or "AGE:half"; AGE 0..120.
Result<CssPerson> parse_css_person(std::string_view text);

}  // namespace mutua

// The rating engine: the contribution of a contract for a calendar year, person by person, as the
// règlement says (TAR-01..03, TAR-05, TAR-08, MAJ-01..08, ADH-02, ADH-05). Pure: values in,
// decisions out, with the reasons and the dates used so every euro can be explained.
//
// Contract of rate_contract():
// - Tariff age = Y − birth year (TAR-02); band = the tariff band holding that age.
// - TAR-03, month by month: in each month of Y, the children covered on at least one day of that
//   month are ranked eldest first (birth date, then beneficiary id); only the first
//   `product.billed_children` of them are billed that month. So when an elder child's rights end
//   (say on 31 May), a younger one is billed from the next month (June). A child who leaves
//   mid-month keeps its place for that month (billed pro rata of its days), the younger one
//   starts on the 1st of the next month (*Interpretation*). child_rank is the rank among the
//   children covered at some point of Y (for display); a child billed in no month has
//   billed = false and zero amounts; a child billed in some months only has billed = true and
//   its other covered months as MonthCharge::free with amount 0.
// - Majoration (labelled products only): coefficient computed by majoration() at the adhesion
//   date; applies to the member only, or to every person when the product's scope is `contract`
//   (MAJ-08). monthly_due = monthly_base × (1 + coefficient), rounded half-up once (MAJ-05).
// - annual_due = Σ over the months of Y: monthly_due for a month fully inside the person's
//   rights period; for a partly covered month, monthly_due × covered days / days in month,
//   rounded once (ADH-02 pro rata, TAR-08) — except the adhesion month of a contract with
//   express_start, billed in full (ADH-02).
//   The express month is the month of Y holding the adhesion date (the member's start date); it
//   is billed in full for every person whose rights start in that month (MonthCharge::express).
// - SUS-01, SUS-02: the days of a month inside a suspension of rights (stay abroad, detention)
//   are not due: a month's amount is monthly_due × (billed days − suspended days) / days in month, one
//   rounding (the ADH-02 pro rata rule, TAR-08); a fully suspended month is kept with amount 0
//   and suspended_days = days in month. The majoration (MAJ-05) is part of monthly_due, so it is
//   not due on suspended days either.
// - Promotions (ADH-05) in force for a month reduce that month's amount: by percentage
//   (monthly_due × (10000 − bp) × days / (10000 × days in month), one rounding together with any
//   pro rata) or by a monthly amount (max(0, monthly_due − amount), then pro rata).
//   Interpretation: a promotion is in force for a month when the month's FIRST day lies within
//   [from, to] (a campaign from 2026-01-15 starts with February); joined_from / joined_to filter
//   on the contract's adhesion date. When several are in force, the one giving the lowest amount
//   for that month applies (ties: catalogue order); its code is recorded on the month.
// - A child beyond the billed ones keeps its band and monthly_base (for the record) but has
//   billed = false, coefficient 0, monthly_due = annual_due = 0 and no months.
// - reasons: "TAR-01", "TAR-02" for everyone; "TAR-03" for a child unbilled in some month;
//   "MAJ-05" when a coefficient applies; "ADH-02" when a month is prorated or billed in full by
//   express start; "ADH-05" when a promotion reduced a month; "SUS-01" when a suspended day was
//   not billed.
// - A person whose rights period does not meet year Y is not rated (absent from the result).
// - Errors: no tariff for exactly year Y (TAR-05, message naming product and year); a contract
//   on another product or a malformed tariff (TAR-01).
// - Only the fields above are read: names, NIR, IBAN, e-mail and commune never change a rating
//   (ELIG-09), and the model holds no health, sex or job data.
#pragma once

#include <string>
#include <vector>

#include "catalogue/catalogue.hpp"
#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "members/contract.hpp"

namespace mutua {

// Figures the engine takes from config/regulation.yaml (never constants in code).
struct RatingParams {
  int majoration_rate_bp = 200;   // per full year (MAJ-02): "majoration.rate_per_year"
  Date reference_date{};          // 2011-11-08: "majoration.reference_date"
  Date legacy_start{};            // MAJ-03 legacy start: "majoration.legacy_start"
  int age_threshold = 30;         // "majoration.age_threshold"
  int seniority_grace_years = 2;  // "majoration.seniority_grace_years"
  // SUS-01 (Interpretation, configurable): whether contributions stay due during a suspension
  // of rights. "suspension.contributions": not_due (the default) | due.
  bool suspended_days_due = false;
};

// One candidate date of the MAJ-07 maximum, for the explanation.
struct MajorationCandidate {
  std::string what;  // one of the kCandidate* labels below
  Date date{};
};

// Candidate labels (plain words, stable: they are stored with the majoration, MAJ-06).
inline constexpr const char* kCandidateReference = "reference date";  // 2011-11-08
inline constexpr const char* kCandidateEntry = "entry + 2 years";     // civil-service entry
inline constexpr const char* kCandidateBirthday = "30th birthday";
inline constexpr const char* kCandidateCoverageEnd = "coverage end";  // last reference guarantee
inline constexpr const char* kCandidateLegacy = "legacy start";       // MAJ-03

struct Majoration {
  bool applies = false;  // labelled product
  int prior_bp = 0;      // transmitted coefficient (MAJ-04)
  int rate_bp = 0;       // per full year (MAJ-02), recorded for the explanation
  std::vector<MajorationCandidate> candidates;
  Date start{};  // the latest candidate
  Date adhesion{};
  int years = 0;                // N: anniversaries of start on or before the adhesion date
  int coefficient_bp = 0;       // prior + rate × N
  bool legacy = false;          // in post on 2011-11-08 or retired (MAJ-03)
  bool proofs_missing = false;  // no last coverage end known (ADH-04)
};

// MAJ-01..04, MAJ-07 for a contract's member, at the adhesion date (the member's start date).
// start = the latest of: reference_date; civil_service_entry + seniority_grace_years; the
// birthday at age_threshold; last_coverage_end when known (else proofs_missing, ADH-04); and
// legacy_start when `legacy`. N = whole_years(start, adhesion) (0 when start is later), so an
// adhesion within the grace years after entry gives N = 0 (MAJ-01). coefficient = prior + rate × N.
// legacy: retired, or civil_service_entry ≤ reference_date. (Interpretation: an unknown entry
// date is not a candidate and does not make the agent in post in 2011, like the unknown end of
// the last guarantee of ADH-04.)
// Always returns applies = true: rate_contract() only calls it for labelled products and leaves
// ContractRate::majoration default (applies = false, coefficient 0) for the others.
Majoration majoration(const Contract& contract, const RatingParams& params);

struct MonthCharge {
  unsigned month = 0;  // 1..12
  int covered_days = 0;
  int days_in_month = 0;
  Money amount;           // what is billed for that month
  std::string promotion;  // promotion code applied, if any
  bool express = false;   // ADH-02 express start: billed in full despite a later start day
  int suspended_days = 0;  // SUS-01: covered days inside a suspension, not due
  bool free = false;       // TAR-03: a child beyond the billed ones this month (amount 0)
};

struct PersonRate {
  std::string beneficiary_id;
  Role role = Role::kMember;
  Date birth_date{};
  int tariff_age = 0;
  size_t band = 0;         // index into the tariff's bands
  int band_lower = 0;      // lower bound of the band (the `band` column)
  std::string band_label;  // "30-39"
  bool billed = true;
  int child_rank = 0;  // 1-based rank among children, 0 for adults
  Money monthly_base;
  int coefficient_bp = 0;
  Money monthly_due;
  Money annual_due;
  std::vector<MonthCharge> months;   // only the months of Y in the rights period
  std::vector<std::string> reasons;  // rule IDs that shaped the amount
};

struct ContractRate {
  std::string contract_id;
  std::string product;
  int year = 0;
  int tariff_year = 0;
  std::vector<PersonRate> persons;  // in the contract's beneficiary order
  Majoration majoration;
  std::vector<Suspension> suspensions;  // SUS-01: those meeting Y, their days not due
  Money monthly_total;  // Σ monthly_due of billed persons
  Money annual_total;   // Σ annual_due
};

Result<ContractRate> rate_contract(const Contract& contract, const Product& product, int year,
                                   const RatingParams& params);
// The same with the contract's suspensions of rights (SUS-01): their days are not due.
Result<ContractRate> rate_contract(const Contract& contract, const Product& product, int year,
                                   const RatingParams& params,
                                   const std::vector<Suspension>& suspensions);

// Plain-words explanation (English, for staff at the CLI): bands used, children ranked,
// majoration computation with dates compared and years counted, pro rata and promotions.
std::string explain(const ContractRate& rate, const Product& product);

}  // namespace mutua

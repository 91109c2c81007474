// Subscriptions to the regional product (ELIG-10, PAR-09, PAR-10): who may subscribe, and what is
// recorded about each subscription for the scheme. Pure.
//
// Contract:
// - ELIG-10 (check_regional_eligibility): the subscriber names a commune (INSEE code) and the
//   link that makes them eligible (residence or work); the commune has a partnership convention
//   in force on the subscription date (effect <= date <= its end as things stand); the subscriber
//   declares they are not covered by a mandatory collective health contract (ANI). A missing
//   commune, link or declaration is a data error; a declared collective cover or a commune without
//   a convention in force is refused, naming ELIG-10.
// - The priority publics are those of the convention's preamble (PAR-10); a subscriber belongs to
//   at most one in the records (the first that applies, as the subscriber says).
// - PAR-09: every subscriber is informed of the 100% santé scheme; the date is recorded (an
//   enrolment to a regional product waits for it as the item `info_100s`).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "members/contract.hpp"

namespace mutua {

enum class PriorityPublic {
  kYoungJobless,    // jeunes sans emploi
  kSenior,          // seniors
  kFarmer,          // agriculteurs
  kSelfEmployed,    // professions libérales, commerçants, artisans
  kJobSeeker,       // chômeurs
  kTempWorker,      // intérimaires
  kFixedTerm,       // salariés en CDD
  kMultiEmployer,   // salariés à multi-employeurs
  kPartTime,        // salariés en CDI à temps partiel
  kOther,           // toute autre personne hors obligation ANI
};
inline constexpr int kPriorityPublics = 10;
// "young_jobless", "senior", "farmer", "self_employed", "job_seeker", "temp_worker",
// "fixed_term", "multi_employer", "part_time", "other"
const char* to_string(PriorityPublic p);
std::optional<PriorityPublic> parse_priority_public(std::string_view text);
const char* french_label(PriorityPublic p);  // "Jeunes sans emploi", "Seniors", ...
// Every code, comma-separated (for error messages and --help).
std::string priority_public_codes();

// What a regional subscription records beyond the contract's own commune and link.
struct RegionalSubscription {
  std::string contract_id;
  std::string convention_id;  // the convention that made the commune eligible
  std::optional<PriorityPublic> priority_public;
  std::optional<Date> no_collective_cover;  // date of the declaration (ELIG-10)
  std::optional<Date> informed_100s;        // PAR-09
  Date recorded{};
  friend bool operator==(const RegionalSubscription&, const RegionalSubscription&) = default;
};

// A convention of the commune, reduced to what eligibility needs.
struct ConventionPeriod {
  std::string id;
  Date effect{};
  Date ends_on{};  // as things stand
};

struct RegionalRequest {
  std::string commune;
  std::optional<Link> link;
  std::optional<bool> collective_cover;  // declared: true = covered by a mandatory contract
  Date date{};                           // subscription date
};

// The convention that makes the request eligible (the first in force, by effect date), or the
// error. Data errors name CLI options when `field_prefix` is empty ("--commune", "--link",
// "--no-collective-cover"), else a request file's keys: "commune", "link" and
// `field_prefix` + "collective_cover" (e.g. "regional.collective_cover").
Result<ConventionPeriod> check_regional_eligibility(const RegionalRequest& request,
                                                    const std::vector<ConventionPeriod>& conventions,
                                                    const std::string& file,
                                                    const std::string& field_prefix);

}  // namespace mutua

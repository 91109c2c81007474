// Dependants (ayants droit) and their proofs: who may be covered on a member's contract, on which
// condition, and until when (REG art. 2; ELIG-02..08). Pure: the date is always an argument.
//
// Contract:
// - A spouse-role dependant has a Relation (ELIG-02): spouse, PACS partner, concubin, union libre;
//   a contract has at most one of them at a time.
// - A child is covered on one of four conditions (ELIG-03..06). Ages are exact ages on the date
//   considered (ELIG-07). A condition that needs a proof is met on a date only when a proof of a
//   type serving that condition is valid on that date (ELIG-08):
//     minor       under 18, fiscally dependent                    no proof
//     student     under 26, in school or higher education         from 18: school certificate or
//                                                                 student social-security proof
//     apprentice  under 26, apprenticeship/alternance < 55% SMIC  apprenticeship contract
//     job_seeker  under 20, looking for a job                     employment-agency attestation
//   These ages are terms of the règlement (art. 2), not regulatory figures, so they live here.
// - A child is eligible on a date when ANY condition is met then (a minor becomes a student at 18
//   with a certificate). The condition ends on the first day none is met; the rights end at the
//   end of the month of the last eligible day (ELIG-07 *Interpretation*, `kEndOfMonth`), or on that
//   last day (`kSameDay`), chosen in config/regulation.yaml (`eligibility.rights_end`).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"

namespace mutua {

enum class Relation { kSpouse, kPacs, kConcubin, kUnionLibre };
std::string_view to_string(Relation r);  // "spouse", "pacs", "concubin", "union_libre"
std::optional<Relation> parse_relation(std::string_view text);

enum class ChildCondition { kMinor, kStudent, kApprentice, kJobSeeker };
std::string_view to_string(ChildCondition c);  // "minor", "student", "apprentice", "job_seeker"
std::optional<ChildCondition> parse_child_condition(std::string_view text);
// The rule of the règlement that defines the condition ("ELIG-03".."ELIG-06").
const char* rule_of(ChildCondition c);
// Age from which the condition is no longer met (18, 26, 26, 20).
int age_limit(ChildCondition c);

// Proofs of a child's condition kept on file (ELIG-04..06). Adhesion documents (ADH-04) are
// enrolment items (members/enrolment.hpp), not proofs with a validity.
enum class ProofType {
  kSchoolCertificate,
  kStudentSocialSecurity,
  kApprenticeshipContract,
  kJobSeekerAttestation,
};
std::string_view to_string(ProofType t);  // "school_certificate", "student_social_security", ...
std::optional<ProofType> parse_proof_type(std::string_view text);
// Whether a proof of type `t` serves condition `c` (ELIG-08).
bool proves(ProofType t, ChildCondition c);
// Whether condition `c` needs a proof on a date when the child is `age` years old.
bool needs_proof(ChildCondition c, int age);
// The proof types accepted for a condition, for messages ("school_certificate or ...").
std::string accepted_proofs(ChildCondition c);

struct Proof {
  int64_t id = 0;  // store id; 0 before it is stored
  std::string beneficiary_id;
  ProofType type = ProofType::kSchoolCertificate;
  Date valid_from{};
  Date valid_to{};  // inclusive
  std::string reference;  // document reference (scan id, letter number)
  Date received{};
  bool covers(Date d) const { return valid_from <= d && d <= valid_to; }
  friend bool operator==(const Proof&, const Proof&) = default;
};

enum class RightsEndRule { kEndOfMonth, kSameDay };

// Whether condition `c` is met on `d` for a child born on `birth` with these proofs.
bool condition_met(ChildCondition c, Date birth, Date d, const std::vector<Proof>& proofs);
// Whether any condition is met on `d` (ELIG-03..06).
bool child_eligible(Date birth, Date d, const std::vector<Proof>& proofs);

// When a child's rights end because the conditions stop (ELIG-07).
struct ConditionEnd {
  Date last_eligible{};  // the last day a condition is met
  Date rights_end{};     // last covered day under the RightsEndRule
  bool age_limit = false;  // ended by a birthday (else by a proof ending or missing)
  std::string why;       // "18th birthday on 2027-05-10", "proof school_certificate expired"...
};
// The end of a child's eligibility counted from `from` (the rights start). Always found: the 26th
// birthday ends every condition. When no condition is met on `from`, last_eligible = from − 1.
ConditionEnd child_condition_end(Date birth, Date from, const std::vector<Proof>& proofs,
                                 RightsEndRule rule);

// Checks a child dependant claimed on `condition` from `start` with these proofs: the child is
// not too old for the condition (ELIG-03..06), and a proof needed on `start` is there and valid
// (ELIG-08). Returns a rule error naming the rule.
Status check_child(ChildCondition condition, Date birth, Date start,
                   const std::vector<Proof>& proofs);
// Checks that a proof fits a child's condition (ELIG-08): its type serves the condition, its
// dates are ordered. A minor (ELIG-03) may be given any proof: it is what keeps the child covered
// from 18 on another condition (a school certificate makes the minor a student, ELIG-04).
Status check_proof_for(ChildCondition condition, const Proof& proof);

// ELIG-11: the condition of a child brought in by a members file (or a database migrated from
// before issue 15) without one: a minor (ELIG-03), whose rights end per ELIG-07 at 18 unless a
// proof of another condition is recorded.
inline ChildCondition imported_condition(std::optional<ChildCondition> given) {
  return given.value_or(ChildCondition::kMinor);
}

}  // namespace mutua

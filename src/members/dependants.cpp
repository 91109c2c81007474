#include "members/dependants.hpp"

#include <algorithm>

namespace mutua {

namespace {

struct ConditionInfo {
  ChildCondition condition;
  const char* name;
  const char* rule;
  int age_limit;
  int proof_from_age;  // a proof is needed from this age (ELIG-04: from 18); 0 = always
};

// REG art. 2, as ELIG-03..06 state it.
constexpr ConditionInfo kConditions[] = {
    {ChildCondition::kMinor, "minor", "ELIG-03", 18, 99},
    {ChildCondition::kStudent, "student", "ELIG-04", 26, 18},
    {ChildCondition::kApprentice, "apprentice", "ELIG-05", 26, 0},
    {ChildCondition::kJobSeeker, "job_seeker", "ELIG-06", 20, 0},
};

// The distinct age limits of kConditions: the birthdays on which eligibility can change.
constexpr int kLimitAges[] = {18, 20, 26};

const ConditionInfo& info(ChildCondition c) {
  for (const ConditionInfo& i : kConditions) {
    if (i.condition == c) return i;
  }
  return kConditions[0];
}

struct ProofInfo {
  ProofType type;
  const char* name;
  ChildCondition serves;
};

constexpr ProofInfo kProofs[] = {
    {ProofType::kSchoolCertificate, "school_certificate", ChildCondition::kStudent},
    {ProofType::kStudentSocialSecurity, "student_social_security", ChildCondition::kStudent},
    {ProofType::kApprenticeshipContract, "apprenticeship_contract", ChildCondition::kApprentice},
    {ProofType::kJobSeekerAttestation, "job_seeker_attestation", ChildCondition::kJobSeeker},
};

}  // namespace

std::string_view to_string(Relation r) {
  switch (r) {
    case Relation::kSpouse: return "spouse";
    case Relation::kPacs: return "pacs";
    case Relation::kConcubin: return "concubin";
    case Relation::kUnionLibre: return "union_libre";
  }
  return "spouse";
}

std::optional<Relation> parse_relation(std::string_view text) {
  for (Relation r : {Relation::kSpouse, Relation::kPacs, Relation::kConcubin, Relation::kUnionLibre}) {
    if (text == to_string(r)) return r;
  }
  return std::nullopt;
}

std::string_view to_string(ChildCondition c) { return info(c).name; }

std::optional<ChildCondition> parse_child_condition(std::string_view text) {
  for (const ConditionInfo& i : kConditions) {
    if (text == i.name) return i.condition;
  }
  return std::nullopt;
}

const char* rule_of(ChildCondition c) { return info(c).rule; }
int age_limit(ChildCondition c) { return info(c).age_limit; }

std::string_view to_string(ProofType t) {
  for (const ProofInfo& p : kProofs) {
    if (p.type == t) return p.name;
  }
  return "school_certificate";
}

std::optional<ProofType> parse_proof_type(std::string_view text) {
  for (const ProofInfo& p : kProofs) {
    if (text == p.name) return p.type;
  }
  return std::nullopt;
}

bool proves(ProofType t, ChildCondition c) {
  for (const ProofInfo& p : kProofs) {
    if (p.type == t) return p.serves == c;
  }
  return false;
}

bool needs_proof(ChildCondition c, int age) { return age >= info(c).proof_from_age; }

std::string accepted_proofs(ChildCondition c) {
  std::string out;
  for (const ProofInfo& p : kProofs) {
    if (p.serves != c) continue;
    if (!out.empty()) out += " or ";
    out += p.name;
  }
  return out.empty() ? "none" : out;
}

bool condition_met(ChildCondition c, Date birth, Date d, const std::vector<Proof>& proofs) {
  int age = age_on(birth, d);
  if (age >= info(c).age_limit) return false;
  if (!needs_proof(c, age)) return true;
  return std::any_of(proofs.begin(), proofs.end(),
                     [&](const Proof& p) { return proves(p.type, c) && p.covers(d); });
}

bool child_eligible(Date birth, Date d, const std::vector<Proof>& proofs) {
  return std::any_of(std::begin(kConditions), std::end(kConditions), [&](const ConditionInfo& i) {
    return condition_met(i.condition, birth, d, proofs);
  });
}

namespace {

// Eligibility only changes on a birthday that crosses a limit, or when a proof starts or ends:
// checking those days (and the start) finds the first ineligible day without walking every day.
std::vector<Date> change_points(Date birth, Date from, const std::vector<Proof>& proofs) {
  std::vector<Date> points{from};
  for (int age : kLimitAges) points.push_back(add_years(birth, age));
  for (const Proof& p : proofs) {
    points.push_back(p.valid_from);
    points.push_back(add_days(p.valid_to, 1));
  }
  std::erase_if(points, [&](Date d) { return d < from; });
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  return points;
}

std::string why_ended(Date birth, Date first_out, const std::vector<Proof>& proofs) {
  for (int age : kLimitAges) {
    if (add_years(birth, age) == first_out) {
      return std::to_string(age) + "th birthday on " + format_date(first_out);
    }
  }
  for (const Proof& p : proofs) {
    if (add_days(p.valid_to, 1) == first_out) {
      return "proof " + std::string(to_string(p.type)) + " " + p.reference + " valid until " +
             format_date(p.valid_to);
    }
  }
  return "no condition met on " + format_date(first_out);
}

}  // namespace

ConditionEnd child_condition_end(Date birth, Date from, const std::vector<Proof>& proofs,
                                 RightsEndRule rule) {
  Date first_out = add_years(birth, 26);
  for (Date d : change_points(birth, from, proofs)) {
    if (!child_eligible(birth, d, proofs)) {
      first_out = d;
      break;
    }
  }
  ConditionEnd end;
  end.last_eligible = add_days(first_out, -1);
  end.rights_end = rule == RightsEndRule::kEndOfMonth && first_out > from
                       ? last_of_month(end.last_eligible)
                       : end.last_eligible;
  for (int age : kLimitAges) end.age_limit |= add_years(birth, age) == first_out;
  end.why = why_ended(birth, first_out, proofs);
  return end;
}

Status check_child(ChildCondition condition, Date birth, Date start,
                   const std::vector<Proof>& proofs) {
  const ConditionInfo& i = info(condition);
  int age = age_on(birth, start);
  if (start < birth) {
    return rule_error(i.rule, "rights cannot start (" + format_date(start) + ") before birth (" +
                                  format_date(birth) + ")");
  }
  if (age >= i.age_limit) {
    return rule_error(i.rule, "a child aged " + std::to_string(age) + " on " + format_date(start) +
                                  " is too old for condition " + i.name + " (under " +
                                  std::to_string(i.age_limit) + ")");
  }
  if (!condition_met(condition, birth, start, proofs)) {
    return rule_error("ELIG-08", "condition " + std::string(i.name) + " at age " +
                                     std::to_string(age) + " needs a valid proof on " +
                                     format_date(start) + ": " + accepted_proofs(condition));
  }
  return Status::success();
}

Status check_proof_for(ChildCondition condition, const Proof& proof) {
  if (proof.valid_to < proof.valid_from) {
    return data_error("", 0, "--to", "validity ends (" + format_date(proof.valid_to) +
                                         ") before it starts (" + format_date(proof.valid_from) +
                                         ")");
  }
  // ELIG-03: a minor's proof is the one of the condition that follows at 18 (any of them).
  if (condition != ChildCondition::kMinor && !proves(proof.type, condition)) {
    return rule_error("ELIG-08", "a proof of type " + std::string(to_string(proof.type)) +
                                     " does not prove condition " +
                                     std::string(to_string(condition)) + " (" +
                                     rule_of(condition) + " accepts " +
                                     accepted_proofs(condition) + ")");
  }
  return Status::success();
}

}  // namespace mutua

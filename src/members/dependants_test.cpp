// Dependants and their proofs (ELIG-02..08): child conditions, their age limits, the proofs
// serving them, when a child's rights end (ELIG-07) and the checks at registration.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "members/dependants.hpp"

namespace mutua {
namespace {

Date d(const char* text) { return *parse_date(text); }

Proof proof(ProofType type, const char* from, const char* to, const char* ref = "DOC-1") {
  Proof p;
  p.beneficiary_id = "E1";
  p.type = type;
  p.valid_from = d(from);
  p.valid_to = d(to);
  p.reference = ref;
  p.received = d(from);
  return p;
}

Proof school(const char* from, const char* to) {
  return proof(ProofType::kSchoolCertificate, from, to);
}

// --- Vocabulary ----------------------------------------------------------------------------------

// ELIG-02: the four spouse relations round-trip through their names.
TEST(Dependants, ELIG_02_RelationNamesRoundTrip) {
  for (Relation r : {Relation::kSpouse, Relation::kPacs, Relation::kConcubin, Relation::kUnionLibre}) {
    EXPECT_EQ(parse_relation(to_string(r)), r);
  }
  EXPECT_EQ(to_string(Relation::kUnionLibre), "union_libre");
  EXPECT_FALSE(parse_relation("married").has_value());
}

// ELIG-03, ELIG-04, ELIG-05, ELIG-06: each condition's rule and age limit (18, 26, 26, 20).
TEST(Dependants, ELIG_03_04_05_06_RulesAndAgeLimits) {
  EXPECT_STREQ(rule_of(ChildCondition::kMinor), "ELIG-03");
  EXPECT_STREQ(rule_of(ChildCondition::kStudent), "ELIG-04");
  EXPECT_STREQ(rule_of(ChildCondition::kApprentice), "ELIG-05");
  EXPECT_STREQ(rule_of(ChildCondition::kJobSeeker), "ELIG-06");
  EXPECT_EQ(age_limit(ChildCondition::kMinor), 18);
  EXPECT_EQ(age_limit(ChildCondition::kStudent), 26);
  EXPECT_EQ(age_limit(ChildCondition::kApprentice), 26);
  EXPECT_EQ(age_limit(ChildCondition::kJobSeeker), 20);
  EXPECT_EQ(parse_child_condition("job_seeker"), ChildCondition::kJobSeeker);
  EXPECT_FALSE(parse_child_condition("retired").has_value());
}

// ELIG-08: which proof serves which condition; a student needs a proof from 18 only, an
// apprentice and a job seeker always, a minor never.
TEST(Dependants, ELIG_08_ProofsServeTheirConditionOnly) {
  EXPECT_TRUE(proves(ProofType::kSchoolCertificate, ChildCondition::kStudent));
  EXPECT_TRUE(proves(ProofType::kStudentSocialSecurity, ChildCondition::kStudent));
  EXPECT_TRUE(proves(ProofType::kApprenticeshipContract, ChildCondition::kApprentice));
  EXPECT_TRUE(proves(ProofType::kJobSeekerAttestation, ChildCondition::kJobSeeker));
  EXPECT_FALSE(proves(ProofType::kJobSeekerAttestation, ChildCondition::kStudent));
  EXPECT_FALSE(proves(ProofType::kSchoolCertificate, ChildCondition::kApprentice));
  EXPECT_FALSE(proves(ProofType::kSchoolCertificate, ChildCondition::kMinor));

  EXPECT_FALSE(needs_proof(ChildCondition::kStudent, 17));
  EXPECT_TRUE(needs_proof(ChildCondition::kStudent, 18));
  EXPECT_TRUE(needs_proof(ChildCondition::kApprentice, 16));
  EXPECT_TRUE(needs_proof(ChildCondition::kJobSeeker, 16));
  EXPECT_FALSE(needs_proof(ChildCondition::kMinor, 17));
  EXPECT_EQ(accepted_proofs(ChildCondition::kStudent),
            "school_certificate or student_social_security");
  EXPECT_EQ(parse_proof_type("apprenticeship_contract"), ProofType::kApprenticeshipContract);
}

// --- condition_met / child_eligible ---------------------------------------------------------------

// ELIG-03, ELIG-07: born 2008-05-10 → minor until 2026-05-09 inclusive, not on 2026-05-10.
TEST(Dependants, ELIG_03_07_MinorUntilTheDayBefore18thBirthday) {
  Date birth = d("2008-05-10");
  EXPECT_TRUE(condition_met(ChildCondition::kMinor, birth, d("2026-05-09"), {}));
  EXPECT_FALSE(condition_met(ChildCondition::kMinor, birth, d("2026-05-10"), {}));
  EXPECT_TRUE(child_eligible(birth, d("2026-05-09"), {}));
  EXPECT_FALSE(child_eligible(birth, d("2026-05-10"), {}));
}

// ELIG-04, ELIG-08: a student of 18+ is covered only on the days a school certificate is valid
// (both validity bounds inclusive).
TEST(Dependants, ELIG_04_08_StudentCoveredOnlyWhileCertificateValid) {
  Date birth = d("2008-05-10");
  std::vector<Proof> proofs{school("2025-09-01", "2027-08-31")};
  EXPECT_TRUE(condition_met(ChildCondition::kStudent, birth, d("2026-05-10"), proofs));
  EXPECT_TRUE(condition_met(ChildCondition::kStudent, birth, d("2027-08-31"), proofs));
  EXPECT_FALSE(condition_met(ChildCondition::kStudent, birth, d("2027-09-01"), proofs));
  EXPECT_FALSE(condition_met(ChildCondition::kStudent, birth, d("2026-05-10"), {}));
  // Under 18 a student needs no proof.
  EXPECT_TRUE(condition_met(ChildCondition::kStudent, birth, d("2026-05-09"), {}));
}

// ELIG-05, ELIG-08: an apprentice needs an apprenticeship contract, a school certificate does not do.
TEST(Dependants, ELIG_05_08_ApprenticeNeedsApprenticeshipContract) {
  Date birth = d("2006-01-20");
  Date on = d("2026-03-01");  // aged 20
  EXPECT_FALSE(condition_met(ChildCondition::kApprentice, birth, on, {}));
  EXPECT_FALSE(condition_met(ChildCondition::kApprentice, birth, on,
                             {school("2025-09-01", "2026-08-31")}));
  EXPECT_TRUE(condition_met(ChildCondition::kApprentice, birth, on,
                            {proof(ProofType::kApprenticeshipContract, "2025-09-01", "2027-08-31")}));
}

// --- child_condition_end (ELIG-07) ----------------------------------------------------------------

// ELIG-03, ELIG-07: no proof, born 2008-05-10, from 2020-01-01 → last eligible day 2026-05-09;
// rights end 2026-05-31 at the end of that month, or 2026-05-09 under kSameDay.
TEST(ChildConditionEnd, ELIG_03_07_MinorWithoutProofEndsAt18) {
  Date birth = d("2008-05-10");
  ConditionEnd eom = child_condition_end(birth, d("2020-01-01"), {}, RightsEndRule::kEndOfMonth);
  EXPECT_EQ(eom.last_eligible, d("2026-05-09"));
  EXPECT_EQ(eom.rights_end, d("2026-05-31"));
  EXPECT_EQ(eom.why, "18th birthday on 2026-05-10");

  ConditionEnd same = child_condition_end(birth, d("2020-01-01"), {}, RightsEndRule::kSameDay);
  EXPECT_EQ(same.last_eligible, d("2026-05-09"));
  EXPECT_EQ(same.rights_end, d("2026-05-09"));
}

// ELIG-04, ELIG-07, ELIG-08: with a school certificate valid 2025-09-01..2027-08-31 the child
// stays a student after 18 and the condition ends when the certificate expires.
TEST(ChildConditionEnd, ELIG_04_07_08_CertificateExtendsToItsExpiry) {
  Date birth = d("2008-05-10");
  std::vector<Proof> proofs{school("2025-09-01", "2027-08-31")};
  ConditionEnd eom = child_condition_end(birth, d("2020-01-01"), proofs, RightsEndRule::kEndOfMonth);
  EXPECT_EQ(eom.last_eligible, d("2027-08-31"));
  EXPECT_EQ(eom.rights_end, d("2027-08-31"));
  EXPECT_EQ(eom.why.rfind("proof school_certificate", 0), 0u) << eom.why;
}

// ELIG-04, ELIG-07, ELIG-08: a certificate starting after the 18th birthday leaves a gap: the
// condition ends on the birthday, not when the certificate starts.
TEST(ChildConditionEnd, ELIG_04_07_08_GapBeforeCertificateEndsAt18) {
  Date birth = d("2008-05-10");
  std::vector<Proof> proofs{school("2026-09-01", "2027-08-31")};
  ConditionEnd end = child_condition_end(birth, d("2020-01-01"), proofs, RightsEndRule::kSameDay);
  EXPECT_EQ(end.last_eligible, d("2026-05-09"));
  EXPECT_EQ(end.rights_end, d("2026-05-09"));
}

// ELIG-04, ELIG-07: a student is covered under 26 only: born 2000-03-15 with a certificate
// covering everything → last eligible 2026-03-14 (the day before the 26th birthday).
TEST(ChildConditionEnd, ELIG_04_07_StudentEndsAt26EvenWithCertificate) {
  Date birth = d("2000-03-15");
  std::vector<Proof> proofs{school("2015-01-01", "2035-12-31")};
  ConditionEnd eom = child_condition_end(birth, d("2020-01-01"), proofs, RightsEndRule::kEndOfMonth);
  EXPECT_EQ(eom.last_eligible, d("2026-03-14"));
  EXPECT_EQ(eom.rights_end, d("2026-03-31"));
  EXPECT_EQ(eom.why, "26th birthday on 2026-03-15");
}

// ELIG-06, ELIG-07: a job seeker is covered under 20: born 2008-05-10, minor then job seeker with
// an attestation running past the 20th birthday → last eligible 2028-05-09.
TEST(ChildConditionEnd, ELIG_06_07_JobSeekerEndsAt20) {
  Date birth = d("2008-05-10");
  std::vector<Proof> proofs{proof(ProofType::kJobSeekerAttestation, "2026-01-01", "2030-12-31")};
  ConditionEnd end = child_condition_end(birth, d("2020-01-01"), proofs, RightsEndRule::kEndOfMonth);
  EXPECT_EQ(end.last_eligible, d("2028-05-09"));
  EXPECT_EQ(end.rights_end, d("2028-05-31"));
  EXPECT_EQ(end.why, "20th birthday on 2028-05-10");
}

// ELIG-05, ELIG-07: an apprenticeship contract keeps the child covered until it ends.
TEST(ChildConditionEnd, ELIG_05_07_ApprenticeEndsWithContract) {
  Date birth = d("2008-05-10");
  std::vector<Proof> proofs{proof(ProofType::kApprenticeshipContract, "2025-09-01", "2027-02-14")};
  ConditionEnd end = child_condition_end(birth, d("2020-01-01"), proofs, RightsEndRule::kEndOfMonth);
  EXPECT_EQ(end.last_eligible, d("2027-02-14"));
  EXPECT_EQ(end.rights_end, d("2027-02-28"));
}

// ELIG-07: a birthday on the 1st: born 2008-06-01 → last eligible 2026-05-31, which is already
// the end of its month under both rules.
TEST(ChildConditionEnd, ELIG_07_BirthdayOnFirstOfMonth) {
  Date birth = d("2008-06-01");
  for (RightsEndRule rule : {RightsEndRule::kEndOfMonth, RightsEndRule::kSameDay}) {
    ConditionEnd end = child_condition_end(birth, d("2020-01-01"), {}, rule);
    EXPECT_EQ(end.last_eligible, d("2026-05-31"));
    EXPECT_EQ(end.rights_end, d("2026-05-31"));
  }
}

// ELIG-07: no condition met on `from` → last_eligible = from − 1, and the rights end there
// (never after the start, even at the end of the month).
TEST(ChildConditionEnd, ELIG_07_NotEligibleOnFromEndsTheDayBefore) {
  Date birth = d("2000-01-01");  // 26 on 2026-01-01
  ConditionEnd end = child_condition_end(birth, d("2026-01-15"), {}, RightsEndRule::kEndOfMonth);
  EXPECT_EQ(end.last_eligible, d("2026-01-14"));
  EXPECT_EQ(end.rights_end, d("2026-01-14"));
}

// --- check_child / check_proof_for ----------------------------------------------------------------

// ELIG-04: a student aged 26 on the start is refused by ELIG-04; the day before, with a
// certificate, accepted.
TEST(CheckChild, ELIG_04_StudentAged26IsTooOld) {
  Date birth = d("2000-03-15");
  std::vector<Proof> proofs{school("2025-09-01", "2026-08-31")};
  Status late = check_child(ChildCondition::kStudent, birth, d("2026-03-15"), proofs);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().rule_id, "ELIG-04");
  EXPECT_TRUE(check_child(ChildCondition::kStudent, birth, d("2026-03-14"), proofs).ok());
}

// ELIG-03: a minor aged 18 on the start is refused by ELIG-03; aged 17 accepted without proof.
TEST(CheckChild, ELIG_03_MinorAged18IsTooOld) {
  Date birth = d("2008-05-10");
  Status late = check_child(ChildCondition::kMinor, birth, d("2026-05-10"), {});
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().rule_id, "ELIG-03");
  EXPECT_TRUE(check_child(ChildCondition::kMinor, birth, d("2026-05-09"), {}).ok());
}

// ELIG-06: a job seeker aged 20 is refused by ELIG-06; ELIG-05: an apprentice aged 26 by ELIG-05.
TEST(CheckChild, ELIG_05_06_TooOldNamesTheConditionRule) {
  std::vector<Proof> proofs{proof(ProofType::kJobSeekerAttestation, "2020-01-01", "2035-12-31"),
                            proof(ProofType::kApprenticeshipContract, "2020-01-01", "2035-12-31")};
  Status js = check_child(ChildCondition::kJobSeeker, d("2006-04-01"), d("2026-04-01"), proofs);
  ASSERT_FALSE(js.ok());
  EXPECT_EQ(js.error().rule_id, "ELIG-06");
  EXPECT_TRUE(check_child(ChildCondition::kJobSeeker, d("2006-04-01"), d("2026-03-31"), proofs).ok());

  Status ap = check_child(ChildCondition::kApprentice, d("2000-04-01"), d("2026-04-01"), proofs);
  ASSERT_FALSE(ap.ok());
  EXPECT_EQ(ap.error().rule_id, "ELIG-05");
  EXPECT_TRUE(check_child(ChildCondition::kApprentice, d("2000-04-01"), d("2026-03-31"), proofs).ok());
}

// ELIG-08: a student of 18+ without a valid proof on the start is refused by ELIG-08; a proof
// of the wrong type or expired the day before does not count.
TEST(CheckChild, ELIG_08_StudentOver18NeedsValidProof) {
  Date birth = d("2008-05-10");
  Date start = d("2026-09-01");
  Status none = check_child(ChildCondition::kStudent, birth, start, {});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().rule_id, "ELIG-08");

  Status wrong = check_child(ChildCondition::kStudent, birth, start,
                             {proof(ProofType::kJobSeekerAttestation, "2026-01-01", "2026-12-31")});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().rule_id, "ELIG-08");

  Status expired = check_child(ChildCondition::kStudent, birth, start, {school("2025-09-01", "2026-08-31")});
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().rule_id, "ELIG-08");

  EXPECT_TRUE(check_child(ChildCondition::kStudent, birth, start, {school("2026-09-01", "2027-08-31")}).ok());
}

// ELIG-08: a job seeker's attestation does not prove a student's condition; a school certificate
// does. Dates in the wrong order are a data error (no rule).
TEST(CheckProofFor, ELIG_08_ProofTypeMustServeCondition) {
  Status bad = check_proof_for(ChildCondition::kStudent,
                               proof(ProofType::kJobSeekerAttestation, "2026-01-01", "2026-12-31"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().rule_id, "ELIG-08");
  EXPECT_TRUE(check_proof_for(ChildCondition::kStudent, school("2026-01-01", "2026-12-31")).ok());
  EXPECT_TRUE(check_proof_for(ChildCondition::kStudent, school("2026-01-01", "2026-01-01")).ok());

  Status reversed = check_proof_for(ChildCondition::kStudent, school("2026-12-31", "2026-01-01"));
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.error().rule_id, "");
  EXPECT_EQ(reversed.error().field, "--to");
}

}  // namespace
}  // namespace mutua

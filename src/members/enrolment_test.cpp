// Enrolment (ADH-01, ADH-02, ADH-04, ELIG-01..08, BIL-03): the items a file needs, when it is
// complete, the effective date, the checks on a request and the contract as it starts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "members/enrolment.hpp"

namespace mutua {
namespace {

Date d(const char* text) { return *parse_date(text); }

const EnrolmentParams kParams{d("2011-11-08"), 30};

Beneficiary person(std::string id, Role role, const char* birth) {
  Beneficiary b;
  b.id = std::move(id);
  b.role = role;
  b.last_name = "Martin";
  b.first_name = "Camille";
  b.birth_date = d(birth);
  return b;
}

// A request signed on 2026-03-01 by a member born on `birth` (by default 27 then, under the
// majoration age), paying by transfer, covered the year before (so no ADH-04 item unless a test
// says otherwise).
EnrolmentRequest request(const char* birth = "1998-04-10", const char* signed_on = "2026-03-01") {
  EnrolmentRequest r;
  r.contract.id = "C1";
  r.contract.product = "LABEL2";
  r.contract.employer = "Commune de Lyon";
  r.contract.beneficiaries.push_back(person("M1", Role::kMember, birth));
  r.signed_on = d(signed_on);
  r.payment = PaymentMethod::kTransfer;
  r.covered_last_year = true;
  return r;
}

ReceivedItem item(const char* code, const char* received, bool not_produced = false) {
  return ReceivedItem{code, d(received), not_produced, "REF"};
}

std::vector<std::string> codes(const std::vector<RequiredItem>& items) {
  std::vector<std::string> out;
  for (const RequiredItem& i : items) out.push_back(i.code);
  return out;
}

std::vector<std::string> rules(const Errors& errors) {
  std::vector<std::string> out;
  for (const Error& e : errors) out.push_back(e.rule_id);
  return out;
}

using Codes = std::vector<std::string>;

// --- required_items / evaluate ----------------------------------------------------------------

// ADH-01: the first contribution is always required, by ADH-01; nothing else for a transfer
// payer covered last year.
TEST(Enrolment, ADH_01_FirstContributionAlwaysRequired) {
  std::vector<RequiredItem> items = required_items(request(), kParams);
  ASSERT_EQ(codes(items), Codes{"first_contribution"});
  EXPECT_EQ(items[0].rule, "ADH-01");
  EXPECT_FALSE(items[0].waivable);
}

// BIL-03: a SEPA mandate only for direct debit.
TEST(Enrolment, BIL_03_SepaMandateOnlyForDirectDebit) {
  EnrolmentRequest r = request();
  r.payment = PaymentMethod::kDirectDebit;
  std::vector<RequiredItem> items = required_items(r, kParams);
  ASSERT_EQ(codes(items), (Codes{"first_contribution", "sepa_mandate"}));
  EXPECT_EQ(items[1].rule, "BIL-03");
  r.payment = PaymentMethod::kCheque;
  EXPECT_EQ(codes(required_items(r, kParams)), Codes{"first_contribution"});
}

// ADH-04: the majoration proof is required from age 30 on the signature date when not covered
// last year: born 1996-03-01 is 30 on 2026-03-01; born 1996-03-02 is still 29.
TEST(Enrolment, ADH_04_MajorationProofFromAge30) {
  EnrolmentRequest thirty = request("1996-03-01");
  thirty.covered_last_year = false;
  std::vector<RequiredItem> items = required_items(thirty, kParams);
  ASSERT_EQ(codes(items), (Codes{"first_contribution", "majoration_proof"}));
  EXPECT_EQ(items[1].rule, "ADH-04");
  EXPECT_TRUE(items[1].waivable);

  EnrolmentRequest twenty_nine = request("1996-03-02");
  twenty_nine.covered_last_year = false;
  EXPECT_EQ(codes(required_items(twenty_nine, kParams)), Codes{"first_contribution"});

  // A reference guarantee last year: the previous organism's justificatif instead (ADH-04,
  // MAJ-04, MAJ-07); none under 30.
  thirty.covered_last_year = true;
  EXPECT_EQ(codes(required_items(thirty, kParams)),
            (Codes{"first_contribution", "coverage_justificatif"}));
  twenty_nine.covered_last_year = true;
  EXPECT_EQ(codes(required_items(twenty_nine, kParams)), Codes{"first_contribution"});
}

ReceivedItem justificatif(const char* received, const char* coverage_end,
                          std::optional<int> coefficient_bp = std::nullopt) {
  ReceivedItem j = item("coverage_justificatif", received);
  j.coverage_end = d(coverage_end);
  j.coefficient_bp = coefficient_bp;
  return j;
}

// ADH-04, MAJ-04, MAJ-07 (issue 15, item 4): a member covered by a reference guarantee last year
// is asked for the previous organism's justificatif; the file stays incomplete until it is
// received (waivable: "not produced" presumes a covered duration of 0, ADH-04).
TEST(Enrolment, ADH_04_CoveredLastYearNeedsTheJustificatif) {
  EnrolmentRequest r = request("1980-06-15", "2026-01-02");
  std::vector<RequiredItem> items = required_items(r, kParams);
  ASSERT_EQ(codes(items), (Codes{"first_contribution", "coverage_justificatif"}));
  EXPECT_EQ(items[1].rule, "ADH-04");
  EXPECT_TRUE(items[1].waivable);

  EnrolmentState waiting = evaluate(r, {item("first_contribution", "2026-01-02")}, {}, kParams);
  EXPECT_FALSE(waiting.complete());
  EXPECT_EQ(waiting.missing, Codes{"coverage_justificatif"});

  EnrolmentState done = evaluate(
      r, {item("first_contribution", "2026-01-02"), justificatif("2026-01-05", "2025-12-31")}, {},
      kParams);
  EXPECT_TRUE(done.complete());
  EXPECT_EQ(done.effective, d("2026-01-06"));  // ADH-01: the day after the last item
}

// MAJ-04, MAJ-07: the justificatif's end date and transmitted coefficient go on the contract,
// replacing what the member declared; "not produced" forgets the end (ADH-04: presumed 0).
TEST(Activate, MAJ_04_07_JustificatifFieldsGoOnTheContract) {
  EnrolmentRequest r = request("1980-06-15", "2026-01-02");
  r.contract.last_coverage_end = d("2019-06-30");  // declared, superseded by the justificatif
  Contract c = activate(r, {item("first_contribution", "2026-01-02"),
                            justificatif("2026-01-02", "2025-12-31", 400)},
                        d("2026-01-03"));
  EXPECT_EQ(c.last_coverage_end, d("2025-12-31"));
  EXPECT_EQ(c.prior_coefficient_bp, 400);

  Contract none = activate(r, {item("first_contribution", "2026-01-02"),
                               item("coverage_justificatif", "2026-01-20", true)},
                           d("2026-01-21"));
  EXPECT_FALSE(none.last_coverage_end.has_value());
}

// MAJ-07: a justificatif states the end of the last guarantee, not after the day it was
// received; only a coverage_justificatif carries those fields.
TEST(Enrolment, MAJ_07_JustificatifFieldsValidated) {
  EXPECT_FALSE(justificatif_problem(justificatif("2026-01-05", "2025-12-31")).has_value());
  EXPECT_FALSE(justificatif_problem(justificatif("2026-01-05", "2026-01-05")).has_value());
  auto late = justificatif_problem(justificatif("2026-01-05", "2026-01-06"));
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->first, "coverage_end");
  auto missing = justificatif_problem(item("coverage_justificatif", "2026-01-05"));
  ASSERT_TRUE(missing.has_value());
  EXPECT_EQ(missing->first, "coverage_end");
  EXPECT_FALSE(justificatif_problem(item("coverage_justificatif", "2026-01-05", true)).has_value());
  ReceivedItem other = item("first_contribution", "2026-01-05");
  other.coefficient_bp = 400;
  ASSERT_TRUE(justificatif_problem(other).has_value());
  EXPECT_EQ(justificatif_problem(other)->first, "coefficient");
}

// ADH-04: the civil-service entry proof only for an entry strictly after 2011-11-08.
TEST(Enrolment, ADH_04_CivilServiceEntryProofOnlyAfterReferenceDate) {
  EnrolmentRequest r = request("1980-01-01");
  r.covered_last_year = false;
  r.contract.civil_service_entry = d("2011-11-09");
  std::vector<RequiredItem> items = required_items(r, kParams);
  ASSERT_EQ(codes(items), (Codes{"first_contribution", "majoration_proof",
                                 "civil_service_entry_proof"}));
  EXPECT_EQ(items[2].rule, "ADH-04");
  EXPECT_TRUE(items[2].waivable);

  r.contract.civil_service_entry = d("2011-11-08");
  EXPECT_EQ(codes(required_items(r, kParams)), (Codes{"first_contribution", "majoration_proof"}));

  // Under 30: no ADH-04 item at all, whatever the entry date.
  EnrolmentRequest young = request("2000-01-01");
  young.covered_last_year = false;
  young.contract.civil_service_entry = d("2020-01-01");
  EXPECT_EQ(codes(required_items(young, kParams)), Codes{"first_contribution"});
}

// ELIG-04, ELIG-08: a student child of 18+ on the signature date needs a proof item
// "proof:<id>"; a minor child does not.
TEST(Enrolment, ELIG_04_08_ChildProofItem) {
  EnrolmentRequest r = request();
  Beneficiary student = person("E1", Role::kChild, "2008-03-01");  // 18 on 2026-03-01
  student.condition = ChildCondition::kStudent;
  Beneficiary minor = person("E2", Role::kChild, "2008-03-02");   // 17 on 2026-03-01
  minor.condition = ChildCondition::kStudent;
  r.contract.beneficiaries.push_back(student);
  r.contract.beneficiaries.push_back(minor);
  std::vector<RequiredItem> items = required_items(r, kParams);
  ASSERT_EQ(codes(items), (Codes{"first_contribution", "proof:E1"}));
  EXPECT_EQ(items[1].rule, "ELIG-08");
}

// ADH-01, BIL-03: complete when every item arrived; effective = latest receipt + 1 day.
// Missing items are listed in required order.
TEST(Enrolment, ADH_01_EffectiveDayAfterLastReceipt) {
  EnrolmentRequest r = request();
  r.payment = PaymentMethod::kDirectDebit;

  EnrolmentState none = evaluate(r, {}, {}, kParams);
  EXPECT_FALSE(none.complete());
  EXPECT_EQ(none.missing, (Codes{"first_contribution", "sepa_mandate"}));
  EXPECT_FALSE(none.completed_on.has_value());
  EXPECT_FALSE(none.effective.has_value());

  EnrolmentState half = evaluate(r, {item("first_contribution", "2026-03-05")}, {}, kParams);
  EXPECT_EQ(half.missing, Codes{"sepa_mandate"});
  EXPECT_FALSE(half.effective.has_value());

  EnrolmentState full = evaluate(
      r, {item("sepa_mandate", "2026-03-10"), item("first_contribution", "2026-03-05")}, {}, kParams);
  EXPECT_TRUE(full.complete());
  EXPECT_EQ(full.completed_on, d("2026-03-10"));
  EXPECT_EQ(full.effective, d("2026-03-11"));
}

// ADH-01: everything handed in with the signature → complete on the signature date, effective
// the day after (2026-03-31 → 2026-04-01 across a month end).
TEST(Enrolment, ADH_01_AllItemsAtSignature) {
  EnrolmentRequest r = request("1998-04-10", "2026-03-31");
  EnrolmentState s = evaluate(r, {item("first_contribution", "2026-03-31")}, {}, kParams);
  EXPECT_EQ(s.completed_on, d("2026-03-31"));
  EXPECT_EQ(s.effective, d("2026-04-01"));
}

// ADH-02: on express request the adhesion takes effect on the signature day, even when items
// arrived later.
TEST(Enrolment, ADH_02_ExpressStartOnSignatureDay) {
  EnrolmentRequest r = request();
  r.contract.express_start = true;
  EnrolmentState s = evaluate(r, {item("first_contribution", "2026-03-05")}, {}, kParams);
  EXPECT_EQ(s.completed_on, d("2026-03-05"));
  EXPECT_EQ(s.effective, d("2026-03-01"));
}

// ADH-04: the majoration proof recorded as not produced completes the file.
TEST(Enrolment, ADH_04_NotProducedCompletesFile) {
  EnrolmentRequest r = request("1980-01-01");
  r.covered_last_year = false;
  EnrolmentState s = evaluate(r,
                              {item("first_contribution", "2026-03-01"),
                               item("majoration_proof", "2026-03-20", /*not_produced=*/true)},
                              {}, kParams);
  EXPECT_TRUE(s.complete());
  EXPECT_EQ(s.completed_on, d("2026-03-20"));
  EXPECT_EQ(s.effective, d("2026-03-21"));
}

// ELIG-04, ELIG-08: a child's proof item is met by a stored proof of a serving type valid on the
// signature date; its receipt date counts for completion. A proof starting the day after the
// signature, or of the wrong type, does not meet it.
TEST(Enrolment, ELIG_04_08_ChildProofMetByStoredProof) {
  EnrolmentRequest r = request();
  Beneficiary student = person("E1", Role::kChild, "2007-01-01");  // 19 on 2026-03-01
  student.condition = ChildCondition::kStudent;
  r.contract.beneficiaries.push_back(student);
  std::vector<ReceivedItem> received{item("first_contribution", "2026-03-01")};

  Proof cert;
  cert.beneficiary_id = "E1";
  cert.type = ProofType::kSchoolCertificate;
  cert.valid_from = d("2025-09-01");
  cert.valid_to = d("2026-08-31");
  cert.received = d("2026-03-12");
  EnrolmentState ok = evaluate(r, received, {cert}, kParams);
  EXPECT_TRUE(ok.complete());
  EXPECT_EQ(ok.completed_on, d("2026-03-12"));
  EXPECT_EQ(ok.effective, d("2026-03-13"));

  Proof late = cert;
  late.valid_from = d("2026-03-02");
  EXPECT_EQ(evaluate(r, received, {late}, kParams).missing, Codes{"proof:E1"});

  Proof wrong = cert;
  wrong.type = ProofType::kJobSeekerAttestation;
  EXPECT_EQ(evaluate(r, received, {wrong}, kParams).missing, Codes{"proof:E1"});

  Proof other_child = cert;
  other_child.beneficiary_id = "E9";
  EXPECT_EQ(evaluate(r, received, {other_child}, kParams).missing, Codes{"proof:E1"});
}

// --- check_request ------------------------------------------------------------------------------

// ELIG-02: two spouses → one ELIG-02 refusal (for the second).
TEST(CheckRequest, ELIG_02_AtMostOneSpouse) {
  EnrolmentRequest r = request();
  Beneficiary s1 = person("S1", Role::kSpouse, "1990-01-01");
  s1.relation = Relation::kSpouse;
  Beneficiary s2 = person("S2", Role::kSpouse, "1991-01-01");
  s2.relation = Relation::kPacs;
  r.contract.beneficiaries.push_back(s1);
  EXPECT_TRUE(check_request(r, true, "req.json").empty());
  r.contract.beneficiaries.push_back(s2);
  Errors errors = check_request(r, true, "req.json");
  EXPECT_EQ(rules(errors), Codes{"ELIG-02"});
}

// ELIG-02: a spouse without a relation is a data error on that dependant's field.
TEST(CheckRequest, ELIG_02_SpouseNeedsRelation) {
  EnrolmentRequest r = request();
  r.contract.beneficiaries.push_back(person("S1", Role::kSpouse, "1990-01-01"));
  Errors errors = check_request(r, false, "req.json");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rule_id, "");
  EXPECT_EQ(errors[0].file, "req.json");
  EXPECT_EQ(errors[0].field, "dependants[0].relation");
}

// ELIG-01: a labelled product needs the member's employer; a non-labelled one does not.
TEST(CheckRequest, ELIG_01_LabelledProductNeedsEmployer) {
  EnrolmentRequest r = request();
  r.contract.employer.clear();
  EXPECT_EQ(rules(check_request(r, true, "req.json")), Codes{"ELIG-01"});
  EXPECT_TRUE(check_request(r, false, "req.json").empty());
}

// ELIG-04: a child claimed as a student who is 26 on the signature date is refused by ELIG-04;
// ELIG-03: a "minor" aged 18 by ELIG-03. The day before each birthday, accepted.
TEST(CheckRequest, ELIG_03_04_ChildTooOldForCondition) {
  EnrolmentRequest r = request();  // signed 2026-03-01
  Beneficiary student = person("E1", Role::kChild, "2000-03-01");  // 26 on 2026-03-01
  student.condition = ChildCondition::kStudent;
  Beneficiary minor = person("E2", Role::kChild, "2008-03-01");    // 18 on 2026-03-01
  minor.condition = ChildCondition::kMinor;
  r.contract.beneficiaries.push_back(student);
  r.contract.beneficiaries.push_back(minor);
  EXPECT_EQ(rules(check_request(r, false, "req.json")), (Codes{"ELIG-04", "ELIG-03"}));

  r.contract.beneficiaries[1].birth_date = d("2000-03-02");  // 25
  r.contract.beneficiaries[2].birth_date = d("2008-03-02");  // 17
  EXPECT_TRUE(check_request(r, false, "req.json").empty());
}

// BIL-03: direct debit without an IBAN is a data error on "iban".
TEST(CheckRequest, BIL_03_DirectDebitNeedsIban) {
  EnrolmentRequest r = request();
  r.payment = PaymentMethod::kDirectDebit;
  Errors errors = check_request(r, false, "req.json");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "iban");
  EXPECT_EQ(errors[0].rule_id, "");
  r.contract.iban = "FR7630006000011234567890189";
  EXPECT_TRUE(check_request(r, false, "req.json").empty());
}

// ELIG-02: every problem is reported at once (employer, spouse count, child age).
TEST(CheckRequest, ELIG_01_02_04_EveryProblemReported) {
  EnrolmentRequest r = request();
  r.contract.employer.clear();
  for (const char* id : {"S1", "S2"}) {
    Beneficiary s = person(id, Role::kSpouse, "1990-01-01");
    s.relation = Relation::kConcubin;
    r.contract.beneficiaries.push_back(s);
  }
  Beneficiary student = person("E1", Role::kChild, "1999-01-01");
  student.condition = ChildCondition::kStudent;
  r.contract.beneficiaries.push_back(student);
  EXPECT_EQ(rules(check_request(r, true, "req.json")), (Codes{"ELIG-01", "ELIG-02", "ELIG-04"}));
}

// --- activate ----------------------------------------------------------------------------------

// ADH-01, ADH-04: every person's rights start on the effective date; the last guarantee's end is
// forgotten when the majoration proof was not produced, kept otherwise.
TEST(Activate, ADH_01_04_StartsEveryoneAndForgetsCoverageEndWhenNotProduced) {
  EnrolmentRequest r = request("1980-01-01");
  r.covered_last_year = false;
  r.contract.last_coverage_end = d("2019-06-30");
  Beneficiary child = person("E1", Role::kChild, "2015-01-01");
  child.condition = ChildCondition::kMinor;
  child.end_date = d("2020-01-01");
  child.end_reason = "ELIG-07";
  r.contract.beneficiaries.push_back(child);

  Contract waived = activate(r,
                             {item("first_contribution", "2026-03-01"),
                              item("majoration_proof", "2026-03-20", /*not_produced=*/true)},
                             d("2026-03-21"));
  EXPECT_FALSE(waived.last_coverage_end.has_value());
  ASSERT_EQ(waived.beneficiaries.size(), 2u);
  for (const Beneficiary& b : waived.beneficiaries) {
    EXPECT_EQ(b.start_date, d("2026-03-21"));
    EXPECT_FALSE(b.end_date.has_value());
    EXPECT_EQ(b.end_reason, "");
  }

  Contract produced = activate(r,
                               {item("first_contribution", "2026-03-01"),
                                item("majoration_proof", "2026-03-20")},
                               d("2026-03-21"));
  EXPECT_EQ(produced.last_coverage_end, d("2019-06-30"));
}

// ADH-02: the express start flag is carried onto the contract.
TEST(Activate, ADH_02_ExpressStartRecorded) {
  EnrolmentRequest r = request();
  r.contract.express_start = true;
  Contract c = activate(r, {item("first_contribution", "2026-03-05")}, d("2026-03-01"));
  EXPECT_TRUE(c.express_start);
  EXPECT_EQ(c.adhesion_date(), d("2026-03-01"));
}

}  // namespace
}  // namespace mutua

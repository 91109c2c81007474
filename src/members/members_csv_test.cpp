#include <gtest/gtest.h>

#include "members/members_csv.hpp"

namespace mutua {
namespace {

const ProductKinds kProducts = {{"LABEL2", ProductKind::kLabelled},
                                {"REGION", ProductKind::kRegional}};

const std::string kHeader =
    "contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,"
    "end_date,payment_frequency,status,civil_service_entry,prior_coefficient,last_coverage_end,"
    "nir,iban,email,commune,link,express_start\n";

MembersFile parse(const std::string& rows, const std::string& header = kHeader) {
  return parse_members_text(header + rows, "m.csv", kProducts);
}

std::vector<std::string> messages(const MembersFile& f) {
  std::vector<std::string> out;
  for (const Error& e : f.errors) out.push_back(e.to_string());
  return out;
}

// "m.csv:<line>: <field>" of each error.
std::vector<std::string> where(const MembersFile& f) {
  std::vector<std::string> out;
  for (const Error& e : f.errors) out.push_back(e.file + ":" + std::to_string(e.line) + ": " + e.field);
  return out;
}

TEST(MembersCsv, ValidFileGroupsRowsMemberFirstInFirstRowOrder) {
  MembersFile f = parse(
      "C2,B21,child,MARTIN,Léa,2012-03-04,LABEL2,2026-01-01,,,,,,,,,,,,\n"
      "C1,B11,member,DUPONT,Jean,1970-05-17,LABEL2,2026-01-01,,quarterly,retired,2001-09-01,0.04,"
      "2024-12-31,185057800604830,fr76 3000 6000 0112 3456 7890 189,jean@example.fr,,,1\n"
      "C2,B20,member,MARTIN,Paul,1980-01-01,LABEL2,2026-01-01,2026-12-31,,,,,,,,,,,\n"
      "C1,B12,spouse,DUPONT,Zoé,1972-02-29,LABEL2,2026-02-01,,,,,,,,,,,,\n");
  ASSERT_TRUE(f.ok()) << messages(f)[0];
  EXPECT_EQ(f.rows, 4);
  ASSERT_EQ(f.contracts.size(), 2u);
  const Contract& c2 = f.contracts[0];
  EXPECT_EQ(c2.id, "C2");
  ASSERT_EQ(c2.beneficiaries.size(), 2u);
  EXPECT_EQ(c2.beneficiaries[0].id, "B20");
  EXPECT_EQ(c2.beneficiaries[0].end_date, make_date(2026, 12, 31));
  EXPECT_EQ(c2.beneficiaries[1].id, "B21");
  EXPECT_EQ(f.sources[0].first_line, 2);
  EXPECT_EQ(f.sources[0].beneficiary_lines, (std::vector<int>{4, 2}));
  EXPECT_EQ(c2.payment_frequency, PaymentFrequency::kMonthly);  // default
  EXPECT_EQ(c2.status, MemberStatus::kActive);

  const Contract& c1 = f.contracts[1];
  EXPECT_EQ(c1.product, "LABEL2");
  EXPECT_EQ(c1.payment_frequency, PaymentFrequency::kQuarterly);
  EXPECT_EQ(c1.status, MemberStatus::kRetired);
  EXPECT_EQ(c1.civil_service_entry, make_date(2001, 9, 1));
  EXPECT_EQ(c1.prior_coefficient_bp, 400);
  EXPECT_EQ(c1.last_coverage_end, make_date(2024, 12, 31));
  EXPECT_EQ(c1.iban, "FR7630006000011234567890189");  // normalized
  EXPECT_EQ(c1.email, "jean@example.fr");
  EXPECT_TRUE(c1.express_start);  // ADH-02
  EXPECT_EQ(c1.beneficiaries[0].nir, "185057800604830");
  EXPECT_EQ(c1.beneficiaries[1].birth_date, make_date(1972, 2, 29));
}

TEST(MembersCsv, OnlyRequiredColumnsInAnyOrder) {
  MembersFile f = parse("1970-05-17,DUPONT,Jean,member,B1,C1,LABEL2,2026-01-01\n",
                        "birth_date,last_name,first_name,role,beneficiary_id,contract_id,product,"
                        "start_date\n");
  ASSERT_TRUE(f.ok()) << messages(f)[0];
  EXPECT_EQ(f.contracts[0].beneficiaries[0].last_name, "DUPONT");
}

TEST(MembersCsv, MissingColumnsAreErrorsOnLineOneUnknownColumnsWarnings) {
  MembersFile f = parse("C1,B1,member,DUPONT,Jean,1970-05-17,2026-01-01,x\n",
                        "contract_id,beneficiary_id,role,last_name,first_name,birth_date,"
                        "start_date,shoe_size\n");
  EXPECT_EQ(messages(f), (std::vector<std::string>{"m.csv:1: product: required column is missing"}));
  ASSERT_EQ(f.warnings.size(), 1u);
  EXPECT_NE(f.warnings[0].find("shoe_size"), std::string::npos);
}

TEST(MembersCsv, EveryErrorIsListedWithLineAndField) {
  MembersFile f = parse(
      "C1,B1,member,DUPONT,,1970-13-01,LABEL2,2026-01-01,2025-12-31,weekly,idle,,10,,"
      "185057800604831,FR7730006000011234567890189,jean.example.fr,3818,home,2\n"
      "C1,B1,boss,DUPONT,Zoé,1972-01-01,OTHER,2026-01-01,,,,,,,,,,,,\n");
  EXPECT_EQ(where(f), (std::vector<std::string>{
                          "m.csv:2: first_name", "m.csv:2: birth_date", "m.csv:2: end_date",
                          "m.csv:2: nir", "m.csv:2: payment_frequency", "m.csv:2: status",
                          "m.csv:2: prior_coefficient", "m.csv:2: iban", "m.csv:2: email",
                          "m.csv:2: commune", "m.csv:2: link", "m.csv:2: express_start",
                          "m.csv:3: beneficiary_id", "m.csv:3: role", "m.csv:3: product",
                          "m.csv:3: product"}));
}

TEST(MembersCsv, ELIG_02_AtMostOneSpouse) {
  MembersFile f = parse(
      "C1,B1,member,A,A,1970-01-01,LABEL2,2026-01-01,,,,,,,,,,,,\n"
      "C1,B2,spouse,A,B,1970-01-01,LABEL2,2026-01-01,,,,,,,,,,,,\n"
      "C1,B3,spouse,A,C,1970-01-01,LABEL2,2026-01-01,,,,,,,,,,,,\n");
  ASSERT_EQ(f.errors.size(), 1u);
  EXPECT_EQ(where(f)[0], "m.csv:4: role");
  EXPECT_NE(f.errors[0].message.find("ELIG-02"), std::string::npos);
}

TEST(MembersCsv, ExactlyOneMemberRow) {
  MembersFile none = parse("C1,B2,spouse,A,B,1970-01-01,LABEL2,2026-01-01,,,,,,,,,,,,\n");
  EXPECT_EQ(messages(none),
            (std::vector<std::string>{"m.csv:2: role: contract C1 has no member row"}));
  MembersFile two = parse(
      "C1,B1,member,A,A,1970-01-01,LABEL2,2026-01-01,,,,,,,,,,,,\n"
      "C1,B2,member,A,B,1970-01-01,LABEL2,2026-01-01,,,,,,,,,,,,\n");
  EXPECT_EQ(where(two), (std::vector<std::string>{"m.csv:3: role"}));
}

// ELIG-03..06: a child is under 26 on the start date, and born after the member.
TEST(MembersCsv, ELIG_03_ChildAgeAndBirthOrder) {
  MembersFile f = parse(
      "C1,B1,member,A,A,1970-01-01,LABEL2,2026-01-01,,,,,,,,,,,,\n"
      "C1,B2,child,A,B,2000-01-02,LABEL2,2026-01-01,,,,,,,,,,,,\n"   // 25 the day before
      "C1,B3,child,A,C,2000-01-01,LABEL2,2026-01-01,,,,,,,,,,,,\n"   // 26 on the day: refused
      "C1,B4,child,A,D,1996-01-01,LABEL2,2026-01-01,,,,,,,,,,,,\n"); // 30
  // B2 is under 26, but without a condition a minor (ELIG-11): too old for ELIG-03 (a student
  // with a certificate would be accepted: ELIG_11_AdultChildNeedsConditionAndProof).
  EXPECT_EQ(where(f), (std::vector<std::string>{"m.csv:3: condition", "m.csv:4: birth_date",
                                                "m.csv:5: birth_date"}));
  EXPECT_NE(f.errors[0].message.find("ELIG-03"), std::string::npos);
  EXPECT_NE(f.errors[2].message.find("aged 30"), std::string::npos);

  MembersFile older = parse(
      "C1,B1,member,A,A,2005-01-01,LABEL2,2026-01-01,,,,,,,,,,,,\n"
      "C1,B2,child,A,B,2004-01-01,LABEL2,2026-01-01,,,,,,,,,,,,\n");
  EXPECT_EQ(messages(older), (std::vector<std::string>{
                                 "m.csv:3: birth_date: a child must be born after the member"}));
}

// ELIG-09: no maximum age at adhesion.
TEST(MembersCsv, ELIG_09_NoMaximumAgeForMembers) {
  MembersFile f = parse("C1,B1,member,A,A,1921-01-01,LABEL2,2026-01-01,,,,,,,,,,,,\n");
  EXPECT_TRUE(f.ok());
}

TEST(MembersCsv, ELIG_10_RegionalProductNeedsCommuneAndLink) {
  MembersFile f = parse("C1,B1,member,A,A,1970-01-01,REGION,2026-01-01,,,,,,,,,,,,\n");
  EXPECT_EQ(where(f), (std::vector<std::string>{"m.csv:2: commune", "m.csv:2: link"}));
  MembersFile ok = parse("C1,B1,member,A,A,1970-01-01,REGION,2026-01-01,,,,,,,,,,2A004,work,\n");
  ASSERT_TRUE(ok.ok()) << messages(ok)[0];
  EXPECT_EQ(ok.contracts[0].link, Link::kWork);
}

TEST(MembersCsv, DatesAreStrictAndOrdered) {
  MembersFile f = parse(
      "C1,B1,member,A,A,1970-1-01,LABEL2,2026-02-30,,,,,,,,,,,,\n"
      "C2,B2,member,A,A,2026-02-01,LABEL2,2026-01-01,,,,,,,,,,,,\n");
  EXPECT_EQ(where(f), (std::vector<std::string>{"m.csv:2: birth_date", "m.csv:2: start_date",
                                                "m.csv:3: birth_date"}));
}

TEST(MembersCsv, ProductMustBeTheSameOnEveryRowOfAContract) {
  ProductKinds both = kProducts;
  MembersFile f = parse(
      "C1,B1,member,A,A,1970-01-01,LABEL2,2026-01-01,,,,,,,,,,,,\n"
      "C1,B2,spouse,A,B,1970-01-01,REGION,2026-01-01,,,,,,,,,,,,\n");
  EXPECT_EQ(where(f), (std::vector<std::string>{"m.csv:3: product"}));
}

TEST(MembersCsv, DependantRowsContractFieldsAreIgnored) {
  MembersFile f = parse(
      "C1,B1,member,A,A,1970-01-01,LABEL2,2026-01-01,,yearly,,,,,,,,,,\n"
      "C1,B2,spouse,A,B,1970-01-01,LABEL2,2026-01-01,,weekly,,,,,,,,,,\n");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f.contracts[0].payment_frequency, PaymentFrequency::kYearly);
}

TEST(MembersCsv, MalformedCsvIsReportedWithLine) {
  MembersFile f = parse("C1,B1,member,A,A,1970-01-01,LABEL2\n");
  EXPECT_EQ(where(f), (std::vector<std::string>{"m.csv:2: start_date"}));
}

TEST(MembersCsv, FieldParsers) {
  EXPECT_EQ(parse_coefficient_bp("0.04"), 400);
  EXPECT_EQ(parse_coefficient_bp("0"), 0);
  EXPECT_EQ(parse_coefficient_bp("1.2345"), 12345);
  EXPECT_EQ(parse_coefficient_bp("9.9999"), 99999);
  EXPECT_FALSE(parse_coefficient_bp("10"));
  EXPECT_FALSE(parse_coefficient_bp("0.00001"));
  EXPECT_FALSE(parse_coefficient_bp("-0.1"));
  EXPECT_FALSE(parse_coefficient_bp("0,04"));
  EXPECT_FALSE(parse_coefficient_bp("0."));
  EXPECT_FALSE(parse_coefficient_bp(".5"));
  EXPECT_TRUE(is_commune_code("42207"));
  EXPECT_TRUE(is_commune_code("2B033"));
  EXPECT_FALSE(is_commune_code("2C033"));
  EXPECT_FALSE(is_commune_code("4220"));
  EXPECT_TRUE(is_email("a.b@example.fr"));
  EXPECT_FALSE(is_email("a@b@example.fr"));
  EXPECT_FALSE(is_email("@example.fr"));
  EXPECT_FALSE(is_email("a@example"));
  EXPECT_FALSE(is_email("a@.fr"));
}

}  // namespace
}  // namespace mutua

namespace mutua {
namespace {

using namespace std::string_literals;

// Issue 14: identifiers in the safe alphabet (a contract id "../escaped" named a file outside
// the output directory), names valid UTF-8 without control characters, bounded.
TEST(MembersCsv, IdentifiersAndNamesAreChecked) {
  const std::string tail = ",1980-01-01,LABEL2,2026-01-01,,,,,,,,,,,,\n";
  MembersFile f = parse("../escaped,B1,member,DUPONT,Jean" + tail +  // line 2
                        "C2,a/b,member,DUPONT,Jean" + tail +         // 3
                        "C3,B3,member,DUP\xe9NT,Jean" + tail +       // 4
                        "C4,B4,member,\"DU\nPONT\",Jean" + tail +    // 5 (and 6)
                        "C5,B5,member,DU\0PONT,Jean"s + tail +       // 7
                        "C6,B6,member," + std::string(201, 'A') + ",Jean" + tail +  // 8
                        "C7,B7,member,Éléonore D'ARC-MÜLLER,Zoé" + tail);
  EXPECT_EQ(where(f), (std::vector<std::string>{"m.csv:2: contract_id", "m.csv:3: beneficiary_id",
                                                "m.csv:4: last_name", "m.csv:5: last_name",
                                                "m.csv:7: last_name", "m.csv:8: last_name"}));
  EXPECT_EQ(messages(f)[0],
            "m.csv:2: contract_id: identifier may hold only letters, digits, '.', '_' and '-'");
  EXPECT_EQ(messages(f)[2], "m.csv:4: last_name: invalid UTF-8 at byte 4");
  EXPECT_EQ(messages(f)[3], "m.csv:5: last_name: control character at byte 3 (line feed)");
  EXPECT_EQ(messages(f)[4], "m.csv:7: last_name: control character at byte 3 (NUL)");
}

// --- ELIG-11 (issue 15): children's condition and proof columns ----------------------------------

const std::string kHeaderWithProofs =
    "contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,"
    "condition,proof_type,proof_from,proof_to,proof_reference\n";

// ELIG-11, ELIG-03: a child without a condition is a minor; no proof comes out.
TEST(MembersCsv, ELIG_11_ChildWithoutConditionIsAMinor) {
  MembersFile f = parse(
      "C1,B1,member,DUPONT,Jean,1970-05-17,LABEL2,2026-01-01,,,,,,,,,,,,\n"
      "C1,B2,child,DUPONT,Léa,2010-06-01,LABEL2,2026-01-01,,,,,,,,,,,,\n");
  ASSERT_TRUE(f.ok()) << messages(f)[0];
  EXPECT_EQ(f.contracts[0].beneficiaries[1].condition, ChildCondition::kMinor);
  EXPECT_FALSE(f.contracts[0].beneficiaries[0].condition.has_value());  // not for the member
  EXPECT_TRUE(f.proofs.empty());
}

// ELIG-11, ELIG-03: born 2007-11-15, the child is 18 on 2026-01-01: without a condition it is a
// minor, too old on its start date: an error on the condition column naming ELIG-03. With
// condition student and a school certificate valid 2025-09-01..2026-08-31 (ELIG-04, ELIG-08) it
// imports, and the proof comes out.
TEST(MembersCsv, ELIG_11_AdultChildNeedsConditionAndProof) {
  MembersFile bare = parse(
      "C1,B1,member,DUPONT,Jean,1970-05-17,LABEL2,2026-01-01,,,,,\n"
      "C1,B2,child,DUPONT,Léa,2007-11-15,LABEL2,2026-01-01,,,,,\n",
      kHeaderWithProofs);
  EXPECT_EQ(where(bare), std::vector<std::string>{"m.csv:3: condition"});
  EXPECT_NE(messages(bare)[0].find("ELIG-03"), std::string::npos) << messages(bare)[0];

  MembersFile proved = parse(
      "C1,B1,member,DUPONT,Jean,1970-05-17,LABEL2,2026-01-01,,,,,\n"
      "C1,B2,child,DUPONT,Léa,2007-11-15,LABEL2,2026-01-01,student,school_certificate,"
      "2025-09-01,2026-08-31,SCOL-1\n",
      kHeaderWithProofs);
  ASSERT_TRUE(proved.ok()) << messages(proved)[0];
  EXPECT_EQ(proved.contracts[0].beneficiaries[1].condition, ChildCondition::kStudent);
  ASSERT_EQ(proved.proofs.size(), 1u);
  EXPECT_EQ(proved.proofs[0].beneficiary_id, "B2");
  EXPECT_EQ(proved.proofs[0].type, ProofType::kSchoolCertificate);
  EXPECT_EQ(proved.proofs[0].valid_to, make_date(2026, 8, 31));
  EXPECT_EQ(proved.proofs[0].reference, "SCOL-1");
}

// ELIG-08, ELIG-11: a student whose certificate ended before the start, a proof of the wrong
// type (then no valid proof either), a condition on a spouse, an incomplete proof, an unknown
// condition: each an error naming its column.
TEST(MembersCsv, ELIG_11_BadConditionOrProofColumns) {
  MembersFile f = parse(
      "C1,B1,member,DUPONT,Jean,1970-05-17,LABEL2,2026-01-01,,,,,\n"
      "C1,B2,child,DUPONT,Léa,2007-11-15,LABEL2,2026-01-01,student,school_certificate,"
      "2024-09-01,2025-08-31,SCOL-1\n"
      "C1,B3,child,DUPONT,Hugo,2007-01-15,LABEL2,2026-01-01,student,job_seeker_attestation,"
      "2025-09-01,2026-08-31,FT-1\n"
      "C1,B4,spouse,DUPONT,Zoé,1972-02-29,LABEL2,2026-01-01,minor,,,,\n"
      "C1,B5,child,DUPONT,Tom,2012-01-15,LABEL2,2026-01-01,student,school_certificate,,,\n"
      "C1,B6,child,DUPONT,Eva,2011-01-15,LABEL2,2026-01-01,pupil,,,,\n",
      kHeaderWithProofs);
  EXPECT_EQ(where(f), (std::vector<std::string>{"m.csv:3: condition", "m.csv:4: proof_type",
                                                "m.csv:4: condition", "m.csv:5: condition", "m.csv:6: proof_from",
                                                "m.csv:6: proof_to", "m.csv:6: proof_reference",
                                                "m.csv:7: condition"}))
      << testing::PrintToString(messages(f));
}

}  // namespace
}  // namespace mutua

// The roles and their scope (issue 7): the matrix of docs/api.md, care lines for claims and the
// medical adviser only (GDPR-02), partner communes confined to their commune and never given a
// contract (PAR-06), members to their own contract.
// Rules: GDPR-02, PAR-06
#include "access/access.hpp"

#include <gtest/gtest.h>

namespace mutua {
namespace {

Principal who(UserRole role, std::string commune = "", std::string contract = "") {
  return {"u", role, std::move(commune), std::move(contract)};
}

TEST(Access, RoleNamesRoundTrip) {
  for (int i = 0; i < kUserRoles; ++i) {
    const auto role = static_cast<UserRole>(i);
    EXPECT_EQ(parse_user_role(to_string(role)), role);
  }
  EXPECT_FALSE(parse_user_role("root"));
  EXPECT_STREQ(french_label(UserRole::kMedicalAdviser), "Médecin-conseil");
}

// GDPR-02: care lines are health data: claims and the medical adviser only, not even admin.
TEST(Access, CareLinesForClaimsAndMedicalAdviserOnlyGDPR02) {
  for (int i = 0; i < kUserRoles; ++i) {
    const auto role = static_cast<UserRole>(i);
    const bool expected = role == UserRole::kClaims || role == UserRole::kMedicalAdviser;
    EXPECT_EQ(role_allows(role, Permission::kCareLines), expected) << to_string(role);
  }
}

// PAR-06: a partner commune sees its own commune's figures, never a contract, never another
// commune, never the members' data.
TEST(Access, PartnerCommuneConfinedToItsFiguresPAR06) {
  const Principal mairie = who(UserRole::kPartnerCommune, "42207");
  EXPECT_TRUE(permits(mairie, Permission::kPartnerFigures, "", "42207"));
  EXPECT_TRUE(permits(mairie, Permission::kMaterialReview, "", "42207"));
  EXPECT_FALSE(permits(mairie, Permission::kPartnerFigures, "", "69123"));
  EXPECT_FALSE(permits(mairie, Permission::kPartnerFigures, "", ""));
  for (Permission p : {Permission::kSearchMembers, Permission::kContractPage,
                       Permission::kContributions, Permission::kReimbursements,
                       Permission::kCareLines, Permission::kDocuments, Permission::kWorklist,
                       Permission::kDunningQueue, Permission::kCssCheck, Permission::kAudit,
                       Permission::kUsers, Permission::kPersonalData,
                       Permission::kPrivacyRequests}) {
    EXPECT_FALSE(permits(mairie, p, "C1", "42207")) << to_string(p);
    EXPECT_FALSE(permits(mairie, p, "", "42207")) << to_string(p);
  }
}

// A member reaches its own contract only, and nothing that is about no contract.
TEST(Access, MemberOwnContractOnly) {
  const Principal m = who(UserRole::kMember, "", "C1");
  EXPECT_TRUE(permits(m, Permission::kContractPage, "C1"));
  EXPECT_TRUE(permits(m, Permission::kDocuments, "C1"));
  EXPECT_TRUE(permits(m, Permission::kReimbursements, "C1"));
  EXPECT_FALSE(permits(m, Permission::kContractPage, "C2"));
  EXPECT_FALSE(permits(m, Permission::kContractPage, ""));
  EXPECT_FALSE(permits(m, Permission::kCareLines, "C1"));
  EXPECT_FALSE(permits(m, Permission::kSearchMembers));
  EXPECT_TRUE(permits(m, Permission::kPersonalData, "C1"));  // GDPR-01: its own data
  EXPECT_FALSE(permits(m, Permission::kPersonalData, "C2"));
  EXPECT_FALSE(permits(m, Permission::kPrivacyRequests, "C1"));
}

// Staff roles as docs/api.md lists them.
TEST(Access, StaffMatrix) {
  EXPECT_TRUE(permits(who(UserRole::kAdmin), Permission::kAudit));
  EXPECT_TRUE(permits(who(UserRole::kAdmin), Permission::kUsers));
  EXPECT_FALSE(permits(who(UserRole::kMemberServices), Permission::kAudit));
  EXPECT_TRUE(permits(who(UserRole::kMemberServices), Permission::kWorklist));
  EXPECT_TRUE(permits(who(UserRole::kBilling), Permission::kDunningQueue));
  EXPECT_FALSE(permits(who(UserRole::kBilling), Permission::kDocuments));
  EXPECT_TRUE(permits(who(UserRole::kClaims), Permission::kSearchMembers, "", ""));
  EXPECT_FALSE(permits(who(UserRole::kMedicalAdviser), Permission::kContractPage, "C1"));
  EXPECT_FALSE(permits(who(UserRole::kAdmin), Permission::kMaterialReview, "", "42207"));
}

}  // namespace
}  // namespace mutua

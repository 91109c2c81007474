// Who may do what in the back office (issue 7; GDPR-02, PAR-06, BEN-15): the roles, the
// permissions, and the scope a user is confined to. Pure: a principal and a request in, allowed or
// not out. The HTTP layer asks this module before every handler runs; nothing else decides.
//
// Contract:
// - Roles: admin, member_services, billing, claims, medical_adviser (staff); partner_commune
//   (one commune: aggregated figures, calendar, materials to review, never an individual, PAR-06);
//   member (one contract: their own cover, rights, reimbursements, attestation).
// - kCareLines (the care lines of a contract and their explanations: health data, GDPR-02) is
//   granted to claims and medical_adviser only, never to admin.
// - Scope: a member reaches only its contract_id; a partner_commune only its commune; staff
//   reach every contract and commune. permits() checks the permission and the scope together.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mutua {

enum class UserRole {
  kAdmin,
  kMemberServices,
  kBilling,
  kClaims,
  kMedicalAdviser,
  kPartnerCommune,
  kMember,
};
inline constexpr int kUserRoles = 7;
const char* to_string(UserRole role);  // "admin", "member_services", ...
std::optional<UserRole> parse_user_role(std::string_view text);
const char* french_label(UserRole role);  // "Administrateur", "Accueil et gestion", ...

enum class Permission {
  kSearchMembers,     // find contracts by id or name
  kContractPage,      // a contract: persons, rights, product, history
  kContributions,     // contributions and the account (balance, schedule, entries)
  kReimbursements,    // payments per claim: dates and amounts, no care detail
  kCareLines,         // care lines and their explanations (health data, GDPR-02)
  kDocuments,         // documents issued, the attestation de tiers payant
  kWorklist,          // the staff work list
  kDunningQueue,      // contracts under formal notice or suspended
  kPartnerFigures,    // conventions, calendar, materials, yearly report (aggregated)
  kMaterialReview,    // approve or reject a material using the commune's charter
  kCssCheck,          // CSS detection (PAR-08)
  kAudit,             // the audit trail
  kUsers,             // create and disable users
  kPersonalData,      // a person's own data: export (access, portability), opposition flags
  kPrivacyRequests,   // personal-data requests and rectification (GDPR-01)
};
inline constexpr int kPermissions = 15;
const char* to_string(Permission p);

struct Principal {
  std::string username;
  UserRole role = UserRole::kMember;
  std::string commune;      // partner_commune
  std::string contract_id;  // member
};

// Whether the role holds the permission at all (the matrix of docs/api.md).
bool role_allows(UserRole role, Permission p);

// The permission and the scope: `contract_id` / `commune` name what the request is about (empty
// when it is about no one contract or commune, e.g. a search or the work list).
bool permits(const Principal& who, Permission p, std::string_view contract_id = {},
             std::string_view commune = {});

}  // namespace mutua

#include "access/access.hpp"

namespace mutua {

namespace {

struct RoleName {
  UserRole role;
  const char* code;
  const char* french;
};
constexpr RoleName kRoles[kUserRoles] = {
    {UserRole::kAdmin, "admin", "Administrateur"},
    {UserRole::kMemberServices, "member_services", "Accueil et gestion des adhérents"},
    {UserRole::kBilling, "billing", "Cotisations"},
    {UserRole::kClaims, "claims", "Prestations"},
    {UserRole::kMedicalAdviser, "medical_adviser", "Médecin-conseil"},
    {UserRole::kPartnerCommune, "partner_commune", "Commune partenaire"},
    {UserRole::kMember, "member", "Adhérent"},
};

constexpr const char* kPermissionNames[kPermissions] = {
    "search_members", "contract_page", "contributions", "reimbursements", "care_lines",
    "documents",      "worklist",      "dunning_queue", "partner_figures", "material_review",
    "css_check",      "audit",         "users",         "personal_data",   "privacy_requests"};

using P = Permission;

// The matrix, one row per role. Care lines stay with claims and the medical adviser (GDPR-02);
// partner communes see figures, never a contract (PAR-06).
bool matrix(UserRole role, Permission p) {
  switch (role) {
    case UserRole::kAdmin:
      return p != P::kCareLines && p != P::kMaterialReview && p != P::kReimbursements;
    case UserRole::kMemberServices:
      return p == P::kSearchMembers || p == P::kContractPage || p == P::kContributions ||
             p == P::kDocuments || p == P::kWorklist || p == P::kPartnerFigures ||
             p == P::kCssCheck || p == P::kPersonalData || p == P::kPrivacyRequests;
    case UserRole::kBilling:
      return p == P::kSearchMembers || p == P::kContractPage || p == P::kContributions ||
             p == P::kDunningQueue;
    case UserRole::kClaims:
      return p == P::kSearchMembers || p == P::kContractPage || p == P::kCareLines ||
             p == P::kReimbursements;
    case UserRole::kMedicalAdviser:
      return p == P::kCareLines;
    case UserRole::kPartnerCommune:
      return p == P::kPartnerFigures || p == P::kMaterialReview;
    case UserRole::kMember:
      return p == P::kContractPage || p == P::kContributions || p == P::kReimbursements ||
             p == P::kDocuments || p == P::kPersonalData;
  }
  return false;
}

}  // namespace

const char* to_string(UserRole role) {
  for (const RoleName& r : kRoles) {
    if (r.role == role) return r.code;
  }
  return "?";
}

std::optional<UserRole> parse_user_role(std::string_view text) {
  for (const RoleName& r : kRoles) {
    if (text == r.code) return r.role;
  }
  return std::nullopt;
}

const char* french_label(UserRole role) {
  for (const RoleName& r : kRoles) {
    if (r.role == role) return r.french;
  }
  return "?";
}

const char* to_string(Permission p) { return kPermissionNames[static_cast<int>(p)]; }

bool role_allows(UserRole role, Permission p) { return matrix(role, p); }

bool permits(const Principal& who, Permission p, std::string_view contract_id,
             std::string_view commune) {
  if (!role_allows(who.role, p)) return false;
  switch (who.role) {
    case UserRole::kMember:  // its own contract, and nothing that is about no contract
      return !contract_id.empty() && contract_id == who.contract_id && commune.empty();
    case UserRole::kPartnerCommune:  // its own commune, never a contract (PAR-06)
      return contract_id.empty() && !commune.empty() && commune == who.commune;
    default:
      return true;
  }
}

}  // namespace mutua

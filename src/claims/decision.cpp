#include "claims/decision.hpp"

#include <algorithm>

#include "claims/records.hpp"

namespace mutua {

std::string_view to_string(ClaimStatus status) {
  switch (status) {
    case ClaimStatus::kPaid:
      return "PAID";
    case ClaimStatus::kRejected:
      return "REJECTED";
    case ClaimStatus::kPending:
      return "PENDING";
    case ClaimStatus::kDuplicate:
      return "DUPLICATE";
  }
  return "";
}

std::optional<ClaimStatus> parse_claim_status(std::string_view text) {
  for (ClaimStatus s : {ClaimStatus::kPaid, ClaimStatus::kRejected, ClaimStatus::kPending,
                        ClaimStatus::kDuplicate}) {
    if (text == to_string(s)) return s;
  }
  return std::nullopt;
}

std::string_view to_string(Reason reason) {
  switch (reason) {
    case Reason::kNoRights:
      return "NO_RIGHTS";
    case Reason::kSuspended:
      return "SUSPENDED";
    case Reason::kArrears:
      return "ARREARS";
    case Reason::kPrescribed:
      return "PRESCRIBED";
    case Reason::kAbroadNoApproval:
      return "ABROAD_NO_APPROVAL";
    case Reason::kNoRo:
      return "NO_RO";
    case Reason::kNotCovered:
      return "NOT_COVERED";
    case Reason::kCapAnnual:
      return "CAP_ANNUAL";
    case Reason::kCapCount:
      return "CAP_COUNT";
    case Reason::kCapLegal:
      return "CAP_LEGAL";
    case Reason::kIndemnity:
      return "INDEMNITY";
    case Reason::kOutOfPathway:
      return "OUT_OF_PATHWAY";
    case Reason::kDuplicate:
      return "DUPLICATE";
    case Reason::kRenewal:
      return "RENEWAL";
  }
  return "";
}

bool Decision::has(Reason reason) const {
  return std::find(reasons.begin(), reasons.end(), reason) != reasons.end();
}

void Decision::add(Reason reason) {
  if (has(reason)) return;
  reasons.insert(std::upper_bound(reasons.begin(), reasons.end(), reason), reason);
}

void Decision::append_reasons(std::string& out) const {
  for (size_t i = 0; i < reasons.size(); ++i) {
    if (i) out += ';';
    out += to_string(reasons[i]);
  }
}

std::string Decision::reasons_text() const {
  std::string out;
  append_reasons(out);
  return out;
}

}  // namespace mutua

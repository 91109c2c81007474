#include "members/contract.hpp"

namespace mutua {

std::string_view to_string(PaymentFrequency f) {
  switch (f) {
    case PaymentFrequency::kMonthly: return "monthly";
    case PaymentFrequency::kQuarterly: return "quarterly";
    case PaymentFrequency::kHalfYearly: return "half_yearly";
    case PaymentFrequency::kYearly: return "yearly";
  }
  return "monthly";
}
std::string_view to_string(MemberStatus s) { return s == MemberStatus::kActive ? "active" : "retired"; }
std::string_view to_string(Link l) { return l == Link::kResidence ? "residence" : "work"; }

std::optional<PaymentFrequency> parse_payment_frequency(std::string_view t) {
  if (t == "monthly") return PaymentFrequency::kMonthly;
  if (t == "quarterly") return PaymentFrequency::kQuarterly;
  if (t == "half_yearly") return PaymentFrequency::kHalfYearly;
  if (t == "yearly") return PaymentFrequency::kYearly;
  return std::nullopt;
}
std::optional<MemberStatus> parse_member_status(std::string_view t) {
  if (t == "active") return MemberStatus::kActive;
  if (t == "retired") return MemberStatus::kRetired;
  return std::nullopt;
}
std::optional<Link> parse_link(std::string_view t) {
  if (t == "residence") return Link::kResidence;
  if (t == "work") return Link::kWork;
  return std::nullopt;
}

std::string_view to_string(SuspensionReason r) {
  return r == SuspensionReason::kDetention ? "detention" : "abroad";
}

std::optional<SuspensionReason> parse_suspension_reason(std::string_view t) {
  if (t == "abroad") return SuspensionReason::kAbroad;
  if (t == "detention") return SuspensionReason::kDetention;
  return std::nullopt;
}

std::string_view to_string(CollectionStatus s) {
  switch (s) {
    case CollectionStatus::kUpToDate:
      return "up_to_date";
    case CollectionStatus::kNotice:
      return "notice";
    case CollectionStatus::kSuspended:
      return "suspended";
    case CollectionStatus::kTerminated:
      return "terminated";
  }
  return "";
}

std::optional<CollectionStatus> parse_collection_status(std::string_view t) {
  for (CollectionStatus s : {CollectionStatus::kUpToDate, CollectionStatus::kNotice,
                             CollectionStatus::kSuspended, CollectionStatus::kTerminated}) {
    if (t == to_string(s)) return s;
  }
  return std::nullopt;
}

const Beneficiary* Contract::member() const {
  for (const auto& b : beneficiaries) {
    if (b.role == Role::kMember) return &b;
  }
  return nullptr;
}

Date Contract::adhesion_date() const {
  const Beneficiary* m = member();
  return m ? m->start_date : Date{};
}

}  // namespace mutua

// Contracts and their insured persons (beneficiaries), as imported (INTERFACES.md "Members
// file") and stored. No health-status, sex or job-risk field exists here (ELIG-09): rating cannot
// read what the model does not hold. The NIR is kept as an identifier only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/role.hpp"
#include "members/dependants.hpp"

namespace mutua {

enum class PaymentFrequency { kMonthly, kQuarterly, kHalfYearly, kYearly };
enum class MemberStatus { kActive, kRetired };
enum class Link { kResidence, kWork };

std::string_view to_string(PaymentFrequency f);
std::string_view to_string(MemberStatus s);
std::string_view to_string(Link l);
std::optional<PaymentFrequency> parse_payment_frequency(std::string_view text);
std::optional<MemberStatus> parse_member_status(std::string_view text);
std::optional<Link> parse_link(std::string_view text);

// A suspension of rights (SUS-01): no benefit for care from `from` to `to` inclusive.
enum class SuspensionReason { kAbroad, kDetention };
std::string_view to_string(SuspensionReason r);  // "abroad", "detention"
std::optional<SuspensionReason> parse_suspension_reason(std::string_view text);

struct Suspension {
  std::string contract_id;
  Date from{};
  Date to{};
  SuspensionReason reason = SuspensionReason::kAbroad;
  Date notified{};
  std::string proofs;  // references of the proofs sent by registered letter (REG art. 10)
  bool covers(Date d) const { return from <= d && d <= to; }
  friend bool operator==(const Suspension&, const Suspension&) = default;
};

// Where a contract stands with its contributions (BEN-09, DUN-01..03). Until billing exists
// (issue 5) it is set by `mutua members collection`; a contract never set is up to date.
enum class CollectionStatus { kUpToDate, kNotice, kSuspended, kTerminated };
std::string_view to_string(CollectionStatus s);  // "up_to_date", "notice", "suspended", "terminated"
std::optional<CollectionStatus> parse_collection_status(std::string_view text);
// Claims are held PENDING (BEN-09) under formal notice or suspension for non-payment.
inline bool in_arrears(CollectionStatus s) {
  return s == CollectionStatus::kNotice || s == CollectionStatus::kSuspended;
}

struct Beneficiary {
  std::string id;
  Role role = Role::kMember;
  std::string last_name;
  std::string first_name;
  Date birth_date{};
  Date start_date{};                 // rights period of this person
  std::optional<Date> end_date;      // inclusive; empty = open
  std::string nir;                   // empty when absent
  std::optional<Relation> relation;         // spouse role: spouse | pacs | ... (ELIG-02)
  std::optional<ChildCondition> condition;  // child role, when known: evaluated by ELIG-07
  std::string end_reason;  // rule ID that set end_date ("ELIG-07", "DEM-02", "CES-02"...), or empty

  bool covered_on(Date d) const { return start_date <= d && (!end_date || d <= *end_date); }
  // Whether the rights period meets [first, last] (e.g. a calendar year).
  bool covered_during(Date first, Date last) const {
    return start_date <= last && (!end_date || *end_date >= first);
  }
  friend bool operator==(const Beneficiary&, const Beneficiary&) = default;
};

struct Contract {
  std::string id;
  std::string product;
  PaymentFrequency payment_frequency = PaymentFrequency::kMonthly;
  MemberStatus status = MemberStatus::kActive;
  std::optional<Date> civil_service_entry;
  int prior_coefficient_bp = 0;          // transmitted majoration coefficient, 0.04 = 400
  std::optional<Date> last_coverage_end; // end of the last reference guarantee (ADH-04 proof)
  bool express_start = false;            // ADH-02: first month billed in full
  std::string iban;
  std::string email;
  std::string employer;                  // territorial authority employing the member (ELIG-01)
  std::string address;                   // postal address, one line (letters)
  std::string commune;                   // INSEE code (regional products)
  std::optional<Link> link;              // residence | work (ELIG-10)
  std::vector<Beneficiary> beneficiaries;  // the member first

  const Beneficiary* member() const;
  // The adhesion date: the member's start date.
  Date adhesion_date() const;
  // Every field and every beneficiary, in order (an identical re-import is a no-op).
  friend bool operator==(const Contract&, const Contract&) = default;
};

}  // namespace mutua

// Reading and writing care lines as CSV (INTERFACES.md "Care lines").
//
// Contract:
// - Columns are matched by name (CsvReader). Required: claim_id, line, contract_id,
//   beneficiary_id, care_date, received_date, category, charged, base, ro_paid. The others are
//   optional and default as INTERFACES.md says (quantity 1, amounts 0, country FR, payee member,
//   booleans 0, optam and basket absent). Extensions: `provider` names the professional paid
//   under tiers payant (BEN-13); `third_party` the liable third party of an accident (BEN-14);
//   `early_renewal` (`vision_change` | `frame_fit` | empty) why an optics equipment is renewed
//   before its normal period (BEN-16).
// - parse() checks one record and fills a reused CareLine; the first problem is an Error naming
//   the file, the record's line and the column. Checked: non-empty ids, `line` and `quantity`
//   positive integers, strict dates, received_date not before care_date, a known category
//   (catalogue vocabulary), non-negative money with at most two decimals, ro_rate 0..100,
//   booleans 0/1, basket and payee vocabulary, a two-letter upper-case country, and
//   ro_paid + other_payers ≤ charged (the RO and other payers cannot have paid more than was
//   spent; such a line is a data error, not a decision).
// - Bounds (issue 14): claim_id, contract_id and beneficiary_id are identifiers (core/text.hpp);
//   act_code, provider and third_party single-line text; every amount at most
//   bounds.care_line.amount_max; care_date and received_date not after the run's business date;
//   with a ro_rate, ro_paid + flat_fee + franchise consistent with base × ro_rate within the
//   tolerance (regulation/bounds.hpp), else the error is on ro_paid.
// - Whether the beneficiary exists is the caller's business (it needs the members store).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "claims/care_line.hpp"
#include "core/csv.hpp"
#include "core/result.hpp"
#include "regulation/bounds.hpp"

namespace mutua {

// What a record is checked against besides its own fields.
struct CareLineChecks {
  InputBounds bounds;
  Date business_date{};  // care and received dates after it are refused
};

class CareLineColumns {
 public:
  // Resolves the header; a missing required column is an Error naming it (line 1).
  static Result<CareLineColumns> resolve(const CsvReader& reader, const CareLineChecks& checks);

  // Parses the reader's current record into `out` (every field is overwritten).
  Status parse(const CsvReader& reader, CareLine& out) const;

  // Header columns this reader does not know (ignored, with a warning from the caller).
  const std::vector<std::string>& unknown() const { return unknown_; }

 private:
  enum Field : int {
    kClaimId, kLine, kContractId, kBeneficiaryId, kCareDate, kReceivedDate, kCategory, kActCode,
    kQuantity, kCharged, kBase, kRoRate, kRoPaid, kFlatFee, kFranchise, kOptam, kOutOfPathway,
    kBasket, kCountry, kEmergency, kPriorApproval, kOtherPayers, kPayee, kProvider, kThirdParty,
    kEarlyRenewal, kFieldCount
  };
  std::optional<size_t> index_[kFieldCount];
  CareLineChecks checks_;
  std::vector<std::string> unknown_;
};

}  // namespace mutua

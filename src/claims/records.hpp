// What a claims run keeps (persisted by the Store, read back by `claims explain` and a resumed
// run): one StoredDecision per decided line, the payments per payee, and the run itself with
// its checkpoint.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "claims/care_line.hpp"
#include "claims/decision.hpp"
#include "claims/renewal.hpp"
#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"

namespace mutua {

std::optional<ClaimStatus> parse_claim_status(std::string_view text);

// A decided line. DUPLICATE lines are not stored (their key already is). `detail` holds, in a
// compact binary form (encode_detail), the line itself, the payee, and the accumulator values
// the line met, so `claims explain` can replay the computation exactly as it ran.
struct StoredDecision {
  std::string claim_id;
  int line = 0;
  int64_t run_id = 0;
  std::string contract_id;
  ClaimStatus status = ClaimStatus::kPaid;
  Money rc;
  Money remaining;
  std::string reasons;  // "CAP_ANNUAL;INDEMNITY"
  std::string detail;
};

struct DecisionDetail {
  CareLine line;
  std::string payee_ref;  // the contract (member) or the professional (tiers payant), BEN-13
  std::optional<Date> window_start;  // the limits window the line met, when it has limits
  Money window_amount_before;
  int window_units_before = 0;
  Money budget_before;  // yearly euro budget already used before the line
  std::vector<PriorEquipment> renewal_prior;  // BEN-16: equipment met in the renewal period
};

// Appends the detail of a decision (version 1 encoding: varints and length-prefixed strings).
// Fields added later (third_party, then the BEN-16 prior equipment) are trailing and optional on
// decode, so details stored before them still read; early_renewal uses flag bits 8-9.
void encode_detail(std::string& out, const CareLine& line, std::string_view payee_ref,
                   const std::optional<Date>& window_start, Money window_amount_before,
                   int window_units_before, Money budget_before,
                   const std::vector<PriorEquipment>& renewal_prior = {});
// The care date of an encoded detail alone (cheap: it is the second field), nullopt when the
// encoding is unknown; BEN-17 reads the care years of every decided line with it.
std::optional<Date> detail_care_date(std::string_view detail);
// Decodes what encode_detail wrote; claim_id, line and contract_id come from the row.
Result<DecisionDetail> decode_detail(const StoredDecision& row);

// What one run pays one payee (BEN-13): a member's contract or a professional.
struct PayeeTotal {
  Payee payee = Payee::kMember;
  std::string ref;
  Money amount;
  int64_t lines = 0;
  friend bool operator==(const PayeeTotal&, const PayeeTotal&) = default;
};

// What one run's payments make recoverable from a liable third party (BEN-14).
struct RecoveryTotal {
  std::string third_party;
  Money amount;
  int64_t lines = 0;
  friend bool operator==(const RecoveryTotal&, const RecoveryTotal&) = default;
};

// A claims run and its checkpoint: what was committed with the last chunk.
struct ClaimRunRecord {
  int64_t id = 0;
  std::string input;          // the input path as given
  std::string input_identity; // size and content hash of the input: a resumed run must match
  std::string business_date;  // --today
  bool skip_invalid = false;
  bool done = false;
  int64_t records_done = 0;   // data records of the input processed and committed
  int64_t out_bytes = 0;      // bytes of the decisions file written for those records
  int64_t rejects_bytes = 0;  // bytes of the rejects file written for those records
  std::string summary_json;   // counters so far (see app/claims_run.hpp)
};

}  // namespace mutua

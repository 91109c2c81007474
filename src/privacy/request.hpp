// A personal-data request of a data subject (GDPR-01, Règlement mutualiste art. 26.4): a tracked
// case with its deadline of one month. Pure: values in, values or refusals out; the business
// date is an argument.
//
// Contract:
// - A request is about one person (a beneficiary id) and the contract (or enrolment) holding
//   them; its kind is access | portability | rectification | erasure | opposition | limitation.
// - Its deadline is received + 1 month (add_months: 31 January → 28/29 February), the date by
//   which the mutuelle must answer. An open request past its deadline is late (is_late); a
//   request answered after it was answered late (answered_late).
// - Status: open → done | refused, once, on the business date (never before its receipt). A
//   refusal carries its reason and the rule it rests on (GDPR-01 by default: identity not
//   proven, a manifestly unfounded request; GDPR-03 when the data must still be kept).
// - The kinds and statuses convert to and from text inline, so storage/ reads and writes these
//   values without linking this module.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/result.hpp"

namespace mutua {

enum class RequestKind {
  kAccess,
  kPortability,
  kRectification,
  kErasure,
  kOpposition,
  kLimitation
};
enum class RequestStatus { kOpen, kDone, kRefused };

inline std::string_view to_string(RequestKind kind) {
  switch (kind) {
    case RequestKind::kAccess:
      return "access";
    case RequestKind::kPortability:
      return "portability";
    case RequestKind::kRectification:
      return "rectification";
    case RequestKind::kErasure:
      return "erasure";
    case RequestKind::kOpposition:
      return "opposition";
    case RequestKind::kLimitation:
      return "limitation";
  }
  return "access";
}

inline std::optional<RequestKind> parse_request_kind(std::string_view text) {
  for (RequestKind k :
       {RequestKind::kAccess, RequestKind::kPortability, RequestKind::kRectification,
        RequestKind::kErasure, RequestKind::kOpposition, RequestKind::kLimitation}) {
    if (to_string(k) == text) return k;
  }
  return std::nullopt;
}

inline std::string_view to_string(RequestStatus status) {
  switch (status) {
    case RequestStatus::kOpen:
      return "open";
    case RequestStatus::kDone:
      return "done";
    case RequestStatus::kRefused:
      return "refused";
  }
  return "open";
}

inline std::optional<RequestStatus> parse_request_status(std::string_view text) {
  for (RequestStatus s : {RequestStatus::kOpen, RequestStatus::kDone, RequestStatus::kRefused}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

struct PrivacyRequest {
  int64_t id = 0;  // assigned by the store
  RequestKind kind = RequestKind::kAccess;
  std::string beneficiary_id;
  std::string contract_id;  // the contract holding the person (or their enrolment file)
  Date received{};
  Date deadline{};  // received + 1 month
  RequestStatus status = RequestStatus::kOpen;
  std::optional<Date> closed;
  std::string reason;   // the answer given (done) or why it was refused; may be empty when done
  std::string rule;     // refusals: the rule they rest on
  std::string details;  // what the person asked, as staff wrote it; may be empty
  friend bool operator==(const PrivacyRequest&, const PrivacyRequest&) = default;
};

// "access, portability, rectification, erasure, opposition, limitation" (for messages).
std::string request_kinds_text();

// The deadline of a request received on `received`: one month later (GDPR-01).
Date request_deadline(Date received);

// A new open request. Data errors: `--received` after `today`.
Result<PrivacyRequest> new_request(RequestKind kind, std::string beneficiary_id,
                                   std::string contract_id, Date received, Date today,
                                   std::string details);

enum class RequestOutcome { kDone, kRefused };

// Closes an open request on `today`. Data errors: already closed (field "ID"), `today` before its
// receipt ("--today"), a refusal without a reason ("--reason"). A refusal's rule defaults to
// GDPR-01.
Result<PrivacyRequest> close_request(PrivacyRequest request, RequestOutcome outcome,
                                     std::string reason, std::string rule, Date today);

// Open and past its deadline on `today`.
bool is_late(const PrivacyRequest& request, Date today);
// Closed after its deadline.
bool answered_late(const PrivacyRequest& request);
// Days from `today` to the deadline (negative when past); 0 for a closed request.
int days_left(const PrivacyRequest& request, Date today);

}  // namespace mutua

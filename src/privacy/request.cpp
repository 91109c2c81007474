#include "privacy/request.hpp"

#include "core/text.hpp"

namespace mutua {

std::string request_kinds_text() {
  return "access, portability, rectification, erasure, opposition, limitation";
}

Date request_deadline(Date received) { return add_months(received, 1); }

Result<PrivacyRequest> new_request(RequestKind kind, std::string beneficiary_id,
                                   std::string contract_id, Date received, Date today,
                                   std::string details) {
  if (received > today) {
    return data_error(
        "", 0, "--received",
        "received on " + format_date(received) + ", after the business date " + format_date(today));
  }
  // Details are a note of the request, possibly several lines (core/text.hpp).
  if (auto why = text_problem(details, kLongTextBytesMax, true)) {
    return data_error("", 0, "--details", *why);
  }
  PrivacyRequest r;
  r.kind = kind;
  r.beneficiary_id = std::move(beneficiary_id);
  r.contract_id = std::move(contract_id);
  r.received = received;
  r.deadline = request_deadline(received);
  r.details = std::move(details);
  return r;
}

Result<PrivacyRequest> close_request(PrivacyRequest r, RequestOutcome outcome, std::string reason,
                                     std::string rule, Date today) {
  if (auto why = text_problem(reason, kLongTextBytesMax, true)) {
    return data_error("", 0, "--reason", *why);
  }
  if (r.status != RequestStatus::kOpen) {
    return data_error("", 0, "ID",
                      "request " + std::to_string(r.id) + " is already " +
                          std::string(to_string(r.status)) + " (on " + format_date(*r.closed) +
                          ")");
  }
  if (today < r.received) {
    return data_error("", 0, "--today",
                      "the request was received on " + format_date(r.received) +
                          ", after the business date " + format_date(today));
  }
  if (outcome == RequestOutcome::kRefused) {
    if (reason.empty()) return data_error("", 0, "--reason", "a refusal needs its reason");
    r.status = RequestStatus::kRefused;
    r.rule = rule.empty() ? "GDPR-01" : std::move(rule);
  } else {
    r.status = RequestStatus::kDone;
    r.rule = std::move(rule);
  }
  r.reason = std::move(reason);
  r.closed = today;
  return r;
}

bool is_late(const PrivacyRequest& r, Date today) {
  return r.status == RequestStatus::kOpen && today > r.deadline;
}

bool answered_late(const PrivacyRequest& r) { return r.closed && *r.closed > r.deadline; }

int days_left(const PrivacyRequest& r, Date today) {
  return r.status == RequestStatus::kOpen ? days_between(today, r.deadline) : 0;
}

}  // namespace mutua

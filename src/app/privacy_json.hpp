// Personal-data requests as JSON (GDPR-01), shared by `mutua privacy` (--json) and the HTTP API.
// {"id", "kind", "beneficiary", "contract", "received", "deadline", "status", "closed", "reason",
//  "rule", "details", "late", "answered_late", "days_left"}: dates "YYYY-MM-DD" (closed: null
//  while open); `late` and `days_left` as of `today`.
#pragma once

#include <nlohmann/json.hpp>

#include "privacy/request.hpp"

namespace mutua {

nlohmann::json request_json(const PrivacyRequest& request, Date today);

}  // namespace mutua

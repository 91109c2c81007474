// The regional scheme's values as JSON documents, shared by the CLI (`--json`) and, later, the
// HTTP API: one spelling of every key. Dates are "YYYY-MM-DD" (null when absent); masked counts
// of the report are the string "< 5", other counts integers (PAR-06, PAR-10).
#pragma once

#include <nlohmann/json.hpp>

#include "app/partners_service.hpp"

namespace mutua {

// {"id", "commune": {...}, "mutuelle": {...}, "status", "current_term_end", "renewals_done",
//  "renewals_left", "notice_deadline", "next_notice_deadline", "final_end", "ends_on", "why",
//  "alerts", "signed", "effect", "contacts", "notices", "breaches", "amendments", ...}
nlohmann::json convention_json(const ConventionView& view);
nlohmann::json amendment_json(const Amendment& amendment);
nlohmann::json event_json(const PartnerEvent& event);
nlohmann::json material_json(const Material& material);
nlohmann::json regional_json(const RegionalSubscription& subscription);
nlohmann::json report_json(const AnnualReport& report);

}  // namespace mutua

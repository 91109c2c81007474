// The explanation of one decided care line as a JSON document, shared by the CLI (`claims explain
// --json`) and the HTTP API (`GET /api/claims/{claim}/{line}`, docs/api.md): one spelling of
// every key. Money is a string "1234.50"; dates are "YYYY-MM-DD". The stored status, rc and
// reasons are authoritative; the steps are the replay's (BEN-15).
#pragma once

#include <nlohmann/json.hpp>

#include "app/claims_explain.hpp"

namespace mutua {

// {"claim_id", "line", "run_id", "contract_id", "beneficiary_id", "category", "care_date",
//  "charged", "base", "ro_paid", "other_payers", "status" (PAID|REJECTED|PENDING|DUPLICATE),
//  "rc", "remaining", "reasons" (as stored: "CAP_ANNUAL;INDEMNITY"), "payee" (member|provider),
//  "payee_ref", "steps": [{"text", "rule", "amount"}], "replay_matches", "text" (the plain-words
//  explanation)}.
nlohmann::json explanation_json(const ClaimExplanation& explanation);

}  // namespace mutua

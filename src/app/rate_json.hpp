// One rated contract as a JSON document, shared by the CLI (`rate --contract C --json`, `quote
// --json`) and the HTTP API (`GET /api/contracts/{id}/contributions?year=Y`, docs/api.md): one
// spelling of every key. Money is a string "1234.50"; coefficients are decimals as strings
// ("0.04"); dates are "YYYY-MM-DD". The keys of the rated contract are rate_to_json's
// (app/rate_service.hpp), which the streamed `rate --year --json` also writes.
#pragma once

#include <nlohmann/json.hpp>

#include "app/rate_service.hpp"

namespace mutua {

// {"contract_id", "product", "year", "tariff_year", "majoration": {"applies", "coefficient", ...},
//  "persons": [{"beneficiary_id", "role", "birth_date", "tariff_age", "band", "band_label",
//  "billed", "child_rank", "monthly_base", "coefficient", "monthly_due", "annual_due",
//  "months": [...], "reasons"}], "monthly_total", "annual_total"} and, with `with_explanation`,
// "explanation": the computation in plain words (`--explain`).
nlohmann::json rated_contract_json(const RatedContract& rated, bool with_explanation);

}  // namespace mutua

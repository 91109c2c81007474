// A contract's contribution account as a JSON document, shared by the CLI (`account --json`) and
// the HTTP API (`GET /api/contracts/{id}/account`, docs/api.md): one spelling of every key. Money
// is a string "1234.50" (never floating point); dates are "YYYY-MM-DD", null when absent. The run
// summaries (billing, payments, SEPA, dunning) are the CLI's own and stay there.
#pragma once

#include <nlohmann/json.hpp>

#include "app/billing.hpp"

namespace mutua {

// {"id", "date", "kind", "debit", "credit", "amount", "effect" (on the member's receivable, > 0:
//  owed), "year", "period", "rule", "reference", "key"}.
nlohmann::json entry_json(const Entry& entry);

// {"contract_id", "as_of", "balance" (> 0: the member owes), "overdue", "status", "since",
//  "payment_method", "mandate": {"rum", "iban", "signed_on", "used"} or null,
//  "schedule": [{"year", "period", "due", "from", "to", "amount", "billed", "paid", "status"}],
//  "entries": [entry_json],
//  "procedures": [{"notice", "oldest_due", "arrears", "suspended", "terminated", "reinstated"}],
//  "waivers": [{"from", "until", "reason"}]}.
nlohmann::json account_json(const AccountReport& report);

}  // namespace mutua

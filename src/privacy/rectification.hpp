// Rectification of a person's identity (GDPR-01, Règlement mutualiste art. 26.4: "la
// rectification des informations inexactes le concernant"). Pure: the person and the new value in,
// the rectified person and the old value out.
//
// Contract:
// - Person fields: last_name, first_name (not empty), birth_date (YYYY-MM-DD, not after the
//   business date), nir (15 characters with a valid key, or empty to remove it). The old value is
//   returned so the change is kept as history (app/ stores it; nothing is overwritten without a
//   trace).
// - The contract's own fields (email, iban, address, employer, status, payment_frequency) are
//   the member's and are changed through the member-reported change (app/lifecycle
//   update_contract_field, REG art. 22), which keeps its own history.
// - A value equal to the current one is refused (nothing to rectify).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/result.hpp"
#include "members/contract.hpp"

namespace mutua {

enum class PersonField { kLastName, kFirstName, kBirthDate, kNir };
std::string_view to_string(PersonField field);  // "last_name" | "first_name" | "birth_date" | "nir"
std::optional<PersonField> parse_person_field(std::string_view text);

// The fields of update_contract_field (app/lifecycle.hpp).
bool is_contract_field(std::string_view field);

// The current value of a field, as text.
std::string person_field_value(const Beneficiary& person, PersonField field);

// Sets `field` of `person` to `value`; returns the old value. Data errors name "--value".
Result<std::string> rectify_person(Beneficiary& person, PersonField field, const std::string& value,
                                   Date today);

}  // namespace mutua

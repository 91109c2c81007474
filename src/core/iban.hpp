// IBAN (ISO 13616) checks for direct-debit mandates (BIL-03).
//
// Contract:
// - validate_iban is strict: uppercase letters and digits only, no spaces; 2-letter country,
//   2 check digits, length 15..34 and the exact national length for the countries we know
//   (FR and MC 27, DE 22, BE 16, ...); the mod-97 check of the rearranged number must give 1.
// - normalize_iban turns typed input ("fr76 3000 ...") into the strict form: spaces removed,
//   letters uppercased. It does not validate.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace mutua {

Status validate_iban(std::string_view iban);
std::string normalize_iban(std::string_view input);

}  // namespace mutua

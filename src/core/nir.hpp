// NIR: the French social-security number (numéro d'inscription au répertoire), kept on a
// beneficiary as an identifier only (ELIG-09: nothing is derived from it, not even the sex).
//
// Contract of validate_nir (strict, for imported data; callers strip spaces themselves if they
// accept typed input):
// - exactly 15 characters: 13 for the number, 2 for the control key;
// - position 1 is 1 or 2 (3, 4, 7, 8 for provisional/foreign-born registrations);
// - positions 6-7 are digits or "2A"/"2B" (Corsica); every other position is a digit;
// - key = 97 − (number mod 97), where for Corsica "2A" counts as 19 and "2B" as 18 (the usual
//   rule: the number with "20" minus 1,000,000 or 2,000,000).
#pragma once

#include <string_view>

#include "core/result.hpp"

namespace mutua {

Status validate_nir(std::string_view nir);
// The key the 13-character number should carry (1..97); -1 when the number is malformed.
int nir_key(std::string_view number13);

}  // namespace mutua

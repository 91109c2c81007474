// French formatting of what members read in generated documents (DOC-02). Pure functions.
//
// - french_date: "22 novembre 2026", "1er janvier 2027" (ordinal "1er" for the first day),
//   month names in lower case with their accents (février, août, décembre). The date must be
//   valid (an invalid date is a bug: assertion).
// - french_money: "1 234,50 €": U+202F narrow no-break space between groups of three digits,
//   a decimal comma, always two decimals, U+00A0 no-break space before "€"; negative amounts
//   start with '-' ("-12,00 €"). These spaces keep an amount on one line in a wrapped text.
#pragma once

#include <string>

#include "core/date.hpp"
#include "core/money.hpp"

namespace mutua {

std::string french_date(Date d);
std::string french_money(Money m);

}  // namespace mutua

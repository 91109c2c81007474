// explain(): the plain-English account of one decision (BEN-15, `mutua claims explain`): the
// line's amounts, then each step of the computation with its rule, then the result and its
// reason codes. Works from the line and the stored Decision only (no recomputation).
#pragma once

#include <string>

#include "claims/care_line.hpp"
#include "claims/decision.hpp"

namespace mutua {

std::string explain(const CareLine& line, const Decision& decision);

}  // namespace mutua

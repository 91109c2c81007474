// JSON forms of the structured parts of a product (benefit table, promotions), stored as TEXT
// in products.benefits_json / promotions_json.
//
// Contract: money as integer cents, dates as "YYYY-MM-DD", never floating point; absent optional
// values are absent keys. from_json(to_json(x)) == x. Malformed stored JSON is a corrupted
// database and throws StoreError.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalogue/catalogue.hpp"

namespace mutua {

std::string benefits_to_json(const std::vector<Benefit>& benefits);
std::vector<Benefit> benefits_from_json(std::string_view json);
std::string promotions_to_json(const std::vector<Promotion>& promotions);
std::vector<Promotion> promotions_from_json(std::string_view json);

}  // namespace mutua

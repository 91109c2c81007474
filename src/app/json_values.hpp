// Small JSON spellings shared by the app layer's documents (app/*_json) and the CLI.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "core/date.hpp"

namespace mutua {

// "YYYY-MM-DD", or null when absent.
inline nlohmann::json date_or_null(const std::optional<Date>& d) {
  return d ? nlohmann::json(format_date(*d)) : nlohmann::json();
}

}  // namespace mutua

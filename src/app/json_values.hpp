// Small JSON spellings shared by the app layer's documents (app/*_json) and the CLI.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/date.hpp"

namespace mutua {

// The document as text, never throwing on a string that is not valid UTF-8 (a value stored
// before the input checks of core/text.hpp): such bytes come out as U+FFFD.
inline std::string json_text(const nlohmann::json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

// "YYYY-MM-DD", or null when absent.
inline nlohmann::json date_or_null(const std::optional<Date>& d) {
  return d ? nlohmann::json(format_date(*d)) : nlohmann::json();
}

}  // namespace mutua

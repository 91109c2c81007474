#include "core/result.hpp"

#include <cstdio>

namespace mutua {

std::string Error::to_string() const {
  std::string out;
  if (!rule_id.empty()) {
    out = rule_id + ": ";
  } else if (!file.empty()) {
    out = file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
  }
  if (!field.empty()) out += field + ": ";
  return out + message;
}

Error data_error(std::string file, int line, std::string field, std::string message) {
  Error e;
  e.file = std::move(file);
  e.line = line;
  e.field = std::move(field);
  e.message = std::move(message);
  return e;
}

Error rule_error(std::string rule_id, std::string message) {
  Error e;
  e.rule_id = std::move(rule_id);
  e.message = std::move(message);
  return e;
}

void assertion_failed(const char* expr, const char* file, int line) {
  std::fprintf(stderr, "internal error: assertion failed: %s (%s:%d)\n", expr, file, line);
  std::abort();
}

}  // namespace mutua

#include "core/text.hpp"

#include <cstdint>

namespace mutua {

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is not one
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
size_t utf8_sequence(std::string_view text, size_t i) {
  const auto b = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  const uint8_t c = b(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  uint8_t lo = 0x80, hi = 0xBF;  // bounds of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  }
  return n;
}

bool id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '.' || c == '_' || c == '-';
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    size_t n = utf8_sequence(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::optional<std::string> id_problem(std::string_view id) {
  if (id.empty()) return std::string("empty identifier");
  if (id.size() > kIdBytesMax) {
    return "identifier longer than " + std::to_string(kIdBytesMax) + " characters";
  }
  for (char c : id) {
    if (!id_char(c)) {
      return std::string("identifier may hold only letters, digits, '.', '_' and '-'");
    }
  }
  if (id[0] == '.' || id[0] == '-') {
    return std::string("identifier must not start with '.' or '-'");
  }
  return std::nullopt;
}

std::optional<std::string> text_problem(std::string_view text, size_t max_bytes, bool multiline) {
  if (text.size() > max_bytes) {
    return "text longer than " + std::to_string(max_bytes) + " bytes (" +
           std::to_string(text.size()) + ")";
  }
  for (size_t i = 0; i < text.size();) {
    size_t n = utf8_sequence(text, i);
    if (n == 0) return "invalid UTF-8 at byte " + std::to_string(i + 1);
    const auto c = static_cast<uint8_t>(text[i]);
    const bool c0 = n == 1 && (c < 0x20 || c == 0x7F);
    const bool c1 = n == 2 && c == 0xC2 && static_cast<uint8_t>(text[i + 1]) < 0xA0;
    if ((c0 && !(multiline && c == '\n')) || c1) {
      return "control character at byte " + std::to_string(i + 1) +
             (c == '\n' ? " (line feed)" : c == 0 ? " (NUL)" : "");
    }
    i += n;
  }
  return std::nullopt;
}

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t n = utf8_sequence(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

}  // namespace mutua

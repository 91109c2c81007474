#include "documents/french.hpp"

#include <array>
#include <cstdint>

namespace mutua {

namespace {

constexpr std::array<const char*, 12> kMonthNames = {
    "janvier", "février", "mars",      "avril",   "mai",      "juin",
    "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};

constexpr const char* kNarrowNoBreakSpace = "\u202F";  // thousands separator
constexpr const char* kNoBreakSpace = "\u00A0";        // before the currency sign

}  // namespace

std::string french_date(Date d) {
  MUTUA_ASSERT(d.ok());
  unsigned day = day_of(d);
  std::string out = day == 1 ? "1er" : std::to_string(day);
  out += ' ';
  out += kMonthNames[month_of(d) - 1];
  out += ' ';
  out += std::to_string(year_of(d));
  return out;
}

std::string french_money(Money m) {
  // Magnitude as unsigned so that the most negative amount has an absolute value too.
  int64_t cents = m.cents();
  uint64_t magnitude = cents < 0 ? 0 - static_cast<uint64_t>(cents) : static_cast<uint64_t>(cents);
  std::string digits = std::to_string(magnitude / 100);
  std::string out = cents < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += kNarrowNoBreakSpace;
    out += digits[i];
  }
  unsigned rest = static_cast<unsigned>(magnitude % 100);
  out += ',';
  out += static_cast<char>('0' + rest / 10);
  out += static_cast<char>('0' + rest % 10);
  out += kNoBreakSpace;
  out += "€";
  return out;
}

}  // namespace mutua

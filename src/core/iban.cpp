#include "core/iban.hpp"

#include <array>
#include <utility>

namespace mutua {

namespace {

// National lengths of the SEPA countries our members' banks are most likely in.
constexpr std::array<std::pair<std::string_view, size_t>, 24> kLengths{{
    {"AT", 20}, {"BE", 16}, {"CH", 21}, {"DE", 22}, {"DK", 18}, {"ES", 24},
    {"FI", 18}, {"FR", 27}, {"GB", 22}, {"GR", 27}, {"IE", 22}, {"IT", 27},
    {"LU", 20}, {"MC", 27}, {"NL", 18}, {"NO", 15}, {"PL", 28}, {"PT", 25},
    {"SE", 24}, {"AD", 24}, {"SM", 27}, {"CZ", 24}, {"HU", 28}, {"RO", 24},
}};

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Status validate_iban(std::string_view iban) {
  auto fail = [&](const std::string& why) {
    return Status(Error{"invalid IBAN (" + why + "): '" + std::string(iban) + "'"});
  };
  if (iban.size() < 15 || iban.size() > 34) return fail("length must be 15 to 34");
  if (!is_upper(iban[0]) || !is_upper(iban[1])) return fail("country code expected");
  if (!is_digit(iban[2]) || !is_digit(iban[3])) return fail("check digits expected");
  for (char c : iban) {
    if (!is_upper(c) && !is_digit(c)) return fail("only uppercase letters and digits");
  }
  for (const auto& [country, length] : kLengths) {
    if (iban.substr(0, 2) == country && iban.size() != length) {
      return fail(std::string(country) + " IBANs have " + std::to_string(length) + " characters");
    }
  }
  // Rearranged: BBAN then country and check digits; letters count as 10..35.
  unsigned remainder = 0;
  auto feed = [&](char c) {
    if (is_digit(c)) {
      remainder = (remainder * 10 + static_cast<unsigned>(c - '0')) % 97;
    } else {
      remainder = (remainder * 100 + static_cast<unsigned>(c - 'A' + 10)) % 97;
    }
  };
  for (size_t i = 4; i < iban.size(); ++i) feed(iban[i]);
  for (size_t i = 0; i < 4; ++i) feed(iban[i]);
  if (remainder != 1) return fail("wrong check digits");
  return Status::success();
}

std::string normalize_iban(std::string_view input) {
  std::string out;
  out.reserve(input.size());
  for (char c : input) {
    if (c == ' ' || c == '\t') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

}  // namespace mutua

#include "core/nir.hpp"

#include <string>

namespace mutua {

namespace {
bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

int nir_key(std::string_view n) {
  if (n.size() != 13) return -1;
  unsigned long long number = 0;
  for (size_t i = 0; i < 13; ++i) {
    char c = n[i];
    if ((i == 5 || i == 6) && n[5] == '2' && (n[6] == 'A' || n[6] == 'B')) {
      // Corsica: 2A → 19, 2B → 18 (positions 6-7).
      c = i == 5 ? '1' : (n[6] == 'A' ? '9' : '8');
    } else if (!is_digit(c)) {
      return -1;
    }
    number = number * 10 + static_cast<unsigned>(c - '0');
  }
  return static_cast<int>(97 - number % 97);
}

Status validate_nir(std::string_view nir) {
  auto fail = [&](const std::string& why) {
    return Status(Error{"invalid NIR (" + why + "): '" + std::string(nir) + "'"});
  };
  if (nir.size() != 15) return fail("expected 15 characters");
  char sex = nir[0];
  if (sex != '1' && sex != '2' && sex != '3' && sex != '4' && sex != '7' && sex != '8') {
    return fail("first digit must be 1, 2, 3, 4, 7 or 8");
  }
  int key = nir_key(nir.substr(0, 13));
  if (key < 0) return fail("only digits, and 2A/2B as department");
  if (!is_digit(nir[13]) || !is_digit(nir[14])) return fail("key must be two digits");
  int given = (nir[13] - '0') * 10 + (nir[14] - '0');
  if (given != key) return fail("wrong control key");
  return Status::success();
}

}  // namespace mutua

#include "rating/tariff_lookup.hpp"

#include <charconv>

namespace mutua {

const Tariff* find_tariff(const Product& product, int year) {
  for (const Tariff& t : product.tariffs) {
    if (t.year == year) return &t;
  }
  return nullptr;
}

size_t tariff_band_index(const Tariff& tariff, int tariff_age) {
  size_t band = 0;
  for (size_t i = 1; i < tariff.bands.size(); ++i) {
    if (tariff.bands[i] <= tariff_age) band = i;
  }
  return band;
}

std::string tariff_band_label(const Tariff& tariff, size_t band) {
  // Built in a stack buffer: this runs once per rated person.
  char buf[32];
  char* end = std::to_chars(buf, buf + 12, tariff.bands[band]).ptr;
  if (band + 1 >= tariff.bands.size()) {
    *end++ = '+';
  } else {
    *end++ = '-';
    end = std::to_chars(end, buf + sizeof buf, tariff.bands[band + 1] - 1).ptr;
  }
  return std::string(buf, end);
}

const std::vector<Money>& tariff_row(const Tariff& tariff, Role role) {
  switch (role) {
    case Role::kMember:
      return tariff.member;
    case Role::kSpouse:
      return tariff.spouse;
    case Role::kChild:
      return tariff.child;
  }
  return tariff.member;
}

Status check_tariff_shape(const Tariff& tariff, const Product& product) {
  auto fail = [&](const std::string& why) {
    return rule_error("TAR-01", "product " + product.code + ", tariff " +
                                    std::to_string(tariff.year) + ": " + why);
  };
  if (tariff.bands.empty()) return fail("no age band");
  for (size_t i = 1; i < tariff.bands.size(); ++i) {
    if (tariff.bands[i] <= tariff.bands[i - 1]) return fail("age bands not ascending");
  }
  for (Role role : {Role::kMember, Role::kSpouse, Role::kChild}) {
    if (tariff_row(tariff, role).size() != tariff.bands.size()) {
      return fail(std::string(to_string(role)) + " row does not have one amount per band");
    }
  }
  return Status::success();
}

}  // namespace mutua

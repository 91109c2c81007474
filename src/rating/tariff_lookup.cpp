#include "rating/tariff_lookup.hpp"

namespace mutua {

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
    if (tariff.row(role).size() != tariff.bands.size()) {
      return fail(std::string(to_string(role)) + " row does not have one amount per band");
    }
  }
  return Status::success();
}

}  // namespace mutua

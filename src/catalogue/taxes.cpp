#include "catalogue/taxes.hpp"

namespace mutua {

Result<int> tsa_basis_points(const Regulation& regulation, const Product& product, Date date) {
  return regulation.basis_points_at(
      product.responsible ? "tax.tsa.responsible_pct" : "tax.tsa.other_pct", date);
}

}  // namespace mutua

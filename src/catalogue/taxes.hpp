// TAX-01: the taxe de solidarité additionnelle (TSA, CSS L862-4) on a product's contributions:
// 13.27 % for a contrat responsable, 20.27 % otherwise (tax.tsa.* in config/regulation.yaml).
// Informative: the TSA is included in the contributions of the tariff, never added to them;
// `mutua catalogue check` shows the rate of each product. Pure.
#pragma once

#include "catalogue/catalogue.hpp"
#include "core/result.hpp"
#include "regulation/regulation.hpp"

namespace mutua {

// The TSA rate of the product's contributions on `date`, in basis points (13.27 % → 1327);
// the regulation's error (naming key and date) when the figure is missing.
Result<int> tsa_basis_points(const Regulation& regulation, const Product& product, Date date);

}  // namespace mutua

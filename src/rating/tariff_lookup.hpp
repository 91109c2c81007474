// The shape check the rating engine applies to a tariff before using it (TAR-01). Lookups
// themselves are the catalogue's (Product::tariff_for, Tariff::band_index, band_label, row).
#pragma once

#include "catalogue/catalogue.hpp"
#include "core/result.hpp"

namespace mutua {

// A tariff rating can use: at least one band, ascending bounds, one amount per band in each row.
// The catalogue checks this at load time; rating re-checks it so a bad value never crashes it.
Status check_tariff_shape(const Tariff& tariff, const Product& product);

}  // namespace mutua

// Tariff lookups used by the rating engine (TAR-01, TAR-02, TAR-05).
//
// The catalogue module declares the same services as Tariff/Product members; rating keeps its
// own small copies so it neither waits on nor depends on how the catalogue implements them, and
// so the hot path is plain loops over a handful of bands.
#pragma once

#include <string>
#include <vector>

#include "catalogue/catalogue.hpp"
#include "core/result.hpp"

namespace mutua {

// The tariff version of exactly that calendar year, or nullptr (TAR-05: no fallback to an older
// year: a year without a board decision has no tariff).
const Tariff* find_tariff(const Product& product, int year);

// Index of the band holding this tariff age: the last band whose lower bound is ≤ age (the last
// band is open-ended; an age below the first bound uses the first band).
size_t tariff_band_index(const Tariff& tariff, int tariff_age);

// "30-39", or "70+" for the last band.
std::string tariff_band_label(const Tariff& tariff, size_t band);

const std::vector<Money>& tariff_row(const Tariff& tariff, Role role);

// A tariff rating can use: at least one band, ascending bounds, one amount per band in each row.
// The catalogue checks this at load time; rating re-checks it so a bad value never crashes it.
Status check_tariff_shape(const Tariff& tariff, const Product& product);

}  // namespace mutua

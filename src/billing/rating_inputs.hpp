// A fingerprint of everything the rating engine reads for one contract-year (the contract's
// rated fields and persons, the product's tariff of the year and promotions, the regulatory
// figures). A billing run stores it with the schedule: when it has not changed, the schedule
// cannot have changed, and the run posts from it without rating the contract again. Pure.
#pragma once

#include <cstdint>

#include "catalogue/catalogue.hpp"
#include "members/contract.hpp"
#include "rating/rating.hpp"

namespace mutua {

uint64_t product_fingerprint(const Product& product, int year);
uint64_t params_fingerprint(const RatingParams& params);
// `product_fp` and `params_fp` from the functions above, for the product in force that year;
// `suspensions`: the contract's suspensions of rights (SUS-01: their days are not due).
uint64_t contract_fingerprint(const Contract& contract, uint64_t product_fp, uint64_t params_fp,
                              const std::vector<Suspension>& suspensions = {});

}  // namespace mutua

// The shape check rating applies before using a tariff (TAR-01); the lookups themselves are
// the catalogue's and tested there (catalogue_test.cpp).
#include <gtest/gtest.h>

#include "rating/rating_test_support.hpp"
#include "rating/tariff_lookup.hpp"

namespace mutua {
namespace {

TEST(TariffShape, TAR_01_MalformedTariffIsAnErrorNotACrash) {
  Product p = testing::product();
  Tariff t = testing::tariff_2026();
  EXPECT_TRUE(check_tariff_shape(t, p).ok());
  Tariff short_row = t;
  short_row.child.pop_back();
  EXPECT_EQ(check_tariff_shape(short_row, p).error().rule_id, "TAR-01");
  Tariff unordered = t;
  std::swap(unordered.bands[1], unordered.bands[2]);
  EXPECT_FALSE(check_tariff_shape(unordered, p).ok());
  Tariff empty = t;
  empty.bands.clear();
  EXPECT_FALSE(check_tariff_shape(empty, p).ok());
}

}  // namespace
}  // namespace mutua

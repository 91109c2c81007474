// Tariff lookups used by rating (the catalogue's) and the shape check rating applies before
// using a tariff (TAR-01, TAR-02, TAR-05).
#include <gtest/gtest.h>

#include "rating/rating_test_support.hpp"
#include "rating/tariff_lookup.hpp"

namespace mutua {
namespace {

TEST(TariffLookup, TAR_02_BandsAndLabels) {
  Tariff t = testing::tariff_2026();
  EXPECT_EQ(t.band_index(0), 0u);
  EXPECT_EQ(t.band_index(19), 0u);
  EXPECT_EQ(t.band_index(20), 1u);
  EXPECT_EQ(t.band_index(30), 3u);
  EXPECT_EQ(t.band_index(120), 7u);
  EXPECT_EQ(t.band_index(-1), 0u);
  EXPECT_EQ(t.band_label(0), "0-19");
  EXPECT_EQ(t.band_label(2), "26-29");
  EXPECT_EQ(t.band_label(7), "70+");
}

TEST(TariffLookup, TAR_05_ExactYearOnly) {
  Product p = testing::product();
  EXPECT_NE(p.tariff_for(2026), nullptr);
  EXPECT_EQ(p.tariff_for(2027), nullptr);
  EXPECT_EQ(p.tariff_for(2025), nullptr);  // no fallback to another year
}

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

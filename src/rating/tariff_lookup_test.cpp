// Rating's own tariff lookups must agree with the catalogue's (TAR-01, TAR-02, TAR-05): `mutua
// quote` and `mutua rate` would otherwise show different bands for the same person.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "rating/rating_test_support.hpp"
#include "rating/tariff_lookup.hpp"

namespace mutua {
namespace {

TEST(TariffLookup, TAR_02_BandsAndLabels) {
  Tariff t = testing::tariff_2026();
  EXPECT_EQ(tariff_band_index(t, 0), 0u);
  EXPECT_EQ(tariff_band_index(t, 19), 0u);
  EXPECT_EQ(tariff_band_index(t, 20), 1u);
  EXPECT_EQ(tariff_band_index(t, 30), 3u);
  EXPECT_EQ(tariff_band_index(t, 120), 7u);
  EXPECT_EQ(tariff_band_index(t, -1), 0u);
  EXPECT_EQ(tariff_band_label(t, 0), "0-19");
  EXPECT_EQ(tariff_band_label(t, 2), "26-29");
  EXPECT_EQ(tariff_band_label(t, 7), "70+");
}

TEST(TariffLookup, TAR_05_ExactYearOnly) {
  Product p = testing::product();
  EXPECT_NE(find_tariff(p, 2026), nullptr);
  EXPECT_EQ(find_tariff(p, 2027), nullptr);
  EXPECT_EQ(find_tariff(p, 2025), nullptr);  // no fallback to another year
}

RC_GTEST_PROP(TariffLookup, TAR_01_AgreesWithCatalogue, ()) {
  Tariff t = testing::tariff_2026();
  int lower = 0;
  t.bands.clear();
  int n = *rc::gen::inRange(1, 12);
  for (int i = 0; i < n; ++i) {
    t.bands.push_back(lower);
    lower += *rc::gen::inRange(1, 25);
  }
  int age = *rc::gen::inRange(-5, 130);
  size_t band = tariff_band_index(t, age);
  RC_ASSERT(band == t.band_index(age));
  RC_ASSERT(tariff_band_label(t, band) == t.band_label(band));
  Product p = testing::product();
  RC_ASSERT(find_tariff(p, 2026) == p.tariff_for(2026));
}

}  // namespace
}  // namespace mutua

// The regional scheme's tables of migration 6 round-trip exactly.
// Rules: PAR-08
#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"
#include "storage/storage_test_support.hpp"

namespace mutua {
namespace {

class PartnersStorageTest : public testing_support::SqliteStoreTest {
 protected:
  PartnersStorageTest() : SqliteStoreTest("mutua_partners_") {}
};

// PAR-08: a CSS check is recorded with its figures under its reference, every check kept.
TEST_F(PartnersStorageTest, CssChecksRoundTripPAR08) {
  CssCheckRecord c;
  c.reference = "SC-2025-017";
  c.check_date = parse_date("2025-06-01").value();
  c.recorded = parse_date("2025-06-02").value();
  c.persons = 3;
  c.resources = Money::from_cents(2000050);
  c.result = "participatory";
  c.ceiling = Money::from_cents(2512300);
  c.monthly_participation = Money::from_cents(3600);
  c.table = "2025-04-01..2026-03-31";
  c.regime = "general";
  const int64_t first = store_->insert_css_check(c);
  c.resources = Money::from_cents(100);
  c.result = "free";
  const int64_t second = store_->insert_css_check(c);
  EXPECT_LT(first, second);
  auto checks = store_->css_checks("SC-2025-017");
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].id, first);
  EXPECT_EQ(checks[0].check_date, parse_date("2025-06-01").value());
  EXPECT_EQ(checks[0].recorded, parse_date("2025-06-02").value());
  EXPECT_EQ(checks[0].persons, 3);
  EXPECT_EQ(checks[0].alternating_custody, 0);
  EXPECT_EQ(checks[0].resources, Money::from_cents(2000050));
  EXPECT_EQ(checks[0].result, "participatory");
  EXPECT_EQ(checks[0].ceiling, Money::from_cents(2512300));
  EXPECT_EQ(checks[0].monthly_participation, Money::from_cents(3600));
  EXPECT_EQ(checks[0].table, "2025-04-01..2026-03-31");
  EXPECT_EQ(checks[0].regime, "general");
  EXPECT_EQ(checks[1].result, "free");
  EXPECT_TRUE(store_->css_checks("OTHER").empty());
}

}  // namespace
}  // namespace mutua

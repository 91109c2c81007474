// SEPA mandates: the RUM, the sequence type, and what a mandate's debits have presented (BIL-03).
#include <gtest/gtest.h>

#include "billing/mandate.hpp"

namespace mutua {
namespace {

Date d(const char* text) { return *parse_date(text); }

// BIL-03: a RUM is generated from the contract id, stable, at most 35 SEPA characters.
TEST(Mandate, GeneratedRumBIL03) {
  EXPECT_EQ(generate_rum("C00000007"), "RUM-C00000007");
  EXPECT_EQ(generate_rum("C 7/é"), "RUM-C-7/--");  // outside the SEPA set: '-' (é is 2 bytes)
  const std::string long_id(60, 'A');
  EXPECT_EQ(generate_rum(long_id).size(), 35u);
  EXPECT_EQ(generate_rum(long_id), generate_rum(long_id));
  EXPECT_NE(generate_rum(long_id), generate_rum(long_id + "B"));
}

// BIL-03: FRST first, RCUR after, FNAL for the last one, OOFF for a one-off mandate.
TEST(Mandate, SequenceTypesBIL03) {
  Mandate m;
  EXPECT_TRUE(sequence_for(m, false).first);
  EXPECT_TRUE(sequence_for(m, true).first);  // a first debit is FRST even if it is the last
  m.used = true;
  auto rcur = sequence_for(m, false);
  EXPECT_FALSE(rcur.first || rcur.last || rcur.one_off);
  EXPECT_TRUE(sequence_for(m, true).last);
  m.kind = MandateKind::kOneOff;
  EXPECT_TRUE(sequence_for(m, false).one_off);
}

// BIL-03: a mandate's instalments are presented through the latest collection date of the
// batches exported after it was registered; none before its first batch.
TEST(Mandate, PresentedThroughBIL03) {
  PresentedThrough p({{1, d("2026-01-01")}, {2, d("2026-02-01")}, {3, d("2026-01-15")}});
  Mandate m;
  m.registered_batch = 0;
  EXPECT_EQ(p.of(m), d("2026-02-01"));  // the latest date, even if batch 3 came later for an earlier date
  m.registered_batch = 2;
  EXPECT_EQ(p.of(m), d("2026-01-15"));
  m.registered_batch = 3;
  EXPECT_EQ(p.of(m), std::nullopt);
  EXPECT_EQ(PresentedThrough({}).of(m), std::nullopt);
}

// BIL-03: debits go under the latest signed mandate not revoked; the same signature date gives
// the smallest RUM; none when every mandate is revoked.
TEST(Mandate, ActiveMandateBIL03) {
  Mandate old{"RUM-A", "C1", "FR76...1", "", d("2020-03-17")};
  Mandate renewed{"RUM-B", "C1", "FR76...2", "", d("2024-01-10")};
  Mandate twin{"RUM-0", "C1", "FR76...3", "", d("2024-01-10")};
  EXPECT_EQ(active_mandate({}), nullptr);
  EXPECT_EQ(active_mandate({renewed, old})->rum, "RUM-B");  // any order in
  EXPECT_EQ(active_mandate({old, renewed, twin})->rum, "RUM-0");
  renewed.revoked = true;
  EXPECT_EQ(active_mandate({old, renewed})->rum, "RUM-A");  // the bank refused the new one
  old.revoked = true;
  EXPECT_EQ(active_mandate({old, renewed}), nullptr);      // the member pays by transfer
}

}  // namespace
}  // namespace mutua

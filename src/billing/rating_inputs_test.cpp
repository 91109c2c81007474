// The fingerprint of the rating inputs (BIL-04: a run re-rates a contract-year whenever anything
// the rating reads has changed, and only then skips it).
#include <gtest/gtest.h>

#include "billing/rating_inputs.hpp"
#include "rating/rating_test_support.hpp"

namespace mutua {
namespace {

using testing::contract;
using testing::d;
using testing::params;
using testing::person;
using testing::product;

uint64_t fp(const Contract& c, const Product& p, const RatingParams& r = params()) {
  return contract_fingerprint(c, product_fingerprint(p, 2026), params_fingerprint(r));
}

// BIL-04, TAR-01, TAR-05: every input of the rating changes the fingerprint.
TEST(RatingInputs, EveryRatedInputCountsBIL04) {
  const Contract c = contract();
  const Product p = product();
  const uint64_t base = fp(c, p);
  EXPECT_EQ(base, fp(contract(), product()));  // the same inputs, the same fingerprint

  Contract ended = c;
  ended.beneficiaries[0].end_date = d("2026-05-10");
  EXPECT_NE(fp(ended, p), base);
  Contract child = c;
  child.beneficiaries.push_back(person("E1", Role::kChild, "2015-01-01", "2026-03-01"));
  EXPECT_NE(fp(child, p), base);
  Contract coefficient = c;
  coefficient.prior_coefficient_bp = 400;
  EXPECT_NE(fp(coefficient, p), base);
  Contract frequency = c;
  frequency.payment_frequency = PaymentFrequency::kQuarterly;
  EXPECT_NE(fp(frequency, p), base);

  Product dearer = p;
  dearer.tariffs[0].member[3] = testing::eur("43.00");
  EXPECT_NE(fp(c, dearer), base);
  Product promoted = p;
  promoted.promotions.push_back(Promotion{"P1", "", d("2026-01-01"), d("2026-03-31"), 1000, {}, {}, {}, 0});
  EXPECT_NE(fp(c, promoted), base);
  RatingParams rate = params();
  rate.majoration_rate_bp = 300;
  EXPECT_NE(fp(c, p, rate), base);

  // What rating never reads does not count (ELIG-09): names, e-mail, IBAN.
  Contract renamed = c;
  renamed.beneficiaries[0].last_name = "Dupont";
  renamed.email = "x@example.org";
  renamed.iban = "FR7630006000011234567890189";
  EXPECT_EQ(fp(renamed, p), base);
}

// SUS-01, SUS-02, BIL-04: a suspension of rights changes what is due, so it changes the
// fingerprint (a run re-rates the year and credits the suspended days already billed); no
// suspension leaves the fingerprints stored before suspensions were rated valid; so does the
// default reading of suspension.contributions (not_due).
TEST(RatingInputs, SUS_01_SuspensionsCount) {
  const Contract c = contract();
  const Product p = product();
  const uint64_t base = fp(c, p);
  const uint64_t pfp = product_fingerprint(p, 2026), rfp = params_fingerprint(params());
  EXPECT_EQ(contract_fingerprint(c, pfp, rfp, {}), base);
  Suspension s;
  s.contract_id = c.id;
  s.from = d("2026-03-31");
  s.to = d("2026-06-30");
  const uint64_t suspended = contract_fingerprint(c, pfp, rfp, {s});
  EXPECT_NE(suspended, base);
  s.to = d("2026-07-31");
  EXPECT_NE(contract_fingerprint(c, pfp, rfp, {s}), suspended);
  RatingParams due = params();
  due.suspended_days_due = true;
  EXPECT_NE(params_fingerprint(due), rfp);
}

}  // namespace
}  // namespace mutua

// The standard reimbursement examples on the sample catalogue and the real regulation file,
// checked against sums done by hand (LABEL2, care on 2026-07-01).
#include "app/claims_examples.hpp"

#include <gtest/gtest.h>

#include "catalogue/catalogue_yaml.hpp"

namespace mutua {
namespace {

const std::string kSource = MUTUA_SOURCE_DIR;

Money m(const char* text) { return *Money::parse(text); }

class ClaimsExamplesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    CatalogueLoad load = load_catalogue_file(kSource + "/config/catalogue.yaml");
    ASSERT_TRUE(load.ok());
    catalogue_ = new Catalogue(std::move(*load.catalogue));
    Result<Regulation> r = Regulation::load_file(kSource + "/config/regulation.yaml");
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    regulation_ = new Regulation(std::move(r).value());
  }
  static void TearDownTestSuite() {
    delete catalogue_;
    delete regulation_;
  }

  static ExamplesReport report(const std::string& product, int year) {
    Result<ExamplesReport> r = reimbursement_examples(*catalogue_, product, year, *regulation_);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
    return r.ok() ? *r : ExamplesReport{};
  }

  // The example of `category` whose label contains `hint` (GP OPTAM vs non OPTAM).
  static ReimbursementExample find(const ExamplesReport& rep, std::string_view category,
                                   std::string_view hint = "") {
    for (const ReimbursementExample& e : rep.examples) {
      if (e.category == category && e.label.find(hint) != std::string::npos) return e;
    }
    ADD_FAILURE() << "no example " << category << " " << hint;
    return {};
  }

  static Catalogue* catalogue_;
  static Regulation* regulation_;
};

Catalogue* ClaimsExamplesTest::catalogue_ = nullptr;
Regulation* ClaimsExamplesTest::regulation_ = nullptr;

// BEN-01 BEN-04 BEN-05: GP, BR 30.00, RO 70% = 21.00 less the 2.00 flat fee → ro_paid 19.00.
// OPTAM 150%: min(30.00, 45.00) − 21.00 = 9.00; the member keeps the flat fee, 2.00 (BEN-04).
// Non-OPTAM 130%, charged 40.00: min(40.00, 39.00) − 21.00 = 18.00; 40 − 19 − 18 = 3.00.
TEST_F(ClaimsExamplesTest, BEN_01_BEN_05_GpOptamAndNonOptam) {
  ExamplesReport rep = report("LABEL2", 2026);
  ReimbursementExample optam = find(rep, "CONSULT_GP", "généraliste OPTAM");
  EXPECT_EQ(optam.charged, m("30.00"));
  EXPECT_EQ(optam.base, m("30.00"));
  EXPECT_EQ(optam.ro_rate_bp, 7000);
  EXPECT_EQ(optam.flat_fee, m("2.00"));
  EXPECT_EQ(optam.ro_paid, m("19.00"));
  EXPECT_EQ(optam.decision.status, ClaimStatus::kPaid);
  EXPECT_EQ(optam.decision.rc, m("9.00"));
  EXPECT_EQ(optam.decision.remaining, m("2.00"));

  ReimbursementExample non = find(rep, "CONSULT_GP", "non OPTAM");
  EXPECT_EQ(non.charged, m("40.00"));
  EXPECT_EQ(non.ro_paid, m("19.00"));
  EXPECT_EQ(non.decision.rc, m("18.00"));
  EXPECT_EQ(non.decision.remaining, m("3.00"));
  EXPECT_TRUE(non.decision.reasons.empty());
}

// BEN-01 BEN-05: specialist, both charge 60.00. OPTAM BR 31.50: RO 22.05 − 2.00 = 20.05;
// 150% = 47.25 − 22.05 = 25.20; remaining 14.75. Non-OPTAM BR 23.00: RO 16.10 − 2.00 = 14.10;
// 130% = 29.90 − 16.10 = 13.80; remaining 32.10.
TEST_F(ClaimsExamplesTest, BEN_01_BEN_05_SpecialistOptamAndNonOptam) {
  ExamplesReport rep = report("LABEL2", 2026);
  ReimbursementExample optam = find(rep, "CONSULT_SPE", "spécialiste OPTAM");
  EXPECT_EQ(optam.ro_paid, m("20.05"));
  EXPECT_EQ(optam.decision.rc, m("25.20"));
  EXPECT_EQ(optam.decision.remaining, m("14.75"));
  ReimbursementExample non = find(rep, "CONSULT_SPE", "non OPTAM");
  EXPECT_EQ(non.ro_paid, m("14.10"));
  EXPECT_EQ(non.decision.rc, m("13.80"));
  EXPECT_EQ(non.decision.remaining, m("32.10"));
}

// BEN-06: 100% santé glasses 95.00, BR 95.00, RO 60% = 57.00; the basket pays 38.00 and the
// member keeps nothing. The 100% santé crown: 500.00 − RO 72.00 (60% of 120.00) = 428.00.
TEST_F(ClaimsExamplesTest, BEN_06_HundredPercentSanteLeavesNothingToPay) {
  ExamplesReport rep = report("LABEL2", 2026);
  ReimbursementExample glasses = find(rep, "OPTICS_100S");
  EXPECT_EQ(glasses.ro_paid, m("57.00"));
  EXPECT_EQ(glasses.decision.rc, m("38.00"));
  EXPECT_EQ(glasses.decision.remaining, Money{});
  ReimbursementExample crown = find(rep, "DENTAL_PROSTH_100S");
  EXPECT_EQ(crown.ro_paid, m("72.00"));
  EXPECT_EQ(crown.decision.rc, m("428.00"));
  EXPECT_EQ(crown.decision.remaining, Money{});
}

// BEN-01 BEN-07: glasses outside the basket, 350.00, class B base 0.15, RO 0.09:
// 100% BR (0.15 − 0.09 = 0.06) + 150.00 per equipment = 150.06, under the legal maximum
// 420.00 − 0.09; remaining 350.00 − 0.09 − 150.06 = 199.85. Crown outside the basket: 225% ×
// 120.00 = 270.00 − 72.00 = 198.00, remaining 330.00. Hearing class II, one ear: 100% of 400.00
// − 240.00 + 600.00 = 760.00, under 1700.00 − 240.00; remaining 500.00.
TEST_F(ClaimsExamplesTest, BEN_01_BEN_07_OpticsDentalHearingOutsideTheBasket) {
  ExamplesReport rep = report("LABEL2", 2026);
  ReimbursementExample glasses = find(rep, "OPTICS_FRAME_LENSES");
  EXPECT_EQ(glasses.ro_paid, m("0.09"));
  EXPECT_EQ(glasses.decision.rc, m("150.06"));
  EXPECT_EQ(glasses.decision.remaining, m("199.85"));
  ReimbursementExample crown = find(rep, "DENTAL_PROSTH_FREE");
  EXPECT_EQ(crown.decision.rc, m("198.00"));
  EXPECT_EQ(crown.decision.remaining, m("330.00"));
  ReimbursementExample aid = find(rep, "HEARING_FREE");
  EXPECT_EQ(aid.ro_paid, m("240.00"));
  EXPECT_EQ(aid.decision.rc, m("760.00"));
  EXPECT_EQ(aid.decision.remaining, m("500.00"));
}

// BEN-01 BEN-08 BEN-12: the osteopath is care the RO does not reimburse (base 0, RO 0): it is
// not NO_RO, the allowance pays 30.00 per act (first of 4 sessions a year); remaining 30.00.
// The private room pays 50.00 a day of 80.00.
TEST_F(ClaimsExamplesTest, BEN_01_BEN_08_OsteopathAndPrivateRoomAllowances) {
  ExamplesReport rep = report("LABEL2", 2026);
  ReimbursementExample osteo = find(rep, "ALT_MEDICINE");
  EXPECT_EQ(osteo.charged, m("60.00"));
  EXPECT_EQ(osteo.base, Money{});
  EXPECT_EQ(osteo.ro_paid, Money{});
  EXPECT_EQ(osteo.decision.status, ClaimStatus::kPaid);
  EXPECT_EQ(osteo.decision.rc, m("30.00"));
  EXPECT_EQ(osteo.decision.remaining, m("30.00"));
  ReimbursementExample room = find(rep, "PRIVATE_ROOM");
  EXPECT_EQ(room.decision.rc, m("50.00"));
  EXPECT_EQ(room.decision.remaining, m("30.00"));
}

// BEN-03: the daily fee is covered in full; its price is the regulation's for the care date
// (23.00 from 2026-03-01, 20.00 in 2025).
TEST_F(ClaimsExamplesTest, BEN_03_DailyFeePriceFollowsTheRegulation) {
  ReimbursementExample fee2026 = find(report("LABEL2", 2026), "HOSP_DAILY_FEE");
  EXPECT_EQ(fee2026.charged, m("23.00"));
  EXPECT_EQ(fee2026.decision.rc, m("23.00"));
  EXPECT_EQ(fee2026.decision.remaining, Money{});
  ReimbursementExample fee2025 = find(report("LABEL2", 2025), "HOSP_DAILY_FEE");
  EXPECT_EQ(fee2025.charged, m("20.00"));
  EXPECT_EQ(fee2025.decision.rc, m("20.00"));
}

// BEN-01: the basic product covers the GP at 100% of BR whatever the doctor: the non-OPTAM
// excess stays with the member (40.00 − 19.00 − 9.00 = 12.00).
TEST_F(ClaimsExamplesTest, BEN_01_BasicProductLeavesTheExcess) {
  ReimbursementExample non = find(report("LABEL", 2026), "CONSULT_GP", "non OPTAM");
  EXPECT_EQ(non.decision.rc, m("9.00"));
  EXPECT_EQ(non.decision.remaining, m("12.00"));
}

// BEN-01 BEN-15: a category the product has no benefit for is an example the engine rejects
// NOT_COVERED with rc 0, not an error; every example carries its amounts and reasons.
TEST_F(ClaimsExamplesTest, BEN_01_BEN_15_MissingBenefitIsNotCovered) {
  Catalogue c;
  Product p;
  p.code = "GPONLY";
  p.name = "GP only";
  p.benefits = catalogue_->find("LABEL2")->benefits;
  std::erase_if(p.benefits, [](const Benefit& b) { return b.category != "CONSULT_GP"; });
  c.products.push_back(p);
  Result<ExamplesReport> r = reimbursement_examples(c, "GPONLY", 2026, *regulation_);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->examples.size(), report("LABEL2", 2026).examples.size());
  for (const ReimbursementExample& e : r->examples) {
    if (e.category == "CONSULT_GP") {
      EXPECT_EQ(e.decision.status, ClaimStatus::kPaid) << e.label;
      continue;
    }
    EXPECT_EQ(e.decision.status, ClaimStatus::kRejected) << e.label;
    EXPECT_EQ(e.decision.reasons_text(), "NOT_COVERED") << e.label;
    EXPECT_EQ(e.decision.rc, Money{}) << e.label;
    EXPECT_EQ(e.decision.remaining, e.charged - e.ro_paid) << e.label;
  }
}

// An unknown product is an error naming it.
TEST_F(ClaimsExamplesTest, UnknownProductIsAnError) {
  Result<ExamplesReport> r = reimbursement_examples(*catalogue_, "NOPE", 2026, *regulation_);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("NOPE"), std::string::npos);
}

// A year the regulation has no figure for is an error naming the key (no silent default).
TEST_F(ClaimsExamplesTest, MissingRegulatoryFigureIsAnError) {
  Result<ExamplesReport> r = reimbursement_examples(*catalogue_, "LABEL2", 2010, *regulation_);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().to_string().find("hospital.daily_fee"), std::string::npos)
      << r.error().to_string();
}

}  // namespace
}  // namespace mutua

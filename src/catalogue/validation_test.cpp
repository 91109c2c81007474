// Tests of the business rules checked on a catalogue before it is stored: each test names the
// rule it proves (TAR-04, TAR-07, BEN-03, BEN-05, BEN-07).
#include "catalogue/validation.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "catalogue/catalogue_yaml.hpp"
#include "catalogue/taxes.hpp"

namespace mutua {
namespace {

const std::string kSource = MUTUA_SOURCE_DIR;

const Regulation& regulation() {
  static const Regulation reg = [] {
    auto r = Regulation::load_file(kSource + "/config/regulation.yaml");
    if (!r) ADD_FAILURE() << r.error().to_string();
    return r ? *r : Regulation{};
  }();
  return reg;
}

std::string all_errors(const Errors& errors) {
  std::string s;
  for (const Error& e : errors) s += e.to_string() + "\n";
  return s;
}

Catalogue load(const std::string& path) {
  CatalogueLoad l = load_catalogue_file(path);
  EXPECT_TRUE(l.ok()) << all_errors(l.errors);
  return l.catalogue ? *l.catalogue : Catalogue{};
}

Errors check_file(const std::string& name) {
  return validate_catalogue(load(kSource + "/tests/data/catalogues/" + name), regulation());
}

// TAX-01: the TSA included in the contributions: 13.27 % (1327 basis points) for a responsible
// product, 20.27 % (2027) otherwise; informative, read from tax.tsa.* on the date asked.
TEST(Taxes, TAX_01_SolidarityTaxByResponsibility) {
  Product p;
  p.responsible = true;
  EXPECT_EQ(*tsa_basis_points(regulation(), p, make_date(2026, 6, 1)), 1327);
  p.responsible = false;
  EXPECT_EQ(*tsa_basis_points(regulation(), p, make_date(2026, 6, 1)), 2027);
  EXPECT_FALSE(tsa_basis_points(regulation(), p, make_date(2019, 6, 1)).ok());
}

// BEN-17: each dated benefit table is checked with the figures of its year. A 2027 table whose
// optics allowance (450.00 per equipment) exceeds the 420.00 maximum is refused, naming 2027,
// while the undated table (used for 2026) passes.
TEST(SampleCatalogue, BEN_17_DatedTablesAreCheckedByYear) {
  Catalogue c = load(kSource + "/config/catalogue.yaml");
  Product& p = c.products[0];
  BenefitTable t{2027, make_date(2026, 10, 15), "", p.benefits, 0};
  for (Benefit& b : t.benefits) {
    if (b.category == "OPTICS_FRAME_LENSES") b.formula->plus->amount = Money::from_euros(450);
  }
  p.benefit_tables.push_back(t);
  Errors e = validate_catalogue(c, regulation());
  ASSERT_EQ(e.size(), 1u) << all_errors(e);
  EXPECT_EQ(e[0].rule_id, "BEN-07");
  EXPECT_NE(e[0].message.find(p.code + " 2027 OPTICS_FRAME_LENSES"), std::string::npos)
      << e[0].message;
}

// BEN-19: a responsible product's EMERGENCY_FEE entry must pay the forfait patient urgences in
// full (19.61 € then 23 €): an allowance of 10.00 per act would leave 13.00 to the member.
TEST(SampleCatalogue, BEN_19_EmergencyFeeCoveredInFull) {
  Catalogue c = load(kSource + "/config/catalogue.yaml");
  Product& p = c.products[0];
  for (Benefit& b : p.benefits) {
    if (b.category == "EMERGENCY_FEE") {
      Formula f;
      f.amount = Allowance{Money::from_euros(10), Per::kAct};
      b.formula = f;
    }
  }
  Errors e = validate_catalogue(c, regulation());
  ASSERT_FALSE(e.empty());
  EXPECT_EQ(e[0].rule_id, "BEN-19");
  EXPECT_NE(e[0].message.find(p.code + " 2025 EMERGENCY_FEE formula"), std::string::npos)
      << all_errors(e);
}

TEST(SampleCatalogue, PassesEveryRule) {
  Catalogue cat = load(kSource + "/config/catalogue.yaml");
  Errors e = validate_catalogue(cat, regulation());
  EXPECT_TRUE(e.empty()) << all_errors(e);
}

// TAR-04: the offending role, year and bands are named, with the exact ratio.
TEST(Solidarity, TAR_04_BrokenRatioIsRefusedWithBands) {
  Errors e = check_file("solidarity_broken.yaml");
  ASSERT_EQ(e.size(), 1u) << all_errors(e);
  EXPECT_EQ(e[0].rule_id, "TAR-04");
  EXPECT_EQ(e[0].to_string(),
            "TAR-04: LABEL2 2026 member: highest 90.00 (band 70+) / lowest 28.00 (band 30-39) "
            "= 3.21 > 3");
  EXPECT_EQ(e[0].line, 11);  // the tariff, for locating it
}

// TAR-04 applies to labelled products only, and only over bands holding an age above 30.
TEST(Solidarity, TAR_04_OnlyLabelledAndOver30) {
  Catalogue cat = load(kSource + "/tests/data/catalogues/solidarity_broken.yaml");
  cat.products[0].kind = ProductKind::kIndividual;
  EXPECT_TRUE(validate_catalogue(cat, regulation()).empty());
  cat.products[0].kind = ProductKind::kLabelled;
  Tariff& t = cat.products[0].tariffs[0];
  t.member[3] = Money::from_euros(30);   // 90 / 30 = 3 exactly: allowed
  t.member[0] = Money::from_cents(100);  // under 30: outside the ratio
  EXPECT_TRUE(validate_catalogue(cat, regulation()).empty());
  t.member[3] = Money::from_cents(2999);  // 90.00 / 29.99 > 3 by a cent
  Errors e = validate_catalogue(cat, regulation());
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].message.find("= 3.001 > 3"), std::string::npos) << e[0].message;
}

// TAR-04 property: whatever the amounts, a refusal happens exactly when max > 3 × min.
RC_GTEST_PROP(Solidarity, TAR_04_ExactIntegerComparison, ()) {
  Catalogue cat = load(kSource + "/tests/data/catalogues/solidarity_broken.yaml");
  Tariff& t = cat.products[0].tariffs[0];
  const auto row =
      *rc::gen::container<std::vector<int64_t>>(8, rc::gen::inRange<int64_t>(1, 50000));
  int64_t hi = 0, lo = INT64_MAX;
  for (size_t i = 0; i < 8; ++i) {
    t.member[i] = Money::from_cents(row[i]);
    t.spouse[i] = Money::from_cents(3000);
    if (i >= 3) hi = std::max(hi, row[i]), lo = std::min(lo, row[i]);
  }
  Errors e = validate_catalogue(cat, regulation());
  RC_ASSERT(e.size() == (hi > 3 * lo ? 1u : 0u));
}

// TAR-07: each cell compared per tariff age, so a split band is compared with the band that
// held the same ages the year before.
TEST(RegionalIncrease, TAR_07_CellsAboveCapAreNamed) {
  Errors e = check_file("regional_increase.yaml");
  ASSERT_EQ(e.size(), 2u) << all_errors(e);
  EXPECT_EQ(
      e[0].to_string(),
      "TAR-07: REGION_TEST 2026 member band 50-59: 31.00 > 2025 30.00 (band 30-59) + 3% = 30.90");
  EXPECT_EQ(e[1].to_string(),
            "TAR-07: REGION_TEST 2026 member band 60+: 41.50 > 2025 40.00 (band 60+) + 3% = 41.20");
}

// TAR-07: the previous year may come from the products already stored.
TEST(RegionalIncrease, TAR_07_PreviousYearFromTheDatabase) {
  Catalogue cat = load(kSource + "/tests/data/catalogues/regional_increase.yaml");
  std::vector<Product> stored = {cat.products[0]};
  stored[0].tariffs.erase(stored[0].tariffs.begin() + 1);          // the database holds 2025 only
  cat.products[0].tariffs.erase(cat.products[0].tariffs.begin());  // the file brings 2026 only
  EXPECT_TRUE(validate_catalogue(cat, regulation()).empty());      // nothing to compare with
  Errors e = validate_catalogue(cat, regulation(), &stored);
  ASSERT_EQ(e.size(), 2u) << all_errors(e);
  EXPECT_EQ(e[0].rule_id, "TAR-07");
}

TEST(RegionalIncrease, TAR_07_CapIsRequiredAndExact) {
  Catalogue cat = load(kSource + "/tests/data/catalogues/regional_increase.yaml");
  Tariff& t26 = cat.products[0].tariffs[1];
  t26.member = {Money::from_cents(2060), Money::from_cents(3090), Money::from_cents(3090),
                Money::from_cents(4120)};  // exactly +3 %
  EXPECT_TRUE(validate_catalogue(cat, regulation()).empty());
  cat.products[0].max_annual_increase_pct.reset();
  Errors e = validate_catalogue(cat, regulation());
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].to_string(),
            "TAR-07: REGION_TEST: regional product without max_annual_increase_pct");
}

// BEN-05: non-OPTAM excess coverage above OPTAM − 20 % of BR.
TEST(ExcessFees, BEN_05_NonOptamAboveOptamMinusGap) {
  Errors e = check_file("non_optam_excess.yaml");
  ASSERT_EQ(e.size(), 1u) << all_errors(e);
  EXPECT_EQ(e[0].to_string(),
            "BEN-05: LABEL3 2026 CONSULT_SPE non-OPTAM excess coverage 40% of BR > OPTAM excess "
            "50% − 20% = 30%");
}

Catalogue with_spe(std::optional<Formula> optam, std::optional<Formula> non_optam) {
  Catalogue cat = load(kSource + "/tests/data/catalogues/non_optam_excess.yaml");
  Benefit& b = const_cast<Benefit&>(*cat.products[0].benefit_for("CONSULT_SPE"));
  b.optam = optam;
  b.non_optam = non_optam;
  return cat;
}

Formula pct(int n) {
  Formula f;
  f.total_pct_br = n;
  return f;
}

TEST(ExcessFees, BEN_05_CapAndUncappedFormulas) {
  // OPTAM 300 %: the gap allows 180 %, the cap 100 %: 200 % total is the most.
  EXPECT_TRUE(validate_catalogue(with_spe(pct(300), pct(200)), regulation()).empty());
  Errors e = validate_catalogue(with_spe(pct(300), pct(210)), regulation());
  ASSERT_EQ(e.size(), 1u) << all_errors(e);
  EXPECT_NE(e[0].message.find("excess coverage 110% of BR > cap 100% of BR"), std::string::npos);
  // Without OPTAM formula, the OPTAM excess counts as 0: no excess for non-OPTAM either.
  EXPECT_EQ(validate_catalogue(with_spe(std::nullopt, pct(110)), regulation()).size(), 1u);
  EXPECT_TRUE(validate_catalogue(with_spe(std::nullopt, pct(100)), regulation()).empty());
  Formula plus = pct(100);
  plus.plus = Allowance{Money::from_euros(10), Per::kAct};
  e = validate_catalogue(with_spe(pct(200), plus), regulation());
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].rule_id, "BEN-05");
  Formula real;
  real.real_costs = true;
  e = validate_catalogue(with_spe(pct(200), real), regulation());
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].message.find("CONSULT_SPE non-OPTAM: real_costs"), std::string::npos);
}

// BEN-05 property: a non-OPTAM percentage passes exactly when its excess respects both bounds.
RC_GTEST_PROP(ExcessFees, BEN_05_BoundsProperty, ()) {
  const int o = *rc::gen::inRange(100, 400);
  const int n = *rc::gen::inRange(100, 400);
  const int excess = n - 100;
  const bool lawful = excess == 0 || (excess <= 100 && excess <= (o - 100) - 20);
  Errors e = validate_catalogue(with_spe(pct(o), pct(n)), regulation());
  RC_ASSERT(e.empty() == lawful);
}

// BEN-07: an optics allowance above the two-simple-lenses maximum.
TEST(OpticsHearing, BEN_07_OpticsOverCap) {
  Errors e = check_file("optics_over_cap.yaml");
  ASSERT_EQ(e.size(), 1u) << all_errors(e);
  EXPECT_EQ(
      e[0].to_string(),
      "BEN-07: IRIS 2026 OPTICS_FRAME_LENSES formula: allowance 500.00 > legal maximum 420.00");
}

TEST(OpticsHearing, BEN_07_MinimumAndHearingCap) {
  Catalogue cat = load(kSource + "/tests/data/catalogues/optics_over_cap.yaml");
  Product& p = cat.products[0];
  Benefit& optics = const_cast<Benefit&>(*p.benefit_for("OPTICS_FRAME_LENSES"));
  optics.formula->plus->amount = Money::from_euros(420);  // exactly the maximum
  EXPECT_TRUE(validate_catalogue(cat, regulation()).empty());
  optics.formula->plus->amount = Money::from_euros(40);  // below the 50.00 minimum
  Errors e = validate_catalogue(cat, regulation());
  ASSERT_EQ(e.size(), 1u) << all_errors(e);
  EXPECT_NE(e[0].message.find("guaranteed allowance 40.00 < legal minimum 50.00"),
            std::string::npos);
  optics.formula->plus->amount = Money::from_euros(100);
  optics.limits.annual_cap = Money::from_euros(500);
  e = validate_catalogue(cat, regulation());
  ASSERT_EQ(e.size(), 1u) << all_errors(e);
  EXPECT_NE(e[0].message.find("annual_cap 500.00 > legal maximum 420.00"), std::string::npos);
  optics.limits.annual_cap.reset();

  // Hearing: 1700.00 per ear, RO part 400.00 × 60 % = 240.00 → 1460.00 at most.
  Benefit hearing;
  hearing.category = "HEARING_FREE";
  hearing.formula = pct(100);
  hearing.formula->plus = Allowance{Money::from_euros(1460), Per::kEquipment};
  p.benefits.push_back(hearing);
  EXPECT_TRUE(validate_catalogue(cat, regulation()).empty());
  p.benefits.back().formula->plus->amount = Money::from_cents(146001);
  e = validate_catalogue(cat, regulation());
  ASSERT_EQ(e.size(), 1u) << all_errors(e);
  EXPECT_EQ(e[0].to_string(),
            "BEN-07: IRIS 2026 HEARING_FREE formula: allowance 1460.01 > legal maximum 1460.00");
}

// BEN-03: the daily fee and the ticket modérateur must be covered by a responsible product.
TEST(Responsible, BEN_03_DailyFeeAndTicketModerateur) {
  Catalogue cat = load(kSource + "/tests/data/catalogues/optics_over_cap.yaml");
  Product& p = cat.products[0];
  const_cast<Benefit&>(*p.benefit_for("OPTICS_FRAME_LENSES")).formula->plus->amount =
      Money::from_euros(100);
  Benefit& fee = const_cast<Benefit&>(*p.benefit_for("HOSP_DAILY_FEE"));
  fee.formula = Formula{};
  fee.formula->amount = Allowance{Money::from_euros(20), Per::kDay};
  // 20.00 a day is not enough: the fee rises to 23.00 on 2026-03-01.
  Errors e = validate_catalogue(cat, regulation());
  ASSERT_EQ(e.size(), 1u) << all_errors(e);
  EXPECT_EQ(e[0].rule_id, "BEN-03");
  EXPECT_NE(e[0].message.find("IRIS 2026 HOSP_DAILY_FEE formula: must cover the daily fee (23.00"),
            std::string::npos)
      << e[0].message;
  fee.formula->amount->amount = Money::from_euros(23);
  EXPECT_TRUE(validate_catalogue(cat, regulation()).empty());

  const_cast<Benefit&>(*p.benefit_for("PHARMA_65")).formula = pct(90);
  e = validate_catalogue(cat, regulation());
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].to_string(),
            "BEN-03: IRIS 2026 PHARMA_65 formula: 90% of BR does not cover the ticket modérateur "
            "(total_pct_br ≥ 100)");
  p.benefits.erase(p.benefits.begin());  // CONSULT_SPE no longer covered
  p.responsible = false;
  EXPECT_TRUE(validate_catalogue(cat, regulation()).empty());  // BEN rules: responsible only
  p.responsible = true;
  e = validate_catalogue(cat, regulation());
  EXPECT_NE(all_errors(e).find("BEN-03: IRIS 2026 CONSULT_SPE: not covered"), std::string::npos);
}

TEST(Responsible, MissingRegulationFigureIsReported) {
  Catalogue cat = load(kSource + "/tests/data/catalogues/solidarity_broken.yaml");
  cat.products[0].tariffs[0].year = 2010;  // before every figure of regulation.yaml
  Errors e = validate_catalogue(cat, regulation());
  std::string all = all_errors(e);
  EXPECT_NE(all.find("TAR-04: LABEL2 2010: labelled.solidarity_ratio_max"), std::string::npos)
      << all;
  EXPECT_NE(all.find("BEN-03: LABEL2 2010: hospital.daily_fee"), std::string::npos) << all;
}

}  // namespace
}  // namespace mutua

namespace mutua {
namespace {

// Issue 14: a tariff cell over bounds.tariff.monthly_max (here the int64 edge that made every
// billing run overflow) is bad data naming file, tariff line and cell; the rules are not
// computed on it.
TEST(InputBounds, HugeTariffIsRefusedByCheck) {
  Catalogue cat = load(kSource + "/config/catalogue.yaml");
  cat.source_file = "catalogue.yaml";
  Tariff& t = cat.products[0].tariffs[0];
  t.member[0] = *Money::parse("92233720368547758.07");
  Errors e = validate_catalogue(cat, regulation());
  ASSERT_EQ(e.size(), 1u) << all_errors(e);
  EXPECT_EQ(e[0].rule_id, "");
  EXPECT_EQ(e[0].file, "catalogue.yaml");
  EXPECT_EQ(e[0].line, t.line);
  EXPECT_EQ(e[0].field, "member[0]");
  EXPECT_NE(e[0].message.find("over the maximum of 10000.00 (bounds.tariff.monthly_max): "
                              "92233720368547758.07"),
            std::string::npos)
      << e[0].message;
  t.member[0] = *Money::parse("10000.00");  // at the bound: only the rules speak
  for (const Error& err : validate_catalogue(cat, regulation())) EXPECT_NE(err.rule_id, "");
}

TEST(InputBounds, BenefitAmountsAndNamesAreBounded) {
  Catalogue cat = load(kSource + "/config/catalogue.yaml");
  Product& p = cat.products[0];
  p.name = "Label\nTwo";
  Benefit& b = p.benefits[0];
  b.limits.annual_cap = *Money::parse("1000000000.00");
  std::string text = all_errors(validate_catalogue(cat, regulation()));
  EXPECT_NE(text.find(": name: control character"), std::string::npos) << text;
  EXPECT_NE(text.find(b.category + ".annual_cap: " + p.code + ": over the maximum of 1000000.00"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace mutua

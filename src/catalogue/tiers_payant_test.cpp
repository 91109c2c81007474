// DOC-05, DOC-01: the tiers-payant domains of a product (catalogue field `tiers_payant`, its validation
// and its default) and the organism's card numbers (AMC number, convention type).
#include "catalogue/tiers_payant.hpp"

#include <gtest/gtest.h>

#include "catalogue/catalogue_yaml.hpp"

namespace mutua {
namespace {

std::string doc(const std::string& organism_extra, const std::string& product_extra,
                const std::string& benefits) {
  return "schema: 1\n"
         "organism: {name: M, siren: \"334489986\", creditor_id: FR56ZZZ564318" +
         organism_extra +
         "}\n"
         "products:\n"
         "  - code: P1\n"
         "    name: P\n"
         "    kind: individual\n" +
         product_extra +
         "    tariffs:\n"
         "      - year: 2026\n"
         "        decided: 2025-10-15\n"
         "        bands: [0, 30]\n"
         "        member: [30.00, 40.00]\n"
         "        spouse: [30.00, 40.00]\n"
         "        child: [10.00, 10.00]\n"
         "    benefits:\n" +
         benefits;
}

const std::string kBenefits =
    "      - category: HOSP_DAILY_FEE\n        formula: {real_costs: true}\n"
    "      - category: PHARMA_65\n        formula: {total_pct_br: 100}\n"
    "      - category: OPTICS_FRAME_LENSES\n        formula: {total_pct_br: 100}\n";

std::string messages(const CatalogueLoad& load) {
  std::string all;
  for (const Error& e : load.errors) all += e.to_string() + "\n";
  return all;
}

// DOC-01 default: the domains whose care the benefits cover (HOSP_DAILY_FEE → hospital,
// PHARMA_65 → pharmacy, OPTICS_FRAME_LENSES → optics), in card order.
TEST(TiersPayant, DOC_05_DefaultDomainsFollowTheBenefits) {
  CatalogueLoad load = load_catalogue_string(doc("", "", kBenefits), "t.yaml");
  ASSERT_TRUE(load.ok()) << messages(load);
  const Product& p = load.catalogue->products[0];
  EXPECT_FALSE(p.tiers_payant.has_value());
  EXPECT_EQ(tiers_payant_domains(p, 2026), (std::vector<std::string>{"pharmacy", "optics", "hospital"}));
}

// DOC-05 with BEN-17: the default follows the benefit table in force in the card's year. The
// undated table covers pharmacy only; a table dated 2027 adds hearing aids, so a 2026 card lists
// pharmacy and a 2027 card pharmacy and hearing.
TEST(TiersPayant, DOC_05_BEN_17_DefaultFollowsTheTableOfTheYear) {
  Product p;
  Benefit pharmacy;
  pharmacy.category = "PHARMA_65";
  Benefit hearing;
  hearing.category = "HEARING_100S";
  p.benefits = {pharmacy};
  BenefitTable t2027;
  t2027.year = 2027;
  t2027.benefits = {pharmacy, hearing};
  p.benefit_tables = {t2027};
  EXPECT_EQ(tiers_payant_domains(p, 2026), (std::vector<std::string>{"pharmacy"}));
  EXPECT_EQ(tiers_payant_domains(p, 2027), (std::vector<std::string>{"pharmacy", "hearing"}));
}

// DOC-01: a listed set replaces the default (optics covered but not under tiers payant here);
// an empty list means none; the organism's AMC number and convention type are read.
TEST(TiersPayant, DOC_05_AListedSetAndTheOrganismNumbers) {
  CatalogueLoad load = load_catalogue_string(
      doc(", amc_number: \"84000123\", tiers_payant_convention: SP",
          "    tiers_payant: [laboratory, pharmacy]\n", kBenefits),
      "t.yaml");
  ASSERT_TRUE(load.ok()) << messages(load);
  EXPECT_EQ(tiers_payant_domains(load.catalogue->products[0], 2026),
            (std::vector<std::string>{"pharmacy", "laboratory"}));
  EXPECT_EQ(load.catalogue->organism.amc_number, "84000123");
  EXPECT_EQ(load.catalogue->organism.tiers_payant_convention, "SP");
  CatalogueLoad none =
      load_catalogue_string(doc("", "    tiers_payant: []\n", kBenefits), "t.yaml");
  ASSERT_TRUE(none.ok()) << messages(none);
  EXPECT_TRUE(tiers_payant_domains(none.catalogue->products[0], 2026).empty());
}

// DOC-01: an unknown or repeated domain, a malformed AMC number or convention: errors naming the
// file, line and field.
TEST(TiersPayant, DOC_05_BadValuesAreRejectedWithTheirField) {
  CatalogueLoad load = load_catalogue_string(
      doc(", amc_number: \"84A\", tiers_payant_convention: \"s p\"",
          "    tiers_payant: [pharmacy, bakery, pharmacy]\n", kBenefits),
      "t.yaml");
  ASSERT_FALSE(load.ok());
  const std::string all = messages(load);
  EXPECT_NE(all.find("t.yaml:2: organism.amc_number"), std::string::npos) << all;
  EXPECT_NE(all.find("organism.tiers_payant_convention"), std::string::npos) << all;
  EXPECT_NE(all.find("products[0].tiers_payant[1]: unknown domain 'bakery'"), std::string::npos)
      << all;
  EXPECT_NE(all.find("products[0].tiers_payant[2]: domain 'pharmacy' listed twice"),
            std::string::npos)
      << all;
}

}  // namespace
}  // namespace mutua

// Tests of the catalogue values and of the YAML reader: structure and types, with file:line.
#include "catalogue/catalogue.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "catalogue/catalogue_yaml.hpp"

namespace mutua {
namespace {

const std::string kSource = MUTUA_SOURCE_DIR;

std::string data(const std::string& name) { return kSource + "/tests/data/catalogues/" + name; }

std::string all_errors(const Errors& errors) {
  std::string s;
  for (const Error& e : errors) s += e.to_string() + "\n";
  return s;
}

Tariff sample_tariff() {
  Tariff t;
  t.year = 2026;
  t.bands = {0, 20, 26, 30, 40, 50, 60, 70};
  for (int i = 0; i < 8; ++i) {
    t.member.push_back(Money::from_euros(20 + i));
    t.spouse.push_back(Money::from_euros(30 + i));
    t.child.push_back(Money::from_euros(10));
  }
  return t;
}

// TAR-02: the tariff age selects a band; the last band is open-ended.
TEST(Tariff, TAR_02_BandIndexAndLabels) {
  Tariff t = sample_tariff();
  EXPECT_EQ(t.band_index(0), 0u);
  EXPECT_EQ(t.band_index(19), 0u);
  EXPECT_EQ(t.band_index(20), 1u);
  EXPECT_EQ(t.band_index(39), 3u);
  EXPECT_EQ(t.band_index(40), 4u);
  EXPECT_EQ(t.band_index(70), 7u);
  EXPECT_EQ(t.band_index(110), 7u);
  EXPECT_EQ(t.band_index(-1), 0u);
  EXPECT_EQ(t.band_label(3), "30-39");
  EXPECT_EQ(t.band_label(7), "70+");
  EXPECT_EQ(t.band_label(0), "0-19");
  EXPECT_EQ(t.monthly(Role::kSpouse, 2), Money::from_euros(32));
  EXPECT_EQ(&t.row(Role::kChild), &t.child);
}

RC_GTEST_PROP(Tariff, TAR_02_BandHoldsTheAge, ()) {
  Tariff t = sample_tariff();
  const int age = *rc::gen::inRange(0, 130);
  const size_t b = t.band_index(age);
  RC_ASSERT(t.bands[b] <= age);
  RC_ASSERT(b + 1 == t.bands.size() || age < t.bands[b + 1]);
}

TEST(Vocabulary, CareCategoriesAreThoseOfInterfaces) {
  EXPECT_EQ(care_categories().size(), 34u);  // + EMERGENCY_FEE (BEN-19)
  EXPECT_EQ(care_categories().front(), "CONSULT_GP");
  EXPECT_EQ(care_categories().back(), "EMERGENCY_FEE");  // added by issue 15 (BEN-19)
  EXPECT_TRUE(is_care_category("MATERNITY"));
  EXPECT_TRUE(is_care_category("HEARING_FREE"));
  EXPECT_FALSE(is_care_category("DENTISTRY"));
  EXPECT_EQ(to_string(ProductKind::kRegional), "regional");
  EXPECT_EQ(to_string(MajorationScope::kContract), "contract");
  EXPECT_EQ(to_string(Per::kEquipment), "equipment");
  EXPECT_EQ(to_string(Period::kFourYears), "4y");
}

TEST(CatalogueFile, SampleLoadsWithEveryProductAndCategory) {
  CatalogueLoad load = load_catalogue_file(kSource + "/config/catalogue.yaml");
  ASSERT_TRUE(load.ok()) << all_errors(load.errors);
  const Catalogue& cat = *load.catalogue;
  EXPECT_EQ(cat.organism.siren, "334489986");
  for (const char* code :
       {"LABEL", "LABEL1", "LABEL2", "LABEL3", "LABEL4", "IRIS", "REGION_AURA"}) {
    const Product* p = cat.find(code);
    ASSERT_NE(p, nullptr) << code;
    EXPECT_NE(p->tariff_for(2025), nullptr) << code;
    EXPECT_NE(p->tariff_for(2026), nullptr) << code;
    for (std::string_view c : care_categories()) {
      EXPECT_NE(p->benefit_for(c), nullptr) << code << " " << c;
    }
  }
  EXPECT_EQ(cat.find("REGION_AURA")->kind, ProductKind::kRegional);
  EXPECT_EQ(cat.find("REGION_AURA")->max_annual_increase_pct, 3);
  const Product& label1 = *cat.find("LABEL1");
  ASSERT_EQ(label1.promotions.size(), 1u);  // ADH-05
  EXPECT_EQ(label1.promotions[0].percent_bp, 1000);
  EXPECT_EQ(label1.promotions[0].joined_to, make_date(2026, 3, 31));
  EXPECT_EQ(label1.tariffs[1].decision_ref, "CA-2025-10-16");  // TAR-05
}

TEST(CatalogueFile, SyntaxErrorNamesFileAndLine) {
  CatalogueLoad load = load_catalogue_file(data("syntax_error.yaml"));
  ASSERT_FALSE(load.ok());
  ASSERT_EQ(load.errors.size(), 1u) << all_errors(load.errors);
  EXPECT_EQ(load.errors[0].file, data("syntax_error.yaml"));
  EXPECT_EQ(load.errors[0].line, 15) << load.errors[0].to_string();
  EXPECT_NE(load.errors[0].message.find("YAML syntax error"), std::string::npos);
}

TEST(CatalogueFile, TypeErrorsAreAllReportedWithPathAndLine) {
  CatalogueLoad load = load_catalogue_file(data("type_error.yaml"));
  ASSERT_FALSE(load.ok());
  ASSERT_EQ(load.errors.size(), 2u) << all_errors(load.errors);
  EXPECT_EQ(load.errors[0].line, 11);
  EXPECT_EQ(load.errors[0].field, "products[0].tariffs[0].decided");
  EXPECT_EQ(load.errors[1].line, 14);
  EXPECT_EQ(load.errors[1].field, "products[0].tariffs[0].spouse[1]");
  EXPECT_NE(load.errors[1].message.find("abc"), std::string::npos);
  EXPECT_EQ(
      load.errors[1].to_string(),
      data("type_error.yaml") + ":14: products[0].tariffs[0].spouse[1]: " + load.errors[1].message);
}

TEST(CatalogueFile, UnknownCategoryAndUnknownKey) {
  CatalogueLoad load = load_catalogue_file(data("unknown_category.yaml"));
  ASSERT_FALSE(load.ok());
  ASSERT_EQ(load.errors.size(), 2u) << all_errors(load.errors);
  EXPECT_EQ(load.errors[0].line, 24);
  EXPECT_EQ(load.errors[0].field, "products[0].benefits[3].category");
  EXPECT_NE(load.errors[0].message.find("DENTISTRY"), std::string::npos);
  EXPECT_EQ(load.errors[1].line, 27);
  EXPECT_EQ(load.errors[1].field, "products[0].benefits[4].formula.bonus");
  EXPECT_NE(load.errors[1].message.find("unknown key 'bonus'"), std::string::npos);
}

TEST(CatalogueFile, MissingFile) {
  CatalogueLoad load = load_catalogue_file(data("no_such_file.yaml"));
  ASSERT_EQ(load.errors.size(), 1u);
  EXPECT_FALSE(load.catalogue.has_value());
}

// A minimal valid catalogue; `product_extra`, `tariff_extra`, `benefits` vary per test.
std::string doc(const std::string& product_extra, const std::string& bands = "[0, 30]",
                const std::string& member = "[30.00, 40.00]",
                const std::string& benefits =
                    "      - category: HOSP_DAILY_FEE\n        formula: {real_costs: true}\n") {
  return "schema: 1\n"
         "organism: {name: M, siren: \"334489986\", creditor_id: FR56ZZZ564318}\n"
         "products:\n"
         "  - code: P1\n"
         "    name: P\n"
         "    kind: individual\n" +
         product_extra +
         "    tariffs:\n"
         "      - year: 2026\n"
         "        decided: 2025-10-15\n"
         "        bands: " +
         bands +
         "\n"
         "        member: " +
         member +
         "\n"
         "        spouse: [30.00, 40.00]\n"
         "        child: [10.00, 10.00]\n"
         "    benefits:\n" +
         benefits;
}

Errors errors_of(const std::string& text) {
  CatalogueLoad load = load_catalogue_string(text, "t.yaml");
  EXPECT_EQ(load.catalogue.has_value(), load.errors.empty());
  return load.errors;
}

TEST(CatalogueYaml, MinimalDocumentLoads) {
  CatalogueLoad load = load_catalogue_string(doc(""), "t.yaml");
  ASSERT_TRUE(load.ok()) << all_errors(load.errors);
  const Product& p = load.catalogue->products[0];
  EXPECT_EQ(p.majoration_scope, MajorationScope::kMember);  // MAJ-08 default
  EXPECT_EQ(p.billed_children, 2);                          // TAR-03 default
  EXPECT_TRUE(p.responsible);
  EXPECT_EQ(p.tariffs[0].member[1], Money::from_euros(40));
  EXPECT_EQ(p.line, 4);
}

TEST(CatalogueYaml, ExtensionsAreRead) {
  CatalogueLoad load = load_catalogue_string(
      doc("    majoration_scope: contract\n    billed_children: 3\n    responsible: false\n"
          "    promotions:\n"
          "      - {code: P10, label: x, from: 2026-01-01, to: 2026-03-31, amount: 5.5}\n"
          "      - {code: P11, label: y, from: 2026-01-01, to: 2026-03-31, percent: 12.25}\n"),
      "t.yaml");
  ASSERT_TRUE(load.ok()) << all_errors(load.errors);
  const Product& p = load.catalogue->products[0];
  EXPECT_EQ(p.majoration_scope, MajorationScope::kContract);
  EXPECT_EQ(p.billed_children, 3);
  EXPECT_FALSE(p.responsible);
  EXPECT_EQ(p.promotions[0].amount, Money::from_cents(550));
  EXPECT_EQ(p.promotions[1].percent_bp, 1225);
}

// BEN-17: benefit tables dated by year. The undated table (PHARMA_NR 20.00 a year) is the table
// before the first dated year (2025 here); 2026 has its own table (30.00), which stays in force
// in 2027 (no 2027 table: guarantees change only when a new year is published).
TEST(CatalogueYaml, BEN_17_BenefitTablesByYear) {
  CatalogueLoad load = load_catalogue_string(
      doc("    benefit_tables:\n"
          "      - year: 2026\n"
          "        decided: 2025-10-16\n"
          "        decision_ref: CA-2025-10-16\n"
          "        benefits:\n"
          "          - category: PHARMA_NR\n"
          "            formula: {amount: 30.00, per: year}\n",
          "[0, 30]", "[20.00, 30.00]",
          "      - category: PHARMA_NR\n        formula: {amount: 20.00, per: year}\n"),
      "t.yaml");
  ASSERT_TRUE(load.ok()) << all_errors(load.errors);
  const Product& p = load.catalogue->products[0];
  ASSERT_EQ(p.benefit_tables.size(), 1u);
  EXPECT_EQ(p.benefit_tables[0].decision_ref, "CA-2025-10-16");
  EXPECT_EQ(p.benefit_for("PHARMA_NR", 2025)->formula->amount->amount, Money::from_euros(20));
  EXPECT_EQ(p.benefit_for("PHARMA_NR", 2026)->formula->amount->amount, Money::from_euros(30));
  EXPECT_EQ(p.benefit_for("PHARMA_NR", 2027)->formula->amount->amount, Money::from_euros(30));
  EXPECT_EQ(p.benefit_for("PHARMA_NR")->formula->amount->amount, Money::from_euros(20));
  EXPECT_EQ(p.benefit_table(2026), &p.benefit_tables[0]);
  EXPECT_EQ(p.benefit_table(2027), nullptr);
  // Without the undated table, a year before the first dated one has no benefit at all.
  Product only_dated = p;
  only_dated.benefits.clear();
  EXPECT_EQ(only_dated.benefit_for("PHARMA_NR", 2025), nullptr);
}

// BEN-17: a year given twice is refused, naming it.
TEST(CatalogueYaml, BEN_17_DuplicateBenefitTableYear) {
  const std::string table =
      "      - year: 2026\n        decided: 2025-10-16\n        benefits:\n"
      "          - category: PHARMA_NR\n            formula: {amount: 30.00, per: year}\n";
  Errors e = errors_of(doc("    benefit_tables:\n" + table + table));
  ASSERT_FALSE(e.empty());
  EXPECT_NE(e[0].message.find("duplicate benefit table year 2026"), std::string::npos)
      << all_errors(e);
}

TEST(CatalogueYaml, BandsMustAscendFromZeroAndRowsMatch) {
  Errors e = errors_of(doc("", "[0, 30, 30]", "[30.00, 40.00, 50.00]"));
  ASSERT_FALSE(e.empty());
  EXPECT_EQ(e[0].field, "products[0].tariffs[0].bands[2]");
  e = errors_of(doc("", "[5, 30]"));
  ASSERT_FALSE(e.empty());
  EXPECT_EQ(e[0].field, "products[0].tariffs[0].bands[0]");
  e = errors_of(doc("", "[0, 30]", "[30.00, 40.00, 50.00]"));
  ASSERT_EQ(e.size(), 1u) << all_errors(e);
  EXPECT_EQ(e[0].field, "products[0].tariffs[0].member");
  EXPECT_EQ(e[0].line, 11);
}

TEST(CatalogueYaml, MoneyIsStrictAndNonNegative) {
  Errors e = errors_of(doc("", "[0, 30]", "[30.2, -1.00]"));
  ASSERT_EQ(e.size(), 1u) << all_errors(e);
  EXPECT_EQ(e[0].field, "products[0].tariffs[0].member[1]");
  e = errors_of(doc("", "[0, 30]", "[30.123, 1e3]"));
  EXPECT_EQ(e.size(), 2u) << all_errors(e);
}

TEST(CatalogueYaml, ScalarsAreStrict) {
  Errors e =
      errors_of(doc("    responsible: yes\n    majoration_scope: all\n"
                    "    max_annual_increase_pct: 3\n    colour: red\n"));
  ASSERT_EQ(e.size(), 4u) << all_errors(e);
  EXPECT_EQ(e[0].field, "products[0].colour");  // unknown keys first, found while scanning
  EXPECT_EQ(e[1].field, "products[0].responsible");
  EXPECT_EQ(e[2].field, "products[0].max_annual_increase_pct");  // regional only
  EXPECT_EQ(e[3].field, "products[0].majoration_scope");
}

TEST(CatalogueYaml, FormulaShapes) {
  auto benefit = [](const std::string& formula) {
    return doc("", "[0, 30]", "[30.00, 40.00]",
               "      - category: LAB\n        formula: " + formula + "\n");
  };
  EXPECT_TRUE(errors_of(benefit("{ticket_moderateur: true}")).empty());
  EXPECT_TRUE(errors_of(benefit("{total_pct_br: 100, plus: {amount: 10, per: year}}")).empty());
  EXPECT_FALSE(errors_of(benefit("{amount: 10}")).empty());  // no per
  EXPECT_FALSE(errors_of(benefit("{amount: 10, per: week}")).empty());
  EXPECT_FALSE(errors_of(benefit("{real_costs: true, total_pct_br: 100}")).empty());
  EXPECT_FALSE(errors_of(benefit("{plus: {amount: 10, per: year}}")).empty());
  EXPECT_FALSE(errors_of(benefit("{}")).empty());
  EXPECT_FALSE(errors_of(benefit("{real_costs: yes}")).empty());
  Errors e = errors_of(doc("", "[0, 30]", "[30.00, 40.00]",
                           "      - category: LAB\n        formula: {total_pct_br: 100}\n"
                           "        limits: {annual_cap: 10, max_count: 0, period: 3y}\n"));
  EXPECT_EQ(e.size(), 2u) << all_errors(e);
}

TEST(CatalogueYaml, DuplicatesAreRefused) {
  const std::string tariff =
      "{year: 2026, decided: 2025-10-15, bands: [0], member: [1], spouse: [1], child: [1]}";
  const std::string lab = "{category: LAB, formula: {real_costs: true}}";
  Errors e = errors_of(
      "schema: 1\norganism: {name: M, siren: \"334489986\", creditor_id: FR56ZZZ564318}\n"
      "products:\n"
      "  - {code: P1, name: P, kind: individual, benefits: [" +
      lab + "], tariffs: [" + tariff +
      "]}\n"
      "  - {code: P1, name: P, kind: individual, benefits: [" +
      lab + "], tariffs: [" + tariff +
      "]}\n"
      "  - {code: P2, name: P, kind: individual, benefits: [" +
      lab + ", " + lab +
      "],\n"
      "     tariffs: [" +
      tariff + ", " + tariff +
      "]}\n"
      "  - {code: p3, name: P, kind: labeled, benefits: [" +
      lab + "], tariffs: [" + tariff + "]}\n");
  std::string all = all_errors(e);
  EXPECT_EQ(e.size(), 5u) << all;
  EXPECT_NE(all.find("t.yaml:5: products: duplicate product code P1 (first at line 4)"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("duplicate tariff year 2026"), std::string::npos) << all;
  EXPECT_NE(all.find("duplicate category LAB"), std::string::npos) << all;
  EXPECT_NE(all.find("products[3].code: code must match"), std::string::npos) << all;
  EXPECT_NE(all.find("products[3].kind"), std::string::npos) << all;
}

TEST(CatalogueYaml, PromotionNeedsExactlyOneReduction) {
  Errors e = errors_of(
      doc("    promotions:\n"
          "      - {code: A, label: x, from: 2026-01-01, to: 2026-03-31, amount: 5, percent: 10}\n"
          "      - {code: B, label: x, from: 2026-01-01, to: 2026-03-31}\n"
          "      - {code: C, label: x, from: 2026-04-01, to: 2026-03-31, percent: 10.555}\n"));
  ASSERT_EQ(e.size(), 3u) << all_errors(e);
  EXPECT_EQ(e[0].field, "products[0].promotions[0]");
  EXPECT_EQ(e[2].field, "products[0].promotions[2].percent");
}

}  // namespace
}  // namespace mutua

namespace mutua {
namespace {

TEST(CatalogueYaml, DuplicateCodeFoundEvenInABrokenProduct) {
  const std::string tariff =
      "{year: 2026, decided: 2025-10-15, bands: [0], member: [1], spouse: [1], child: [1]}";
  Errors e = errors_of(
      "schema: 1\norganism: {name: M, siren: \"334489986\", creditor_id: FR56ZZZ564318}\n"
      "products:\n"
      "  - {code: P1, name: P, kind: bad, benefits: [{category: LAB, formula: {real_costs: true}}],"
      " tariffs: [" +
      tariff +
      "]}\n"
      "  - {code: P1, name: P, kind: individual, benefits: [{category: LAB, formula: "
      "{real_costs: true}}], tariffs: [" +
      tariff + "]}\n");
  ASSERT_EQ(e.size(), 2u) << all_errors(e);
  EXPECT_EQ(e[1].to_string(), "t.yaml:5: products: duplicate product code P1 (first at line 4)");
}

}  // namespace
}  // namespace mutua

namespace mutua {
namespace {

// BEN-17: a stored year keeps its table. Before: undated PHARMA_NR 20.00 a year, dated 2026
// 30.00. After: undated 25.00 (2025 changes: 20.00 → 25.00), a new 2027 table 40.00 (2027
// changes: 30.00 → 40.00), 2026 still 30.00. Stored years {2024, 2026, 2027, 2025}: the changed
// ones are 2024 and 2025 (undated 20 → 25) and 2027 (30 → 40), ascending; 2026 is unchanged.
// The declaration line and the order of the benefits do not count.
TEST(CatalogueBenefits, BEN_17_ChangedStoredYears) {
  auto table = [](int euros, int line) {
    Benefit b;
    b.category = "PHARMA_NR";
    b.formula = Formula{};
    b.formula->amount = Allowance{Money::from_euros(euros), Per::kYear};
    b.line = line;
    Benefit h;
    h.category = "HOSP_DAILY_FEE";
    h.formula = Formula{};
    h.formula->real_costs = true;
    return std::vector<Benefit>{b, h};
  };
  Product before;
  before.benefits = table(20, 10);
  before.benefit_tables.push_back(BenefitTable{2026, {}, "", table(30, 20), 0});
  Product after = before;
  after.benefits = table(25, 99);
  std::reverse(after.benefit_tables[0].benefits.begin(), after.benefit_tables[0].benefits.end());
  after.benefit_tables[0].benefits[1].line = 77;
  after.benefit_tables.push_back(BenefitTable{2027, {}, "", table(40, 30), 0});
  EXPECT_EQ(benefit_years_changed(before, after, {2024, 2026, 2027, 2025}),
            (std::vector<int>{2024, 2025, 2027}));
  // With only 2026 stored (its dated table kept), nothing stored changes: the load is allowed.
  EXPECT_TRUE(benefit_years_changed(before, after, {2026}).empty());
  EXPECT_TRUE(same_benefits(before.benefit_tables[0].benefits, after.benefit_tables[0].benefits));
  EXPECT_FALSE(same_benefits(before.benefits, after.benefits));
}

// BEN-17: a bad entry of benefit_tables is reported once, for what is wrong (its year), and not
// also as "expected a non-empty list" (the list has one entry); an empty list is still refused.
TEST(CatalogueYaml, BEN_17_BadBenefitTableEntryReportedOnce) {
  Errors e = errors_of(doc("    benefit_tables:\n"
                           "      - year: abc\n        decided: 2025-10-16\n        benefits:\n"
                           "          - category: PHARMA_NR\n"
                           "            formula: {amount: 30.00, per: year}\n"));
  ASSERT_EQ(e.size(), 1u) << all_errors(e);
  EXPECT_NE(e[0].to_string().find("year"), std::string::npos) << all_errors(e);
  EXPECT_EQ(all_errors(e).find("non-empty"), std::string::npos) << all_errors(e);
  Errors empty = errors_of(doc("    benefit_tables: []\n"));
  ASSERT_EQ(empty.size(), 1u) << all_errors(empty);
  EXPECT_NE(empty[0].message.find("expected a non-empty list"), std::string::npos);
}

}  // namespace
}  // namespace mutua

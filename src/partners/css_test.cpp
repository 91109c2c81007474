// CSS detection (PAR-08) against the published 2025-04-01..2026-03-31 table of
// config/regulation.yaml (PARAMETERS.md "Complémentaire santé solidaire").
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "partners/css.hpp"

namespace mutua {
namespace {

Date d(const char* t) { return *parse_date(t); }
Money eur(int64_t euros) { return Money::from_euros(euros); }

const Regulation& regulation() {
  static const Regulation reg =
      *Regulation::load_file(std::string(MUTUA_SOURCE_DIR) + "/config/regulation.yaml");
  return reg;
}

CssTable table_on(const char* date) { return *css_table(regulation(), d(date)); }

CssRequest household(int persons, Money resources, int age = 40) {
  CssRequest r;
  r.resources = resources;
  r.persons.assign(persons, CssPerson{age, false});
  return r;
}

CssDecision decide(const CssRequest& r, const char* date = "2025-06-01") {
  auto decision = check_css(table_on(date), r);
  EXPECT_TRUE(decision.ok()) << (decision ? "" : decision.error().to_string());
  return *decision;
}

// The published ceilings for households of 1 to 6 (4 + each extra person).
struct Ceilings {
  int persons;
  int64_t free_euros;
  int64_t participatory_euros;
};
constexpr Ceilings kPublished[] = {{1, 10339, 13957}, {2, 15508, 20936}, {3, 18609, 25123},
                                   {4, 21711, 29311}, {5, 25846, 34894}, {6, 29981, 40477}};

// PAR-08: one euro below, at, and one euro above each ceiling, for households of 1 to 6.
TEST(Css, PAR08_CeilingBoundariesForHouseholdsOfOneToSix) {
  for (const Ceilings& c : kPublished) {
    SCOPED_TRACE("household of " + std::to_string(c.persons));
    const auto at = [&](int64_t euros) { return decide(household(c.persons, eur(euros))); };
    EXPECT_EQ(at(c.free_euros - 1).outcome, CssOutcome::kFree);
    EXPECT_EQ(at(c.free_euros).outcome, CssOutcome::kFree);
    EXPECT_EQ(at(c.free_euros).ceiling, eur(c.free_euros));
    EXPECT_EQ(at(c.free_euros + 1).outcome, CssOutcome::kParticipatory);
    EXPECT_EQ(at(c.participatory_euros - 1).outcome, CssOutcome::kParticipatory);
    EXPECT_EQ(at(c.participatory_euros).outcome, CssOutcome::kParticipatory);
    EXPECT_EQ(at(c.participatory_euros).ceiling, eur(c.participatory_euros));
    EXPECT_EQ(at(c.participatory_euros + 1).outcome, CssOutcome::kNotEligible);
    EXPECT_EQ(at(c.participatory_euros + 1).ceiling, eur(c.participatory_euros));
    EXPECT_EQ(at(c.free_euros).household_size, c.persons);
  }
}

// PAR-08: a cent above the free ceiling is already participatory (exact cents, no rounding).
TEST(Css, PAR08_OneCentAboveTheFreeCeiling) {
  EXPECT_EQ(decide(household(1, Money::from_cents(1033900))).outcome, CssOutcome::kFree);
  EXPECT_EQ(decide(household(1, Money::from_cents(1033901))).outcome, CssOutcome::kParticipatory);
  EXPECT_EQ(decide(household(1, Money::from_cents(1395701))).outcome, CssOutcome::kNotEligible);
}

// PAR-08: the monthly participation of each age band, at the band boundaries.
TEST(Css, PAR08_ParticipationByAgeBandAtItsBoundaries) {
  const std::pair<int, int64_t> expected[] = {{0, 800},   {29, 800},  {30, 1400}, {49, 1400},
                                              {50, 2100}, {59, 2100}, {60, 2500}, {69, 2500},
                                              {70, 3000}, {104, 3000}};
  for (const auto& [age, cents] : expected) {
    SCOPED_TRACE("age " + std::to_string(age));
    CssDecision decision = decide(household(1, eur(12000), age));
    ASSERT_EQ(decision.outcome, CssOutcome::kParticipatory);
    EXPECT_EQ(decision.monthly_participation, Money::from_cents(cents));
    ASSERT_EQ(decision.shares.size(), 1u);
    EXPECT_EQ(decision.shares[0].band, css_band_of(age));
  }
  EXPECT_STREQ(css_band_name(css_band_of(29)), "0-29");
  EXPECT_STREQ(css_band_name(css_band_of(30)), "30-49");
  EXPECT_STREQ(css_band_name(css_band_of(50)), "50-59");
  EXPECT_STREQ(css_band_name(css_band_of(69)), "60-69");
  EXPECT_STREQ(css_band_name(css_band_of(70)), "70+");
}

// PAR-08: the household's participation is the sum of each person's, Alsace-Moselle apart.
TEST(Css, PAR08_HouseholdParticipationSumsEachPerson) {
  CssRequest r;
  r.resources = eur(30000);
  r.persons = {{45, false}, {52, false}, {17, false}, {71, false}, {62, false}};
  CssDecision general = decide(r);
  ASSERT_EQ(general.outcome, CssOutcome::kParticipatory);
  EXPECT_EQ(general.monthly_participation, eur(14 + 21 + 8 + 30 + 25));
  r.alsace_moselle = true;
  CssDecision local = decide(r);
  EXPECT_EQ(local.monthly_participation, Money::from_cents(490 + 730 + 280 + 1050 + 870));
}

// PAR-08: free CSS and no eligibility carry no participation.
TEST(Css, PAR08_NoParticipationOutsideTheParticipatoryCss) {
  CssDecision free = decide(household(2, eur(1000)));
  EXPECT_EQ(free.outcome, CssOutcome::kFree);
  EXPECT_TRUE(free.monthly_participation.is_zero());
  EXPECT_TRUE(free.shares.empty());
  CssDecision none = decide(household(2, eur(50000)));
  EXPECT_EQ(none.outcome, CssOutcome::kNotEligible);
  EXPECT_TRUE(none.monthly_participation.is_zero());
}

// PAR-08: the engine names the table it used.
TEST(Css, PAR08_TheTableIsNamed) {
  for (const char* date : {"2025-04-01", "2025-10-15", "2026-03-31"}) {
    CssTable t = table_on(date);
    EXPECT_EQ(t.name(), "2025-04-01..2026-03-31");
    EXPECT_TRUE(t.warnings.empty()) << date;
  }
  EXPECT_EQ(decide(household(1, eur(1))).table, "2025-04-01..2026-03-31");
}

// PAR-08: a date past the table's validity uses the latest table and warns.
TEST(Css, PAR08_DatePastTheTableWarns) {
  CssTable t = table_on("2026-04-01");
  EXPECT_EQ(t.name(), "2025-04-01..2026-03-31");
  ASSERT_EQ(t.warnings.size(), 1u);
  EXPECT_NE(t.warnings[0].find("2025-04-01..2026-03-31"), std::string::npos);
  EXPECT_NE(t.warnings[0].find("2026-04-01"), std::string::npos);
  EXPECT_EQ(t.free_ceiling(1), eur(10339));
  CssDecision decision = check_css(t, household(1, eur(12000))).value();
  EXPECT_EQ(decision.outcome, CssOutcome::kParticipatory);
  EXPECT_EQ(decision.warnings, t.warnings);
}

// PAR-08: before the first table there is nothing to apply.
TEST(Css, PAR08_DateBeforeTheFirstTableIsAnError) {
  auto t = css_table(regulation(), d("2025-03-31"));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().field, "--date");
  EXPECT_NE(t.error().message.find("2025-04-01"), std::string::npos);
}

// PAR-08: a later table is chosen by its own dates; a gap between two tables falls back on the
// earlier one with a warning; a figure missing from a table is an error naming it.
TEST(Css, PAR08_TablesAreChosenByDate) {
  std::string yaml = "schema: 1\nparameters:\n";
  auto money = [&](const std::string& key, const char* a, const char* b) {
    yaml += "  " + key + ":\n    unit: money\n    values:\n";
    yaml += std::string("      - {value: \"") + a +
            "\", from: 2025-04-01, to: 2026-03-31, source: s}\n";
    yaml += std::string("      - {value: \"") + b +
            "\", from: 2026-05-01, to: 2027-03-31, source: s}\n";
  };
  for (int n = 1; n <= 4; ++n) {
    money("css.ceiling.free." + std::to_string(n), "100", "200");
    money("css.ceiling.participatory." + std::to_string(n), "150", "250");
  }
  money("css.ceiling.free.extra", "10", "20");
  money("css.ceiling.participatory.extra", "15", "25");
  for (const char* band : {"age_0_29", "age_30_49", "age_50_59", "age_60_69", "age_70_plus"}) {
    money(std::string("css.participation.") + band, "1", "2");
  }
  auto reg = Regulation::load_string(yaml, "test.yaml");
  ASSERT_TRUE(reg.ok()) << reg.error().to_string();
  auto missing = css_table(*reg, d("2025-06-01"));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().field.find("css.participation_alsace_moselle"), std::string::npos);
  for (const char* band : {"age_0_29", "age_30_49", "age_50_59", "age_60_69", "age_70_plus"}) {
    money(std::string("css.participation_alsace_moselle.") + band, "1", "2");
  }
  reg = Regulation::load_string(yaml, "test.yaml");
  ASSERT_TRUE(reg.ok()) << reg.error().to_string();
  CssTable later = *css_table(*reg, d("2026-05-01"));
  EXPECT_EQ(later.name(), "2026-05-01..2027-03-31");
  EXPECT_EQ(later.free_ceiling(6), eur(200 + 2 * 20));
  EXPECT_TRUE(later.warnings.empty());
  CssTable gap = *css_table(*reg, d("2026-04-15"));
  EXPECT_EQ(gap.name(), "2025-04-01..2026-03-31");
  EXPECT_EQ(gap.participatory_ceiling(5), eur(150 + 15));
  EXPECT_EQ(gap.warnings.size(), 1u);
}

// PAR-08: resources are euros with exact cents; anything else names --resources.
TEST(Css, PAR08_ResourcesParsing) {
  EXPECT_EQ(*parse_css_resources("12345"), Money::from_cents(1234500));
  EXPECT_EQ(*parse_css_resources("12345.67"), Money::from_cents(1234567));
  EXPECT_EQ(*parse_css_resources("0"), Money());
  for (const char* bad : {"", "-1", "12 345", "12345,67", "1e4", "12345.678", "+5", "abc"}) {
    auto r = parse_css_resources(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().field, "--resources") << bad;
  }
}

// PAR-08: persons are AGE or AGE:half; anything else names --person.
TEST(Css, PAR08_PersonParsing) {
  EXPECT_EQ(parse_css_person("0")->age, 0);
  EXPECT_EQ(parse_css_person("120")->age, 120);
  EXPECT_FALSE(parse_css_person("42")->half);
  EXPECT_TRUE(parse_css_person("8:half")->half);
  for (const char* bad : {"", "-3", "121", "4.5", "x", "8:full", "8:", ":half", "1000"}) {
    auto r = parse_css_person(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().field, "--person") << bad;
  }
}

// PAR-08: a household needs its applicant; alternating custody is for minors and is refused
// (its ceiling cannot be derived exactly from the published table).
TEST(Css, PAR08_BadHouseholds) {
  const CssTable t = table_on("2025-06-01");
  auto empty = check_css(t, household(0, eur(1000)));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().field, "--person");

  CssRequest applicant_half = household(1, eur(1000));
  applicant_half.persons[0].half = true;
  EXPECT_EQ(check_css(t, applicant_half).error().field, "--person");

  CssRequest adult_half = household(1, eur(1000));
  adult_half.persons.push_back({18, true});
  EXPECT_EQ(check_css(t, adult_half).error().field, "--person");

  CssRequest child_half = household(1, eur(1000));
  child_half.persons.push_back({8, true});
  auto refused = check_css(t, child_half);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().rule_id, "PAR-08");

  CssRequest negative = household(1, Money::from_cents(-1));
  EXPECT_EQ(check_css(t, negative).error().field, "--resources");
}

int rank(CssOutcome o) {
  return o == CssOutcome::kFree ? 0 : o == CssOutcome::kParticipatory ? 1 : 2;
}

// PAR-08: more resources never give a better outcome; a larger household never a worse one.
RC_GTEST_PROP(Css, PAR08_OutcomeIsMonotonic, ()) {
  const CssTable t = table_on("2025-06-01");
  const int persons = *rc::gen::inRange(1, 10);
  const int64_t cents = *rc::gen::inRange<int64_t>(0, 6000000);
  const int64_t more = *rc::gen::inRange<int64_t>(0, 1000000);
  const auto outcome = [&](int n, int64_t c) {
    return rank(check_css(t, household(n, Money::from_cents(c))).value().outcome);
  };
  RC_ASSERT(outcome(persons, cents) <= outcome(persons, cents + more));
  RC_ASSERT(outcome(persons + 1, cents) <= outcome(persons, cents));
}

}  // namespace
}  // namespace mutua

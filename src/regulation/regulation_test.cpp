// Tests of the dated regulatory figures: the real config/regulation.yaml loads and answers by
// date; malformed files are refused with file:line.
#include "regulation/regulation.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace mutua {
namespace {

const std::string kConfig = std::string(MUTUA_SOURCE_DIR) + "/config/regulation.yaml";

const Regulation& real() {
  static const Regulation reg = [] {
    auto r = Regulation::load_file(kConfig);
    if (!r) ADD_FAILURE() << r.error().to_string();
    return r ? *r : Regulation{};
  }();
  return reg;
}

Money money(std::string_view key, Date d) {
  auto r = real().money_at(key, d);
  EXPECT_TRUE(r.ok()) << (r ? "" : r.error().to_string());
  return r ? *r : Money{};
}

TEST(RegulationFile, LoadsTheRealConfig) {
  auto r = Regulation::load_file(kConfig);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_GT(r->parameters().size(), 90u);
}

// BEN-03: the forfait journalier in force depends on the date of the stay.
TEST(RegulationFile, BEN_03_DailyFeeByDate) {
  EXPECT_EQ(money("hospital.daily_fee", make_date(2025, 6, 1)), Money::from_cents(2000));
  EXPECT_EQ(money("hospital.daily_fee", make_date(2026, 2, 28)), Money::from_cents(2000));
  EXPECT_EQ(money("hospital.daily_fee", make_date(2026, 3, 1)), Money::from_cents(2300));
  EXPECT_EQ(money("hospital.daily_fee_psychiatry", make_date(2025, 6, 1)), Money::from_cents(1500));
  EXPECT_EQ(money("hospital.daily_fee_psychiatry", make_date(2026, 3, 1)), Money::from_cents(1700));
}

// BEN-04: the flat fee and franchises doubled in 2024, on different dates.
TEST(RegulationFile, BEN_04_FlatFeeAndFranchises) {
  EXPECT_EQ(money("ro.flat_fee", make_date(2024, 5, 14)), Money::from_cents(100));
  EXPECT_EQ(money("ro.flat_fee", make_date(2024, 5, 15)), Money::from_cents(200));
  EXPECT_EQ(money("ro.franchise.medicine", make_date(2024, 3, 30)), Money::from_cents(50));
  EXPECT_EQ(money("ro.franchise.medicine", make_date(2024, 3, 31)), Money::from_cents(100));
  EXPECT_EQ(money("ro.franchise.annual_cap", make_date(2026, 1, 1)), Money::from_euros(50));
}

TEST(RegulationFile, RatesAndResponsibleFigures) {
  const Date d = make_date(2026, 1, 1);
  EXPECT_EQ(*real().basis_points_at("ro.rate.doctor_in_pathway", d), 7000);
  EXPECT_EQ(*real().basis_points_at("ro.rate.doctor_out_of_pathway", d), 3000);
  EXPECT_EQ(*real().basis_points_at("ro.rate.dental", make_date(2023, 9, 30)), 7000);
  EXPECT_EQ(*real().basis_points_at("ro.rate.dental", make_date(2023, 10, 1)), 6000);
  EXPECT_EQ(*real().basis_points_at("non_optam.excess_cap_pct_br", d), 10000);  // BEN-05
  EXPECT_EQ(*real().basis_points_at("non_optam.optam_gap_pct_br", d), 2000);    // BEN-05
  EXPECT_EQ(money("optics.max.simple_simple", d), Money::from_euros(420));      // BEN-07
  EXPECT_EQ(money("optics.min", d), Money::from_euros(50));
  EXPECT_EQ(money("hearing.max_per_ear", d), Money::from_euros(1700));
  // Issue 15: the mixed-lens maxima are in force (confirmed).
  EXPECT_EQ(money("optics.max.simple_complex", d), Money::from_euros(560));
  EXPECT_TRUE(real().at("optics.max.simple_complex", d)->confirmed);
  EXPECT_EQ(*real().integer_at("labelled.solidarity_ratio_max", d), 3);  // TAR-04
  EXPECT_EQ(*real().basis_points_at("lfss.levy_pct", d), 205);
  EXPECT_FALSE(real().at("lfss.levy_pct", make_date(2027, 1, 1)).ok());
}

// Issue 15 item 13, read by the domain where they apply: BEN-19 forfait patient urgences
// (19.61 € until 28 February 2026, 23 € from 1 March 2026; reduced 8.49 € then 9.96 €), BEN-20
// separate 50 € caps, BEN-18 hearing aids at 20 or under (1,400 € per ear), TAX-01 TSA
// (13.27 % responsible, 20.27 % otherwise), and the figures now confirmed in force.
TEST(RegulationFile, BEN_18_BEN_19_BEN_20_TAX_01_Issue15Figures) {
  EXPECT_EQ(money("hospital.emergency_flat_fee", make_date(2026, 2, 28)), Money::from_cents(1961));
  EXPECT_EQ(money("hospital.emergency_flat_fee", make_date(2026, 3, 1)), Money::from_cents(2300));
  EXPECT_EQ(money("hospital.emergency_flat_fee_reduced", make_date(2026, 2, 28)),
            Money::from_cents(849));
  EXPECT_EQ(money("hospital.emergency_flat_fee_reduced", make_date(2026, 3, 1)),
            Money::from_cents(996));
  const Date d = make_date(2026, 6, 1);
  EXPECT_EQ(money("ro.flat_fee.annual_cap", d), Money::from_euros(50));
  EXPECT_EQ(money("ro.franchise.annual_cap", d), Money::from_euros(50));
  EXPECT_EQ(real().at("ro.deductions.exempt", d)->value, "MINOR,CSS,AME,MATERNITY");
  EXPECT_EQ(*real().integer_at("hearing.young.max_age", d), 20);
  EXPECT_EQ(money("hearing.young.price_limit_per_ear", d), Money::from_euros(1400));
  EXPECT_EQ(*real().basis_points_at("tax.tsa.responsible_pct", d), 1327);
  EXPECT_EQ(*real().basis_points_at("tax.tsa.other_pct", d), 2027);
  EXPECT_TRUE(real().at("responsible.tm_not_mandatory", d)->confirmed);
  EXPECT_TRUE(real().at("ro.costly_act_fee", make_date(2026, 4, 21))->confirmed);
  EXPECT_EQ(money("ro.costly_act_fee", make_date(2026, 4, 21)), Money::from_euros(24));
}

// MAJ-02, MAJ-03: majoration figures, the unconfirmed dates flagged.
TEST(RegulationFile, MAJ_02_MajorationFigures) {
  const Date d = make_date(2026, 1, 1);
  EXPECT_EQ(*real().basis_points_at("majoration.rate_per_year", d), 200);
  EXPECT_EQ(*real().date_at("majoration.reference_date", d), make_date(2011, 11, 8));
  EXPECT_EQ(*real().date_at("majoration.legacy_start", d), make_date(2014, 8, 31));
  EXPECT_FALSE(real().at("majoration.legacy_start", d)->confirmed);
  EXPECT_EQ(*real().integer_at("majoration.age_threshold", d), 30);
}

TEST(RegulationFile, CssTableHasAnEnd) {
  EXPECT_EQ(money("css.ceiling.free.1", make_date(2025, 4, 1)), Money::from_euros(10339));
  auto late = real().money_at("css.ceiling.free.1", make_date(2026, 4, 1));
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.error().message.find("css.ceiling.free.1"), std::string::npos);
  EXPECT_NE(late.error().message.find("2026-04-01"), std::string::npos);
}

TEST(RegulationLookup, UnknownKeyAndWrongUnitNameTheKeyAndDate) {
  auto r = real().money_at("no.such.key", make_date(2025, 1, 2));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().to_string().find("no.such.key"), std::string::npos);
  EXPECT_NE(r.error().to_string().find("2025-01-02"), std::string::npos);
  auto w = real().money_at("ro.rate.hospital", make_date(2025, 1, 2));
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.error().to_string().find("ro.rate.hospital"), std::string::npos);
}

Error load_error(const std::string& yaml) {
  auto r = Regulation::load_string(yaml, "reg.yaml");
  EXPECT_FALSE(r.ok());
  return r ? Error{} : r.error();
}

TEST(RegulationLoad, OverlappingPeriodsNameFileAndLine) {
  Error e = load_error(
      "schema: 1\n"
      "parameters:\n"
      "  hospital.daily_fee:\n"
      "    unit: money\n"
      "    values:\n"
      "      - {value: \"20.00\", from: 2018-01-01, source: s}\n"
      "      - {value: \"23.00\", from: 2026-03-01, source: s}\n");
  EXPECT_EQ(e.file, "reg.yaml");
  EXPECT_EQ(e.line, 7);
  EXPECT_EQ(e.field, "hospital.daily_fee");
  EXPECT_NE(e.message.find("overlaps"), std::string::npos);
  EXPECT_EQ(e.to_string().rfind("reg.yaml:7: hospital.daily_fee: ", 0), 0u) << e.to_string();
}

TEST(RegulationLoad, UnknownUnit) {
  Error e = load_error(
      "schema: 1\nparameters:\n  a.b:\n    unit: euros\n    values:\n"
      "      - {value: \"1\", from: 2020-01-01, source: s}\n");
  EXPECT_EQ(e.line, 4);
  EXPECT_EQ(e.field, "a.b.unit");
}

TEST(RegulationLoad, BadDateAndBadValue) {
  Error e = load_error(
      "schema: 1\nparameters:\n  a.b:\n    unit: money\n    values:\n"
      "      - {value: \"1\", from: 2020-02-30, source: s}\n");
  EXPECT_EQ(e.line, 6);
  EXPECT_EQ(e.field, "a.b.values[0].from");
  e = load_error(
      "schema: 1\nparameters:\n  a.b:\n    unit: percent\n    values:\n"
      "      - {value: \"2.055\", from: 2020-01-01, source: s}\n");
  EXPECT_EQ(e.line, 6);
  EXPECT_EQ(e.field, "a.b.values[0].value");
  e = load_error(
      "schema: 1\nparameters:\n  a.b:\n    unit: integer\n    values:\n"
      "      - {value: \"x\", from: 2020-01-01, source: s}\n");
  EXPECT_EQ(e.field, "a.b.values[0].value");
}

TEST(RegulationLoad, BadKeyAndSyntaxError) {
  Error e = load_error(
      "schema: 1\nparameters:\n  A.b:\n    unit: money\n    values:\n"
      "      - {value: \"1\", from: 2020-01-01, source: s}\n");
  EXPECT_EQ(e.line, 3);
  e = load_error("schema: 1\nparameters:\n  a.b: [unclosed\n");
  EXPECT_GT(e.line, 0);
  EXPECT_NE(e.message.find("YAML syntax error"), std::string::npos);
}

TEST(Percent, ParsesBasisPoints) {
  EXPECT_EQ(*parse_percent_bp("2"), 200);
  EXPECT_EQ(*parse_percent_bp("2.05"), 205);
  EXPECT_EQ(*parse_percent_bp("0.5"), 50);
  EXPECT_EQ(*parse_percent_bp("-3"), -300);
  EXPECT_FALSE(parse_percent_bp("").ok());
  EXPECT_FALSE(parse_percent_bp("2.").ok());
  EXPECT_FALSE(parse_percent_bp("2%").ok());
  EXPECT_FALSE(parse_percent_bp("1.234").ok());
}

RC_GTEST_PROP(Percent, RoundTripsHundredths, (int bp)) {
  bp = bp % 1000000;
  bool neg = bp < 0;
  int a = neg ? -bp : bp;
  std::string text = (neg ? "-" : "") + std::to_string(a / 100) + "." +
                     std::to_string(a % 100 / 10) + std::to_string(a % 10);
  auto r = parse_percent_bp(text);
  RC_ASSERT(r.ok());
  RC_ASSERT(*r == bp);
}

// A date inside consecutive periods always finds exactly the value whose period holds it.
RC_GTEST_PROP(RegulationLookup, EveryDateFindsItsPeriod, ()) {
  const int day = *rc::gen::inRange(0, 3000);
  const Date d = add_days(make_date(2018, 1, 1), day);
  auto v = real().money_at("hospital.daily_fee", d);
  RC_ASSERT(v.ok());
  RC_ASSERT(*v == (d < make_date(2026, 3, 1) ? Money::from_cents(2000) : Money::from_cents(2300)));
}

}  // namespace
}  // namespace mutua

#include "regulation/bounds.hpp"

namespace mutua {
namespace {

// Issue 14: the bounds on input are parameters of the file, each itself bounded so that no sum
// of bounded amounts can overflow int64 cents.
TEST(InputBounds, ReadFromTheFileAndThemselvesBounded) {
  auto b = InputBounds::at(*Regulation::load_file(kConfig), make_date(2026, 6, 1));
  ASSERT_TRUE(b.ok()) << b.error().to_string();
  EXPECT_EQ(b->payment_max, *Money::parse("100000.00"));
  EXPECT_EQ(b->care_line_max, *Money::parse("1000000.00"));
  EXPECT_EQ(b->tariff_monthly_max, *Money::parse("10000.00"));
  EXPECT_EQ(b->ro_tolerance, *Money::parse("0.05"));
  EXPECT_EQ(b->ro_tolerance_bp, 100);

  const std::string yaml = R"(schema: 1
parameters:
  bounds.payment.amount_max:
    unit: money
    description: "x"
    values:
      - {value: "92233720368547758.07", from: 2000-01-01, source: "test"}
)";
  auto reg = Regulation::load_string(yaml, "r.yaml");
  ASSERT_TRUE(reg.ok()) << reg.error().to_string();
  auto refused = InputBounds::at(*reg, make_date(2026, 6, 1));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("bounds.payment.amount_max: a bound must be between 0 and "
                                         "100000000.00"),
            std::string::npos)
      << refused.error().message;
}

TEST(InputBounds, RoConsistencyTolerance) {
  InputBounds b;
  b.ro_tolerance = Money::from_cents(5);
  b.ro_tolerance_bp = 100;
  const Money base = Money::from_cents(3000);
  EXPECT_FALSE(ro_inconsistency(base, 70, Money::from_cents(2100), b));
  EXPECT_FALSE(ro_inconsistency(base, 70, Money::from_cents(2105), b));  // absolute 0.05 < 0.21
  EXPECT_FALSE(ro_inconsistency(base, 70, Money::from_cents(2079), b));
  EXPECT_TRUE(ro_inconsistency(base, 70, Money::from_cents(2122), b));
  EXPECT_TRUE(ro_inconsistency(base, 70, Money::from_cents(0), b));
  // A small amount: the absolute tolerance applies (1% of 0.70 is less than a cent).
  EXPECT_FALSE(ro_inconsistency(Money::from_cents(100), 70, Money::from_cents(75), b));
  EXPECT_TRUE(ro_inconsistency(Money::from_cents(100), 70, Money::from_cents(76), b));
}

}  // namespace
}  // namespace mutua

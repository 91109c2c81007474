#include "app/claims_examples.hpp"

#include <optional>
#include <string_view>

#include "claims/adjudicate.hpp"
#include "claims/care_line.hpp"
#include "core/date.hpp"

namespace mutua {
namespace {

// One example of the list, as the assumptions a reader needs to redo the sum.
struct ExampleDefinition {
  std::string_view label;        // French: what members read
  std::string_view category;     // care category (INTERFACES.md)
  std::string_view charged;      // assumed price for the whole line, euros; "" = charged_key
  std::string_view charged_key;  // regulation key of a regulated price (forfait journalier)
  std::string_view base;         // base de remboursement, euros
  std::string_view ro_rate_key;  // regulation key of the RO rate; "" = the RO pays nothing
  bool flat_fee;                 // the RO deducts the participation forfaitaire (ro.flat_fee)
  std::optional<bool> optam;     // doctor categories only
  Basket basket;
  int quantity;
};

constexpr std::string_view kDoctorRate = "ro.rate.doctor_in_pathway";

// ILLUSTRATIVE typical prices (2026 France), not data: they only give the examples a realistic
// shape. Rates, the participation forfaitaire and the daily fee are read from the regulation at
// the care date. Simplifications:
// - GP: G = 30.00; the non-OPTAM GP keeps the same base (a 10.00 excess), for simplicity.
// - Specialist: OPTAM base 31.50 (tariff.consultation_specialist); a secteur 2 non-OPTAM
//   specialist's base stays at the old 23.00; both charge 60.00.
// - Optics class B (outside 100% santé): base 0.05 per lens and frame (optics.class_b.ro_base),
//   so 0.15; class A: the RO base is the legal price, so the basket leaves nothing to pay.
// - Crowns: base 120.00; 100% santé ceramo-metal crown at its price limit 500.00.
// - Hearing class II: base 400.00 per ear (hearing.ro_base), 1500.00 the ear.
// - Private room, osteopath, daily fee: not reimbursed by the RO (base 0).
constexpr ExampleDefinition kExamples[] = {
    {"Forfait journalier hospitalier (1 jour)", "HOSP_DAILY_FEE", "", "hospital.daily_fee", "0", "",
     false, std::nullopt, Basket::kNone, 1},
    {"Chambre particulière (1 jour)", "PRIVATE_ROOM", "80.00", "", "0", "", false, std::nullopt,
     Basket::kNone, 1},
    {"Consultation généraliste OPTAM", "CONSULT_GP", "30.00", "", "30.00", kDoctorRate, true, true,
     Basket::kNone, 1},
    {"Consultation généraliste non OPTAM", "CONSULT_GP", "40.00", "", "30.00", kDoctorRate, true,
     false, Basket::kNone, 1},
    {"Consultation spécialiste OPTAM", "CONSULT_SPE", "60.00", "", "31.50", kDoctorRate, true, true,
     Basket::kNone, 1},
    {"Consultation spécialiste non OPTAM", "CONSULT_SPE", "60.00", "", "23.00", kDoctorRate, true,
     false, Basket::kNone, 1},
    {"Lunettes verres simples hors 100 % santé", "OPTICS_FRAME_LENSES", "350.00", "", "0.15",
     "ro.rate.optics", false, std::nullopt, Basket::kFree, 1},
    {"Lunettes verres simples 100 % santé", "OPTICS_100S", "95.00", "", "95.00", "ro.rate.optics",
     false, std::nullopt, Basket::k100S, 1},
    {"Couronne céramo-métallique molaire (tarif libre)", "DENTAL_PROSTH_FREE", "600.00", "",
     "120.00", "ro.rate.dental", false, std::nullopt, Basket::kFree, 1},
    {"Couronne céramo-métallique incisive 100 % santé", "DENTAL_PROSTH_100S", "500.00", "",
     "120.00", "ro.rate.dental", false, std::nullopt, Basket::k100S, 1},
    {"Aide auditive classe II (1 oreille)", "HEARING_FREE", "1500.00", "", "400.00",
     "ro.rate.hearing", false, std::nullopt, Basket::kFree, 1},
    {"Séance d'ostéopathie", "ALT_MEDICINE", "60.00", "", "0", "", false, std::nullopt,
     Basket::kNone, 1},
};

// The literals above are code: a bad one is a bug, not input.
Money literal(std::string_view text) {
  Result<Money> m = Money::parse(text);
  MUTUA_ASSERT(m.ok());
  return *m;
}

// The synthetic line: the RO side computed as the RO would (base × rate − flat fee).
Result<CareLine> example_line(const ExampleDefinition& def, Date care_date, int number,
                              const Regulation& regulation, int& ro_rate_bp) {
  CareLine line;
  line.claim_id = "EXAMPLE";
  line.line = number;
  line.contract_id = "EXAMPLE";
  line.beneficiary_id = "EXAMPLE";
  line.care_date = care_date;
  line.received_date = care_date;
  line.category = std::string(def.category);
  line.quantity = def.quantity;
  line.optam = def.optam;
  line.basket = def.basket;
  line.payee = Payee::kMember;
  line.base = literal(def.base);
  if (def.charged.empty()) {
    auto price = regulation.money_at(def.charged_key, care_date);
    if (!price) return price.error();
    line.charged = *price * def.quantity;
  } else {
    line.charged = literal(def.charged);
  }

  ro_rate_bp = 0;
  if (!def.ro_rate_key.empty()) {
    auto rate = regulation.basis_points_at(def.ro_rate_key, care_date);
    if (!rate) return rate.error();
    ro_rate_bp = *rate;
    line.ro_rate = *rate / 100;
  }
  const Money gross = line.base.mul_bp(ro_rate_bp);
  if (def.flat_fee && !gross.is_zero()) {
    auto fee = regulation.money_at("ro.flat_fee", care_date);
    if (!fee) return fee.error();
    line.flat_fee = min(*fee, gross);  // the RO cannot deduct more than it pays
  }
  line.ro_paid = gross - line.flat_fee;
  return line;
}

Result<ReimbursementExample> run_example(const ExampleDefinition& def, const Product& product,
                                         Date care_date, int number, const Regulation& regulation) {
  ReimbursementExample ex;
  Result<CareLine> line = example_line(def, care_date, number, regulation, ex.ro_rate_bp);
  if (!line) return line.error();
  Result<LineRules> rules = line_rules(regulation, *line);
  if (!rules) return rules.error();

  LineContext context;
  // BEN-17: the benefit table in force in the year of the examples; nullptr → NOT_COVERED.
  context.benefit = product.benefit_for(line->category, year_of(care_date));
  context.responsible = product.responsible;
  context.rules = *rules;
  AccumulatorState state;  // fresh: an example never inherits another's consumption

  ex.label = std::string(def.label);
  ex.category = line->category;
  ex.quantity = line->quantity;
  ex.charged = line->charged;
  ex.base = line->base;
  ex.ro_paid = line->ro_paid;
  ex.flat_fee = line->flat_fee;
  ex.decision = adjudicate(*line, context, state);
  return ex;
}

}  // namespace

Result<ExamplesReport> reimbursement_examples(const Catalogue& catalogue,
                                              const std::string& product, int year,
                                              const Regulation& regulation) {
  const Product* p = catalogue.find(product);
  if (p == nullptr) {
    return Error{"unknown product '" + product + "': not in the catalogue"};
  }
  ExamplesReport report;
  report.product = p->code;
  report.product_name = p->name;
  report.year = year;
  // Mid-year, so that a figure revalued during the year (hospital.daily_fee on 1 March 2026)
  // shows its new value.
  const Date care_date = make_date(year, 7, 1);
  int number = 0;
  for (const ExampleDefinition& def : kExamples) {
    Result<ReimbursementExample> ex = run_example(def, *p, care_date, ++number, regulation);
    if (!ex) return ex.error();
    report.examples.push_back(std::move(ex).value());
  }
  return report;
}

}  // namespace mutua

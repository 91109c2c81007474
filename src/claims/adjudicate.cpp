#include "claims/adjudicate.hpp"

#include <fmt/format.h>

#include "catalogue/validation.hpp"

namespace mutua {
namespace {

constexpr int kBasisPointsPerPercent = 100;

std::string pct_text(int basis_points) {
  if (basis_points % kBasisPointsPerPercent == 0) return fmt::format("{}%", basis_points / 100);
  return fmt::format("{}.{:02}%", basis_points / 100, basis_points % 100);
}

Money floor0(Money m) { return m.is_negative() ? Money{} : m; }

// ---- stopping checks ------------------------------------------------------------------------

struct Stop {
  ClaimStatus status;
  Reason reason;
  const char* rule_id;
  std::string text;
};

bool in_basket(const CareLine& line) {
  if (line.basket == Basket::k100S) return true;
  return line.basket == Basket::kNone && line.category.ends_with("_100S");
}

// The formula for this line (BEN-01, BEN-05 OPTAM / non-OPTAM); nullptr when there is none.
const Formula* choose_formula(const CareLine& line, const Benefit& benefit) {
  const bool optam = line.optam.value_or(false);  // empty = not OPTAM (INTERFACES)
  const std::optional<Formula>& own = optam ? benefit.optam : benefit.non_optam;
  if (own && (optam || line.optam.has_value() || is_doctor_category(line.category))) return &*own;
  if (benefit.formula) return &*benefit.formula;
  return nullptr;
}

std::optional<Stop> rights_stop(RightsStatus rights) {
  switch (rights) {
    case RightsStatus::kOpen:
      return std::nullopt;
    case RightsStatus::kNotStarted:
      return Stop{ClaimStatus::kRejected, Reason::kNoRights, "ADH-07",
                  "care before the rights opening date: no benefit"};
    case RightsStatus::kEnded:
      return Stop{ClaimStatus::kRejected, Reason::kNoRights, "CES-01",
                  "care after the end of rights: no benefit"};
    case RightsStatus::kSuspended:
      return Stop{ClaimStatus::kRejected, Reason::kSuspended, "SUS-01",
                  "care during a suspension of rights: no benefit"};
    case RightsStatus::kTerminatedNonPayment:
      return Stop{ClaimStatus::kRejected, Reason::kNoRights, "DUN-03",
                  "care after the termination of the guarantees for non-payment: no benefit"};
    case RightsStatus::kSuspendedNonPayment:
      return Stop{ClaimStatus::kRejected, Reason::kSuspended, "DUN-02",
                  "care during a suspension of guarantees for non-payment that ended in a "
                  "termination: no benefit"};
  }
  return std::nullopt;
}

std::optional<Stop> prescription_stop(const CareLine& line, const LineRules& rules) {
  if (!rules.prescription_years) return std::nullopt;
  Date limit = add_years(line.received_date, -*rules.prescription_years);
  if (!(line.care_date < limit)) return std::nullopt;
  return Stop{ClaimStatus::kRejected, Reason::kPrescribed, "BEN-11",
              fmt::format("care on {} is more than {} years before receipt on {} (limit {})",
                          format_date(line.care_date), *rules.prescription_years,
                          format_date(line.received_date), format_date(limit))};
}

std::optional<Stop> ro_stop(const CareLine& line) {
  const bool ro_nothing = line.ro_gross().is_zero();
  if (line.abroad() && (line.base.is_zero() || ro_nothing)) {
    return Stop{ClaimStatus::kRejected, Reason::kNoRo, "BEN-10",
                "care abroad the RO has not covered: the RO must cover it first"};
  }
  if (!line.abroad() && !line.base.is_zero() && ro_nothing) {
    return Stop{ClaimStatus::kRejected, Reason::kNoRo, "BEN-10",
                fmt::format("the RO set a base of {} but reimbursed nothing", line.base.format())};
  }
  return std::nullopt;
}

std::optional<Stop> coverage_stop(const CareLine& line, const LineContext& ctx,
                                  const Formula*& formula) {
  if (ctx.benefit == nullptr) {
    return Stop{ClaimStatus::kRejected, Reason::kNotCovered, "BEN-01",
                "the product has no benefit for " + line.category};
  }
  formula = choose_formula(line, *ctx.benefit);
  if (formula == nullptr) {
    return Stop{ClaimStatus::kRejected, Reason::kNotCovered, "BEN-01",
                std::string("the product has no formula for ") +
                    (line.optam.value_or(false) ? "OPTAM" : "non-OPTAM") + " doctors in " +
                    line.category};
  }
  if (formula->full_basket && !in_basket(line)) {
    return Stop{ClaimStatus::kRejected, Reason::kNotCovered, "BEN-06",
                "the benefit covers the 100% sante basket only and the line is outside it"};
  }
  return std::nullopt;
}

std::optional<Stop> first_stop(const CareLine& line, const LineContext& ctx,
                               const Formula*& formula) {
  if (ctx.duplicate) {
    return Stop{ClaimStatus::kDuplicate, Reason::kDuplicate, "BEN-12",
                fmt::format("line {}/{} was already decided: paid once", line.claim_id, line.line)};
  }
  if (auto s = rights_stop(ctx.rights)) return s;
  if (auto s = prescription_stop(line, ctx.rules)) return s;
  if (line.abroad() && !line.emergency && !line.prior_approval) {
    return Stop{ClaimStatus::kRejected, Reason::kAbroadNoApproval, "BEN-10",
                "planned care abroad (" + line.country + ") without prior approval"};
  }
  if (auto s = ro_stop(line)) return s;
  if (auto s = coverage_stop(line, ctx, formula)) return s;
  if (ctx.in_arrears) {
    return Stop{ClaimStatus::kPending, Reason::kArrears, "BEN-09",
                "the contract is in arrears: held until the account is regularised"};
  }
  return std::nullopt;
}

// ---- amount of a paid line ------------------------------------------------------------------

// What a paid line computes and would consume (applied to the state afterwards).
struct Outcome {
  Money rc;
  Money ro_gross_used;
  Money formula_amount;
  std::vector<Step> steps;
  std::vector<Reason> reasons;
  UsageKey window;
  bool tracks_window = false;
  int units_paid = 0;
  Money budget_take;  // yearly budget actually paid
  std::optional<UsageKey> renewal;  // the equipment entry a paid line records (BEN-16)
  int renewal_units = 0;
};

bool counts_units(const Formula& f) {
  auto unit = [](const std::optional<Allowance>& a) {
    return a && (a->per == Per::kAct || a->per == Per::kDay);
  };
  return unit(f.amount) || unit(f.plus);
}

// Euro allowance for the units paid; per year draws on the budget left.
Money allowance_amount(const Allowance& a, int units_paid, Money budget_left) {
  switch (a.per) {
    case Per::kAct:
    case Per::kDay:
      return a.amount * units_paid;
    case Per::kEquipment:
      return a.amount;
    case Per::kYear:
      return budget_left;
  }
  return Money{};
}

std::string allowance_text(const Allowance& a, int units_paid, Money budget_left) {
  switch (a.per) {
    case Per::kAct:
    case Per::kDay:
      return fmt::format("{} per {} × {} = {}", a.amount.format(), to_string(a.per), units_paid,
                         (a.amount * units_paid).format());
    case Per::kEquipment:
      return fmt::format("{} per equipment", a.amount.format());
    case Per::kYear:
      return fmt::format("annual budget {}, {} left this year", a.amount.format(),
                         budget_left.format());
  }
  return "";
}

class Calculator {
 public:
  Calculator(const CareLine& line, const LineContext& ctx, const Formula& formula,
             const AccumulatorState& state)
      : line_(line), ctx_(ctx), f_(formula), state_(state) {}

  Outcome run() {
    ro_gross_used();
    const Limits& limits = ctx_.benefit->limits;
    out_.tracks_window = limits.annual_cap || limits.max_count;
    if (out_.tracks_window) {
      out_.window =
          state_.window_for(line_.beneficiary_id, line_.category, limits.period, line_.care_date);
    }
    units_ = counts_units(f_) ? line_.quantity : 1;
    count_units();
    formula();
    renewal();
    bounds();
    settle();
    return std::move(out_);
  }

 private:
  // The text is built only when the caller records steps (explain), not in a batch run.
  template <typename Text>
  void step(Text&& text, const char* rule, Money amount) {
    if (ctx_.record_steps) out_.steps.push_back(Step{text(), rule, amount});
  }

  void ro_gross_used() {
    const Money g = line_.ro_gross();
    step([&] { return fmt::format("RO gross = RO paid {} + flat fee {} + franchise {} = {}",
                     line_.ro_paid.format(), line_.flat_fee.format(), line_.franchise.format(),
                     g.format()); },
         "BEN-04", g);
    gf_ = g;
    deductions();
    if (!line_.out_of_pathway) return;
    out_.reasons.push_back(Reason::kOutOfPathway);
    if (ctx_.rules.normal_ro_rate_bp) {
      gf_ = line_.base.mul_bp(*ctx_.rules.normal_ro_rate_bp);
      step([&] { return fmt::format("out of the care pathway: the formula counts the RO at its normal rate, "
                       "base {} × {} = {}",
                       line_.base.format(), pct_text(*ctx_.rules.normal_ro_rate_bp), gf_.format()); },
           "BEN-04", gf_);
    } else {
      gf_ = line_.base;
      step([&] { return fmt::format("out of the care pathway with no normal RO rate for {}: the formula "
                       "counts the whole base {} as RO",
                       line_.category, gf_.format()); },
           "BEN-04", gf_);
    }
  }

  // BEN-20: the RO's deductions stay with the member (BEN-04); their caps and exemptions are
  // the RO's business, shown so that a member charged wrongly knows whom to ask.
  void deductions() {
    if (!ctx_.record_steps || (line_.flat_fee + line_.franchise).is_zero()) return;
    const LineRules& r = ctx_.rules;
    std::string text = fmt::format("flat fee {} and franchise {} are never covered", line_.flat_fee.format(),
                                   line_.franchise.format());
    if (r.flat_fee_annual_cap && r.franchise_annual_cap) {
      text += fmt::format("; the RO deducts at most {} of flat fees and, separately, {} of "
                          "franchises a year per person",
                          r.flat_fee_annual_cap->format(), r.franchise_annual_cap->format());
    }
    if (!r.deductions_exempt.empty()) {
      text += fmt::format("; the beneficiary is exempt ({}): the RO should not have deducted them, "
                          "the member may claim them back from the RO",
                          r.deductions_exempt);
    }
    out_.steps.push_back(Step{std::move(text), "BEN-20", Money{}});
  }

  void count_units() {
    units_paid_ = units_;
    const auto& max_count = ctx_.benefit->limits.max_count;
    if (!max_count) return;
    const int used = state_.usage(out_.window).units;
    const int left = std::max(0, *max_count - used);
    if (left >= units_) return;
    units_paid_ = left;
    out_.reasons.push_back(Reason::kCapCount);
    step([&] { return fmt::format("counted allowance: {} {} per period, {} used, {} left for {} on the line",
                     *max_count, counts_units(f_) ? "units" : "lines", used, left, units_); },
         "BEN-08", Money{});
  }

  // Euro amount of the percentage-like term, prorated when the count cut units.
  Money cost_part() {
    Money part;
    if (f_.total_pct_br) {
      Money pct_br = line_.base.mul_bp(*f_.total_pct_br * kBasisPointsPerPercent);
      Money total = min(line_.charged, pct_br);
      part = floor0(total - gf_);
      step([&] { return fmt::format("formula: min(charged {}, {}% × base {} = {}) − RO gross {} = {}",
                       line_.charged.format(), *f_.total_pct_br, line_.base.format(),
                       pct_br.format(), gf_.format(), part.format()); },
           "BEN-01", part);
    } else if (f_.real_costs || f_.full_basket) {
      part = floor0(line_.charged - gf_);
      step([&] { return fmt::format("formula: {}: charged {} − RO gross {} = {}",
                       f_.full_basket ? "100% sante basket" : "real costs", line_.charged.format(),
                       gf_.format(), part.format()); },
           f_.full_basket ? "BEN-06" : "BEN-01", part);
    }
    if (units_paid_ < units_ && !part.is_zero()) {
      part = part.mul_ratio(units_paid_, units_);
      step([&] { return fmt::format("prorated to the {} of {} units left", units_paid_, units_); }, "BEN-08", part);
    }
    return part;
  }

  Money allowance_part(const Allowance& a, const char* label) {
    Money left;
    if (a.per == Per::kYear) {
      left = floor0(a.amount - state_.budget_used(line_.beneficiary_id, line_.category,
                                                  year_of(line_.care_date)));
      budget_left_ = left;
      has_budget_ = true;
    }
    Money m = allowance_amount(a, units_paid_, left);
    if (units_paid_ == 0) m = Money{};
    step([&] { return fmt::format("{}: {}", label, allowance_text(a, units_paid_, left)); }, "BEN-01", m);
    return m;
  }

  void formula() {
    fixed_ = cost_part();
    if (f_.amount) {
      Money m = allowance_part(*f_.amount, "formula: allowance");
      (f_.amount->per == Per::kYear ? budget_part_ : fixed_) += m;
    }
    if (f_.plus) {
      Money m = allowance_part(*f_.plus, "plus an allowance");
      (f_.plus->per == Per::kYear ? budget_part_ : fixed_) += m;
    }
    rc_ = fixed_ + budget_part_;
    out_.formula_amount = rc_;
    if (f_.plus) step([&] { return fmt::format("benefit formula amount = {}", rc_.format()); }, "BEN-01", rc_);
  }

  // BEN-16: the equipment paid before in its renewal period leaves room for `left` units.
  void renewal() {
    if (!ctx_.rules.renewal) return;
    const RenewalRule& rule = *ctx_.rules.renewal;
    const RenewalCheck check = check_renewal(rule, line_, state_);
    const int units = std::min(check.units, check.left);
    out_.renewal = renewal_key(rule, line_);
    out_.renewal_units = units;
    if (check.blocking.empty()) {
      step([&] { return fmt::format("renewal period ({}): no equipment paid before in the period",
                                    rule.basis); }, "BEN-16", rc_);
      return;
    }
    auto previous = [&] {
      std::string text;
      for (const PriorEquipment& p : check.blocking) {
        if (!text.empty()) text += ", ";
        text += format_date(p.date);
        if (rule.per_unit) text += fmt::format(" ({} {})", p.units, p.units == 1 ? "ear" : "ears");
      }
      return text;
    };
    if (units >= check.units) {
      step([&] { return fmt::format("renewal period ({}): previous equipment on {}; {} of {} {} "
                                    "left in the period: not limiting",
                                    rule.basis, previous(), check.left, rule.units_per_period,
                                    rule.per_unit ? "ears" : "equipments"); },
           "BEN-16", rc_);
      return;
    }
    out_.reasons.push_back(Reason::kRenewal);
    rc_ = units == 0 ? Money{} : rc_.mul_ratio(units, check.units);
    step([&] {
      if (units == 0) {
        return fmt::format("renewal period ({}): previous equipment on {}; not renewable before {}: "
                           "rc 0",
                           rule.basis, previous(), format_date(check.next_allowed));
      }
      return fmt::format("renewal period ({}): previous equipment on {}; {} of the {} ears may be "
                         "renewed now, all from {}: rc × {}/{} = {}",
                         rule.basis, previous(), units, check.units,
                         format_date(check.next_allowed), units, check.units, rc_.format());
    }, "BEN-16", rc_);
  }

  template <typename What>
  void bound(Money limit, Reason reason, const char* rule, What&& what) {
    limit = floor0(limit);
    if (rc_ > limit) {
      rc_ = limit;
      out_.reasons.push_back(reason);
      step([&] { return fmt::format("{}: at most {}: rc limited to {}", what(), limit.format(), rc_.format()); },
           rule, rc_);
    } else {
      step([&] { return fmt::format("{}: at most {}: not limiting", what(), limit.format()); }, rule, rc_);
    }
  }

  void bounds() {
    if (line_.out_of_pathway) {
      bound(min(line_.charged, line_.base) - gf_, Reason::kOutOfPathway, "BEN-04",
            [&] { return fmt::format("out of pathway, nothing above the base: min(charged {}, base {}) − {}",
                        line_.charged.format(), line_.base.format(), gf_.format()); });
    }
    if (ctx_.rules.legal_cap) {
      const char* rule = !ctx_.rules.legal_cap_rule.empty() ? ctx_.rules.legal_cap_rule.c_str()
                         : in_basket(line_)                 ? "BEN-06"
                                                            : "BEN-07";
      bound(*ctx_.rules.legal_cap - gf_, Reason::kCapLegal, rule,
            [&] { return fmt::format("legal maximum {} RO included, minus RO gross {}",
                        ctx_.rules.legal_cap->format(), gf_.format()); });
    }
    const Limits& limits = ctx_.benefit->limits;
    if (limits.annual_cap) {
      Money used = state_.usage(out_.window).amount;
      bound(*limits.annual_cap - used, Reason::kCapAnnual, "BEN-08",
            [&] { return fmt::format("cap {} per {} from {}, {} already paid", limits.annual_cap->format(),
                        to_string(limits.period), format_date(out_.window.window_start),
                        used.format()); });
    }
    const Money g = line_.ro_gross();
    bound(line_.charged - g - line_.other_payers, Reason::kIndemnity, "BEN-02",
          [&] { return fmt::format("indemnity: charged {} − RO gross {} − other payers {}",
                      line_.charged.format(), g.format(), line_.other_payers.format()); });
  }

  void settle() {
    out_.rc = rc_;
    out_.ro_gross_used = gf_;
    if (rc_.is_zero()) return;
    out_.units_paid = units_paid_;
    // The percentage part is paid first; the yearly budget pays what is left of rc.
    if (has_budget_) out_.budget_take = min(budget_left_, floor0(rc_ - fixed_));
  }

  const CareLine& line_;
  const LineContext& ctx_;
  const Formula& f_;
  const AccumulatorState& state_;
  Outcome out_;
  Money gf_, rc_, fixed_, budget_part_, budget_left_;
  bool has_budget_ = false;
  int units_ = 1;
  int units_paid_ = 1;
};

void apply(const CareLine& line, const Outcome& o, AccumulatorState& state) {
  if (o.rc.is_zero()) return;
  if (o.tracks_window) state.consume(o.window, o.rc, o.units_paid);
  if (o.renewal) state.consume(*o.renewal, o.rc, o.renewal_units);
  if (!o.budget_take.is_zero()) {
    state.consume_budget(line.beneficiary_id, line.category, year_of(line.care_date),
                         o.budget_take);
  }
}

Money member_remaining(const CareLine& line, Money rc) {
  return line.charged - line.ro_paid - line.other_payers - rc;
}

Decision stopped(const CareLine& line, const Stop& stop) {
  Decision d;
  d.status = stop.status;
  d.ro_gross = line.ro_gross();
  d.ro_gross_used = d.ro_gross;
  d.remaining = member_remaining(line, Money{});
  d.add(stop.reason);
  d.steps.push_back(Step{stop.text, stop.rule_id, Money{}});
  return d;
}

// BEN-10: the same line as if given in France, computed on the same state.
void bound_abroad(const CareLine& line, const LineContext& ctx, const Formula& formula,
                  const AccumulatorState& state, Outcome& out) {
  CareLine french = line;
  french.country = std::string(kFrance);
  Money france = Calculator(french, ctx, formula, state).run().rc;
  if (out.rc > france) {
    out.rc = france;
    out.reasons.push_back(Reason::kCapLegal);
  }
  if (!ctx.record_steps) return;
  out.steps.push_back(Step{
      fmt::format("care abroad ({}, {}): at most the same care in France, "
                  "{}, and the real costs",
                  line.country, line.emergency ? "emergency" : "prior approval", france.format()),
      "BEN-10", out.rc});
}

constexpr std::string_view kEmergencyFee = "EMERGENCY_FEE";

// BEN-19: what a responsible contract pays for the forfait patient urgences: all of it, within
// the amount in force (the legal cap of the category).
const Benefit& emergency_fee_benefit() {
  static const Benefit benefit = [] {
    Benefit b;
    b.category = std::string(kEmergencyFee);
    Formula f;
    f.real_costs = true;
    b.formula = f;
    return b;
  }();
  return benefit;
}

Decision decide(const CareLine& line, const LineContext& context, AccumulatorState& state);

}  // namespace

Decision adjudicate(const CareLine& line, const LineContext& context, AccumulatorState& state) {
  if (line.category != kEmergencyFee || !context.responsible) return decide(line, context, state);
  LineContext mandatory = context;
  mandatory.benefit = &emergency_fee_benefit();
  Decision d = decide(line, mandatory, state);
  if (context.record_steps) {
    d.steps.insert(d.steps.begin(),
                   Step{"responsible contract: the forfait patient urgences is covered in full, "
                        "within the amount in force, whatever the benefit table says",
                        "BEN-19", Money{}});
  }
  return d;
}

namespace {

Decision decide(const CareLine& line, const LineContext& context, AccumulatorState& state) {
  const Formula* formula = nullptr;
  if (auto stop = first_stop(line, context, formula)) return stopped(line, *stop);

  Outcome out = Calculator(line, context, *formula, state).run();
  if (line.abroad()) bound_abroad(line, context, *formula, state, out);
  if (out.rc.is_zero()) {  // a line paid nothing uses no count, renewal or budget
    out.units_paid = 0;
    out.budget_take = Money{};
  }
  apply(line, out, state);

  Decision d;
  d.status = ClaimStatus::kPaid;
  d.rc = out.rc;
  d.remaining = member_remaining(line, out.rc);
  d.ro_gross = line.ro_gross();
  d.ro_gross_used = out.ro_gross_used;
  d.formula_amount = out.formula_amount;
  d.units_paid = out.units_paid;
  for (Reason r : out.reasons) d.add(r);
  d.steps = std::move(out.steps);
  if (context.record_steps) d.steps.push_back(
      Step{fmt::format("paid {}; the member keeps {}", d.rc.format(), d.remaining.format()),
           "BEN-15", d.rc});
  return d;
}

}  // namespace

// ---- regulatory figures ---------------------------------------------------------------------

std::string_view normal_rate_key(std::string_view c) {
  if (is_doctor_category(c) || c == "CONSULT_GP" || c == "CONSULT_SPE") {
    return "ro.rate.doctor_in_pathway";
  }
  if (c == "HOSP_FEES" || c == "HOSP_DAILY_FEE" || c == "MATERNITY") return "ro.rate.hospital";
  if (c == "PARAMED") return "ro.rate.paramedical";
  if (c == "LAB") return "ro.rate.lab";
  if (c == "PHARMA_65") return "ro.rate.medicine_65";
  if (c == "PHARMA_30") return "ro.rate.medicine_30";
  if (c == "PHARMA_15") return "ro.rate.medicine_15";
  if (c.starts_with("OPTICS_") || c == "CONTACT_LENSES") return "ro.rate.optics";
  if (c.starts_with("HEARING_")) return "ro.rate.hearing";
  if (c.starts_with("DENTAL_") || c == "ORTHODONTICS") return "ro.rate.dental";
  return "";
}

Result<int> prescription_years(const Regulation& regulation, Date received_date) {
  auto years = regulation.integer_at("claims.prescription_years", received_date);
  if (!years) return years.error();
  return static_cast<int>(*years);
}

Result<CategoryRules> category_rules(const Regulation& regulation, std::string_view category,
                                     Date care_date) {
  CategoryRules rules;
  if (std::string_view key = normal_rate_key(category); !key.empty()) {
    auto rate = regulation.basis_points_at(key, care_date);
    if (!rate) return rate.error();
    rules.normal_ro_rate_bp = *rate;
  }
  std::string_view cap_key;
  if (category == "OPTICS_FRAME_LENSES") cap_key = "optics.max.simple_simple";
  if (category == "HEARING_FREE") cap_key = "hearing.max_per_ear";
  if (category == "HEARING_100S") cap_key = "hearing.class1_price_limit";
  if (category == kEmergencyFee) {
    cap_key = "hospital.emergency_flat_fee";
    rules.legal_cap_rule = "BEN-19";
  }
  // BEN-20: the RO's caps and exemption age, shown with the deductions.
  auto flat_cap = regulation.money_at("ro.flat_fee.annual_cap", care_date);
  if (!flat_cap) return flat_cap.error();
  rules.flat_fee_annual_cap = *flat_cap;
  auto franchise_cap = regulation.money_at("ro.franchise.annual_cap", care_date);
  if (!franchise_cap) return franchise_cap.error();
  rules.franchise_annual_cap = *franchise_cap;
  auto exempt_age = regulation.integer_at("ro.franchise.exempt_under_age", care_date);
  if (!exempt_age) return exempt_age.error();
  rules.deductions_exempt_under_age = static_cast<int>(*exempt_age);
  if (!cap_key.empty()) {
    auto m = regulation.money_at(cap_key, care_date);
    if (!m) return m.error();
    rules.legal_cap_unit = *m;
    rules.cap_per_unit = category.starts_with("HEARING_");  // per ear: × quantity
  }
  return rules;
}

LineRules make_line_rules(const CategoryRules& category, std::optional<int> prescription,
                          int quantity) {
  LineRules rules;
  rules.prescription_years = prescription;
  rules.normal_ro_rate_bp = category.normal_ro_rate_bp;
  if (category.legal_cap_unit) {
    rules.legal_cap = *category.legal_cap_unit * (category.cap_per_unit ? quantity : 1);
    rules.legal_cap_rule = category.legal_cap_rule;
  }
  rules.flat_fee_annual_cap = category.flat_fee_annual_cap;
  rules.franchise_annual_cap = category.franchise_annual_cap;
  rules.deductions_exempt_under_age = category.deductions_exempt_under_age;
  return rules;
}

Status add_person_rules(const Regulation& regulation, const CareLine& line, Date birth_date,
                        bool responsible, LineRules& rules) {
  auto renewal = renewal_rule(regulation, line, birth_date, responsible);
  if (!renewal) return renewal.error();
  rules.renewal = std::move(renewal).value();
  auto young = young_hearing_cap(regulation, line, birth_date);
  if (!young) return young.error();
  if (*young && (!rules.legal_cap || **young < *rules.legal_cap)) {
    rules.legal_cap = **young;
    rules.legal_cap_rule = "BEN-18";
  }
  // BEN-20: a minor or maternity care pays no participation forfaitaire nor franchise.
  if (!(line.flat_fee + line.franchise).is_zero()) {
    if (rules.deductions_exempt_under_age &&
        age_on(birth_date, line.care_date) < *rules.deductions_exempt_under_age) {
      rules.deductions_exempt =
          fmt::format("under {} on the care date", *rules.deductions_exempt_under_age);
    } else if (line.category == "MATERNITY") {
      rules.deductions_exempt = "maternity care";
    }
  }
  return Status::success();
}

Result<LineRules> line_rules(const Regulation& regulation, const CareLine& line) {
  Result<int> years = prescription_years(regulation, line.received_date);
  if (!years) return years.error();
  Result<CategoryRules> category = category_rules(regulation, line.category, line.care_date);
  if (!category) return category.error();
  return make_line_rules(*category, *years, line.quantity);
}

}  // namespace mutua

// Business-rule checks on a catalogue (see validation.hpp). All comparisons are exact integer
// arithmetic on cents and basis points: a tariff at exactly the limit passes.
#include "catalogue/validation.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "core/text.hpp"
#include "regulation/bounds.hpp"

namespace mutua {

namespace {

constexpr int kOldestTariffAge = 120;  // TAR-07 compares every tariff age up to this one

// Collects violations with the location of the offending item.
class Checker {
 public:
  Checker(const Catalogue& cat, const Regulation& reg) : cat_(cat), reg_(reg) {}

  Errors errors;

  void violation(const char* rule, int line, std::string message) {
    Error e = rule_error(rule, std::move(message));
    e.file = cat_.source_file;
    e.line = line;
    errors.push_back(std::move(e));
  }

  // A regulatory figure in force on 1 January of `year`; its absence is reported under `rule`.
  template <typename T>
  std::optional<T> figure(const char* rule, const Result<T>& r, const Product& p, int year) {
    if (r) return *r;
    violation(rule, p.line, p.code + " " + std::to_string(year) + ": " + r.error().to_string());
    return std::nullopt;
  }
  std::optional<Money> money(const char* rule, std::string_view key, const Product& p, int year,
                             Date on) {
    return figure(rule, reg_.money_at(key, on), p, year);
  }
  std::optional<int> bp(const char* rule, std::string_view key, const Product& p, int year) {
    return figure(rule, reg_.basis_points_at(key, first_of_year(year)), p, year);
  }

  // Bad data rather than a rule: file, line and field, no rule id (exit 3 like a violation).
  void bad(int line, std::string field, std::string message) {
    errors.push_back(data_error(cat_.source_file, line, std::move(field), std::move(message)));
  }

  const Regulation& reg() const { return reg_; }

 private:
  const Catalogue& cat_;
  const Regulation& reg_;
};

// "3.21": a ratio truncated to two decimals, more when that would hide the excess.
std::string format_ratio(int64_t num, int64_t den, int64_t limit) {
  for (int decimals = 2; decimals <= 6; ++decimals) {
    int64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    __int128 scaled = static_cast<__int128>(num) * scale / den;
    if (scaled > static_cast<__int128>(limit) * scale || decimals == 6) {
      std::string digits = std::to_string(static_cast<long long>(scaled / scale));
      std::string frac = std::to_string(static_cast<long long>(scaled % scale));
      return digits + "." + std::string(decimals - frac.size(), '0') + frac;
    }
  }
  return "?";
}

// ---- TAR-04 ------------------------------------------------------------------------------

bool band_holds_age_over_30(const Tariff& t, size_t band) {
  return band + 1 == t.bands.size() || t.bands[band + 1] - 1 > 30;
}

void check_solidarity_row(Checker& c, const Product& p, const Tariff& t, Role role, int64_t ratio) {
  std::optional<size_t> hi, lo;
  const std::vector<Money>& row = t.row(role);
  for (size_t b = 0; b < t.bands.size(); ++b) {
    if (!band_holds_age_over_30(t, b)) continue;
    if (!hi || row[b] > row[*hi]) hi = b;
    if (!lo || row[b] < row[*lo]) lo = b;
  }
  if (!hi) return;
  const int64_t max_cents = row[*hi].cents();
  const int64_t min_cents = row[*lo].cents();
  if (static_cast<__int128>(max_cents) <= static_cast<__int128>(ratio) * min_cents) return;
  std::string ratio_text = min_cents == 0 ? "infinite" : format_ratio(max_cents, min_cents, ratio);
  c.violation("TAR-04", t.line,
              p.code + " " + std::to_string(t.year) + " " + std::string(to_string(role)) +
                  ": highest " + row[*hi].format() + " (band " + t.band_label(*hi) + ") / lowest " +
                  row[*lo].format() + " (band " + t.band_label(*lo) + ") = " + ratio_text + " > " +
                  std::to_string(ratio));
}

void check_solidarity(Checker& c, const Product& p) {
  for (const Tariff& t : p.tariffs) {
    auto ratio = c.figure(
        "TAR-04", c.reg().integer_at("labelled.solidarity_ratio_max", first_of_year(t.year)), p,
        t.year);
    if (!ratio) continue;
    for (Role role : {Role::kMember, Role::kSpouse, Role::kChild}) {
      check_solidarity_row(c, p, t, role, *ratio);
    }
  }
}

// ---- TAR-07 ------------------------------------------------------------------------------

const Tariff* previous_year(const Product& p, int year, const std::vector<Product>* previous) {
  if (const Tariff* t = p.tariff_for(year - 1)) return t;
  if (previous == nullptr) return nullptr;
  for (const Product& old : *previous) {
    if (old.code == p.code) return old.tariff_for(year - 1);
  }
  return nullptr;
}

void check_increase_cell(Checker& c, const Product& p, const Tariff& t, const Tariff& old,
                         Role role, int age, std::set<std::tuple<Role, size_t, size_t>>& seen) {
  const size_t nb = t.band_index(age);
  const size_t ob = old.band_index(age);
  const Money now = t.monthly(role, nb);
  const Money before = old.monthly(role, ob);
  const int pct = *p.max_annual_increase_pct;
  // now ≤ before × (100 + pct) / 100, exactly.
  if (static_cast<__int128>(now.cents()) * 100 <=
      static_cast<__int128>(before.cents()) * (100 + pct)) {
    return;
  }
  if (!seen.insert({role, nb, ob}).second) return;  // one message per pair of bands
  const Money allowed = Money::from_cents(before.cents() * (100 + pct) / 100);  // floor: cents
  c.violation("TAR-07", t.line,
              p.code + " " + std::to_string(t.year) + " " + std::string(to_string(role)) +
                  " band " + t.band_label(nb) + ": " + now.format() + " > " +
                  std::to_string(old.year) + " " + before.format() + " (band " +
                  old.band_label(ob) + ") + " + std::to_string(pct) + "% = " + allowed.format());
}

void check_increase(Checker& c, const Product& p, const std::vector<Product>* previous) {
  if (!p.max_annual_increase_pct) {
    c.violation("TAR-07", p.line, p.code + ": regional product without max_annual_increase_pct");
    return;
  }
  for (const Tariff& t : p.tariffs) {
    const Tariff* old = previous_year(p, t.year, previous);
    if (old == nullptr) continue;  // the first year of a product has nothing to compare with
    std::set<std::tuple<Role, size_t, size_t>> seen;
    const int last_age = std::max(kOldestTariffAge, std::max(t.bands.back(), old->bands.back()));
    for (Role role : {Role::kMember, Role::kSpouse, Role::kChild}) {
      for (int age = 0; age <= last_age; ++age) check_increase_cell(c, p, t, *old, role, age, seen);
    }
  }
}

// ---- BEN-03 ------------------------------------------------------------------------------

std::vector<std::pair<const char*, const Formula*>> formulas_of(const Benefit& b) {
  std::vector<std::pair<const char*, const Formula*>> out;
  if (b.formula) out.push_back({"formula", &*b.formula});
  if (b.optam) out.push_back({"optam", &*b.optam});
  if (b.non_optam) out.push_back({"non_optam", &*b.non_optam});
  return out;
}

std::string where(const Product& p, int year, std::string_view category) {
  return p.code + " " + std::to_string(year) + " " + std::string(category);
}

void check_daily_fee(Checker& c, const Product& p, int year) {
  const Benefit* b = p.benefit_for("HOSP_DAILY_FEE", year);
  if (b == nullptr) {
    c.violation("BEN-03", p.line,
                where(p, year, "HOSP_DAILY_FEE") +
                    ": not covered; a responsible contract covers the daily fee");
    return;
  }
  // The fee may rise during the year (2026-03-01): the highest one in force must be covered.
  auto start = c.money("BEN-03", "hospital.daily_fee", p, year, first_of_year(year));
  auto end = c.money("BEN-03", "hospital.daily_fee", p, year, last_of_year(year));
  if (!start || !end) return;
  const Money fee = max(*start, *end);
  for (const auto& [name, f] : formulas_of(*b)) {
    if (f->real_costs) continue;
    Money per_day;
    if (f->amount && f->amount->per == Per::kDay) per_day = f->amount->amount;
    if (f->plus && f->plus->per == Per::kDay) per_day = f->plus->amount;
    if (per_day >= fee && !(b->limits.max_count || b->limits.annual_cap)) continue;
    c.violation("BEN-03", b->line,
                where(p, year, "HOSP_DAILY_FEE") + " " + name + ": must cover the daily fee (" +
                    fee.format() +
                    " per day) without limit: use real_costs or an amount per day ≥ the fee, "
                    "without limits");
  }
}

void check_ticket_moderateur(Checker& c, const Product& p, int year) {
  for (std::string_view cat : {"CONSULT_GP", "CONSULT_SPE", "PHARMA_65"}) {
    const Benefit* b = p.benefit_for(cat, year);
    if (b == nullptr) {
      c.violation("BEN-03", p.line,
                  where(p, year, cat) + ": not covered; the ticket modérateur must be covered");
      continue;
    }
    for (const auto& [name, f] : formulas_of(*b)) {
      if (f->real_costs || (f->total_pct_br && *f->total_pct_br >= 100)) continue;
      c.violation("BEN-03", b->line,
                  where(p, year, cat) + " " + name + ": " +
                      (f->total_pct_br ? std::to_string(*f->total_pct_br) + "% of BR"
                                       : std::string("no percentage of BR")) +
                      " does not cover the ticket modérateur (total_pct_br ≥ 100)");
    }
  }
}

// BEN-19: a responsible contract covers the forfait patient urgences in full; the claims engine
// pays it whatever the table says, so a table that says less is refused rather than ignored.
void check_emergency_fee(Checker& c, const Product& p, int year) {
  const Benefit* b = p.benefit_for("EMERGENCY_FEE", year);
  if (b == nullptr) return;  // absent: the engine applies the mandatory coverage
  for (const auto& [name, f] : formulas_of(*b)) {
    if (f->real_costs && !b->limits.annual_cap && !b->limits.max_count) continue;
    c.violation("BEN-19", b->line,
                where(p, year, "EMERGENCY_FEE") + " " + name +
                    ": a responsible contract covers the forfait patient urgences in full: use "
                    "real_costs, without limits");
  }
}

// ---- BEN-05 ------------------------------------------------------------------------------

// Excess coverage of a formula in basis points of BR: (total_pct_br − 100)⁺.
int excess_bp(const Formula* f) {
  if (f == nullptr || !f->total_pct_br) return 0;
  return std::max(0, (*f->total_pct_br - 100) * 100);
}

std::string pct_text(int bp) {
  std::string s = std::to_string(bp / 100);
  if (bp % 100 != 0) s += "." + std::to_string(bp % 100 / 10) + std::to_string(bp % 10);
  return s + "%";
}

void check_non_optam(Checker& c, const Product& p, int year, const Benefit& b, int cap_bp,
                     int gap_bp) {
  const Formula* non_optam = b.non_optam ? &*b.non_optam : (b.formula ? &*b.formula : nullptr);
  const Formula* optam = b.optam ? &*b.optam : (b.non_optam ? nullptr : non_optam);
  if (non_optam == nullptr) return;
  const std::string head = where(p, year, b.category) + " non-OPTAM";
  if (non_optam->real_costs || non_optam->amount || non_optam->plus) {
    c.violation("BEN-05", b.line,
                head + ": " + (non_optam->real_costs ? "real_costs" : "a euro allowance") +
                    " covers excess fees without the " + pct_text(cap_bp) +
                    " of BR cap; use total_pct_br");
    return;
  }
  const int excess = excess_bp(non_optam);
  if (excess == 0) return;
  const int optam_excess = excess_bp(optam);
  if (excess > cap_bp) {
    c.violation("BEN-05", b.line,
                head + " excess coverage " + pct_text(excess) + " of BR > cap " + pct_text(cap_bp) +
                    " of BR");
  }
  if (excess > optam_excess - gap_bp) {
    c.violation("BEN-05", b.line,
                head + " excess coverage " + pct_text(excess) + " of BR > OPTAM excess " +
                    pct_text(optam_excess) + " − " + pct_text(gap_bp) + " = " +
                    pct_text(optam_excess - gap_bp));
  }
}

void check_excess_fees(Checker& c, const Product& p, int year) {
  auto cap = c.bp("BEN-05", "non_optam.excess_cap_pct_br", p, year);
  auto gap = c.bp("BEN-05", "non_optam.optam_gap_pct_br", p, year);
  if (!cap || !gap) return;
  for (const Benefit& b : p.benefits_in(year)) {
    if (is_doctor_category(b.category)) check_non_optam(c, p, year, b, *cap, *gap);
  }
}

// ---- BEN-07 ------------------------------------------------------------------------------

struct Bounds {
  Money max_allowance;  // per equipment (optics) or per ear (hearing)
  Money max_cap;        // annual_cap bound
  std::optional<Money> min_allowance;
};

// Euro allowances of one formula, checked against the bounds of its category.
void check_allowances(Checker& c, const Product& p, int year, const Benefit& b, const char* name,
                      const Formula& f, const Bounds& bounds) {
  const std::string head = where(p, year, b.category) + " " + name;
  const bool capped = b.limits.annual_cap && *b.limits.annual_cap <= bounds.max_cap;
  for (const std::optional<Allowance>& a : {f.amount, f.plus}) {
    if (!a) continue;
    const bool per_equipment = a->per == Per::kEquipment || a->per == Per::kYear;
    if (!per_equipment && !capped) {
      c.violation("BEN-07", b.line,
                  head + ": an allowance per " + std::string(to_string(a->per)) +
                      " is unbounded per equipment; use per equipment or an annual_cap ≤ " +
                      bounds.max_cap.format());
    } else if (a->amount > bounds.max_allowance) {
      c.violation("BEN-07", b.line,
                  head + ": allowance " + a->amount.format() + " > legal maximum " +
                      bounds.max_allowance.format());
    }
  }
  if (f.real_costs && !capped) {
    c.violation("BEN-07", b.line,
                head + ": real_costs without an annual_cap ≤ " + bounds.max_cap.format());
  }
  if (bounds.min_allowance && !f.real_costs && !f.full_basket) {
    Money guaranteed =
        (f.amount ? f.amount->amount : Money{}) + (f.plus ? f.plus->amount : Money{});
    if (guaranteed < *bounds.min_allowance) {
      c.violation("BEN-07", b.line,
                  head + ": guaranteed allowance " + guaranteed.format() + " < legal minimum " +
                      bounds.min_allowance->format());
    }
  }
}

void check_category_bounds(Checker& c, const Product& p, int year, const Benefit& b,
                           const Bounds& bounds) {
  for (const auto& [name, f] : formulas_of(b)) check_allowances(c, p, year, b, name, *f, bounds);
  if (b.limits.annual_cap && *b.limits.annual_cap > bounds.max_cap) {
    c.violation("BEN-07", b.line,
                where(p, year, b.category) + ": annual_cap " + b.limits.annual_cap->format() +
                    " > legal maximum " + bounds.max_cap.format());
  }
  if (bounds.min_allowance && b.limits.annual_cap && *b.limits.annual_cap < *bounds.min_allowance) {
    c.violation("BEN-07", b.line,
                where(p, year, b.category) + ": annual_cap " + b.limits.annual_cap->format() +
                    " < legal minimum " + bounds.min_allowance->format());
  }
}

void check_optics_and_hearing(Checker& c, const Product& p, int year) {
  const Date on = first_of_year(year);
  if (const Benefit* b = p.benefit_for("OPTICS_FRAME_LENSES", year)) {
    auto max = c.money("BEN-07", "optics.max.simple_simple", p, year, on);
    auto min = c.money("BEN-07", "optics.min", p, year, on);
    if (max && min) check_category_bounds(c, p, year, *b, Bounds{*max, *max, *min});
  }
  if (const Benefit* b = p.benefit_for("HEARING_FREE", year)) {
    auto max = c.money("BEN-07", "hearing.max_per_ear", p, year, on);
    auto base = c.money("BEN-07", "hearing.ro_base", p, year, on);
    auto rate = c.bp("BEN-07", "ro.rate.hearing", p, year);
    if (!max || !base || !rate) return;
    const Money per_ear = *max - base->mul_bp(*rate);  // the RO part is within the maximum
    check_category_bounds(c, p, year, *b, Bounds{per_ear, per_ear * 2, std::nullopt});
  }
}

// Issue 14: identifiers, labels and amounts within bounds (bounds.* in force on 1 January of
// each tariff year, or on the first tariff's year for what is not per year).
void check_input_bounds(Checker& c, const Product& p) {
  if (auto why = id_problem(p.code)) c.bad(p.line, "code", *why);
  if (auto why = text_problem(p.name, kNameBytesMax)) c.bad(p.line, "name", *why);
  for (const Tariff& t : p.tariffs) {
    auto bounds = InputBounds::at(c.reg(), first_of_year(t.year));
    if (!bounds) {
      c.bad(t.line, "tariffs", p.code + " " + std::to_string(t.year) + ": " + bounds.error().message);
      continue;
    }
    const std::pair<const char*, const std::vector<Money>*> rows[] = {
        {"member", &t.member}, {"spouse", &t.spouse}, {"child", &t.child}};
    for (const auto& [role, row] : rows) {
      for (size_t i = 0; i < row->size(); ++i) {
        if (auto why = amount_over((*row)[i], bounds->tariff_monthly_max, "bounds.tariff.monthly_max")) {
          c.bad(t.line, std::string(role) + "[" + std::to_string(i) + "]",
                p.code + " " + std::to_string(t.year) + " band " + t.band_label(i) + ": " + *why);
        }
      }
    }
  }
  if (p.tariffs.empty()) return;
  auto bounds = InputBounds::at(c.reg(), first_of_year(p.tariffs.front().year));
  if (!bounds) return;  // reported above
  auto check = [&](int line, const std::string& field, const std::optional<Money>& m, Money max,
                   const char* key) {
    if (!m) return;
    if (auto why = amount_over(*m, max, key)) c.bad(line, field, p.code + ": " + *why);
  };
  std::vector<const Benefit*> all;
  for (const Benefit& b : p.benefits) all.push_back(&b);
  for (const BenefitTable& t : p.benefit_tables) {
    for (const Benefit& b : t.benefits) all.push_back(&b);
  }
  for (const Benefit* benefit : all) {
    const Benefit& b = *benefit;
    for (const std::optional<Formula>* f : {&b.formula, &b.optam, &b.non_optam}) {
      if (!*f) continue;
      for (const std::optional<Allowance>* a : {&(*f)->amount, &(*f)->plus}) {
        if (*a) check(b.line, b.category + ".amount", (*a)->amount, bounds->care_line_max,
                      "bounds.care_line.amount_max");
      }
    }
    check(b.line, b.category + ".annual_cap", b.limits.annual_cap, bounds->care_line_max,
          "bounds.care_line.amount_max");
  }
  for (const Promotion& promo : p.promotions) {
    if (auto why = text_problem(promo.label, kNameBytesMax)) c.bad(promo.line, "label", *why);
    check(promo.line, "amount", promo.amount, bounds->tariff_monthly_max, "bounds.tariff.monthly_max");
  }
}

}  // namespace

bool is_doctor_category(std::string_view category) {
  return category == "CONSULT_GP" || category == "CONSULT_SPE" || category == "TECH_ACTS" ||
         category == "IMAGING" || category == "HOSP_FEES_DOCTORS";
}

Errors validate_catalogue(const Catalogue& catalogue, const Regulation& regulation,
                          const std::vector<Product>* previous) {
  Checker c(catalogue, regulation);
  for (const Product& p : catalogue.products) {
    const size_t before = c.errors.size();
    check_input_bounds(c, p);
    if (c.errors.size() != before) continue;  // the rules below would compute on absurd amounts
    if (p.kind == ProductKind::kLabelled) check_solidarity(c, p);
    if (p.kind == ProductKind::kRegional) check_increase(c, p, previous);
    if (!p.responsible) continue;
    // Every tariff year and every year of a dated benefit table (BEN-17) is checked with the
    // table in force that year.
    std::set<int> years;
    for (const Tariff& t : p.tariffs) years.insert(t.year);
    for (const BenefitTable& t : p.benefit_tables) years.insert(t.year);
    for (int year : years) {
      check_daily_fee(c, p, year);
      check_ticket_moderateur(c, p, year);
      check_emergency_fee(c, p, year);
      check_excess_fees(c, p, year);
      check_optics_and_hearing(c, p, year);
    }
  }
  return c.errors;
}

}  // namespace mutua

// rate_contract(): see rating.hpp for the contract. The hot path of `mutua rate` (millions of
// persons): no allocation per month, dates turned into day numbers once per person.
#include "rating/rating.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <string>

#include "rating/tariff_lookup.hpp"

namespace mutua {

namespace {

// Day numbers of the first day of each month of the year, plus 1 January of the next year.
struct YearCalendar {
  int year = 0;
  std::array<int, 13> first{};

  explicit YearCalendar(int y) : year(y) {
    for (unsigned m = 1; m <= 12; ++m) first[m - 1] = day_number(make_date(y, m, 1));
    first[12] = day_number(make_date(y + 1, 1, 1));
  }
  int days_in(unsigned month) const { return first[month] - first[month - 1]; }
};

// A person's rights period as inclusive day numbers.
struct Span {
  int from = 0;
  int to = 0;  // inclusive
};

Span rights_span(const Beneficiary& b) {
  // An open end runs past any year the engine rates.
  return Span{day_number(b.start_date), b.end_date ? day_number(*b.end_date) : 1 << 30};
}

bool meets_year(const Beneficiary& b, const YearCalendar& cal) {
  Span s = rights_span(b);
  return s.from <= s.to && s.from < cal.first[12] && s.to >= cal.first[0];
}

// Bit m-1 set: month m of the year.
using MonthMask = uint16_t;
constexpr MonthMask kAllMonths = 0x0FFF;

// TAR-03 for each beneficiary: its 1-based rank among the children covered in the year, eldest
// first (birth date, then beneficiary id; 0 for adults and persons not rated), and the months in
// which it is among the first `billed` children covered in that month (all months for adults).
struct ChildBilling {
  std::vector<int> ranks;
  std::vector<MonthMask> billed_months;
};

bool covered_in_month(const Span& s, const YearCalendar& cal, unsigned m) {
  return s.from < cal.first[m] && s.to >= cal.first[m - 1];
}

ChildBilling child_billing(const Contract& contract, const YearCalendar& cal, int billed) {
  ChildBilling out;
  out.ranks.assign(contract.beneficiaries.size(), 0);
  out.billed_months.assign(contract.beneficiaries.size(), kAllMonths);
  std::vector<size_t> children;
  for (size_t i = 0; i < contract.beneficiaries.size(); ++i) {
    const Beneficiary& b = contract.beneficiaries[i];
    if (b.role == Role::kChild && meets_year(b, cal)) children.push_back(i);
  }
  if (children.empty()) return out;
  std::sort(children.begin(), children.end(), [&](size_t a, size_t b) {
    const Beneficiary& x = contract.beneficiaries[a];
    const Beneficiary& y = contract.beneficiaries[b];
    if (x.birth_date != y.birth_date) return x.birth_date < y.birth_date;
    return x.id < y.id;
  });
  for (size_t r = 0; r < children.size(); ++r) out.ranks[children[r]] = static_cast<int>(r + 1);
  if (static_cast<int>(children.size()) <= billed) return out;  // every child billed throughout
  for (size_t i : children) out.billed_months[i] = 0;
  for (unsigned m = 1; m <= 12; ++m) {
    int taken = 0;  // children covered this month, eldest first
    for (size_t i : children) {
      if (taken >= billed) break;
      if (!covered_in_month(rights_span(contract.beneficiaries[i]), cal, m)) continue;
      out.billed_months[i] |= static_cast<MonthMask>(1u << (m - 1));
      ++taken;
    }
  }
  return out;
}

// Everything about the contract that is the same for each month of each person.
struct MonthContext {
  const YearCalendar* cal = nullptr;
  const std::vector<Promotion>* promotions = nullptr;
  Date adhesion{};
  bool express_start = false;
  unsigned adhesion_month = 0;  // month of Y holding the adhesion date, 0 when not in Y
  std::vector<Span> suspended;  // SUS-01: days not due, in day numbers
};

// SUS-01: the days of [from, to] inside a suspension (suspensions never overlap, lifecycle.hpp).
int suspended_days(const MonthContext& ctx, int from, int to) {
  int days = 0;
  for (const Span& s : ctx.suspended) {
    const int a = std::max(from, s.from), b = std::min(to, s.to);
    if (a <= b) days += b - a + 1;
  }
  return days;
}

// ADH-05: whether a promotion is in force for a month (its first day within [from, to]) and
// for this contract (adhesion date within [joined_from, joined_to] when given).
bool promotion_applies(const Promotion& p, const MonthContext& ctx, int month_first_day) {
  if (month_first_day < day_number(p.from) || month_first_day > day_number(p.to)) return false;
  if (p.joined_from && ctx.adhesion < *p.joined_from) return false;
  if (p.joined_to && *p.joined_to < ctx.adhesion) return false;
  return true;
}

// One month's amount with a single rounding (TAR-08): monthly_due × (1 − p) × days / dim for a
// percentage, max(0, monthly_due − amount) × days / dim for an amount.
Money month_amount(Money due, const Promotion* p, int days, int dim) {
  if (p && p->percent_bp) {
    int64_t keep_bp = 10000 - std::clamp(*p->percent_bp, 0, 10000);
    return Money::from_cents(round_half_up(static_cast<__int128>(due.cents()) * keep_bp * days,
                                           static_cast<__int128>(10000) * dim));
  }
  if (p && p->amount) due = max(Money(), due - *p->amount);
  return days == dim ? due : due.mul_ratio(days, dim);
}

// The promotion most favourable to the member among those in force (ties: catalogue order).
const Promotion* best_promotion(const MonthContext& ctx, unsigned month, Money due, int days,
                                int dim, Money& amount) {
  const Promotion* best = nullptr;
  for (const Promotion& p : *ctx.promotions) {
    if (!promotion_applies(p, ctx, ctx.cal->first[month - 1])) continue;
    Money a = month_amount(due, &p, days, dim);
    if (a < amount) {
      amount = a;
      best = &p;
    }
  }
  return best;
}

// ADH-02 pro rata, ADH-02 express start, ADH-05 promotions, SUS-01 suspended days and TAR-03
// free months, month by month. The sum is kept in plain cents: it is bounded by
// 12 × monthly_due, checked once before the loop.
void bill_months(const Beneficiary& b, const MonthContext& ctx, MonthMask billed_months,
                 PersonRate& rate) {
  const YearCalendar& cal = *ctx.cal;
  const Span s = rights_span(b);
  const bool any_promotion = !ctx.promotions->empty();
  bool prorata = false, express = false, promoted = false, suspended = false, free = false;
  (void)(rate.monthly_due * 12);  // throws MoneyOverflow before any month could
  int64_t annual_cents = 0;
  rate.months.reserve(12);
  for (unsigned m = 1; m <= 12; ++m) {
    const int first = cal.first[m - 1], last = cal.first[m] - 1, dim = last - first + 1;
    const int from = std::max(first, s.from), to = std::min(last, s.to);
    if (from > to) continue;
    MonthCharge& charge = rate.months.emplace_back();
    charge.month = m;
    charge.covered_days = to - from + 1;
    charge.days_in_month = dim;
    if (!(billed_months & (1u << (m - 1)))) {
      charge.free = free = true;  // TAR-03: not among the billed children this month
      continue;
    }
    int billed_from = from;
    if (ctx.express_start && m == ctx.adhesion_month && s.from == from && from > first) {
      billed_from = first;  // the member asked to start at once: the whole month is due
      charge.express = express = true;
    }
    int days = to - billed_from + 1;
    prorata |= days < dim;
    if (!ctx.suspended.empty()) {
      charge.suspended_days = suspended_days(ctx, from, to);
      days -= charge.suspended_days;  // SUS-01: suspended days are not due
      suspended |= charge.suspended_days > 0;
    }
    charge.amount = month_amount(rate.monthly_due, nullptr, days, dim);
    if (any_promotion) {
      if (const Promotion* p = best_promotion(ctx, m, rate.monthly_due, days, dim, charge.amount)) {
        charge.promotion = p->code;
        promoted = true;
      }
    }
    annual_cents += charge.amount.cents();
  }
  rate.annual_due = Money::from_cents(annual_cents);
  if (prorata || express) rate.reasons.emplace_back("ADH-02");
  if (promoted) rate.reasons.emplace_back("ADH-05");
  if (suspended) rate.reasons.emplace_back("SUS-01");
  if (free) rate.reasons.emplace_back("TAR-03");
}

// The coefficient of one person (MAJ-08): the member's own, or everyone's with scope contract.
int coefficient_for(Role role, const Product& product, const Majoration& maj) {
  if (!maj.applies) return 0;
  if (role == Role::kMember || product.majoration_scope == MajorationScope::kContract) {
    return maj.coefficient_bp;
  }
  return 0;
}

// Fills `r` in place (it lives in the result's vector: no PersonRate is moved on the hot path).
void rate_person(const Beneficiary& b, int rank, MonthMask billed_months, const Tariff& tariff,
                 const Product& product, const Majoration& maj, const MonthContext& ctx,
                 PersonRate& r) {
  r.beneficiary_id = b.id;
  r.role = b.role;
  r.birth_date = b.birth_date;
  r.reasons.reserve(5);
  r.tariff_age = std::max(0, ctx.cal->year - year_of(b.birth_date));  // TAR-02
  r.band = tariff.band_index(r.tariff_age);
  r.band_lower = tariff.bands[r.band];
  r.band_label = tariff.band_label(r.band);
  r.child_rank = rank;
  r.reasons.emplace_back("TAR-01");
  r.reasons.emplace_back("TAR-02");
  r.monthly_base = tariff.monthly(b.role, r.band);
  if (b.role == Role::kChild && billed_months == 0) {
    r.billed = false;  // TAR-03: never among the billed children this year
    r.reasons.emplace_back("TAR-03");
    return;
  }
  r.coefficient_bp = coefficient_for(b.role, product, maj);
  r.monthly_due = r.monthly_base;
  if (r.coefficient_bp != 0) {
    r.monthly_due = r.monthly_base.mul_ratio(10000 + r.coefficient_bp, 10000);  // MAJ-05
    r.reasons.emplace_back("MAJ-05");
  }
  bill_months(b, ctx, billed_months, r);
}

}  // namespace

Result<ContractRate> rate_contract(const Contract& contract, const Product& product, int year,
                                   const RatingParams& params) {
  static const std::vector<Suspension> kNone;
  return rate_contract(contract, product, year, params, kNone);
}

Result<ContractRate> rate_contract(const Contract& contract, const Product& product, int year,
                                   const RatingParams& params,
                                   const std::vector<Suspension>& suspensions) {
  if (contract.product != product.code) {
    return rule_error("TAR-01", "contract " + contract.id + " is on product '" + contract.product +
                                    "', not '" + product.code + "'");
  }
  const Tariff* tariff = product.tariff_for(year);
  if (!tariff) {
    return rule_error("TAR-05",
                      "product " + product.code + " has no tariff for " + std::to_string(year));
  }
  if (Status s = check_tariff_shape(*tariff, product); !s.ok()) return s.error();
  YearCalendar cal(year);
  ContractRate out;
  out.contract_id = contract.id;
  out.product = product.code;
  out.year = year;
  out.tariff_year = tariff->year;
  if (product.kind == ProductKind::kLabelled) out.majoration = majoration(contract, params);
  MonthContext ctx{&cal, &product.promotions, contract.adhesion_date(), contract.express_start, 0};
  if (year_of(ctx.adhesion) == year) ctx.adhesion_month = month_of(ctx.adhesion);
  if (!params.suspended_days_due) {
    for (const Suspension& s : suspensions) {
      Span span{std::max(day_number(s.from), cal.first[0]),
                std::min(day_number(s.to), cal.first[12] - 1)};
      if (span.from > span.to) continue;
      ctx.suspended.push_back(span);
      out.suspensions.push_back(s);
    }
  }
  const ChildBilling children = child_billing(contract, cal, product.billed_children);
  out.persons.reserve(contract.beneficiaries.size());
  for (size_t i = 0; i < contract.beneficiaries.size(); ++i) {
    const Beneficiary& b = contract.beneficiaries[i];
    if (!meets_year(b, cal)) continue;
    rate_person(b, children.ranks[i], children.billed_months[i], *tariff, product, out.majoration,
                ctx, out.persons.emplace_back());
    out.monthly_total += out.persons.back().monthly_due;
    out.annual_total += out.persons.back().annual_due;
  }
  return out;
}

}  // namespace mutua

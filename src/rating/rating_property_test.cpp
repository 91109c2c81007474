// Properties of rate_contract() over random contracts: money conservation (TAR-08, BIL-02),
// ELIG-09 (identity data never changes a rating), TAR-03, ADH-02 bounds.
#include <gtest/gtest.h>

#include <algorithm>
#include <rapidcheck/gtest.h>


#include "rating/rating_test_support.hpp"

namespace mutua {
namespace {

using testing::d;

Date random_date(const char* from, int span_days) {
  return add_days(d(from), *rc::gen::inRange(0, span_days));
}

Beneficiary random_person(int index, Role role) {
  Beneficiary b;
  b.id = "B" + std::to_string(index);
  b.role = role;
  b.last_name = *rc::gen::arbitrary<std::string>();
  b.first_name = *rc::gen::arbitrary<std::string>();
  b.birth_date =
      role == Role::kChild ? random_date("2000-01-01", 9500) : random_date("1930-01-01", 27000);
  b.start_date = random_date("2024-06-01", 1000);
  if (*rc::gen::arbitrary<bool>()) b.end_date = add_days(b.start_date, *rc::gen::inRange(0, 900));
  b.nir = *rc::gen::arbitrary<std::string>();
  return b;
}

Contract random_contract() {
  Contract c;
  c.id = "C";
  c.product = "LABEL2";
  c.beneficiaries.push_back(random_person(0, Role::kMember));
  if (*rc::gen::arbitrary<bool>()) c.beneficiaries.push_back(random_person(1, Role::kSpouse));
  int children = *rc::gen::inRange(0, 5);
  for (int i = 0; i < children; ++i) c.beneficiaries.push_back(random_person(2 + i, Role::kChild));
  c.express_start = *rc::gen::arbitrary<bool>();
  if (*rc::gen::arbitrary<bool>()) c.civil_service_entry = random_date("1975-01-01", 18000);
  if (*rc::gen::arbitrary<bool>()) c.last_coverage_end = random_date("2005-01-01", 7000);
  c.prior_coefficient_bp = *rc::gen::inRange(0, 2000);
  if (*rc::gen::arbitrary<bool>()) c.status = MemberStatus::kRetired;
  return c;
}

Product random_product() {
  Product p = testing::product(*rc::gen::element(ProductKind::kLabelled, ProductKind::kIndividual));
  p.majoration_scope = *rc::gen::element(MajorationScope::kMember, MajorationScope::kContract);
  p.billed_children = *rc::gen::inRange(0, 4);
  int promos = *rc::gen::inRange(0, 3);
  for (int i = 0; i < promos; ++i) {
    Promotion promo;
    promo.code = "P" + std::to_string(i);
    promo.from = random_date("2025-12-01", 360);
    promo.to = add_days(promo.from, *rc::gen::inRange(0, 200));
    if (*rc::gen::arbitrary<bool>()) {
      promo.percent_bp = *rc::gen::inRange(0, 10001);
    } else {
      promo.amount = Money::from_cents(*rc::gen::inRange(0, 10000));
    }
    if (*rc::gen::arbitrary<bool>()) promo.joined_from = random_date("2024-01-01", 1000);
    p.promotions.push_back(promo);
  }
  return p;
}

// TAR-08: totals are the exact sums of the persons' amounts; months sum to annual_due; no
// amount is negative; annual_due never exceeds 12 × monthly_due.
RC_GTEST_PROP(RatingProperties, TAR_08_TotalsAreExactSums, ()) {
  Contract c = random_contract();
  Product p = random_product();
  ContractRate r = testing::rate(c, p);
  Money monthly, annual;
  for (const PersonRate& person : r.persons) {
    Money months_sum;
    for (const MonthCharge& m : person.months) {
      RC_ASSERT(!m.amount.is_negative());
      RC_ASSERT(m.amount <= person.monthly_due);
      RC_ASSERT(m.covered_days >= 1 && m.covered_days <= m.days_in_month);
      months_sum += m.amount;
    }
    RC_ASSERT(months_sum == person.annual_due);
    RC_ASSERT(!person.monthly_due.is_negative());
    RC_ASSERT(person.annual_due <= person.monthly_due * 12);
    monthly += person.monthly_due;
    annual += person.annual_due;
  }
  RC_ASSERT(monthly == r.monthly_total);
  RC_ASSERT(annual == r.annual_total);
}

// ADH-02 / TAR-08: a person covered all year without promotion pays exactly 12 × monthly_due.
RC_GTEST_PROP(RatingProperties, ADH_02_WholeYearIsTwelveMonths, ()) {
  Contract c = random_contract();
  for (auto& b : c.beneficiaries) {
    b.start_date = random_date("2015-01-01", 4000);  // on or before 2025-12-14
    b.end_date.reset();
  }
  Product p = random_product();
  p.promotions.clear();
  ContractRate r = testing::rate(c, p);
  for (const PersonRate& person : r.persons) {
    RC_ASSERT(person.annual_due == person.monthly_due * 12);
    if (person.billed) RC_ASSERT(person.months.size() == 12u);
  }
}

// TAR-03, month by month: in each month, the children billed are the eldest min(billed_children,
// children covered that month); the others have a free month at 0; ranks follow birth dates; a
// child never billed has no months.
RC_GTEST_PROP(RatingProperties, TAR_03_AtMostBilledChildrenEldestFirst, ()) {
  Contract c = random_contract();
  Product p = random_product();
  ContractRate r = testing::rate(c, p);
  for (const PersonRate& a : r.persons) {
    if (a.role != Role::kChild) continue;
    if (!a.billed) RC_ASSERT(a.months.empty());
    for (const PersonRate& b : r.persons) {
      if (b.role == Role::kChild && a.child_rank < b.child_rank) {
        RC_ASSERT(a.birth_date <= b.birth_date);
      }
    }
  }
  for (unsigned m = 1; m <= 12; ++m) {
    const Date first = make_date(2026, m, 1), last = make_date(2026, m, days_in_month(2026, m));
    std::vector<const Beneficiary*> covered;  // children covered in month m, eldest first
    for (const Beneficiary& b : c.beneficiaries) {
      if (b.role == Role::kChild && b.start_date <= b.end_date.value_or(last) &&
          b.covered_during(first, last)) {
        covered.push_back(&b);
      }
    }
    std::sort(covered.begin(), covered.end(), [](const Beneficiary* x, const Beneficiary* y) {
      return x->birth_date != y->birth_date ? x->birth_date < y->birth_date : x->id < y->id;
    });
    for (size_t i = 0; i < covered.size(); ++i) {
      const PersonRate& a = testing::find(r, covered[i]->id);
      const MonthCharge* mc = nullptr;
      for (const MonthCharge& x : a.months) {
        if (x.month == m) mc = &x;
      }
      // Booleans first: RC_ASSERT decomposes its expression, so && and || would not short-circuit.
      const bool billed_month = mc != nullptr && !mc->free;
      const bool free_month = mc == nullptr || (mc->free && mc->amount.is_zero());
      if (static_cast<int>(i) < p.billed_children) {
        RC_ASSERT(billed_month);  // among the eldest billed_children covered this month
      } else {
        RC_ASSERT(free_month);
      }
    }
  }
}

bool same_rating(const ContractRate& a, const ContractRate& b) {
  if (a.persons.size() != b.persons.size()) return false;
  if (a.monthly_total != b.monthly_total || a.annual_total != b.annual_total) return false;
  if (a.majoration.coefficient_bp != b.majoration.coefficient_bp) return false;
  for (size_t i = 0; i < a.persons.size(); ++i) {
    const PersonRate& x = a.persons[i];
    const PersonRate& y = b.persons[i];
    if (x.beneficiary_id != y.beneficiary_id || x.tariff_age != y.tariff_age || x.band != y.band ||
        x.billed != y.billed || x.monthly_base != y.monthly_base ||
        x.coefficient_bp != y.coefficient_bp || x.monthly_due != y.monthly_due ||
        x.annual_due != y.annual_due || x.reasons != y.reasons ||
        x.months.size() != y.months.size()) {
      return false;
    }
    for (size_t m = 0; m < x.months.size(); ++m) {
      if (x.months[m].amount != y.months[m].amount) return false;
    }
  }
  return true;
}

// ELIG-09 / TAR-01: names, NIR, e-mail, IBAN, commune and link never change a rating.
RC_GTEST_PROP(RatingProperties, ELIG_09_IdentityDataNeverChangesRating, ()) {
  Contract c = random_contract();
  Product p = random_product();
  Contract other = c;
  for (auto& b : other.beneficiaries) {
    b.last_name = *rc::gen::arbitrary<std::string>();
    b.first_name = *rc::gen::arbitrary<std::string>();
    b.nir = *rc::gen::arbitrary<std::string>();
  }
  other.email = *rc::gen::arbitrary<std::string>();
  other.iban = *rc::gen::arbitrary<std::string>();
  other.commune = *rc::gen::arbitrary<std::string>();
  other.link = *rc::gen::element(Link::kResidence, Link::kWork);
  RC_ASSERT(same_rating(testing::rate(c, p), testing::rate(other, p)));
}

// BIL-02 / TAR-08: instalments of a contract's annual total sum exactly to it, however split.
RC_GTEST_PROP(RatingProperties, TAR_08_InstalmentsSumToAnnualTotal, ()) {
  ContractRate r = testing::rate(random_contract(), random_product());
  for (int parts : {1, 2, 4, 12}) {
    Money sum;
    for (Money m : r.annual_total.split(parts)) sum += m;
    RC_ASSERT(sum == r.annual_total);
  }
  std::vector<int64_t> weights;
  for (const PersonRate& p : r.persons) weights.push_back(p.annual_due.cents() + 1);
  if (!weights.empty()) {
    Money sum;
    for (Money m : r.annual_total.split_by(weights)) sum += m;
    RC_ASSERT(sum == r.annual_total);
  }
}

}  // namespace
}  // namespace mutua

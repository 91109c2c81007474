// Micro-benchmarks of the pure rating engine (no I/O): contracts per second on a typical
// household mix. Whole-command timings (SQLite to CSV, imports) are in scripts/bench.
#include <benchmark/benchmark.h>

#include "rating/rating.hpp"

namespace mutua {
namespace {

Product bench_product() {
  Product p;
  p.code = "LABEL2";
  p.kind = ProductKind::kLabelled;
  Tariff t;
  t.year = 2026;
  t.bands = {0, 20, 26, 30, 40, 50, 60, 70};
  for (int i = 0; i < 8; ++i) {
    t.member.push_back(Money::from_cents(3120 + i * 600));
    t.spouse.push_back(Money::from_cents(3120 + i * 600));
    t.child.push_back(Money::from_cents(1800));
  }
  p.tariffs.push_back(t);
  return p;
}

Contract family() {
  Contract c;
  c.id = "C1";
  c.product = "LABEL2";
  c.civil_service_entry = make_date(2015, 3, 1);
  auto add = [&](const char* id, Role role, Date birth, Date start) {
    Beneficiary b;
    b.id = id;
    b.role = role;
    b.birth_date = birth;
    b.start_date = start;
    c.beneficiaries.push_back(b);
  };
  add("B1", Role::kMember, make_date(1980, 5, 12), make_date(2026, 3, 15));
  add("B2", Role::kSpouse, make_date(1982, 1, 3), make_date(2026, 3, 15));
  add("B3", Role::kChild, make_date(2012, 7, 1), make_date(2026, 3, 15));
  add("B4", Role::kChild, make_date(2015, 7, 1), make_date(2026, 3, 15));
  return c;
}

void BM_RateFamilyContract(benchmark::State& state) {
  Product product = bench_product();
  Contract contract = family();
  RatingParams params;
  params.reference_date = make_date(2011, 11, 8);
  params.legacy_start = make_date(2014, 8, 31);
  for (auto _ : state) {
    auto r = rate_contract(contract, product, 2026, params);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RateFamilyContract);

}  // namespace
}  // namespace mutua

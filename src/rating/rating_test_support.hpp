// Values shared by the rating tests: a labelled product shaped like the sample catalogue of
// INTERFACES.md and small builders for contracts. Built in code, no YAML.
#pragma once

#include <string>
#include <vector>

#include "rating/rating.hpp"

namespace mutua::testing {

inline Money eur(const char* text) { return *Money::parse(text); }
inline Date d(const char* text) { return *parse_date(text); }

inline std::vector<Money> row(std::initializer_list<const char*> amounts) {
  std::vector<Money> out;
  for (const char* a : amounts) out.push_back(eur(a));
  return out;
}

// Tariff 2026 of LABEL2. The spouse row differs from the member row so a test can tell which
// row was read (TAR-01).
inline Tariff tariff_2026() {
  Tariff t;
  t.year = 2026;
  t.decided = d("2025-10-15");
  t.decision_ref = "CA-2025-10";
  t.bands = {0, 20, 26, 30, 40, 50, 60, 70};
  t.member = row({"31.20", "34.50", "38.00", "42.10", "48.90", "57.30", "66.80", "74.40"});
  t.spouse = row({"30.00", "33.00", "36.00", "40.00", "46.00", "55.00", "64.00", "72.00"});
  t.child = row({"18.00", "18.00", "18.00", "18.00", "18.00", "18.00", "18.00", "18.00"});
  return t;
}

inline Product product(ProductKind kind = ProductKind::kIndividual) {
  Product p;
  p.code = "LABEL2";
  p.name = "Label 2";
  p.kind = kind;
  p.tariffs.push_back(tariff_2026());
  return p;
}

inline Product labelled(MajorationScope scope = MajorationScope::kMember) {
  Product p = product(ProductKind::kLabelled);
  p.majoration_scope = scope;
  return p;
}

// The figures of config/regulation.yaml.
inline RatingParams params() {
  RatingParams p;
  p.majoration_rate_bp = 200;
  p.reference_date = d("2011-11-08");
  p.legacy_start = d("2014-08-31");
  p.age_threshold = 30;
  p.seniority_grace_years = 2;
  return p;
}

inline Beneficiary person(std::string id, Role role, const char* birth, const char* start,
                          const char* end = nullptr) {
  Beneficiary b;
  b.id = std::move(id);
  b.role = role;
  b.last_name = "Martin";
  b.first_name = "Camille";
  b.birth_date = d(birth);
  b.start_date = d(start);
  if (end) b.end_date = d(end);
  return b;
}

// A contract whose member was born on `birth` and starts on `start`.
inline Contract contract(const char* birth = "1990-04-10", const char* start = "2025-01-01") {
  Contract c;
  c.id = "C1";
  c.product = "LABEL2";
  c.beneficiaries.push_back(person("M1", Role::kMember, birth, start));
  return c;
}

inline ContractRate rate(const Contract& c, const Product& p, int year = 2026) {
  Result<ContractRate> r = rate_contract(c, p, year, params());
  if (!r.ok()) std::abort();
  return std::move(r).value();
}

inline const PersonRate& find(const ContractRate& r, const std::string& id) {
  for (const auto& p : r.persons) {
    if (p.beneficiary_id == id) return p;
  }
  std::abort();
}

}  // namespace mutua::testing

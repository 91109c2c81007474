// The product catalogue: products, their yearly tariffs (TAR-01, TAR-05), their benefit tables
// (BEN-01..08) and dated promotional campaigns (ADH-05). Plain values, loaded from the YAML
// format of INTERFACES.md by catalogue_yaml.hpp and stored by storage/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/role.hpp"

namespace mutua {

enum class ProductKind { kLabelled, kRegional, kIndividual };
// MAJ-08: the majoration coefficient applies to the member's own contribution, or to the whole
// contract's.
enum class MajorationScope { kMember, kContract };

std::string_view to_string(ProductKind kind);
std::string_view to_string(MajorationScope scope);

// A tariff version: one calendar year of one product, never edited once stored (TAR-05).
struct Tariff {
  int year = 0;
  Date decided{};             // board decision date
  std::string decision_ref;   // board decision reference (optional in the file)
  std::vector<int> bands;     // lower bounds of tariff-age bands, ascending, first is 0
  std::vector<Money> member;  // monthly amount per band
  std::vector<Money> spouse;
  std::vector<Money> child;
  int line = 0;               // where it was declared (for error messages)

  // Index of the band holding this tariff age (the last band is open-ended).
  size_t band_index(int tariff_age) const;
  const std::vector<Money>& row(Role role) const;
  Money monthly(Role role, size_t band) const { return row(role)[band]; }
  // "30-39", or "70+" for the last band.
  std::string band_label(size_t band) const;
};

enum class Per { kAct, kDay, kYear, kEquipment };
enum class Period { kYear, kTwoYears, kFourYears };
std::string_view to_string(Per per);
std::string_view to_string(Period period);

struct Allowance {
  Money amount;
  Per per = Per::kAct;
  friend bool operator==(const Allowance&, const Allowance&) = default;
};

// One formula of a benefit (INTERFACES.md "Formula terms").
struct Formula {
  std::optional<int> total_pct_br;  // RC = min(charged, N% × BR) − RO gross; ticket_moderateur = 100
  bool real_costs = false;          // RC = charged − RO gross
  bool full_basket = false;         // 100% santé: RC = charged − RO gross within the basket
  std::optional<Allowance> amount;  // a euro allowance alone
  std::optional<Allowance> plus;    // a euro allowance on top of the percentage
  friend bool operator==(const Formula&, const Formula&) = default;
};

struct Limits {
  std::optional<Money> annual_cap;
  std::optional<int> max_count;
  Period period = Period::kYear;
  friend bool operator==(const Limits&, const Limits&) = default;
};

// The benefit of one care category. Doctor categories may carry optam / non_optam formulas
// instead of (or besides) a single formula.
struct Benefit {
  std::string category;
  std::optional<Formula> formula;
  std::optional<Formula> optam;
  std::optional<Formula> non_optam;
  Limits limits;
  int line = 0;
};

// BEN-17: a benefit table dated like a tariff (REG art. 16, 18: guarantees are set for at least a
// year and change on 1 January). In force from 1 January of `year` until the next dated table;
// once stored, a year is never edited (as TAR-05).
struct BenefitTable {
  int year = 0;
  Date decided{};            // board decision date
  std::string decision_ref;  // board decision reference (optional in the file)
  std::vector<Benefit> benefits;
  int line = 0;
};

// ADH-05: a reduction by amount (monthly euros per billed person) or percentage, on the
// contribution months within [from, to]; optionally only for adhesions starting in
// [joined_from, joined_to].
struct Promotion {
  std::string code;
  std::string label;
  Date from{};
  Date to{};
  std::optional<int> percent_bp;  // basis points: 10% = 1000
  std::optional<Money> amount;    // monthly reduction per billed person
  std::optional<Date> joined_from;
  std::optional<Date> joined_to;
  int line = 0;
};

struct Product {
  std::string code;
  std::string name;
  ProductKind kind = ProductKind::kIndividual;
  bool responsible = true;
  std::optional<int> max_annual_increase_pct;  // regional products (TAR-07)
  MajorationScope majoration_scope = MajorationScope::kMember;
  int billed_children = 2;                     // TAR-03
  std::vector<Tariff> tariffs;                 // ascending by year
  // The undated table: in force in every year before the first dated table, and in every year
  // when the product has none (the catalogues written before BEN-17). May be empty when dated
  // tables are given.
  std::vector<Benefit> benefits;
  std::vector<BenefitTable> benefit_tables;  // BEN-17, ascending by year
  std::vector<Promotion> promotions;
  // DOC-01: the domains where professionals may apply tiers payant for this product
  // (catalogue/tiers_payant.hpp); absent: derived from the benefits (tiers_payant_domains).
  std::optional<std::vector<std::string>> tiers_payant;
  int line = 0;

  const Tariff* tariff_for(int year) const;
  // The undated table's benefit for a category (nullptr when none).
  const Benefit* benefit_for(std::string_view category) const;
  // BEN-17: the table in force in `year`: the dated table of the latest year ≤ `year`, else the
  // undated one; and its benefit for a category (a care line uses the year of its care date).
  const std::vector<Benefit>& benefits_in(int year) const;
  const Benefit* benefit_for(std::string_view category, int year) const;
  // The dated table of exactly `year` (nullptr when none).
  const BenefitTable* benefit_table(int year) const;
};

struct Organism {
  std::string name;
  std::string siren;
  std::string creditor_id;  // SEPA creditor identifier (ICS), BIL-03
  std::string iban;         // account credited by direct debits (optional until a SEPA export)
  std::string bic;
  // DOC-01: what the tiers-payant card shows a pharmacist (optional in the file).
  std::string amc_number;               // numéro d'organisme complémentaire (AMC), digits
  std::string tiers_payant_convention;  // type de convention printed on the card, e.g. "SP"
};

struct Catalogue {
  int schema = 1;
  Organism organism;
  std::vector<Product> products;
  std::string source_file;

  const Product* find(std::string_view code) const;
};

// BEN-17: the same benefits by value: the same categories with the same formulas and limits, in
// any order (the line where a benefit was declared does not count).
bool same_benefits(const std::vector<Benefit>& a, const std::vector<Benefit>& b);

// BEN-17: the years among `stored_years` whose table in force differs between `before` (the
// product as stored) and `after` (the product as it would be stored), ascending. A stored year
// (a dated table is stored for it, or a claim line with a care date in it was decided) keeps its
// table: a load that changes it is refused (as TAR-05).
std::vector<int> benefit_years_changed(const Product& before, const Product& after,
                                       const std::vector<int>& stored_years);

// The care-category vocabulary of INTERFACES.md (shared by catalogues and claims).
const std::vector<std::string_view>& care_categories();
bool is_care_category(std::string_view name);

}  // namespace mutua

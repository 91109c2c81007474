// YAML → Catalogue (see catalogue_yaml.hpp for the contract). yaml-cpp only walks the tree;
// every scalar goes through a strict parser here, and every error carries the path and line.
#include "catalogue/catalogue_yaml.hpp"
#include "catalogue/tiers_payant.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>

#include "core/iban.hpp"
#include "regulation/regulation.hpp"  // parse_percent_bp

namespace mutua {

namespace {

int line_of(const YAML::Node& node) { return node.Mark().line + 1; }

bool is_code(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string index(const std::string& field, size_t i) {
  return field + "[" + std::to_string(i) + "]";
}

// Reads one document, accumulating errors; each method returns nullopt on a bad value.
class Reader {
 public:
  explicit Reader(std::string name) : name_(std::move(name)) {}

  Errors errors;

  void fail(const YAML::Node& at, const std::string& field, std::string message) {
    errors.push_back(data_error(name_, line_of(at), field, std::move(message)));
  }

  // Checks a mapping: every key known, none repeated (yaml-cpp keeps duplicates silently).
  bool expect_map(const YAML::Node& node, const std::string& field,
                  std::initializer_list<std::string_view> allowed) {
    if (!node.IsMap()) {
      fail(node, field, "expected a mapping");
      return false;
    }
    std::set<std::string> seen;
    for (const auto& kv : node) {
      const std::string key = kv.first.Scalar();
      const std::string path = field.empty() ? key : field + "." + key;
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        fail(kv.first, path, "unknown key '" + key + "'");
      } else if (!seen.insert(key).second) {
        fail(kv.first, path, "duplicate key '" + key + "'");
      }
    }
    return true;
  }

  // A required child; reports its absence at the parent's line.
  std::optional<YAML::Node> required(const YAML::Node& parent, const std::string& field,
                                     const char* key) {
    YAML::Node child = parent[key];
    if (!child) {
      fail(parent, join(field, key), "missing");
      return std::nullopt;
    }
    return child;
  }

  std::optional<std::string> scalar(const YAML::Node& node, const std::string& field) {
    if (!node.IsScalar()) {
      fail(node, field, node.IsNull() ? "missing value" : "expected a single value");
      return std::nullopt;
    }
    return node.Scalar();
  }

  std::optional<std::string> text(const YAML::Node& node, const std::string& field) {
    auto s = scalar(node, field);
    if (s && s->empty()) {
      fail(node, field, "must not be empty");
      return std::nullopt;
    }
    return s;
  }

  std::optional<Money> money(const YAML::Node& node, const std::string& field) {
    auto s = scalar(node, field);
    if (!s) return std::nullopt;
    auto m = Money::parse(*s);
    if (!m) {
      fail(node, field, m.error().message);
      return std::nullopt;
    }
    if (m->is_negative()) {
      fail(node, field, "amount must not be negative: '" + *s + "'");
      return std::nullopt;
    }
    return *m;
  }

  std::optional<int> integer(const YAML::Node& node, const std::string& field, int lo, int hi) {
    auto s = scalar(node, field);
    if (!s) return std::nullopt;
    bool digits = !s->empty() && s->size() <= 9 &&
                  std::all_of(s->begin(), s->end(), [](char c) { return c >= '0' && c <= '9'; });
    int v = digits ? std::stoi(*s) : 0;
    if (!digits || v < lo || v > hi) {
      fail(node, field,
           "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
               ": '" + *s + "'");
      return std::nullopt;
    }
    return v;
  }

  std::optional<bool> boolean(const YAML::Node& node, const std::string& field) {
    auto s = scalar(node, field);
    if (!s) return std::nullopt;
    if (*s == "true") return true;
    if (*s == "false") return false;
    fail(node, field, "expected true or false: '" + *s + "'");
    return std::nullopt;
  }

  std::optional<Date> date(const YAML::Node& node, const std::string& field) {
    auto s = scalar(node, field);
    if (!s) return std::nullopt;
    auto d = parse_date(*s);
    if (!d) {
      fail(node, field, d.error().message);
      return std::nullopt;
    }
    return *d;
  }

  std::optional<std::string> code(const YAML::Node& node, const std::string& field) {
    auto s = scalar(node, field);
    if (s && !is_code(*s)) {
      fail(node, field, "code must match [A-Z0-9_]+: '" + *s + "'");
      return std::nullopt;
    }
    return s;
  }

  static std::string join(const std::string& field, const char* key) {
    return field.empty() ? std::string(key) : field + "." + key;
  }

  const std::string& name() const { return name_; }

 private:
  std::string name_;
};

// ---- formulas and benefits -----------------------------------------------------------------

std::optional<Per> parse_per(Reader& r, const YAML::Node& node, const std::string& field) {
  auto s = r.scalar(node, field);
  if (!s) return std::nullopt;
  if (*s == "act") return Per::kAct;
  if (*s == "day") return Per::kDay;
  if (*s == "year") return Per::kYear;
  if (*s == "equipment") return Per::kEquipment;
  r.fail(node, field, "expected act | day | year | equipment: '" + *s + "'");
  return std::nullopt;
}

std::optional<Allowance> read_plus(Reader& r, const YAML::Node& node, const std::string& field) {
  if (!r.expect_map(node, field, {"amount", "per"})) return std::nullopt;
  auto amount_node = r.required(node, field, "amount");
  auto per_node = r.required(node, field, "per");
  if (!amount_node || !per_node) return std::nullopt;
  auto amount = r.money(*amount_node, field + ".amount");
  auto per = parse_per(r, *per_node, field + ".per");
  if (!amount || !per) return std::nullopt;
  return Allowance{*amount, *per};
}

// Checks that the terms present make one of the formulas of INTERFACES.md.
void check_formula_shape(Reader& r, const YAML::Node& node, const std::string& field,
                         const Formula& f, bool has_tm) {
  const bool pct = f.total_pct_br.has_value();
  const int kinds =
      (pct ? 1 : 0) + (f.real_costs ? 1 : 0) + (f.full_basket ? 1 : 0) + (f.amount ? 1 : 0);
  if (pct && has_tm && node["total_pct_br"]) {
    r.fail(node, field, "total_pct_br and ticket_moderateur are the same term: use one");
  } else if (kinds == 0 && !f.plus) {
    r.fail(node, field,
           "a formula needs a term (total_pct_br, ticket_moderateur, real_costs, "
           "amount+per, full_basket)");
  } else if (kinds > 1) {
    r.fail(node, field,
           "combine total_pct_br or ticket_moderateur with plus only; "
           "real_costs, amount and full_basket stand alone");
  } else if (f.plus && !pct) {
    r.fail(node, field, "plus is an allowance on top of total_pct_br or ticket_moderateur");
  }
}

std::optional<Formula> read_formula(Reader& r, const YAML::Node& node, const std::string& field) {
  if (!r.expect_map(node, field,
                    {"total_pct_br", "ticket_moderateur", "real_costs", "amount", "per", "plus",
                     "full_basket"})) {
    return std::nullopt;
  }
  const size_t before = r.errors.size();
  Formula f;
  if (node["total_pct_br"])
    f.total_pct_br = r.integer(node["total_pct_br"], field + ".total_pct_br", 0, 1000);
  bool has_tm = false;
  if (node["ticket_moderateur"]) {
    auto tm = r.boolean(node["ticket_moderateur"], field + ".ticket_moderateur");
    if (tm && !*tm)
      r.fail(node["ticket_moderateur"], field + ".ticket_moderateur", "only 'true' is meaningful");
    if (tm && *tm) {
      has_tm = true;
      if (!f.total_pct_br) f.total_pct_br = 100;
    }
  }
  for (const char* flag : {"real_costs", "full_basket"}) {
    if (!node[flag]) continue;
    auto b = r.boolean(node[flag], field + "." + flag);
    if (b && !*b) r.fail(node[flag], field + "." + flag, "only 'true' is meaningful");
    if (b && *b) (std::string_view(flag) == "real_costs" ? f.real_costs : f.full_basket) = true;
  }
  if (node["amount"] || node["per"]) {
    auto amount = r.required(node, field, "amount");
    auto per = r.required(node, field, "per");
    if (amount && per) {
      auto m = r.money(*amount, field + ".amount");
      auto p = parse_per(r, *per, field + ".per");
      if (m && p) f.amount = Allowance{*m, *p};
    }
  }
  if (node["plus"]) f.plus = read_plus(r, node["plus"], field + ".plus");
  if (r.errors.size() != before) return std::nullopt;
  check_formula_shape(r, node, field, f, has_tm);
  if (r.errors.size() != before) return std::nullopt;
  return f;
}

std::optional<Limits> read_limits(Reader& r, const YAML::Node& node, const std::string& field) {
  if (!r.expect_map(node, field, {"annual_cap", "max_count", "period"})) return std::nullopt;
  Limits limits;
  const size_t before = r.errors.size();
  if (node["annual_cap"]) limits.annual_cap = r.money(node["annual_cap"], field + ".annual_cap");
  if (node["max_count"])
    limits.max_count = r.integer(node["max_count"], field + ".max_count", 1, 100000);
  if (node["period"]) {
    auto s = r.scalar(node["period"], field + ".period");
    if (s && *s == "year") {
      limits.period = Period::kYear;
    } else if (s && *s == "2y") {
      limits.period = Period::kTwoYears;
    } else if (s && *s == "4y") {
      limits.period = Period::kFourYears;
    } else if (s) {
      r.fail(node["period"], field + ".period", "expected year | 2y | 4y: '" + *s + "'");
    }
  }
  if (r.errors.size() != before) return std::nullopt;
  return limits;
}

std::optional<Benefit> read_benefit(Reader& r, const YAML::Node& node, const std::string& field) {
  if (!r.expect_map(node, field, {"category", "formula", "optam", "non_optam", "limits"})) {
    return std::nullopt;
  }
  const size_t before = r.errors.size();
  Benefit b;
  b.line = line_of(node);
  if (auto c = r.required(node, field, "category")) {
    auto s = r.scalar(*c, field + ".category");
    if (s && !is_care_category(*s)) {
      r.fail(*c, field + ".category", "unknown care category '" + *s + "'");
    } else if (s) {
      b.category = *s;
    }
  }
  if (node["formula"]) b.formula = read_formula(r, node["formula"], field + ".formula");
  if (node["optam"]) b.optam = read_formula(r, node["optam"], field + ".optam");
  if (node["non_optam"]) b.non_optam = read_formula(r, node["non_optam"], field + ".non_optam");
  if (!node["formula"] && !node["optam"] && !node["non_optam"]) {
    r.fail(node, field, "a benefit needs formula, or optam / non_optam");
  }
  if (node["limits"]) {
    if (auto l = read_limits(r, node["limits"], field + ".limits")) b.limits = *l;
  }
  if (r.errors.size() != before) return std::nullopt;
  return b;
}

// ---- tariffs ------------------------------------------------------------------------------

std::vector<int> read_bands(Reader& r, const YAML::Node& node, const std::string& field) {
  std::vector<int> bands;
  if (!node.IsSequence() || node.size() == 0) {
    r.fail(node, field, "expected a non-empty list of ages like [0, 20, 30]");
    return bands;
  }
  for (size_t i = 0; i < node.size(); ++i) {
    auto age = r.integer(node[i], index(field, i), 0, 150);
    if (!age) return {};
    if (i == 0 && *age != 0) {
      r.fail(node[i], index(field, i), "the first band must start at 0");
      return {};
    }
    if (i > 0 && *age <= bands.back()) {
      r.fail(node[i], index(field, i),
             "bands must be strictly ascending: " + std::to_string(*age) + " after " +
                 std::to_string(bands.back()));
      return {};
    }
    bands.push_back(*age);
  }
  return bands;
}

std::vector<Money> read_row(Reader& r, const YAML::Node& node, const std::string& field,
                            size_t expected) {
  std::vector<Money> row;
  if (!node.IsSequence()) {
    r.fail(node, field, "expected a list of monthly amounts, one per band");
    return row;
  }
  bool ok = true;
  for (size_t i = 0; i < node.size(); ++i) {
    auto m = r.money(node[i], index(field, i));
    if (m) row.push_back(*m);
    ok = ok && m.has_value();
  }
  if (ok && expected != 0 && node.size() != expected) {
    r.fail(node, field,
           std::to_string(node.size()) + " amounts for " + std::to_string(expected) + " bands");
  }
  return row;
}

// What dates a tariff (TAR-05) and a benefit table (BEN-17) alike: the year it is in force, the
// board decision's date and its reference (optional).
template <typename Dated>
void read_dated(Reader& r, const YAML::Node& node, const std::string& field, Dated& t) {
  if (auto y = r.required(node, field, "year"))
    t.year = r.integer(*y, field + ".year", 1900, 2999).value_or(0);
  if (auto d = r.required(node, field, "decided"))
    t.decided = r.date(*d, field + ".decided").value_or(Date{});
  if (node["decision_ref"])
    t.decision_ref = r.text(node["decision_ref"], field + ".decision_ref").value_or("");
}

std::optional<Tariff> read_tariff(Reader& r, const YAML::Node& node, const std::string& field) {
  if (!r.expect_map(node, field,
                    {"year", "decided", "decision_ref", "bands", "member", "spouse", "child"})) {
    return std::nullopt;
  }
  const size_t before = r.errors.size();
  Tariff t;
  t.line = line_of(node);
  read_dated(r, node, field, t);
  if (auto b = r.required(node, field, "bands")) t.bands = read_bands(r, *b, field + ".bands");
  const std::pair<const char*, std::vector<Money>*> rows[] = {
      {"member", &t.member}, {"spouse", &t.spouse}, {"child", &t.child}};
  for (const auto& [key, row] : rows) {
    if (auto n = r.required(node, field, key))
      *row = read_row(r, *n, field + "." + key, t.bands.size());
  }
  if (r.errors.size() != before) return std::nullopt;
  return t;
}

// ---- promotions ---------------------------------------------------------------------------

std::optional<Promotion> read_promotion(Reader& r, const YAML::Node& node,
                                        const std::string& field) {
  if (!r.expect_map(
          node, field,
          {"code", "label", "from", "to", "percent", "amount", "joined_from", "joined_to"})) {
    return std::nullopt;
  }
  const size_t before = r.errors.size();
  Promotion p;
  p.line = line_of(node);
  if (auto c = r.required(node, field, "code")) p.code = r.code(*c, field + ".code").value_or("");
  if (auto l = r.required(node, field, "label"))
    p.label = r.text(*l, field + ".label").value_or("");
  if (auto f = r.required(node, field, "from"))
    p.from = r.date(*f, field + ".from").value_or(Date{});
  if (auto t = r.required(node, field, "to")) p.to = r.date(*t, field + ".to").value_or(Date{});
  if (node["joined_from"]) p.joined_from = r.date(node["joined_from"], field + ".joined_from");
  if (node["joined_to"]) p.joined_to = r.date(node["joined_to"], field + ".joined_to");
  if (node["percent"].IsDefined() == node["amount"].IsDefined()) {
    r.fail(node, field, "exactly one of percent or amount");
  } else if (node["percent"]) {
    auto s = r.scalar(node["percent"], field + ".percent");
    auto bp = s ? parse_percent_bp(*s) : Result<int>(Error{});
    if (s && (!bp || *bp <= 0 || *bp > 10000)) {
      r.fail(node["percent"], field + ".percent",
             "expected a percentage above 0 and at most 100, two decimals at most: '" + *s + "'");
    } else if (s) {
      p.percent_bp = *bp;
    }
  } else {
    p.amount = r.money(node["amount"], field + ".amount");
    if (p.amount && p.amount->is_zero())
      r.fail(node["amount"], field + ".amount", "must be above 0");
  }
  if (r.errors.size() == before && p.to < p.from) r.fail(node, field + ".to", "before 'from'");
  if (r.errors.size() == before && p.joined_from && p.joined_to && *p.joined_to < *p.joined_from) {
    r.fail(node, field + ".joined_to", "before 'joined_from'");
  }
  if (r.errors.size() != before) return std::nullopt;
  return p;
}

// ---- products -----------------------------------------------------------------------------

// Reads a list under `key`, calling read(node, field) for each element.
template <typename T, typename F>
std::vector<T> read_list(Reader& r, const YAML::Node& parent, const std::string& field,
                         const char* key, bool required, F read) {
  std::vector<T> out;
  YAML::Node list = parent[key];
  const std::string path = field + "." + key;
  if (!list) {
    if (required) r.fail(parent, path, "missing");
    return out;
  }
  if (!list.IsSequence() || (required && list.size() == 0)) {
    r.fail(list, path, required ? "expected a non-empty list" : "expected a list");
    return out;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    if (auto v = read(r, list[i], index(path, i))) out.push_back(std::move(*v));
  }
  return out;
}

template <typename T, typename Key>
void check_unique(Reader& r, const std::vector<T>& items, const std::string& field,
                  const char* what, Key key);

// BEN-17: a dated benefit table {year, decided, decision_ref?, benefits: [...]}.
std::optional<BenefitTable> read_benefit_table(Reader& r, const YAML::Node& node,
                                               const std::string& field) {
  if (!r.expect_map(node, field, {"year", "decided", "decision_ref", "benefits"})) {
    return std::nullopt;
  }
  const size_t before = r.errors.size();
  BenefitTable t;
  t.line = line_of(node);
  read_dated(r, node, field, t);
  t.benefits = read_list<Benefit>(r, node, field, "benefits", true, read_benefit);
  check_unique(r, t.benefits, field + ".benefits", "category",
               [](const Benefit& b) { return b.category; });
  if (r.errors.size() != before) return std::nullopt;
  return t;
}

// DOC-01: the tiers-payant domains of a product, a list of known domain names, each once (an
// empty list: no tiers payant).
void read_tiers_payant(Reader& r, const YAML::Node& node, const std::string& field, Product& p) {
  if (!node.IsSequence()) {
    r.fail(node, field, "expected a list of domains, e.g. [pharmacy, laboratory]");
    return;
  }
  std::vector<std::string> domains;
  for (size_t i = 0; i < node.size(); ++i) {
    auto name = r.scalar(node[i], index(field, i));
    if (!name) continue;
    if (!find_tiers_payant_domain(*name)) {
      std::string known;
      for (const TiersPayantDomain& d : tiers_payant_domain_names()) {
        known += (known.empty() ? "" : ", ") + std::string(d.name);
      }
      r.fail(node[i], index(field, i), "unknown domain '" + *name + "' (one of " + known + ")");
    } else if (std::find(domains.begin(), domains.end(), *name) != domains.end()) {
      r.fail(node[i], index(field, i), "domain '" + *name + "' listed twice");
    } else {
      domains.push_back(*name);
    }
  }
  p.tiers_payant = std::move(domains);
}

void read_product_scalars(Reader& r, const YAML::Node& node, const std::string& field, Product& p) {
  if (auto c = r.required(node, field, "code")) p.code = r.code(*c, field + ".code").value_or("");
  if (auto n = r.required(node, field, "name")) p.name = r.text(*n, field + ".name").value_or("");
  if (auto k = r.required(node, field, "kind")) {
    auto s = r.scalar(*k, field + ".kind");
    if (s && *s == "labelled") {
      p.kind = ProductKind::kLabelled;
    } else if (s && *s == "regional") {
      p.kind = ProductKind::kRegional;
    } else if (s && *s == "individual") {
      p.kind = ProductKind::kIndividual;
    } else if (s) {
      r.fail(*k, field + ".kind", "expected labelled | regional | individual: '" + *s + "'");
    }
  }
  if (node["responsible"])
    p.responsible = r.boolean(node["responsible"], field + ".responsible").value_or(true);
  if (YAML::Node m = node["max_annual_increase_pct"]) {
    p.max_annual_increase_pct = r.integer(m, field + ".max_annual_increase_pct", 0, 100);
    if (p.kind != ProductKind::kRegional) {
      r.fail(m, field + ".max_annual_increase_pct", "only for regional products (TAR-07)");
    }
  }
  if (YAML::Node s = node["majoration_scope"]) {
    auto v = r.scalar(s, field + ".majoration_scope");
    if (v && *v == "contract") {
      p.majoration_scope = MajorationScope::kContract;
    } else if (v && *v != "member") {
      r.fail(s, field + ".majoration_scope", "expected member | contract: '" + *v + "'");
    }
  }
  if (node["billed_children"]) {
    p.billed_children =
        r.integer(node["billed_children"], field + ".billed_children", 0, 20).value_or(2);
  }
  if (YAML::Node tp = node["tiers_payant"]) read_tiers_payant(r, tp, field + ".tiers_payant", p);
}

template <typename T, typename Key>
void check_unique(Reader& r, const std::vector<T>& items, const std::string& field,
                  const char* what, Key key) {
  for (size_t i = 0; i < items.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (key(items[i]) == key(items[j])) {
        r.errors.push_back(data_error(r.name(), items[i].line, field,
                                      std::string("duplicate ") + what + " " + key(items[i]) +
                                          " (first at line " + std::to_string(items[j].line) +
                                          ")"));
        break;
      }
    }
  }
}

std::optional<Product> read_product(Reader& r, const YAML::Node& node, const std::string& field) {
  if (!r.expect_map(node, field,
                    {"code", "name", "kind", "responsible", "max_annual_increase_pct",
                     "majoration_scope", "billed_children", "tariffs", "benefits",
                     "benefit_tables", "promotions", "tiers_payant"})) {
    return std::nullopt;
  }
  const size_t before = r.errors.size();
  Product p;
  p.line = line_of(node);
  read_product_scalars(r, node, field, p);
  p.tariffs = read_list<Tariff>(r, node, field, "tariffs", true, read_tariff);
  // BEN-17: the undated table is required unless dated tables are given.
  const bool dated = static_cast<bool>(node["benefit_tables"]);
  p.benefits = read_list<Benefit>(r, node, field, "benefits", !dated, read_benefit);
  p.benefit_tables =
      read_list<BenefitTable>(r, node, field, "benefit_tables", false, read_benefit_table);
  // Only an empty list is refused here: a list whose entries were refused already has its errors.
  if (dated && node["benefit_tables"].IsSequence() && node["benefit_tables"].size() == 0) {
    r.fail(node["benefit_tables"], field + ".benefit_tables", "expected a non-empty list");
  }
  p.promotions = read_list<Promotion>(r, node, field, "promotions", false, read_promotion);
  check_unique(r, p.tariffs, field + ".tariffs", "tariff year",
               [](const Tariff& t) { return std::to_string(t.year); });
  check_unique(r, p.benefits, field + ".benefits", "category",
               [](const Benefit& b) { return b.category; });
  check_unique(r, p.benefit_tables, field + ".benefit_tables", "benefit table year",
               [](const BenefitTable& t) { return std::to_string(t.year); });
  check_unique(r, p.promotions, field + ".promotions", "promotion",
               [](const Promotion& pr) { return pr.code; });
  std::sort(p.tariffs.begin(), p.tariffs.end(),
            [](const Tariff& a, const Tariff& b) { return a.year < b.year; });
  std::sort(p.benefit_tables.begin(), p.benefit_tables.end(),
            [](const BenefitTable& a, const BenefitTable& b) { return a.year < b.year; });
  if (r.errors.size() != before) return std::nullopt;
  return p;
}

void read_organism(Reader& r, const YAML::Node& node, Organism& o) {
  if (!r.expect_map(node, "organism", {"name", "siren", "creditor_id", "iban", "bic",
                                       "amc_number", "tiers_payant_convention"})) {
    return;
  }
  if (auto n = r.required(node, "organism", "name"))
    o.name = r.text(*n, "organism.name").value_or("");
  if (auto s = r.required(node, "organism", "siren")) {
    o.siren = r.scalar(*s, "organism.siren").value_or("");
    bool nine_digits =
        o.siren.size() == 9 &&
        std::all_of(o.siren.begin(), o.siren.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!nine_digits) r.fail(*s, "organism.siren", "expected 9 digits: '" + o.siren + "'");
  }
  if (auto c = r.required(node, "organism", "creditor_id")) {
    o.creditor_id = r.scalar(*c, "organism.creditor_id").value_or("");
    bool shape = o.creditor_id.size() >= 8 && o.creditor_id.size() <= 35 &&
                 std::all_of(o.creditor_id.begin(), o.creditor_id.end(), [](char ch) {
                   return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
                 });
    if (!shape) {
      r.fail(*c, "organism.creditor_id",
             "expected a SEPA creditor identifier like FR12ZZZ123456: '" + o.creditor_id + "'");
    }
  }
  // The creditor account of direct debits (BIL-03): optional, checked when given.
  if (const YAML::Node i = node["iban"]) {
    o.iban = r.scalar(i, "organism.iban").value_or("");
    if (Status s = validate_iban(o.iban); !s) r.fail(i, "organism.iban", s.error().message);
  }
  if (const YAML::Node b = node["bic"]) {
    o.bic = r.scalar(b, "organism.bic").value_or("");
    const bool shape = (o.bic.size() == 8 || o.bic.size() == 11) &&
                       std::all_of(o.bic.begin(), o.bic.end(), [](char ch) {
                         return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
                       });
    if (!shape) r.fail(b, "organism.bic", "expected a BIC of 8 or 11 characters: '" + o.bic + "'");
  }
  // DOC-01: the card's AMC number (the organism's number for tiers payant) and convention type.
  if (const YAML::Node a = node["amc_number"]) {
    o.amc_number = r.scalar(a, "organism.amc_number").value_or("");
    const bool digits = o.amc_number.size() >= 8 && o.amc_number.size() <= 10 &&
                        std::all_of(o.amc_number.begin(), o.amc_number.end(),
                                    [](char ch) { return ch >= '0' && ch <= '9'; });
    if (!digits) {
      r.fail(a, "organism.amc_number", "expected 8 to 10 digits: '" + o.amc_number + "'");
    }
  }
  if (const YAML::Node t = node["tiers_payant_convention"]) {
    o.tiers_payant_convention = r.scalar(t, "organism.tiers_payant_convention").value_or("");
    const bool code = !o.tiers_payant_convention.empty() &&
                      o.tiers_payant_convention.size() <= 10 &&
                      std::all_of(o.tiers_payant_convention.begin(),
                                  o.tiers_payant_convention.end(), [](char ch) {
                                    return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
                                  });
    if (!code) {
      r.fail(t, "organism.tiers_payant_convention",
             "expected a code of 1 to 10 capital letters or digits: '" +
                 o.tiers_payant_convention + "'");
    }
  }
}

// Product codes must be unique even when a product has other errors: read them from the tree.
void check_product_codes(Reader& r, const YAML::Node& products) {
  std::vector<std::pair<std::string, int>> seen;  // code, line
  for (size_t i = 0; i < products.size(); ++i) {
    const YAML::Node code = products[i].IsMap() ? products[i]["code"] : YAML::Node();
    if (!code || !code.IsScalar()) continue;
    const int line = line_of(products[i]);
    for (const auto& [other, other_line] : seen) {
      if (other == code.Scalar()) {
        r.errors.push_back(data_error(r.name(), line, "products",
                                      "duplicate product code " + other + " (first at line " +
                                          std::to_string(other_line) + ")"));
        break;
      }
    }
    seen.push_back({code.Scalar(), line});
  }
}

Catalogue read_catalogue(Reader& r, const YAML::Node& root) {
  Catalogue cat;
  cat.source_file = r.name();
  if (!r.expect_map(root, "", {"schema", "organism", "products"})) return cat;
  if (auto s = r.required(root, "", "schema")) {
    if (!s->IsScalar() || s->Scalar() != "1")
      r.fail(*s, "schema", "unsupported schema (expected 1)");
  }
  if (auto o = r.required(root, "", "organism")) read_organism(r, *o, cat.organism);
  YAML::Node products = root["products"];
  if (!products || !products.IsSequence() || products.size() == 0) {
    r.fail(products ? products : root, "products", "expected a non-empty list of products");
    return cat;
  }
  for (size_t i = 0; i < products.size(); ++i) {
    if (auto p = read_product(r, products[i], index("products", i))) {
      cat.products.push_back(std::move(*p));
    }
  }
  check_product_codes(r, products);
  return cat;
}

}  // namespace

CatalogueLoad load_catalogue_string(const std::string& text, const std::string& name) {
  CatalogueLoad out;
  Reader reader(name);
  try {
    YAML::Node root = YAML::Load(text);
    Catalogue cat = read_catalogue(reader, root);
    out.errors = std::move(reader.errors);
    if (out.errors.empty()) out.catalogue = std::move(cat);
  } catch (const YAML::Exception& e) {  // syntax error, or a tree yaml-cpp cannot walk
    out.errors = std::move(reader.errors);
    out.errors.push_back(data_error(name, e.mark.line + 1, "", "YAML syntax error: " + e.msg));
  }
  return out;
}

CatalogueLoad load_catalogue_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    CatalogueLoad out;
    out.errors.push_back(data_error(path, 0, "", "cannot open file"));
    return out;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  return load_catalogue_string(buf.str(), path);
}

}  // namespace mutua

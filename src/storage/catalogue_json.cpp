#include "storage/catalogue_json.hpp"

#include <nlohmann/json.hpp>

#include "storage/store.hpp"

namespace mutua {

using nlohmann::json;

namespace {

// Local names: storage must not depend on how the catalogue module spells its enums in YAML.
const char* per_name(Per p) {
  switch (p) {
    case Per::kAct: return "act";
    case Per::kDay: return "day";
    case Per::kYear: return "year";
    case Per::kEquipment: return "equipment";
  }
  return "act";
}
Per parse_per(const std::string& s) {
  if (s == "act") return Per::kAct;
  if (s == "day") return Per::kDay;
  if (s == "year") return Per::kYear;
  if (s == "equipment") return Per::kEquipment;
  throw StoreError("stored benefit has an unknown 'per': " + s);
}
const char* period_name(Period p) {
  switch (p) {
    case Period::kYear: return "year";
    case Period::kTwoYears: return "2y";
    case Period::kFourYears: return "4y";
  }
  return "year";
}
Period parse_period(const std::string& s) {
  if (s == "year") return Period::kYear;
  if (s == "2y") return Period::kTwoYears;
  if (s == "4y") return Period::kFourYears;
  throw StoreError("stored benefit has an unknown period: " + s);
}

Date date_of(const json& j) {
  auto d = try_parse_date(j.get<std::string>());
  if (!d) throw StoreError("stored catalogue holds a malformed date: " + j.dump());
  return *d;
}

json allowance_json(const Allowance& a) {
  return {{"cents", a.amount.cents()}, {"per", per_name(a.per)}};
}
Allowance allowance_of(const json& j) {
  return {Money::from_cents(j.at("cents").get<int64_t>()), parse_per(j.at("per"))};
}

json formula_json(const Formula& f) {
  json j = json::object();
  if (f.total_pct_br) j["total_pct_br"] = *f.total_pct_br;
  if (f.real_costs) j["real_costs"] = true;
  if (f.full_basket) j["full_basket"] = true;
  if (f.amount) j["amount"] = allowance_json(*f.amount);
  if (f.plus) j["plus"] = allowance_json(*f.plus);
  return j;
}
Formula formula_of(const json& j) {
  Formula f;
  if (j.contains("total_pct_br")) f.total_pct_br = j["total_pct_br"].get<int>();
  f.real_costs = j.value("real_costs", false);
  f.full_basket = j.value("full_basket", false);
  if (j.contains("amount")) f.amount = allowance_of(j["amount"]);
  if (j.contains("plus")) f.plus = allowance_of(j["plus"]);
  return f;
}

json benefit_json(const Benefit& b) {
  json j = {{"category", b.category}, {"line", b.line}};
  if (b.formula) j["formula"] = formula_json(*b.formula);
  if (b.optam) j["optam"] = formula_json(*b.optam);
  if (b.non_optam) j["non_optam"] = formula_json(*b.non_optam);
  json limits = {{"period", period_name(b.limits.period)}};
  if (b.limits.annual_cap) limits["annual_cap_cents"] = b.limits.annual_cap->cents();
  if (b.limits.max_count) limits["max_count"] = *b.limits.max_count;
  j["limits"] = limits;
  return j;
}
Benefit benefit_of(const json& j) {
  Benefit b;
  b.category = j.at("category").get<std::string>();
  b.line = j.value("line", 0);
  if (j.contains("formula")) b.formula = formula_of(j["formula"]);
  if (j.contains("optam")) b.optam = formula_of(j["optam"]);
  if (j.contains("non_optam")) b.non_optam = formula_of(j["non_optam"]);
  if (j.contains("limits")) {
    const json& l = j["limits"];
    b.limits.period = parse_period(l.value("period", "year"));
    if (l.contains("annual_cap_cents")) {
      b.limits.annual_cap = Money::from_cents(l["annual_cap_cents"].get<int64_t>());
    }
    if (l.contains("max_count")) b.limits.max_count = l["max_count"].get<int>();
  }
  return b;
}

json promotion_json(const Promotion& p) {
  json j = {{"code", p.code}, {"label", p.label}, {"from", format_date(p.from)},
            {"to", format_date(p.to)}, {"line", p.line}};
  if (p.percent_bp) j["percent_bp"] = *p.percent_bp;
  if (p.amount) j["amount_cents"] = p.amount->cents();
  if (p.joined_from) j["joined_from"] = format_date(*p.joined_from);
  if (p.joined_to) j["joined_to"] = format_date(*p.joined_to);
  return j;
}
Promotion promotion_of(const json& j) {
  Promotion p;
  p.code = j.at("code").get<std::string>();
  p.label = j.value("label", "");
  p.from = date_of(j.at("from"));
  p.to = date_of(j.at("to"));
  p.line = j.value("line", 0);
  if (j.contains("percent_bp")) p.percent_bp = j["percent_bp"].get<int>();
  if (j.contains("amount_cents")) p.amount = Money::from_cents(j["amount_cents"].get<int64_t>());
  if (j.contains("joined_from")) p.joined_from = date_of(j["joined_from"]);
  if (j.contains("joined_to")) p.joined_to = date_of(j["joined_to"]);
  return p;
}

template <typename T, typename F>
std::vector<T> list_of(std::string_view text, F each) {
  try {
    json j = json::parse(text);
    std::vector<T> out;
    for (const json& item : j) out.push_back(each(item));
    return out;
  } catch (const json::exception& e) {
    throw StoreError(std::string("stored catalogue JSON is malformed: ") + e.what());
  }
}

}  // namespace

std::string benefits_to_json(const std::vector<Benefit>& benefits) {
  json j = json::array();
  for (const Benefit& b : benefits) j.push_back(benefit_json(b));
  return j.dump();
}

std::vector<Benefit> benefits_from_json(std::string_view text) {
  return list_of<Benefit>(text, benefit_of);
}

std::string promotions_to_json(const std::vector<Promotion>& promotions) {
  json j = json::array();
  for (const Promotion& p : promotions) j.push_back(promotion_json(p));
  return j.dump();
}

std::vector<Promotion> promotions_from_json(std::string_view text) {
  return list_of<Promotion>(text, promotion_of);
}

}  // namespace mutua

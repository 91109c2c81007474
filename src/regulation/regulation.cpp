// Loading and querying dated regulatory figures (see regulation.hpp for the file format).
//
// yaml-cpp is only used here to walk the document: every scalar is read as its source text and
// parsed strictly by our own parsers (Money::parse, parse_date, parse_percent_bp), so "20.0",
// "2026-3-1" or "yes" never slip through a lenient YAML conversion.
#include "regulation/regulation.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace mutua {

namespace {

int line_of(const YAML::Node& node) { return node.Mark().line + 1; }

bool is_key(std::string_view key) {
  if (key.empty()) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

std::optional<ParameterUnit> parse_unit(std::string_view text) {
  if (text == "money") return ParameterUnit::kMoney;
  if (text == "percent") return ParameterUnit::kPercent;
  if (text == "integer") return ParameterUnit::kInteger;
  if (text == "date") return ParameterUnit::kDate;
  if (text == "text") return ParameterUnit::kText;
  return std::nullopt;
}

Result<long long> parse_integer(std::string_view text) {
  size_t i = (!text.empty() && text[0] == '-') ? 1 : 0;
  if (i == text.size() || text.size() - i > 18) {
    return Error{"not an integer: '" + std::string(text) + "'"};
  }
  long long v = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return Error{"not an integer: '" + std::string(text) + "'"};
    v = v * 10 + (text[i] - '0');
  }
  return text[0] == '-' ? -v : v;
}

// Checks that `value` is well-formed for `unit`; the message is the parser's own.
Status check_value(ParameterUnit unit, const std::string& value) {
  switch (unit) {
    case ParameterUnit::kMoney: {
      auto r = Money::parse(value);
      if (!r) return r.error();
      break;
    }
    case ParameterUnit::kPercent: {
      auto r = parse_percent_bp(value);
      if (!r) return r.error();
      break;
    }
    case ParameterUnit::kInteger: {
      auto r = parse_integer(value);
      if (!r) return r.error();
      break;
    }
    case ParameterUnit::kDate: {
      auto r = parse_date(value);
      if (!r) return r.error();
      break;
    }
    case ParameterUnit::kText:
      break;
  }
  return Status::success();
}

// Walks the document; collects the first error of each value so one pass reports them all.
class Loader {
 public:
  explicit Loader(std::string name) : name_(std::move(name)) {}

  Errors errors;

  void fail(const YAML::Node& at, std::string field, std::string message) {
    errors.push_back(data_error(name_, line_of(at), std::move(field), std::move(message)));
  }

  std::map<std::string, Parameter, std::less<>> load(const YAML::Node& root) {
    std::map<std::string, Parameter, std::less<>> params;
    if (!root.IsMap()) {
      fail(root, "", "expected a mapping with 'schema' and 'parameters'");
      return params;
    }
    for (const auto& kv : root) {
      std::string k = kv.first.Scalar();
      if (k == "schema") {
        if (!kv.second.IsScalar() || kv.second.Scalar() != "1") {
          fail(kv.second, "schema", "unsupported schema (expected 1)");
        }
      } else if (k != "parameters") {
        fail(kv.first, k, "unknown key '" + k + "'");
      }
    }
    const YAML::Node list = root["parameters"];
    if (!list || !list.IsMap()) {
      fail(root, "parameters", "missing or not a mapping");
      return params;
    }
    for (const auto& kv : list) {
      Parameter p;
      p.key = kv.first.Scalar();
      if (!is_key(p.key)) {
        fail(kv.first, p.key, "key must match [a-z0-9_.]+");
        continue;
      }
      if (params.count(p.key) != 0) {
        fail(kv.first, p.key, "duplicate key");
        continue;
      }
      if (load_parameter(kv.second, p)) params.emplace(p.key, std::move(p));
    }
    return params;
  }

 private:
  bool load_parameter(const YAML::Node& node, Parameter& p) {
    if (!node.IsMap()) {
      fail(node, p.key, "expected a mapping with unit, description, values");
      return false;
    }
    size_t before = errors.size();
    for (const auto& kv : node) {
      std::string k = kv.first.Scalar();
      if (k != "unit" && k != "description" && k != "values") {
        fail(kv.first, p.key + "." + k, "unknown key '" + k + "'");
      }
    }
    const YAML::Node unit = node["unit"];
    auto parsed_unit = unit && unit.IsScalar() ? parse_unit(unit.Scalar()) : std::nullopt;
    if (!parsed_unit) {
      fail(unit ? unit : node, p.key + ".unit",
           "unknown unit '" + (unit && unit.IsScalar() ? unit.Scalar() : std::string()) +
               "' (money | percent | integer | date | text)");
      return false;
    }
    p.unit = *parsed_unit;
    if (node["description"]) p.description = node["description"].Scalar();
    const YAML::Node values = node["values"];
    if (!values || !values.IsSequence() || values.size() == 0) {
      fail(values ? values : node, p.key + ".values", "expected a non-empty list of values");
      return false;
    }
    for (size_t i = 0; i < values.size(); ++i) {
      ParameterValue v;
      if (load_value(values[i], p, p.key + ".values[" + std::to_string(i) + "]", v)) {
        p.values.push_back(std::move(v));
      }
    }
    std::sort(p.values.begin(), p.values.end(),
              [](const ParameterValue& a, const ParameterValue& b) { return a.from < b.from; });
    check_overlaps(p);
    return errors.size() == before;
  }

  bool load_value(const YAML::Node& node, const Parameter& p, const std::string& field,
                  ParameterValue& v) {
    if (!node.IsMap()) {
      fail(node, field, "expected {value, from, to?, source, confirmed?}");
      return false;
    }
    size_t before = errors.size();
    v.line = line_of(node);
    for (const auto& kv : node) {
      std::string k = kv.first.Scalar();
      const YAML::Node& val = kv.second;
      if (!val.IsScalar()) {
        fail(val, field + "." + k, "expected a scalar");
      } else if (k == "value") {
        v.value = val.Scalar();
        if (auto s = check_value(p.unit, v.value); !s)
          fail(val, field + ".value", s.error().message);
      } else if (k == "from" || k == "to") {
        auto d = parse_date(val.Scalar());
        if (!d) {
          fail(val, field + "." + k, d.error().message);
        } else if (k == "from") {
          v.from = *d;
        } else {
          v.to = *d;
        }
      } else if (k == "source") {
        v.source = val.Scalar();
      } else if (k == "confirmed") {
        if (val.Scalar() != "true" && val.Scalar() != "false") {
          fail(val, field + ".confirmed", "expected true or false");
        }
        v.confirmed = val.Scalar() == "true";
      } else {
        fail(kv.first, field + "." + k, "unknown key '" + k + "'");
      }
    }
    if (!node["value"]) fail(node, field + ".value", "missing");
    if (!node["from"]) fail(node, field + ".from", "missing");
    if (!node["source"]) fail(node, field + ".source", "missing (every figure names its source)");
    if (errors.size() == before && v.to && *v.to < v.from) {
      fail(node, field + ".to",
           "'to' " + format_date(*v.to) + " is before 'from' " + format_date(v.from));
    }
    return errors.size() == before;
  }

  // Values are sorted by `from`; two consecutive periods overlap when the first is open-ended
  // or ends on or after the next one's start.
  void check_overlaps(const Parameter& p) {
    for (size_t i = 1; i < p.values.size(); ++i) {
      const ParameterValue& prev = p.values[i - 1];
      const ParameterValue& cur = p.values[i];
      if (!prev.to || *prev.to >= cur.from) {
        errors.push_back(
            data_error(name_, cur.line, p.key,
                       "period from " + format_date(cur.from) + " overlaps the period from " +
                           format_date(prev.from) + " (line " + std::to_string(prev.line) +
                           ") to " + (prev.to ? format_date(*prev.to) : std::string("open end"))));
      }
    }
  }

  std::string name_;
};

}  // namespace

Result<int> parse_percent_bp(std::string_view text) {
  size_t i = (!text.empty() && text[0] == '-') ? 1 : 0;
  long long units = 0;
  size_t int_digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++int_digits) {
    units = units * 10 + (text[i] - '0');
    if (units > 1000000) return Error{"percentage too large: '" + std::string(text) + "'"};
  }
  auto bad = [&] {
    return Error{"not a percentage (expected like 2 or 2.05): '" + std::string(text) + "'"};
  };
  if (int_digits == 0) return bad();
  long long hundredths = 0;
  if (i < text.size()) {
    if (text[i] != '.') return bad();
    ++i;
    size_t dec = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++dec) {
      if (dec == 2)
        return Error{"percentage with more than two decimals: '" + std::string(text) + "'"};
      hundredths += (text[i] - '0') * (dec == 0 ? 10 : 1);
    }
    if (dec == 0 || i != text.size()) return bad();
  }
  long long bp = units * 100 + hundredths;
  return static_cast<int>(text[0] == '-' ? -bp : bp);
}

Result<Regulation> Regulation::load_string(const std::string& yaml, const std::string& name) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    return data_error(name, e.mark.line + 1, "", "YAML syntax error: " + e.msg);
  }
  Loader loader(name);
  Regulation reg;
  try {
    reg.params_ = loader.load(root);
  } catch (const YAML::Exception& e) {  // a structure yaml-cpp cannot walk (e.g. bad alias)
    return data_error(name, e.mark.line + 1, "", e.msg);
  }
  if (!loader.errors.empty()) {
    Error first = loader.errors.front();
    if (loader.errors.size() > 1) {
      first.message += " (and " + std::to_string(loader.errors.size() - 1) + " more errors)";
    }
    return first;
  }
  return reg;
}

Result<Regulation> Regulation::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return data_error(path, 0, "", "cannot open file");
  std::stringstream buf;
  buf << in.rdbuf();
  return load_string(buf.str(), path);
}

const Parameter* Regulation::find(std::string_view key) const {
  auto it = params_.find(key);
  return it == params_.end() ? nullptr : &it->second;
}

Result<ParameterValue> Regulation::at(std::string_view key, Date date) const {
  const Parameter* p = find(key);
  if (p == nullptr) {
    return data_error("", 0, std::string(key),
                      "unknown regulation parameter '" + std::string(key) + "' (asked for " +
                          format_date(date) + ")");
  }
  for (const ParameterValue& v : p->values) {
    if (v.from <= date && (!v.to || date <= *v.to)) return v;
  }
  return data_error("", 0, std::string(key),
                    "no value of regulation parameter '" + std::string(key) + "' in force on " +
                        format_date(date));
}

namespace {
// Wraps a parse error of a stored value with the key and date it was asked for.
Error value_error(std::string_view key, Date date, const Error& e) {
  return data_error("", 0, std::string(key),
                    "value in force on " + format_date(date) + ": " + e.message);
}

Status check_unit(const Regulation& reg, std::string_view key, Date date, ParameterUnit want,
                  const char* want_name) {
  const Parameter* p = reg.find(key);
  if (p != nullptr && p->unit != want) {
    return data_error("", 0, std::string(key),
                      "parameter '" + std::string(key) + "' is not a " + want_name +
                          " (asked for " + format_date(date) + ")");
  }
  return Status::success();
}
}  // namespace

Result<Money> Regulation::money_at(std::string_view key, Date date) const {
  if (auto s = check_unit(*this, key, date, ParameterUnit::kMoney, "money amount"); !s)
    return s.error();
  auto v = at(key, date);
  if (!v) return v.error();
  auto m = Money::parse(v->value);
  if (!m) return value_error(key, date, m.error());
  return *m;
}

Result<int> Regulation::basis_points_at(std::string_view key, Date date) const {
  if (auto s = check_unit(*this, key, date, ParameterUnit::kPercent, "percentage"); !s)
    return s.error();
  auto v = at(key, date);
  if (!v) return v.error();
  auto bp = parse_percent_bp(v->value);
  if (!bp) return value_error(key, date, bp.error());
  return *bp;
}

Result<long long> Regulation::integer_at(std::string_view key, Date date) const {
  if (auto s = check_unit(*this, key, date, ParameterUnit::kInteger, "integer"); !s)
    return s.error();
  auto v = at(key, date);
  if (!v) return v.error();
  auto n = parse_integer(v->value);
  if (!n) return value_error(key, date, n.error());
  return *n;
}

Result<Date> Regulation::date_at(std::string_view key, Date date) const {
  if (auto s = check_unit(*this, key, date, ParameterUnit::kDate, "date"); !s) return s.error();
  auto v = at(key, date);
  if (!v) return v.error();
  auto d = parse_date(v->value);
  if (!d) return value_error(key, date, d.error());
  return *d;
}

}  // namespace mutua

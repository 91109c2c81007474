// Dated regulatory figures (PARAMETERS.md): every value has a validity period and a source, and
// the engine asks for "the value in force on date D" (the date of the fact evaluated). Adding
// next year's figure is a data change in config/regulation.yaml, never a code change.
//
// File format (config/regulation.yaml):
//   schema: 1
//   parameters:
//     majoration.rate_per_year:            # key: [a-z0-9_.]+
//       unit: percent                      # money | percent | integer | date | text
//       description: "..."
//       values:
//         - {value: "2", from: 2011-11-08, source: "Arrêté du 8 novembre 2011, art. 4"}
//         - {value: "...", from: ..., to: ..., source: "...", confirmed: false}
// Periods of one key must not overlap; `to` is inclusive and optional (open-ended).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"

namespace mutua {

enum class ParameterUnit { kMoney, kPercent, kInteger, kDate, kText };

struct ParameterValue {
  std::string value;  // as written; typed accessors parse it strictly
  Date from{};
  std::optional<Date> to;
  std::string source;
  bool confirmed = true;
  int line = 0;
};

struct Parameter {
  std::string key;
  ParameterUnit unit = ParameterUnit::kText;
  std::string description;
  std::vector<ParameterValue> values;  // sorted by from
};

class Regulation {
 public:
  // Loads and validates the file; every problem is reported as file:line: field: message.
  static Result<Regulation> load_file(const std::string& path);
  static Result<Regulation> load_string(const std::string& yaml, const std::string& name);

  // The value in force on `date`; an error names the key and date when there is none.
  Result<ParameterValue> at(std::string_view key, Date date) const;
  Result<Money> money_at(std::string_view key, Date date) const;
  // Percentages as basis points ("2" → 200, "2.05" → 205, "0.5" → 50).
  Result<int> basis_points_at(std::string_view key, Date date) const;
  Result<long long> integer_at(std::string_view key, Date date) const;
  Result<Date> date_at(std::string_view key, Date date) const;

  const Parameter* find(std::string_view key) const;
  const std::map<std::string, Parameter, std::less<>>& parameters() const { return params_; }

 private:
  std::map<std::string, Parameter, std::less<>> params_;
};

// Parses a percentage written "2", "2.05", "-3" into basis points (at most two decimals).
Result<int> parse_percent_bp(std::string_view text);

}  // namespace mutua

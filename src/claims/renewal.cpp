#include "claims/renewal.hpp"

#include <fmt/format.h>

namespace mutua {

namespace {

bool is_optics_equipment(std::string_view category) {
  return category == "OPTICS_FRAME_LENSES" || category == "OPTICS_100S";
}

bool is_hearing_aid(std::string_view category) {
  return category == "HEARING_FREE" || category == "HEARING_100S";
}

constexpr int kEarsPerPerson = 2;

Result<int> integer(const Regulation& regulation, std::string_view key, Date date) {
  auto v = regulation.integer_at(key, date);
  if (!v) return v.error();
  return static_cast<int>(*v);
}

Result<RenewalRule> optics_rule(const Regulation& regulation, const CareLine& line, int age) {
  const Date on = line.care_date;
  auto adult_age = integer(regulation, "optics.renewal.adult_min_age", on);
  if (!adult_age) return adult_age.error();
  auto young_age = integer(regulation, "optics.renewal.young_child_max_age", on);
  if (!young_age) return young_age.error();
  auto adult = integer(regulation, "optics.renewal_months.adult", on);
  if (!adult) return adult.error();
  auto child = integer(regulation, "optics.renewal_months.child", on);
  if (!child) return child.error();
  auto young = integer(regulation, "optics.renewal_months.young_child", on);
  if (!young) return young.error();

  RenewalRule rule;
  rule.group = "renewal:optics";
  const bool vision = line.early_renewal == EarlyRenewal::kVisionChange;
  if (age >= *adult_age) {
    rule.months = vision ? *child : *adult;
    rule.basis = vision ? fmt::format("{} and over with a change of sight: {} months", *adult_age,
                                      rule.months)
                        : fmt::format("{} and over: {} months", *adult_age, rule.months);
  } else if (vision) {
    rule.months = 0;
    rule.basis = fmt::format("under {} with a change of sight: no minimum period", *adult_age);
  } else if (line.early_renewal == EarlyRenewal::kFrameFit && age <= *young_age) {
    rule.months = *young;
    rule.basis = fmt::format("{} or under, the frame no longer fits: {} months", *young_age,
                             rule.months);
  } else {
    rule.months = *child;
    rule.basis = fmt::format("under {}: {} months", *adult_age, rule.months);
  }
  return rule;
}

}  // namespace

Result<std::optional<RenewalRule>> renewal_rule(const Regulation& regulation, const CareLine& line,
                                                Date birth_date, bool responsible) {
  if (!responsible) return std::optional<RenewalRule>();
  const int age = age_on(birth_date, line.care_date);
  if (is_optics_equipment(line.category)) {
    auto rule = optics_rule(regulation, line, age);
    if (!rule) return rule.error();
    return std::optional<RenewalRule>(std::move(rule).value());
  }
  if (is_hearing_aid(line.category)) {
    auto years = integer(regulation, "hearing.renewal_years", line.care_date);
    if (!years) return years.error();
    RenewalRule rule;
    rule.group = "renewal:hearing";
    rule.months = *years * 12;
    rule.units_per_period = kEarsPerPerson;
    rule.per_unit = true;
    rule.basis = fmt::format("one aid per ear per {} years", *years);
    return std::optional<RenewalRule>(std::move(rule));
  }
  return std::optional<RenewalRule>();
}

Result<std::optional<Money>> young_hearing_cap(const Regulation& regulation, const CareLine& line,
                                               Date birth_date) {
  if (line.category != "HEARING_FREE") return std::optional<Money>();
  auto max_age = integer(regulation, "hearing.young.max_age", line.care_date);
  if (!max_age) return max_age.error();
  if (age_on(birth_date, line.care_date) > *max_age) return std::optional<Money>();
  auto limit = regulation.money_at("hearing.young.price_limit_per_ear", line.care_date);
  if (!limit) return limit.error();
  return std::optional<Money>(*limit * line.quantity);
}

UsageKey renewal_key(const RenewalRule& rule, const CareLine& line) {
  return UsageKey{line.beneficiary_id, rule.group, line.care_date};
}

RenewalCheck check_renewal(const RenewalRule& rule, const CareLine& line,
                           const AccumulatorState& state) {
  RenewalCheck check;
  check.units = rule.per_unit ? line.quantity : 1;
  const auto& usages = state.usages();
  auto it = usages.lower_bound(UsageKey{line.beneficiary_id, rule.group, Date{}});
  for (; it != usages.end(); ++it) {
    const UsageKey& k = it->first;
    if (k.beneficiary_id != line.beneficiary_id || k.category != rule.group) break;
    if (line.care_date < k.window_start) break;  // paid after this care: not a previous one
    const Date ends = add_months(k.window_start, rule.months);
    if (!(line.care_date < ends)) continue;  // its period is over
    check.blocking.push_back(PriorEquipment{k.window_start, it->second.units});
    check.used += it->second.units;
  }
  check.left = std::max(0, rule.units_per_period - check.used);
  // The day enough units are free again for the whole line: the periods end in the order of the
  // equipment dates (same length), so free them one by one.
  int to_free = check.used + check.units - rule.units_per_period;
  for (const PriorEquipment& p : check.blocking) {
    if (to_free <= 0) break;
    check.next_allowed = add_months(p.date, rule.months);
    to_free -= p.units;
  }
  return check;
}

}  // namespace mutua

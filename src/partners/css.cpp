#include "partners/css.hpp"

namespace mutua {

namespace {

// The parameter whose periods define the tables: every CSS table has a 1-person free ceiling.
constexpr const char* kAnchorKey = "css.ceiling.free.1";
constexpr const char* kBandKeys[kCssBands] = {"age_0_29", "age_30_49", "age_50_59", "age_60_69",
                                              "age_70_plus"};
constexpr int kMaxAge = 120;
// Alternating custody concerns minor children only (R861-2, R861-3).
constexpr int kMaxMinorAge = 17;

// The latest period of the anchor starting on or before `date` (a date in a gap between two
// tables, or after the last one, falls back on the one before it).
const ParameterValue* period_for(const Parameter& anchor, Date date) {
  const ParameterValue* chosen = nullptr;
  for (const ParameterValue& v : anchor.values) {  // sorted by from
    if (v.from <= date) chosen = &v;
  }
  return chosen;
}

Status read_money(const Regulation& reg, const std::string& key, Date on, Money& out) {
  auto m = reg.money_at(key, on);
  if (!m) return m.error();
  out = *m;
  return Status::success();
}

// Reads every figure of the table in force on `on`; the first missing one is the error.
Status read_figures(const Regulation& reg, Date on, CssTable& t) {
  for (int n = 1; n <= 4; ++n) {
    const std::string size = std::to_string(n);
    if (auto s = read_money(reg, "css.ceiling.free." + size, on, t.free[n - 1]); !s) return s;
    if (auto s = read_money(reg, "css.ceiling.participatory." + size, on, t.participatory[n - 1]);
        !s)
      return s;
  }
  if (auto s = read_money(reg, "css.ceiling.free.extra", on, t.free_extra); !s) return s;
  if (auto s = read_money(reg, "css.ceiling.participatory.extra", on, t.participatory_extra); !s)
    return s;
  for (int b = 0; b < kCssBands; ++b) {
    const std::string band = kBandKeys[b];
    if (auto s = read_money(reg, "css.participation." + band, on, t.participation[b]); !s) return s;
    if (auto s = read_money(reg, "css.participation_alsace_moselle." + band, on,
                            t.participation_alsace_moselle[b]);
        !s)
      return s;
  }
  return Status::success();
}

Money ceiling_for(const std::array<Money, 4>& sizes, Money extra, int persons) {
  MUTUA_ASSERT(persons >= 1);
  if (persons <= 4) return sizes[persons - 1];
  return sizes[3] + extra * (persons - 4);
}

Error person_error(std::string_view text, const std::string& why) {
  return data_error("", 0, "--person", why + ": '" + std::string(text) + "'");
}

// Checks the household before deciding: an applicant, plausible ages, custody only for minors.
Status check_household(const std::vector<CssPerson>& persons) {
  if (persons.empty()) {
    return data_error("", 0, "--person", "at least one person (the applicant) is required");
  }
  for (size_t i = 0; i < persons.size(); ++i) {
    const CssPerson& p = persons[i];
    if (p.age < 0 || p.age > kMaxAge) {
      return data_error(
          "", 0, "--person",
          "age out of range 0.." + std::to_string(kMaxAge) + ": " + std::to_string(p.age));
    }
    if (p.half && i == 0) {
      return data_error("", 0, "--person",
                        "the first person is the applicant: not a child in alternating custody");
    }
    if (p.half && p.age > kMaxMinorAge) {
      return data_error("", 0, "--person",
                        "alternating custody (:half) concerns minor children only (R861-3), "
                        "age " +
                            std::to_string(p.age));
    }
  }
  for (const CssPerson& p : persons) {
    if (p.half) {
      return rule_error(
          "PAR-08",
          "a child in alternating custody cannot be assessed exactly: R861-3 halves the rate of "
          "the child's rank, applied to the unpublished unrounded base of the published "
          "ceilings (10,339 x 1.8 = 18,610.20 while the 3-person ceiling is 18,609); orient "
          "the household to the Assurance Maladie");
    }
  }
  return Status::success();
}

std::vector<CssShare> shares_of(const CssTable& t, const CssRequest& r) {
  const auto& amounts = r.alsace_moselle ? t.participation_alsace_moselle : t.participation;
  std::vector<CssShare> out;
  out.reserve(r.persons.size());
  for (const CssPerson& p : r.persons) {
    const int band = css_band_of(p.age);
    out.push_back(CssShare{p.age, band, amounts[band]});
  }
  return out;
}

}  // namespace

const char* css_outcome_name(CssOutcome outcome) {
  switch (outcome) {
    case CssOutcome::kFree:
      return "free";
    case CssOutcome::kParticipatory:
      return "participatory";
    case CssOutcome::kNotEligible:
      return "not_eligible";
  }
  return "not_eligible";
}

const char* css_band_name(int band) {
  static constexpr const char* kNames[kCssBands] = {"0-29", "30-49", "50-59", "60-69", "70+"};
  MUTUA_ASSERT(band >= 0 && band < kCssBands);
  return kNames[band];
}

int css_band_of(int age) {
  if (age <= 29) return 0;
  if (age <= 49) return 1;
  if (age <= 59) return 2;
  if (age <= 69) return 3;
  return 4;
}

std::string CssTable::name() const {
  return format_date(from) + ".." + (to ? format_date(*to) : std::string());
}

Money CssTable::free_ceiling(int persons) const { return ceiling_for(free, free_extra, persons); }

Money CssTable::participatory_ceiling(int persons) const {
  return ceiling_for(participatory, participatory_extra, persons);
}

Result<CssTable> css_table(const Regulation& regulation, Date date) {
  const Parameter* anchor = regulation.find(kAnchorKey);
  if (anchor == nullptr) {
    return data_error("", 0, kAnchorKey, "no CSS ceilings in the regulation file");
  }
  const ParameterValue* period = period_for(*anchor, date);
  if (period == nullptr) {
    return data_error("", 0, "--date",
                      format_date(date) + " is before the first CSS table (from " +
                          format_date(anchor->values.front().from) + ")");
  }
  CssTable t;
  t.from = period->from;
  t.to = period->to;
  // Past the table: its last day's figures, said out loud (PARAMETERS.md: the next
  // revaluation may not be loaded yet).
  const bool past = t.to && date > *t.to;
  if (auto s = read_figures(regulation, past ? *t.to : date, t); !s) return s.error();
  if (past) {
    t.warnings.push_back(format_date(date) + " is after the CSS table " + t.name() +
                         ": its figures were used; the ceilings revalued since are not in the "
                         "regulation file");
  }
  return t;
}

Result<CssDecision> check_css(const CssTable& table, const CssRequest& request) {
  if (request.resources.is_negative()) {
    return data_error("", 0, "--resources", "resources cannot be negative");
  }
  if (auto s = check_household(request.persons); !s) return s.error();
  CssDecision d;
  d.household_size = static_cast<int>(request.persons.size());
  d.resources = request.resources;
  d.free_ceiling = table.free_ceiling(d.household_size);
  d.participatory_ceiling = table.participatory_ceiling(d.household_size);
  d.table = table.name();
  d.warnings = table.warnings;
  if (request.resources <= d.free_ceiling) {
    d.outcome = CssOutcome::kFree;
    d.ceiling = d.free_ceiling;
    return d;
  }
  d.ceiling = d.participatory_ceiling;
  if (request.resources > d.participatory_ceiling) {
    d.outcome = CssOutcome::kNotEligible;
    return d;
  }
  d.outcome = CssOutcome::kParticipatory;
  d.shares = shares_of(table, request);
  for (const CssShare& s : d.shares) d.monthly_participation += s.monthly;
  return d;
}

Result<Money> parse_css_resources(std::string_view text) {
  auto m = Money::parse(text);
  if (!m) {
    return data_error(
        "", 0, "--resources",
        "annual resources in euros expected, like 12345 or 12345.67: '" + std::string(text) + "'");
  }
  if (m->is_negative()) return data_error("", 0, "--resources", "resources cannot be negative");
  return *m;
}

Result<CssPerson> parse_css_person(std::string_view text) {
  CssPerson p;
  std::string_view age = text;
  if (const size_t colon = text.find(':'); colon != std::string_view::npos) {
    if (text.substr(colon + 1) != "half") {
      return person_error(text, "expected AGE or AGE:half");
    }
    p.half = true;
    age = text.substr(0, colon);
  }
  if (age.empty() || age.size() > 3) {
    return person_error(text, "expected AGE (whole years on 1 January) or AGE:half");
  }
  for (char c : age) {
    if (c < '0' || c > '9') {
      return person_error(text, "expected AGE (whole years on 1 January) or AGE:half");
    }
    p.age = p.age * 10 + (c - '0');
  }
  if (p.age > kMaxAge) {
    return person_error(text, "age out of range 0.." + std::to_string(kMaxAge));
  }
  return p;
}

}  // namespace mutua

// Plain lookups on catalogue values; loading lives in catalogue_yaml.cpp, rule checks in
// validation.cpp.
#include "catalogue/catalogue.hpp"

#include <algorithm>
#include <charconv>

namespace mutua {

std::string_view to_string(ProductKind kind) {
  switch (kind) {
    case ProductKind::kLabelled:
      return "labelled";
    case ProductKind::kRegional:
      return "regional";
    case ProductKind::kIndividual:
      return "individual";
  }
  return "individual";
}

std::string_view to_string(MajorationScope scope) {
  switch (scope) {
    case MajorationScope::kMember:
      return "member";
    case MajorationScope::kContract:
      return "contract";
  }
  return "member";
}

std::string_view to_string(Per per) {
  switch (per) {
    case Per::kAct:
      return "act";
    case Per::kDay:
      return "day";
    case Per::kYear:
      return "year";
    case Per::kEquipment:
      return "equipment";
  }
  return "act";
}

std::string_view to_string(Period period) {
  switch (period) {
    case Period::kYear:
      return "year";
    case Period::kTwoYears:
      return "2y";
    case Period::kFourYears:
      return "4y";
  }
  return "year";
}

size_t Tariff::band_index(int tariff_age) const {
  MUTUA_ASSERT(!bands.empty());
  // The last band whose lower bound is ≤ the age; ages below the first bound (negative, i.e.
  // born after the contribution year) fall in the first band.
  auto it = std::upper_bound(bands.begin(), bands.end(), tariff_age);
  return it == bands.begin() ? 0 : static_cast<size_t>(it - bands.begin()) - 1;
}

const std::vector<Money>& Tariff::row(Role role) const {
  switch (role) {
    case Role::kMember:
      return member;
    case Role::kSpouse:
      return spouse;
    case Role::kChild:
      return child;
  }
  return member;
}

std::string Tariff::band_label(size_t band) const {
  MUTUA_ASSERT(band < bands.size());
  // Built in a stack buffer: this runs once per rated person.
  char buf[32];
  char* end = std::to_chars(buf, buf + 12, bands[band]).ptr;
  if (band + 1 == bands.size()) {
    *end++ = '+';
  } else {
    *end++ = '-';
    end = std::to_chars(end, buf + sizeof buf, bands[band + 1] - 1).ptr;
  }
  return std::string(buf, end);
}

const Tariff* Product::tariff_for(int year) const {
  for (const Tariff& t : tariffs) {
    if (t.year == year) return &t;
  }
  return nullptr;
}

const Benefit* Product::benefit_for(std::string_view category) const {
  for (const Benefit& b : benefits) {
    if (b.category == category) return &b;
  }
  return nullptr;
}

const std::vector<Benefit>& Product::benefits_in(int year) const {
  const BenefitTable* in_force = nullptr;
  for (const BenefitTable& t : benefit_tables) {
    if (t.year <= year) in_force = &t;  // ascending: the last one ≤ year wins
  }
  return in_force ? in_force->benefits : benefits;
}

const Benefit* Product::benefit_for(std::string_view category, int year) const {
  for (const Benefit& b : benefits_in(year)) {
    if (b.category == category) return &b;
  }
  return nullptr;
}

const BenefitTable* Product::benefit_table(int year) const {
  for (const BenefitTable& t : benefit_tables) {
    if (t.year == year) return &t;
  }
  return nullptr;
}

bool same_benefits(const std::vector<Benefit>& a, const std::vector<Benefit>& b) {
  if (a.size() != b.size()) return false;
  for (const Benefit& x : a) {
    auto same = [&x](const Benefit& y) {
      return y.category == x.category && y.formula == x.formula && y.optam == x.optam &&
             y.non_optam == x.non_optam && y.limits == x.limits;
    };
    if (std::find_if(b.begin(), b.end(), same) == b.end()) return false;
  }
  return true;  // same size, every benefit of a found in b, categories unique in a table
}

std::vector<int> benefit_years_changed(const Product& before, const Product& after,
                                       const std::vector<int>& stored_years) {
  std::vector<int> years = stored_years;
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());
  std::vector<int> changed;
  for (int year : years) {
    if (!same_benefits(before.benefits_in(year), after.benefits_in(year))) changed.push_back(year);
  }
  return changed;
}

const Product* Catalogue::find(std::string_view code) const {
  for (const Product& p : products) {
    if (p.code == code) return &p;
  }
  return nullptr;
}

const std::vector<std::string_view>& care_categories() {
  static const std::vector<std::string_view> kCategories = {"CONSULT_GP",
                                                            "CONSULT_SPE",
                                                            "TECH_ACTS",
                                                            "IMAGING",
                                                            "LAB",
                                                            "PARAMED",
                                                            "PHARMA_65",
                                                            "PHARMA_30",
                                                            "PHARMA_15",
                                                            "PHARMA_NR",
                                                            "MEDICAL_DEVICES",
                                                            "TRANSPORT",
                                                            "HOSP_FEES",
                                                            "HOSP_FEES_DOCTORS",
                                                            "HOSP_DAILY_FEE",
                                                            "PRIVATE_ROOM",
                                                            "ACCOMPANYING_BED",
                                                            "DENTAL_CARE",
                                                            "DENTAL_PROSTH_100S",
                                                            "DENTAL_PROSTH_MODERATE",
                                                            "DENTAL_PROSTH_FREE",
                                                            "ORTHODONTICS",
                                                            "DENTAL_IMPLANT",
                                                            "OPTICS_100S",
                                                            "OPTICS_FRAME_LENSES",
                                                            "CONTACT_LENSES",
                                                            "HEARING_100S",
                                                            "HEARING_FREE",
                                                            "HEARING_SUPPLIES",
                                                            "THERMAL_CURE",
                                                            "PREVENTION",
                                                            "ALT_MEDICINE",
                                                            "MATERNITY",
                                                            "EMERGENCY_FEE"};
  return kCategories;
}

bool is_care_category(std::string_view name) {
  const auto& all = care_categories();
  return std::find(all.begin(), all.end(), name) != all.end();
}

}  // namespace mutua

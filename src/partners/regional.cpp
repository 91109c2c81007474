#include "partners/regional.hpp"

#include <algorithm>

#include "partners/partnership.hpp"

namespace mutua {

namespace {

struct PublicName {
  PriorityPublic value;
  const char* code;
  const char* french;
};
constexpr PublicName kPublics[kPriorityPublics] = {
    {PriorityPublic::kYoungJobless, "young_jobless", "Jeunes sans emploi"},
    {PriorityPublic::kSenior, "senior", "Seniors"},
    {PriorityPublic::kFarmer, "farmer", "Agriculteurs"},
    {PriorityPublic::kSelfEmployed, "self_employed",
     "Professions libérales, commerçants et artisans"},
    {PriorityPublic::kJobSeeker, "job_seeker", "Demandeurs d'emploi"},
    {PriorityPublic::kTempWorker, "temp_worker", "Intérimaires"},
    {PriorityPublic::kFixedTerm, "fixed_term", "Salariés en CDD"},
    {PriorityPublic::kMultiEmployer, "multi_employer", "Salariés multi-employeurs"},
    {PriorityPublic::kPartTime, "part_time", "Salariés en CDI à temps partiel"},
    {PriorityPublic::kOther, "other", "Autres personnes hors obligation ANI"},
};

}  // namespace

const char* to_string(PriorityPublic p) {
  for (const PublicName& n : kPublics) {
    if (n.value == p) return n.code;
  }
  return "?";
}

std::optional<PriorityPublic> parse_priority_public(std::string_view text) {
  for (const PublicName& n : kPublics) {
    if (text == n.code) return n.value;
  }
  return std::nullopt;
}

const char* french_label(PriorityPublic p) {
  for (const PublicName& n : kPublics) {
    if (n.value == p) return n.french;
  }
  return "?";
}

std::string priority_public_codes() {
  std::string out;
  for (const PublicName& n : kPublics) out += (out.empty() ? "" : ", ") + std::string(n.code);
  return out;
}

namespace {

// The CLI names its options ("--no-collective-cover"); a request file its keys: the commune and
// the link at the top, the declaration in the prefixed block ("regional.collective_cover").
std::string field_name(const std::string& prefix, const std::string& key) {
  if (!prefix.empty()) return key == "no_collective_cover" ? prefix + "collective_cover" : key;
  std::string option = "--" + key;
  std::replace(option.begin(), option.end(), '_', '-');
  return option;
}

std::string no_convention_text(const RegionalRequest& request,
                               const std::vector<ConventionPeriod>& conventions) {
  const std::string when = format_date(request.date);
  if (conventions.empty()) {
    return "the commune " + request.commune + " has no partnership convention";
  }
  // The most helpful one to name: the last that ended before the date, else the next to start.
  const ConventionPeriod* ended = nullptr;
  const ConventionPeriod* coming = nullptr;
  for (const ConventionPeriod& c : conventions) {
    if (c.ends_on < request.date && (!ended || c.ends_on > ended->ends_on)) ended = &c;
    if (c.effect > request.date && (!coming || c.effect < coming->effect)) coming = &c;
  }
  if (ended) {
    return "the convention " + ended->id + " of the commune " + request.commune + " ended on " +
           format_date(ended->ends_on) + ", before " + when;
  }
  return "the convention " + coming->id + " of the commune " + request.commune +
         " takes effect on " + format_date(coming->effect) + ", after " + when;
}

}  // namespace

Result<ConventionPeriod> check_regional_eligibility(
    const RegionalRequest& request, const std::vector<ConventionPeriod>& conventions,
    const std::string& file, const std::string& field_prefix) {
  const std::string commune_field = field_name(field_prefix, "commune");
  if (request.commune.empty()) {
    return data_error(
        file, 0, commune_field,
        "required for a regional product: the commune of residence or work (ELIG-10)");
  }
  if (Status s = check_insee(request.commune, commune_field); !s) {
    Error e = s.error();
    e.file = file;
    return e;
  }
  if (!request.link) {
    return data_error(file, 0, field_name(field_prefix, "link"),
                      "required for a regional product: residence or work (ELIG-10)");
  }
  if (!request.collective_cover) {
    return data_error(file, 0, field_name(field_prefix, "no_collective_cover"),
                      "required: the subscriber's declaration that no mandatory collective health "
                      "contract covers them (ELIG-10)");
  }
  if (*request.collective_cover) {
    return rule_error("ELIG-10",
                      "a person covered by a mandatory collective health contract (ANI) cannot "
                      "subscribe to the regional product");
  }
  std::vector<const ConventionPeriod*> in_force;
  for (const ConventionPeriod& c : conventions) {
    if (c.effect <= request.date && request.date <= c.ends_on) in_force.push_back(&c);
  }
  if (in_force.empty()) {
    return rule_error("ELIG-10", "no partnership convention in force on " +
                                     format_date(request.date) + ": " +
                                     no_convention_text(request, conventions));
  }
  const auto first = std::min_element(
      in_force.begin(), in_force.end(), [](const ConventionPeriod* a, const ConventionPeriod* b) {
        return a->effect != b->effect ? a->effect < b->effect : a->id < b->id;
      });
  return **first;
}

}  // namespace mutua

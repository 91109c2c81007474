// `mutua css check`: CSS detection for the regional scheme (PAR-08). Parsing and printing only;
// the decision is partners/css's, the recording app/css_service's.
#include "app/css_service.hpp"
#include "cli/context.hpp"
#include "partners/partnership.hpp"

namespace mutua::cli {

using nlohmann::json;

namespace {

struct CssOptions {
  std::string date;
  std::string resources;
  std::vector<std::string> persons;
  bool alsace_moselle = false;
  std::string record;
  std::string commune;
};

CssRequest request_of(const CssOptions& o) {
  CssRequest r;
  r.resources = take(parse_css_resources(o.resources));
  for (const std::string& p : o.persons) r.persons.push_back(take(parse_css_person(p)));
  r.alsace_moselle = o.alsace_moselle;
  return r;
}

json to_json(const CssDecision& d, Date date, bool alsace_moselle) {
  json shares = json::array();
  for (const CssShare& s : d.shares) {
    shares.push_back(
        {{"age", s.age}, {"band", css_band_name(s.band)}, {"monthly", s.monthly.format()}});
  }
  const bool eligible = d.outcome != CssOutcome::kNotEligible;
  return json{{"rule", "PAR-08"},
              {"result", css_outcome_name(d.outcome)},
              {"date", format_date(date)},
              {"table", d.table},
              {"household_size", d.household_size},
              {"resources", d.resources.format()},
              {"ceiling", d.ceiling.format()},
              {"free_ceiling", d.free_ceiling.format()},
              {"participatory_ceiling", d.participatory_ceiling.format()},
              {"monthly_participation", d.monthly_participation.format()},
              {"participations", shares},
              {"regime", alsace_moselle ? "alsace_moselle" : "general"},
              {"orientation", eligible ? json("Assurance Maladie") : json()},
              {"warnings", d.warnings},
              {"recorded", json()}};
}

std::string to_text(const CssDecision& d) {
  const std::string size = "household of " + std::to_string(d.household_size);
  std::string text;
  switch (d.outcome) {
    case CssOutcome::kFree:
      text = "free CSS: resources " + d.resources.format() + " <= " + d.ceiling.format() + " (" +
             size + ")\n";
      break;
    case CssOutcome::kParticipatory:
      text = "participatory CSS: resources " + d.resources.format() + " <= " + d.ceiling.format() +
             " (" + size + "), monthly participation " + d.monthly_participation.format() + "\n";
      for (const CssShare& s : d.shares) {
        text += "  age " + std::to_string(s.age) + " (" + css_band_name(s.band) +
                "): " + s.monthly.format() + " a month\n";
      }
      break;
    case CssOutcome::kNotEligible:
      text = "not eligible to the CSS: resources " + d.resources.format() + " > " +
             d.ceiling.format() + " (" + size + ")\n";
      break;
  }
  if (d.outcome != CssOutcome::kNotEligible) text += "  orient to the Assurance Maladie (PAR-08)\n";
  return text + "  table " + d.table + "\n";
}

}  // namespace

void register_css(CLI::App& app, Context& ctx) {
  static CssOptions o;
  CLI::App* css = app.add_subcommand("css", "Complémentaire santé solidaire (PAR-08)");
  css->require_subcommand(1);
  CLI::App* check = css->add_subcommand(
      "check", "free, participatory or not eligible, from household, resources and date");
  check->add_option("--date", o.date, "date of the request (default: the business date)");
  check->add_option("--resources", o.resources, "annual resources of the household, in euros")
      ->required();
  check
      ->add_option("--person", o.persons,
                   "age on 1 January of the year the right would be granted, the applicant "
                   "first (repeat for each person; AGE:half: child in alternating custody)")
      ->required();
  check->add_flag("--alsace-moselle", o.alsace_moselle,
                  "participations of the Alsace-Moselle local regime");
  static CLI::Option* record = check->add_option(
      "--record", o.record, "record the check under this case reference (no name)");
  check->add_option("--commune", o.commune,
                    "INSEE code of the partner commune where the check was made (counted by "
                    "its yearly report, PAR-10)");
  check->callback([&ctx] {
    const Date date = date_option(o.date, "--date", ctx.today());
    const CssRequest request = request_of(o);
    CssDecision d;
    json recorded;
    if (!o.commune.empty()) {
      if (auto s = check_insee(o.commune, "--commune"); !s) fail({s.error()}, kInvalidData);
    }
    if (record->count() == 0) {
      d = take(css_check(ctx.regulation(), date, request));
    } else {
      if (auto s = check_css_reference(o.record); !s) fail({s.error()}, kInvalidData);
      auto store = ctx.open_store();
      CssRecorded r = take(record_css_check(*store, ctx.regulation(), date, request, o.record,
                                            o.commune, ctx.today()));
      d = std::move(r.decision);
      recorded = {{"reference", o.record}, {"id", r.id}, {"already_recorded", r.already_recorded}};
    }
    for (const std::string& w : d.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
    json j = to_json(d, date, o.alsace_moselle);
    j["recorded"] = recorded;
    j["commune"] = o.commune.empty() ? json() : json(o.commune);
    std::string text = to_text(d);
    if (record->count() != 0) text += "  recorded as " + o.record + "\n";
    print(ctx, j, text);
  });
}

}  // namespace mutua::cli

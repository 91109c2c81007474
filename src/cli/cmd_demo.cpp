// `mutua generate population ...` (reusable by benchmarks) and `mutua demo`: a demo database
// from the sample catalogue and a generated population, with what to try next.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app/catalogue_service.hpp"
#include "app/claims_run.hpp"
#include "app/auth_service.hpp"
#include "app/css_service.hpp"
#include "app/members_import.hpp"
#include "app/partners_service.hpp"
#include "app/rate_service.hpp"
#include "app/regulation_source.hpp"
#include "cli/context.hpp"
#include "gen/care_lines.hpp"
#include "gen/population.hpp"

namespace mutua::cli {

namespace fs = std::filesystem;

namespace {

class NullSink : public RateSink {
 public:
  void write(const ContractRate&) override {}
};

// The insured persons of the store covered during a year (care lines are drawn from them).
std::vector<InsuredRef> insured_during(Store& store, int year) {
  std::vector<InsuredRef> insured;
  Date first = first_of_year(year), last = last_of_year(year);
  store.for_each_contract([&](const Contract& c) {
    for (const Beneficiary& b : c.beneficiaries) {
      if (b.covered_during(first, last)) insured.push_back({c.id, b.id, b.start_date, b.end_date});
    }
  });
  return insured;
}

// A year of care for the demo: generated lines run through the claims engine, persisted.
void demo_claims(Store& store, Context& ctx, int year) {
  CareLinesSpec spec;
  spec.lines = 20000;
  spec.seed = 1;
  spec.year = year;
  const std::string lines = ctx.db + ".care_lines.csv", decisions = ctx.db + ".decisions.csv";
  {
    std::ofstream f(lines, std::ios::binary);
    generate_care_lines(spec, insured_during(store, year), f);
  }
  ClaimsRunOptions options;
  options.input = lines;
  options.output = decisions;
  options.business_date = last_of_year(year);
  ClaimsRunOutcome out = run_claims(store, ctx.regulation(), options);
  fs::remove(lines);
  fs::remove(decisions);
  if (!out.errors.empty()) fail(out.errors, kInvalidData);
  const ClaimsRunSummary& r = out.summary;
  std::printf("care %d: %lld lines decided (run %lld): charged %s, RO %s, mutuelle %s, "
              "remaining %s; %lld payees\n",
              year, static_cast<long long>(r.records), static_cast<long long>(r.run_id),
              r.charged.format().c_str(), r.ro_paid.format().c_str(), r.rc.format().c_str(),
              r.remaining.format().c_str(), static_cast<long long>(r.payees));
}

// The regional scheme of the demo: the seed's convention with Saint-Chamond (signed 2025-03-17)
// and one with Lyon, their meetings and office hours, a reviewed leaflet, a few CSS checks.
void demo_partners(Store& store, Context& ctx, int year) {
  const Date today = ctx.today();
  ConventionRequest seed;
  seed.commune = "42207";
  seed.commune_name = "Saint-Chamond";
  seed.mutuelle = "MILTIS";
  seed.mutuelle_name = "Mutuelle MILTIS";
  seed.mutuelle_siren = "417934817";
  seed.signed_on = make_date(2025, 3, 17);
  seed.place = "Saint-Chamond";
  seed.contacts.commune_signatory = "M. Axel DUGUA, Maire";
  seed.contacts.mutuelle_signatory = "M. Patrick JULIEN, Directeur général";
  seed.contacts.mutuelle_dpo = "contact-cnll@miltis.fr";
  ConventionRequest lyon = seed;
  lyon.commune = "69123";
  lyon.commune_name = "Lyon";
  lyon.signed_on = make_date(2023, 1, 9);  // its last renewal runs through 2026
  lyon.place = "Lyon";
  lyon.contacts = {};
  const std::string chamond = take(add_convention(store, seed, today)).id;
  const std::string lyon_id = take(add_convention(store, lyon, today)).id;
  struct Slot {
    const std::string* convention;
    EventKind kind;
    unsigned month, day;
    const char* place;
    const char* room;
    int attendees;  // held when >= 0
  };
  const Slot slots[] = {
      {&chamond, EventKind::kInformationMeeting, 2, 3, "Hôtel de ville de Saint-Chamond",
       "Salle du conseil", 34},
      {&chamond, EventKind::kOfficeHours, 2, 10, "Hôtel de ville de Saint-Chamond", "Bureau 12", 9},
      {&chamond, EventKind::kStaffInformation, 3, 5, "Hôtel de ville de Saint-Chamond",
       "Salle du conseil", 15},
      {&chamond, EventKind::kOfficeHours, 11, 18, "Hôtel de ville de Saint-Chamond", "Bureau 12", -1},
      {&lyon_id, EventKind::kInformationMeeting, 4, 7, "Mairie du 8e arrondissement", "Salle des fêtes",
       52},
  };
  for (const Slot& s : slots) {
    PartnerEvent e;
    e.convention_id = *s.convention;
    e.kind = s.kind;
    e.date = make_date(year, s.month, s.day);
    e.start_minute = 14 * 60;
    e.end_minute = 17 * 60;
    e.place = s.place;
    e.room = s.room;
    const bool held = s.attendees >= 0 && e.date <= today;
    take(add_event(store, e, held ? std::optional(EventStatus::kHeld) : std::nullopt,
                   held ? std::optional(s.attendees) : std::nullopt, today));
  }
  Material leaflet;
  leaflet.convention_id = chamond;
  leaflet.title = "Dépliant « Ma mutuelle Région » aux couleurs de la ville";
  leaflet.medium = Medium::kPrint;
  leaflet.submitted = make_date(year, 1, 12);
  const Material m = take(submit_material(store, leaflet));
  take(decide_material(store, m.id, true, make_date(year, 1, 20), "Service communication", ""));
  // CSS checks made during the office hours of Saint-Chamond, recorded by case reference.
  const int resources[] = {9800, 12500, 15000, 21000, 26000, 11000, 30500};
  for (int i = 0; i < static_cast<int>(std::size(resources)); ++i) {
    CssRequest r;
    r.resources = Money::from_cents(resources[i] * 100LL);
    r.persons = {{42 + i}, {40 + i}};
    take(record_css_check(store, ctx.regulation(), make_date(year, 2, 10), r,
                          "SC-" + std::to_string(year) + "-" + std::to_string(i + 1), "42207",
                          today));
  }
  // What the subscribers of the two communes declared (a public each, in turn), for the report.
  int recorded = 0;
  for (const char* commune : {"42207", "69123"}) {
    std::vector<std::pair<std::string, Date>> contracts;
    store.for_each_contract_of_commune(
        commune, [&](const Contract& c, const std::optional<RegionalSubscription>&) {
          contracts.emplace_back(c.id, c.adhesion_date());
        });
    for (const auto& [id, adhesion] : contracts) {
      RegionalUpdate u;
      u.priority_public = static_cast<PriorityPublic>(recorded % kPriorityPublics);
      u.no_collective_cover = adhesion;
      u.informed_100s = adhesion;
      // Contracts older than the conventions are not eligible (ELIG-10): left without a record.
      if (record_regional_subscription(store, id, u, today)) ++recorded;
    }
  }
  std::printf("regional scheme: conventions %s and %s, %zu events, 1 leaflet reviewed, "
              "%d subscriptions recorded\n",
              chamond.c_str(), lyon_id.c_str(), std::size(slots), recorded);
}

// One demo user per role, with a known password (printed by `make run`): demo data only.
struct DemoUser {
  const char* name;
  const char* role;
  const char* commune;
  const char* contract;
};
constexpr DemoUser kDemoUsers[] = {
    {"admin", "admin", "", ""},
    {"accueil", "member_services", "", ""},
    {"cotisations", "billing", "", ""},
    {"prestations", "claims", "", ""},
    {"medecin", "medical_adviser", "", ""},
    {"mairie-42207", "partner_commune", "42207", ""},
    {"adherent", "member", "", "C00000001"},
};

std::string demo_password(const DemoUser& u) { return std::string("demo-") + u.name; }

// The member's contract: the first whose persons are all covered today with no end in sight,
// so the demo member can download an attestation (DOC-01).
std::string demo_member_contract(Store& store, Date today) {
  std::string found;
  store.for_each_contract([&](const Contract& c) {
    if (!found.empty()) return;
    const bool open = std::all_of(c.beneficiaries.begin(), c.beneficiaries.end(),
                                  [&](const Beneficiary& b) { return b.covered_on(today) && !b.end_date; });
    if (open) found = c.id;
  });
  return found;
}

void demo_users(Store& store, Date today, std::string& member_contract) {
  for (const DemoUser& u : kDemoUsers) {
    if (auto stored = store.find_user(u.name)) {
      if (*u.contract) member_contract = stored->contract_id;
      continue;
    }
    std::string contract = u.contract;
    if (*u.contract) contract = member_contract = demo_member_contract(store, today);
    take(add_user(store, {u.name, demo_password(u), u.role, u.commune, contract}, today));
  }
}

void print_sign_ins(const std::string& member_contract) {
  std::printf("\nDemo sign-ins for `mutua serve` (user / password, role):\n");
  for (const DemoUser& u : kDemoUsers) {
    std::printf("  %-14s %-20s %s%s%s\n", u.name, demo_password(u).c_str(), u.role,
                *u.contract ? " of contract " : (*u.commune ? " of commune " : ""),
                *u.contract ? member_contract.c_str() : u.commune);
  }
}

void print_next_steps(const std::string& db, int year) {
  std::printf(
      "\nWhat to try next:\n"
      "  build/bin/mutua --db %s rate --year %d --out contributions.csv\n"
      "  build/bin/mutua --db %s rate --year %d --contract C00000007 --explain\n"
      "  build/bin/mutua --db %s quote --product LABEL2 --year %d --person member:1975-04-02 "
      "--person spouse:1978-09-30 --person child:2012-01-15\n"
      "  build/bin/mutua --db %s catalogue examples LABEL2 --year %d\n"
      "  build/bin/mutua --db %s claims explain D0000000001 1\n"
      "  build/bin/mutua --db %s member rights C00000007-01 --date %d-06-30\n"
      "  build/bin/mutua --db %s --today %d-07-15 member resign C00000007 --received %d-07-15 "
      "--kind anytime\n"
      "  build/bin/mutua --db %s --today %d-07-16 documents C00000007 --kind resignation_receipt "
      "--out letters\n"
      "  build/bin/mutua --db %s --today %d-07-16 worklist\n"
      "  build/bin/mutua --db %s partners convention show CONV-42207-2025-1\n"
      "  build/bin/mutua --db %s partners report --commune 42207 --year %d --format pdf --out bilan.pdf\n"
      "  build/bin/mutua --db %s --today %d-10-05 partners alerts\n"
      "  build/bin/mutua css check --date 2025-06-01 --resources 15000 --person 41 --person 39\n"
      "  build/bin/mutua catalogue check config/catalogue.yaml\n"
      "  build/bin/mutua catalogue check tests/data/catalogues/solidarity_broken.yaml   # refused: TAR-04\n"
      "  build/bin/mutua generate population --households 5000 --seed 7 --out members.csv\n",
      db.c_str(), year, db.c_str(), year, db.c_str(), year, db.c_str(), year, db.c_str(),
      db.c_str(), year, db.c_str(), year, year, db.c_str(), year, db.c_str(), year, db.c_str(),
      db.c_str(), year, db.c_str(), year);
}

}  // namespace

void register_generate(CLI::App& app, Context& ctx) {
  static PopulationSpec spec;
  static std::string out;
  CLI::App* group = app.add_subcommand("generate", "synthetic data for demos and benchmarks");
  group->require_subcommand(1);
  CLI::App* pop = group->add_subcommand("population", "a members file with a realistic mix of households");
  pop->add_option("--households", spec.households, "number of households")->check(CLI::PositiveNumber);
  pop->add_option("--seed", spec.seed, "random seed (same seed, same file)");
  pop->add_option("--year", spec.year, "reference year")->check(CLI::Range(2013, 2999));
  pop->add_option("--out", out, "CSV file to write")->required();
  pop->callback([] {
    std::ofstream f(out, std::ios::binary);
    if (!f) fail({data_error(out, 0, "", "cannot write the file")}, kInvalidData);
    PopulationStats s = generate_population(spec, f);
    f.close();
    std::printf("%s: %lld households, %lld insured persons\n", out.c_str(), s.households, s.persons);
  });

  static CareLinesSpec lines_spec;
  static std::string lines_out, mix_file;
  CLI::App* claims = group->add_subcommand(
      "claims", "care lines for the insured persons of the database (claims benchmarks, demos)");
  claims->add_option("--lines", lines_spec.lines, "number of care lines")->check(CLI::PositiveNumber);
  claims->add_option("--seed", lines_spec.seed, "random seed (same seed and database, same file)");
  claims->add_option("--year", lines_spec.year, "year of care")->check(CLI::Range(2013, 2999));
  claims->add_option("--mix", mix_file, "category,weight_pct CSV (default: the Open DAMIR mix)");
  claims->add_option("--out", lines_out, "CSV file to write")->required();
  claims->callback([&ctx] {
    if (!mix_file.empty()) {
      auto mix = load_care_mix(mix_file);
      if (!mix) fail({mix.error()}, kInvalidData);
      lines_spec.mix = std::move(mix).value();
    }
    std::vector<InsuredRef> insured = insured_during(*ctx.open_store(Access::kRead), lines_spec.year);
    if (insured.empty()) {
      fail({Error{"no insured person covered in " + std::to_string(lines_spec.year) +
                  " in " + ctx.db + "; import members first"}}, kInvalidData);
    }
    std::ofstream f(lines_out, std::ios::binary);
    if (!f) fail({data_error(lines_out, 0, "", "cannot write the file")}, kInvalidData);
    long long n = generate_care_lines(lines_spec, insured, f);
    std::printf("%s: %lld care lines for %zu insured persons\n", lines_out.c_str(), n, insured.size());
  });
}

void register_demo(CLI::App& app, Context& ctx) {
  static PopulationSpec spec;
  static bool force = false;
  static std::string catalogue;
  CLI::App* cmd = app.add_subcommand("demo", "build a demo database and show what to try next");
  cmd->add_option("--households", spec.households, "households to generate (default 1000)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--seed", spec.seed, "random seed");
  cmd->add_option("--catalogue", catalogue, "catalogue file (default config/catalogue.yaml)");
  cmd->add_flag("--force", force, "rebuild the database even if it exists");
  cmd->callback([&ctx] {
    int year = year_of(ctx.today());
    spec.year = year;
    if (force && fs::exists(ctx.db)) {
      // Opened first: the command lock is taken (no other command is using it) and a database of
      // a newer schema is refused before anything is deleted.
      ctx.open_store().reset();
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(ctx.db + suffix);
    }
    auto store = ctx.open_store();
    if (store->count_contracts() == 0) {
      std::string cat = catalogue.empty() ? find_config_file("catalogue.yaml") : catalogue;
      if (cat.empty()) fail({Error{"config/catalogue.yaml not found; give --catalogue"}}, kInvalidData);
      CatalogueLoadOutcome loaded = load_catalogue_into(*store, cat, ctx.regulation());
      if (!loaded.errors.empty()) fail(loaded.errors, kInvalidData);
      std::printf("catalogue %s: %d products, %d tariff versions\n", cat.c_str(),
                  loaded.report.products, loaded.report.tariffs_added);
      std::string members = ctx.db + ".members.csv";
      {
        std::ofstream f(members, std::ios::binary);
        PopulationStats s = generate_population(spec, f);
        std::printf("population: %lld households, %lld insured persons (seed %llu)\n",
                    s.households, s.persons, static_cast<unsigned long long>(spec.seed));
      }
      ImportOutcome imported = import_members(*store, members);
      fs::remove(members);
      if (!imported.errors.empty()) fail(imported.errors, kInvalidData);
      demo_claims(*store, ctx, year);
      demo_partners(*store, ctx, year);
    } else {
      std::printf("using the existing demo database %s (--force rebuilds it)\n", ctx.db.c_str());
    }
    // Past the last tariff year of the sample catalogue, show the latest year it covers.
    Catalogue stored = store->load_catalogue();
    while (year > 2000 && std::any_of(stored.products.begin(), stored.products.end(),
                                      [&](const Product& p) { return !p.tariff_for(year); })) {
      --year;
    }
    NullSink sink;
    Result<RateSummary> summary = rate_year(*store, ctx.regulation(), year, sink);
    if (!summary) fail({summary.error()}, kRefused);
    std::printf("\nContributions %d by product (demo database %s):\n", year, ctx.db.c_str());
    std::printf("  %-12s %10s %10s %16s %14s\n", "product", "contracts", "persons", "annual EUR",
                "per contract");
    for (const auto& [code, t] : summary->by_product) {
      Money avg = t.contracts ? t.annual_due.mul_ratio(1, t.contracts) : Money{};
      std::printf("  %-12s %10lld %10lld %16s %14s\n", code.c_str(), t.contracts, t.persons,
                  t.annual_due.format().c_str(), avg.format().c_str());
    }
    std::printf("  %-12s %10lld %10lld %16s\n", "total", summary->contracts, summary->persons,
                summary->annual_due.format().c_str());
    std::string member_contract;
    demo_users(*store, ctx.today(), member_contract);
    print_next_steps(ctx.db, year);
    print_sign_ins(member_contract);
  });
}

}  // namespace mutua::cli

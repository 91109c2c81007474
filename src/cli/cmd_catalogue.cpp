// `mutua init`, `mutua migrate --from FILE.db --to URI`, `mutua catalogue check FILE`,
// `mutua catalogue load FILE`.
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "app/json_values.hpp"
#include "app/catalogue_service.hpp"
#include "catalogue/taxes.hpp"
#include "cli/context.hpp"
#include "storage/command_lock.hpp"
#include "storage/copy_database.hpp"
#include "storage/sql_db.hpp"

namespace mutua::cli {

namespace {

nlohmann::json errors_json(const Errors& errors) {
  auto out = nlohmann::json::array();
  for (const Error& e : errors) {
    nlohmann::json j = {{"message", e.message}, {"text", e.to_string()}};
    if (!e.rule_id.empty()) j["rule"] = e.rule_id;
    if (!e.file.empty()) j["file"] = e.file;
    if (e.line > 0) j["line"] = e.line;
    if (!e.field.empty()) j["field"] = e.field;
    out.push_back(std::move(j));
  }
  return out;
}

// "13.27" from 1327 basis points.
std::string percent_text(int bp) {
  char text[32];
  std::snprintf(text, sizeof text, "%d.%02d", bp / 100, bp % 100);
  return text;
}

int tariff_count(const Catalogue& c) {
  int n = 0;
  for (const Product& p : c.products) n += static_cast<int>(p.tariffs.size());
  return n;
}

void report_failure(const Context& ctx, const Errors& errors, int code) {
  if (ctx.json) {
    nlohmann::json j = {{"valid", false}, {"errors", errors_json(errors)}};
    std::puts(json_text(j, 2).c_str());
  }
  fail(errors, code);
}

// A refused edit of a stored tariff (TAR-05) is a rule refusal; everything else is bad data.
int code_for(const Errors& errors) {
  for (const Error& e : errors) {
    if (e.rule_id == "TAR-05" || e.rule_id == "BEN-17") return kRefused;
  }
  return kInvalidData;
}

}  // namespace

void register_init(CLI::App& app, Context& ctx) {
  CLI::App* cmd = app.add_subcommand("init", "create or migrate the database (idempotent)");
  cmd->callback([&ctx] {
    auto store = ctx.open_store();
    int version = store->schema_version();
    if (ctx.json) {
      std::puts(json_text(nlohmann::json({{"db", ctx.db}, {"schema_version", version}}), 2).c_str());
    } else {
      std::printf("database %s ready (schema version %d)\n", ctx.db.c_str(), version);
    }
  });
}

// Moving up (issue 16): an SQLite database copied whole into an empty PostgreSQL one.
void register_migrate(CLI::App& app, Context& ctx) {
  CLI::App* cmd = app.add_subcommand(
      "migrate", "copy an SQLite database into an empty PostgreSQL database (all or nothing)");
  static std::string from, to;
  cmd->add_option("--from", from, "the SQLite database file")->required();
  cmd->add_option("--to", to, "the empty PostgreSQL database (postgresql://user@host:port/db)")
      ->required();
  cmd->callback([&ctx] {
    if (sql::is_postgres_target(from) || ::access(from.c_str(), R_OK) != 0) {
      fail({data_error("", 0, "--from", "not a readable SQLite database file: " + from)},
           kInvalidData);
    }
    if (!sql::is_postgres_target(to)) {
      fail({data_error("", 0, "--to", "not a postgresql:// database: " + to)}, kInvalidData);
    }
    const auto source_lock = CommandLock::acquire(from, "mutua migrate");
    const auto target_lock = CommandLock::acquire(to, "mutua migrate");
    SqliteStore source(from);
    SqliteStore target(to);
    if (const int version = target.schema_version(); version != 0) {
      fail({data_error("", 0, "--to",
                       "the target database already holds mutua's tables (schema " +
                           std::to_string(version) + "): nothing was copied; give an empty one")},
           kInvalidData);
    }
    const CopyReport report = copy_database(source, target);
    if (ctx.json) {
      nlohmann::json tables = nlohmann::json::object();
      for (const auto& [table, rows] : report.rows) tables[table] = rows;
      nlohmann::json balance = nlohmann::json::object();
      for (const auto& [account, amount] : report.trial_balance) balance[account] = amount.cents();
      std::puts(json_text(nlohmann::json({{"from", from},
                                          {"schema_version", target.schema_version()},
                                          {"rows", report.total_rows},
                                          {"tables", tables},
                                          {"trial_balance_cents", balance}}),
                          2)
                    .c_str());
    } else {
      std::printf("copied %lld rows of %zu tables from %s (schema version %d); row counts and "
                  "trial balance checked equal\n",
                  report.total_rows, report.rows.size(), from.c_str(), target.schema_version());
    }
  });
}

void register_catalogue(CLI::App& app, Context& ctx) {
  CLI::App* group = app.add_subcommand("catalogue", "product catalogue: check, load, reimbursement examples");
  group->require_subcommand(1);
  static std::string file;

  CLI::App* check = group->add_subcommand("check", "validate a catalogue file (exit 3 on any violation)");
  check->add_option("FILE", file, "catalogue YAML")->required();
  check->callback([&ctx] {
    CatalogueCheck result = check_catalogue(file, ctx.regulation());
    if (!result.ok()) report_failure(ctx, result.errors, kInvalidData);
    const Catalogue& c = *result.catalogue;
    if (ctx.json) {
      nlohmann::json products = nlohmann::json::array();
      for (const Product& p : c.products) {
        nlohmann::json years = nlohmann::json::array();
        for (const Tariff& t : p.tariffs) years.push_back(t.year);
        nlohmann::json table_years = nlohmann::json::array();
        for (const BenefitTable& t : p.benefit_tables) table_years.push_back(t.year);
        nlohmann::json product = {{"code", p.code}, {"kind", std::string(to_string(p.kind))},
                                  {"years", years}, {"benefits", p.benefits.size()},
                                  {"benefit_table_years", table_years}};
        if (auto tsa = tsa_basis_points(ctx.regulation(), p, ctx.today())) {
          product["tsa_pct"] = percent_text(*tsa);  // TAX-01, informative
        }
        products.push_back(std::move(product));
      }
      std::puts(json_text(nlohmann::json({{"valid", true}, {"file", file}, {"products", products}}),
                    2).c_str());
    } else {
      std::printf("%s: valid (%zu products, %d tariff versions; TAR-04, TAR-07, BEN-03, BEN-05, "
                  "BEN-07, BEN-19 checked)\n", file.c_str(), c.products.size(), tariff_count(c));
      // TAX-01: the TSA included in each product's contributions (informative).
      for (const Product& p : c.products) {
        auto tsa = tsa_basis_points(ctx.regulation(), p, ctx.today());
        if (!tsa) continue;
        std::printf("  %s: %s contract, taxe de solidarité additionnelle %s %% of the contributions "
                    "(included, TAX-01)\n",
                    p.code.c_str(), p.responsible ? "responsible" : "non-responsible",
                    percent_text(*tsa).c_str());
      }
    }
  });

  CLI::App* load = group->add_subcommand("load", "validate then store a catalogue");
  load->add_option("FILE", file, "catalogue YAML")->required();
  load->callback([&ctx] {
    // A file that cannot load is refused before the database is opened, so that a mistyped
    // --db is not left behind as a new, empty database.
    if (CatalogueCheck pre = check_catalogue(file, ctx.regulation()); !pre.errors.empty()) {
      report_failure(ctx, pre.errors, code_for(pre.errors));
    }
    auto store = ctx.open_store();
    CatalogueLoadOutcome out = load_catalogue_into(*store, file, ctx.regulation());
    if (!out.errors.empty()) report_failure(ctx, out.errors, code_for(out.errors));
    const CatalogueLoadReport& r = out.report;
    if (ctx.json) {
      std::puts(json_text(nlohmann::json({{"loaded", true},
                                {"products", r.products},
                                {"tariffs_added", r.tariffs_added},
                                {"tariffs_unchanged", r.tariffs_unchanged},
                                {"benefit_tables_added", r.benefit_tables_added},
                                {"benefit_tables_unchanged", r.benefit_tables_unchanged},
                                {"added", r.added}}),
                    2).c_str());
    } else {
      std::printf("%s: %d products stored; %d new tariff versions, %d already stored\n",
                  file.c_str(), r.products, r.tariffs_added, r.tariffs_unchanged);
      if (r.benefit_tables_added + r.benefit_tables_unchanged > 0) {
        std::printf("%d new dated benefit tables, %d already stored (BEN-17)\n",
                    r.benefit_tables_added, r.benefit_tables_unchanged);
      }
    }
  });
  register_catalogue_examples(*group, ctx);
}

}  // namespace mutua::cli

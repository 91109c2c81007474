// mutua: the command-line entry point. Parses global options (accepted before or after the
// subcommand), dispatches to the commands, and turns failures into the exit codes of
// INTERFACES.md. Exceptions stop here: a broken database or an internal bug exits 1.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "cli/context.hpp"
#include "core/date.hpp"
#include "core/money.hpp"
#include "storage/store.hpp"

namespace {

int run(int argc, char** argv) {
  using namespace mutua::cli;
  CLI::App app{"mutua: management of French mutual health insurers (mutuelles)", "mutua"};
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand
  Context ctx;
  const char* env_db = std::getenv("MUTUA_DB");
  ctx.db = env_db && *env_db ? env_db : "mutua.db";
  app.add_option("--db", ctx.db, "SQLite file (created if missing) or postgresql:// URI; "
                                 "default ./mutua.db or $MUTUA_DB");
  app.add_option("--today", ctx.today_text, "business date YYYY-MM-DD (default: today)")
      ->check(CLI::Validator(
          [](std::string& text) {
            return mutua::try_parse_date(text) ? std::string() : "not a date (YYYY-MM-DD): " + text;
          },
          "DATE"));
  app.add_flag("--json", ctx.json, "machine-readable output (one JSON document on stdout)");
  app.add_option("--regulation", ctx.regulation_path,
                 "regulatory parameters file (default: config/regulation.yaml)");

  // The command's words (not its values), named in the lock a writing command holds.
  for (int i = 1, words = 0; i < argc && words < 2; ++i) {
    const std::string word = argv[i];
    if (word.rfind("--", 0) == 0) {
      const bool valued = word == "--db" || word == "--today" || word == "--regulation";
      if (valued) ++i;  // its value follows
      continue;
    }
    if (word.empty() || word.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos) {
      break;
    }
    ctx.command += (words++ ? " " : "") + word;
  }

  register_init(app, ctx);
  register_migrate(app, ctx);
  register_catalogue(app, ctx);
  register_members(app, ctx);
  register_quote(app, ctx);
  register_rate(app, ctx);
  register_generate(app, ctx);
  register_demo(app, ctx);
  register_claims(app, ctx);
  register_member_records(app, ctx);
  register_member(app, ctx);
  register_worklist(app, ctx);
  register_documents(app, ctx);
  register_billing(app, ctx);
  register_css(app, ctx);
  register_partners(app, ctx);
  register_serve(app, ctx);
  register_user(app, ctx);
  register_privacy(app, ctx);
  register_db(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    std::fprintf(stderr, "Run with --help for usage.\n");
    return kUsage;
  } catch (const Exit& e) {
    return e.code;
  }
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const mutua::StoreBusy& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return mutua::cli::kBusy;
  } catch (const mutua::StoreError& e) {
    std::fprintf(stderr, "error: database: %s\n", e.what());
  } catch (const mutua::MoneyOverflow& e) {
    std::fprintf(stderr, "error: amount out of range: %s\n", e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "internal error: %s\n", e.what());
  }
  return mutua::cli::kInternal;
}

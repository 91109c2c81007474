// `mutua members import FILE.csv`: all-or-nothing import of contracts and beneficiaries.
#include <nlohmann/json.hpp>

#include "app/json_values.hpp"
#include "app/lifecycle.hpp"
#include "app/members_import.hpp"
#include "cli/context.hpp"

namespace mutua::cli {

void register_members(CLI::App& app, Context& ctx) {
  CLI::App* group = app.add_subcommand("members", "contracts and insured persons");
  group->require_subcommand(1);
  static std::string file;
  CLI::App* import = group->add_subcommand(
      "import", "import a members file (all-or-nothing; every error listed; re-import is a no-op)");
  import->add_option("FILE", file, "members CSV (INTERFACES.md)")->required();
  import->callback([&ctx] {
    auto store = ctx.open_store();
    // ELIG-07: the reading of the rights end in force on the business date.
    auto params = lifecycle_params(ctx.regulation(), ctx.today());
    ImportOutcome out = import_members(
        *store, file, params ? params->rights_end : RightsEndRule::kEndOfMonth);
    if (!out.errors.empty()) {
      if (ctx.json) {
        nlohmann::json errors = nlohmann::json::array();
        for (const Error& e : out.errors) errors.push_back(e.to_string());
        std::puts(json_text(nlohmann::json({{"imported", false}, {"errors", errors}}), 2).c_str());
      }
      std::fprintf(stderr, "%s: %zu error(s); nothing was imported\n", file.c_str(),
                   out.errors.size());
      fail(out.errors, kInvalidData);
    }
    const ImportReport& r = out.report;
    for (const std::string& w : r.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
    if (ctx.json) {
      std::puts(json_text(nlohmann::json({{"imported", true},
                                {"contracts_added", r.contracts_added},
                                {"beneficiaries_added", r.beneficiaries_added},
                                {"contracts_unchanged", r.contracts_unchanged},
                                {"warnings", r.warnings}}),
                    2).c_str());
    } else {
      std::printf("%s: %lld contracts and %lld insured persons imported, %lld already present "
                  "and unchanged\n",
                  file.c_str(), r.contracts_added, r.beneficiaries_added, r.contracts_unchanged);
    }
  });
}

}  // namespace mutua::cli

// `mutua claims run` and `mutua claims explain`, and the member record the claims engine reads
// until the billing issue owns it: `mutua members collection` (BEN-09).
#include <nlohmann/json.hpp>

#include "app/json_values.hpp"
#include "app/claims_explain.hpp"
#include "app/claims_json.hpp"
#include "app/claims_run.hpp"
#include "cli/context.hpp"

namespace mutua::cli {

namespace {

void print_summary(const ClaimsRunSummary& s, const std::string& out) {
  std::printf("%s%lld lines decided%s into %s", s.dry_run ? "dry run: " : "",
              static_cast<long long>(s.records - s.invalid),
              s.run_id ? (" (run " + std::to_string(s.run_id) + ")").c_str() : "", out.c_str());
  if (s.resumed) std::printf(", resumed after line %lld", static_cast<long long>(s.resumed_at));
  std::printf("\n");
  for (const auto& [status, c] : s.by_status) {
    std::printf("  %-9s %10lld lines  RC %s\n", status.c_str(), static_cast<long long>(c.lines),
                c.rc.format().c_str());
  }
  if (s.invalid) std::printf("  invalid   %10lld lines (rejects file)\n", static_cast<long long>(s.invalid));
  for (const auto& [reason, n] : s.by_reason) {
    std::printf("  reason %-18s %10lld lines\n", reason.c_str(), static_cast<long long>(n));
  }
  std::printf("  charged %s, RO paid %s, other payers %s, RC %s, remaining %s\n",
              s.charged.format().c_str(), s.ro_paid.format().c_str(),
              s.other_payers.format().c_str(), s.rc.format().c_str(), s.remaining.format().c_str());
  std::printf("  payments: %lld payees, %s%s\n", static_cast<long long>(s.payees),
              s.paid.format().c_str(), s.dry_run ? " (not recorded: dry run)" : "");
  if (s.recoverable_lines) {
    std::printf("  recoverable from liable third parties: %lld lines, %s (BEN-14)\n",
                static_cast<long long>(s.recoverable_lines), s.recoverable.format().c_str());
  }
}

void register_run(CLI::App& group, Context& ctx) {
  static ClaimsRunOptions options;
  CLI::App* run = group.add_subcommand("run", "adjudicate care lines (BEN-01..15)");
  run->add_option("--in", options.input, "care lines CSV (INTERFACES.md)")->required();
  run->add_option("--out", options.output, "decisions CSV to write")->required();
  run->add_flag("--dry-run", options.dry_run, "decide and write the decisions file only; "
                                              "nothing is written to the database");
  run->add_flag("--skip-invalid", options.skip_invalid,
                "write invalid lines to the rejects file and go on (default: stop, write "
                "nothing)");
  run->add_option("--rejects", options.rejects, "rejects CSV (default: OUT.rejects.csv)");
  run->add_flag("--replace", options.replace,
                "overwrite --out and --rejects when they exist (default: refuse, exit 3)");
  run->add_option("--commit-every", options.commit_every,
                  "records per committed chunk (checkpoint)")
      ->check(CLI::PositiveNumber);
  run->callback([&ctx] {
    auto store = ctx.open_store();
    options.business_date = ctx.today();
    ClaimsRunOutcome out = run_claims(*store, ctx.regulation(), options);
    for (const std::string& w : out.summary.warnings) {
      std::fprintf(stderr, "warning: %s\n", w.c_str());
    }
    if (!out.errors.empty()) {
      print_errors(out.errors);
      if (out.more_errors) {
        std::fprintf(stderr, "error: %lld more error(s) not listed\n",
                     static_cast<long long>(out.more_errors));
      }
      std::fprintf(stderr, "%s: nothing was decided or written\n", options.input.c_str());
      throw Exit{kInvalidData};
    }
    if (ctx.json) {
      std::puts(json_text(nlohmann::json::parse(out.summary.to_json()), 2).c_str());
    } else {
      print_summary(out.summary, options.output);
    }
  });
}

void register_explain(CLI::App& group, Context& ctx) {
  static std::string claim;
  static int line = 0;
  CLI::App* cmd = group.add_subcommand("explain", "explain a stored decision step by step (BEN-15)");
  cmd->add_option("CLAIM", claim, "claim (décompte) id")->required();
  cmd->add_option("LINE", line, "line number in the claim")->required()->check(CLI::PositiveNumber);
  cmd->callback([&ctx] {
    auto store = ctx.open_store(Access::kRead);
    auto x = explain_claim(*store, ctx.regulation(), claim, line);
    if (!x) fail({x.error()}, kInvalidData);
    audit_cli(*store, "read", "care_lines", claim + "/" + std::to_string(line));  // GDPR-02
    if (!ctx.json) {
      std::fputs(x->text.c_str(), stdout);
      return;
    }
    std::puts(json_text(explanation_json(*x), 2).c_str());
  });
}

}  // namespace

void register_claims(CLI::App& app, Context& ctx) {
  CLI::App* group = app.add_subcommand("claims", "reimbursement of care lines");
  group->require_subcommand(1);
  register_run(*group, ctx);
  register_explain(*group, ctx);
}

void register_member_records(CLI::App& app, Context& ctx) {
  static std::string contract, status, since;
  CLI::App* members = app.get_subcommand("members");
  CLI::App* collection = members->add_subcommand(
      "collection", "set a contract's contribution status until billing exists (BEN-09)");
  collection->add_option("CONTRACT", contract)->required();
  collection->add_option("--status", status, "up_to_date | notice | suspended | terminated")
      ->required();
  collection->add_option("--since", since, "date the status took effect (default: --today)");
  collection->callback([&ctx] {
    auto st = parse_collection_status(status);
    if (!st) {
      fail({data_error("", 0, "--status",
                       "expected up_to_date, notice, suspended or terminated: " + status)},
           kInvalidData);
    }
    Date when = date_option(since, "--since", ctx.today());
    auto store = ctx.open_store();
    Transaction tx(*store);
    if (!store->find_contract(contract)) {
      fail({data_error("", 0, "CONTRACT", "unknown contract '" + contract + "'")}, kInvalidData);
    }
    store->set_collection_status(contract, *st, when);
    tx.commit();
    if (ctx.json) {
      std::puts(json_text(nlohmann::json({{"contract_id", contract}, {"status", status},
                                {"since", format_date(when)}}),
                    2).c_str());
    } else {
      std::printf("contract %s: contribution status %s since %s\n", contract.c_str(),
                  status.c_str(), format_date(when).c_str());
    }
  });
}

}  // namespace mutua::cli

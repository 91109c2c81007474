// `mutua billing run`, `payments import`, `sepa export|rejects`, `dunning run|waive`, `account`:
// billing and collection (issue 5). Parsing and printing only; decisions are app/billing's.
#include "app/json_values.hpp"
#include "app/billing.hpp"
#include "app/lifecycle.hpp"
#include "app/billing_json.hpp"
#include "cli/context.hpp"

namespace mutua::cli {

using nlohmann::json;

namespace {

std::string money(Money m) { return m.format(); }

json counts(const std::map<std::string, int64_t>& m) {
  json j = json::object();
  for (const auto& [k, v] : m) j[k] = v;
  return j;
}

void register_recall(CLI::App& billing, Context& ctx) {
  static int year = 0;
  static std::string percent, due, reference;
  CLI::App* cmd = billing.add_subcommand(
      "recall", "call a contribution recall voted by the board, capped at 50 % a year (TAR-06)");
  cmd->add_option("--year", year, "financial year recalled")->required();
  cmd->add_option("--percent", percent, "share of the normal annual contribution, e.g. 10 or 7.5")
      ->required();
  cmd->add_option("--due", due, "due date of the recall")->required();
  cmd->add_option("--reference", reference, "the board's decision")->required();
  cmd->callback([&ctx] {
    auto bp = parse_percent_bp(percent);
    if (!bp) fail({data_error("", 0, "--percent", bp.error().message)}, kInvalidData);
    auto store = ctx.open_store();
    RecallSummary s = take(call_recall(*store, year, *bp, date_option(due, "--due", ctx.today()),
                                       reference, ctx.today()));
    json j{{"year", s.year}, {"reference", s.reference}, {"contracts", s.contracts},
           {"already_recalled", s.already}, {"capped", s.capped}, {"total", money(s.total)}};
    print(ctx, j,
          "recall " + s.reference + " for " + std::to_string(s.year) + ": " +
              std::to_string(s.contracts) + " contracts, " + money(s.total) + " (" +
              std::to_string(s.capped) + " capped at 50 %, " + std::to_string(s.already) +
              " already recalled)\n");
  });
}

// L221-10-1: `billing calls sent`: when and how the annual calls of a year went out.
void register_calls_sent(CLI::App& billing, Context& ctx) {
  static int year = 0;
  static std::string sent, channel = "post", contract;
  static bool without_last_day = false;
  CLI::App* calls = billing.add_subcommand("calls", "the annual calls as sent (L221-10-1)");
  calls->require_subcommand(1);
  CLI::App* cmd = calls->add_subcommand(
      "sent", "record when and how the annual calls of a year were sent (DEM-07, DEM-08)");
  cmd->add_option("--year", year, "the calls' year (renewal on 1 January of it)")->required();
  cmd->add_option("--sent", sent, "sending date (postmark); default: the business date");
  cmd->add_option("--channel", channel, "post | registered_post | email | portal (default post)");
  cmd->add_option("--contract", contract, "only this contract (default: every call of the year)");
  cmd->add_flag("--without-last-day", without_last_day,
                "the calls did not state the last day to resign (sent by another system)");
  cmd->callback([&ctx] {
    auto ch = parse_send_channel(channel);
    if (!ch) {
      fail({data_error("", 0, "--channel", "post, registered_post, email or portal: " + channel)},
           kInvalidData);
    }
    Date when = date_option(sent, "--sent", ctx.today());
    auto store = ctx.open_store();
    CallsSentSummary s = take(record_calls_sent(*store, year, when, *ch, !without_last_day,
                                                contract, ctx.today()));
    json j{{"year", s.year}, {"sent", format_date(s.sent)}, {"channel", channel},
           {"last_day", opt_date(s.last_day)}, {"late", s.late}, {"calls", s.calls},
           {"unchanged", s.unchanged}, {"kept", s.kept}};
    std::string text = std::to_string(s.calls) + " calls for " + std::to_string(s.year) +
                       " recorded as sent on " + format_date(s.sent) + " by " + channel;
    if (s.unchanged > 0) text += " (" + std::to_string(s.unchanged) + " already recorded so)";
    if (!s.last_day) {
      text += "; no last day to resign stated: members may resign at any time from " +
              format_date(first_of_year(s.year)) + " (DEM-08)";
    } else if (s.late) {
      text += "; last day stated " + format_date(*s.last_day) +
              ", less than 15 days before or after it: members may resign until " +
              format_date(*s.until) + " (DEM-07)";
    } else {
      text += "; last day to resign stated: " + format_date(*s.last_day) + " (DEM-01)";
    }
    if (!s.kept.empty()) {
      text += "\n" + std::to_string(s.kept.size()) +
              " calls kept as recorded (the change would shorten the members' window, "
              "DEM-11): " + s.kept.front() + (s.kept.size() > 1 ? ", ..." : "");
    }
    print(ctx, j, text + "\n");
  });
}

void register_billing_run(CLI::App& app, Context& ctx) {
  CLI::App* billing = app.add_subcommand("billing", "contribution calls and instalments (BIL-01..06)");
  billing->require_subcommand(1);
  static int64_t commit_every = 20000;
  static bool split = false;
  CLI::App* run = billing->add_subcommand(
      "run", "issue the annual calls and post every instalment due up to the business date");
  run->add_option("--commit-every", commit_every, "contracts per transaction (default 20000)")
      ->check(CLI::PositiveNumber);
  run->add_flag("--split", split,
                "share the run with other `billing run --split` processes of the same business "
                "date, on this machine or others (each takes chunks of contracts from a queue)");
  run->callback([&ctx] {
    auto store = split ? ctx.open_store_split(kSplitBilling) : ctx.open_store();
    BillingRunSummary s = take(run_billing(*store, ctx.regulation(), ctx.today(), commit_every,
                                           ctx.batch_role()));
    json years = s.years;
    json j{{"business_date", format_date(s.business_date)}, {"start_year", s.start_year},
           {"years", years}, {"contracts", s.contracts}, {"calls_issued", s.calls_issued},
           {"schedules_changed", s.schedules_changed}, {"entries_posted", s.entries_posted},
           {"billed", money(s.billed)}, {"adjusted", money(s.adjusted)},
           {"refunds", s.refunds}, {"refunded", money(s.refunded)},
           {"not_rated", counts(s.not_rated)}, {"batch_id", s.batch_id},
           {"chunks", s.chunks}, {"batch_ended", s.batch_ended}};
    std::string text = "billing run " + format_date(s.business_date) + ": " +
                       std::to_string(s.calls_issued) + " calls issued, " +
                       std::to_string(s.entries_posted) + " entries posted, billed " +
                       money(s.billed) + ", adjusted " + money(s.adjusted) + ", " +
                       std::to_string(s.refunds) + " refunds (" + money(s.refunded) + ")\n";
    for (const auto& [why, n] : s.not_rated) {
      text += "  not billed: " + std::to_string(n) + " contracts: " + why + "\n";
      std::fprintf(stderr, "warning: not billed: %lld contracts: %s\n", static_cast<long long>(n),
                   why.c_str());
    }
    print(ctx, j, text);
  });
  register_recall(*billing, ctx);
  register_calls_sent(*billing, ctx);
}

void register_payments(CLI::App& app, Context& ctx) {
  static std::string file;
  CLI::App* payments = app.add_subcommand("payments", "payments received (BIL-03)");
  payments->require_subcommand(1);
  CLI::App* import = payments->add_subcommand(
      "import", "record payments: CSV contract_id,date,amount,method,reference (all or nothing)");
  import->add_option("FILE", file, "payments CSV")->required();
  import->callback([&ctx] {
    auto store = ctx.open_store();
    PaymentsSummary s = take(import_payments(*store, ctx.regulation(), file, ctx.today()));
    if (!s.errors.empty()) {
      if (ctx.json) {
        json errors = json::array();
        for (const Error& e : s.errors) errors.push_back(e.to_string());
        std::puts(json_text(json({{"imported", false}, {"errors", errors}}), 2).c_str());
      }
      fail(s.errors, kInvalidData);
    }
    json j{{"imported", true}, {"rows", s.rows}, {"recorded", s.recorded},
           {"already_recorded", s.already_recorded}, {"amount", money(s.amount)},
           {"reinstated", s.reinstated}, {"claims_released", s.claims_released}};
    print(ctx, j,
          std::to_string(s.recorded) + " payments recorded (" + money(s.amount) + "), " +
              std::to_string(s.already_recorded) + " already recorded, " +
              std::to_string(s.reinstated) + " contracts reinstated, " +
              std::to_string(s.claims_released) + " held claims decided again\n");
  });
}

void register_sepa(CLI::App& app, Context& ctx) {
  static std::string collection, out, report;
  CLI::App* sepa = app.add_subcommand("sepa", "SEPA direct debits (BIL-03)");
  sepa->require_subcommand(1);
  CLI::App* exp = sepa->add_subcommand("export", "write the pain.008.001.02 file of a collection");
  exp->add_option("--collection-date", collection, "requested collection date")->required();
  exp->add_option("--out", out, "file to write")->required();
  exp->callback([&ctx] {
    auto store = ctx.open_store();
    const Date d = date_option(collection, "--collection-date", ctx.today());
    SepaExportSummary s = take(export_sepa(*store, d, out, ctx.today()));
    for (const std::string& w : s.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
    json j{{"message_id", s.message_id}, {"collection_date", format_date(s.collection_date)},
           {"file", s.file.empty() ? json() : json(s.file)}, {"debits", s.debits},
           {"total", money(s.total)}, {"by_sequence", counts(s.by_sequence)},
           {"already_exported", s.already_exported}};
    std::string text = s.debits == 0
                           ? "nothing to collect on " + format_date(d) + "\n"
                           : s.message_id + ": " + std::to_string(s.debits) + " debits, " +
                                 money(s.total) + " EUR, written to " + s.file +
                                 (s.already_exported ? " (batch already exported: same file)" : "") +
                                 "\n";
    print(ctx, j, text);
  });
  CLI::App* rej = sepa->add_subcommand("rejects", "import a pain.002 report of rejected debits");
  rej->add_option("FILE", report, "pain.002.001.03 file")->required();
  rej->callback([&ctx] {
    auto store = ctx.open_store();
    RejectsSummary s = take(import_rejects(*store, report, ctx.today()));
    json j{{"rejects", s.rejects}, {"recorded", s.recorded},
           {"already_recorded", s.already_recorded}, {"amount", money(s.amount)},
           {"by_reason", counts(s.by_reason)}, {"mandates_revoked", s.mandates_revoked}};
    print(ctx, j,
          std::to_string(s.recorded) + " rejects recorded (" + money(s.amount) + "), " +
              std::to_string(s.already_recorded) + " already recorded, " +
              std::to_string(s.mandates_revoked) + " mandates revoked\n");
  });
}

void register_dunning(CLI::App& app, Context& ctx) {
  static std::string letters, contract, from, until, reason;
  static int64_t commit_every = 20000;
  static bool split = false;
  CLI::App* dunning = app.add_subcommand("dunning", "non-payment procedure (DUN-01..05)");
  dunning->require_subcommand(1);
  CLI::App* run = dunning->add_subcommand(
      "run", "advance every contract's procedure to the business date");
  run->add_option("--letters", letters, "directory to write the letters (PDF) issued by the run");
  run->add_option("--commit-every", commit_every, "contracts per transaction (default 20000)")
      ->check(CLI::PositiveNumber);
  run->add_flag("--split", split,
                "share the run with other `dunning run --split` processes of the same business "
                "date (each takes chunks of accounts from a queue)");
  run->callback([&ctx] {
    auto store = split ? ctx.open_store_split(kSplitDunning) : ctx.open_store();
    DunningRunSummary s = take(run_dunning(*store, ctx.regulation(), ctx.today(), letters,
                                           commit_every, ctx.batch_role()));
    if (!s.last_billing_run || *s.last_billing_run < ctx.today()) {
      std::fprintf(stderr,
                   "note: instalments were posted from the stored schedules; calls and "
                   "re-rating come from `mutua billing run` (last run: %s)\n",
                   s.last_billing_run ? format_date(*s.last_billing_run).c_str() : "never");
    }
    json j{{"business_date", format_date(s.business_date)},
           {"contracts_examined", s.contracts_examined}, {"entries_posted", s.entries_posted},
           {"steps", counts(s.steps)}, {"claims_released", s.claims_released},
           {"letters", s.letters}, {"notices_withheld", s.notices_withheld},
           {"batch_id", s.batch_id}, {"chunks", s.chunks}, {"batch_ended", s.batch_ended}};
    std::string text = "dunning run " + format_date(s.business_date) + ": " +
                       std::to_string(s.contracts_examined) + " contracts examined";
    for (const auto& [k, n] : s.steps) text += ", " + std::to_string(n) + " " + k;
    text += ", " + std::to_string(s.claims_released) + " held claims decided again\n";
    if (!s.notices_withheld.empty()) {
      text += std::to_string(s.notices_withheld.size()) +
              " formal notices withheld, no postal address (DUN-01; see `mutua worklist`)\n";
    }
    print(ctx, j, text);
  });
  CLI::App* waive = dunning->add_subcommand("waive", "grant a waiver (sursis) that stops the clock (DUN-05)");
  waive->add_option("CONTRACT", contract)->required();
  waive->add_option("--from", from, "first day (default: --today)");
  waive->add_option("--until", until, "last day")->required();
  waive->add_option("--reason", reason, "circumstances proved")->required();
  waive->callback([&ctx] {
    auto store = ctx.open_store();
    const Date f = date_option(from, "--from", ctx.today());
    const Date u = date_option(until, "--until", ctx.today());
    Waiver w = take(grant_waiver(*store, contract, f, u, reason, ctx.today()));
    json j{{"id", w.id}, {"contract_id", w.contract_id}, {"from", format_date(w.from)},
           {"until", format_date(w.to)}, {"reason", w.reason}};
    print(ctx, j, "waiver " + std::to_string(w.id) + " for " + w.contract_id + ": " +
                      format_date(w.from) + " to " + format_date(w.to) + "\n");
  });
}

std::string account_text(const AccountReport& r) {
  std::string s = "contract " + r.contract_id + " on " + format_date(r.as_of) + ": balance " +
                  money(r.balance) + ", overdue " + money(r.overdue) + ", " +
                  std::string(to_string(r.status));
  if (r.since) s += " since " + format_date(*r.since);
  s += "\n";
  for (const ScheduleLine& l : r.schedule) {
    s += "  " + std::to_string(l.instalment.year) + "/" + std::to_string(l.instalment.period) +
         " due " + format_date(l.instalment.due) + " " + money(l.instalment.amount) + " paid " +
         money(l.paid) + " " + l.status + "\n";
  }
  for (const Entry& e : r.entries) {
    s += "  " + format_date(e.date) + " " + std::string(to_string(e.kind)) + " " +
         money(receivable_effect(e)) + " (" + e.rule + ") " + e.reference + "\n";
  }
  return s;
}

void register_account(CLI::App& app, Context& ctx) {
  static std::string contract;
  CLI::App* cmd = app.add_subcommand("account", "a contract's contribution account (BIL-04)");
  cmd->add_option("CONTRACT", contract)->required();
  cmd->callback([&ctx] {
    auto store = ctx.open_store(Access::kRead);
    AccountReport r = take(account_report(*store, contract, ctx.today()));
    print(ctx, account_json(r), account_text(r));
  });
}

}  // namespace

void register_billing(CLI::App& app, Context& ctx) {
  register_billing_run(app, ctx);
  register_payments(app, ctx);
  register_sepa(app, ctx);
  register_dunning(app, ctx);
  register_account(app, ctx);
}

}  // namespace mutua::cli

// `mutua privacy ...`: the personal-data rights of members (GDPR-01, GDPR-03, GDPR-04; Règlement
// mutualiste art. 26): requests and their one-month deadline, the export of a person's data (zip),
// rectification, erasure once the retention ended and the retention job, opposition to marketing
// uses and the audiences that honour it. Parsing and printing only; the decisions are
// app/privacy_service's.
#include <cstdio>
#include <cstdlib>

#include "app/privacy_service.hpp"
#include "app/privacy_json.hpp"
#include "cli/context.hpp"

namespace mutua::cli {

using nlohmann::json;

namespace {

int64_t id_argument(const std::string& text, const char* field) {
  char* end = nullptr;
  const long long n = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || n <= 0) {
    fail({data_error("", 0, field, "expected a number, got '" + text + "'")}, kInvalidData);
  }
  return n;
}

std::optional<int64_t> optional_id(const std::string& text, const char* field) {
  if (text.empty()) return std::nullopt;
  return id_argument(text, field);
}

// "on" (the person objects) | "off" | empty (unchanged).
std::optional<bool> on_off(const std::string& text, const char* field) {
  if (text.empty()) return std::nullopt;
  if (text == "on") return true;
  if (text == "off") return false;
  fail({data_error("", 0, field, "expected on or off, got '" + text + "'")}, kInvalidData);
}

std::string request_text(const PrivacyRequest& r, Date today) {
  std::string t = "request " + std::to_string(r.id) + ": " + std::string(to_string(r.kind)) + ", " +
                  r.beneficiary_id + " (contract " + r.contract_id + "), received " +
                  format_date(r.received) + ", deadline " + format_date(r.deadline) + ", " +
                  std::string(to_string(r.status));
  if (r.closed) t += " on " + format_date(*r.closed);
  if (!r.rule.empty()) t += " [" + r.rule + "]";
  if (!r.reason.empty()) t += ": " + r.reason;
  if (is_late(r, today)) {
    t += " — LATE by " + std::to_string(-days_left(r, today)) + " day(s)";
  } else if (answered_late(r)) {
    t += " — answered late";
  }
  return t + "\n";
}

void register_request(CLI::App& privacy, Context& ctx) {
  CLI::App* group = privacy.add_subcommand("request", "requests of data subjects (GDPR-01)");
  group->require_subcommand(1);

  static std::string beneficiary, kind, received, details;
  CLI::App* open = group->add_subcommand("open", "record a request: deadline one month later");
  open->add_option("BENEFICIARY", beneficiary, "the person")->required();
  open->add_option("--kind", kind,
                   "access | portability | rectification | erasure | opposition | limitation")
      ->required();
  open->add_option("--received", received, "date received (default: --today)");
  open->add_option("--details", details, "what the person asks");
  open->callback([&ctx] {
    const Date today = ctx.today();
    const Date on = date_option(received, "--received", today);
    auto store = ctx.open_store();
    const PrivacyRequest r =
        take(open_privacy_request(*store, beneficiary, kind, on, today, details));
    print(ctx, request_json(r, today), request_text(r, today));
  });

  static std::string id, reason, rule;
  static bool done = false, refused = false;
  CLI::App* close = group->add_subcommand("close", "answer a request: done or refused");
  close->add_option("ID", id, "the request")->required();
  auto* done_flag = close->add_flag("--done", done, "the request was satisfied");
  close->add_flag("--refused", refused, "the request is refused (with --reason)")
      ->excludes(done_flag);
  close->add_option("--reason", reason, "the answer, or why it is refused");
  close->add_option("--rule", rule, "the rule a refusal rests on (default GDPR-01)");
  close->callback([&ctx] {
    if (!done && !refused) {
      fail({data_error("", 0, "--done", "one of --done or --refused")}, kInvalidData);
    }
    const Date today = ctx.today();
    auto store = ctx.open_store();
    const PrivacyRequest r = take(close_privacy_request(
        *store, id_argument(id, "ID"), done ? RequestOutcome::kDone : RequestOutcome::kRefused,
        reason, rule, today));
    print(ctx, request_json(r, today), request_text(r, today));
  });
}

void register_requests(CLI::App& privacy, Context& ctx) {
  static bool late = false, open_only = false;
  static std::string beneficiary;
  CLI::App* cmd = privacy.add_subcommand("requests", "the requests, their deadlines (GDPR-01)");
  cmd->add_flag("--late", late, "only the open ones past their deadline");
  cmd->add_flag("--open", open_only, "only the open ones");
  cmd->add_option("--beneficiary", beneficiary, "of one person");
  cmd->callback([&ctx] {
    const Date today = ctx.today();
    auto store = ctx.open_store(Access::kRead);
    json all = json::array();
    std::string text;
    for (const RequestView& v :
         list_privacy_requests(*store, today, late, open_only, beneficiary)) {
      all.push_back(request_json(v.request, today));
      text += request_text(v.request, today);
    }
    print(ctx, all, text.empty() ? (late ? "no late request\n" : "no request\n") : text);
  });
}

void register_export(CLI::App& privacy, Context& ctx) {
  static std::string beneficiary, out, request;
  CLI::App* cmd = privacy.add_subcommand(
      "export", "a person's data as a zip of JSON and CSV (GDPR-01 access, portability)");
  cmd->add_option("BENEFICIARY", beneficiary, "the person")->required();
  cmd->add_option("--out", out, "the zip to write (FILE.partial, then renamed)")->required();
  cmd->add_option("--request", request, "the access or portability request it answers");
  cmd->callback([&ctx] {
    const Date today = ctx.today();
    auto store = ctx.open_store();
    const ExportOutcome o = take(
        export_personal_data(*store, beneficiary, out, today, optional_id(request, "--request")));
    audit_cli(*store, "read", "privacy_export", o.contract_id);
    json files = json::array();
    std::string text = "exported " + o.beneficiary_id + " (contract " + o.contract_id + ", " +
                       (o.member ? "member" : "dependant") + ") to " + o.file + "\n";
    for (const ExportedFile& f : o.files) {
      files.push_back({{"name", f.name}, {"rows", f.rows}});
      text += "  " + f.name + ": " + std::to_string(f.rows) + " row(s)\n";
    }
    if (o.request) text += request_text(*o.request, today);
    print(ctx,
          {{"file", o.file},
           {"beneficiary", o.beneficiary_id},
           {"contract", o.contract_id},
           {"member", o.member},
           {"files", files},
           {"request", o.request ? request_json(*o.request, today) : json()}},
          text);
  });
}

void register_rectify(CLI::App& privacy, Context& ctx) {
  static std::string beneficiary, field, value, effective, request;
  CLI::App* cmd = privacy.add_subcommand(
      "rectify", "correct a person's or the contract's data, the old value kept (GDPR-01)");
  cmd->add_option("BENEFICIARY", beneficiary, "the person")->required();
  cmd->add_option("--field", field,
                  "last_name | first_name | birth_date | nir (the person); email | iban | "
                  "address | employer | status | payment_frequency (the contract, the member's)")
      ->required();
  cmd->add_option("--value", value, "the correct value (nir: empty removes it)")->required();
  cmd->add_option("--effective", effective, "date the change takes effect (default: --today)");
  cmd->add_option("--request", request, "the rectification request it answers");
  cmd->callback([&ctx] {
    const Date today = ctx.today();
    const Date on = date_option(effective, "--effective", today);
    auto store = ctx.open_store();
    const RectificationOutcome o = take(rectify(*store, ctx.regulation(), beneficiary, field, value,
                                                on, today, optional_id(request, "--request")));
    audit_cli(*store, "write", "privacy_rectification", o.contract_id);
    std::string text = o.beneficiary_id + " (contract " + o.contract_id + "): " + o.field + " '" +
                       o.old_value + "' → '" + o.new_value + "'\n";
    if (o.rights_end) text += "  rights end " + format_date(*o.rights_end) + " (ELIG-07)\n";
    if (o.request) text += request_text(*o.request, today);
    print(ctx,
          {{"beneficiary", o.beneficiary_id},
           {"contract", o.contract_id},
           {"field", o.field},
           {"old_value", o.old_value},
           {"new_value", o.new_value},
           {"rights_end", opt_date(o.rights_end)},
           {"request", o.request ? request_json(*o.request, today) : json()}},
          text);
  });
}

void register_erase(CLI::App& privacy, Context& ctx) {
  static std::string contract, request;
  CLI::App* cmd = privacy.add_subcommand(
      "erase", "anonymise a contract whose retention ended (GDPR-03: end + 2 years)");
  cmd->add_option("CONTRACT", contract)->required();
  cmd->add_option("--request", request,
                  "the erasure request it answers (a refusal is recorded on it)");
  cmd->callback([&ctx] {
    const Date today = ctx.today();
    auto store = ctx.open_store();
    const ErasureOutcome o = take(erase_contract(*store, ctx.regulation(), contract, today,
                                                 optional_id(request, "--request")));
    if (!o.already) audit_cli(*store, "write", "privacy_erasure", o.contract_id);
    std::string text = "contract " + o.contract_id + " (ended " + format_date(o.ended) +
                       ", kept until " + format_date(o.kept_until) + ") " +
                       (o.already ? "was anonymised on " : "anonymised on ") +
                       format_date(o.erased) + "\n";
    for (int64_t id : o.requests_closed) text += "  request " + std::to_string(id) + " done\n";
    print(ctx,
          {{"contract", o.contract_id},
           {"ended", format_date(o.ended)},
           {"kept_until", format_date(o.kept_until)},
           {"erased", format_date(o.erased)},
           {"already", o.already},
           {"persons", o.persons},
           {"requests_closed", o.requests_closed}},
          text);
  });
}

void register_oppose(CLI::App& privacy, Context& ctx) {
  static std::string beneficiary, surveys, extra_offers, request;
  CLI::App* cmd = privacy.add_subcommand(
      "oppose", "opposition to marketing uses: surveys, extra offers (GDPR-04)");
  cmd->add_option("BENEFICIARY", beneficiary, "the person")->required();
  cmd->add_option("--surveys", surveys, "on: objects to surveys, polls, contests; off: does not");
  cmd->add_option("--extra-offers", extra_offers,
                  "on: objects to offers of complementary guarantees; off: does not");
  cmd->add_option("--request", request, "the opposition request it answers");
  cmd->callback([&ctx] {
    const Date today = ctx.today();
    const auto s = on_off(surveys, "--surveys");
    const auto e = on_off(extra_offers, "--extra-offers");
    auto store = ctx.open_store();
    const OppositionOutcome o =
        take(set_opposition(*store, beneficiary, s, e, today, optional_id(request, "--request")));
    json history = json::array();
    for (const OppositionRecord& r : o.history) {
      history.push_back({{"effective", format_date(r.effective)},
                         {"surveys", r.flags.surveys},
                         {"extra_offers", r.flags.extra_offers}});
    }
    std::string text = o.beneficiary_id + " opposition: surveys " +
                       (o.flags.surveys ? "on" : "off") + ", extra offers " +
                       (o.flags.extra_offers ? "on" : "off") +
                       (o.changed ? " (recorded)" : " (unchanged)") + "\n";
    if (o.request) text += request_text(*o.request, today);
    print(ctx,
          {{"beneficiary", o.beneficiary_id},
           {"surveys", o.flags.surveys},
           {"extra_offers", o.flags.extra_offers},
           {"changed", o.changed},
           {"history", history},
           {"request", o.request ? request_json(*o.request, today) : json()}},
          text);
  });
}

void register_audience(CLI::App& privacy, Context& ctx) {
  static std::string use;
  CLI::App* cmd = privacy.add_subcommand(
      "audience", "contracts a marketing use may address, oppositions honoured (GDPR-04)");
  cmd->add_option("--use", use, "surveys | extra_offers")->required();
  cmd->callback([&ctx] {
    auto u = parse_marketing_use(use);
    if (!u) {
      fail({data_error("", 0, "--use", "expected surveys or extra_offers, got '" + use + "'")},
           kInvalidData);
    }
    auto store = ctx.open_store(Access::kRead);
    const std::vector<std::string> ids = marketing_contracts(*store, *u, ctx.today());
    std::string text;
    for (const std::string& id : ids) text += id + "\n";
    print(ctx, {{"use", to_string(*u)}, {"contracts", ids}}, text);
  });
}

void register_retention(CLI::App& privacy, Context& ctx) {
  static bool dry_run = false;
  CLI::App* cmd =
      privacy.add_subcommand("retention", "anonymise every contract past its retention (GDPR-03)");
  cmd->add_flag("--dry-run", dry_run, "list only");
  cmd->callback([&ctx] {
    auto store = ctx.open_store();
    const RetentionOutcome o =
        take(run_privacy_retention(*store, ctx.regulation(), ctx.today(), dry_run));
    json items = json::array();
    std::string text;
    for (const RetentionItem& i : o.erased) {
      items.push_back({{"contract", i.contract_id},
                       {"ended", format_date(i.ended)},
                       {"kept_until", format_date(i.kept_until)}});
      text += std::string(dry_run ? "would anonymise " : "anonymised ") + i.contract_id +
              " (ended " + format_date(i.ended) + ", kept until " + format_date(i.kept_until) +
              ")\n";
    }
    print(ctx, {{"dry_run", dry_run}, {"contracts", items}},
          text.empty() ? "no contract past its retention\n" : text);
  });
}

}  // namespace

void register_privacy(CLI::App& app, Context& ctx) {
  CLI::App* privacy = app.add_subcommand("privacy", "personal-data rights (GDPR-01, -03, -04)");
  privacy->require_subcommand(1);
  register_request(*privacy, ctx);
  register_requests(*privacy, ctx);
  register_export(*privacy, ctx);
  register_rectify(*privacy, ctx);
  register_erase(*privacy, ctx);
  register_oppose(*privacy, ctx);
  register_audience(*privacy, ctx);
  register_retention(*privacy, ctx);
}

}  // namespace mutua::cli

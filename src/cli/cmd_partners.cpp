// `mutua partners ...`: the regional scheme « Ma mutuelle Région » (issue 6): conventions, their
// notices, breaches and amendments (PAR-01..04), alerts, the events and material reviews of the
// mutuelle's duties (PAR-05), regional subscriptions (ELIG-10, PAR-09), the yearly report
// (PAR-10) and the retention of partner contacts (GDPR-03). Parsing and printing only; the
// decisions are app/partners_service's.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "app/json_values.hpp"
#include "app/partners_json.hpp"
#include "app/partners_service.hpp"
#include "cli/context.hpp"
#include "documents/partner_report.hpp"
#include "documents/pdf_render.hpp"

namespace mutua::cli {

using nlohmann::json;

namespace {

Date required_date(const std::string& text, const char* field) {
  if (text.empty()) fail({data_error("", 0, field, "required")}, kInvalidData);
  return date_option(text, field, Date{});
}

std::optional<Date> optional_date(const std::string& text, const char* field) {
  if (text.empty()) return std::nullopt;
  return date_option(text, field, Date{});
}

int64_t id_argument(const std::string& text, const char* field) {
  char* end = nullptr;
  const long long n = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || n <= 0) {
    fail({data_error("", 0, field, "expected a number, got '" + text + "'")}, kInvalidData);
  }
  return n;
}

void warn(const std::vector<std::string>& warnings) {
  for (const std::string& w : warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
}

std::string opt_text(const std::optional<Date>& d) { return d ? format_date(*d) : "-"; }

// --- conventions -----------------------------------------------------------------------------

std::string convention_text(const ConventionView& v) {
  const ConventionState& s = v.state;
  std::string t = "convention " + v.original.id + ": commune " + v.commune.insee +
                  (v.commune.name.empty() ? "" : " (" + v.commune.name + ")") + ", mutuelle " +
                  v.mutuelle.code + (v.mutuelle.name.empty() ? "" : " (" + v.mutuelle.name + ")") +
                  "\n";
  t += "  signed " + format_date(v.current.terms.signed_on) + ", in effect " +
       format_date(v.current.terms.effect) + "\n";
  t += "  status " + s.status + " on " + format_date(v.as_of) + ": current term ends " +
       format_date(s.current_term_end) + ", " + std::to_string(s.renewals_left) +
       " renewal(s) left, notice deadline " + opt_text(s.notice_deadline) + " (next " +
       opt_text(s.next_notice_deadline) + ")\n";
  t += "  ends on " + format_date(s.ends_on) + " (" + s.why + "); last possible end " +
       format_date(s.final_end) + "\n";
  for (const NonRenewalNotice& n : v.notices) {
    t += "  notice " + std::to_string(n.id) + ": sent " + format_date(n.sent) + ", received " +
         format_date(n.received) + (n.by.empty() ? "" : " by the " + n.by) + "\n";
  }
  for (const BreachNotice& b : v.breaches) {
    t += "  breach " + std::to_string(b.id) + ": formal notice " + format_date(b.formal_notice) +
         " by the " + b.by + " (" + b.reason + "), remedy by " +
         format_date(remedy_deadline(v.current.terms, b)) + ", remedied " + opt_text(b.remedied) +
         ", termination notified " + opt_text(b.termination_notified) + "\n";
  }
  for (const Amendment& a : v.amendments) {
    t += "  amendment " + std::to_string(a.number) + " signed " + format_date(a.signed_on) +
         ", effective " + format_date(a.effective) + ": " + a.summary + "\n";
  }
  for (const std::string& alert : s.alerts) t += "  alert: " + alert + "\n";
  return t;
}

void register_convention(CLI::App& partners, Context& ctx) {
  CLI::App* group = partners.add_subcommand("convention", "partnership conventions (PAR-01..04)");
  group->require_subcommand(1);

  static ConventionRequest r;
  static std::string signed_on, effect;
  static int max_renewals = -1, notice_months = -1;
  CLI::App* add = group->add_subcommand("add", "record a signed convention with a commune");
  add->add_option("--commune", r.commune, "INSEE code of the commune")->required();
  add->add_option("--commune-name", r.commune_name, "name of the commune");
  add->add_option("--mutuelle", r.mutuelle, "code of the partner mutuelle")->required();
  add->add_option("--mutuelle-name", r.mutuelle_name, "name of the partner mutuelle");
  add->add_option("--siren", r.mutuelle_siren, "SIREN of the partner mutuelle");
  add->add_option("--signed", signed_on, "signature date")->required();
  add->add_option("--effect", effect, "effect date (default: the signature date)");
  add->add_option("--place", r.place, "where it was signed");
  add->add_option("--scheme", r.scheme, "name of the scheme (default: Ma mutuelle Région)");
  add->add_option("--commune-signatory", r.contacts.commune_signatory, "name and function");
  add->add_option("--mutuelle-signatory", r.contacts.mutuelle_signatory, "name and function");
  add->add_option("--commune-dpo", r.contacts.commune_dpo, "DPO contact of the commune");
  add->add_option("--mutuelle-dpo", r.contacts.mutuelle_dpo, "DPO contact of the mutuelle");
  add->add_option("--commune-contact", r.contacts.commune_contact, "contact person");
  add->add_option("--mutuelle-contact", r.contacts.mutuelle_contact, "contact person");
  add->add_option("--max-renewals", max_renewals, "tacit renewals at most (default 3, PAR-02)");
  add->add_option("--notice-months", notice_months,
                  "non-renewal notice before a term, in months (default 2, PAR-03)");
  add->callback([&ctx] {
    r.signed_on = required_date(signed_on, "--signed");
    r.effect = optional_date(effect, "--effect");
    if (max_renewals >= 0) r.max_renewals = max_renewals;
    if (notice_months >= 0) r.notice_months = notice_months;
    auto store = ctx.open_store();
    const AddedConvention added = take(add_convention(*store, r, ctx.today()));
    warn(added.warnings);
    print(ctx, {{"id", added.id}, {"already_recorded", added.already_recorded}},
          "convention " + added.id + (added.already_recorded ? " (already recorded)" : "") + "\n");
  });

  static std::string show_id, show_date;
  CLI::App* show = group->add_subcommand("show", "a convention, its terms, deadlines and alerts");
  show->add_option("ID", show_id)->required();
  show->add_option("--date", show_date, "as of this date (default: --today)");
  show->callback([&ctx] {
    const Date as_of = date_option(show_date, "--date", ctx.today());
    auto store = ctx.open_store(Access::kRead);
    const ConventionView v = take(convention_view(*store, show_id, as_of));
    print(ctx, convention_json(v), convention_text(v));
  });

  static std::string list_commune;
  CLI::App* list = group->add_subcommand("list", "the conventions, with their state today");
  list->add_option("--commune", list_commune, "INSEE code");
  list->callback([&ctx] {
    auto store = ctx.open_store(Access::kRead);
    json all = json::array();
    std::string text;
    for (const ConventionView& v : list_conventions(*store, list_commune, ctx.today())) {
      all.push_back(convention_json(v));
      text += v.original.id + "  " + v.commune.insee + "  " + v.mutuelle.code + "  " +
              v.state.status + "  ends " + format_date(v.state.ends_on) + "\n";
    }
    print(ctx, all, text.empty() ? "no convention\n" : text);
  });
}

void register_notice(CLI::App& partners, Context& ctx) {
  static std::string id, sent, received;
  static NonRenewalNotice n;
  CLI::App* cmd = partners.add_subcommand(
      "notice", "a non-renewal notice by registered letter (PAR-03)");
  cmd->add_option("ID", id, "convention")->required();
  cmd->add_option("--sent", sent, "date the registered letter was sent")->required();
  cmd->add_option("--received", received, "date of receipt (acknowledgement)")->required();
  cmd->add_option("--by", n.by, "commune | mutuelle: the party giving notice");
  cmd->add_option("--reference", n.reference, "registered letter number");
  cmd->callback([&ctx] {
    n.sent = required_date(sent, "--sent");
    n.received = required_date(received, "--received");
    auto store = ctx.open_store();
    const ConventionView v = take(record_notice(*store, id, n));
    print(ctx, convention_json(v), convention_text(v));
  });
}

void register_breach(CLI::App& partners, Context& ctx) {
  CLI::App* group = partners.add_subcommand("breach", "breach procedure (PAR-04)");
  group->require_subcommand(1);
  static std::string id, date;
  static BreachNotice b;
  CLI::App* notify = group->add_subcommand("notify", "a formal notice (mise en demeure)");
  notify->add_option("ID", id, "convention")->required();
  notify->add_option("--date", date, "date the formal notice was received")->required();
  notify->add_option("--by", b.by, "commune | mutuelle: the complaining party")->required();
  notify->add_option("--reason", b.reason, "the obligation not met")->required();
  notify->callback([&ctx] {
    b.formal_notice = required_date(date, "--date");
    auto store = ctx.open_store();
    auto [breach_id, v] = take(record_breach(*store, id, b, ctx.today()));
    json j = convention_json(v);
    j["breach"] = breach_id;
    print(ctx, j, "breach " + std::to_string(breach_id) + "\n" + convention_text(v));
  });

  static std::string breach, on;
  CLI::App* remedy = group->add_subcommand("remedy", "the breach was remedied");
  remedy->add_option("BREACH", breach)->required();
  remedy->add_option("--date", on, "date remedied")->required();
  remedy->callback([&ctx] {
    auto store = ctx.open_store();
    const ConventionView v = take(record_remedy(*store, id_argument(breach, "BREACH"),
                                                required_date(on, "--date"), ctx.today()));
    print(ctx, convention_json(v), convention_text(v));
  });

  CLI::App* terminate = group->add_subcommand(
      "terminate", "termination with one month's notice after 30 days without remedy");
  terminate->add_option("BREACH", breach)->required();
  terminate->add_option("--date", on, "date the termination was notified")->required();
  terminate->callback([&ctx] {
    auto store = ctx.open_store();
    const ConventionView v = take(record_breach_termination(
        *store, id_argument(breach, "BREACH"), required_date(on, "--date")));
    print(ctx, convention_json(v), convention_text(v));
  });
}

void register_amend(CLI::App& partners, Context& ctx) {
  static std::string id, signed_on, effective;
  static AmendmentRequest r;
  static std::vector<std::string> sets;
  CLI::App* cmd = partners.add_subcommand("amend", "a signed amendment (avenant, PAR-01)");
  cmd->add_option("ID", id, "convention")->required();
  cmd->add_option("--signed", signed_on, "signature date of the amendment")->required();
  cmd->add_option("--effective", effective, "effect date (default: the signature date)");
  cmd->add_option("--summary", r.summary, "what the amendment says")->required();
  cmd->add_option("--set", sets,
                  "FIELD=VALUE (repeat): commune_signatory, mutuelle_signatory, commune_dpo, "
                  "mutuelle_dpo, commune_contact, mutuelle_contact, max_renewals, notice_months")
      ->required();
  cmd->callback([&ctx] {
    r.signed_on = required_date(signed_on, "--signed");
    r.effective = optional_date(effective, "--effective");
    for (const std::string& s : sets) {
      const size_t eq = s.find('=');
      if (eq == std::string::npos || eq == 0) {
        fail({data_error("", 0, "--set", "expected FIELD=VALUE, got '" + s + "'")}, kInvalidData);
      }
      r.sets.emplace_back(s.substr(0, eq), s.substr(eq + 1));
    }
    auto store = ctx.open_store();
    const Amendment a = take(amend_convention(*store, id, r, ctx.today()));
    std::string text = "amendment " + std::to_string(a.number) + " to " + id + "\n";
    for (const AmendmentChange& c : a.changes) {
      text += "  " + c.field + ": '" + c.old_value + "' -> '" + c.new_value + "'\n";
    }
    print(ctx, amendment_json(a), text);
  });
}

void register_alerts(CLI::App& partners, Context& ctx) {
  static std::string date;
  CLI::App* cmd = partners.add_subcommand("alerts", "what the partnerships need now");
  cmd->add_option("--date", date, "as of this date (default: --today)");
  cmd->callback([&ctx] {
    auto store = ctx.open_store(Access::kRead);
    json all = json::array();
    std::string text;
    for (const PartnerAlert& a : partner_alerts(*store, date_option(date, "--date", ctx.today()))) {
      all.push_back({{"convention", a.convention_id}, {"commune", a.commune}, {"rule", a.rule},
                     {"text", a.text}});
      text += a.convention_id + " (" + a.commune + "): " + a.text + "\n";
    }
    print(ctx, all, text.empty() ? "nothing to do\n" : text);
  });
}

// --- events ----------------------------------------------------------------------------------

std::string event_text(const PartnerEvent& e) {
  std::string t = std::to_string(e.id) + "  " + format_date(e.date) + " " +
                  format_clock(e.start_minute) + "-" + format_clock(e.end_minute) + "  " +
                  to_string(e.kind) + "  " + e.place + (e.room.empty() ? "" : ", " + e.room) +
                  "  [" + to_string(e.status);
  if (e.attendees) t += ", " + std::to_string(*e.attendees) + " attendees";
  return t + "]  " + e.convention_id + "\n";
}

EventKind parse_kind(const std::string& text) {
  auto k = parse_event_kind(text);
  if (!k) {
    fail({data_error("", 0, "--kind",
                     "expected information_meeting, office_hours, staff_information or "
                     "annual_report, got '" + text + "'")},
         kInvalidData);
  }
  return *k;
}

void register_event_add(CLI::App& group, Context& ctx) {
  static PartnerEvent e;
  static std::string kind, date, start, end;
  static bool held = false, cancelled = false;
  static int attendees = -1;
  CLI::App* add = group.add_subcommand("add", "plan (or record) a meeting, office hours...");
  add->add_option("--convention", e.convention_id, "convention id")->required();
  add->add_option("--kind", kind,
                  "information_meeting | office_hours | staff_information | annual_report")
      ->required();
  add->add_option("--date", date, "date")->required();
  add->add_option("--start", start, "start time HH:MM")->required();
  add->add_option("--end", end, "end time HH:MM")->required();
  add->add_option("--place", e.place, "address or building")->required();
  add->add_option("--room", e.room, "room within the place");
  add->add_option("--notes", e.notes, "notes");
  add->add_flag("--held", held, "record it as held (a past event)");
  add->add_flag("--cancelled", cancelled, "record it as cancelled");
  add->add_option("--attendees", attendees, "people who came (held events)");
  add->callback([&ctx] {
    e.kind = parse_kind(kind);
    e.date = required_date(date, "--date");
    e.start_minute = take(parse_clock(start, "--start"));
    e.end_minute = take(parse_clock(end, "--end"));
    if (held && cancelled) fail({data_error("", 0, "--held", "not with --cancelled")}, kUsage);
    std::optional<EventStatus> outcome;
    if (held) outcome = EventStatus::kHeld;
    if (cancelled) outcome = EventStatus::kCancelled;
    std::optional<int> count;
    if (attendees >= 0) count = attendees;
    auto store = ctx.open_store();
    const PartnerEvent saved = take(add_event(*store, e, outcome, count, ctx.today()));
    print(ctx, event_json(saved), event_text(saved));
  });
}

void register_events(CLI::App& partners, Context& ctx) {
  CLI::App* group = partners.add_subcommand("event", "meetings, office hours, staff sessions (PAR-05)");
  group->require_subcommand(1);
  register_event_add(*group, ctx);

  static EventFilter f;
  static std::string from, to;
  CLI::App* list = group->add_subcommand("list", "the calendar");
  list->add_option("--commune", f.commune, "INSEE code");
  list->add_option("--convention", f.convention_id, "convention id");
  list->add_option("--from", from, "first date");
  list->add_option("--to", to, "last date");
  list->callback([&ctx] {
    f.from = optional_date(from, "--from");
    f.to = optional_date(to, "--to");
    auto store = ctx.open_store(Access::kRead);
    json all = json::array();
    std::string text;
    for (const PartnerEvent& e : list_events(*store, f)) {
      all.push_back(event_json(e));
      text += event_text(e);
    }
    print(ctx, all, text.empty() ? "no event\n" : text);
  });

  static std::string event_id, notes;
  static bool held = false, cancelled = false;
  static int attendees = -1;
  CLI::App* record = group->add_subcommand("record", "the outcome: held or cancelled");
  record->add_option("EVENT", event_id)->required();
  record->add_flag("--held", held, "the event took place");
  record->add_flag("--cancelled", cancelled, "the event was cancelled");
  record->add_option("--attendees", attendees, "people who came");
  record->add_option("--notes", notes, "outcome notes, or the reason of a cancellation");
  record->callback([&ctx] {
    if (held == cancelled) {
      fail({data_error("", 0, "--held", "give --held or --cancelled")}, kUsage);
    }
    std::optional<int> count;
    if (attendees >= 0) count = attendees;
    auto store = ctx.open_store();
    const PartnerEvent e = take(record_event_outcome(
        *store, id_argument(event_id, "EVENT"), held ? EventStatus::kHeld : EventStatus::kCancelled,
        count, notes, ctx.today()));
    print(ctx, event_json(e), event_text(e));
  });
}

// --- materials -------------------------------------------------------------------------------

std::string material_text(const Material& m) {
  std::string t = "material " + std::to_string(m.id) + " v" + std::to_string(m.version) + " \"" +
                  m.title + "\" (" + to_string(m.medium) + "): " + to_string(m.status);
  if (m.decided) t += " on " + format_date(*m.decided) + " by " + m.decided_by;
  if (!m.comment.empty()) t += ": " + m.comment;
  if (m.published) t += ", published " + format_date(*m.published);
  return t + "\n";
}

void register_material_decisions(CLI::App& group, Context& ctx) {
  static std::string id, date, by, comment;
  for (bool approve : {true, false}) {
    CLI::App* cmd = group.add_subcommand(approve ? "approve" : "reject",
                                         approve ? "the commune approves the material"
                                                 : "the commune rejects it (comment required)");
    cmd->add_option("MATERIAL", id)->required();
    cmd->add_option("--by", by, "who decided for the commune")->required();
    cmd->add_option("--comment", comment, "the commune's comments")->required(!approve);
    cmd->add_option("--date", date, "date of the decision (default: --today)");
    cmd->callback([&ctx, approve] {
      auto store = ctx.open_store();
      const Material m = take(decide_material(*store, id_argument(id, "MATERIAL"), approve,
                                              date_option(date, "--date", ctx.today()), by,
                                              comment));
      print(ctx, material_json(m), material_text(m));
    });
  }
  CLI::App* publish = group.add_subcommand("publish", "publish an approved material");
  publish->add_option("MATERIAL", id)->required();
  publish->add_option("--date", date, "date of publication (default: --today)");
  publish->callback([&ctx] {
    auto store = ctx.open_store();
    const Material m = take(publish_material(*store, id_argument(id, "MATERIAL"),
                                             date_option(date, "--date", ctx.today())));
    print(ctx, material_json(m), material_text(m));
  });
}

void register_materials(CLI::App& partners, Context& ctx) {
  CLI::App* group = partners.add_subcommand(
      "material", "review by the commune of material using its charter (PAR-05)");
  group->require_subcommand(1);
  static Material m;
  static std::string medium, date, replaces;
  CLI::App* submit = group->add_subcommand("submit", "submit a material for review");
  submit->add_option("--convention", m.convention_id, "convention id")->required();
  submit->add_option("--title", m.title, "title")->required();
  submit->add_option("--medium", medium,
                     "print | online | social_media | municipal_newsletter | poster | other")
      ->required();
  submit->add_option("--reference", m.reference, "file name or reference of the document");
  submit->add_option("--replaces", replaces, "the material this version replaces");
  submit->add_option("--date", date, "date submitted (default: --today)");
  submit->callback([&ctx] {
    auto parsed = parse_medium(medium);
    if (!parsed) {
      fail({data_error("", 0, "--medium", "unknown medium '" + medium + "'")}, kInvalidData);
    }
    m.medium = *parsed;
    m.submitted = date_option(date, "--date", ctx.today());
    if (!replaces.empty()) m.replaces = id_argument(replaces, "--replaces");
    auto store = ctx.open_store();
    const Material saved = take(submit_material(*store, m));
    print(ctx, material_json(saved), material_text(saved));
  });
  register_material_decisions(*group, ctx);

  static std::string commune, convention, show_id;
  CLI::App* list = group->add_subcommand("list", "materials and their review");
  list->add_option("--commune", commune, "INSEE code");
  list->add_option("--convention", convention, "convention id");
  list->callback([&ctx] {
    auto store = ctx.open_store(Access::kRead);
    json all = json::array();
    std::string text;
    for (const Material& x : list_materials(*store, commune, convention)) {
      all.push_back(material_json(x));
      text += material_text(x);
    }
    print(ctx, all, text.empty() ? "no material\n" : text);
  });
  CLI::App* show = group->add_subcommand("show", "one material");
  show->add_option("MATERIAL", show_id)->required();
  show->callback([&ctx] {
    auto store = ctx.open_store(Access::kRead);
    const Material x = take(find_material(*store, id_argument(show_id, "MATERIAL")));
    print(ctx, material_json(x), material_text(x));
  });
}

// --- subscriptions ---------------------------------------------------------------------------

void register_subscription(CLI::App& partners, Context& ctx) {
  static std::string contract, priority, no_cover, informed;
  CLI::App* cmd = partners.add_subcommand(
      "subscription", "record what a regional subscription says (ELIG-10, PAR-09, PAR-10)");
  cmd->add_option("CONTRACT", contract)->required();
  cmd->add_option("--priority-public", priority, priority_public_codes());
  cmd->add_option("--no-collective-cover", no_cover,
                  "date the subscriber declared no mandatory collective cover (ANI)");
  cmd->add_option("--informed-100s", informed, "date the 100% santé information was given");
  cmd->callback([&ctx] {
    RegionalUpdate u;
    if (!priority.empty()) {
      u.priority_public = parse_priority_public(priority);
      if (!u.priority_public) {
        fail({data_error("", 0, "--priority-public",
                         "expected one of " + priority_public_codes() + ", got '" + priority + "'")},
             kInvalidData);
      }
    }
    u.no_collective_cover = optional_date(no_cover, "--no-collective-cover");
    u.informed_100s = optional_date(informed, "--informed-100s");
    auto store = ctx.open_store();
    const RegionalSubscription s =
        take(record_regional_subscription(*store, contract, u, ctx.today()));
    print(ctx, regional_json(s),
          "subscription " + s.contract_id + ": convention " + s.convention_id +
              ", priority public " +
              (s.priority_public ? to_string(*s.priority_public) : "not recorded") +
              ", no collective cover declared " + opt_text(s.no_collective_cover) +
              ", 100% santé information " + opt_text(s.informed_100s) + "\n");
  });
}

// --- report and retention --------------------------------------------------------------------

// Writes `bytes` to `path` through `path.partial` + rename: the file is complete or absent.
void write_file(const std::string& path, const std::string& bytes) {
  const std::string tmp = path + ".partial";
  {
    std::ofstream f(tmp, std::ios::binary);
    f << bytes;
    if (!f.flush()) fail({data_error(path, 0, "", "cannot write the file")}, kInvalidData);
  }
  std::filesystem::rename(tmp, path);
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

// The PDF goes to --out, or to stdout when it is not a terminal.
void emit_pdf(const Context& ctx, const AnnualReport& report, const std::string& out) {
  const PdfDocument doc = annual_report_document(report);
  if (!out.empty()) {
    if (auto s = write_pdf(doc, out); !s) fail({s.error()}, kInvalidData);
    print(ctx, {{"file", out}}, out + "\n");
    return;
  }
  if (ctx.json || isatty(STDOUT_FILENO)) {
    fail({data_error("", 0, "--out", "a PDF needs --out FILE (or stdout redirected to a file)")},
         kUsage);
  }
  const std::string tmp = (std::filesystem::temp_directory_path() /
                           ("mutua-report-" + std::to_string(getpid()) + ".pdf"))
                              .string();
  if (auto s = write_pdf(doc, tmp); !s) fail({s.error()}, kInvalidData);
  const std::string bytes = read_file(tmp);
  std::filesystem::remove(tmp);
  std::fwrite(bytes.data(), 1, bytes.size(), stdout);
}

void register_report(CLI::App& partners, Context& ctx) {
  static std::string commune, format = "json", out;
  static int year = 0;
  CLI::App* cmd = partners.add_subcommand(
      "report", "yearly report to a commune: aggregated, counts below 5 hidden (PAR-10)");
  cmd->add_option("--commune", commune, "INSEE code")->required();
  cmd->add_option("--year", year, "year reported")->required()->check(CLI::Range(2000, 2999));
  cmd->add_option("--format", format, "json | csv | pdf (default json)")
      ->check(CLI::IsMember({"json", "csv", "pdf"}));
  cmd->add_option("--out", out, "file to write (required for pdf on a terminal)");
  cmd->callback([&ctx] {
    auto store = ctx.open_store(Access::kRead);
    const AnnualReport report = take(annual_report(*store, commune, year, ctx.today()));
    if (format == "pdf") return emit_pdf(ctx, report, out);
    const std::string body =
        format == "csv" ? report_csv(report) : json_text(report_json(report), 2) + "\n";
    if (out.empty()) {
      std::fputs(body.c_str(), stdout);
      return;
    }
    write_file(out, body);
    print(ctx, {{"file", out}}, out + "\n");
  });
}

void register_retention(CLI::App& partners, Context& ctx) {
  static bool dry_run = false;
  CLI::App* cmd = partners.add_subcommand(
      "retention", "erase partner contacts kept 5 years after a convention's end (GDPR-03)");
  cmd->add_flag("--dry-run", dry_run, "list only");
  cmd->callback([&ctx] {
    auto store = ctx.open_store();
    const ContactsRetention r = retain_partner_contacts(*store, ctx.today(), dry_run);
    std::string text;
    for (const std::string& id : r.erased) {
      text += (dry_run ? "would erase the contacts of " : "erased the contacts of ") + id + "\n";
    }
    print(ctx, {{"erased", r.erased}, {"dry_run", dry_run}},
          text.empty() ? "no contact past its retention\n" : text);
  });
}

}  // namespace

void register_partners(CLI::App& app, Context& ctx) {
  CLI::App* partners = app.add_subcommand("partners", "regional scheme « Ma mutuelle Région »");
  partners->require_subcommand(1);
  register_convention(*partners, ctx);
  register_notice(*partners, ctx);
  register_breach(*partners, ctx);
  register_amend(*partners, ctx);
  register_alerts(*partners, ctx);
  register_events(*partners, ctx);
  register_materials(*partners, ctx);
  register_subscription(*partners, ctx);
  register_report(*partners, ctx);
  register_retention(*partners, ctx);
}

}  // namespace mutua::cli

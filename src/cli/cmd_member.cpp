// `mutua member ...` (one adhesion over time), `mutua worklist` and `mutua documents`: the
// membership lifecycle of issue 4. Parsing and printing only; the decisions are app/lifecycle's.
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/documents_service.hpp"
#include "app/lifecycle.hpp"
#include "app/lifecycle_json.hpp"
#include "cli/context.hpp"
#include "documents/french.hpp"
#include "members/members_csv.hpp"

namespace mutua::cli {

using nlohmann::json;

namespace {

// Dates after the business date are accepted (a replay, a letter recorded in advance), with a
// warning: a typo in a year is the usual cause.
void warn_if_future(const Context& ctx, Date d, const char* field) {
  if (d > ctx.today()) {
    std::fprintf(stderr, "warning: %s %s is after the business date %s (--today)\n", field,
                 format_date(d).c_str(), format_date(ctx.today()).c_str());
  }
}

std::string money_text(int64_t cents) { return Money::from_cents(cents).format(); }

// --- enrol / receive / show ------------------------------------------------------------------

std::string enrolment_text(const EnrolmentOutcome& o) {
  std::string s = "contract " + o.contract_id + ": " + o.status;
  if (o.effective) s += ", effective " + format_date(*o.effective);
  s += "\n";
  for (const RequiredItem& i : o.missing) {
    s += "  missing " + i.code + " (" + i.rule + "): " + i.label + "\n";
  }
  return s;
}

void register_enrol(CLI::App& member, Context& ctx) {
  static std::string request;
  CLI::App* cmd = member.add_subcommand(
      "enrol", "record an enrolment request (JSON); list what is missing (ADH-01, ADH-04)");
  cmd->add_option("--request", request, "request file (JSON, see docs/cli.md)")->required();
  cmd->callback([&ctx] {
    std::ifstream in(request);
    if (!in) fail({data_error(request, 0, "", "cannot read the file")}, kInvalidData);
    std::stringstream text;
    text << in.rdbuf();
    auto store = ctx.open_store();
    auto o = take(enrol(*store, ctx.regulation(), text.str(), request));
    print(ctx, enrolment_json(o), enrolment_text(o));
  });
}

void register_receive(CLI::App& member, Context& ctx) {
  static std::string contract, item, date, reference, coverage_end, coefficient;
  static bool not_produced = false;
  CLI::App* cmd = member.add_subcommand("receive", "record an item of an enrolment file");
  cmd->add_option("CONTRACT", contract)->required();
  cmd->add_option("--item", item, "first_contribution | sepa_mandate | majoration_proof | "
                                  "civil_service_entry_proof | coverage_justificatif")->required();
  cmd->add_option("--date", date, "date received (default: --today)");
  cmd->add_option("--reference", reference, "document reference");
  cmd->add_flag("--not-produced", not_produced,
                "ADH-04 documents the member cannot produce (covered duration presumed 0)");
  cmd->add_option("--coverage-end", coverage_end,
                  "coverage_justificatif: end of the last reference guarantee (MAJ-07)");
  cmd->add_option("--coefficient", coefficient,
                  "coverage_justificatif: transmitted majoration coefficient, e.g. 0.04 (MAJ-04)");
  cmd->callback([&ctx] {
    Date when = date_option(date, "--date", ctx.today());
    warn_if_future(ctx, when, "--date");
    JustificatifFields j;
    if (!coverage_end.empty()) j.coverage_end = date_option(coverage_end, "--coverage-end", Date{});
    if (!coefficient.empty()) {
      j.coefficient_bp = parse_coefficient_bp(coefficient);
      if (!j.coefficient_bp) {
        fail({data_error("", 0, "--coefficient",
                         "not a coefficient (0 to 9.9999, e.g. 0.04): " + coefficient)},
             kInvalidData);
      }
    }
    auto store = ctx.open_store();
    auto o = take(receive_item(*store, ctx.regulation(), contract, item, when, not_produced,
                               reference, j));
    print(ctx, enrolment_json(o), enrolment_text(o));
  });
}

std::string contract_page_text(const ContractPage& page) {
  const Contract& c = page.contract;
  std::string text = "contract " + c.id + " (" + c.product + "), adhesion " +
                     format_date(c.adhesion_date()) + "\n";
  for (const Beneficiary& b : c.beneficiaries) {
    text += "  " + b.id + " " + std::string(to_string(b.role)) + " " + b.first_name + " " +
            b.last_name + ": " + format_date(b.start_date) + " .. " +
            (b.end_date ? format_date(*b.end_date) + " (" + b.end_reason + ")" : "") + "\n";
  }
  for (const ProductChange& p : page.product_changes) {
    text += "  product " + p.previous + " -> " + p.product + " on " + format_date(p.effective) +
            "\n";
  }
  for (const Suspension& s : page.suspensions) {
    text += "  suspended " + format_date(s.from) + " .. " + format_date(s.to) + "\n";
  }
  for (const ContractChange& h : page.changes) {
    text += "  " + h.field + ": '" + h.old_value + "' -> '" + h.new_value + "' on " +
            format_date(h.effective) + "\n";
  }
  if (const auto& t = page.termination) {
    text += "  ends " + format_date(t->effective) + " (" + t->rule + ", " + t->kind + ")\n";
  }
  return text;
}

void register_show(CLI::App& member, Context& ctx) {
  static std::string contract;
  CLI::App* cmd = member.add_subcommand(
      "show", "a contract and its history: persons, product changes, suspensions, end, changes");
  cmd->add_option("CONTRACT", contract)->required();
  cmd->callback([&ctx] {
    auto store = ctx.open_store(Access::kRead);
    auto page = load_contract_page(*store, contract);
    if (!page) {
      auto o = take(enrolment_state(*store, ctx.regulation(), contract));
      print(ctx, enrolment_json(o), enrolment_text(o));
      return;
    }
    print(ctx, contract_page_json(*page), contract_page_text(*page));
  });
}

// --- dependants and proofs ---------------------------------------------------------------------

struct DependantOptions {
  std::string contract, id, role, last_name, first_name, birth_date, relation, condition,
      received, start, nir, proof_type, proof_from, proof_to, proof_reference;
};

Proof proof_from_options(const std::string& type, const std::string& from, const std::string& to,
                         const std::string& reference, const char* prefix, Date received) {
  Errors errors;
  Proof p;
  auto t = parse_proof_type(type);
  if (!t) {
    errors.push_back(data_error("", 0, std::string(prefix) + "type",
                                "school_certificate, student_social_security, "
                                "apprenticeship_contract or job_seeker_attestation: " + type));
  }
  auto f = try_parse_date(from), u = try_parse_date(to);
  if (!f) errors.push_back(data_error("", 0, std::string(prefix) + "from", "not a date: " + from));
  if (!u) errors.push_back(data_error("", 0, std::string(prefix) + "to", "not a date: " + to));
  if (reference.empty()) {
    errors.push_back(data_error("", 0, std::string(prefix) + "reference", "required (ELIG-08)"));
  }
  if (!errors.empty()) fail(errors, kInvalidData);
  p.type = *t;
  p.valid_from = *f;
  p.valid_to = *u;
  p.reference = reference;
  p.received = received;
  return p;
}

void register_add_dependant(CLI::App& member, Context& ctx) {
  static DependantOptions o;
  CLI::App* cmd = member.add_subcommand(
      "add-dependant", "add a spouse/partner or a child to a contract (ELIG-02..08)");
  cmd->add_option("CONTRACT", o.contract)->required();
  cmd->add_option("--id", o.id, "beneficiary id")->required();
  cmd->add_option("--role", o.role, "spouse | child")->required();
  cmd->add_option("--last-name", o.last_name)->required();
  cmd->add_option("--first-name", o.first_name)->required();
  cmd->add_option("--birth-date", o.birth_date)->required();
  cmd->add_option("--relation", o.relation, "spouse: spouse | pacs | concubin | union_libre");
  cmd->add_option("--condition", o.condition, "child: minor | student | apprentice | job_seeker");
  cmd->add_option("--received", o.received, "request received (default --today); rights start "
                                            "the next day");
  cmd->add_option("--start", o.start, "explicit first day of rights");
  cmd->add_option("--nir", o.nir);
  cmd->add_option("--proof-type", o.proof_type, "proof given with the request");
  cmd->add_option("--proof-from", o.proof_from);
  cmd->add_option("--proof-to", o.proof_to);
  cmd->add_option("--proof-reference", o.proof_reference);
  cmd->callback([&ctx] {
    DependantRequest r;
    r.contract_id = o.contract;
    Beneficiary& b = r.person;
    b.id = o.id;
    auto role = parse_role(o.role);
    if (!role) fail({data_error("", 0, "--role", "spouse or child: " + o.role)}, kInvalidData);
    b.role = *role;
    b.last_name = o.last_name;
    b.first_name = o.first_name;
    b.birth_date = date_option(o.birth_date, "--birth-date", Date{});
    b.nir = o.nir;
    if (!o.relation.empty()) {
      b.relation = parse_relation(o.relation);
      if (!b.relation) {
        fail({data_error("", 0, "--relation", "spouse, pacs, concubin or union_libre")},
             kInvalidData);
      }
    }
    if (!o.condition.empty()) {
      b.condition = parse_child_condition(o.condition);
      if (!b.condition) {
        fail({data_error("", 0, "--condition", "minor, student, apprentice or job_seeker")},
             kInvalidData);
      }
    }
    r.received = date_option(o.received, "--received", ctx.today());
    warn_if_future(ctx, r.received, "--received");
    if (!o.start.empty()) r.start = date_option(o.start, "--start", Date{});
    if (!o.proof_type.empty()) {
      r.proof = proof_from_options(o.proof_type, o.proof_from, o.proof_to, o.proof_reference,
                                   "--proof-", r.received);
    }
    auto store = ctx.open_store();
    auto out = take(add_dependant(*store, ctx.regulation(), r));
    std::string text = "contract " + out.contract_id + ": " + out.person.id + " covered from " +
                       format_date(out.person.start_date) +
                       (out.person.end_date ? " to " + format_date(*out.person.end_date) + " (" +
                                                  out.person.end_reason + ": " + out.end_why + ")"
                                            : "") +
                       "\n";
    print(ctx, dependant_json(out), text);
  });
}

void register_proof(CLI::App& member, Context& ctx) {
  static std::string beneficiary, type, from, to, reference, received;
  CLI::App* proof = member.add_subcommand("proof", "proofs of a dependant's condition (ELIG-08)");
  proof->require_subcommand(1);
  CLI::App* cmd = proof->add_subcommand("add", "record a proof; the rights end is recomputed");
  cmd->add_option("BENEFICIARY", beneficiary)->required();
  cmd->add_option("--type", type, "school_certificate | student_social_security | "
                                  "apprenticeship_contract | job_seeker_attestation")
      ->required();
  cmd->add_option("--from", from, "first day of validity")->required();
  cmd->add_option("--to", to, "last day of validity")->required();
  cmd->add_option("--reference", reference, "document reference")->required();
  cmd->add_option("--received", received, "date received (default: --today)");
  cmd->callback([&ctx] {
    Proof p = proof_from_options(type, from, to, reference, "--",
                                 date_option(received, "--received", ctx.today()));
    p.beneficiary_id = beneficiary;
    warn_if_future(ctx, p.received, "--received");
    auto store = ctx.open_store();
    auto out = take(add_proof(*store, ctx.regulation(), p));
    json j = {{"proof_id", out.proof_id}, {"contract_id", out.contract_id},
              {"beneficiary_id", beneficiary}, {"rights_end", opt_date(out.rights_end)}};
    std::string text = "proof " + std::to_string(out.proof_id) + " recorded for " + beneficiary;
    if (out.rights_end) text += "; rights end " + format_date(*out.rights_end);
    if (!out.end_why.empty()) {
      j["end_why"] = out.end_why;
      text += " (" + out.end_why + ")";
    }
    text += "\n";
    if (out.enrolment) {
      j["enrolment"] = enrolment_json(*out.enrolment);
      text += enrolment_text(*out.enrolment);
    }
    print(ctx, j, text);
  });
}

// --- changes -------------------------------------------------------------------------------------

void register_change_product(CLI::App& member, Context& ctx) {
  static std::string contract, product, signed_on, reference;
  CLI::App* cmd = member.add_subcommand(
      "change-product", "change of guarantee, effective on the next 1 January (ADH-06)");
  cmd->add_option("CONTRACT", contract)->required();
  cmd->add_option("--product", product)->required();
  cmd->add_option("--signed", signed_on, "date the member signed the request")->required();
  cmd->add_option("--reference", reference, "signed request document reference");
  cmd->callback([&ctx] {
    Date d = date_option(signed_on, "--signed", Date{});
    warn_if_future(ctx, d, "--signed");
    auto store = ctx.open_store();
    auto c = take(change_product(*store, contract, product, d, reference));
    json j = {{"contract_id", contract}, {"product", c.product}, {"previous", c.previous},
              {"effective_date", format_date(c.effective)}, {"signed", format_date(c.signed_on)},
              {"anytime_resignation_from", format_date(add_years(c.effective, 1))}};
    print(ctx, j, "contract " + contract + ": " + c.previous + " -> " + c.product + " on " +
                      format_date(c.effective) + " (ADH-06; new one-year period, DEM-03)\n");
  });
}

void register_update(CLI::App& member, Context& ctx) {
  static std::string contract, field, value, effective;
  CLI::App* cmd = member.add_subcommand(
      "update", "a change of situation or bank details reported by the member (history kept)");
  cmd->add_option("CONTRACT", contract)->required();
  cmd->add_option("--field", field, "email | iban | address | employer | status | "
                                    "payment_frequency")->required();
  cmd->add_option("--value", value)->required();
  cmd->add_option("--effective", effective, "date of the change (default: --today)");
  cmd->callback([&ctx] {
    Date d = date_option(effective, "--effective", ctx.today());
    auto store = ctx.open_store();
    auto c = take(update_contract_field(*store, contract, field, value, d, ctx.today()));
    json j = {{"contract_id", contract}, {"field", c.field}, {"old", c.old_value},
              {"new", c.new_value}, {"effective", format_date(c.effective)}};
    print(ctx, j, "contract " + contract + ": " + c.field + " '" + c.old_value + "' -> '" +
                      c.new_value + "' from " + format_date(c.effective) + "\n");
  });
}

// --- suspension, resignation, radiation, rights --------------------------------------------------

void register_suspend(CLI::App& member, Context& ctx) {
  static std::string contract, from, to, reason, notified, proofs;
  CLI::App* cmd = member.add_subcommand(
      "suspend", "suspend rights for a stay abroad or a detention, with 30 days' notice (SUS-01)");
  cmd->add_option("CONTRACT", contract)->required();
  cmd->add_option("--from", from, "first day without rights")->required();
  cmd->add_option("--to", to, "last day without rights")->required();
  cmd->add_option("--reason", reason, "abroad | detention")->required();
  cmd->add_option("--notified", notified, "date the member was notified")->required();
  cmd->add_option("--proofs", proofs, "references of the proofs (registered letter)");
  cmd->callback([&ctx] {
    Suspension s;
    s.contract_id = contract;
    s.from = date_option(from, "--from", Date{});
    s.to = date_option(to, "--to", Date{});
    s.notified = date_option(notified, "--notified", Date{});
    s.proofs = proofs;
    warn_if_future(ctx, s.notified, "--notified");
    auto r = parse_suspension_reason(reason);
    if (!r) fail({data_error("", 0, "--reason", "expected abroad or detention: " + reason)}, kInvalidData);
    s.reason = *r;
    auto store = ctx.open_store();
    auto done = take(suspend(*store, ctx.regulation(), s, ctx.today()));
    json j = {{"contract_id", contract}, {"from", format_date(done.from)},
              {"to", format_date(done.to)}, {"reason", reason},
              {"notified", format_date(done.notified)},
              {"rights_resume", format_date(add_days(done.to, 1))}};
    print(ctx, j, "contract " + contract + ": rights suspended from " + format_date(done.from) +
                      " to " + format_date(done.to) + " (" + reason + "); they resume on " +
                      format_date(add_days(done.to, 1)) + "\n");
  });
}

std::string termination_text(const TerminationOutcome& o) {
  const Termination& t = o.termination;
  std::string s = "contract " + t.contract_id + ": " + o.why + " [" + t.rule + "]\n";
  s += "  refund of the unused contribution: " +
       (t.refund_cents ? money_text(*t.refund_cents) : "unknown (" + o.refund_note + ")") + "\n";
  if (auto deadline = refund_deadline(t); deadline && t.refund_cents && *t.refund_cents > 0) {
    s += "  to refund by " + format_date(*deadline) + " (DEM-10: 30 days after the effect)\n";
  }
  if (t.kind != "radiation") {
    s += "  confirm in writing (DEM-04): mutua documents " + t.contract_id +
         " --kind resignation_receipt --out DIR\n";
  }
  return s;
}

void register_resign(CLI::App& member, Context& ctx) {
  static std::string contract, received, kind, event_date, event, sent, insurer;
  CLI::App* cmd = member.add_subcommand("resign", "record a resignation (DEM-01..09)");
  cmd->add_option("CONTRACT", contract)->required();
  cmd->add_option("--received", received, "date the mutuelle received the notice")->required();
  cmd->add_option("--kind", kind, "annual | anytime | life-event | css | new-insurer")->required();
  static CLI::Option* sent_option = nullptr;
  sent_option = cmd->add_option("--sent", sent, "date the letter was sent (postmark), when known: "
                                "an annual resignation counts by it (DEM-01, DEM-07, DEM-08); "
                                "neither it nor --received may be after --today");
  cmd->add_option("--insurer", insurer, "new-insurer: the organism notifying on the member's "
                                        "behalf (DEM-09)");
  cmd->add_option("--event-date", event_date, "life event (or its revelation); CSS attestation "
                                              "date");
  cmd->add_option("--event", event, "move | marital_status | matrimonial_regime | job_change | "
                                    "retirement | end_of_activity | css");
  cmd->callback([&ctx] {
    ResignationRequest r;
    auto k = parse_resignation_kind(kind);
    if (!k) {
      fail({data_error("", 0, "--kind", "annual, anytime, life-event, css or new-insurer: " + kind)},
           kInvalidData);
    }
    r.kind = *k;
    // Given empty, a date option is not a date (not "absent").
    auto given_date = [](const std::string& text, const char* field) {
      if (text.empty()) fail({data_error("", 0, field, "not a date (YYYY-MM-DD): ''")}, kInvalidData);
      return date_option(text, field, Date{});
    };
    r.received = given_date(received, "--received");
    if (sent_option->count() > 0) r.sent = given_date(sent, "--sent");
    r.new_insurer = insurer;
    r.today = ctx.today();
    if (!event_date.empty()) r.event_date = date_option(event_date, "--event-date", Date{});
    if (!event.empty()) {
      r.event = parse_life_event(event);
      if (!r.event) fail({data_error("", 0, "--event", "unknown life event: " + event)}, kInvalidData);
    }
    auto store = ctx.open_store();
    auto o = take(resign(*store, ctx.regulation(), contract, r));
    print(ctx, termination_outcome_json(o), termination_text(o));
  });
}

void register_radiate(CLI::App& member, Context& ctx) {
  static std::string contract, date, reason;
  CLI::App* cmd = member.add_subcommand(
      "radiate", "radiate a member who no longer meets the admission conditions (CES-02)");
  cmd->add_option("CONTRACT", contract)->required();
  cmd->add_option("--date", date, "last day of cover")->required();
  cmd->add_option("--reason", reason, "which admission condition is no longer met")->required();
  cmd->callback([&ctx] {
    Date d = date_option(date, "--date", Date{});
    auto store = ctx.open_store();
    auto o = take(radiate(*store, ctx.regulation(), contract, d, reason, ctx.today()));
    print(ctx, termination_outcome_json(o), termination_text(o));
  });
}

void register_rights(CLI::App& member, Context& ctx) {
  static std::string beneficiary, date;
  CLI::App* cmd = member.add_subcommand("rights", "a person's rights on a date (BIL-05)");
  cmd->add_option("BENEFICIARY", beneficiary)->required();
  cmd->add_option("--date", date, "date considered (default: --today)");
  cmd->callback([&ctx] {
    Date d = date_option(date, "--date", ctx.today());
    auto store = ctx.open_store(Access::kRead);
    auto r = take(rights(*store, ctx.regulation(), beneficiary, d));
    const RightsAnswer& a = r.answer;
    std::string text = beneficiary + " on " + format_date(d) + ": " +
                       std::string(to_string(a.status)) +
                       (a.since ? " since " + format_date(*a.since) : "") + " (" + a.product +
                       ")\n";
    for (const std::string& reason : a.reasons) text += "  " + reason + "\n";
    print(ctx, rights_json(r, d), text);
  });
}

}  // namespace

void register_member(CLI::App& app, Context& ctx) {
  CLI::App* member = app.add_subcommand(
      "member", "one adhesion over time: enrolment, dependants, proofs, changes, end");
  member->require_subcommand(1);
  register_enrol(*member, ctx);
  register_receive(*member, ctx);
  register_show(*member, ctx);
  register_add_dependant(*member, ctx);
  register_proof(*member, ctx);
  register_change_product(*member, ctx);
  register_update(*member, ctx);
  register_suspend(*member, ctx);
  register_resign(*member, ctx);
  register_radiate(*member, ctx);
  register_rights(*member, ctx);
}

void register_worklist(CLI::App& app, Context& ctx) {
  static std::string date;
  CLI::App* cmd = app.add_subcommand(
      "worklist", "what staff must act on: rights ending, proofs expiring, resignations to "
                  "confirm, incomplete enrolments, suspensions ending");
  cmd->add_option("--date", date, "from this date (default: --today)");
  cmd->callback([&ctx] {
    Date d = date_option(date, "--date", ctx.today());
    auto store = ctx.open_store(Access::kRead);
    auto items = take(worklist(*store, ctx.regulation(), d));
    std::string text = "work list from " + format_date(d) + ": " + std::to_string(items.size()) +
                       " item(s)\n";
    for (const WorkItem& w : items) {
      text += "  " + format_date(w.date) + "  " + w.kind + "  " + w.contract_id +
              (w.beneficiary_id.empty() ? "" : "/" + w.beneficiary_id) + "  [" + w.rule + "] " +
              w.detail + "\n";
    }
    print(ctx, worklist_json(d, items), text);
  });
}

void register_documents(CLI::App& app, Context& ctx) {
  static std::string contract, kind, out, from, to;
  static int64_t run = 0;
  CLI::App* cmd = app.add_subcommand("documents", "issue a document as PDF (DOC-01, DOC-02)");
  cmd->add_option("CONTRACT", contract)->required();
  cmd->add_option("--kind", kind, document_kinds())->required();
  cmd->add_option("--out", out, "directory")->required();
  cmd->add_option("--run", run, "statement: the claims run (payment) to state (default: the latest)")
      ->check(CLI::Validator(
          [](std::string& v) {
            return v.find_first_not_of("0123456789") == std::string::npos && v.size() <= 18 &&
                           std::stoll("0" + v) > 0
                       ? std::string()
                       : "must be a claims run number (1 or more)";
          },
          "RUN"));
  cmd->add_option("--from", from, "statement: first day of the period (with --to)");
  cmd->add_option("--to", to, "statement: last day of the period (with --from)");
  cmd->callback([&ctx] {
    auto store = ctx.open_store();
    DocumentOptions options;
    if (run > 0) options.run = run;
    if (!from.empty()) options.from = date_option(from, "--from", ctx.today());
    if (!to.empty()) options.to = date_option(to, "--to", ctx.today());
    auto d = take(issue_document(*store, ctx.regulation(), contract, kind, out, ctx.today(),
                                 options));
    print(ctx, {{"contract_id", contract}, {"kind", d.kind}, {"title", d.title},
                {"path", d.path}, {"issued", format_date(d.issued)}},
          d.path + "\n");
  });
}

}  // namespace mutua::cli

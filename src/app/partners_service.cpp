// Conventions, notices, breaches, amendments, alerts and contact retention (PAR-01..04, GDPR-03).
// Events, materials, subscriptions and the report are in partners_activity.cpp.
#include <algorithm>
#include <cctype>

#include "app/partners_service.hpp"
#include "core/text.hpp"

namespace mutua {

namespace {

constexpr const char* kDefaultScheme = "Ma mutuelle Région";

std::string upper(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

Error unknown_convention(const std::string& id) {
  return data_error("", 0, "CONVENTION", "unknown convention '" + id + "'");
}

// A stored name must not be silently replaced: naming a known commune (or mutuelle) differently
// is an error; a name given for one stored without a name completes it.
Status check_name(const std::string& stored, const std::string& given, const std::string& what,
                  const std::string& field) {
  if (auto why = text_problem(given, kNameBytesMax)) return data_error("", 0, field, *why);
  if (given.empty() || stored.empty() || stored == given) return Status::success();
  return data_error("", 0, field, what + " is stored as '" + stored + "', not '" + given + "'");
}

Status save_parties(Store& store, const ConventionRequest& r, const std::string& mutuelle) {
  Commune commune = store.find_commune(r.commune).value_or(Commune{r.commune, ""});
  if (auto s = check_name(commune.name, r.commune_name, "commune " + r.commune, "--commune-name");
      !s) {
    return s;
  }
  if (commune.name.empty()) commune.name = r.commune_name;
  store.save_commune(commune);
  PartnerMutuelle m = store.find_partner_mutuelle(mutuelle).value_or(PartnerMutuelle{mutuelle});
  if (auto s = check_name(m.name, r.mutuelle_name, "mutuelle " + mutuelle, "--mutuelle-name"); !s) {
    return s;
  }
  if (auto s = check_name(m.siren, r.mutuelle_siren, "the SIREN of " + mutuelle, "--siren"); !s) {
    return s;
  }
  if (m.name.empty()) m.name = r.mutuelle_name;
  if (m.siren.empty()) m.siren = r.mutuelle_siren;
  store.save_partner_mutuelle(m);
  return Status::success();
}

std::string next_convention_id(Store& store, const Convention& c) {
  const std::string stem = "CONV-" + c.commune + "-" + std::to_string(year_of(c.terms.signed_on)) + "-";
  for (int n = 1;; ++n) {
    std::string id = stem + std::to_string(n);
    if (!store.find_convention(id)) return id;
  }
}

ConventionView view_of(Store& store, const ConventionRecord& rec, Date as_of) {
  ConventionView v;
  v.original = rec.convention;
  v.notices = rec.notices;
  v.breaches = rec.breaches;
  v.amendments = rec.amendments;
  v.current = convention_as_of(v.original, v.amendments, as_of);
  v.commune = store.find_commune(v.original.commune).value_or(Commune{v.original.commune, ""});
  v.mutuelle = store.find_partner_mutuelle(v.original.mutuelle)
                   .value_or(PartnerMutuelle{v.original.mutuelle, "", ""});
  v.state = convention_state(v.current.terms, v.notices, v.breaches, as_of);
  v.contacts_kept_until = contacts_kept_until(v.state.ends_on);
  v.as_of = as_of;
  return v;
}

// What an amendment set, as its command gave it (field, new value).
std::vector<std::pair<std::string, std::string>> sets_of(const Amendment& a) {
  std::vector<std::pair<std::string, std::string>> sets;
  for (const AmendmentChange& c : a.changes) sets.emplace_back(c.field, c.new_value);
  return sets;
}

// Whether the convention, or one of its amendments, still holds a contact (GDPR-03).
bool holds_contacts(const ConventionView& v) {
  return v.original.contacts != ConventionContacts{} ||
         std::any_of(v.amendments.begin(), v.amendments.end(),
                     [](const Amendment& a) { return a != erase_contacts(a); });
}

// What a convention says beyond its parties, dates and terms.
bool same_details(const Convention& a, const Convention& b) {
  return a.scheme == b.scheme && a.place == b.place && a.contacts == b.contacts;
}

bool same_terms(const Convention& a, const Convention& b) {
  return a.commune == b.commune && a.mutuelle == b.mutuelle &&
         a.terms.signed_on == b.terms.signed_on && a.terms.effect == b.terms.effect &&
         a.terms.max_renewals == b.terms.max_renewals &&
         a.terms.notice_months == b.terms.notice_months;
}

}  // namespace

Result<AddedConvention> add_convention(Store& store, const ConventionRequest& r, Date today) {
  Convention c;
  c.commune = r.commune;
  c.mutuelle = upper(r.mutuelle);
  c.scheme = r.scheme.empty() ? kDefaultScheme : r.scheme;
  c.place = r.place;
  c.terms.signed_on = r.signed_on;
  c.terms.effect = r.effect.value_or(r.signed_on);
  if (r.max_renewals) c.terms.max_renewals = *r.max_renewals;
  if (r.notice_months) c.terms.notice_months = *r.notice_months;
  c.contacts = r.contacts;
  c.recorded = today;
  if (auto s = check_convention(c); !s) return s.error();
  if (!r.mutuelle_siren.empty()) {
    if (auto s = check_siren(r.mutuelle_siren, "--siren"); !s) return s.error();
  }
  AddedConvention out;
  Transaction tx(store);
  if (auto s = save_parties(store, r, c.mutuelle); !s) return s.error();
  for (const ConventionRecord& rec : store.conventions(c.commune)) {
    if (rec.convention.mutuelle != c.mutuelle) continue;
    if (same_terms(rec.convention, c)) {
      if (!same_details(rec.convention, c)) {
        return rule_error("PAR-01", "convention " + rec.convention.id +
                                        " with these parties and dates is stored with other "
                                        "details: it changes only by a signed amendment "
                                        "(`partners amend`)");
      }
      out.id = rec.convention.id;  // the same command again: nothing new
      out.already_recorded = true;
      tx.commit();  // a name given now for a commune or mutuelle stored without one
      return out;
    }
    const ConventionState s = convention_state(rec.convention.terms, rec.notices, rec.breaches,
                                               c.terms.effect);
    const Date new_final = term_end(c.terms, c.terms.max_renewals);
    if (c.terms.effect <= s.ends_on && rec.convention.terms.effect <= new_final) {
      out.warnings.push_back("PAR-01: commune " + c.commune + " already has convention " +
                             rec.convention.id + " with " + c.mutuelle + ", in force from " +
                             format_date(rec.convention.terms.effect) + " to " +
                             format_date(s.ends_on));
    }
  }
  c.id = next_convention_id(store, c);
  store.insert_convention(c);
  tx.commit();
  out.id = c.id;
  return out;
}

Result<ConventionView> convention_view(Store& store, const std::string& id, Date as_of) {
  auto rec = store.find_convention(id);
  if (!rec) return unknown_convention(id);
  return view_of(store, *rec, as_of);
}

std::vector<ConventionView> list_conventions(Store& store, const std::string& commune,
                                             Date as_of) {
  std::vector<ConventionView> out;
  for (const ConventionRecord& rec : store.conventions(commune)) {
    out.push_back(view_of(store, rec, as_of));
  }
  return out;
}

Result<ConventionView> record_notice(Store& store, const std::string& id, NonRenewalNotice notice) {
  if (!notice.by.empty() && !is_party(notice.by)) {
    return data_error("", 0, "--by", "expected commune or mutuelle, got '" + notice.by + "'");
  }
  Transaction tx(store);
  auto rec = store.find_convention(id);
  if (!rec) return unknown_convention(id);
  for (const NonRenewalNotice& n : rec->notices) {
    if (n.sent == notice.sent && n.received == notice.received && n.by == notice.by) {
      return view_of(store, *rec, notice.received);  // recorded already: a retried command
    }
  }
  const Convention current = convention_as_of(rec->convention, rec->amendments, notice.received);
  if (auto s = check_notice(current.terms, rec->notices, rec->breaches, notice); !s) {
    return s.error();
  }
  notice.id = store.insert_notice(id, notice);
  rec->notices.push_back(notice);
  tx.commit();
  return view_of(store, *rec, notice.received);
}

Result<std::pair<int64_t, ConventionView>> record_breach(Store& store, const std::string& id,
                                                         BreachNotice breach, Date today) {
  if (!is_party(breach.by)) {
    return data_error("", 0, "--by", "expected commune or mutuelle, got '" + breach.by + "'");
  }
  if (breach.reason.empty()) return data_error("", 0, "--reason", "required");
  Transaction tx(store);
  auto rec = store.find_convention(id);
  if (!rec) return unknown_convention(id);
  for (const BreachNotice& b : rec->breaches) {
    if (b.formal_notice == breach.formal_notice && b.by == breach.by && b.reason == breach.reason) {
      return std::pair{b.id, view_of(store, *rec, today)};
    }
  }
  const Convention current = convention_as_of(rec->convention, rec->amendments, breach.formal_notice);
  const ConventionState s =
      convention_state(current.terms, rec->notices, rec->breaches, breach.formal_notice);
  if (s.status == "not_in_force" || s.status == "ended") {
    return rule_error("PAR-04", "the convention is not in force on " +
                                    format_date(breach.formal_notice) + " (" + s.status + ")");
  }
  breach.remedied.reset();
  breach.termination_notified.reset();
  breach.id = store.insert_breach(id, breach);
  rec->breaches.push_back(breach);
  tx.commit();
  return std::pair{breach.id, view_of(store, *rec, today)};
}

namespace {

struct BreachContext {
  ConventionRecord record;
  BreachNotice* breach = nullptr;
};

Result<BreachContext> load_breach(Store& store, int64_t breach_id) {
  auto found = store.find_breach(breach_id);
  if (!found) {
    return data_error("", 0, "BREACH", "unknown breach " + std::to_string(breach_id));
  }
  auto rec = store.find_convention(found->first);
  if (!rec) throw StoreError("breach " + std::to_string(breach_id) + " without its convention");
  BreachContext ctx{std::move(*rec)};
  for (BreachNotice& b : ctx.record.breaches) {
    if (b.id == breach_id) ctx.breach = &b;
  }
  if (!ctx.breach) throw StoreError("breach " + std::to_string(breach_id) + " not listed");
  return ctx;
}

}  // namespace

Result<ConventionView> record_remedy(Store& store, int64_t breach_id, Date remedied, Date today) {
  Transaction tx(store);
  auto ctx = load_breach(store, breach_id);
  if (!ctx) return ctx.error();
  BreachNotice& b = *ctx->breach;
  if (b.remedied) {
    if (*b.remedied == remedied) return view_of(store, ctx->record, today);
    return data_error("", 0, "--date", "the breach was already remedied on " +
                                           format_date(*b.remedied));
  }
  if (b.termination_notified) {
    return rule_error("PAR-04", "the termination for this breach was notified on " +
                                    format_date(*b.termination_notified));
  }
  if (remedied < b.formal_notice) {
    return data_error("", 0, "--date", "before the formal notice of " + format_date(b.formal_notice));
  }
  b.remedied = remedied;
  store.update_breach(b);
  tx.commit();
  return view_of(store, ctx->record, today);
}

Result<ConventionView> record_breach_termination(Store& store, int64_t breach_id, Date notified) {
  Transaction tx(store);
  auto ctx = load_breach(store, breach_id);
  if (!ctx) return ctx.error();
  BreachNotice& b = *ctx->breach;
  if (b.termination_notified && *b.termination_notified == notified) {
    return view_of(store, ctx->record, notified);  // a retried command
  }
  const Convention current = convention_as_of(ctx->record.convention, ctx->record.amendments, notified);
  if (auto s = check_breach_termination(current.terms, ctx->record.notices, ctx->record.breaches, b,
                                        notified);
      !s) {
    return s.error();
  }
  b.termination_notified = notified;
  store.update_breach(b);
  tx.commit();
  return view_of(store, ctx->record, notified);
}

Result<Amendment> amend_convention(Store& store, const std::string& id,
                                   const AmendmentRequest& request, Date today) {
  if (request.summary.empty()) return data_error("", 0, "--summary", "required");
  Transaction tx(store);
  auto rec = store.find_convention(id);
  if (!rec) return unknown_convention(id);
  Amendment a;
  a.convention_id = id;
  a.signed_on = request.signed_on;
  a.effective = request.effective.value_or(request.signed_on);
  a.summary = request.summary;
  a.recorded = today;
  if (auto s = check_amendment_dates(rec->convention, a); !s) return s.error();
  const Convention current = convention_as_of(rec->convention, rec->amendments, a.effective);
  const ConventionState s = convention_state(current.terms, rec->notices, rec->breaches, a.signed_on);
  if (s.status == "ended") {
    return rule_error("PAR-01", "the convention ended on " + format_date(s.ends_on) +
                                    ": it can no longer be amended");
  }
  for (const Amendment& stored : rec->amendments) {  // a retried command
    if (stored.signed_on == a.signed_on && stored.effective == a.effective &&
        stored.summary == a.summary && sets_of(stored) == request.sets) {
      return stored;
    }
  }
  auto changes = amendment_changes(current, request.sets);
  if (!changes) return changes.error();
  a.changes = std::move(changes).value();
  a.number = static_cast<int>(rec->amendments.size()) + 1;
  a.id = store.insert_amendment(a);
  tx.commit();
  return a;
}

std::vector<PartnerAlert> partner_alerts(Store& store, Date d) {
  std::vector<PartnerAlert> out;
  for (const ConventionView& v : list_conventions(store, "", d)) {
    const std::string& id = v.original.id;
    for (const std::string& text : v.state.alerts) {
      out.push_back({id, v.original.commune, text.substr(0, text.find(':')), text});
    }
    if (d > v.contacts_kept_until && holds_contacts(v)) {
      out.push_back({id, v.original.commune, "GDPR-03",
                     "GDPR-03: the contacts of this convention may be kept until " +
                         format_date(v.contacts_kept_until) + ": run `mutua partners retention`"});
    }
  }
  for (const PartnerEvent& e : store.events(EventFilter{})) {
    if (e.status != EventStatus::kPlanned || e.date >= d) continue;
    out.push_back({e.convention_id, e.commune, "PAR-05",
                   "PAR-05: the outcome of event " + std::to_string(e.id) + " (" +
                       to_string(e.kind) + ", " + format_date(e.date) + ", " + e.place +
                       ") is not recorded: held or cancelled?"});
  }
  for (const Material& m : store.materials("", "")) {
    if (m.status != MaterialStatus::kSubmitted) continue;
    out.push_back({m.convention_id, m.commune, "PAR-05",
                   "PAR-05: material " + std::to_string(m.id) + " \"" + m.title +
                       "\" waits for the commune's review since " + format_date(m.submitted)});
  }
  return out;
}

ContactsRetention retain_partner_contacts(Store& store, Date today, bool dry_run) {
  ContactsRetention out;
  out.dry_run = dry_run;
  Transaction tx(store);
  for (const ConventionView& v : list_conventions(store, "", today)) {
    if (today <= v.contacts_kept_until || !holds_contacts(v)) continue;
    out.erased.push_back(v.original.id);
    if (dry_run) continue;
    const Convention erased = erase_contacts(v.original, today);
    store.update_convention_contacts(erased.id, erased.contacts, erased.contacts_erased);
    for (const Amendment& a : v.amendments) store.replace_amendment_changes(erase_contacts(a));
  }
  if (!dry_run) tx.commit();
  return out;
}

}  // namespace mutua

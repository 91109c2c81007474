#include "app/partners_json.hpp"

#include "app/json_values.hpp"

namespace mutua {

using nlohmann::json;

namespace {

json text_or_null(const std::string& s) { return s.empty() ? json() : json(s); }

json count(const ShownCount& c) { return c.masked ? json(c.text()) : json(c.value); }

json contacts_json(const ConventionContacts& c) {
  return {{"commune_signatory", text_or_null(c.commune_signatory)},
          {"mutuelle_signatory", text_or_null(c.mutuelle_signatory)},
          {"commune_dpo", text_or_null(c.commune_dpo)},
          {"mutuelle_dpo", text_or_null(c.mutuelle_dpo)},
          {"commune_contact", text_or_null(c.commune_contact)},
          {"mutuelle_contact", text_or_null(c.mutuelle_contact)}};
}

json notice_json(const NonRenewalNotice& n) {
  return {{"id", n.id}, {"sent", format_date(n.sent)}, {"received", format_date(n.received)},
          {"by", text_or_null(n.by)}, {"reference", text_or_null(n.reference)}};
}

json breach_json(const BreachNotice& b, const ConventionTerms& terms) {
  return {{"id", b.id},
          {"formal_notice", format_date(b.formal_notice)},
          {"by", b.by},
          {"reason", b.reason},
          {"remedy_by", format_date(remedy_deadline(terms, b))},
          {"remedied", date_or_null(b.remedied)},
          {"termination_notified", date_or_null(b.termination_notified)}};
}

json rows_json(const std::vector<ReportRow>& rows) {
  json out = json::array();
  for (const ReportRow& r : rows) {
    out.push_back({{"key", r.key},
                   {"label", r.label},
                   {"subscriptions", count(r.subscriptions)},
                   {"insured_persons", count(r.insured_persons)}});
  }
  return out;
}

}  // namespace

json amendment_json(const Amendment& a) {
  json changes = json::array();
  for (const AmendmentChange& c : a.changes) {
    changes.push_back({{"field", c.field}, {"old", c.old_value}, {"new", c.new_value}});
  }
  return {{"id", a.id},
          {"convention", a.convention_id},
          {"number", a.number},
          {"signed", format_date(a.signed_on)},
          {"effective", format_date(a.effective)},
          {"summary", a.summary},
          {"changes", changes}};
}

json convention_json(const ConventionView& v) {
  const ConventionState& s = v.state;
  const Convention& c = v.current;
  json notices = json::array(), breaches = json::array(), amendments = json::array();
  for (const NonRenewalNotice& n : v.notices) notices.push_back(notice_json(n));
  for (const BreachNotice& b : v.breaches) breaches.push_back(breach_json(b, c.terms));
  for (const Amendment& a : v.amendments) amendments.push_back(amendment_json(a));
  return {{"id", c.id},
          {"as_of", format_date(v.as_of)},
          {"commune", {{"insee", v.commune.insee}, {"name", text_or_null(v.commune.name)}}},
          {"mutuelle",
           {{"code", v.mutuelle.code},
            {"name", text_or_null(v.mutuelle.name)},
            {"siren", text_or_null(v.mutuelle.siren)}}},
          {"scheme", c.scheme},
          {"place", text_or_null(c.place)},
          {"signed", format_date(c.terms.signed_on)},
          {"effect", format_date(c.terms.effect)},
          {"status", s.status},
          {"current_term_end", format_date(s.current_term_end)},
          {"renewals_done", s.renewals_done},
          {"renewals_left", s.renewals_left},
          {"max_renewals", c.terms.max_renewals},
          {"notice_months", c.terms.notice_months},
          {"notice_deadline", date_or_null(s.notice_deadline)},
          {"next_notice_deadline", date_or_null(s.next_notice_deadline)},
          // final_end: the end as things stand (a notice or a termination brings it forward);
          // last_possible_end: after every tacit renewal (PAR-02).
          {"final_end", format_date(s.ends_on)},
          {"ends_on", format_date(s.ends_on)},
          {"last_possible_end", format_date(s.final_end)},
          {"why", s.why},
          {"alerts", s.alerts},
          {"contacts", contacts_json(c.contacts)},
          {"contacts_kept_until", format_date(v.contacts_kept_until)},
          {"contacts_erased", date_or_null(c.contacts_erased)},
          {"notices", notices},
          {"breaches", breaches},
          {"amendments", amendments}};
}

json event_json(const PartnerEvent& e) {
  return {{"id", e.id},
          {"convention", e.convention_id},
          {"commune", e.commune},
          {"kind", to_string(e.kind)},
          {"label", french_label(e.kind)},
          {"date", format_date(e.date)},
          {"start", format_clock(e.start_minute)},
          {"end", format_clock(e.end_minute)},
          {"place", e.place},
          {"room", text_or_null(e.room)},
          {"status", to_string(e.status)},
          {"attendees", e.attendees ? json(*e.attendees) : json()},
          {"notes", text_or_null(e.notes)}};
}

json material_json(const Material& m) {
  return {{"id", m.id},
          {"convention", m.convention_id},
          {"commune", m.commune},
          {"title", m.title},
          {"medium", to_string(m.medium)},
          {"reference", text_or_null(m.reference)},
          {"version", m.version},
          {"replaces", m.replaces ? json(*m.replaces) : json()},
          {"status", to_string(m.status)},
          {"submitted", format_date(m.submitted)},
          {"decided", date_or_null(m.decided)},
          {"decided_by", text_or_null(m.decided_by)},
          {"comment", text_or_null(m.comment)},
          {"published", date_or_null(m.published)}};
}

json regional_json(const RegionalSubscription& s) {
  return {{"contract_id", s.contract_id},
          {"convention", s.convention_id},
          {"priority_public", s.priority_public ? json(to_string(*s.priority_public)) : json()},
          {"no_collective_cover", date_or_null(s.no_collective_cover)},
          {"informed_100s", date_or_null(s.informed_100s)}};
}

json report_json(const AnnualReport& r) {
  json conventions = json::array(), events = json::array(), held = json::array();
  for (const ReportConvention& c : r.conventions) {
    conventions.push_back({{"id", c.id},
                           {"mutuelle", c.mutuelle},
                           {"mutuelle_name", text_or_null(c.mutuelle_name)},
                           {"signed", format_date(c.signed_on)},
                           {"ends_on", format_date(c.ends_on)},
                           {"status", c.status}});
  }
  for (const AnnualReport::KindCount& k : r.events) {
    events.push_back({{"kind", to_string(k.kind)},
                      {"held", k.held},
                      {"planned", k.planned},
                      {"cancelled", k.cancelled},
                      {"attendees", k.attendees}});
  }
  for (const ReportEventLine& e : r.held) {
    held.push_back({{"date", format_date(e.date)},
                    {"kind", to_string(e.kind)},
                    {"place", e.place},
                    {"attendees", e.attendees ? json(*e.attendees) : json()}});
  }
  return {{"rule", "PAR-10"},
          {"commune", r.commune},
          {"commune_name", text_or_null(r.commune_name)},
          {"year", r.year},
          {"generated", format_date(r.generated)},
          {"organism", r.organism},
          {"small_counts", "< " + std::to_string(kSmallCount)},
          {"conventions", conventions},
          {"subscriptions", count(r.subscriptions)},
          {"insured_persons", count(r.insured_persons)},
          {"new_subscriptions", count(r.new_subscriptions)},
          {"ended_subscriptions", count(r.ended_subscriptions)},
          {"by_product", rows_json(r.by_product)},
          {"by_link", rows_json(r.by_link)},
          {"by_priority_public", rows_json(r.by_priority_public)},
          {"css",
           {{"checks", count(r.css_checks)},
            {"free", count(r.css_free)},
            {"participatory", count(r.css_participatory)},
            {"not_eligible", count(r.css_not_eligible)},
            {"orientations", count(r.css_orientations)}}},
          {"events", events},
          {"held_events", held},
          {"materials",
           {{"submitted", r.materials_submitted},
            {"approved", r.materials_approved},
            {"rejected", r.materials_rejected},
            {"published", r.materials_published},
            {"pending", r.materials_pending}}}};
}

}  // namespace mutua

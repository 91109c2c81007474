// Events, material reviews (PAR-05), regional subscriptions (ELIG-10, PAR-09) and the yearly
// report (PAR-10). See app/partners_service.hpp.
#include <algorithm>

#include "app/partners_service.hpp"
#include "members/lifecycle.hpp"

namespace mutua {

namespace {

Error unknown(const char* what, const char* field, int64_t id) {
  return data_error("", 0, field, std::string("unknown ") + what + " " + std::to_string(id));
}

bool same_booking(const PartnerEvent& a, const PartnerEvent& b) {
  return a.convention_id == b.convention_id && a.kind == b.kind && a.date == b.date &&
         a.start_minute == b.start_minute && a.end_minute == b.end_minute && a.place == b.place &&
         a.room == b.room;
}

std::string describe(const PartnerEvent& e) {
  return "event " + std::to_string(e.id) + " (" + to_string(e.kind) + ", " + format_date(e.date) +
         " " + format_clock(e.start_minute) + "-" + format_clock(e.end_minute) + ")";
}

}  // namespace

Result<PartnerEvent> add_event(Store& store, PartnerEvent event, std::optional<EventStatus> outcome,
                               std::optional<int> attendees, Date today) {
  Transaction tx(store);
  auto view = convention_view(store, event.convention_id, today);
  if (!view) return view.error();
  event.commune = view->original.commune;
  event.recorded = today;
  event.status = EventStatus::kPlanned;
  if (auto s = check_event(event, view->original.terms.signed_on, view->state.ends_on); !s) {
    return s.error();
  }
  const std::vector<PartnerEvent> same_day =
      store.events(EventFilter{event.commune, "", event.date, event.date});
  for (const PartnerEvent& e : same_day) {
    if (same_booking(e, event) && e.status != EventStatus::kCancelled) return e;  // retried
  }
  if (auto other = room_conflict(event, same_day)) {
    return rule_error("PAR-05", "the room is already booked by " + describe(*other) + " at " +
                                    other->place + (other->room.empty() ? "" : ", " + other->room));
  }
  if (outcome && *outcome != EventStatus::kPlanned) {
    auto done = record_outcome(event, *outcome, attendees, event.notes, today);
    if (!done) return done.error();
    event = std::move(done).value();
  } else if (attendees) {
    return data_error("", 0, "--attendees", "only for a held event");
  }
  event.id = store.insert_event(event);
  tx.commit();
  return event;
}

Result<PartnerEvent> record_event_outcome(Store& store, int64_t event_id, EventStatus outcome,
                                          std::optional<int> attendees, const std::string& notes,
                                          Date today) {
  Transaction tx(store);
  auto event = store.find_event(event_id);
  if (!event) return unknown("event", "EVENT", event_id);
  // A retried command (record_outcome keeps the planning notes when none are given).
  if (event->status == outcome && outcome != EventStatus::kPlanned &&
      event->attendees == attendees && (notes.empty() || event->notes == notes)) {
    return *event;
  }
  auto done = record_outcome(*event, outcome, attendees, notes, today);
  if (!done) return done.error();
  store.update_event(*done);
  tx.commit();
  return done;
}

std::vector<PartnerEvent> list_events(Store& store, const EventFilter& filter) {
  return store.events(filter);
}

Result<Material> submit_material(Store& store, Material material) {
  Transaction tx(store);
  auto view = convention_view(store, material.convention_id, material.submitted);
  if (!view) return view.error();
  if (material.submitted < view->original.terms.signed_on || view->state.status == "ended") {
    return rule_error("PAR-05", "the convention " + material.convention_id +
                                    " is not in force on " + format_date(material.submitted));
  }
  material.commune = view->original.commune;
  std::optional<Material> previous;
  if (material.replaces) {
    previous = store.find_material(*material.replaces);
    if (!previous) return unknown("material", "--replaces", *material.replaces);
  }
  for (const Material& m : store.materials("", material.convention_id)) {  // a retried command
    if (m.title == material.title && m.medium == material.medium &&
        m.submitted == material.submitted && m.replaces == material.replaces &&
        m.reference == material.reference) {
      return m;
    }
  }
  auto checked = mutua::submit_material(std::move(material), previous);
  if (!checked) return checked.error();
  checked->id = store.insert_material(*checked);
  tx.commit();
  return checked;
}

Result<Material> find_material(Store& store, int64_t material_id) {
  auto m = store.find_material(material_id);
  if (!m) return unknown("material", "MATERIAL", material_id);
  return *m;
}

Result<Material> decide_material(Store& store, int64_t material_id, bool approve, Date on,
                                 const std::string& by, const std::string& comment) {
  Transaction tx(store);
  auto m = find_material(store, material_id);
  if (!m) return m.error();
  const MaterialStatus wanted = approve ? MaterialStatus::kApproved : MaterialStatus::kRejected;
  if (m->status == wanted && m->decided == on && m->decided_by == by && m->comment == comment) {
    return m;  // a retried command
  }
  auto decided = approve ? approve_material(*m, on, by, comment) : reject_material(*m, on, by, comment);
  if (!decided) return decided.error();
  store.update_material(*decided);
  tx.commit();
  return decided;
}

Result<Material> publish_material(Store& store, int64_t material_id, Date on) {
  Transaction tx(store);
  auto m = find_material(store, material_id);
  if (!m) return m.error();
  if (m->status == MaterialStatus::kPublished && m->published == on) return m;  // retried
  auto published = mutua::publish_material(*m, on);
  if (!published) return published.error();
  store.update_material(*published);
  tx.commit();
  return published;
}

std::vector<Material> list_materials(Store& store, const std::string& commune,
                                     const std::string& convention_id) {
  return store.materials(commune, convention_id);
}

std::vector<ConventionPeriod> convention_periods(Store& store, const std::string& commune) {
  std::vector<ConventionPeriod> out;
  for (const ConventionRecord& rec : store.conventions(commune)) {
    // Every amendment applies: the end as things stand, whatever the date asked.
    const Convention c = convention_as_of(rec.convention, rec.amendments, make_date(2999, 12, 31));
    const ConventionState s = convention_state(c.terms, rec.notices, rec.breaches, c.terms.effect);
    out.push_back({c.id, c.terms.effect, s.ends_on});
  }
  std::sort(out.begin(), out.end(),
            [](const ConventionPeriod& a, const ConventionPeriod& b) { return a.effect < b.effect; });
  return out;
}

Result<RegionalSubscription> record_regional_subscription(Store& store,
                                                          const std::string& contract_id,
                                                          const RegionalUpdate& update, Date today) {
  Transaction tx(store);
  auto contract = store.find_contract(contract_id);
  if (!contract) return data_error("", 0, "CONTRACT", "unknown contract '" + contract_id + "'");
  const Catalogue catalogue = store.load_catalogue();
  const Product* product = catalogue.find(contract->product);
  if (!product || product->kind != ProductKind::kRegional) {
    return rule_error("ELIG-10", "contract " + contract_id + " is not of a regional product (" +
                                     contract->product + ")");
  }
  RegionalRequest request{contract->commune, contract->link, false, contract->adhesion_date()};
  auto eligible = check_regional_eligibility(request, convention_periods(store, contract->commune),
                                             "", "");
  if (!eligible) return eligible.error();
  RegionalSubscription s = store.find_regional_subscription(contract_id)
                               .value_or(RegionalSubscription{contract_id});
  s.convention_id = eligible->id;
  if (update.priority_public) s.priority_public = update.priority_public;
  if (update.no_collective_cover) s.no_collective_cover = update.no_collective_cover;
  if (update.informed_100s) s.informed_100s = update.informed_100s;
  s.recorded = today;
  store.save_regional_subscription(s);
  tx.commit();
  return s;
}

namespace {

std::vector<ReportConvention> report_conventions(Store& store, const std::string& commune,
                                                 int year, Date today) {
  std::vector<ReportConvention> out;
  const Date at = std::min(last_of_year(year), today);
  for (const ConventionView& v : list_conventions(store, commune, at)) {
    // In force on at least one day of the year.
    if (year_of(v.original.terms.effect) > year || v.state.ends_on < first_of_year(year)) continue;
    out.push_back({v.original.id, v.mutuelle.code, v.mutuelle.name, v.original.terms.signed_on,
                   v.state.ends_on, v.state.status});
  }
  return out;
}

// One fact per regional contract of the commune: no identity leaves this function (PAR-06).
std::vector<SubscriptionFact> subscription_facts(Store& store, const Catalogue& catalogue,
                                                 const std::string& commune, int year) {
  const Date first = first_of_year(year), last = last_of_year(year);
  std::vector<SubscriptionFact> out;
  store.for_each_contract_of_commune(
      commune, [&](const Contract& c, const std::optional<RegionalSubscription>& sub) {
        const Beneficiary* member = c.member();
        if (!member) return;
        const Date day = member->end_date ? std::min(*member->end_date, last) : last;
        const std::string product = product_on(c, store.product_changes(c.id), day);
        const Product* p = catalogue.find(product);
        if (!p || p->kind != ProductKind::kRegional) return;
        SubscriptionFact f;
        f.product = product;
        f.product_name = p->name;
        f.link = c.link;
        if (sub) f.priority_public = sub->priority_public;
        f.adhesion = member->start_date;
        f.member_end = member->end_date;
        for (const Beneficiary& b : c.beneficiaries) {
          if (b.covered_during(first, last)) ++f.persons_covered;
        }
        out.push_back(std::move(f));
      });
  return out;
}

}  // namespace

Result<AnnualReport> annual_report(Store& store, const std::string& commune, int year, Date today) {
  if (auto s = check_insee(commune, "--commune"); !s) return s.error();
  if (year > year_of(today)) {
    return data_error("", 0, "--year", std::to_string(year) + " has not begun on " +
                                           format_date(today));
  }
  ReportInputs in;
  in.commune = commune;
  in.year = year;
  in.generated = today;
  in.conventions = report_conventions(store, commune, year, today);
  if (in.conventions.empty()) {
    return data_error("", 0, "--commune", "no partnership convention with commune " + commune +
                                              " in force in " + std::to_string(year));
  }
  if (auto c = store.find_commune(commune)) in.commune_name = c->name;
  const Catalogue catalogue = store.load_catalogue();
  // The report is the duty of the convention's mutuelle (CONV art. 2): named as the convention
  // names it when the commune's conventions share one, else the organism running mutua.
  in.organism = catalogue.organism.name;
  const std::string& partner = in.conventions.front().mutuelle_name;
  const bool one_partner = std::all_of(in.conventions.begin(), in.conventions.end(),
                                       [&](const ReportConvention& c) {
                                         return c.mutuelle_name == partner;
                                       });
  if (one_partner && !partner.empty()) in.organism = partner;
  for (const Product& p : catalogue.products) {
    if (p.kind == ProductKind::kRegional) in.products.emplace_back(p.code, p.name);
  }
  in.subscriptions = subscription_facts(store, catalogue, commune, year);
  for (const CssCheckRecord& c :
       store.css_checks_of_commune(commune, first_of_year(year), last_of_year(year))) {
    in.css_checks.push_back({c.reference, c.check_date, c.id, c.result});
  }
  in.events = store.events(EventFilter{commune, "", first_of_year(year), last_of_year(year)});
  in.materials = store.materials(commune, "");
  return build_annual_report(in);
}

}  // namespace mutua

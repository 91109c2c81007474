// Use cases of the regional scheme « Ma mutuelle Région » (issue 6): partnership conventions with
// communes (PAR-01..04), the mutuelle's duties (PAR-05: meetings, office hours, staff sessions,
// material reviews), regional subscriptions (ELIG-10, PAR-09), the yearly report (PAR-10) and the
// retention of partner contacts (GDPR-03). Each loads what the decision needs from the Store,
// calls the pure domain (partners/), and writes in one transaction: a refusal or a bad input
// changes nothing.
//
// PAR-06: nothing here returns an individual subscription to a commune. The only view of
// subscriptions is annual_report(), which is aggregated and masked by partners/report.hpp.
// PAR-07: no use case takes or stores a remuneration.
//
// Errors: data errors name the CLI option (`--commune`, `--date`...) or the id argument
// (CONVENTION, EVENT, MATERIAL, BREACH, CONTRACT); refusals name the rule.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "partners/convention.hpp"
#include "partners/events.hpp"
#include "partners/materials.hpp"
#include "partners/partnership.hpp"
#include "partners/regional.hpp"
#include "partners/report.hpp"
#include "storage/store.hpp"

namespace mutua {

// --- Conventions (PAR-01..04) --------------------------------------------------------------------

struct ConventionRequest {
  std::string commune;        // INSEE code
  std::string commune_name;   // required the first time a commune is named, else may be empty
  std::string mutuelle;       // partner mutuelle code
  std::string mutuelle_name;  // likewise
  std::string mutuelle_siren;
  Date signed_on{};
  std::optional<Date> effect;  // default: the signature date
  std::string place;
  std::string scheme;          // default: "Ma mutuelle Région"
  ConventionContacts contacts;
  std::optional<int> max_renewals;   // default 3 (PAR-02)
  std::optional<int> notice_months;  // default 2 (PAR-03)
};

// Stores a new convention (and its commune and mutuelle when new; a name given for a known
// commune or mutuelle must match the stored one, unless the stored one is empty). Its id is
// "CONV-<INSEE>-<signature year>-<n>". The same convention again (commune, mutuelle, dates and
// terms) is a no-op returning the stored id; one overlapping another convention of the same
// parties is stored with a warning (PAR-01 does not forbid it, but staff should know).
struct AddedConvention {
  std::string id;
  bool already_recorded = false;
  std::vector<std::string> warnings;
};
Result<AddedConvention> add_convention(Store& store, const ConventionRequest& request, Date today);

// A convention as it stands on `as_of`.
struct ConventionView {
  Convention original;  // as signed
  Convention current;   // with the amendments in force on `as_of`
  Commune commune;
  PartnerMutuelle mutuelle;
  ConventionState state;
  std::vector<NonRenewalNotice> notices;
  std::vector<BreachNotice> breaches;
  std::vector<Amendment> amendments;
  Date contacts_kept_until{};  // GDPR-03
  Date as_of{};
};

Result<ConventionView> convention_view(Store& store, const std::string& id, Date as_of);
// Every convention (of one commune when `commune` is not empty), by id.
std::vector<ConventionView> list_conventions(Store& store, const std::string& commune, Date as_of);

// PAR-03: a non-renewal notice (registered letter). Returns the convention after it, as of the
// receipt date.
Result<ConventionView> record_notice(Store& store, const std::string& id, NonRenewalNotice notice);

// PAR-04: a formal notice for a breach (the complaining party `by`, the reason), its remedy, and
// the termination it allows.
Result<std::pair<int64_t, ConventionView>> record_breach(Store& store, const std::string& id,
                                                         BreachNotice breach, Date today);
Result<ConventionView> record_remedy(Store& store, int64_t breach_id, Date remedied, Date today);
Result<ConventionView> record_breach_termination(Store& store, int64_t breach_id, Date notified);

// PAR-01: a signed amendment (avenant) with its changes (`sets`: field, new value).
struct AmendmentRequest {
  Date signed_on{};
  std::optional<Date> effective;  // default: the signature date
  std::string summary;
  std::vector<std::pair<std::string, std::string>> sets;
};
Result<Amendment> amend_convention(Store& store, const std::string& id,
                                   const AmendmentRequest& request, Date today);

// What staff must act on for the partnerships, on `d`: each convention's alerts (PAR-03 notice
// deadline, PAR-04 breaches), events past their date without an outcome and material reviews
// waiting (PAR-05), contacts past their retention (GDPR-03).
struct PartnerAlert {
  std::string convention_id;
  std::string commune;
  std::string rule;
  std::string text;
};
std::vector<PartnerAlert> partner_alerts(Store& store, Date d);

// --- Events (PAR-05) -----------------------------------------------------------------------------

// Adds an event to a convention's calendar (commune and id are set here). `outcome` records it at
// once as held or cancelled (a meeting recorded after the fact).
Result<PartnerEvent> add_event(Store& store, PartnerEvent event, std::optional<EventStatus> outcome,
                               std::optional<int> attendees, Date today);
Result<PartnerEvent> record_event_outcome(Store& store, int64_t event_id, EventStatus outcome,
                                          std::optional<int> attendees, const std::string& notes,
                                          Date today);
std::vector<PartnerEvent> list_events(Store& store, const EventFilter& filter);

// --- Material reviews (PAR-05) -------------------------------------------------------------------

Result<Material> submit_material(Store& store, Material material);
Result<Material> decide_material(Store& store, int64_t material_id, bool approve, Date on,
                                 const std::string& by, const std::string& comment);
Result<Material> publish_material(Store& store, int64_t material_id, Date on);
Result<Material> find_material(Store& store, int64_t material_id);
std::vector<Material> list_materials(Store& store, const std::string& commune,
                                     const std::string& convention_id);

// --- Regional subscriptions (ELIG-10, PAR-09) ----------------------------------------------------

// The conventions of a commune as eligibility reads them (ends as things stand).
std::vector<ConventionPeriod> convention_periods(Store& store, const std::string& commune);

// Records (or completes) what a regional contract's subscription says: fields given replace the
// stored ones, others are kept. The contract must be of a regional product with a commune and a
// link; its commune must have had a convention in force on the adhesion date (ELIG-10).
struct RegionalUpdate {
  std::optional<PriorityPublic> priority_public;
  std::optional<Date> no_collective_cover;
  std::optional<Date> informed_100s;
};
Result<RegionalSubscription> record_regional_subscription(Store& store,
                                                          const std::string& contract_id,
                                                          const RegionalUpdate& update, Date today);

// --- Yearly report (PAR-10) ----------------------------------------------------------------------

// The report of `year` for the commune (a commune with at least one convention), generated on
// `today`.
Result<AnnualReport> annual_report(Store& store, const std::string& commune, int year, Date today);

// --- Retention of partner contacts (GDPR-03) -----------------------------------------------------

struct ContactsRetention {
  std::vector<std::string> erased;  // conventions whose contacts were (or would be) erased
  bool dry_run = false;
};
// Erases the contacts of every convention ended more than 5 years before `today` (and their
// copies in its amendments), in one transaction; `dry_run` lists them only.
ContactsRetention retain_partner_contacts(Store& store, Date today, bool dry_run);

}  // namespace mutua

// The yearly report of the mutuelle to a partner commune (CONV art. 2 last paragraph; PAR-05,
// PAR-10), built from facts the app layer gathers. Pure.
//
// Contract:
// - Aggregates only (PAR-06): the report holds counts, never a contract, a person or a care line.
//   Every count of people (subscriptions, insured persons, CSS checks) below kSmallCount (5),
//   zero included, is shown as "< 5" (ShownCount::masked) so no one can be singled out; the raw
//   value of a masked count never leaves build_annual_report(). Counts of events (meetings,
//   office hours) are about the mutuelle's activity, not people: shown exactly, as are their
//   attendees (a headcount, never names).
// - Subscriptions of year Y: contracts of a regional product whose commune is the report's, in
//   force on at least one day of Y (the member's rights period); insured persons: the persons of
//   those contracts covered on at least one day of Y. New: adhesion date in Y; ended: the member's
//   rights end in Y. Broken down by product (the product in force on the last day of Y the
//   contract was in force), by link (residence, work, not recorded) and by priority public (those
//   of partners/regional.hpp, and "not_recorded").
// - CSS (PAR-08): the checks recorded with the commune and dated in Y, one per case reference
//   (its latest check in Y), by result; orientations = free + participatory.
// - Activity (PAR-05): events dated in Y, held, by kind, with their attendees; planned and
//   cancelled counts; the material reviews submitted in Y by final status.
// - Every category is listed, with or without subscriptions in Y (a missing row would tell the
//   commune "none" where a masked one says "< 5"): products in the order of `products` (the
//   catalogue's regional products), then any other met, in the order met; links residence, work,
//   not_recorded; priority publics in PriorityPublic order, then not_recorded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "members/contract.hpp"
#include "partners/events.hpp"
#include "partners/materials.hpp"
#include "partners/regional.hpp"

namespace mutua {

inline constexpr int64_t kSmallCount = 5;

struct ShownCount {
  int64_t value = 0;  // 0 when masked
  bool masked = false;
  std::string text() const;  // "< 5" or the number
  friend bool operator==(const ShownCount&, const ShownCount&) = default;
};
ShownCount shown_count(int64_t n);

// One contract of the commune, as the report needs it (no identity).
struct SubscriptionFact {
  std::string product;       // in force on the last day of Y the contract was in force
  std::string product_name;
  std::optional<Link> link;
  std::optional<PriorityPublic> priority_public;
  Date adhesion{};                 // the member's start
  std::optional<Date> member_end;  // the member's end of rights
  int persons_covered = 0;         // persons covered on at least one day of Y
};

struct CssFact {
  std::string reference;
  Date check_date{};
  int64_t id = 0;      // later checks of a reference have larger ids
  std::string result;  // "free" | "participatory" | "not_eligible"
};

struct ReportConvention {
  std::string id;
  std::string mutuelle;
  std::string mutuelle_name;
  Date signed_on{};
  Date ends_on{};
  std::string status;  // at the end of Y (or the generation date, if earlier)
};

struct ReportInputs {
  std::string commune;
  std::string commune_name;
  int year = 0;
  Date generated{};
  std::string organism;  // the mutuelle writing the report
  std::vector<std::pair<std::string, std::string>> products;  // regional products: code, name
  std::vector<ReportConvention> conventions;
  std::vector<SubscriptionFact> subscriptions;  // every regional contract of the commune
  std::vector<CssFact> css_checks;              // of the commune, any date
  std::vector<PartnerEvent> events;             // of the commune, any date
  std::vector<Material> materials;              // of the commune, any date
};

struct ReportRow {
  std::string key;    // product code, link, priority public code
  std::string label;  // French
  ShownCount subscriptions;
  ShownCount insured_persons;
  friend bool operator==(const ReportRow&, const ReportRow&) = default;
};

struct ReportEventLine {
  Date date{};
  EventKind kind = EventKind::kInformationMeeting;
  std::string place;
  std::optional<int> attendees;
};

struct AnnualReport {
  std::string commune;
  std::string commune_name;
  int year = 0;
  Date generated{};
  std::string organism;
  std::vector<ReportConvention> conventions;
  ShownCount subscriptions;
  ShownCount insured_persons;
  ShownCount new_subscriptions;
  ShownCount ended_subscriptions;
  std::vector<ReportRow> by_product;
  std::vector<ReportRow> by_link;
  std::vector<ReportRow> by_priority_public;
  ShownCount css_checks;
  ShownCount css_free;
  ShownCount css_participatory;
  ShownCount css_not_eligible;
  ShownCount css_orientations;
  // Activity: exact counts, by kind in EventKind order.
  struct KindCount {
    EventKind kind = EventKind::kInformationMeeting;
    int held = 0;
    int planned = 0;
    int cancelled = 0;
    int attendees = 0;  // sum over held events with a count
  };
  std::vector<KindCount> events;
  std::vector<ReportEventLine> held;  // the held events, by date
  int materials_submitted = 0;
  int materials_approved = 0;
  int materials_rejected = 0;
  int materials_published = 0;
  int materials_pending = 0;
};

AnnualReport build_annual_report(const ReportInputs& inputs);

// The report as CSV (RFC 4180, header `section,key,label,measure,value`): one row per figure,
// e.g. `totals,subscriptions,Adhésions,count,12` or
// `by_link,residence,Résidence,insured_persons,< 5`.
std::string report_csv(const AnnualReport& report);

}  // namespace mutua

#include "partners/report.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "core/csv.hpp"

namespace mutua {

std::string ShownCount::text() const {
  return masked ? "< " + std::to_string(kSmallCount) : std::to_string(value);
}

ShownCount shown_count(int64_t n) {
  if (n < kSmallCount) return ShownCount{0, true};  // the raw value stays here
  return ShownCount{n, false};
}

namespace {

constexpr const char* kNotRecorded = "not_recorded";
constexpr const char* kNotRecordedLabel = "Non renseigné";

// Raw counts of one breakdown category, masked only when they become report rows.
struct Tally {
  std::string label;
  int64_t subscriptions = 0;
  int64_t insured_persons = 0;
  void add(const SubscriptionFact& s) {
    ++subscriptions;
    insured_persons += s.persons_covered;
  }
};

// Rows in a fixed order: every category declared first is listed even without subscription (a
// missing row would tell a commune "none" where a masked one says "< 5", PAR-06).
struct Breakdown {
  std::vector<std::string> order;
  std::map<std::string, Tally> tallies;

  void declare(const std::string& key, const std::string& label) {
    auto [it, added] = tallies.try_emplace(key, Tally{label});
    if (added) order.push_back(key);
  }
  void add(const std::string& key, const std::string& label, const SubscriptionFact& s) {
    declare(key, label);
    tallies[key].add(s);
  }
};

std::vector<ReportRow> rows_of(const Breakdown& breakdown) {
  std::vector<ReportRow> rows;
  for (const std::string& key : breakdown.order) {
    const Tally& t = breakdown.tallies.at(key);
    rows.push_back(
        ReportRow{key, t.label, shown_count(t.subscriptions), shown_count(t.insured_persons)});
  }
  return rows;
}

// In force on at least one day of `year`: the rights period [adhesion, end] meets the year. An end
// before the adhesion (cancelled before it started) is in force on no day.
bool in_force_in(const SubscriptionFact& s, int year) {
  const Date from = std::max(s.adhesion, first_of_year(year));
  const Date to = s.member_end ? std::min(*s.member_end, last_of_year(year)) : last_of_year(year);
  return from <= to;
}

void add_subscriptions(const ReportInputs& in, AnnualReport& r) {
  Tally total;
  int64_t new_count = 0;
  int64_t ended_count = 0;
  Breakdown by_product, by_link, by_public;
  for (const auto& [code, name] : in.products) by_product.declare(code, name.empty() ? code : name);
  by_link.declare(std::string(to_string(Link::kResidence)), "Résidence");
  by_link.declare(std::string(to_string(Link::kWork)), "Lieu de travail");
  by_link.declare(kNotRecorded, kNotRecordedLabel);
  for (int p = 0; p < kPriorityPublics; ++p) {
    const auto pp = static_cast<PriorityPublic>(p);
    by_public.declare(to_string(pp), french_label(pp));
  }
  by_public.declare(kNotRecorded, kNotRecordedLabel);
  for (const SubscriptionFact& s : in.subscriptions) {
    if (!in_force_in(s, in.year)) continue;
    total.add(s);
    if (year_of(s.adhesion) == in.year) ++new_count;
    if (s.member_end && year_of(*s.member_end) == in.year) ++ended_count;
    by_product.add(s.product, s.product_name.empty() ? s.product : s.product_name, s);
    by_link.add(s.link ? std::string(to_string(*s.link)) : kNotRecorded, "", s);
    by_public.add(s.priority_public ? to_string(*s.priority_public) : kNotRecorded, "", s);
  }
  r.subscriptions = shown_count(total.subscriptions);
  r.insured_persons = shown_count(total.insured_persons);
  r.new_subscriptions = shown_count(new_count);
  r.ended_subscriptions = shown_count(ended_count);
  r.by_product = rows_of(by_product);
  r.by_link = rows_of(by_link);
  r.by_priority_public = rows_of(by_public);
}

// One case per reference: its latest check in the year (by date, then by id), so a household
// checked again after a change of income counts once, with its last result.
void add_css(const ReportInputs& in, AnnualReport& r) {
  std::map<std::string, const CssFact*> latest;
  for (const CssFact& c : in.css_checks) {
    if (year_of(c.check_date) != in.year) continue;
    const CssFact*& kept = latest[c.reference];
    if (!kept || std::tie(c.check_date, c.id) > std::tie(kept->check_date, kept->id)) kept = &c;
  }
  int64_t free = 0, participatory = 0, not_eligible = 0;
  for (const auto& [reference, c] : latest) {
    if (c->result == "free") ++free;
    if (c->result == "participatory") ++participatory;
    if (c->result == "not_eligible") ++not_eligible;
  }
  r.css_checks = shown_count(static_cast<int64_t>(latest.size()));
  r.css_free = shown_count(free);
  r.css_participatory = shown_count(participatory);
  r.css_not_eligible = shown_count(not_eligible);
  r.css_orientations = shown_count(free + participatory);
}

void add_events(const ReportInputs& in, AnnualReport& r) {
  for (EventKind kind : {EventKind::kInformationMeeting, EventKind::kOfficeHours,
                         EventKind::kStaffInformation, EventKind::kAnnualReport}) {
    r.events.push_back(AnnualReport::KindCount{kind});
  }
  std::vector<const PartnerEvent*> held;
  for (const PartnerEvent& e : in.events) {
    if (year_of(e.date) != in.year) continue;
    AnnualReport::KindCount& k = r.events[static_cast<size_t>(e.kind)];
    switch (e.status) {
      case EventStatus::kPlanned:
        ++k.planned;
        break;
      case EventStatus::kCancelled:
        ++k.cancelled;
        break;
      case EventStatus::kHeld:
        ++k.held;
        k.attendees += e.attendees.value_or(0);
        held.push_back(&e);
        break;
    }
  }
  std::stable_sort(held.begin(), held.end(), [](const PartnerEvent* a, const PartnerEvent* b) {
    return std::tie(a->date, a->start_minute, a->id) < std::tie(b->date, b->start_minute, b->id);
  });
  for (const PartnerEvent* e : held) {
    r.held.push_back(ReportEventLine{e->date, e->kind, e->place, e->attendees});
  }
}

// The reviews of materials submitted in the year, each counted once by its status on the
// generation date G (the report describes what was known then, even when rebuilt later):
// - submitted: every review submitted in Y on or before G (each version counts: a resubmission is
//   a new review);
// - approved: approved on or before G, whether published since or not (published ⊆ approved);
// - published: published on or before G;
// - rejected: rejected on or before G;
// - pending: no decision on or before G. So submitted = approved + rejected + pending.
void add_materials(const ReportInputs& in, AnnualReport& r) {
  const Date g = in.generated;
  for (const Material& m : in.materials) {
    if (year_of(m.submitted) != in.year || m.submitted > g) continue;
    ++r.materials_submitted;
    if (!m.decided || *m.decided > g) {
      ++r.materials_pending;
    } else if (m.status == MaterialStatus::kRejected) {
      ++r.materials_rejected;
    } else if (m.status == MaterialStatus::kApproved || m.status == MaterialStatus::kPublished) {
      ++r.materials_approved;
      if (m.published && *m.published <= g) ++r.materials_published;
    } else {
      ++r.materials_pending;  // decided yet still submitted: an incoherent record, not a decision
    }
  }
}

}  // namespace

AnnualReport build_annual_report(const ReportInputs& inputs) {
  AnnualReport r;
  r.commune = inputs.commune;
  r.commune_name = inputs.commune_name;
  r.year = inputs.year;
  r.generated = inputs.generated;
  r.organism = inputs.organism;
  r.conventions = inputs.conventions;
  std::stable_sort(r.conventions.begin(), r.conventions.end(),
                   [](const ReportConvention& a, const ReportConvention& b) {
                     return std::tie(a.signed_on, a.id) < std::tie(b.signed_on, b.id);
                   });
  add_subscriptions(inputs, r);
  add_css(inputs, r);
  add_events(inputs, r);
  add_materials(inputs, r);
  return r;
}

namespace {

void csv_row(std::string& out, const char* section, std::string_view key, std::string_view label,
             std::string_view measure, std::string_view value) {
  append_csv_field(out, section);
  for (std::string_view field : {key, label, measure, value}) {
    out += ',';
    append_csv_field(out, field);
  }
  out += '\n';
}

void csv_rows(std::string& out, const char* section, const std::vector<ReportRow>& rows) {
  for (const ReportRow& row : rows) {
    csv_row(out, section, row.key, row.label, "subscriptions", row.subscriptions.text());
    csv_row(out, section, row.key, row.label, "insured_persons", row.insured_persons.text());
  }
}

void csv_events(std::string& out, const AnnualReport& r) {
  for (const AnnualReport::KindCount& k : r.events) {
    const char* key = to_string(k.kind);
    const char* label = french_label(k.kind);
    csv_row(out, "events", key, label, "held", std::to_string(k.held));
    csv_row(out, "events", key, label, "planned", std::to_string(k.planned));
    csv_row(out, "events", key, label, "cancelled", std::to_string(k.cancelled));
    csv_row(out, "events", key, label, "attendees", std::to_string(k.attendees));
  }
}

void csv_materials(std::string& out, const AnnualReport& r) {
  const std::pair<const char*, const char*> labels[] = {
      {"submitted", "Supports soumis à validation"},
      {"approved", "Supports validés"},
      {"rejected", "Supports refusés"},
      {"published", "Supports publiés"},
      {"pending", "Supports en attente de décision"}};
  const int values[] = {r.materials_submitted, r.materials_approved, r.materials_rejected,
                        r.materials_published, r.materials_pending};
  for (size_t i = 0; i < std::size(values); ++i) {
    csv_row(out, "materials", labels[i].first, labels[i].second, "count",
            std::to_string(values[i]));
  }
}

}  // namespace

std::string report_csv(const AnnualReport& r) {
  std::string out = "section,key,label,measure,value\n";
  csv_row(out, "report", "commune", "Commune (code INSEE)", "value", r.commune);
  csv_row(out, "report", "commune_name", "Commune", "value", r.commune_name);
  csv_row(out, "report", "year", "Année", "value", std::to_string(r.year));
  csv_row(out, "report", "generated", "Date d'édition", "value", format_date(r.generated));
  csv_row(out, "totals", "subscriptions", "Adhésions", "count", r.subscriptions.text());
  csv_row(out, "totals", "insured_persons", "Personnes protégées", "count",
          r.insured_persons.text());
  csv_row(out, "totals", "new_subscriptions", "Nouvelles adhésions", "count",
          r.new_subscriptions.text());
  csv_row(out, "totals", "ended_subscriptions", "Adhésions terminées", "count",
          r.ended_subscriptions.text());
  csv_rows(out, "by_product", r.by_product);
  csv_rows(out, "by_link", r.by_link);
  csv_rows(out, "by_priority_public", r.by_priority_public);
  csv_row(out, "css", "checks", "Situations examinées (CSS)", "count", r.css_checks.text());
  csv_row(out, "css", "free", "Complémentaire santé solidaire gratuite", "count",
          r.css_free.text());
  csv_row(out, "css", "participatory", "Complémentaire santé solidaire participative", "count",
          r.css_participatory.text());
  csv_row(out, "css", "not_eligible", "Non éligible", "count", r.css_not_eligible.text());
  csv_row(out, "css", "orientations", "Orientations vers l'Assurance Maladie", "count",
          r.css_orientations.text());
  csv_events(out, r);
  csv_materials(out, r);
  return out;
}

}  // namespace mutua

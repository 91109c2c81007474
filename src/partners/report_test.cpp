// The yearly report to a partner commune (PAR-10, PAR-05), aggregated and masked (PAR-06):
// Saint-Chamond (42207), year 2025, generated on 2026-01-15.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "partners/report.hpp"

namespace mutua {
namespace {

Date d(const char* t) { return *parse_date(t); }

SubscriptionFact sub(const char* adhesion, std::optional<const char*> end = std::nullopt,
                     int persons = 1) {
  SubscriptionFact s;
  s.product = "MRA_1";
  s.product_name = "Ma mutuelle Région, formule 1";
  s.link = Link::kResidence;
  s.priority_public = PriorityPublic::kSenior;
  s.adhesion = d(adhesion);
  if (end) s.member_end = d(*end);
  s.persons_covered = persons;
  return s;
}

ReportInputs inputs() {
  ReportInputs in;
  in.commune = "42207";
  in.commune_name = "Saint-Chamond";
  in.year = 2025;
  in.generated = d("2026-01-15");
  in.organism = "Mutuelle Miltis";
  return in;
}

PartnerEvent event(EventKind kind, const char* date, EventStatus status,
                   std::optional<int> attendees = std::nullopt, int64_t id = 0) {
  PartnerEvent e;
  e.id = id;
  e.commune = "42207";
  e.kind = kind;
  e.date = d(date);
  e.start_minute = 18 * 60;
  e.end_minute = 20 * 60;
  e.place = "Mairie de Saint-Chamond";
  e.status = status;
  e.attendees = attendees;
  return e;
}

Material material(const char* submitted, MaterialStatus status,
                  std::optional<const char*> decided = std::nullopt,
                  std::optional<const char*> published = std::nullopt) {
  Material m;
  m.title = "Affiche";
  m.submitted = d(submitted);
  m.status = status;
  if (decided) m.decided = d(*decided);
  if (published) m.published = d(*published);
  return m;
}

CssFact css(const std::string& reference, const char* date, int64_t id, const char* result) {
  return CssFact{reference, d(date), id, result};
}

// PAR-06: any count of people below 5, zero included, is shown "< 5" and keeps no raw value.
TEST(Report, MaskingAtFourAndFivePAR06) {
  EXPECT_EQ(shown_count(4), (ShownCount{0, true}));
  EXPECT_EQ(shown_count(4).text(), "< 5");
  EXPECT_EQ(shown_count(0).text(), "< 5");
  EXPECT_EQ(shown_count(1).text(), "< 5");
  EXPECT_EQ(shown_count(5), (ShownCount{5, false}));
  EXPECT_EQ(shown_count(5).text(), "5");
  EXPECT_EQ(shown_count(1234).text(), "1234");
}

// PAR-06: masking hides exactly the counts below 5 and never keeps their value.
RC_GTEST_PROP(Report, MaskingHidesSmallCountsPAR06, ()) {
  const int64_t n = *rc::gen::inRange<int64_t>(0, 1000000);
  const ShownCount shown = shown_count(n);
  RC_ASSERT(shown.masked == (n < kSmallCount));
  RC_ASSERT(shown.value == (shown.masked ? 0 : n));
  RC_ASSERT(shown.text() == (shown.masked ? std::string("< 5") : std::to_string(n)));
}

// PAR-10: subscriptions of the year are those in force on at least one day of it; new ones
// start in it, ended ones end in it.
TEST(Report, SubscriptionsOfTheYearPAR10) {
  ReportInputs in = inputs();
  for (int i = 0; i < 5; ++i) in.subscriptions.push_back(sub("2024-01-01"));  // all year
  in.subscriptions.push_back(sub("2026-01-01"));                   // starts after the year
  in.subscriptions.push_back(sub("2023-01-01", "2024-12-31"));     // ended before it
  in.subscriptions.push_back(sub("2025-03-01", "2025-02-28"));     // cancelled before its start
  in.subscriptions.push_back(sub("2024-05-01", "2025-01-01", 2));  // one day of 2025: ended
  in.subscriptions.push_back(sub("2025-12-31", std::nullopt, 3));  // one day of 2025: new
  for (int i = 0; i < 4; ++i) in.subscriptions.push_back(sub("2025-01-01"));  // new
  for (int i = 0; i < 4; ++i) in.subscriptions.push_back(sub("2023-01-01", "2025-12-31"));
  const AnnualReport r = build_annual_report(in);
  EXPECT_EQ(r.subscriptions.text(), "15");
  EXPECT_EQ(r.insured_persons.text(), "18");  // 5 + 2 + 3 + 4 + 4
  EXPECT_EQ(r.new_subscriptions.text(), "5");
  EXPECT_EQ(r.ended_subscriptions.text(), "5");
  // One fewer of each: 4, masked.
  in.subscriptions.pop_back();
  in.subscriptions.erase(in.subscriptions.end() - 4);
  const AnnualReport fewer = build_annual_report(in);
  EXPECT_EQ(fewer.subscriptions.text(), "13");
  EXPECT_EQ(fewer.new_subscriptions.text(), "< 5");
  EXPECT_EQ(fewer.ended_subscriptions.text(), "< 5");
}

// PAR-10, PAR-06: breakdowns by product, link and priority public; every category listed, even
// without subscriptions (no row would say "none" where a masked one says "< 5"), in a fixed order.
TEST(Report, BreakdownsPAR10PAR06) {
  ReportInputs in = inputs();
  in.products = {{"MRA_1", "Ma mutuelle Région, formule 1"}, {"MRA_3", "Formule 3"}};
  for (int i = 0; i < 6; ++i) in.subscriptions.push_back(sub("2024-01-01", std::nullopt, 2));
  SubscriptionFact other = sub("2025-02-01");
  other.product = "MRA_0";
  other.product_name = "";  // no name: the code stands for it
  other.link.reset();
  other.priority_public = PriorityPublic::kFarmer;
  in.subscriptions.push_back(other);
  SubscriptionFact gone = sub("2020-01-01", "2024-06-30");
  gone.product = "MRA_9";
  gone.priority_public = PriorityPublic::kJobSeeker;
  in.subscriptions.push_back(gone);
  const AnnualReport r = build_annual_report(in);
  ASSERT_EQ(r.by_product.size(), 3u);  // the catalogue's two, then the one met
  EXPECT_EQ(r.by_product[0],
            (ReportRow{"MRA_1", "Ma mutuelle Région, formule 1", shown_count(6), shown_count(12)}));
  EXPECT_EQ(r.by_product[1], (ReportRow{"MRA_3", "Formule 3", shown_count(0), shown_count(0)}));
  EXPECT_TRUE(r.by_product[1].subscriptions.masked);
  EXPECT_EQ(r.by_product[2], (ReportRow{"MRA_0", "MRA_0", shown_count(1), shown_count(1)}));
  ASSERT_EQ(r.by_link.size(), 3u);
  EXPECT_EQ(r.by_link[0], (ReportRow{"residence", "Résidence", shown_count(6), shown_count(12)}));
  EXPECT_EQ(r.by_link[1], (ReportRow{"work", "Lieu de travail", shown_count(0), shown_count(0)}));
  EXPECT_EQ(r.by_link[2].key, "not_recorded");
  EXPECT_EQ(r.by_link[2].label, "Non renseigné");
  ASSERT_EQ(r.by_priority_public.size(), static_cast<size_t>(kPriorityPublics) + 1);
  for (int p = 0; p < kPriorityPublics; ++p) {
    EXPECT_EQ(r.by_priority_public[p].key, to_string(static_cast<PriorityPublic>(p)));
    EXPECT_EQ(r.by_priority_public[p].label, french_label(static_cast<PriorityPublic>(p)));
  }
  EXPECT_EQ(r.by_priority_public[2].key, "farmer");
  EXPECT_TRUE(r.by_priority_public[2].subscriptions.masked);
  EXPECT_EQ(r.by_priority_public[1].key, "senior");
  EXPECT_EQ(r.by_priority_public[1].subscriptions.text(), "6");
  EXPECT_EQ(r.by_priority_public[4].key, "job_seeker");  // gone before 2025: counted nowhere
  EXPECT_EQ(r.by_priority_public.back().key, "not_recorded");
}

// PAR-08, PAR-10: one CSS case per reference, its latest check in the year.
TEST(Report, CssCasesByReferencePAR08) {
  ReportInputs in = inputs();
  in.css_checks = {
      css("R1", "2025-02-01", 1, "not_eligible"), css("R1", "2025-09-01", 5, "free"),
      css("R2", "2024-12-01", 2, "free"),         css("R2", "2025-03-01", 6, "participatory"),
      css("R3", "2025-05-01", 9, "not_eligible"), css("R3", "2025-05-01", 3, "free"),
      css("R4", "2026-01-02", 10, "free"),  // next year
      css("R5", "2024-11-30", 11, "free"),  // last year
  };
  for (int i = 0; i < 4; ++i) {
    in.css_checks.push_back(css("F" + std::to_string(i), "2025-06-01", 20 + i, "free"));
    in.css_checks.push_back(css("P" + std::to_string(i), "2025-06-01", 30 + i, "participatory"));
    in.css_checks.push_back(css("N" + std::to_string(i), "2025-06-01", 40 + i, "not_eligible"));
  }
  const AnnualReport r = build_annual_report(in);
  EXPECT_EQ(r.css_checks.text(), "15");
  EXPECT_EQ(r.css_free.text(), "5");
  EXPECT_EQ(r.css_participatory.text(), "5");
  EXPECT_EQ(r.css_not_eligible.text(), "5");
  EXPECT_EQ(r.css_orientations.text(), "10");
  // Only R1, R2 and R3 are left: 3 cases (counting checks, not cases, would give 5).
  in.css_checks.resize(8);
  const AnnualReport few = build_annual_report(in);
  EXPECT_EQ(few.css_checks.text(), "< 5");
  EXPECT_EQ(few.css_orientations.text(), "< 5");
}

// PAR-05, PAR-10: meetings and office hours of the year, by kind, with their attendees (exact
// counts: the mutuelle's activity, not people).
TEST(Report, EventCountsPAR05) {
  ReportInputs in = inputs();
  in.events = {
      event(EventKind::kInformationMeeting, "2025-09-10", EventStatus::kHeld, 20, 3),
      event(EventKind::kInformationMeeting, "2025-05-12", EventStatus::kHeld, 10, 1),
      event(EventKind::kInformationMeeting, "2025-06-12", EventStatus::kHeld, std::nullopt, 2),
      event(EventKind::kInformationMeeting, "2025-11-12", EventStatus::kPlanned),
      event(EventKind::kInformationMeeting, "2025-10-12", EventStatus::kCancelled),
      event(EventKind::kOfficeHours, "2025-04-02", EventStatus::kHeld, 4, 4),
      event(EventKind::kOfficeHours, "2025-04-09", EventStatus::kHeld, 2, 5),
      event(EventKind::kOfficeHours, "2024-12-02", EventStatus::kHeld, 30, 6),  // last year
      event(EventKind::kAnnualReport, "2026-02-02", EventStatus::kPlanned),     // next year
  };
  const AnnualReport r = build_annual_report(in);
  ASSERT_EQ(r.events.size(), 4u);
  EXPECT_EQ(r.events[0].kind, EventKind::kInformationMeeting);
  EXPECT_EQ(r.events[0].held, 3);
  EXPECT_EQ(r.events[0].planned, 1);
  EXPECT_EQ(r.events[0].cancelled, 1);
  EXPECT_EQ(r.events[0].attendees, 30);
  EXPECT_EQ(r.events[1].kind, EventKind::kOfficeHours);
  EXPECT_EQ(r.events[1].held, 2);
  EXPECT_EQ(r.events[1].attendees, 6);  // small, yet exact: a headcount of an event
  EXPECT_EQ(r.events[2].held + r.events[2].planned + r.events[2].cancelled, 0);
  EXPECT_EQ(r.events[3].planned, 0);
  ASSERT_EQ(r.held.size(), 5u);
  EXPECT_EQ(r.held[0].date, d("2025-04-02"));
  EXPECT_EQ(r.held[0].kind, EventKind::kOfficeHours);
  EXPECT_EQ(r.held[2].date, d("2025-05-12"));
  EXPECT_EQ(r.held[3].attendees, std::nullopt);
  EXPECT_EQ(r.held[4].date, d("2025-09-10"));
}

// PAR-05: material reviews submitted in the year, by status on the generation date.
TEST(Report, MaterialReviewsPAR05) {
  ReportInputs in = inputs();
  in.materials = {
      material("2025-03-01", MaterialStatus::kApproved, "2025-03-02"),
      material("2025-03-01", MaterialStatus::kPublished, "2025-03-02", "2025-03-10"),
      material("2025-04-01", MaterialStatus::kRejected, "2025-04-03"),
      material("2025-12-20", MaterialStatus::kSubmitted),
      // Decided after the generation date: still pending in this report.
      material("2025-12-21", MaterialStatus::kRejected, "2026-02-01"),
      // Approved before it, published after: approved, not published.
      material("2025-12-22", MaterialStatus::kPublished, "2026-01-10", "2026-02-01"),
      material("2024-12-30", MaterialStatus::kApproved, "2025-01-05"),  // submitted last year
  };
  const AnnualReport r = build_annual_report(in);
  EXPECT_EQ(r.materials_submitted, 6);
  EXPECT_EQ(r.materials_approved, 3);
  EXPECT_EQ(r.materials_published, 1);
  EXPECT_EQ(r.materials_rejected, 1);
  EXPECT_EQ(r.materials_pending, 2);
  EXPECT_EQ(r.materials_approved + r.materials_rejected + r.materials_pending,
            r.materials_submitted);
}

// PAR-10: the CSV of a small report, whole: sections in order, French labels, RFC 4180 quoting,
// masked counts written "< 5".
TEST(Report, CsvExactTextPAR10) {
  ReportInputs in = inputs();
  for (int i = 0; i < 3; ++i) in.subscriptions.push_back(sub("2025-04-01", std::nullopt, 2));
  for (int i = 0; i < 2; ++i) in.subscriptions.push_back(sub("2024-06-01", std::nullopt, 2));
  SubscriptionFact serenite = sub("2023-01-01", "2025-06-30");
  serenite.product = "MRA_2";
  serenite.product_name = "Formule \"Sérénité\"";
  serenite.link = Link::kWork;
  serenite.priority_public.reset();
  in.subscriptions.push_back(serenite);
  in.css_checks = {css("CSS-2025-0001", "2025-05-01", 1, "free")};
  in.events = {event(EventKind::kInformationMeeting, "2025-05-12", EventStatus::kHeld, 12, 1),
               event(EventKind::kOfficeHours, "2025-11-05", EventStatus::kPlanned)};
  in.materials = {material("2025-04-01", MaterialStatus::kPublished, "2025-04-02", "2025-04-03")};
  const std::string expected =
      "section,key,label,measure,value\n"
      "report,commune,Commune (code INSEE),value,42207\n"
      "report,commune_name,Commune,value,Saint-Chamond\n"
      "report,year,Année,value,2025\n"
      "report,generated,Date d'édition,value,2026-01-15\n"
      "totals,subscriptions,Adhésions,count,6\n"
      "totals,insured_persons,Personnes protégées,count,11\n"
      "totals,new_subscriptions,Nouvelles adhésions,count,< 5\n"
      "totals,ended_subscriptions,Adhésions terminées,count,< 5\n"
      "by_product,MRA_1,\"Ma mutuelle Région, formule 1\",subscriptions,5\n"
      "by_product,MRA_1,\"Ma mutuelle Région, formule 1\",insured_persons,10\n"
      "by_product,MRA_2,\"Formule \"\"Sérénité\"\"\",subscriptions,< 5\n"
      "by_product,MRA_2,\"Formule \"\"Sérénité\"\"\",insured_persons,< 5\n"
      "by_link,residence,Résidence,subscriptions,5\n"
      "by_link,residence,Résidence,insured_persons,10\n"
      "by_link,work,Lieu de travail,subscriptions,< 5\n"
      "by_link,work,Lieu de travail,insured_persons,< 5\n"
      "by_link,not_recorded,Non renseigné,subscriptions,< 5\n"
      "by_link,not_recorded,Non renseigné,insured_persons,< 5\n"
      "by_priority_public,young_jobless,Jeunes sans emploi,subscriptions,< 5\n"
      "by_priority_public,young_jobless,Jeunes sans emploi,insured_persons,< 5\n"
      "by_priority_public,senior,Seniors,subscriptions,5\n"
      "by_priority_public,senior,Seniors,insured_persons,10\n"
      "by_priority_public,farmer,Agriculteurs,subscriptions,< 5\n"
      "by_priority_public,farmer,Agriculteurs,insured_persons,< 5\n"
      "by_priority_public,self_employed,\"Professions libérales, commerçants et artisans\",subscriptions,< 5\n"
      "by_priority_public,self_employed,\"Professions libérales, commerçants et artisans\",insured_persons,< 5\n"
      "by_priority_public,job_seeker,Demandeurs d'emploi,subscriptions,< 5\n"
      "by_priority_public,job_seeker,Demandeurs d'emploi,insured_persons,< 5\n"
      "by_priority_public,temp_worker,Intérimaires,subscriptions,< 5\n"
      "by_priority_public,temp_worker,Intérimaires,insured_persons,< 5\n"
      "by_priority_public,fixed_term,Salariés en CDD,subscriptions,< 5\n"
      "by_priority_public,fixed_term,Salariés en CDD,insured_persons,< 5\n"
      "by_priority_public,multi_employer,Salariés multi-employeurs,subscriptions,< 5\n"
      "by_priority_public,multi_employer,Salariés multi-employeurs,insured_persons,< 5\n"
      "by_priority_public,part_time,Salariés en CDI à temps partiel,subscriptions,< 5\n"
      "by_priority_public,part_time,Salariés en CDI à temps partiel,insured_persons,< 5\n"
      "by_priority_public,other,Autres personnes hors obligation ANI,subscriptions,< 5\n"
      "by_priority_public,other,Autres personnes hors obligation ANI,insured_persons,< 5\n"
      "by_priority_public,not_recorded,Non renseigné,subscriptions,< 5\n"
      "by_priority_public,not_recorded,Non renseigné,insured_persons,< 5\n"
      "css,checks,Situations examinées (CSS),count,< 5\n"
      "css,free,Complémentaire santé solidaire gratuite,count,< 5\n"
      "css,participatory,Complémentaire santé solidaire participative,count,< 5\n"
      "css,not_eligible,Non éligible,count,< 5\n"
      "css,orientations,Orientations vers l'Assurance Maladie,count,< 5\n"
      "events,information_meeting,Réunion d'information,held,1\n"
      "events,information_meeting,Réunion d'information,planned,0\n"
      "events,information_meeting,Réunion d'information,cancelled,0\n"
      "events,information_meeting,Réunion d'information,attendees,12\n"
      "events,office_hours,Permanence,held,0\n"
      "events,office_hours,Permanence,planned,1\n"
      "events,office_hours,Permanence,cancelled,0\n"
      "events,office_hours,Permanence,attendees,0\n"
      "events,staff_information,Information du personnel communal,held,0\n"
      "events,staff_information,Information du personnel communal,planned,0\n"
      "events,staff_information,Information du personnel communal,cancelled,0\n"
      "events,staff_information,Information du personnel communal,attendees,0\n"
      "events,annual_report,Présentation du bilan annuel,held,0\n"
      "events,annual_report,Présentation du bilan annuel,planned,0\n"
      "events,annual_report,Présentation du bilan annuel,cancelled,0\n"
      "events,annual_report,Présentation du bilan annuel,attendees,0\n"
      "materials,submitted,Supports soumis à validation,count,1\n"
      "materials,approved,Supports validés,count,1\n"
      "materials,rejected,Supports refusés,count,0\n"
      "materials,published,Supports publiés,count,1\n"
      "materials,pending,Supports en attente de décision,count,0\n";
  EXPECT_EQ(report_csv(build_annual_report(in)), expected);
}

// PAR-06: nothing identifying reaches the report: a CSS case reference (a contract id, a name)
// never appears in its CSV, nor does a masked count's raw value.
TEST(Report, NothingIdentifyingPAR06) {
  ReportInputs in = inputs();
  const std::vector<std::string> references{"CTR-2025-000123", "DUPONT Jeanne",   "1840275123456",
                                            "CTR-2025-000124", "CTR-2025-000125", "CTR-2025-000126",
                                            "CTR-2025-000127"};
  int64_t id = 0;
  for (const std::string& ref : references)
    in.css_checks.push_back(css(ref, "2025-06-01", ++id, "free"));
  for (int i = 0; i < 3; ++i) in.subscriptions.push_back(sub("2025-02-01", std::nullopt, 1));
  const AnnualReport r = build_annual_report(in);
  EXPECT_EQ(r.css_free.text(), "7");
  EXPECT_TRUE(r.subscriptions.masked);
  EXPECT_EQ(r.subscriptions.value, 0);  // the 3 stays inside build_annual_report()
  const std::string csv = report_csv(r);
  for (const std::string& ref : references) {
    EXPECT_EQ(csv.find(ref), std::string::npos) << ref;
  }
  EXPECT_EQ(csv.find("CTR-"), std::string::npos);
  EXPECT_NE(csv.find("totals,subscriptions,Adhésions,count,< 5\n"), std::string::npos);
}

}  // namespace
}  // namespace mutua

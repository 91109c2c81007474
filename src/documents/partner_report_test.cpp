// The yearly report to a partner commune as a French PDF (PAR-10, PAR-06, PAR-05): the report is
// built by hand (the aggregation and masking are partners/report.hpp's, tested there), rendered
// to PDF and read back with poppler's pdftotext, as the commune's PDF reader would. Whitespace is
// collapsed before searching: a sentence may wrap anywhere. The text is read in content order
// (`-raw`), not with `-layout`: layout mode drops the space of a short cell ("< 5" comes back as
// "<5", "x 5" as "x5") although the PDF draws it; pdftotext also gives U+00A0 back as a space.
#include "documents/partner_report.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "documents/documents_test_support.hpp"
#include "documents/pdf_render.hpp"

namespace mutua {
namespace {

using testing_support::mentions;
using testing_support::render_pdf;
using testing_support::Rendered;

const std::string kNbsp = "\u00A0";

Rendered render(const PdfDocument& doc) { return render_pdf(doc, "-raw"); }

ShownCount exact(int64_t n) { return {n, false}; }
ShownCount masked() { return {0, true}; }

// A small commune's year: 12 subscriptions over two products, one of which has fewer than five
// (masked), a CSS check count below five, and the mutuelle's actions.
AnnualReport sample_report() {
  AnnualReport r;
  r.commune = "42207";
  r.commune_name = "Saint-Chamond";
  r.year = 2026;
  r.generated = make_date(2027, 2, 1);
  r.organism = "Mutuelle Générale d'Avignon";
  r.conventions = {{"CONV-42207-2024", "MGA", "Mutuelle Générale d'Avignon", make_date(2024, 3, 15),
                    make_date(2030, 3, 14), "not_renewed"}};
  r.subscriptions = exact(12);
  r.insured_persons = exact(23);
  r.new_subscriptions = exact(7);
  r.ended_subscriptions = masked();
  r.by_product = {{"REG-ESS", "Régionale Essentielle", exact(9), exact(17)},
                  {"REG-CFT", "Régionale Confort", masked(), exact(6)}};
  r.by_link = {{"residence", "", exact(10), exact(19)}, {"work", "", masked(), masked()}};
  r.by_priority_public = {{"senior", "", exact(8), exact(14)},
                          {"not_recorded", "", masked(), masked()}};
  r.css_checks = exact(6);
  r.css_free = masked();
  r.css_participatory = masked();
  r.css_not_eligible = masked();
  r.css_orientations = exact(5);
  r.events = {{EventKind::kInformationMeeting, 2, 1, 1, 41},
              {EventKind::kOfficeHours, 1, 0, 0, 0},
              {EventKind::kStaffInformation, 0, 0, 0, 0},
              {EventKind::kAnnualReport, 0, 1, 0, 0}};
  r.held = {
      {make_date(2026, 3, 12), EventKind::kInformationMeeting, "Salle Jeanne d'Arc", 25},
      {make_date(2026, 6, 4), EventKind::kOfficeHours, "Mairie annexe de Montreynaud",
       std::nullopt},
      {make_date(2026, 10, 8), EventKind::kInformationMeeting, "Maison des associations", 16}};
  r.materials_submitted = 3;
  r.materials_approved = 1;
  r.materials_rejected = 1;
  r.materials_published = 1;
  r.materials_pending = 0;
  return r;
}

bool has_paragraph(const PdfDocument& doc, const std::string& text) {
  for (const PdfBlock& b : doc.blocks) {
    if (b.kind == PdfBlock::Kind::kParagraph && b.text == text) return true;
  }
  return false;
}

// PAR-10: the letterhead names the commune (name and INSEE code), the mutuelle and the date; the
// title and every section heading are in French, with their accents.
TEST(PartnerReport, PAR_10_FrenchReportWithCommuneAndSections) {
  PdfDocument doc = annual_report_document(sample_report());
  EXPECT_EQ(doc.title, "Bilan annuel 2026 — Ma mutuelle Région");
  EXPECT_EQ(doc.reference, "Réf. : bilan 42207-2026");
  // The masked-count sign never breaks over two lines in running text.
  EXPECT_NE(doc.footer.find("« <" + kNbsp + "5 »"), std::string::npos) << doc.footer;
  Rendered r = render(doc);
  ASSERT_FALSE(r.pages.empty());
  for (const char* expected :
       {"Bilan annuel 2026 — Ma mutuelle Région", "Mutuelle Générale d'Avignon",
        "Commune de Saint-Chamond", "Code INSEE 42207", "Le 1er février 2027",
        "Réf. : bilan 42207-2026", "Conventions de partenariat", "Adhésions et personnes protégées",
        "Par produit", "Par lien avec la commune", "Par public prioritaire",
        "Complémentaire santé solidaire", "Actions de la mutuelle",
        "Validation des supports de communication",
        "le bilan de son action pour l'année 2026, du 1er janvier 2026 au 31 décembre 2026"}) {
    EXPECT_TRUE(mentions(r, expected));
  }
  // The convention, its dates and its status in French.
  EXPECT_TRUE(mentions(r, "CONV-42207-2024"));
  EXPECT_TRUE(mentions(r, "15 mars 2024"));
  EXPECT_TRUE(mentions(r, "14 mars 2030"));
  EXPECT_TRUE(mentions(r, "non renouvelée"));
  // Links and priority publics get their French labels when the row has none.
  EXPECT_TRUE(mentions(r, "Résidence 10 19"));
  EXPECT_TRUE(mentions(r, "Lieu de travail < 5 < 5"));
  EXPECT_TRUE(mentions(r, "Seniors 8 14"));
  EXPECT_TRUE(mentions(r, "Non renseigné < 5 < 5"));
}

// PAR-10 PAR-06: every page carries the footer: the scheme's name and the masking rule.
TEST(PartnerReport, PAR_10_PAR_06_FooterOnEveryPage) {
  Rendered r = render(annual_report_document(sample_report()));
  ASSERT_FALSE(r.pages.empty());
  const size_t n = r.pages.size();
  for (size_t i = 0; i < n; ++i) {
    const std::string& page = r.pages[i];
    EXPECT_NE(page.find("Convention « Ma mutuelle Région » — effectifs inférieurs à 5 : « < 5 » "
                        "(secret statistique)."),
              std::string::npos)
        << "page " << i + 1 << " lacks the footer:\n"
        << page;
    EXPECT_NE(page.find("Page " + std::to_string(i + 1) + " / " + std::to_string(n)),
              std::string::npos);
  }
}

// PAR-06: only aggregates: exact counts where the report has them, « < 5 » where it masked one,
// and the closing note on what is (not) communicated to the commune.
TEST(PartnerReport, PAR_06_MaskedAndExactCounts) {
  Rendered r = render(annual_report_document(sample_report()));
  EXPECT_TRUE(mentions(r, "Adhésions en cours dans l'année 12"));
  EXPECT_TRUE(mentions(r, "Personnes protégées 23"));
  EXPECT_TRUE(mentions(r, "Nouvelles adhésions 7"));
  EXPECT_TRUE(mentions(r, "Adhésions terminées < 5"));
  EXPECT_TRUE(mentions(r, "Catégorie Adhésions Personnes protégées"));
  EXPECT_TRUE(mentions(r, "Régionale Essentielle 9 17"));
  EXPECT_TRUE(mentions(r, "Régionale Confort < 5 6"));
  EXPECT_TRUE(mentions(r, "Vérifications d'éligibilité 6"));
  EXPECT_TRUE(mentions(r, "CSS gratuite < 5"));
  EXPECT_TRUE(mentions(r, "CSS participative < 5"));
  EXPECT_TRUE(mentions(r, "Non éligibles < 5"));
  EXPECT_TRUE(mentions(r, "Orientations vers l'Assurance Maladie 5"));
  EXPECT_TRUE(mentions(r, "Ce bilan ne contient que des données agrégées"));
  EXPECT_TRUE(mentions(r, "effectif inférieur à 5 est affiché « < 5 »"));
  EXPECT_TRUE(mentions(r, "Aucune donnée individuelle d'adhésion ni aucune donnée de santé"));
  EXPECT_TRUE(mentions(r, "(convention, articles 3 et 6)"));
}

// PAR-05: the mutuelle's activity: counts by kind (exact), then the held events with date, kind,
// place and attendees (blank when not counted); the material reviews.
TEST(PartnerReport, PAR_05_ActivityAndMaterials) {
  Rendered r = render(annual_report_document(sample_report()));
  EXPECT_TRUE(mentions(r, "Action Tenues Prévues Annulées Participants"));
  EXPECT_TRUE(mentions(r, "Réunion d'information 2 1 1 41"));
  EXPECT_TRUE(mentions(r, "Permanence 1 0 0 0"));
  EXPECT_TRUE(mentions(r, "Présentation du bilan annuel 0 1 0 0"));
  EXPECT_TRUE(mentions(r, "Date Type Lieu Participants"));
  EXPECT_TRUE(mentions(r, "12 mars 2026 Réunion d'information Salle Jeanne d'Arc 25"));
  EXPECT_TRUE(mentions(r, "4 juin 2026 Permanence Mairie annexe de Montreynaud 8 octobre 2026"));
  EXPECT_TRUE(mentions(r, "Maison des associations 16"));
  EXPECT_TRUE(mentions(r, "Soumis 3"));
  EXPECT_TRUE(mentions(r, "Validés 1"));
  EXPECT_TRUE(mentions(r, "Refusés 1"));
  EXPECT_TRUE(mentions(r, "Publiés 1"));
  EXPECT_TRUE(mentions(r, "En attente de validation 0"));
}

// PAR-10: without the commune's name the recipient is its INSEE code alone.
TEST(PartnerReport, PAR_10_RecipientWithoutName) {
  AnnualReport report = sample_report();
  report.commune_name.clear();
  PdfDocument doc = annual_report_document(report);
  EXPECT_EQ(doc.recipient, std::vector<std::string>{"Code INSEE 42207"});
  EXPECT_EQ(doc.sender, std::vector<std::string>{"Mutuelle Générale d'Avignon"});
}

// PAR-10 PAR-06: a year without subscriptions prints a sentence instead of each empty breakdown
// table (pure: no rendering), and no table row can appear.
TEST(PartnerReport, PAR_10_EmptyBreakdownsSayNoSubscription) {
  AnnualReport report = sample_report();
  report.by_product.clear();
  report.by_link.clear();
  report.by_priority_public.clear();
  PdfDocument doc = annual_report_document(report);
  int sentences = 0;
  int breakdown_tables = 0;
  for (const PdfBlock& b : doc.blocks) {
    if (b.kind == PdfBlock::Kind::kParagraph && b.text == "Aucune adhésion en 2026.") ++sentences;
    if (b.kind == PdfBlock::Kind::kTable && !b.table.header.empty() &&
        b.table.header.front() == "Catégorie") {
      ++breakdown_tables;
    }
  }
  EXPECT_EQ(sentences, 3);
  EXPECT_EQ(breakdown_tables, 0);
  EXPECT_TRUE(has_paragraph(doc, "Aucune adhésion en 2026."));
}

// PAR-10: the conventions' statuses in French; an unknown status is kept as given.
TEST(PartnerReport, PAR_10_ConventionStatusesInFrench) {
  AnnualReport report = sample_report();
  report.conventions.clear();
  for (const char* status :
       {"active", "not_renewed", "terminating", "ended", "not_in_force", "suspended"}) {
    report.conventions.push_back({std::string("C-") + status, "MGA", "", make_date(2024, 1, 1),
                                  make_date(2030, 1, 1), status});
  }
  PdfDocument doc = annual_report_document(report);
  const PdfTable* conventions = nullptr;
  for (const PdfBlock& b : doc.blocks) {
    if (b.kind == PdfBlock::Kind::kTable && !b.table.header.empty() &&
        b.table.header.front() == "Convention") {
      conventions = &b.table;
      break;
    }
  }
  ASSERT_NE(conventions, nullptr);
  ASSERT_EQ(conventions->rows.size(), 6u);
  std::vector<std::string> statuses;
  for (const auto& row : conventions->rows) statuses.push_back(row.back());
  EXPECT_EQ(statuses,
            (std::vector<std::string>{"en cours", "non renouvelée", "résiliation en cours",
                                      "terminée", "pas encore en vigueur", "suspended"}));
  // No name given: the mutuelle's code.
  EXPECT_EQ(conventions->rows.front()[1], "MGA");
}

}  // namespace
}  // namespace mutua

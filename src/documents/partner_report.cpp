#include "documents/partner_report.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "documents/french.hpp"

namespace mutua {

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

const char* const kScheme = "Ma mutuelle Région";
// Between "<" and "5" in running text, so the masked-count sign never breaks over two lines.
const char* const kNbsp = "\u00A0";

std::string masked_sign() { return std::string("<") + kNbsp + std::to_string(kSmallCount); }

// A date the report may lack (an unknown end, an event not dated) prints as nothing rather than
// tripping french_date's assertion.
std::string date_text(Date d) { return d.ok() ? french_date(d) : std::string(); }

std::string french_convention_status(std::string_view status) {
  if (status == "active") return "en cours";
  if (status == "not_renewed") return "non renouvelée";
  if (status == "terminating") return "résiliation en cours";
  if (status == "ended") return "terminée";
  if (status == "not_in_force") return "pas encore en vigueur";
  return std::string(status);
}

std::string link_label(const ReportRow& row) {
  if (!row.label.empty()) return row.label;
  if (row.key == "residence") return "Résidence";
  if (row.key == "work") return "Lieu de travail";
  if (row.key == "not_recorded") return "Non renseigné";
  return row.key;
}

std::string priority_public_label(const ReportRow& row) {
  if (!row.label.empty()) return row.label;
  if (row.key == "not_recorded") return "Non renseigné";
  if (auto p = parse_priority_public(row.key)) return french_label(*p);
  return row.key;
}

std::string product_label(const ReportRow& row) { return row.label.empty() ? row.key : row.label; }

std::string commune_text(const AnnualReport& report) {
  return report.commune_name.empty() ? "la commune (code INSEE " + report.commune + ")"
                                     : "la commune de " + report.commune_name;
}

// One breakdown (by product, link or priority public): a table of shown counts, or a sentence
// when the year had no subscription, since an empty table tells the reader nothing.
void breakdown(PdfDocument& doc, const AnnualReport& report, std::string title,
               const std::vector<ReportRow>& rows, std::string (*label)(const ReportRow&)) {
  doc.blocks.push_back(heading(std::move(title)));
  if (rows.empty()) {
    doc.blocks.push_back(paragraph("Aucune adhésion en " + std::to_string(report.year) + "."));
    return;
  }
  PdfTable t;
  t.header = {"Catégorie", "Adhésions", "Personnes protégées"};
  t.right_align = {false, true, true};
  for (const ReportRow& row : rows) {
    t.rows.push_back({label(row), row.subscriptions.text(), row.insured_persons.text()});
  }
  doc.blocks.push_back(table(std::move(t)));
}

void conventions_section(PdfDocument& doc, const AnnualReport& report) {
  doc.blocks.push_back(heading("Conventions de partenariat"));
  if (report.conventions.empty()) {
    doc.blocks.push_back(paragraph("Aucune convention de partenariat n'est enregistrée avec " +
                                   commune_text(report) + "."));
    return;
  }
  PdfTable t;
  t.header = {"Convention", "Mutuelle", "Signée le", "Fin prévue", "Statut"};
  for (const ReportConvention& c : report.conventions) {
    t.rows.push_back({c.id, c.mutuelle_name.empty() ? c.mutuelle : c.mutuelle_name,
                      date_text(c.signed_on), date_text(c.ends_on),
                      french_convention_status(c.status)});
  }
  doc.blocks.push_back(table(std::move(t)));
}

void subscriptions_section(PdfDocument& doc, const AnnualReport& report) {
  doc.blocks.push_back(heading("Adhésions et personnes protégées"));
  doc.blocks.push_back(fields({
      {"Adhésions en cours dans l'année", report.subscriptions.text()},
      {"Personnes protégées", report.insured_persons.text()},
      {"Nouvelles adhésions", report.new_subscriptions.text()},
      {"Adhésions terminées", report.ended_subscriptions.text()},
  }));
}

void css_section(PdfDocument& doc, const AnnualReport& report) {
  doc.blocks.push_back(heading("Complémentaire santé solidaire"));
  doc.blocks.push_back(fields({
      {"Vérifications d'éligibilité", report.css_checks.text()},
      {"Éligibles à la CSS gratuite", report.css_free.text()},
      {"Éligibles à la CSS participative", report.css_participatory.text()},
      {"Non éligibles", report.css_not_eligible.text()},
      {"Orientations vers l'Assurance Maladie", report.css_orientations.text()},
  }));
}

// Activity counts are exact: they count the mutuelle's actions and headcounts, not people who
// could be singled out (partners/report.hpp).
void activity_section(PdfDocument& doc, const AnnualReport& report) {
  const std::string year = std::to_string(report.year);
  doc.blocks.push_back(heading("Actions de la mutuelle"));
  if (report.events.empty()) {
    doc.blocks.push_back(paragraph("Aucune action n'était prévue en " + year + "."));
  } else {
    PdfTable t;
    t.header = {"Action", "Tenues", "Prévues", "Annulées", "Participants"};
    t.right_align = {false, true, true, true, true};
    for (const AnnualReport::KindCount& k : report.events) {
      t.rows.push_back({french_label(k.kind), std::to_string(k.held), std::to_string(k.planned),
                        std::to_string(k.cancelled), std::to_string(k.attendees)});
    }
    doc.blocks.push_back(table(std::move(t)));
  }
  if (report.held.empty()) {
    doc.blocks.push_back(paragraph("Aucune action n'a été tenue en " + year + "."));
    return;
  }
  doc.blocks.push_back(paragraph("Actions tenues en " + year + " :"));
  PdfTable t;
  t.header = {"Date", "Type", "Lieu", "Participants"};
  t.right_align = {false, false, false, true};
  for (const ReportEventLine& e : report.held) {
    t.rows.push_back({date_text(e.date), french_label(e.kind), e.place,
                      e.attendees ? std::to_string(*e.attendees) : std::string()});
  }
  doc.blocks.push_back(table(std::move(t)));
}

void materials_section(PdfDocument& doc, const AnnualReport& report) {
  doc.blocks.push_back(heading("Validation des supports de communication"));
  doc.blocks.push_back(paragraph(
      "Supports utilisant la charte graphique de la commune, soumis à sa validation avant "
      "impression, mise en ligne ou diffusion (convention, article 2) :"));
  doc.blocks.push_back(fields({
      {"Soumis", std::to_string(report.materials_submitted)},
      {"Validés", std::to_string(report.materials_approved)},
      {"Refusés", std::to_string(report.materials_rejected)},
      {"Publiés", std::to_string(report.materials_published)},
      {"En attente de validation", std::to_string(report.materials_pending)},
  }));
}

std::string closing_text() {
  return "Ce bilan ne contient que des données agrégées. Tout effectif inférieur à " +
         std::to_string(kSmallCount) + " est affiché « " + masked_sign() +
         " » afin qu'aucune personne ne puisse être identifiée (secret statistique). Aucune "
         "donnée individuelle d'adhésion ni aucune donnée de santé n'est communiquée à la "
         "commune (convention, articles 3 et 6).";
}

}  // namespace

PdfDocument annual_report_document(const AnnualReport& report) {
  const std::string year = std::to_string(report.year);
  PdfDocument doc;
  doc.title = "Bilan annuel " + year + " — " + kScheme;
  if (!report.organism.empty()) doc.sender = {report.organism};
  if (!report.commune_name.empty()) doc.recipient.push_back("Commune de " + report.commune_name);
  doc.recipient.push_back("Code INSEE " + report.commune);
  doc.place_and_date = report.generated.ok() ? "Le " + french_date(report.generated) : "";
  doc.reference = "Réf. : bilan " + report.commune + "-" + year;
  // One line at 8 pt beside "Page n / N", so the rule is read on every page.
  doc.footer = "Convention « " + std::string(kScheme) + " » — effectifs inférieurs à " +
               std::to_string(kSmallCount) + " : « " + masked_sign() + " » (secret statistique).";

  const std::string organism = report.organism.empty() ? "La mutuelle" : report.organism;
  doc.blocks.push_back(paragraph("Conformément à la convention de partenariat « " +
                                 std::string(kScheme) + " », " + organism + " présente à " +
                                 commune_text(report) + " le bilan de son action pour l'année " +
                                 year + ", du " + french_date(first_of_year(report.year)) + " au " +
                                 french_date(last_of_year(report.year)) + "."));
  conventions_section(doc, report);
  subscriptions_section(doc, report);
  breakdown(doc, report, "Par produit", report.by_product, product_label);
  breakdown(doc, report, "Par lien avec la commune", report.by_link, link_label);
  breakdown(doc, report, "Par public prioritaire", report.by_priority_public,
            priority_public_label);
  css_section(doc, report);
  activity_section(doc, report);
  materials_section(doc, report);
  doc.blocks.push_back(heading("Confidentialité des données"));
  doc.blocks.push_back(paragraph(closing_text()));
  return doc;
}

}  // namespace mutua

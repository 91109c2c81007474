#include "documents/claims_statement.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <utility>
#include <vector>

#include "documents/french.hpp"

namespace mutua {

std::string french_care_category(const std::string& category) {
  static const std::map<std::string, std::string> kLabels = {
      {"CONSULT_GP", "Consultation généraliste"},
      {"CONSULT_SPE", "Consultation spécialiste"},
      {"TECH_ACTS", "Actes techniques médicaux"},
      {"IMAGING", "Radiologie, imagerie"},
      {"LAB", "Analyses de laboratoire"},
      {"PARAMED", "Auxiliaires médicaux"},
      {"PHARMA_65", "Médicaments remboursés à 65 %"},
      {"PHARMA_30", "Médicaments remboursés à 30 %"},
      {"PHARMA_15", "Médicaments remboursés à 15 %"},
      {"PHARMA_NR", "Médicaments non remboursés"},
      {"MEDICAL_DEVICES", "Dispositifs médicaux"},
      {"TRANSPORT", "Transport sanitaire"},
      {"HOSP_FEES", "Frais de séjour hospitalier"},
      {"HOSP_FEES_DOCTORS", "Honoraires à l'hôpital"},
      {"HOSP_DAILY_FEE", "Forfait journalier hospitalier"},
      {"PRIVATE_ROOM", "Chambre particulière"},
      {"ACCOMPANYING_BED", "Lit d'accompagnant"},
      {"DENTAL_CARE", "Soins dentaires"},
      {"DENTAL_PROSTH_100S", "Prothèse dentaire 100 % santé"},
      {"DENTAL_PROSTH_MODERATE", "Prothèse dentaire à tarifs maîtrisés"},
      {"DENTAL_PROSTH_FREE", "Prothèse dentaire à tarifs libres"},
      {"ORTHODONTICS", "Orthodontie"},
      {"DENTAL_IMPLANT", "Implant dentaire"},
      {"OPTICS_100S", "Équipement optique 100 % santé"},
      {"OPTICS_FRAME_LENSES", "Monture et verres"},
      {"CONTACT_LENSES", "Lentilles de contact"},
      {"HEARING_100S", "Aide auditive 100 % santé"},
      {"HEARING_FREE", "Aide auditive"},
      {"HEARING_SUPPLIES", "Accessoires auditifs"},
      {"THERMAL_CURE", "Cure thermale"},
      {"PREVENTION", "Prévention"},
      {"ALT_MEDICINE", "Médecine douce"},
      {"MATERNITY", "Maternité"},
  };
  auto it = kLabels.find(category);
  return it == kLabels.end() ? category : it->second;
}

namespace {

// "05/01/2026": the table's date column stays narrow, the amounts keep their room.
std::string short_date(Date d) {
  char out[16];
  std::snprintf(out, sizeof out, "%02u/%02u/%04d", static_cast<unsigned>(d.day()),
                static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
  return out;
}

std::string act_text(const StatementLine& l) {
  std::string s = french_care_category(l.category);
  if (!l.act_code.empty()) s += " (" + l.act_code + ")";
  if (l.quantity > 1) s += " × " + std::to_string(l.quantity);
  return s;
}

std::string payee_text(const StatementLine& l) {
  if (l.payee == Payee::kMember) return "Vous";
  return l.payee_ref.empty() ? "Professionnel de santé" : l.payee_ref;
}

std::string person(const StatementNames& names, const std::string& id) {
  auto it = names.beneficiaries.find(id);
  return it == names.beneficiaries.end() ? id : it->second;
}

PdfTable lines_table(const Statement& st, const StatementPayment& p, const StatementNames& names) {
  const bool others = std::any_of(st.lines.begin(), st.lines.end(), [&](const StatementLine& l) {
    return l.run_id == p.run_id && !l.other_payers.is_zero();
  });
  PdfTable t;
  // The beneficiary column only when the payment concerns several persons: the table must fit
  // the page width with its amounts unwrapped.
  std::set<std::string> persons;
  for (const StatementLine& l : st.lines) {
    if (l.run_id == p.run_id) persons.insert(l.beneficiary_id);
  }
  const bool who = persons.size() > 1;
  t.header = {"Soins du", "Acte", "Dépense", "Ass. Maladie"};
  if (others) t.header.push_back("Autres payeurs");
  t.header.insert(t.header.end(), {"Mutuelle", "Reste à charge", "Payé à"});
  t.right_align.assign(t.header.size(), true);
  t.right_align[0] = t.right_align[1] = false;
  t.right_align.back() = false;
  Money charged, ro, other, rc, remaining;
  for (const StatementLine& l : st.lines) {
    if (l.run_id != p.run_id) continue;
    // Several persons: the act names whose care it was ("Consultation généraliste (G), Léo").
    const std::string act = who ? act_text(l) + ", " + person(names, l.beneficiary_id) : act_text(l);
    std::vector<std::string> row = {short_date(l.care_date), act, french_money(l.charged),
                                    french_money(l.ro_paid)};
    if (others) row.push_back(french_money(l.other_payers));
    row.insert(row.end(),
               {french_money(l.rc), french_money(l.remaining), payee_text(l)});
    t.rows.push_back(std::move(row));
    charged += l.charged;
    ro += l.ro_paid;
    other += l.other_payers;
    rc += l.rc;
    remaining += l.remaining;
  }
  std::vector<std::string> total = {"Total", "", french_money(charged), french_money(ro)};
  if (others) total.push_back(french_money(other));
  total.insert(total.end(), {french_money(rc), french_money(remaining), ""});
  t.rows.push_back(std::move(total));
  return t;
}

std::vector<std::pair<std::string, std::string>> payment_fields(const StatementPayment& p,
                                                                const StatementNames& names) {
  std::vector<std::pair<std::string, std::string>> f = {{"Payé le", french_date(p.paid_on)}};
  if (p.to_member.is_zero()) {
    f.push_back({"Versé à vous-même", french_money(p.to_member) + " (aucun virement)"});
  } else {
    f.push_back({"Versé à vous-même", french_money(p.to_member)});
    f.push_back({"Référence du virement", p.reference});
    if (!names.member_iban_masked.empty()) f.push_back({"Compte crédité", names.member_iban_masked});
  }
  if (!p.to_providers.is_zero()) {
    f.push_back({"Versé aux professionnels de santé (tiers payant)", french_money(p.to_providers)});
  }
  return f;
}

}  // namespace

PdfDocument statement_document(PdfDocument letter, const Statement& st,
                               const StatementNames& names) {
  const bool period = names.period_from && names.period_to;
  letter.title = "Décompte de remboursement";
  letter.blocks.push_back(heading(
      period ? "Objet : vos remboursements du " + french_date(*names.period_from) + " au " +
                   french_date(*names.period_to)
             : "Objet : décompte de votre remboursement du " +
                   french_date(st.payments.front().paid_on)));
  letter.blocks.push_back(paragraph("Madame, Monsieur,"));
  letter.blocks.push_back(paragraph(
      "Vous trouverez ci-dessous le détail des soins remboursés par la mutuelle : pour chaque "
      "acte, la dépense engagée, le remboursement de l'Assurance Maladie, celui de la mutuelle, "
      "le reste à votre charge et le bénéficiaire du paiement (vous-même, ou le professionnel de "
      "santé en cas de tiers payant)."));
  for (const StatementPayment& p : st.payments) {
    letter.blocks.push_back(heading("Paiement du " + french_date(p.paid_on)));
    letter.blocks.push_back(table(lines_table(st, p, names)));
    letter.blocks.push_back(fields(payment_fields(p, names)));
  }
  if (st.payments.size() > 1) {
    letter.blocks.push_back(heading("Récapitulatif"));
    std::vector<std::pair<std::string, std::string>> f = {
        {"Dépenses", french_money(st.charged)},
        {"Remboursé par l'Assurance Maladie", french_money(st.ro_paid)},
        {"Remboursé par la mutuelle", french_money(st.rc)},
        {"dont versé à vous-même", french_money(st.to_member)},
        {"dont versé aux professionnels de santé", french_money(st.to_providers)},
        {"Reste à votre charge", french_money(st.remaining)}};
    if (!st.other_payers.is_zero()) {
      f.insert(f.begin() + 2, {"Remboursé par d'autres organismes", french_money(st.other_payers)});
    }
    letter.blocks.push_back(fields(f));
  }
  letter.blocks.push_back(paragraph(
      "Ce décompte comporte des informations relatives à votre santé : il vous est adressé "
      "personnellement. Conservez-le : il peut vous être demandé par un autre organisme "
      "complémentaire. Pour toute question, contactez le service des prestations en rappelant "
      "la référence du virement."));
  letter.blocks.push_back(signature("Le service des prestations"));
  return letter;
}

}  // namespace mutua

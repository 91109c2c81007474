#include "documents/billing_letters.hpp"

#include <algorithm>
#include <utility>

#include "documents/french.hpp"

namespace mutua {

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

const char* const kRegulation = "règlement mutualiste";
const char* const kDunningLaw = "article L221-7 du Code de la mutualité";

// A line closing an instalment table: its label goes in the due-date column.
struct ClosingLine {
  std::string label;
  Money amount;
};

std::string article(int n) { return "article " + std::to_string(n) + " du " + kRegulation; }

// "22 novembre" from "22 novembre 2026": the year is said once for a period within a year.
std::string without_year(Date d) {
  std::string s = french_date(d);
  return s.substr(0, s.rfind(' '));
}

std::string period_text(Date from, Date to) {
  if (!from.ok() || !to.ok()) return "";
  std::string start = year_of(from) == year_of(to) ? without_year(from) : french_date(from);
  return "du " + start + " au " + french_date(to);
}

bool has_period(const LetterInstalment& i) { return i.from.ok() && i.to.ok(); }

Money total_of(const std::vector<LetterInstalment>& rows) {
  Money sum;
  for (const LetterInstalment& i : rows) sum += i.amount;
  return sum;
}

std::string french_role(std::string_view role) {
  if (role == "member") return "Adhérent(e)";
  if (role == "spouse") return "Conjoint";
  if (role == "child") return "Enfant";
  return std::string(role);
}

// Columns are present only when some row fills them, so a plain schedule stays narrow.
PdfTable instalment_table(const std::vector<LetterInstalment>& rows,
                          const std::vector<ClosingLine>& closing_lines) {
  const bool periods = std::any_of(rows.begin(), rows.end(), has_period);
  const bool statuses = std::any_of(rows.begin(), rows.end(),
                                    [](const LetterInstalment& i) { return !i.status.empty(); });
  PdfTable t;
  t.header = {"N°", "Échéance"};
  if (periods) t.header.push_back("Période couverte");
  const size_t amount_col = t.header.size();
  t.header.push_back("Montant");
  if (statuses) t.header.push_back("Situation");
  t.right_align.assign(t.header.size(), false);
  t.right_align[0] = t.right_align[amount_col] = true;
  int n = 0;
  for (const LetterInstalment& i : rows) {
    std::vector<std::string> row = {std::to_string(++n), french_date(i.due)};
    if (periods) row.push_back(period_text(i.from, i.to));
    row.push_back(french_money(i.amount));
    if (statuses) row.push_back(i.status);
    t.rows.push_back(std::move(row));
  }
  for (const ClosingLine& c : closing_lines) {
    std::vector<std::string> row(t.header.size());
    row[1] = c.label;
    row[amount_col] = french_money(c.amount);
    t.rows.push_back(std::move(row));
  }
  return t;
}

PdfTable person_table(const std::vector<LetterPerson>& persons) {
  const bool notes = std::any_of(persons.begin(), persons.end(),
                                 [](const LetterPerson& p) { return !p.note.empty(); });
  PdfTable t;
  t.header = {"Bénéficiaire", "Qualité", "Cotisation mensuelle", "Cotisation annuelle"};
  if (notes) t.header.push_back("Observation");
  t.right_align = {false, false, true, true};
  Money monthly, annual;
  for (const LetterPerson& p : persons) {
    t.rows.push_back(
        {p.name, french_role(p.role), french_money(p.monthly), french_money(p.annual)});
    if (notes) t.rows.back().push_back(p.note);
    monthly += p.monthly;
    annual += p.annual;
  }
  t.rows.push_back({"Total", "", french_money(monthly), french_money(annual)});
  return t;
}

Fields debit_fields(const DebitDetails& d) {
  Fields f = {{"Référence unique du mandat (RUM)", d.rum},
              {"Identifiant créancier SEPA (ICS)", d.creditor_id}};
  if (!d.creditor_name.empty()) f.push_back({"Créancier", d.creditor_name});
  if (!d.iban_masked.empty()) f.push_back({"Compte débité", d.iban_masked});
  return f;
}

// The member's rights under the SEPA Core rulebook, said on every debit notice.
std::string sepa_rights() {
  return "Nous vous remercions de veiller à ce que votre compte soit approvisionné à chaque date "
         "de prélèvement. Vous pouvez demander à votre banque le remboursement d'un prélèvement "
         "autorisé dans les huit semaines suivant la date de débit de votre compte.";
}

std::string dunning_reminder() {
  return "Une échéance non réglée dans les dix jours de sa date donne lieu à une mise en demeure "
         "et peut entraîner la suspension puis la résiliation de vos garanties (" +
         article(12) + ", " + kDunningLaw + ").";
}

std::string waiver_offer() {
  return "Si des circonstances indépendantes de votre volonté vous ont empêché(e) de payer, "
         "faites-le-nous savoir en joignant tout justificatif : il pourra être sursis à "
         "l'application de ces mesures (" +
         article(12) + ").";
}

std::string split_is_a_facility() {
  return "Le fractionnement de vos règlements est une facilité de paiement : il ne modifie pas "
         "l'échéance annuelle de votre adhésion (" +
         article(8) + ").";
}

// Title, subject line and greeting: the start shared by every letter.
void open(PdfDocument& letter, std::string title, const std::string& subject) {
  letter.title = std::move(title);
  letter.blocks.push_back(heading("Objet : " + subject));
  letter.blocks.push_back(paragraph("Madame, Monsieur,"));
}

void close(PdfDocument& letter) {
  letter.blocks.push_back(
      paragraph("Nous restons à votre disposition pour tout renseignement et vous prions d'agréer, "
                "Madame, Monsieur, l'expression de nos salutations distinguées."));
  letter.blocks.push_back(signature("Le service des cotisations"));
}

std::string organism(const PdfDocument& letter) {
  return letter.sender.empty() ? std::string("la mutuelle") : letter.sender.front();
}

// How to pay: by direct debit the call itself pre-notifies every debit of the schedule (BIL-03).
void payment_blocks(PdfDocument& letter, const AnnualCallLetter& data) {
  const std::string ref = data.transfer_reference;
  if (data.method == "direct_debit" && data.debit) {
    letter.blocks.push_back(heading("Prélèvement SEPA"));
    letter.blocks.push_back(paragraph(
        "Votre cotisation sera prélevée sur votre compte aux dates et pour les montants indiqués "
        "dans l'échéancier ci-dessus. Le présent appel de cotisation vaut pré-notification de "
        "chacun de ces prélèvements SEPA, effectués au titre du mandat suivant :"));
    letter.blocks.push_back(fields(debit_fields(*data.debit)));
    letter.blocks.push_back(paragraph(sepa_rights()));
  } else if (data.method == "direct_debit") {
    letter.blocks.push_back(paragraph(
        "Votre cotisation sera prélevée sur votre compte aux dates indiquées dans l'échéancier "
        "ci-dessus. Chaque prélèvement vous sera pré-notifié avant sa date."));
  } else if (data.method == "transfer") {
    letter.blocks.push_back(paragraph(
        "Nous vous remercions d'effectuer chaque virement au plus tard à la date d'échéance "
        "indiquée" +
        (ref.empty() ? "." : ", en rappelant dans son libellé la référence " + ref + ".")));
  } else if (data.method == "cheque") {
    letter.blocks.push_back(paragraph(
        "Nous vous remercions d'adresser chaque règlement par chèque libellé à l'ordre de " +
        organism(letter) + ", au plus tard à la date d'échéance indiquée" +
        (ref.empty() ? "." : ", en inscrivant au dos la référence " + ref + ".")));
  } else {
    letter.blocks.push_back(
        paragraph("Nous vous remercions de régler chaque échéance au plus tard à sa date."));
  }
}

// L221-10-1 (DEM-07): the last day to resign the renewal, and the 20 days when the call is late.
std::string renewal_sentence(const AnnualCallLetter& data) {
  std::string text = "Votre adhésion se renouvelle par tacite reconduction au " +
                     french_date(first_of_year(data.year)) +
                     ". Vous pouvez dénoncer cette reconduction par lettre ou par courriel "
                     "envoyé au plus tard le " + french_date(*data.resign_by) + ".";
  if (data.resign_late) {
    text += " Le présent avis vous étant adressé moins de quinze jours avant cette date ou après "
            "celle-ci, vous disposez d'un délai de vingt jours à compter de sa date d'envoi, le "
            "cachet de la poste faisant foi, pour dénoncer la reconduction.";
  }
  return text + " (article L221-10-1 du code de la mutualité)";
}

std::string balance_text(const ScheduleLetter& data) {
  const std::string year = std::to_string(data.year);
  if (data.balance.is_negative()) {
    return "Votre compte présente un solde de " + french_money(-data.balance) +
           " en votre faveur. Ce montant vous sera remboursé ou viendra en déduction de vos "
           "prochaines échéances.";
  }
  if (data.balance.is_zero()) return "Votre compte est à jour. Nous vous en remercions.";
  return "Il reste " + french_money(data.balance) + " à régler au titre de l'année " + year +
         ", selon l'échéancier ci-dessus.";
}

std::pair<std::string, std::string> balance_field(Money balance) {
  if (balance.is_negative()) return {"Solde en votre faveur", french_money(-balance)};
  if (balance.is_zero()) return {"Reste à régler", french_money(balance) + " (compte à jour)"};
  return {"Reste à régler", french_money(balance)};
}

// The notice's table: the instalments claimed, then the difference with the sum claimed (when
// there is one) so that the last line, "Total dû", is exactly `arrears`.
PdfTable arrears_table(const FormalNoticeLetter& data) {
  std::vector<ClosingLine> lines;
  Money difference = data.arrears - total_of(data.unpaid);
  if (difference.cents() > 0) {
    lines.push_back({"Frais de poursuites et de recouvrement", difference});
  } else if (difference.is_negative()) {
    lines.push_back({"Sommes déjà reçues", difference});
  }
  lines.push_back({"Total dû", data.arrears});
  return instalment_table(data.unpaid, lines);
}

}  // namespace

std::string french_frequency(std::string_view frequency) {
  if (frequency == "monthly") return "mensuel";
  if (frequency == "quarterly") return "trimestriel";
  if (frequency == "half_yearly") return "semestriel";
  if (frequency == "yearly") return "annuel";
  return std::string(frequency);
}

std::string french_payment_method(std::string_view method) {
  if (method == "direct_debit") return "prélèvement SEPA";
  if (method == "transfer") return "virement";
  if (method == "cheque") return "chèque";
  return std::string(method);
}

PdfDocument annual_call_letter(PdfDocument letter, const AnnualCallLetter& data) {
  const std::string year = std::to_string(data.year);
  open(letter, "Appel de cotisation " + year, "appel de votre cotisation pour l'année " + year);
  letter.blocks.push_back(paragraph(
      "Conformément à l'" + article(8) +
      ", votre cotisation est annuelle, établie par année "
      "civile et payable d'avance. Nous vous adressons l'appel de votre cotisation pour la "
      "période du " +
      french_date(first_of_year(data.year)) + " au " + french_date(last_of_year(data.year)) + "."));
  letter.blocks.push_back(fields({
      {"Cotisation annuelle " + year, french_money(data.annual)},
      {"Paiement", french_frequency(data.frequency)},
      {"Moyen de paiement", french_payment_method(data.method)},
      {"Nombre d'échéances", std::to_string(data.schedule.size())},
  }));
  if (!data.persons.empty()) {
    letter.blocks.push_back(heading("Détail de votre cotisation"));
    letter.blocks.push_back(table(person_table(data.persons)));
  }
  letter.blocks.push_back(heading("Échéancier " + year));
  letter.blocks.push_back(
      table(instalment_table(data.schedule, {{"Total", total_of(data.schedule)}})));
  for (const auto& [from, to] : data.suspended) {
    letter.blocks.push_back(paragraph(
        "Vos droits sont suspendus du " + french_date(from) + " au " + french_date(to) + " (" +
        article(10) + ") : aucune cotisation n'est due pour ces jours, les montants ci-dessus "
        "en tiennent compte."));
  }
  if (data.frequency != "yearly") letter.blocks.push_back(paragraph(split_is_a_facility()));
  payment_blocks(letter, data);
  if (data.resign_by) letter.blocks.push_back(paragraph(renewal_sentence(data)));
  letter.blocks.push_back(paragraph(
      "Vos droits aux garanties sont ouverts pour la période couverte par les cotisations versées "
      "(" +
      article(9) + "). " + dunning_reminder()));
  close(letter);
  return letter;
}

PdfDocument schedule_letter(PdfDocument letter, const ScheduleLetter& data) {
  const std::string year = std::to_string(data.year);
  open(letter, "Échéancier de cotisation " + year, "échéancier de votre cotisation " + year);
  letter.blocks.push_back(
      paragraph("Vous trouverez ci-dessous l'échéancier de votre cotisation pour l'année " + year +
                ", avec la situation de chaque échéance à ce jour."));
  letter.blocks.push_back(fields({
      {"Paiement", french_frequency(data.frequency)},
      {"Moyen de paiement", french_payment_method(data.method)},
  }));
  letter.blocks.push_back(
      table(instalment_table(data.schedule, {{"Total", total_of(data.schedule)}})));
  letter.blocks.push_back(fields({
      {"Cotisation annuelle " + year, french_money(data.annual)},
      {"Montant réglé", french_money(data.paid)},
      balance_field(data.balance),
  }));
  letter.blocks.push_back(paragraph(balance_text(data)));
  const bool overdue = std::any_of(data.schedule.begin(), data.schedule.end(),
                                   [](const LetterInstalment& i) { return i.status == "impayée"; });
  if (overdue) {
    letter.blocks.push_back(
        paragraph("Nous vous remercions de régulariser sans délai les échéances impayées. " +
                  dunning_reminder()));
  }
  if (data.frequency != "yearly") letter.blocks.push_back(paragraph(split_is_a_facility()));
  close(letter);
  return letter;
}

PdfDocument prenotification_letter(PdfDocument letter, const PrenotificationLetter& data) {
  open(letter, "Avis de prélèvement SEPA",
       "pré-notification du prélèvement du " + french_date(data.collection_date));
  letter.blocks.push_back(
      paragraph("Nous vous informons qu'un prélèvement SEPA de " + french_money(data.amount) +
                " sera présenté sur votre compte le " + french_date(data.collection_date) +
                " au titre de votre cotisation" +
                (data.instalments.empty() ? "." : ", pour les échéances indiquées ci-dessous.")));
  Fields f = {{"Montant du prélèvement", french_money(data.amount)},
              {"Date de prélèvement", french_date(data.collection_date)}};
  for (auto& field : debit_fields(data.debit)) f.push_back(std::move(field));
  letter.blocks.push_back(fields(f));
  if (!data.instalments.empty()) {
    letter.blocks.push_back(heading("Échéances concernées"));
    letter.blocks.push_back(
        table(instalment_table(data.instalments, {{"Total", total_of(data.instalments)}})));
  }
  letter.blocks.push_back(paragraph(sepa_rights()));
  close(letter);
  return letter;
}

PdfDocument formal_notice_letter(PdfDocument letter, const FormalNoticeLetter& data) {
  const std::string suspension = french_date(data.suspension_date);
  const std::string termination = french_date(data.termination_date);
  letter.blocks.push_back(paragraph("Lettre recommandée avec accusé de réception"));
  open(letter, "Mise en demeure", "mise en demeure de payer vos cotisations");
  const std::string window = std::to_string(data.window_days);
  letter.blocks.push_back(paragraph(
      "Sauf erreur ou omission de notre part, les échéances de cotisation ci-dessous n'ont pas été "
      "réglées dans les " + window + " jours de leur échéance et restent impayées à ce jour. Ce "
      "délai compte le jour de l'échéance comme premier jour : pour l'échéance du " +
      french_date(data.oldest_due) + ", il a pris fin le " + french_date(data.window_end) +
      " au soir, et la présente mise en demeure ne pouvait vous être adressée avant le " +
      french_date(add_days(data.window_end, 1)) + "."));
  letter.blocks.push_back(table(arrears_table(data)));
  letter.blocks.push_back(paragraph(
      "Par la présente lettre, nous vous mettons en demeure de nous régler la somme de " +
      french_money(data.arrears) + " dans un délai de " + std::to_string(data.suspension_days) +
      " jours."));
  const std::string law = "Conformément à l'" + std::string(kDunningLaw) + " et à l'" + article(12);
  const std::string days = std::to_string(data.termination_days) + " jours";
  letter.blocks.push_back(paragraph(
      law + ", à défaut de paiement dans ce délai, vos garanties seront suspendues à compter du " +
      suspension + " : les soins reçus à compter de cette date ne seront pas remboursés. " +
      "Au terme d'un délai de " + days + " après cette suspension, soit à compter du " +
      termination + ", la mutuelle pourra résilier vos garanties : le défaut de paiement de " +
      "votre cotisation est susceptible d'entraîner la résiliation de vos garanties."));
  letter.blocks.push_back(fields({
      {"Somme due", french_money(data.arrears)},
      {"Suspension à défaut de paiement", "le " + suspension},
      {"Résiliation possible à compter du", termination},
  }));
  letter.blocks.push_back(paragraph(
      "Tant que vos garanties ne sont pas résiliées, le paiement des échéances mentionnées "
      "ci-dessus et de celles venues à échéance depuis, ainsi que, le cas échéant, des frais de "
      "poursuites et de recouvrement, les remet en vigueur ; les soins reçus pendant la "
      "suspension sont alors couverts. Lorsque la cotisation annuelle est fractionnée, la "
      "suspension intervenue pour une échéance impayée produit ses effets jusqu'à la fin de "
      "l'année civile, sauf paiement des sommes dues."));
  letter.blocks.push_back(paragraph(waiver_offer()));
  letter.blocks.push_back(paragraph(
      "Si vous avez réglé cette somme entre-temps, nous vous prions de ne pas tenir compte de la "
      "présente lettre."));
  close(letter);
  return letter;
}

PdfDocument suspension_letter(PdfDocument letter, const SuspensionLetter& data) {
  const std::string from = french_date(data.suspended_from);
  const std::string termination = french_date(data.termination_date);
  open(letter, "Suspension de vos garanties",
       "suspension de vos garanties pour non-paiement de vos cotisations");
  letter.blocks.push_back(paragraph(
      "Par lettre recommandée du " + french_date(data.notice_date) +
      ", nous vous avons mis(e) en "
      "demeure de régler vos cotisations échues. Cette mise en demeure étant restée sans effet, "
      "vos garanties sont suspendues à compter du " +
      from + ", conformément à l'" + kDunningLaw + " et à l'" + article(12) + "."));
  letter.blocks.push_back(fields({
      {"Mise en demeure du", french_date(data.notice_date)},
      {"Somme due à ce jour", french_money(data.arrears)},
      {"Garanties suspendues à compter du", from},
      {"Résiliation possible à compter du", termination},
  }));
  letter.blocks.push_back(paragraph("Pendant la suspension, les soins reçus à compter du " + from +
                                    " ne sont pas remboursés et "
                                    "votre carte d'adhérent ne permet plus le tiers payant."));
  letter.blocks.push_back(paragraph(
      "Si vous réglez avant le " + termination + " la somme due, soit " +
      french_money(data.arrears) +
      " à ce jour, ainsi que les échéances venues à échéance d'ici "
      "là, vos garanties seront remises en vigueur et les soins reçus pendant la suspension "
      "seront alors couverts. À défaut, la mutuelle pourra résilier vos garanties à compter du " +
      termination + " ; la somme due resterait exigible."));
  letter.blocks.push_back(paragraph(waiver_offer()));
  close(letter);
  return letter;
}

PdfDocument termination_letter(PdfDocument letter, const TerminationLetter& data) {
  const std::string end = french_date(data.terminated_on);
  open(letter, "Résiliation de vos garanties",
       "résiliation de vos garanties pour non-paiement de vos cotisations");
  letter.blocks.push_back(
      paragraph("Malgré notre mise en demeure du " + french_date(data.notice_date) +
                ", vos cotisations "
                "échues n'ont pas été réglées. En application de l'" +
                kDunningLaw + " et de l'" + article(12) +
                ", nous vous informons de la résiliation de vos garanties, qui prennent fin "
                "le " +
                end + " au soir."));
  Fields f = {{"Mise en demeure du", french_date(data.notice_date)},
              {"Fin des garanties", "le " + end + " au soir"}};
  if (!data.arrears.is_zero()) f.push_back({"Somme restant due", french_money(data.arrears)});
  if (!data.refund.is_zero()) f.push_back({"Cotisation à rembourser", french_money(data.refund)});
  letter.blocks.push_back(fields(f));
  letter.blocks.push_back(paragraph(
      "Aucune prestation ne pourra être servie pour des soins postérieurs au " + end +
      ". Les "
      "prestations qui auraient été versées pour de tels soins, y compris en tiers payant, "
      "devront être restituées à la mutuelle (" +
      article(13) + ")."));
  if (!data.arrears.is_zero()) {
    letter.blocks.push_back(
        paragraph("La somme de " + french_money(data.arrears) +
                  " reste due : la résiliation ne vous libère "
                  "pas des cotisations échues, dont la mutuelle conserve le droit de poursuivre le "
                  "recouvrement, y compris en justice (" +
                  article(12) + ")."));
  }
  if (!data.refund.is_zero()) {
    letter.blocks.push_back(paragraph(
        "La partie de cotisation correspondant à la période postérieure au " + end + ", soit " +
        french_money(data.refund) + ", vous sera remboursée (" + article(11) + ")."));
  }
  letter.blocks.push_back(paragraph(
      "Nous vous remercions de nous restituer votre carte d'adhérent, qui reste la propriété de la "
      "mutuelle (" +
      article(13) +
      "). Un justificatif d'adhésion ou une attestation de "
      "non-majoration vous est adressé séparément."));
  close(letter);
  return letter;
}

}  // namespace mutua

// Billing and dunning letters (DOC-02): each letter is rendered to PDF and read back with
// poppler's pdftotext, as a member's PDF reader would, then searched for its key sentences,
// dates and amounts. Whitespace is collapsed before searching: a sentence may wrap anywhere.
#include "documents/billing_letters.hpp"

#include <gtest/gtest.h>

#include "documents/documents_test_support.hpp"
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "documents/french.hpp"
#include "documents/pdf_render.hpp"

namespace mutua {
namespace {

Money cents(int64_t c) { return Money::from_cents(c); }

using testing_support::flat;
using testing_support::mentions;
using testing_support::render_pdf;
using testing_support::Rendered;

bool page_has(const std::string& page, const std::string& part) {
  return page.find(flat(part)) != std::string::npos;
}

Rendered render(const PdfDocument& doc) { return render_pdf(doc, "-layout"); }

// The letterhead the app layer fills before calling a builder.
PdfDocument letterhead() {
  PdfDocument d;
  d.sender = {"Mutuelle Générale d'Avignon", "Service des cotisations", "SIREN 334 489 986"};
  d.recipient = {"Mme Hélène Lefèvre", "3 place de l'Église", "84000 Avignon"};
  d.place_and_date = "Le " + french_date(make_date(2026, 12, 1));
  d.reference = "Réf. : contrat C000123";
  d.footer =
      "Mutuelle Générale d'Avignon — mutuelle régie par le livre II du Code de la mutualité.";
  return d;
}

DebitDetails debit() {
  return {"MGA-C000123-001", "FR12ZZZ123456", "Mutuelle Générale d'Avignon",
          "FR76 **** **** **** **** ***1 234"};
}

// A year split in `parts` instalments due on the 5th, each covering its period (BIL-02).
std::vector<LetterInstalment> year_schedule(int year, int parts, Money annual) {
  std::vector<LetterInstalment> out;
  std::vector<Money> amounts = annual.split(parts);
  int months = 12 / parts;
  for (int i = 0; i < parts; ++i) {
    Date from = make_date(year, static_cast<unsigned>(1 + i * months), 1);
    Date to = add_days(add_months(from, months), -1);
    out.push_back({add_days(from, 4), from, to, amounts[static_cast<size_t>(i)], ""});
  }
  return out;
}

AnnualCallLetter annual_call(const std::string& method, const std::string& frequency, int parts) {
  AnnualCallLetter a;
  a.year = 2027;
  a.annual = cents(123456);
  a.frequency = frequency;
  a.method = method;
  a.persons = {
      {"Hélène Lefèvre", "member", cents(6173), cents(74076), "coefficient de majoration 4 %"},
      {"Paul Lefèvre", "spouse", cents(4115), cents(49380), ""},
      {"Léa Lefèvre", "child", cents(0), cents(0), "3e enfant : gratuit"}};
  a.schedule = year_schedule(2027, parts, a.annual);
  a.transfer_reference = "C000123";
  return a;
}

const PdfTable* first_table(const PdfDocument& d) {
  for (const PdfBlock& b : d.blocks) {
    if (b.kind == PdfBlock::Kind::kTable) return &b.table;
  }
  return nullptr;
}

// DOC-02 BIL-02 BIL-03: French words for the contract's codes; unknown codes are kept.
TEST(BillingLetters, DOC_02_FrenchFrequencyAndPaymentMethod) {
  EXPECT_EQ(french_frequency("monthly"), "mensuel");
  EXPECT_EQ(french_frequency("quarterly"), "trimestriel");
  EXPECT_EQ(french_frequency("half_yearly"), "semestriel");
  EXPECT_EQ(french_frequency("yearly"), "annuel");
  EXPECT_EQ(french_frequency("weekly"), "weekly");
  EXPECT_EQ(french_payment_method("direct_debit"), "prélèvement SEPA");
  EXPECT_EQ(french_payment_method("transfer"), "virement");
  EXPECT_EQ(french_payment_method("cheque"), "chèque");
  EXPECT_EQ(french_payment_method("cash"), "cash");
}

// DOC-02 BIL-01 BIL-02 BIL-03: the annual call paid by direct debit: the year, the persons'
// contributions, the twelve instalments summing to the annual amount, and the pre-notification
// of every debit with the mandate's RUM and the creditor's ICS.
TEST(BillingLetters, DOC_02_BIL_01_BIL_03_AnnualCallByDirectDebitPrenotifiesEveryDebit) {
  AnnualCallLetter a = annual_call("direct_debit", "monthly", 12);
  a.debit = debit();
  PdfDocument doc = annual_call_letter(letterhead(), a);
  EXPECT_EQ(doc.title, "Appel de cotisation 2027");
  EXPECT_EQ(doc.sender.front(), "Mutuelle Générale d'Avignon");  // letterhead kept
  Rendered r = render(doc);
  ASSERT_FALSE(r.pages.empty());
  for (const char* expected :
       {"Appel de cotisation 2027", "Objet : appel de votre cotisation pour l'année 2027",
        "Madame, Monsieur,", "Réf. : contrat C000123", "Mme Hélène Lefèvre",
        "article 8 du règlement mutualiste", "payable d'avance",
        "pour la période du 1er janvier 2027 au 31 décembre 2027",
        "Cotisation annuelle 2027 1 234,56 €", "Paiement mensuel",
        "Moyen de paiement prélèvement SEPA", "Nombre d'échéances 12",
        // persons, with their notes and a total line
        "Hélène Lefèvre Adhérent(e) 61,73 € 740,76 € coefficient de majoration 4",
        "Paul Lefèvre Conjoint 41,15 € 493,80 €",
        "Léa Lefèvre Enfant 0,00 € 0,00 € 3e enfant : gratuit", "Total 102,88 € 1 234,56 €",
        // schedule: due dates, periods, amounts, total
        "1 5 janvier 2027 du 1er janvier au 31 janvier 2027 102,88 €",
        "12 5 décembre 2027 du 1er décembre au 31 décembre 2027 102,88 €", "Total 1 234,56 €",
        "facilité de paiement",
        // BIL-03: the call is the pre-notification, with RUM and ICS
        "vaut pré-notification de chacun de ces prélèvements SEPA",
        "Référence unique du mandat (RUM) MGA-C000123-001",
        "Identifiant créancier SEPA (ICS) FR12ZZZ123456",
        "Compte débité FR76 **** **** **** **** ***1 234", "huit semaines",
        "article 9 du règlement mutualiste", "mise en demeure",
        "(article 12 du règlement mutualiste, article L221-7 du Code de la mutualité)",
        "salutations distinguées", "Le service des cotisations"}) {
    EXPECT_TRUE(mentions(r, expected));
  }
}

// DOC-02 BIL-02 BIL-03: the rounding remainder of the split shows on the last instalment, and
// the total line still gives the annual amount.
TEST(BillingLetters, DOC_02_BIL_02_TotalLineSumsTheInstalments) {
  AnnualCallLetter a = annual_call("direct_debit", "quarterly", 4);
  a.annual = cents(100001);
  a.schedule = year_schedule(2027, 4, a.annual);
  PdfDocument doc = annual_call_letter(letterhead(), a);
  Rendered r = render(doc);
  EXPECT_TRUE(mentions(r, "1 5 janvier 2027 du 1er janvier au 31 mars 2027 250,00 €"));
  EXPECT_TRUE(mentions(r, "4 5 octobre 2027 du 1er octobre au 31 décembre 2027 250,01 €"));
  EXPECT_TRUE(mentions(r, "Total 1 000,01 €"));
  EXPECT_TRUE(mentions(r, "Paiement trimestriel"));
}

// DOC-02, SUS-01, SUS-02: a suspension within the year is named on the call, which says its days
// are not due and the amounts already leave them out.
TEST(BillingLetters, DOC_02_SUS_02_TheCallNamesTheSuspendedDays) {
  AnnualCallLetter a = annual_call("transfer", "yearly", 1);
  a.suspended.emplace_back(Date{std::chrono::year{2027}, std::chrono::month{3}, std::chrono::day{31}},
                           Date{std::chrono::year{2027}, std::chrono::month{6}, std::chrono::day{30}});
  Rendered r = render(annual_call_letter(letterhead(), a));
  EXPECT_TRUE(mentions(r, "Vos droits sont suspendus du 31 mars 2027 au 30 juin 2027"));
  EXPECT_TRUE(mentions(r, "aucune cotisation n'est due pour ces jours"));
  Rendered none = render(annual_call_letter(letterhead(), annual_call("transfer", "yearly", 1)));
  EXPECT_FALSE(none.has("suspendus"));
}

// DOC-02 BIL-03: without debit details, a direct-debit call names neither RUM nor ICS and
// announces a separate pre-notification.
TEST(BillingLetters, DOC_02_BIL_03_DirectDebitWithoutMandateDetailsHasNoRumNorIcs) {
  Rendered r = render(annual_call_letter(letterhead(), annual_call("direct_debit", "monthly", 12)));
  ASSERT_FALSE(r.pages.empty());
  EXPECT_TRUE(mentions(r, "Chaque prélèvement vous sera pré-notifié avant sa date"));
  EXPECT_FALSE(r.has("RUM"));
  EXPECT_FALSE(r.has("ICS"));
  EXPECT_FALSE(r.has("mandat"));
  EXPECT_FALSE(r.has("vaut pré-notification"));
}

// DOC-02 BIL-01 BIL-03: a call paid by transfer asks for the contract reference; no mandate.
TEST(BillingLetters, DOC_02_BIL_03_AnnualCallByTransferGivesTheReference) {
  Rendered r = render(annual_call_letter(letterhead(), annual_call("transfer", "half_yearly", 2)));
  ASSERT_FALSE(r.pages.empty());
  EXPECT_TRUE(mentions(r, "Moyen de paiement virement"));
  EXPECT_TRUE(mentions(r, "Paiement semestriel"));
  EXPECT_TRUE(mentions(r,
                       "effectuer chaque virement au plus tard à la date d'échéance indiquée, "
                       "en rappelant dans son libellé la référence C000123."));
  EXPECT_TRUE(mentions(r, "2 5 juillet 2027 du 1er juillet au 31 décembre 2027 617,28 €"));
  EXPECT_FALSE(r.has("RUM"));
  EXPECT_FALSE(r.has("ICS"));
  EXPECT_FALSE(r.has("pré-notification"));
}

// DOC-02 BIL-01 BIL-02: a yearly call by cheque: payable to the organism, no word of splitting.
TEST(BillingLetters, DOC_02_BIL_01_YearlyCallByCheque) {
  Rendered r = render(annual_call_letter(letterhead(), annual_call("cheque", "yearly", 1)));
  ASSERT_FALSE(r.pages.empty());
  EXPECT_TRUE(mentions(r, "Paiement annuel"));
  EXPECT_TRUE(mentions(r, "chèque libellé à l'ordre de Mutuelle Générale d'Avignon"));
  EXPECT_TRUE(mentions(r, "en inscrivant au dos la référence C000123."));
  EXPECT_TRUE(mentions(r, "1 5 janvier 2027 du 1er janvier au 31 décembre 2027 1 234,56 €"));
  EXPECT_FALSE(r.has("fractionnement"));
  EXPECT_FALSE(r.has("RUM"));
}

// DEM-07 (L221-10-1): a renewal's call (year 2027) states the last day to resign, 31 October
// 2026; dated after it (late), the 20 days from its sending too; not a renewal: neither.
TEST(BillingLetters, DEM_07_CallStatesTheLastDayToResign) {
  AnnualCallLetter a = annual_call("transfer", "yearly", 1);
  a.resign_by = make_date(2026, 10, 31);
  Rendered in_time = render(annual_call_letter(letterhead(), a));
  EXPECT_TRUE(mentions(in_time, "Votre adhésion se renouvelle par tacite reconduction au 1er "
                                "janvier 2027. Vous pouvez dénoncer cette reconduction par lettre "
                                "ou par courriel envoyé au plus tard le 31 octobre 2026."));
  EXPECT_TRUE(mentions(in_time, "(article L221-10-1 du code de la mutualité)"));
  EXPECT_FALSE(in_time.has("vingt jours"));
  a.resign_late = true;
  Rendered late = render(annual_call_letter(letterhead(), a));
  EXPECT_TRUE(mentions(late, "vous disposez d'un délai de vingt jours à compter de sa date "
                             "d'envoi, le cachet de la poste faisant foi, pour dénoncer la "
                             "reconduction"));
  Rendered first_year = render(annual_call_letter(letterhead(), annual_call("transfer", "yearly", 1)));
  EXPECT_FALSE(first_year.has("reconduction"));
}

// DOC-02: instalment tables right-align the amounts; columns nobody fills are left out.
TEST(BillingLetters, DOC_02_InstalmentTableAlignsAmountsAndDropsEmptyColumns) {
  AnnualCallLetter a = annual_call("transfer", "monthly", 12);
  a.persons.clear();
  const PdfTable* t = nullptr;
  PdfDocument with_periods = annual_call_letter(letterhead(), a);
  ASSERT_NE(t = first_table(with_periods), nullptr);
  EXPECT_EQ(t->header, (std::vector<std::string>{"N°", "Échéance", "Période couverte", "Montant"}));
  EXPECT_EQ(t->right_align, (std::vector<bool>{true, false, false, true}));
  EXPECT_EQ(t->rows.size(), 13u);  // twelve instalments and the total line

  for (LetterInstalment& i : a.schedule) i.from = i.to = Date{};
  a.schedule[0].status = "payée";
  PdfDocument bare = annual_call_letter(letterhead(), a);
  ASSERT_NE(t = first_table(bare), nullptr);
  EXPECT_EQ(t->header, (std::vector<std::string>{"N°", "Échéance", "Montant", "Situation"}));
  EXPECT_EQ(t->right_align, (std::vector<bool>{true, false, true, false}));
}

ScheduleLetter schedule(int lines, Money balance) {
  ScheduleLetter s;
  s.year = 2027;
  s.frequency = "monthly";
  s.method = "direct_debit";
  for (int i = 0; i < lines; ++i) {
    Date due = add_months(make_date(2027, 1, 5), i);
    const char* status = i < 2 ? "payée" : i == 2 ? "impayée" : "à venir";
    s.schedule.push_back({due, first_of_month(due), last_of_month(due), cents(10000 + i), status});
  }
  s.annual = cents(123456);
  s.paid = cents(20001);
  s.balance = balance;
  return s;
}

// DOC-02 BIL-02: a 30-line schedule flows over two pages, the header row repeated on the
// second; statuses, totals, amount paid and balance are printed.
TEST(BillingLetters, DOC_02_BIL_02_LongScheduleFlowsOverPages) {
  ScheduleLetter s = schedule(30, cents(103455));
  PdfDocument doc = schedule_letter(letterhead(), s);
  EXPECT_EQ(doc.title, "Échéancier de cotisation 2027");
  Rendered r = render(doc);
  ASSERT_GE(r.pages.size(), 2u);
  for (const char* expected :
       {"Objet : échéancier de votre cotisation 2027", "Paiement mensuel",
        "Moyen de paiement prélèvement SEPA",
        "1 5 janvier 2027 du 1er janvier au 31 janvier 2027 100,00 € payée",
        "3 5 mars 2027 du 1er mars au 31 mars 2027 100,02 € impayée",
        "4 5 avril 2027 du 1er avril au 30 avril 2027 100,03 € à venir",
        "30 5 juin 2029 du 1er juin au 30 juin 2029 100,29 € à venir", "Total 3 004,35 €",
        "Cotisation annuelle 2027 1 234,56 €", "Montant réglé 200,01 €",
        "Reste à régler 1 034,55 €", "Il reste 1 034,55 € à régler au titre de l'année 2027",
        "régulariser sans délai les échéances impayées", "mise en demeure"}) {
    EXPECT_TRUE(mentions(r, expected));
  }
  EXPECT_FALSE(page_has(r.pages[0], "30 5 juin 2029"));
  EXPECT_TRUE(page_has(r.pages[1], "N° Échéance Période couverte Montant Situation"));
  EXPECT_TRUE(page_has(r.pages.back(), "30 5 juin 2029"));
  EXPECT_TRUE(page_has(r.pages.back(), "Le service des cotisations"));
  EXPECT_TRUE(page_has(r.pages.back(), "Page " + std::to_string(r.pages.size()) + " / " +
                                           std::to_string(r.pages.size())));
}

// DOC-02 BIL-02 BIL-06: a balance in the member's favour, and an account up to date.
TEST(BillingLetters, DOC_02_BIL_02_BalanceInFavourAndUpToDate) {
  ScheduleLetter credit = schedule(3, cents(-1234));
  credit.schedule[2].status = "payée";
  Rendered r = render(schedule_letter(letterhead(), credit));
  EXPECT_TRUE(mentions(r, "Solde en votre faveur 12,34 €"));
  EXPECT_TRUE(mentions(r, "un solde de 12,34 € en votre faveur"));
  EXPECT_FALSE(r.has("-12,34"));
  EXPECT_FALSE(r.has("régulariser"));

  Rendered even = render(schedule_letter(letterhead(), schedule(2, cents(0))));
  EXPECT_TRUE(mentions(even, "Reste à régler 0,00 € (compte à jour)"));
  EXPECT_TRUE(mentions(even, "Votre compte est à jour."));
}

// DOC-02 BIL-03: the pre-notification gives the amount, the date, the mandate and the
// instalments the debit pays.
TEST(BillingLetters, DOC_02_BIL_03_PrenotificationGivesAmountDateRumAndIcs) {
  PrenotificationLetter p;
  p.collection_date = make_date(2027, 3, 15);
  p.amount = cents(205776);
  p.debit = debit();
  p.instalments = {{make_date(2027, 2, 5), make_date(2027, 2, 1), make_date(2027, 2, 28),
                    cents(102888), "impayée"},
                   {make_date(2027, 3, 5), make_date(2027, 3, 1), make_date(2027, 3, 31),
                    cents(102888), "à venir"}};
  PdfDocument doc = prenotification_letter(letterhead(), p);
  EXPECT_EQ(doc.title, "Avis de prélèvement SEPA");
  Rendered r = render(doc);
  for (const char* expected :
       {"Objet : pré-notification du prélèvement du 15 mars 2027",
        "un prélèvement SEPA de 2 057,76 € sera présenté sur votre compte le 15 mars 2027",
        "Montant du prélèvement 2 057,76 €", "Date de prélèvement 15 mars 2027",
        "Référence unique du mandat (RUM) MGA-C000123-001",
        "Identifiant créancier SEPA (ICS) FR12ZZZ123456", "Créancier Mutuelle Générale d'Avignon",
        "Compte débité FR76 **** **** **** **** ***1 234", "Échéances concernées",
        "1 5 février 2027 du 1er février au 28 février 2027 1 028,88 € impayée", "Total 2 057,76 €",
        "huit semaines", "Le service des cotisations"}) {
    EXPECT_TRUE(mentions(r, expected));
  }
}

FormalNoticeLetter formal_notice() {
  FormalNoticeLetter n;
  n.notice_date = make_date(2027, 3, 16);
  // DUN-01 reading: due 5 March, the ten days are 5..14 March (5 + 10 − 1 = 14), notice from 15.
  n.oldest_due = make_date(2027, 3, 5);
  n.window_end = make_date(2027, 3, 14);
  n.unpaid = {{make_date(2027, 3, 5), make_date(2027, 3, 1), make_date(2027, 3, 31), cents(123456),
               "impayée"}};
  n.arrears = cents(123456);
  n.suspension_date = make_date(2027, 4, 15);
  n.termination_date = make_date(2027, 4, 25);
  return n;
}

// DOC-02 DUN-01 DUN-02 DUN-03 DUN-04 DUN-05: the mise en demeure, sent by registered letter,
// claims the unpaid instalments and states the consequences with their dates in words.
TEST(BillingLetters, DOC_02_DUN_01_FormalNoticeStatesSuspensionAndTermination) {
  PdfDocument doc = formal_notice_letter(letterhead(), formal_notice());
  EXPECT_EQ(doc.title, "Mise en demeure");
  Rendered r = render(doc);
  for (const char* expected :
       {"Lettre recommandée avec accusé de réception",
        "Objet : mise en demeure de payer vos cotisations", "Madame, Monsieur,",
        "restent impayées à ce jour",
        "n'ont pas été réglées dans les 10 jours de leur échéance",
        "Ce délai compte le jour de l'échéance comme premier jour : pour l'échéance du 5 mars "
        "2027, il a pris fin le 14 mars 2027 au soir, et la présente mise en demeure ne pouvait "
        "vous être adressée avant le 15 mars 2027.",
        "1 5 mars 2027 du 1er mars au 31 mars 2027 1 234,56 € impayée", "Total dû 1 234,56 €",
        "Par la présente lettre, nous vous mettons en demeure de nous "
        "régler la somme de 1 234,56 € dans un délai de 30 jours.",
        "l'article L221-7 du Code de la mutualité", "article 12 du règlement mutualiste",
        "vos garanties seront suspendues à compter du 15 avril 2027",
        "10 jours après cette suspension, soit à compter du 25 avril 2027, la mutuelle pourra "
        "résilier vos garanties",
        "susceptible d'entraîner la résiliation de vos garanties",
        "Suspension à défaut de paiement le 15 avril 2027",
        "Résiliation possible à compter du 25 avril 2027",
        // DUN-04: payment before termination restores the guarantees, care then covered
        "celles venues à échéance depuis",
        "les soins reçus pendant la suspension sont alors couverts",
        // DUN-02: split contribution; DUN-05: waiver
        "jusqu'à la fin de l'année civile", "il pourra être sursis",
        "Le service des cotisations"}) {
    EXPECT_TRUE(mentions(r, expected));
  }
  EXPECT_FALSE(r.has("Frais de poursuites et de recouvrement 0"));
  // One date of issue: the letterhead's; the body never repeats it (DUN-01, issue 15).
  EXPECT_FALSE(r.has("datée du"));
  EXPECT_EQ(r.all.find("16 mars 2027"), r.all.rfind("16 mars 2027"));
}

// DOC-02 DUN-01 DUN-04: when the sum claimed exceeds the instalments (recovery costs), the
// difference has its own line and the total is the sum claimed; the delays are the caller's.
TEST(BillingLetters, DOC_02_DUN_01_FormalNoticeShowsRecoveryCosts) {
  FormalNoticeLetter n = formal_notice();
  n.unpaid.push_back({make_date(2027, 4, 5), {}, {}, cents(10000), "impayée"});
  n.arrears = cents(135956);
  n.suspension_days = 31;
  Rendered r = render(formal_notice_letter(letterhead(), n));
  EXPECT_TRUE(mentions(r, "2 5 avril 2027 100,00 € impayée"));
  EXPECT_TRUE(mentions(r, "Frais de poursuites et de recouvrement 25,00 €"));
  EXPECT_TRUE(mentions(r, "Total dû 1 359,56 €"));
  EXPECT_TRUE(mentions(r, "dans un délai de 31 jours"));

  n.arrears = cents(133356);  // 1,00 € already received
  Rendered partly = render(formal_notice_letter(letterhead(), n));
  EXPECT_TRUE(mentions(partly, "Sommes déjà reçues -1,00 €"));
  EXPECT_TRUE(mentions(partly, "Total dû 1 333,56 €"));
}

// DOC-02 DUN-02 DUN-04 DUN-05: the suspension letter: from when, care not reimbursed, how the
// guarantees resume before termination, and the termination date.
TEST(BillingLetters, DOC_02_DUN_02_SuspensionLetter) {
  SuspensionLetter s{make_date(2027, 3, 16), make_date(2027, 4, 15), cents(135956),
                     make_date(2027, 4, 25)};
  PdfDocument doc = suspension_letter(letterhead(), s);
  EXPECT_EQ(doc.title, "Suspension de vos garanties");
  Rendered r = render(doc);
  for (const char* expected :
       {"Objet : suspension de vos garanties pour non-paiement de vos cotisations",
        "Par lettre recommandée du 16 mars 2027",
        "vos garanties sont suspendues à compter du "
        "15 avril 2027, conformément à l'article L221-7 du Code de la mutualité et à l'article 12 "
        "du règlement mutualiste",
        "Somme due à ce jour 1 359,56 €", "Garanties suspendues à compter du 15 avril 2027",
        "Résiliation possible à compter du 25 avril 2027",
        "les soins reçus à compter du 15 avril 2027 ne sont pas remboursés",
        "ne permet plus le tiers payant",
        "Si vous réglez avant le 25 avril 2027 la somme due, soit 1 359,56 € à ce jour",
        "vos garanties seront remises en vigueur et les soins reçus pendant la suspension seront "
        "alors couverts",
        "la mutuelle pourra résilier vos garanties à compter du 25 avril 2027",
        "il pourra être sursis", "Le service des cotisations"}) {
    EXPECT_TRUE(mentions(r, expected));
  }
}

// DOC-02 DUN-03 BIL-06 CES-01 CES-03: the termination letter: end date, debt still due, refund,
// card to return, justificatif sent separately.
TEST(BillingLetters, DOC_02_DUN_03_TerminationLetter) {
  TerminationLetter t{make_date(2027, 3, 16), make_date(2027, 4, 25), cents(135956), cents(4321)};
  PdfDocument doc = termination_letter(letterhead(), t);
  EXPECT_EQ(doc.title, "Résiliation de vos garanties");
  Rendered r = render(doc);
  for (const char* expected :
       {"Objet : résiliation de vos garanties pour non-paiement de vos cotisations",
        "Malgré notre mise en demeure du 16 mars 2027", "l'article L221-7 du Code de la mutualité",
        "qui prennent fin le 25 avril 2027 au soir", "Fin des garanties le 25 avril 2027 au soir",
        "Somme restant due 1 359,56 €", "Cotisation à rembourser 43,21 €",
        "Aucune prestation ne pourra être servie pour des soins postérieurs au 25 avril 2027",
        "y compris en tiers payant", "article 13 du règlement mutualiste",
        "La somme de 1 359,56 € reste due",
        "La partie de cotisation correspondant à la période postérieure au 25 avril 2027, soit "
        "43,21 €, vous sera remboursée (article 11 du règlement mutualiste)",
        "restituer votre carte d'adhérent",
        "Un justificatif d'adhésion ou une attestation de non-majoration vous est adressé "
        "séparément",
        "Le service des cotisations"}) {
    EXPECT_TRUE(mentions(r, expected));
  }
}

// DOC-02 DUN-03 BIL-06: with no debt left and nothing to refund, neither is mentioned.
TEST(BillingLetters, DOC_02_DUN_03_TerminationWithoutDebtNorRefund) {
  TerminationLetter t{make_date(2027, 3, 16), make_date(2027, 4, 25), cents(0), cents(0)};
  Rendered r = render(termination_letter(letterhead(), t));
  ASSERT_FALSE(r.pages.empty());
  EXPECT_TRUE(mentions(r, "qui prennent fin le 25 avril 2027 au soir"));
  EXPECT_FALSE(r.has("reste due"));
  EXPECT_FALSE(r.has("Somme restant due"));
  EXPECT_FALSE(r.has("rembourse"));
  EXPECT_TRUE(mentions(r, "restituer votre carte d'adhérent"));
}

}  // namespace
}  // namespace mutua

// The reimbursement statement as a PDF (DOC-02, DOC-04): rendered, read back with pdftotext, and
// every amount checked, lines and totals.
#include "documents/claims_statement.hpp"

#include <gtest/gtest.h>

#include "documents/documents_test_support.hpp"
#include "documents/french.hpp"

namespace mutua {
namespace {

using testing_support::mentions;
using testing_support::render_pdf;
using testing_support::Rendered;

Money eur(int64_t cents) { return Money::from_cents(cents); }

StatementLine line(const char* claim, int n, Date care, const char* category, const char* act,
                   int64_t charged, int64_t ro, int64_t rc, int64_t remaining, Payee payee,
                   const char* payee_ref) {
  StatementLine l;
  l.run_id = 7;
  l.claim_id = claim;
  l.line = n;
  l.beneficiary_id = "C1-M";
  l.care_date = care;
  l.category = category;
  l.act_code = act;
  l.charged = eur(charged);
  l.ro_paid = eur(ro);
  l.rc = eur(rc);
  l.remaining = eur(remaining);
  l.payee = payee;
  l.payee_ref = payee_ref;
  return l;
}

// The statement of claims/statement_test.cpp's run 7 (values computed there by hand).
Statement statement() {
  Statement st;
  st.contract_id = "C1";
  st.lines = {line("D1", 1, make_date(2026, 3, 2), "CONSULT_GP", "G", 3000, 1900, 900, 200,
                   Payee::kMember, "C1"),
              line("D1", 2, make_date(2026, 3, 3), "CONSULT_SPE", "CS", 5000, 1900, 1600, 1500,
                   Payee::kMember, "C1"),
              line("D2", 1, make_date(2026, 3, 2), "PHARMA_65", "PH7", 1240, 806, 434, 0,
                   Payee::kProvider, "PHARMACIE-DU-PALAIS")};
  st.payments = {{7, make_date(2026, 3, 20), eur(2500), eur(434), "PRST-7-C1", 3}};
  st.charged = eur(9240);
  st.ro_paid = eur(4606);
  st.rc = eur(2934);
  st.remaining = eur(1700);
  st.to_member = eur(2500);
  st.to_providers = eur(434);
  return st;
}

PdfDocument letterhead() {
  PdfDocument d;
  d.sender = {"Mutuelle Générale d'Avignon", "Service des prestations"};
  d.recipient = {"Camille Martin", "3 place de l'Horloge 84000 Avignon"};
  d.place_and_date = "Le 21 mars 2026";
  return d;
}

// DOC-04: every line with its date, act, amounts and payee; the total line; the payment with its
// reference. 30,00 + 50,00 + 12,40 = 92,40; 19,00 + 19,00 + 8,06 = 46,06; 9,00 + 16,00 + 4,34 =
// 29,34; 2,00 + 15,00 + 0,00 = 17,00; to the member 9,00 + 16,00 = 25,00.
TEST(ClaimsStatement, DOC_02_DOC_04_EveryAmountIsPrintedAndTheLinesSumToThePayment) {
  StatementNames names;
  names.beneficiaries["C1-M"] = "Camille Martin";
  names.member_iban_masked = "FR76 **** **** 0189";
  PdfDocument doc = statement_document(letterhead(), statement(), names);
  EXPECT_EQ(doc.title, "Décompte de remboursement");
  Rendered r = render_pdf(doc, "-layout");
  for (const char* expected :
       {"Décompte de remboursement", "décompte de votre remboursement du 20 mars 2026",
        "Soins du Acte Dépense Ass. Maladie Mutuelle", "Payé à",
        // Each row's first line: date, act (wrapped below), charged, RO, mutuelle, remaining,
        // payee.
        "02/03/2026 Consultation 30,00 € 19,00 € 9,00 € 2,00 € Vous généraliste (G)",
        "03/03/2026 Consultation 50,00 € 19,00 € 16,00 € 15,00 € Vous spécialiste (CS)",
        "02/03/2026 Médicaments 12,40 € 8,06 € 4,34 € 0,00 € PHARMACIE remboursés à 65 %",
        "Total 92,40 € 46,06 € 29,34 € 17,00 €", "Payé le 20 mars 2026",
        "Versé à vous-même 25,00 €", "Référence du virement PRST-7-C1",
        "Compte crédité FR76 **** **** 0189",
        "Versé aux professionnels de santé", "4,34 €"}) {
    EXPECT_TRUE(mentions(r, expected));
  }
  EXPECT_FALSE(r.has("Autres payeurs"));  // no line has another payer
  EXPECT_FALSE(r.has("(G), Camille"));    // one beneficiary: not repeated on each line
}

// DOC-04: a payment for two persons names each line's beneficiary; another payer gets its column.
TEST(ClaimsStatement, DOC_04_SeveralPersonsAndAnotherPayer) {
  Statement st = statement();
  st.lines[1].beneficiary_id = "C1-E";
  st.lines[1].other_payers = eur(500);  // 50.00 = 19.00 + 5.00 + 16.00 + 10.00
  st.lines[1].remaining = eur(1000);
  StatementNames names;
  names.beneficiaries = {{"C1-M", "Camille"}, {"C1-E", "Léo"}};
  Rendered r = render_pdf(statement_document(letterhead(), st, names), "-layout");
  // Eight columns: the narrow headers may wrap; the values are all there.
  EXPECT_TRUE(mentions(r, "Autres"));
  EXPECT_TRUE(mentions(r, "(CS), Léo"));
  EXPECT_TRUE(mentions(r, "Camille"));
  EXPECT_TRUE(mentions(r, "03/03/2026 Consultation 50,00 €"));
  EXPECT_TRUE(mentions(r, "5,00 € 16,00 € 10,00 € Vous"));
  // 2.00 + 10.00 + 0.00 = 12.00 remaining; 0.00 + 5.00 + 0.00 = 5.00 other payers.
  EXPECT_TRUE(mentions(r, "5,00 € 29,34 € 12,00 €"));
}

}  // namespace
}  // namespace mutua

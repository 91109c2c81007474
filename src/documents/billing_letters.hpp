// Billing and dunning letters (DOC-02): the annual contribution call (BIL-01, BIL-02), the
// instalment schedule (BIL-02), the direct-debit pre-notification (BIL-03), the formal notice
// (DUN-01), the suspension (DUN-02, DUN-04) and termination (DUN-03, BIL-06, CES-03) letters.
// Pure builders: plain values in, a PdfDocument out; no store, no clock, no rule decided here.
// The caller (app layer) has computed every date and amount; these functions only word them.
//
// Contract:
// - Each builder takes `letter` with its letterhead filled by the caller (sender, the organism
//   name first; recipient; place_and_date; reference; footer), sets `title` and appends its
//   blocks after any already present: "Objet : …" heading, "Madame, Monsieur,", the body,
//   the closing formula and the signature "Le service des cotisations".
// - Amounts are printed with french_money, dates with french_date. Every date given must be a
//   valid calendar date (an invalid one is a bug: assertion), except LetterInstalment::from /
//   ::to, which may both be left default (Date{}): the period is then not printed.
// - Instalment tables: N°, due date, covered period (only when some instalment has one), amount
//   (right-aligned), status (only when some instalment has one, printed as given); a closing
//   line sums the amounts. Person tables likewise end with a total line.
// - Articles cited: règlement mutualiste art. 8 (annual contribution, paid in advance, split as
//   a payment facility), art. 9 (rights last as long as contributions paid), art. 11 last
//   paragraph (refund after an end), art. 12 (non-payment: notice, suspension, termination,
//   resumption, waiver), art. 13 (after the end: no benefit, card returned, justificatif);
//   Code de la mutualité L221-7 for the dunning letters.
// - No health data is ever printed: only identities, roles, periods and amounts.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "documents/pdf_document.hpp"

namespace mutua {

// One instalment as printed.
struct LetterInstalment {
  Date due{};
  Date from{};  // covered period; both left default when not to be printed
  Date to{};
  Money amount;
  std::string status;  // "" | "payée" | "impayée" | "à venir" (printed as given)
};

// One insured person's contribution.
struct LetterPerson {
  std::string name;
  std::string role;  // "member" | "spouse" | "child" → Adhérent(e) / Conjoint / Enfant
  Money monthly;
  Money annual;
  std::string note;  // printed as given: "coefficient de majoration 4 %", "3e enfant : gratuit"
};

// The SEPA mandate the debits are made under.
struct DebitDetails {
  std::string rum;            // référence unique du mandat
  std::string creditor_id;    // identifiant créancier SEPA (ICS)
  std::string creditor_name;  // may be empty: not printed
  std::string iban_masked;    // "FR76 **** **** **** **** ***1 234"; may be empty: not printed
};

// BIL-01, BIL-02: the appel de cotisation for `year`, issued in December of the year before.
// `persons`' annual amounts and the `schedule` amounts each sum to `annual` (the caller's
// figures; the total lines print the sums). With `debit`, the call is also the pre-notification
// of every debit of the schedule (dates and amounts, RUM, ICS); without it, neither RUM nor ICS
// is mentioned. `transfer_reference` (the contract id) is asked for on transfers and cheques.
struct AnnualCallLetter {
  int year = 0;
  Money annual;
  std::string frequency;  // "monthly" | "quarterly" | "half_yearly" | "yearly"
  std::string method;     // "direct_debit" | "transfer" | "cheque"
  std::vector<LetterPerson> persons;
  std::vector<LetterInstalment> schedule;
  std::optional<DebitDetails> debit;
  std::string transfer_reference;
  // L221-10-1 (DEM-07): a renewal's call states the last day to resign it; `resign_late` when
  // the call goes out less than 15 days before that day or after it (the 20 days are then
  // stated too). Not a renewal (the adhesion starts in `year`): no `resign_by`, nothing printed.
  std::optional<Date> resign_by;
  bool resign_late = false;
  // SUS-01, SUS-02: the suspensions of rights within `year` whose days are not due (the amounts
  // above already leave them out); each is named, so the member sees why a month is lower.
  std::vector<std::pair<Date, Date>> suspended;
};
PdfDocument annual_call_letter(PdfDocument letter, const AnnualCallLetter& data);

// BIL-02: the échéancier: the year's instalments with their status, the total paid and the
// balance (> 0: still due by the member; < 0: in the member's favour; 0: up to date).
struct ScheduleLetter {
  int year = 0;
  std::string frequency;
  std::string method;
  std::vector<LetterInstalment> schedule;
  Money annual;
  Money paid;
  Money balance;
};
PdfDocument schedule_letter(PdfDocument letter, const ScheduleLetter& data);

// BIL-03: pré-notification of one coming debit: amount, collection date, mandate, and the
// instalments it pays (may be empty). Sending it at least 14 calendar days before the
// collection date (SEPA rulebook, unless agreed otherwise) is the caller's duty.
struct PrenotificationLetter {
  Date collection_date{};
  Money amount;
  DebitDetails debit;
  std::vector<LetterInstalment> instalments;
};
PdfDocument prenotification_letter(PdfDocument letter, const PrenotificationLetter& data);

// DUN-01: the mise en demeure, a lettre recommandée avec accusé de réception. States that
// without payment within `suspension_days` of the letter the guarantees are suspended on
// `suspension_date`, that `termination_days` later (`termination_date`) the mutuelle may
// terminate them, and that paying the arrears (the instalments listed and those falling due
// since) before termination restores them, care during the suspension then being covered
// (DUN-04); mentions the waiver for circumstances beyond the member's control (DUN-05).
// `arrears` is the sum claimed: when it differs from the sum of `unpaid`, the difference is
// printed as its own line (recovery costs when positive, sums already received when negative).
// One date only: the letter is dated by its letterhead (the caller dates it `notice_date`, also
// on a reprint); the body never repeats a date of issue. It states how the ten days were counted
// (billing/dunning.hpp): the due date is the first of them, so for `oldest_due` the period ended
// on `window_end` and the notice is sent from the next day.
struct FormalNoticeLetter {
  Date notice_date{};
  Date oldest_due{};
  Date window_end{};
  int window_days = 10;
  std::vector<LetterInstalment> unpaid;
  Money arrears;
  Date suspension_date{};
  Date termination_date{};
  int suspension_days = 30;
  int termination_days = 10;
};
PdfDocument formal_notice_letter(PdfDocument letter, const FormalNoticeLetter& data);

// DUN-02, DUN-04: guarantees suspended from `suspended_from`; care from that date not
// reimbursed unless the arrears are paid before `termination_date` (then covered).
struct SuspensionLetter {
  Date notice_date{};
  Date suspended_from{};
  Money arrears;
  Date termination_date{};
};
PdfDocument suspension_letter(PdfDocument letter, const SuspensionLetter& data);

// DUN-03: guarantees terminated on `terminated_on` (the last day of cover) for non-payment;
// `arrears` stays due (not mentioned when zero); `refund` of contributions paid for after the
// end (BIL-06; not mentioned when zero); the member card is to be returned; the justificatif
// d'adhésion or attestation de non-majoration is sent separately (CES-03).
struct TerminationLetter {
  Date notice_date{};
  Date terminated_on{};
  Money arrears;
  Money refund;
};
PdfDocument termination_letter(PdfDocument letter, const TerminationLetter& data);

// French words used in letters and by callers: "monthly" → "mensuel", "quarterly" →
// "trimestriel", "half_yearly" → "semestriel", "yearly" → "annuel"; "direct_debit" →
// "prélèvement SEPA", "transfer" → "virement", "cheque" → "chèque". An unknown code is returned
// as given.
std::string french_frequency(std::string_view frequency);
std::string french_payment_method(std::string_view method);

}  // namespace mutua

// Retention of member data (GDPR-03, Règlement mutualiste art. 26.3): "les données à caractère
// personnel du membre participant sont conservées le temps de l'adhésion et jusqu'à expiration
// des délais de prescriptions légaux" — prescription of 2 years (Code de la mutualité L221-11,
// `privacy.prescription_years` in config/regulation.yaml). Pure: values in, decisions out.
//
// Contract:
// - The adhesion ends on E = the later of the termination's effective date (resignation,
//   radiation, termination for non-payment: the last day of cover) and the member's end of
//   rights; no end: the adhesion is in force and its data are kept.
// - Data are kept until E + N years (inclusive, add_years: 29 February → 1 March) and may be
//   erased from the day after: check_erasure refuses before that with GDPR-03, saying until when
//   the data must be kept.
// - Erasure is anonymisation: what identifies a person is blanked, what accounting and
//   statistics need is kept (anonymise_contract, identifying_change_field). Ledger entries,
//   schedules, claim decisions and accumulators are never deleted nor changed: they hold amounts,
//   dates and ids, not identities.
//
// Anonymisation choices (one place, applied by app/privacy_service):
//   blanked: last and first names, NIR; the contract's IBAN, e-mail and postal address; those
//            fields in the history of changes; mandates' IBAN and BIC; proofs' and suspension
//            proofs' references; the free-text event of a termination; the same fields in the
//            enrolment file.
//   reduced: the birth date becomes 1 January of its year (the tariff age is Y − birth year,
//            TAR-02, so re-rating and age statistics are unchanged).
//   kept:    ids (contract, beneficiary: internal pseudonyms, which the ledger and claims refer
//            to), roles, relation and condition, rights periods and the rule that ended them,
//            product and product changes, payment frequency and status, employer (an
//            organisation, ELIG-01), commune INSEE code and link (PAR-10 statistics),
//            civil-service entry, coefficient, suspensions' dates, terminations' kind, rule and
//            dates, amounts everywhere, documents' register (kind, date, file name).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/result.hpp"
#include "members/contract.hpp"
#include "members/lifecycle.hpp"
#include "regulation/regulation.hpp"

namespace mutua {

struct RetentionParams {
  int prescription_years = 2;  // privacy.prescription_years
};
// The figures in force on `on` (the date of the decision).
Result<RetentionParams> retention_params(const Regulation& regulation, Date on);

// The end of the adhesion (see the header), or none while it is in force.
std::optional<Date> adhesion_end(const Contract& contract,
                                 const std::optional<Termination>& termination);

struct Retention {
  std::optional<Date> adhesion_end;  // none: in force
  std::optional<Date> kept_until;    // adhesion_end + N years, inclusive
  bool erasable = false;             // today > kept_until
  // The first day the data may be erased (kept_until + 1 day).
  std::optional<Date> erasable_from() const;
};
Retention retention_of(std::optional<Date> adhesion_end, const RetentionParams& params, Date today);

// Ok when the contract's data may be erased on `today`, else a GDPR-03 refusal saying until when
// they must be kept.
Status check_erasure(const std::string& contract_id, const Retention& retention,
                     const RetentionParams& params);

// The contract with what identifies its persons blanked (see the header); ids, dates of rights,
// product and the other facts accounting and statistics need are kept.
Contract anonymise_contract(Contract contract);
Beneficiary anonymise_person(Beneficiary person);
// "YYYY-01-01" for a "YYYY-MM-DD" birth date (any other text: empty).
std::string birth_year_only(std::string_view date_text);

// Whether a field of the history of changes identifies a person (contract_changes: email, iban,
// address; person_changes: every field). Its old and new values are blanked on erasure, except a
// birth date, reduced to its year.
bool identifying_change_field(std::string_view field);
// The value a history entry keeps after erasure.
std::string anonymised_change_value(std::string_view field, std::string_view value);

}  // namespace mutua

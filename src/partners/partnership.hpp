// The parties and the text of a partnership convention of the regional scheme « Ma mutuelle
// Région » (CONV preamble, art. 4, 6, 9.3; PAR-01, PAR-07, GDPR-03). Pure: values in, values or
// refusals out.
//
// Contract:
// - A commune is named by its INSEE code: five characters, a department (01-19, 21-95, 2A, 2B)
//   and a three-digit number 001-999, or an overseas code 971xx-976xx / 984xx-989xx
//   (check_insee). A partner mutuelle by a code [A-Z0-9_-]{1,32} (not starting with '-'; the CLI
//   upper-cases it); its SIREN, when given, is nine
//   digits with a valid Luhn key.
// - PAR-01: a convention binds one commune and one mutuelle; it records its signatories, DPO
//   contacts and contact persons, its signature and effect dates, and its terms. Once stored it
//   is changed only by a signed amendment (avenant): convention_as_of() applies the amendments in
//   force on a date, in their number order, to the convention as signed.
// - An amendment changes fields among kAmendableFields: the contacts, and the terms
//   `max_renewals` (0-10) and `notice_months` (1-6). It is signed on or after the convention's
//   signature, takes effect on or after its signature, and changes at least one field to a new
//   value (amendment_changes() refuses the rest, naming PAR-01).
// - PAR-07: no remuneration flows between the parties: no field of this module holds a fee,
//   a commission or an advantage, and none may be added by an amendment.
// - GDPR-03 (CONV art. 6): the parties' contact data (names, e-mails, telephones) are kept at most
//   5 years after the convention ends: contacts_kept_until() = end + 5 years; erase_contacts()
//   blanks them (the convention's dates, parties and terms stay).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "partners/convention.hpp"

namespace mutua {

// Ok, or a data error on `field` saying what an INSEE commune code looks like.
Status check_insee(std::string_view code, const std::string& field);
// Ok, or a data error on `field` (code [A-Z0-9_-]{1,32}, not starting with '-').
Status check_mutuelle_code(std::string_view code, const std::string& field);
// Ok, or a data error on `field` (nine digits, Luhn key).
Status check_siren(std::string_view siren, const std::string& field);

struct Commune {
  std::string insee;
  std::string name;  // may be empty when only the code is known
  friend bool operator==(const Commune&, const Commune&) = default;
};

struct PartnerMutuelle {
  std::string code;
  std::string name;   // may be empty
  std::string siren;  // may be empty
  friend bool operator==(const PartnerMutuelle&, const PartnerMutuelle&) = default;
};

// The parties' people, as the convention names them (free text: "M. Axel DUGUA, Maire",
// "contact-cnll@miltis.fr"). Personal data of GDPR-03.
struct ConventionContacts {
  std::string commune_signatory;
  std::string mutuelle_signatory;
  std::string commune_dpo;
  std::string mutuelle_dpo;
  std::string commune_contact;
  std::string mutuelle_contact;
  friend bool operator==(const ConventionContacts&, const ConventionContacts&) = default;
};

struct Convention {
  std::string id;        // "CONV-<INSEE>-<signature year>-<n>"
  std::string commune;   // INSEE code
  std::string mutuelle;  // partner mutuelle code
  std::string scheme;    // "Ma mutuelle Région Auvergne-Rhône-Alpes"
  std::string place;     // where it was signed ("Saint-Chamond")
  ConventionTerms terms; // signature and effect dates, renewals, notice...
  ConventionContacts contacts;
  Date recorded{};
  std::optional<Date> contacts_erased;  // GDPR-03 retention applied on
  friend bool operator==(const Convention&, const Convention&) = default;
};

// Checks a new convention: commune, mutuelle, effect on or after the signature, the terms in
// their ranges (max_renewals 0-10, notice_months 1-6). Data errors name the CLI option.
Status check_convention(const Convention& c);

// Fields an amendment may change, by name.
inline constexpr const char* kAmendableFields[] = {
    "commune_signatory", "mutuelle_signatory", "commune_dpo",  "mutuelle_dpo",
    "commune_contact",   "mutuelle_contact",   "max_renewals", "notice_months"};

struct AmendmentChange {
  std::string field;
  std::string old_value;
  std::string new_value;
  friend bool operator==(const AmendmentChange&, const AmendmentChange&) = default;
};

struct Amendment {
  int64_t id = 0;
  std::string convention_id;
  int number = 0;  // avenant n°1, 2... in signature order
  Date signed_on{};
  Date effective{};
  std::string summary;  // what the avenant says, in a line
  std::vector<AmendmentChange> changes;
  Date recorded{};
  friend bool operator==(const Amendment&, const Amendment&) = default;
};

// The changes `sets` (field, new value) make to `current` (the convention as of the amendment's
// effective date), with the old values filled in. Refused (PAR-01) for an unknown field, a field
// given twice, a value out of range, or a value equal to the current one; an empty list is refused.
Result<std::vector<AmendmentChange>> amendment_changes(
    const Convention& current, const std::vector<std::pair<std::string, std::string>>& sets);

// Checks an amendment's dates against the convention (signed and effective on or after its
// signature; PAR-01).
Status check_amendment_dates(const Convention& original, const Amendment& amendment);

// The convention as signed with every amendment effective on or before `d` applied, in number order.
Convention convention_as_of(const Convention& original, const std::vector<Amendment>& amendments,
                            Date d);

// GDPR-03: the last day the contacts may be kept, given the convention's end.
Date contacts_kept_until(Date convention_end);
// The convention with its contacts blanked (erased on `today`).
Convention erase_contacts(Convention c, Date today);
// The same change with any contact value blanked (amendments keep no copy of an erased contact).
Amendment erase_contacts(Amendment a);

}  // namespace mutua

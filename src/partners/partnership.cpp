#include "partners/partnership.hpp"

#include <algorithm>
#include <charconv>

#include "core/text.hpp"

namespace mutua {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view text) { return std::all_of(text.begin(), text.end(), is_digit); }

// Two or three digits as a number (the caller has checked they are digits).
int number_of(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

// Overseas communes: department 971-976 (DROM) or 984-989 (COM), then a two-digit number.
// 00 is refused like 000 in metropolitan France: no commune bears it.
bool is_overseas_insee(std::string_view code) {
  const int department = number_of(code.substr(0, 3));
  const bool drom = department >= 971 && department <= 976;
  const bool com = department >= 984 && department <= 989;
  return (drom || com) && number_of(code.substr(3, 2)) >= 1;
}

bool is_metropolitan_insee(std::string_view code) {
  const std::string_view department = code.substr(0, 2);
  const bool corsica = department == "2A" || department == "2B";
  if (!corsica) {
    if (!all_digits(department)) return false;
    const int n = number_of(department);
    // 20 was split into 2A and 2B in 1976; 96 and above are not metropolitan departments.
    if (n < 1 || n == 20 || n > 95) return false;
  }
  return number_of(code.substr(2, 3)) >= 1;
}

// The contact fields of kAmendableFields and where they live in ConventionContacts.
struct ContactField {
  const char* name;
  std::string ConventionContacts::*member;
  bool required;  // a convention always names its signatories (PAR-01)
};
constexpr ContactField kContactFields[] = {
    {"commune_signatory", &ConventionContacts::commune_signatory, true},
    {"mutuelle_signatory", &ConventionContacts::mutuelle_signatory, true},
    {"commune_dpo", &ConventionContacts::commune_dpo, false},
    {"mutuelle_dpo", &ConventionContacts::mutuelle_dpo, false},
    {"commune_contact", &ConventionContacts::commune_contact, false},
    {"mutuelle_contact", &ConventionContacts::mutuelle_contact, false},
};

const ContactField* contact_field(std::string_view name) {
  for (const ContactField& f : kContactFields) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

// The numeric terms an amendment may change, with their ranges (PAR-02, PAR-03).
struct TermField {
  const char* name;
  int ConventionTerms::*member;
  int min;
  int max;
  const char* option;  // the CLI option that sets it on a new convention
};
constexpr TermField kTermFields[] = {
    {"max_renewals", &ConventionTerms::max_renewals, 0, 10, "--max-renewals"},
    {"notice_months", &ConventionTerms::notice_months, 1, 6, "--notice-months"},
};

const TermField* term_field(std::string_view name) {
  for (const TermField& f : kTermFields) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

std::string amendable_fields_text() {
  std::string out;
  for (const char* f : kAmendableFields) out += (out.empty() ? "" : ", ") + std::string(f);
  return out;
}

// A decimal integer: an optional minus sign and digits, nothing else.
std::optional<int> parse_integer(std::string_view text) {
  const std::string_view digits = text.starts_with('-') ? text.substr(1) : text;
  if (digits.empty() || digits.size() > 9 || !all_digits(digits)) return std::nullopt;
  int n = 0;
  std::from_chars(text.data(), text.data() + text.size(), n);
  return n;
}

std::string range_text(const TermField& f) {
  return std::to_string(f.min) + "-" + std::to_string(f.max);
}

Status check_term_range(const TermField& f, int value, const std::string& field) {
  if (value >= f.min && value <= f.max) return Status::success();
  return data_error("", 0, field, "expected " + range_text(f) + ", got " + std::to_string(value));
}

// One `field=value` of an amendment, checked against the convention as it currently stands.
Result<AmendmentChange> one_change(const Convention& current, const std::string& field,
                                   const std::string& value) {
  if (const ContactField* f = contact_field(field)) {
    const std::string& old_value = current.contacts.*(f->member);
    if (auto why = text_problem(value, kNameBytesMax)) return data_error("", 0, "--set", field + ": " + *why);
    if (f->required && value.empty()) {
      return rule_error("PAR-01", field + ": a convention always names its signatories");
    }
    if (value == old_value) {
      return rule_error("PAR-01", field + " is already '" + value + "': nothing to amend");
    }
    return AmendmentChange{field, old_value, value};
  }
  const TermField* f = term_field(field);
  if (!f) {
    // PAR-07 among others: no remuneration field exists, so none can be amended in.
    return rule_error(
        "PAR-01", "'" + field + "' cannot be amended (fields: " + amendable_fields_text() + ")");
  }
  const auto n = parse_integer(value);
  if (!n) {
    return data_error("", 0, "--set", field + ": expected a whole number, got '" + value + "'");
  }
  if (*n < f->min || *n > f->max) {
    return rule_error("PAR-01", field + " must be " + range_text(*f) + ", got " + value);
  }
  const int old_value = current.terms.*(f->member);
  if (*n == old_value) {
    return rule_error("PAR-01", field + " is already " + value + ": nothing to amend");
  }
  return AmendmentChange{field, std::to_string(old_value), std::to_string(*n)};
}

// Applies one stored change; a field or value no amendment could have written is ignored, so a
// damaged record never changes the terms to something check_convention() would refuse.
void apply_change(Convention& c, const AmendmentChange& change) {
  if (const ContactField* f = contact_field(change.field)) {
    c.contacts.*(f->member) = change.new_value;
    return;
  }
  const TermField* f = term_field(change.field);
  if (!f) return;
  const auto n = parse_integer(change.new_value);
  if (n && *n >= f->min && *n <= f->max) c.terms.*(f->member) = *n;
}

}  // namespace

Status check_insee(std::string_view code, const std::string& field) {
  bool ok = false;
  if (code.size() == 5 && all_digits(code.substr(2))) {
    // 97 and 98 are not metropolitan departments: their codes are overseas ones (3 + 2 digits).
    const bool overseas = code.starts_with("97") || code.starts_with("98");
    ok = overseas ? all_digits(code) && is_overseas_insee(code) : is_metropolitan_insee(code);
  }
  if (ok) return Status::success();
  return data_error("", 0, field,
                    "not an INSEE commune code: '" + std::string(code) +
                        "' (five characters: a department 01-19, 21-95, 2A or 2B and a number "
                        "001-999, or 971xx-976xx / 984xx-989xx overseas)");
}

Status check_mutuelle_code(std::string_view code, const std::string& field) {
  const bool ok =
      !code.empty() && code.size() <= 32 && code.front() != '-' &&
      std::all_of(code.begin(), code.end(), [](char c) {
        return is_digit(c) || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
      });
  if (ok) return Status::success();
  return data_error("", 0, field,
                    "not a mutuelle code: '" + std::string(code) +
                        "' (1 to 32 capital letters, digits, _ or -, not starting with -)");
}

Status check_siren(std::string_view siren, const std::string& field) {
  if (siren.size() != 9 || !all_digits(siren)) {
    return data_error("", 0, field,
                      "a SIREN is nine digits, without spaces: '" + std::string(siren) + "'");
  }
  // Luhn: every second digit from the right is doubled (9 digits: those at even offsets from the
  // right, 1, 3, 5, 7).
  int sum = 0;
  for (size_t i = 0; i < 9; ++i) {
    int digit = siren[8 - i] - '0';
    if (i % 2 == 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  // 000000000 passes Luhn but names no one.
  if (sum % 10 != 0 || siren == "000000000") {
    return data_error("", 0, field,
                      "not a valid SIREN: '" + std::string(siren) + "' (its Luhn key is wrong)");
  }
  return Status::success();
}

Status check_convention(const Convention& c) {
  if (Status s = check_insee(c.commune, "--commune"); !s) return s;
  if (Status s = check_mutuelle_code(c.mutuelle, "--mutuelle"); !s) return s;
  // Free text (core/text.hpp): one line each, bounded.
  const std::pair<const char*, const std::string*> texts[] = {
      {"--scheme", &c.scheme},
      {"--place", &c.place},
      {"--commune-signatory", &c.contacts.commune_signatory},
      {"--mutuelle-signatory", &c.contacts.mutuelle_signatory},
      {"--commune-dpo", &c.contacts.commune_dpo},
      {"--mutuelle-dpo", &c.contacts.mutuelle_dpo},
      {"--commune-contact", &c.contacts.commune_contact},
      {"--mutuelle-contact", &c.contacts.mutuelle_contact}};
  for (const auto& [option, text] : texts) {
    if (auto why = text_problem(*text, kNameBytesMax)) return data_error("", 0, option, *why);
  }
  if (c.terms.effect < c.terms.signed_on) {
    return data_error("", 0, "--effect",
                      "the convention cannot take effect (" + format_date(c.terms.effect) +
                          ") before it is signed (" + format_date(c.terms.signed_on) + ")");
  }
  for (const TermField& f : kTermFields) {
    if (Status s = check_term_range(f, c.terms.*(f.member), f.option); !s) return s;
  }
  return Status::success();
}

Result<std::vector<AmendmentChange>> amendment_changes(
    const Convention& current, const std::vector<std::pair<std::string, std::string>>& sets) {
  if (sets.empty()) return rule_error("PAR-01", "an amendment changes at least one field");
  std::vector<AmendmentChange> changes;
  for (const auto& [field, value] : sets) {
    const bool twice = std::any_of(changes.begin(), changes.end(),
                                   [&](const AmendmentChange& c) { return c.field == field; });
    if (twice) return rule_error("PAR-01", field + " is changed twice by the same amendment");
    auto change = one_change(current, field, value);
    if (!change) return change.error();
    changes.push_back(std::move(*change));
  }
  return changes;
}

Status check_amendment_dates(const Convention& original, const Amendment& amendment) {
  const Date signature = original.terms.signed_on;
  if (amendment.signed_on < signature) {
    return rule_error("PAR-01", "an amendment cannot be signed (" +
                                    format_date(amendment.signed_on) + ") before the convention (" +
                                    format_date(signature) + ")");
  }
  if (amendment.effective < amendment.signed_on) {
    return rule_error("PAR-01", "an amendment takes effect (" + format_date(amendment.effective) +
                                    ") on or after its signature (" +
                                    format_date(amendment.signed_on) + ")");
  }
  return Status::success();
}

Convention convention_as_of(const Convention& original, const std::vector<Amendment>& amendments,
                            Date d) {
  std::vector<const Amendment*> in_force;
  for (const Amendment& a : amendments) {
    if (a.effective <= d) in_force.push_back(&a);
  }
  // Number order, not effect order: a later avenant overrides an earlier one even when it takes
  // effect first (it was signed knowing the earlier one).
  std::stable_sort(in_force.begin(), in_force.end(),
                   [](const Amendment* a, const Amendment* b) { return a->number < b->number; });
  Convention c = original;
  for (const Amendment* a : in_force) {
    for (const AmendmentChange& change : a->changes) apply_change(c, change);
  }
  return c;
}

Date contacts_kept_until(Date convention_end) { return add_years(convention_end, 5); }

Convention erase_contacts(Convention c, Date today) {
  c.contacts = ConventionContacts{};
  c.contacts_erased = today;
  return c;
}

Amendment erase_contacts(Amendment a) {
  for (AmendmentChange& change : a.changes) {
    if (!contact_field(change.field)) continue;  // terms are not personal data
    change.old_value.clear();
    change.new_value.clear();
  }
  return a;
}

}  // namespace mutua

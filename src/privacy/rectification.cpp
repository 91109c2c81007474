#include "privacy/rectification.hpp"

#include "core/nir.hpp"
#include "core/text.hpp"

namespace mutua {

std::string_view to_string(PersonField field) {
  switch (field) {
    case PersonField::kLastName:
      return "last_name";
    case PersonField::kFirstName:
      return "first_name";
    case PersonField::kBirthDate:
      return "birth_date";
    case PersonField::kNir:
      return "nir";
  }
  return "last_name";
}

std::optional<PersonField> parse_person_field(std::string_view text) {
  for (PersonField f : {PersonField::kLastName, PersonField::kFirstName, PersonField::kBirthDate,
                        PersonField::kNir}) {
    if (to_string(f) == text) return f;
  }
  return std::nullopt;
}

bool is_contract_field(std::string_view field) {
  return field == "email" || field == "iban" || field == "address" || field == "employer" ||
         field == "status" || field == "payment_frequency";
}

std::string person_field_value(const Beneficiary& p, PersonField field) {
  switch (field) {
    case PersonField::kLastName:
      return p.last_name;
    case PersonField::kFirstName:
      return p.first_name;
    case PersonField::kBirthDate:
      return format_date(p.birth_date);
    case PersonField::kNir:
      return p.nir;
  }
  return {};
}

Result<std::string> rectify_person(Beneficiary& p, PersonField field, const std::string& value,
                                   Date today) {
  auto bad = [](const std::string& why) { return data_error("", 0, "--value", why); };
  std::string old = person_field_value(p, field);
  if (old == value) {
    return bad("unchanged (" + std::string(to_string(field)) + " is already '" + value + "')");
  }
  switch (field) {
    case PersonField::kLastName:
    case PersonField::kFirstName:
      if (value.find_first_not_of(" \t") == std::string::npos) return bad("a name cannot be empty");
      if (auto why = text_problem(value, kNameBytesMax)) return bad(*why);
      (field == PersonField::kLastName ? p.last_name : p.first_name) = value;
      break;
    case PersonField::kBirthDate: {
      auto d = try_parse_date(value);
      if (!d) return bad("not a date (YYYY-MM-DD): " + value);
      if (*d > today) return bad("a birth date after the business date: " + value);
      p.birth_date = *d;
      break;
    }
    case PersonField::kNir:
      if (!value.empty()) {
        if (Status s = validate_nir(value); !s) return bad(s.error().message);
      }
      p.nir = value;
      break;
  }
  return old;
}

}  // namespace mutua

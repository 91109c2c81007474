#include "privacy/retention.hpp"

#include <algorithm>

namespace mutua {

Result<RetentionParams> retention_params(const Regulation& regulation, Date on) {
  auto years = regulation.integer_at("privacy.prescription_years", on);
  if (!years) return years.error();
  if (*years < 0 || *years > 30) {
    return Error{"privacy.prescription_years: expected 0..30, got " + std::to_string(*years)};
  }
  return RetentionParams{static_cast<int>(*years)};
}

std::optional<Date> adhesion_end(const Contract& contract,
                                 const std::optional<Termination>& termination) {
  std::optional<Date> end;
  if (termination) end = termination->effective;
  if (const Beneficiary* m = contract.member(); m && m->end_date) {
    end = end ? std::max(*end, *m->end_date) : *m->end_date;
  }
  return end;
}

std::optional<Date> Retention::erasable_from() const {
  if (!kept_until) return std::nullopt;
  return add_days(*kept_until, 1);
}

Retention retention_of(std::optional<Date> end, const RetentionParams& params, Date today) {
  Retention r;
  r.adhesion_end = end;
  if (end) {
    r.kept_until = add_years(*end, params.prescription_years);
    r.erasable = today > *r.kept_until;
  }
  return r;
}

Status check_erasure(const std::string& contract_id, const Retention& r,
                     const RetentionParams& params) {
  if (r.erasable) return Status::success();
  const std::string years = std::to_string(params.prescription_years);
  if (!r.adhesion_end) {
    return rule_error("GDPR-03", "contract " + contract_id +
                                     " is in force: its data are kept for the adhesion and " +
                                     years +
                                     " years after its end (prescription, Code de la mutualité "
                                     "L221-11)");
  }
  return rule_error("GDPR-03", "contract " + contract_id + " ended on " +
                                   format_date(*r.adhesion_end) + ": its data are kept until " +
                                   format_date(*r.kept_until) + " (prescription of " + years +
                                   " years, Code de la mutualité L221-11); erasure possible from " +
                                   format_date(*r.erasable_from()));
}

Beneficiary anonymise_person(Beneficiary b) {
  b.last_name.clear();
  b.first_name.clear();
  b.nir.clear();
  b.birth_date = first_of_year(year_of(b.birth_date));
  return b;
}

Contract anonymise_contract(Contract c) {
  c.iban.clear();
  c.email.clear();
  c.address.clear();
  for (Beneficiary& b : c.beneficiaries) b = anonymise_person(std::move(b));
  return c;
}

std::string birth_year_only(std::string_view text) {
  auto d = try_parse_date(text);
  if (!d) return {};
  return format_date(first_of_year(year_of(*d)));
}

bool identifying_change_field(std::string_view field) {
  return field == "email" || field == "iban" || field == "address" || field == "last_name" ||
         field == "first_name" || field == "nir" || field == "birth_date";
}

std::string anonymised_change_value(std::string_view field, std::string_view value) {
  if (field == "birth_date") return birth_year_only(value);
  if (identifying_change_field(field)) return {};
  return std::string(value);
}

}  // namespace mutua

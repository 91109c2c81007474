#include "members/enrolment.hpp"

#include <algorithm>

namespace mutua {

std::string_view to_string(PaymentMethod m) {
  switch (m) {
    case PaymentMethod::kDirectDebit: return "direct_debit";
    case PaymentMethod::kTransfer: return "transfer";
    case PaymentMethod::kCheque: return "cheque";
  }
  return "transfer";
}

std::optional<PaymentMethod> parse_payment_method(std::string_view text) {
  for (PaymentMethod m :
       {PaymentMethod::kDirectDebit, PaymentMethod::kTransfer, PaymentMethod::kCheque}) {
    if (text == to_string(m)) return m;
  }
  return std::nullopt;
}

std::vector<RequiredItem> required_items(const EnrolmentRequest& request,
                                         const EnrolmentParams& params) {
  std::vector<RequiredItem> items;
  items.push_back({kItemFirstContribution, "ADH-01", "Première cotisation", false});
  if (request.payment == PaymentMethod::kDirectDebit) {
    items.push_back({kItemSepaMandate, "BIL-03", "Mandat de prélèvement SEPA signé", false});
  }
  if (request.regional) {
    items.push_back({kItemInfo100s, "PAR-09", "Information sur le dispositif 100 % santé", false});
  }
  const Beneficiary* member = request.contract.member();
  const bool majoration_age = member && !request.regional &&
                              age_on(member->birth_date, request.signed_on) >= params.age_threshold;
  if (majoration_age && request.covered_last_year) {
    // ADH-04, MAJ-04, MAJ-07: covered last year, the previous organism's justificatif is what
    // proves it; without it the majoration cannot be computed.
    items.push_back({kItemCoverageJustificatif, "ADH-04",
                     "Justificatif d'adhésion du précédent organisme (coefficient de majoration "
                     "transmis, date de fin de la dernière garantie de référence)",
                     true});
  }
  if (majoration_age && !request.covered_last_year) {
    items.push_back({kItemMajorationProof, "ADH-04",
                     "Justificatif d'adhésion ou certificat de non-majoration du dernier organisme",
                     true});
    const auto& entry = request.contract.civil_service_entry;
    if (entry && *entry > params.reference_date) {
      items.push_back({kItemCivilServiceEntryProof, "ADH-04",
                       "Justificatif de la date d'entrée dans la fonction publique", true});
    }
  }
  for (const Beneficiary& b : request.contract.beneficiaries) {
    if (b.role != Role::kChild || !b.condition) continue;
    if (!needs_proof(*b.condition, age_on(b.birth_date, request.signed_on))) continue;
    items.push_back({kItemProofPrefix + b.id, "ELIG-08",
                     "Justificatif pour " + b.first_name + " " + b.last_name + " (" +
                         accepted_proofs(*b.condition) + ")",
                     false});
  }
  return items;
}

namespace {

const ReceivedItem* find_received(const std::vector<ReceivedItem>& received,
                                  const std::string& code) {
  for (const ReceivedItem& r : received) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

// The proof meeting a child's item: a serving type valid on the signature date.
const Proof* serving_proof(const EnrolmentRequest& request, const std::string& beneficiary_id,
                           const std::vector<Proof>& proofs) {
  for (const Beneficiary& b : request.contract.beneficiaries) {
    if (b.id != beneficiary_id || !b.condition) continue;
    for (const Proof& p : proofs) {
      if (p.beneficiary_id == b.id && proves(p.type, *b.condition) && p.covers(request.signed_on)) {
        return &p;
      }
    }
  }
  return nullptr;
}

}  // namespace

EnrolmentState evaluate(const EnrolmentRequest& request, const std::vector<ReceivedItem>& received,
                        const std::vector<Proof>& proofs, const EnrolmentParams& params) {
  EnrolmentState state;
  state.required = required_items(request, params);
  Date last = request.signed_on;
  for (const RequiredItem& item : state.required) {
    std::optional<Date> when;
    if (item.code.rfind(kItemProofPrefix, 0) == 0) {
      const Proof* p = serving_proof(request, item.code.substr(6), proofs);
      if (p) when = p->received;
    } else if (const ReceivedItem* r = find_received(received, item.code)) {
      when = r->received;
    }
    if (!when) {
      state.missing.push_back(item.code);
    } else {
      last = std::max(last, *when);
    }
  }
  if (state.missing.empty()) {
    state.completed_on = last;
    // ADH-02: on express request the adhesion starts the day it was signed.
    state.effective = request.contract.express_start ? request.signed_on : add_days(last, 1);
  }
  return state;
}

Errors check_request(const EnrolmentRequest& request, bool labelled, const std::string& file) {
  Errors errors;
  const Contract& c = request.contract;
  auto field_error = [&](const std::string& field, const std::string& message) {
    errors.push_back(data_error(file, 0, field, message));
  };
  if (c.beneficiaries.empty() || c.beneficiaries.front().role != Role::kMember) {
    field_error("member", "the request has no member");
    return errors;
  }
  if (labelled && c.employer.empty()) {
    errors.push_back(rule_error("ELIG-01", "a labelled product needs the member's employer "
                                           "(a territorial authority or public establishment)"));
  }
  if (request.payment == PaymentMethod::kDirectDebit && c.iban.empty()) {
    field_error("iban", "payment by direct_debit needs an IBAN (BIL-03)");
  }
  int partners = 0;
  for (size_t i = 1; i < c.beneficiaries.size(); ++i) {
    const Beneficiary& b = c.beneficiaries[i];
    std::string where = "dependants[" + std::to_string(i - 1) + "]";
    if (b.birth_date > request.signed_on) {
      field_error(where + ".birth_date", "after the signature date");
      continue;
    }
    switch (b.role) {
      case Role::kMember:
        field_error(where + ".role", "a contract has one member");
        break;
      case Role::kSpouse:
        if (++partners > 1) {
          errors.push_back(rule_error("ELIG-02", "at most one spouse or partner at a time (" +
                                                     where + ")"));
        }
        if (!b.relation) field_error(where + ".relation", "spouse, pacs, concubin or union_libre");
        break;
      case Role::kChild: {
        if (!b.condition) {
          field_error(where + ".condition", "minor, student, apprentice or job_seeker");
          break;
        }
        int age = age_on(b.birth_date, request.signed_on);
        if (age >= age_limit(*b.condition)) {
          errors.push_back(rule_error(
              rule_of(*b.condition),
              where + " (" + b.first_name + ", born " + format_date(b.birth_date) + ") is " +
                  std::to_string(age) + " on " + format_date(request.signed_on) +
                  ": too old for condition " + std::string(to_string(*b.condition)) + " (under " +
                  std::to_string(age_limit(*b.condition)) + ")"));
        }
        break;
      }
    }
  }
  return errors;
}

Contract activate(const EnrolmentRequest& request, const std::vector<ReceivedItem>& received,
                  Date effective) {
  Contract c = request.contract;
  for (Beneficiary& b : c.beneficiaries) {
    b.start_date = effective;
    b.end_date.reset();
    b.end_reason.clear();
  }
  const ReceivedItem* proof = find_received(received, kItemMajorationProof);
  if (proof && proof->not_produced) c.last_coverage_end.reset();  // ADH-04: presumed 0
  if (const ReceivedItem* j = find_received(received, kItemCoverageJustificatif)) {
    if (j->not_produced) {
      c.last_coverage_end.reset();  // ADH-04: covered duration presumed 0
    } else {
      if (j->coverage_end) c.last_coverage_end = j->coverage_end;  // MAJ-07
      c.prior_coefficient_bp = j->coefficient_bp.value_or(0);     // MAJ-04
    }
  }
  return c;
}

std::optional<std::pair<std::string, std::string>> justificatif_problem(const ReceivedItem& item) {
  if (item.code != kItemCoverageJustificatif) {
    if (item.coverage_end || item.coefficient_bp) {
      return std::pair{std::string(item.coverage_end ? "coverage_end" : "coefficient"),
                       "only for the item " + std::string(kItemCoverageJustificatif)};
    }
    return std::nullopt;
  }
  if (item.not_produced) {
    if (item.coverage_end || item.coefficient_bp) {
      return std::pair{std::string("not_produced"),
                       "a justificatif not produced states no end date nor coefficient"};
    }
    return std::nullopt;
  }
  if (!item.coverage_end) {
    return std::pair{std::string("coverage_end"),
                     "required: the end of the last reference guarantee on the justificatif "
                     "(MAJ-07)"};
  }
  if (*item.coverage_end > item.received) {
    return std::pair{std::string("coverage_end"),
                     format_date(*item.coverage_end) + " is after the date the justificatif was "
                     "received (" + format_date(item.received) + ")"};
  }
  return std::nullopt;
}

}  // namespace mutua

// Enrolment (adhésion): the file a prospective member signs, the items the mutuelle still waits
// for, and the date the adhesion takes effect (REG art. 3, 4; ADH-01, ADH-02, ADH-04, ELIG-01..08,
// BIL-03). Pure: values in, the state of the file out.
//
// Contract of evaluate():
// - Required items: `first_contribution` always (ADH-01: "cotisation comprise"); `sepa_mandate`
//   when paying by direct debit (BIL-03); `majoration_proof` (justificatif d'adhésion or
//   certificat de non-majoration) when the member is `age_threshold` or older on the signature
//   date and had no reference guarantee the year before, plus `civil_service_entry_proof` when
//   they also entered the civil service after the reference date 2011-11-08 (ADH-04);
//   `coverage_justificatif`, the previous organism's justificatif d'adhésion, when the member is
//   `age_threshold` or older and declares a reference guarantee the year before (ADH-04, MAJ-04,
//   MAJ-07): it carries the transmitted coefficient and the end of the last reference guarantee,
//   which activate() puts on the contract (so MAJ-07 counts from that recent end); and
//   `proof:<beneficiary_id>` for each child whose condition needs a proof on the signature date
//   (ELIG-04..06, ELIG-08), met by a stored Proof of a serving type valid that day.
// - A regional product (`regional`, ELIG-10) adds `info_100s`, the information on the 100% santé
//   scheme every subscriber receives (PAR-09), and needs no ADH-04 item: the majoration is a rule
//   of labelled contracts only.
// - ADH-04 items may be recorded as "not produced": the file is then complete and the covered
//   duration is presumed 0 (activate() forgets the declared end of the last guarantee, MAJ-07).
// - Complete when nothing is missing; completed_on = the latest receipt date (the signature date
//   when every item came with it). effective = completed_on + 1 day (ADH-01), or the signature
//   day on the member's express request (ADH-02), the first month then billed in full.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "members/contract.hpp"
#include "members/dependants.hpp"

namespace mutua {

enum class PaymentMethod { kDirectDebit, kTransfer, kCheque };
std::string_view to_string(PaymentMethod m);  // "direct_debit", "transfer", "cheque"
std::optional<PaymentMethod> parse_payment_method(std::string_view text);

// Item codes.
inline constexpr const char* kItemFirstContribution = "first_contribution";
inline constexpr const char* kItemSepaMandate = "sepa_mandate";
inline constexpr const char* kItemMajorationProof = "majoration_proof";
inline constexpr const char* kItemCivilServiceEntryProof = "civil_service_entry_proof";
inline constexpr const char* kItemCoverageJustificatif = "coverage_justificatif";
inline constexpr const char* kItemProofPrefix = "proof:";  // + beneficiary id
inline constexpr const char* kItemInfo100s = "info_100s";

// What the member signed. The contract's beneficiaries carry no rights dates yet.
struct EnrolmentRequest {
  Contract contract;
  Date signed_on{};
  PaymentMethod payment = PaymentMethod::kTransfer;
  bool covered_last_year = false;  // a reference guarantee the year before (ADH-04)
  bool regional = false;           // a regional product (ELIG-10, PAR-09)
};

struct ReceivedItem {
  std::string code;
  Date received{};
  bool not_produced = false;  // ADH-04 items only: the member cannot produce the document
  std::string reference;
  // coverage_justificatif only (MAJ-04, MAJ-07): what the previous organism's justificatif states.
  std::optional<Date> coverage_end;    // end of the last reference guarantee (required, produced)
  std::optional<int> coefficient_bp;   // transmitted majoration coefficient (absent = 0)
};

// MAJ-04, MAJ-07: the fields of a coverage_justificatif are valid: the end of the last guarantee
// is given and not after the date the justificatif was received (it attests an ended
// guarantee). Returns the problem, naming the field ("coverage_end"), or nothing.
std::optional<std::pair<std::string, std::string>> justificatif_problem(const ReceivedItem& item);

struct RequiredItem {
  std::string code;
  std::string rule;  // rule that requires it
  std::string label; // French, for letters and screens
  bool waivable = false;  // ADH-04: may be recorded as not produced
};

struct EnrolmentState {
  std::vector<RequiredItem> required;
  std::vector<std::string> missing;  // codes, in required order
  std::optional<Date> completed_on;
  std::optional<Date> effective;     // set when complete
  bool complete() const { return missing.empty(); }
};

struct EnrolmentParams {
  Date reference_date{};  // 2011-11-08 (majoration.reference_date)
  int age_threshold = 30; // majoration.age_threshold
};

// The items this request needs (see the header comment).
std::vector<RequiredItem> required_items(const EnrolmentRequest& request,
                                         const EnrolmentParams& params);

EnrolmentState evaluate(const EnrolmentRequest& request, const std::vector<ReceivedItem>& received,
                        const std::vector<Proof>& proofs, const EnrolmentParams& params);

// Checks a request before it is recorded: a member first, at most one spouse/partner (ELIG-02),
// each spouse with a relation, each child with a condition it can claim on the signature date
// (ELIG-03..06), an employer for a labelled product (ELIG-01), an IBAN for direct debit (BIL-03).
// Every problem is reported (data errors name the request field; refusals name the rule).
Errors check_request(const EnrolmentRequest& request, bool labelled, const std::string& file);

// The contract as it starts: every person's rights from `effective`, express start recorded,
// the last guarantee's end forgotten when an ADH-04 proof was not produced, and taken from the
// coverage_justificatif with its transmitted coefficient when one was received (MAJ-04, MAJ-07).
Contract activate(const EnrolmentRequest& request, const std::vector<ReceivedItem>& received,
                  Date effective);

}  // namespace mutua

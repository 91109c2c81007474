// Reading a members file (INTERFACES.md "Members file") into contracts, checking everything a
// file alone can prove: formats, identifiers, roles, dates, eligibility of dependants (ELIG-02,
// ELIG-03..06), regional-product subscribers (ELIG-10), NIR keys and IBANs.
//
// Contract:
// - Pure: reads the CSV and nothing else (no database; the known products are an argument).
// - Every problem is reported, not only the first, as an Error with file, line (the physical
//   line of the row) and field (the column), so the CLI prints `<file>:<line>: <field>: ...`.
//   A missing required column is an error on line 1 naming the column; an unknown column is a
//   warning, never an error.
// - Contract-level fields (payment_frequency, status, civil_service_entry, prior_coefficient,
//   last_coverage_end, iban, email, commune, link, express_start) are read from the member row
//   and ignored on dependants' rows.
// - Rows of a contract need not be adjacent. Contracts come out in the file order of their
//   first row; within a contract, the member first, then the others in file order.
// - Interpretations: a child is under 26 on their start date (the widest of ELIG-03..06: the
//   proofs of ELIG-08 are checked later, not in a file) and born after the member.
// - ELIG-11 (issue 15): optional columns `condition` (minor | student | apprentice | job_seeker)
//   and `proof_type`, `proof_from`, `proof_to`, `proof_reference` (one proof per row), only on
//   children's rows. A child without a condition is a minor (ELIG-03); the condition must be met
//   on the start date, with a valid proof when it needs one (ELIG-08), or the row is an error
//   on field `condition` naming the rule. The proofs come out in `MembersFile::proofs`.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "catalogue/catalogue.hpp"
#include "core/result.hpp"
#include "members/contract.hpp"

namespace mutua {

// Known product codes and their kind (regional products need commune and link, ELIG-10).
using ProductKinds = std::unordered_map<std::string, ProductKind>;

// Where a contract's rows are in the file (for errors found later, e.g. against the database).
struct ContractSource {
  int first_line = 0;                  // line of the contract's first row
  std::vector<int> beneficiary_lines;  // parallel to Contract::beneficiaries
};

struct MembersFile {
  std::vector<Contract> contracts;
  std::vector<ContractSource> sources;  // parallel to contracts
  std::vector<Proof> proofs;            // proofs given on children's rows (ELIG-08, ELIG-11)
  Errors errors;
  std::vector<std::string> warnings;
  long long rows = 0;

  bool ok() const { return errors.empty(); }
};

// The columns a members file must have.
const std::vector<std::string>& members_required_columns();

MembersFile parse_members_csv(const std::string& path, const ProductKinds& products);
// Same, from text held in memory; `name` stands for the file in errors.
MembersFile parse_members_text(std::string text, const std::string& name,
                               const ProductKinds& products);

// Field parsers shared with other inputs (each returns nullopt when the text is malformed).
// "0.04" → 400 basis points; 0 ≤ c < 10, at most 4 decimals.
std::optional<int> parse_coefficient_bp(std::string_view text);
// INSEE commune code: 5 characters, 2 digits or 2A/2B, then 3 digits.
bool is_commune_code(std::string_view text);
// One '@' with something before it and a dot after it.
bool is_email(std::string_view text);

}  // namespace mutua

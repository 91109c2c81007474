// How the SQLite store reads a contract and its beneficiaries from a row: shared by the files
// that stream contracts (sqlite_store.cpp: all of them; sqlite_partners.cpp: those of a commune)
// so both read exactly the same columns the same way. Internal to storage/.
#pragma once

#include <string>
#include <string_view>

#include "members/contract.hpp"
#include "storage/sqlite_util.hpp"

namespace mutua::sql {

[[noreturn]] inline void corrupted(const char* what, std::string_view value) {
  throw StoreError(std::string("corrupted database: unknown ") + what + " '" + std::string(value) +
                   "'");
}

// The contract columns (0-13), then the beneficiary columns (14-24); callers append the WHERE
// and ORDER BY clauses (b.position keeps the member first).
inline constexpr const char* kContractJoin =
    "SELECT c.contract_id, c.product, c.payment_frequency, c.status, c.civil_service_entry, "
    "c.prior_coefficient_bp, c.last_coverage_end, c.express_start, c.iban, c.email, c.commune, "
    "c.link, c.employer, c.address, b.beneficiary_id, b.role, b.last_name, b.first_name, "
    "b.birth_date, b.start_date, b.end_date, b.nir, b.relation, b.condition, b.end_reason "
    "FROM contracts c JOIN beneficiaries b ON b.contract_id = c.contract_id ";

// Contract columns 0-13 (kContractJoin, kContractScan); fields are assigned, so a reused
// Contract keeps its string capacity.
inline void read_contract_columns(const Statement& st, Contract& c) {
  c.id.assign(st.column_text(0));
  c.product.assign(st.column_text(1));
  auto freq = parse_payment_frequency(st.column_text(2));
  if (!freq) corrupted("payment frequency", st.column_text(2));
  c.payment_frequency = *freq;
  auto status = parse_member_status(st.column_text(3));
  if (!status) corrupted("member status", st.column_text(3));
  c.status = *status;
  c.civil_service_entry = column_optional_date(st, 4);
  c.prior_coefficient_bp = static_cast<int>(st.column_int(5));
  c.last_coverage_end = column_optional_date(st, 6);
  c.express_start = st.column_int(7) != 0;
  c.iban.assign(st.column_text(8));
  c.email.assign(st.column_text(9));
  c.commune.assign(st.column_text(10));
  std::string_view link = st.column_text(11);
  c.link.reset();
  if (!link.empty()) {
    c.link = parse_link(link);
    if (!c.link) corrupted("link", link);
  }
  c.employer.assign(st.column_text(12));
  c.address.assign(st.column_text(13));
}

// Beneficiary columns start at `at` (14 in kContractJoin, 1 in kBeneficiaryScan).
inline void read_beneficiary_columns(const Statement& st, Beneficiary& b, int at = 14) {
  b.id.assign(st.column_text(at));
  auto role = parse_role(st.column_text(at + 1));
  if (!role) corrupted("role", st.column_text(at + 1));
  b.role = *role;
  b.last_name.assign(st.column_text(at + 2));
  b.first_name.assign(st.column_text(at + 3));
  b.birth_date = column_date(st, at + 4);
  b.start_date = column_date(st, at + 5);
  b.end_date = column_optional_date(st, at + 6);
  b.nir.assign(st.column_text(at + 7));
  std::string_view relation = st.column_text(at + 8);
  b.relation.reset();
  if (!relation.empty()) {
    b.relation = parse_relation(relation);
    if (!b.relation) corrupted("relation", relation);
  }
  std::string_view condition = st.column_text(at + 9);
  b.condition.reset();
  if (!condition.empty()) {
    b.condition = parse_child_condition(condition);
    if (!b.condition) corrupted("child condition", condition);
  }
  b.end_reason.assign(st.column_text(at + 10));
}

}  // namespace mutua::sql

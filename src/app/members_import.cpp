#include "app/members_import.hpp"

#include <algorithm>
#include <unordered_set>

#include "app/billing.hpp"
#include "members/lifecycle.hpp"
#include "members/members_csv.hpp"

namespace mutua {

namespace {

ProductKinds known_products(Store& store) {
  ProductKinds kinds;
  for (const Product& p : store.load_catalogue().products) kinds.emplace(p.code, p.kind);
  return kinds;
}

// Marks contracts already stored identically (skip[i] = true) and reports conflicts with the
// database. An empty database (the bulk first import) needs no lookup at all.
Errors check_against_store(Store& store, const std::string& path, const MembersFile& file,
                           std::vector<bool>& skip) {
  Errors errors;
  skip.assign(file.contracts.size(), false);
  if (store.count_contracts() == 0) return errors;
  std::vector<std::string> ids;
  std::unordered_map<std::string, int> line_of;
  for (size_t i = 0; i < file.contracts.size(); ++i) {
    const Contract& c = file.contracts[i];
    if (std::optional<Contract> stored = store.find_contract(c.id)) {
      if (*stored == c) {
        skip[i] = true;
      } else {
        errors.push_back(data_error(path, file.sources[i].first_line, "contract_id",
                                    "contract " + c.id + " already exists with different data"));
      }
      continue;
    }
    for (size_t b = 0; b < c.beneficiaries.size(); ++b) {
      ids.push_back(c.beneficiaries[b].id);
      line_of[c.beneficiaries[b].id] = file.sources[i].beneficiary_lines[b];
    }
  }
  for (const std::string& id : store.existing_beneficiaries(ids)) {
    errors.push_back(data_error(path, line_of[id], "beneficiary_id",
                                "beneficiary " + id + " already belongs to another contract"));
  }
  std::stable_sort(errors.begin(), errors.end(),
                   [](const Error& a, const Error& b) { return a.line < b.line; });
  return errors;
}

// ELIG-07, ELIG-11: every child's end of rights from its condition and the file's proofs.
void set_child_ends(MembersFile& file, RightsEndRule rule) {
  std::unordered_map<std::string, std::vector<Proof>> proofs;
  for (const Proof& p : file.proofs) proofs[p.beneficiary_id].push_back(p);
  const std::vector<Proof> none;
  for (Contract& c : file.contracts) {
    for (Beneficiary& b : c.beneficiaries) {
      auto it = proofs.find(b.id);
      apply_condition_end(b, it == proofs.end() ? none : it->second, rule);
    }
  }
}

}  // namespace

ImportOutcome import_members(Store& store, const std::string& path, RightsEndRule rights_end) {
  ImportOutcome out;
  MembersFile file = parse_members_csv(path, known_products(store));
  out.report.warnings = std::move(file.warnings);
  if (!file.ok()) {
    out.errors = std::move(file.errors);
    return out;
  }
  set_child_ends(file, rights_end);
  // The contracts and persons already stored are compared in the transaction that inserts (the
  // file is parsed before: products are never removed, so `known_products` stays true).
  Transaction tx(store);
  std::vector<bool> skip;
  out.errors = check_against_store(store, path, file, skip);
  if (!out.errors.empty()) return out;

  std::vector<Contract> fresh;
  fresh.reserve(file.contracts.size());
  for (size_t i = 0; i < file.contracts.size(); ++i) {
    if (skip[i]) {
      ++out.report.contracts_unchanged;
      continue;
    }
    out.report.beneficiaries_added += static_cast<long long>(file.contracts[i].beneficiaries.size());
    fresh.push_back(std::move(file.contracts[i]));
  }
  out.report.contracts_added = static_cast<long long>(fresh.size());
  if (fresh.empty()) return out;
  // BIL-03: a member with an IBAN pays by direct debit under a mandate signed on the start date.
  std::vector<Mandate> mandates;
  for (const Contract& c : fresh) {
    if (auto m = default_mandate(c)) mandates.push_back(std::move(*m));
  }
  std::unordered_set<std::string> fresh_ids;
  for (const Contract& c : fresh) {
    for (const Beneficiary& b : c.beneficiaries) {
      if (b.role == Role::kChild) fresh_ids.insert(b.id);
    }
  }
  store.insert_contracts(fresh);
  store.insert_mandates(mandates);
  for (const Proof& p : file.proofs) {
    if (fresh_ids.count(p.beneficiary_id)) store.insert_proof(p);
  }
  tx.commit();
  return out;
}

}  // namespace mutua

// Routes about members and contracts (docs/api.md): search, the contract page, rights,
// contributions, account, care lines and their explanations (GDPR-02: claims and medical adviser
// only, every read audited), reimbursements, documents and the attestation (DOC-01), the work
// list and the dunning queue. Each route names the contract it is about, for the scope check.
#include <filesystem>
#include <fstream>

#include "app/billing.hpp"
#include "app/billing_json.hpp"
#include "app/claims_explain.hpp"
#include "app/claims_json.hpp"
#include "app/documents_service.hpp"
#include "app/lifecycle.hpp"
#include "app/lifecycle_json.hpp"
#include "app/rate_json.hpp"
#include "app/rate_service.hpp"
#include "http/api.hpp"

namespace mutua::http {

using nlohmann::json;

namespace {

std::string contract_param(const Request& r) { return r.param("id"); }

Response search(Call& c) {
  const std::string q = c.request.query_value("q");
  if (q.size() < 2 || q.size() > 64) {
    return Response::error(400, "bad_input", "2 to 64 characters to search", "q");
  }
  json all = json::array();
  for (const ContractMatch& m : c.store.search_contracts(q, 20)) {
    all.push_back({{"contract_id", m.contract_id},
                   {"product", m.product},
                   {"last_name", m.last_name},
                   {"first_name", m.first_name},
                   {"start_date", format_date(m.start)},
                   {"end_date", m.end ? json(format_date(*m.end)) : json()}});
  }
  return Response::json(all);
}

Response contract_page(Call& c) {
  auto page = contract_page_json(c.store, c.regulation, contract_param(c.request), c.today);
  if (!page) return Response::from(page.error());
  return Response::json(*page);
}

Response rights_of_contract(Call& c) {
  const Date on = try_parse_date(c.request.query_value("date")).value_or(c.today);
  auto contract = c.store.find_contract(contract_param(c.request));
  if (!contract) return Response::error(404, "not_found", "unknown contract");
  json all = json::array();
  for (const Beneficiary& b : contract->beneficiaries) {
    auto r = rights(c.store, c.regulation, b.id, on);
    if (!r) return Response::from(r.error());
    all.push_back(rights_json(*r, on));
  }
  return Response::json(all);
}

Response contributions(Call& c) {
  const std::string y = c.request.query_value("year");
  const int year = y.empty() ? year_of(c.today) : std::atoi(y.c_str());
  if (year < 2000 || year > 2999) return Response::error(400, "bad_input", "year", "year");
  auto rated = rate_one(c.store, c.regulation, year, contract_param(c.request));
  if (!rated) return Response::from(rated.error());
  return Response::json(rated_contract_json(*rated, false));
}

Response account(Call& c) {
  auto report = account_report(c.store, contract_param(c.request), c.today);
  if (!report) return Response::from(report.error());
  return Response::json(account_json(*report));
}

// GDPR-02: health data; the route is granted to claims and medical adviser only.
Response care_lines(Call& c) {
  const std::string id = contract_param(c.request);
  if (!c.store.find_contract(id)) return Response::error(404, "not_found", "unknown contract");
  json all = json::array();
  for (const StoredDecision& d : c.store.contract_decisions(id)) {
    auto e = explain_claim(c.store, c.regulation, d.claim_id, d.line);
    if (!e) continue;
    all.push_back({{"claim_id", d.claim_id},
                   {"line", d.line},
                   {"beneficiary_id", e->line.beneficiary_id},
                   {"care_date", format_date(e->line.care_date)},
                   {"category", e->line.category},
                   {"act_code", e->line.act_code},
                   {"charged", e->line.charged.format()},
                   {"ro_paid", e->line.ro_paid.format()},
                   {"status", to_string(d.status)},
                   {"rc", d.rc.format()},
                   {"remaining", d.remaining.format()},
                   {"reasons", d.reasons}});
  }
  return Response::json(all);
}

Response care_line(Call& c) {
  char* end = nullptr;
  const long line = std::strtol(c.request.param("line").c_str(), &end, 10);
  if (*end != '\0') return Response::error(400, "bad_input", "line number", "line");
  auto e = explain_claim(c.store, c.regulation, c.request.param("claim"), static_cast<int>(line));
  if (!e) return Response::from(e.error());
  return Response::json(explanation_json(*e));
}

// What the mutuelle paid, claim by claim: the care date (the earliest line), the date the run
// decided it, the amount and the status; never a category, an act or a line (health data).
Response reimbursements(Call& c) {
  const std::string id = contract_param(c.request);
  if (!c.store.find_contract(id)) return Response::error(404, "not_found", "unknown contract");
  struct Claim {
    Money paid;
    std::string status;
    std::optional<Date> care;
    std::string decided;
  };
  std::map<std::string, Claim> by_claim;
  std::map<int64_t, std::string> run_dates;
  for (const StoredDecision& d : c.store.contract_decisions(id)) {
    Claim& claim = by_claim[d.claim_id];
    if (d.status == ClaimStatus::kPaid) claim.paid = claim.paid + d.rc;
    if (claim.status.empty() || d.status != ClaimStatus::kPaid) claim.status = to_string(d.status);
    if (auto detail = decode_detail(d); detail && (!claim.care || detail->line.care_date < *claim.care)) {
      claim.care = detail->line.care_date;
    }
    auto [it, added] = run_dates.try_emplace(d.run_id);
    if (added) {
      auto run = c.store.find_claim_run(d.run_id);
      it->second = run ? run->business_date : std::string();
    }
    claim.decided = std::max(claim.decided, it->second);
  }
  json all = json::array();
  for (const auto& [claim, v] : by_claim) {
    all.push_back({{"claim_id", claim},
                   {"care_date", v.care ? json(format_date(*v.care)) : json()},
                   {"decided", v.decided.empty() ? json() : json(v.decided)},
                   {"paid", v.paid.format()},
                   {"status", v.status}});
  }
  return Response::json(all);
}

Response documents(Call& c) {
  json all = json::array();
  for (const DocumentRecord& d : c.store.documents(contract_param(c.request))) {
    all.push_back({{"id", d.id},
                   {"kind", d.kind},
                   {"issued", format_date(d.issued)},
                   {"file", std::filesystem::path(d.file).filename().string()}});
  }
  return Response::json(all);
}

// A document of the contract, by the file name its register gives: only a registered name of
// this contract is served, so no path from the request ever reaches the file system.
Response document_file(Call& c) {
  const std::string name = c.request.param("file");
  for (const DocumentRecord& d : c.store.documents(contract_param(c.request))) {
    if (std::filesystem::path(d.file).filename().string() != name) continue;
    return Response::download(d.file, "application/pdf", name);
  }
  return Response::error(404, "not_found", "no such document for this contract");
}

// DOC-01: issued now into the server's documents folder (the register names the file, which
// stays: GET .../documents/{file} serves it again), and returned as the PDF itself.
Response attestation(Call& c) {
  auto issued = issue_document(c.store, c.regulation, contract_param(c.request), "card",
                               std::string(c.documents_dir), c.today);
  if (!issued) return Response::from(issued.error());
  return Response::download(issued->path, "application/pdf", "attestation-tiers-payant.pdf");
}

Response worklist_route(Call& c) {
  const Date on = try_parse_date(c.request.query_value("date")).value_or(c.today);
  auto items = worklist(c.store, c.regulation, on);
  if (!items) return Response::from(items.error());
  return Response::json(worklist_json(on, *items));
}

// The contracts under the non-payment procedure, with the figures of its latest case: the
// notice, the arrears it named, and the suspension or termination dates (DUN-01..03).
Response dunning_queue(Call& c) {
  std::vector<std::pair<std::string, CollectionState>> states;
  c.store.for_each_collection_status([&](const std::string& id, const CollectionState& s) {
    if (s.status != CollectionStatus::kUpToDate) states.emplace_back(id, s);
  });
  json all = json::array();
  for (const auto& [id, s] : states) {
    json row = {{"contract_id", id}, {"status", to_string(s.status)}, {"since", format_date(s.since)}};
    if (auto k = c.store.latest_case(id)) {
      row["notice"] = format_date(k->notice);
      row["oldest_due"] = format_date(k->oldest_due);
      row["arrears"] = k->arrears.format();
      row["suspended"] = k->suspended ? json(format_date(*k->suspended)) : json();
      row["terminated"] = k->terminated ? json(format_date(*k->terminated)) : json();
    }
    all.push_back(row);
  }
  return Response::json(all);
}

}  // namespace

void add_member_routes(std::vector<Route>& routes) {
  using P = Permission;
  const auto contract = contract_param;
  routes.push_back({"GET", "/api/members", P::kSearchMembers, true, "search",
                    "Contracts by id or a person's name", nullptr, nullptr, search});
  routes.push_back({"GET", "/api/contracts/{id}", P::kContractPage, true, "contract",
                    "The contract page", contract, nullptr, contract_page});
  routes.push_back({"GET", "/api/contracts/{id}/rights", P::kContractPage, true, "rights",
                    "Rights of each person on a date", contract, nullptr, rights_of_contract});
  routes.push_back({"GET", "/api/contracts/{id}/contributions", P::kContributions, true,
                    "contributions", "Contribution per person for a year", contract, nullptr,
                    contributions});
  routes.push_back({"GET", "/api/contracts/{id}/account", P::kContributions, true, "account",
                    "Balance, schedule and entries", contract, nullptr, account});
  routes.push_back({"GET", "/api/contracts/{id}/claims", P::kCareLines, true, "care_lines",
                    "Care lines decided (health data, audited)", contract, nullptr, care_lines});
  routes.back().health_data = true;
  routes.push_back({"GET", "/api/contracts/{id}/reimbursements", P::kReimbursements, true,
                    "reimbursements", "Payments per claim, without care detail", contract,
                    nullptr, reimbursements});
  routes.push_back({"GET", "/api/contracts/{id}/documents", P::kDocuments, true, "documents",
                    "Documents issued", contract, nullptr, documents});
  routes.push_back({"GET", "/api/contracts/{id}/documents/{file}", P::kDocuments, true,
                    "documents", "One document issued (PDF)", contract, nullptr, document_file});
  routes.push_back({"POST", "/api/contracts/{id}/attestation", P::kDocuments, true, "attestation",
                    "Issues the attestation de tiers payant (PDF)", contract, nullptr,
                    attestation});
  routes.push_back({"GET", "/api/claims/{claim}/{line}", P::kCareLines, true, "care_lines",
                    "The explanation of one care line (health data, audited)", nullptr, nullptr,
                    care_line});
  routes.back().health_data = true;
  routes.push_back({"GET", "/api/worklist", P::kWorklist, true, "worklist", "The work list",
                    nullptr, nullptr, worklist_route});
  routes.push_back({"GET", "/api/dunning", P::kDunningQueue, true, "dunning",
                    "Contracts under formal notice or suspended", nullptr, nullptr,
                    dunning_queue});
}

}  // namespace mutua::http

#include "claims/statement.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace mutua {

std::string payment_reference(int64_t run_id, const std::string& contract_id) {
  return "PRST-" + std::to_string(run_id) + "-" + contract_id;
}

namespace {

StatementLine line_of(const StatementSource& s) {
  const CareLine& l = s.detail.line;
  StatementLine out;
  out.run_id = s.decision.run_id;
  out.claim_id = s.decision.claim_id;
  out.line = s.decision.line;
  out.beneficiary_id = l.beneficiary_id;
  out.care_date = l.care_date;
  out.category = l.category;
  out.act_code = l.act_code;
  out.quantity = l.quantity;
  out.charged = l.charged;
  out.ro_paid = l.ro_paid;
  out.other_payers = l.other_payers;
  out.rc = s.decision.rc;
  out.remaining = s.decision.remaining;
  out.payee = l.payee;
  out.payee_ref = s.detail.payee_ref;
  return out;
}

std::string where(const StatementLine& l) {
  return "claim " + l.claim_id + " line " + std::to_string(l.line);
}

}  // namespace

Result<Statement> build_statement(const std::string& contract_id,
                                  const std::vector<StatementSource>& sources,
                                  const std::vector<StatementRun>& runs) {
  std::map<int64_t, const StatementRun*> selected;
  for (const StatementRun& r : runs) selected[r.run_id] = &r;
  Statement st;
  st.contract_id = contract_id;
  for (const StatementSource& s : sources) {
    if (s.decision.status != ClaimStatus::kPaid || s.decision.contract_id != contract_id) continue;
    if (!selected.count(s.decision.run_id)) continue;
    st.lines.push_back(line_of(s));
  }
  if (st.lines.empty()) {
    return rule_error("DOC-04", "no care line of contract " + contract_id +
                                    " was paid in the payments selected");
  }
  std::sort(st.lines.begin(), st.lines.end(), [](const StatementLine& a, const StatementLine& b) {
    return std::tie(a.run_id, a.care_date, a.claim_id, a.line) <
           std::tie(b.run_id, b.care_date, b.claim_id, b.line);
  });
  std::map<int64_t, StatementPayment> payments;
  for (const StatementLine& l : st.lines) {
    // BEN-15: every euro of the line is accounted for.
    if (l.ro_paid + l.other_payers + l.rc + l.remaining != l.charged) {
      return rule_error("DOC-04", where(l) + ": charged " + l.charged.format() +
                                      " ≠ RO + other payers + mutuelle + remaining");
    }
    StatementPayment& p = payments[l.run_id];
    p.run_id = l.run_id;
    p.paid_on = selected[l.run_id]->paid_on;
    ++p.lines;
    (l.payee == Payee::kMember ? p.to_member : p.to_providers) += l.rc;
    st.charged += l.charged;
    st.ro_paid += l.ro_paid;
    st.other_payers += l.other_payers;
    st.rc += l.rc;
    st.remaining += l.remaining;
  }
  for (auto& [run, p] : payments) {
    const Money paid = selected[run]->to_member;
    if (p.to_member != paid) {  // DOC-04: the lines are the payment, to the cent
      return rule_error("DOC-04", "payment of run " + std::to_string(run) + " to contract " +
                                      contract_id + ": lines sum to " + p.to_member.format() +
                                      ", the run paid " + paid.format());
    }
    if (!p.to_member.is_zero()) p.reference = payment_reference(run, contract_id);
    st.to_member += p.to_member;
    st.to_providers += p.to_providers;
    st.payments.push_back(p);
  }
  return st;
}

}  // namespace mutua

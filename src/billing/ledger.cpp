#include "billing/ledger.hpp"

#include <array>
#include <cstring>
#include <utility>

namespace mutua {

namespace {

constexpr std::array<std::pair<EntryKind, std::string_view>, 9> kKinds{{
    {EntryKind::kContributionDue, "contribution_due"},
    {EntryKind::kAdjustment, "adjustment"},
    {EntryKind::kRecall, "recall"},
    {EntryKind::kPayment, "payment"},
    {EntryKind::kReject, "reject"},
    {EntryKind::kRefund, "refund"},
    {EntryKind::kWriteOff, "write_off"},
    {EntryKind::kBenefitPaid, "benefit_paid"},
    {EntryKind::kUndueBenefit, "undue_benefit"},
}};

}  // namespace

std::string_view to_string(EntryKind kind) {
  for (const auto& [k, text] : kKinds) {
    if (k == kind) return text;
  }
  return "?";
}

std::optional<EntryKind> parse_entry_kind(std::string_view text) {
  for (const auto& [k, name] : kKinds) {
    if (name == text) return k;
  }
  return std::nullopt;
}

Entry make_entry(std::string key, Date date, EntryKind kind, std::string contract_id,
                 const char* debit, const char* credit, Money amount, std::string rule) {
  Entry e;
  e.key = std::move(key);
  e.date = date;
  e.kind = kind;
  e.contract_id = std::move(contract_id);
  if (amount.is_negative()) {
    std::swap(debit, credit);
    amount = -amount;
  }
  e.debit = debit;
  e.credit = credit;
  e.amount = amount;
  e.rule = std::move(rule);
  return e;
}

Money receivable_effect(const Entry& e) {
  if (e.debit == account::kReceivable) return e.amount;
  if (e.credit == account::kReceivable) return -e.amount;
  return Money{};
}

bool is_charge(const Entry& e) {
  if (e.debit != account::kReceivable) return false;
  return e.kind == EntryKind::kContributionDue || e.kind == EntryKind::kRecall ||
         e.kind == EntryKind::kAdjustment;
}

Money account_balance(const std::vector<Entry>& entries, std::string_view account,
                      std::string_view contract_id) {
  Money sum;
  for (const Entry& e : entries) {
    if (!contract_id.empty() && e.contract_id != contract_id) continue;
    if (e.debit == account) sum += e.amount;
    if (e.credit == account) sum -= e.amount;
  }
  return sum;
}

}  // namespace mutua

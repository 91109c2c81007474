// The double-entry ledger (BIL-04): every money movement is one entry debiting one account and
// crediting another by the same amount, so each entry balances and the whole ledger sums to zero.
// Balances are derived from the entries, never stored alone; history is immutable (a correction
// is a new entry); every entry written by a batch carries an idempotency key, unique in the
// ledger, so a batch run twice (or restarted after a kill) never posts twice.
//
// Accounts (a simplified plan comptable; the member sub-ledger is keyed by contract):
//   411  members — contributions receivable (a debit: the member owes more)
//   706  contributions earned
//   512  bank
//   601  benefits paid (claims)
//   467  benefits to recover (undue payments, CES-01)
//
// Sign convention of a contract's balance: Σ debits − Σ credits on 411 for that contract; > 0 the
// member owes, < 0 the mutuelle owes the member.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"

namespace mutua {

namespace account {
inline constexpr const char* kReceivable = "411";
inline constexpr const char* kContributions = "706";
inline constexpr const char* kBank = "512";
inline constexpr const char* kBenefits = "601";
inline constexpr const char* kToRecover = "467";
}  // namespace account

enum class EntryKind {
  kContributionDue,  // an instalment falls due (BIL-01/02): 411 ← 706
  kAdjustment,       // re-rating of a billed period (end, new dependant...): ± on 411/706
  kRecall,           // contribution recall (TAR-06): 411 ← 706
  kPayment,          // transfer, cheque or direct debit received: 512 ← 411
  kReject,           // a direct debit rejected by the bank (BIL-03): 411 ← 512
  kRefund,           // credit paid back to the member (BIL-06): 411 ← 512
  kWriteOff,         // arrears waived by a manager (not used by runs)
  kBenefitPaid,      // claims paid (BEN-13): 601 ← 512
  kUndueBenefit,     // benefit paid for care after the end, to recover (CES-01): 467 ← 601
};
std::string_view to_string(EntryKind kind);  // "contribution_due", "adjustment", ...
std::optional<EntryKind> parse_entry_kind(std::string_view text);

struct Entry {
  int64_t id = 0;           // assigned by the store
  std::string key;          // idempotency key, unique in the ledger
  Date date{};              // value date: the due date, the payment date...
  EntryKind kind = EntryKind::kContributionDue;
  std::string contract_id;  // empty for entries of no member (none yet)
  std::string debit;        // account debited
  std::string credit;       // account credited
  Money amount;             // > 0
  int year = 0;             // the instalment concerned, when any (0 otherwise)
  int period = 0;
  std::string rule;         // rule ID that caused it ("BIL-02", "DUN-04"...)
  std::string reference;    // payment reference, SEPA end-to-end id, reject reason...
  friend bool operator==(const Entry&, const Entry&) = default;
};

// An entry moving `amount` from `credit` to `debit`; a negative amount swaps the accounts so every
// stored amount is positive.
Entry make_entry(std::string key, Date date, EntryKind kind, std::string contract_id,
                 const char* debit, const char* credit, Money amount, std::string rule);

// Effect of an entry on the member's balance (411): +amount when 411 is debited, −amount when it
// is credited, 0 otherwise.
Money receivable_effect(const Entry& e);
// Whether the entry raises what the member owes for a period (a due, a recall, an upward
// adjustment): the entries that dunning ages by date (DUN-01).
bool is_charge(const Entry& e);

// Σ debits − Σ credits per account over `entries`; the sum over all accounts is always zero.
Money account_balance(const std::vector<Entry>& entries, std::string_view account,
                      std::string_view contract_id = {});

}  // namespace mutua

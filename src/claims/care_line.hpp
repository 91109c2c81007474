// CareLine: one line of a décompte the RO has processed (INTERFACES.md "Care lines"), as typed
// values. Parsing the CSV into this struct belongs to the caller; the engine only reads it.
//
// Conventions:
// - Amounts are Money; `ro_rate` is an integer percent as written in the file (informative: the
//   engine uses the amounts the RO actually paid, and the regulation's normal rate out of
//   pathway).
// - `optam` is absent when the file leaves it empty; on a doctor category that means non-OPTAM.
// - `country` is an ISO code, "FR" when the file leaves it empty.
// - `source_line` is the 1-based line of the input file, for error messages and explain.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"

namespace mutua {

// 100% santé basket of the line (BEN-06); kNone when the file leaves it empty.
enum class Basket { kNone, k100S, kModerate, kFree };
enum class Payee { kMember, kProvider };
// Why an optics equipment is renewed before the normal period (BEN-16, extension column
// `early_renewal`): a change of sight on the new prescription, or a young child's frame that no
// longer fits. kNone when the file leaves it empty.
enum class EarlyRenewal { kNone, kVisionChange, kFrameFit };

std::string_view to_string(Basket basket);  // "", "100S", "MODERATE", "FREE"
std::string_view to_string(Payee payee);    // "member", "provider"
std::string_view to_string(EarlyRenewal why);  // "", "vision_change", "frame_fit"
// Strict parsers of the file vocabulary ("" is Basket::kNone); the error names the bad value.
Result<Basket> parse_basket(std::string_view text);
Result<Payee> parse_payee(std::string_view text);
Result<EarlyRenewal> parse_early_renewal(std::string_view text);

inline constexpr std::string_view kFrance = "FR";

struct CareLine {
  std::string claim_id;
  int line = 0;  // line number inside the décompte: (claim_id, line) is the BEN-12 key
  std::string contract_id;
  std::string beneficiary_id;
  Date care_date{};
  Date received_date{};
  std::string category;
  std::string act_code;
  int quantity = 1;            // units: acts, days of a stay, ears
  Money charged;               // frais réels
  Money base;                  // base de remboursement (BR)
  std::optional<int> ro_rate;  // percent, as the RO applied it
  Money ro_paid;               // what the RO paid, after its deductions
  Money flat_fee;              // participation forfaitaire deducted by the RO
  Money franchise;             // franchises médicales deducted by the RO
  std::optional<bool> optam;
  bool out_of_pathway = false;
  Basket basket = Basket::kNone;
  std::string country{kFrance};
  bool emergency = false;
  bool prior_approval = false;
  Money other_payers;
  Payee payee = Payee::kMember;
  std::string provider;  // the professional paid under tiers payant (extension column; may be empty)
  // The liable third party of an accident (extension column, BEN-14): what is paid becomes a
  // claim recoverable from them. Empty when there is none.
  std::string third_party;
  EarlyRenewal early_renewal = EarlyRenewal::kNone;  // extension column (BEN-16)
  int source_line = 0;

  // What the RO reimbursed before its deductions: ro_paid + flat_fee + franchise (BEN-04).
  Money ro_gross() const { return ro_paid + flat_fee + franchise; }
  bool abroad() const { return !country.empty() && country != kFrance; }
};

}  // namespace mutua

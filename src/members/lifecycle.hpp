// What happens to an adhesion over time: product changes (ADH-06, DEM-03), suspensions for a stay
// abroad or a detention (SUS-01), resignations (DEM-01..05) and radiations (CES-02). Pure
// decisions: each function takes the facts and the dates, and returns the decision or a refusal
// naming the rule. The app layer stores what is decided.
//
// Dates: a resignation's or radiation's `effective` date is the LAST day of cover; care after it
// is not covered (CES-01), care on it is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "members/contract.hpp"
#include "members/renewal_notice.hpp"

namespace mutua {

// --- Product change (ADH-06, DEM-03) ------------------------------------------------------------

struct ProductChange {
  std::string contract_id;
  Date effective{};  // always a 1 January
  std::string product;
  std::string previous;  // product in force until the day before
  Date signed_on{};
  std::string reference;  // the signed request document (REG art. 18)
  friend bool operator==(const ProductChange&, const ProductChange&) = default;
};

// The product in force on `d`: the latest change effective on or before it, else the adhesion
// product. `changes` in any order.
std::string product_on(const Contract& contract, const std::vector<ProductChange>& changes, Date d);
// The start of the current guarantee on `d` for DEM-02: the adhesion date, or the latest product
// change effective on or before `d` (DEM-03).
Date guarantee_start(const Contract& contract, const std::vector<ProductChange>& changes, Date d);

// A change signed on `signed_on` takes effect on the next 1 January (ADH-06). Refused when the
// adhesion ends before that day, when a change already takes effect that day, or when the product
// would not change.
Result<ProductChange> decide_product_change(const Contract& contract,
                                            const std::vector<ProductChange>& changes,
                                            const std::string& product, Date signed_on,
                                            const std::string& reference);

// --- Suspension (SUS-01) -------------------------------------------------------------------------

// A suspension starts at least `notice_days` (30) after the member was notified, lies within the
// adhesion, and overlaps no other suspension of the contract.
Status check_suspension(const Contract& contract, const Suspension& s,
                        const std::vector<Suspension>& existing, int notice_days);

// --- Resignation and radiation (DEM-01..05, CES-02) ---------------------------------------------

enum class ResignationKind { kAnnual, kAnytime, kLifeEvent, kCss, kNewInsurer };
// "annual", "anytime", "life-event", "css", "new-insurer"
std::string_view to_string(ResignationKind k);
std::optional<ResignationKind> parse_resignation_kind(std::string_view text);

// DEM-05 events (REG art. 11, L221-17).
enum class LifeEvent { kMove, kMaritalStatus, kMatrimonialRegime, kJobChange, kRetirement,
                       kEndOfActivity, kCss };
std::string_view to_string(LifeEvent e);  // "move", "marital_status", ..., "css"
std::optional<LifeEvent> parse_life_event(std::string_view text);

struct ResignationRequest {
  ResignationKind kind = ResignationKind::kAnnual;
  Date received{};                    // the day the mutuelle received the notice
  std::optional<Date> event_date;     // life event (or its revelation); CSS attestation date
  std::optional<LifeEvent> event;
  std::optional<Date> sent;           // the letter's sending date (postmark), when known
  std::string new_insurer;            // DEM-09: the new organism notifying on the member's behalf
  std::optional<Date> today;          // the business date: a notice received or sent after it
                                      // is refused (--received, --sent; none: not checked)
};

struct ResignationDecision {
  Date effective{};   // last day of cover
  std::string rule;   // DEM-01, DEM-02, DEM-05
  std::string why;    // plain words, for staff
};

// DEM-01: annual, sent (`sent`, else received) at least two months before 31 December (by 31
//   October) → effective 31 December of that year; later → refused DEM-01, unless the annual call
//   gives more (L221-10-1, `calls`: the calls of the contract as sent, any order), checked first
//   for the renewal of 1 January of the letter's year (when the adhesion started before it):
//   DEM-08: that call stated no last day → effective the day after the letter's sending date;
//   DEM-07: that call was late and the letter is sent within its 20 days → the day after the
//   sending date; then DEM-01; then DEM-07 for the coming renewal: the next call was late and the
//   letter is sent within its 20 days → 31 December. No call recorded: DEM-01 only.
// DEM-09: new-insurer (L221-10-2, from 2020-12-01): the new organism's notification, received at
//   least one year after the start of the current guarantee (as DEM-02/03) → effective one month
//   after receipt; needs `new_insurer`.
// DEM-02/03: any time, received at least one year after the start of the current guarantee
//   (adhesion or last product change) → effective one month after receipt; earlier → refused
//   (DEM-03 when a product change opened the period, DEM-02 otherwise).
// DEM-05: life event, received within three months of the event (inclusive) → one month after
//   receipt; CSS → the date on the CSS attestation (`event_date`). Later → refused DEM-05.
// Also refused: a notice received before the adhesion starts or an event after the receipt.
Result<ResignationDecision> decide_resignation(const Contract& contract,
                                               const std::vector<ProductChange>& changes,
                                               const ResignationRequest& request,
                                               const std::vector<CallSending>& calls = {});

// A recorded end of the adhesion: a resignation (DEM-*) or a radiation (CES-02).
struct Termination {
  std::string contract_id;
  std::string kind;  // "annual" | "anytime" | "life-event" | "css" | "new-insurer" | "radiation"
  std::string rule;  // DEM-01, DEM-02, DEM-05, DEM-07, DEM-08, DEM-09, CES-02
  Date received{};   // notice received, or radiation decided
  std::optional<Date> event_date;
  std::string event;   // life event, or the radiation reason
  Date effective{};    // last day of cover
  std::optional<int64_t> refund_cents;  // unused contribution (DEM-06), when it could be computed
  std::optional<Date> confirmed;        // DEM-04: date of the written confirmation
  std::optional<Date> sent;             // the letter's sending date, when given (DEM-01, DEM-07/08)
  std::string new_insurer;              // DEM-09: the organism that notified
  friend bool operator==(const Termination&, const Termination&) = default;
};

// DEM-10: the unused contribution of a resignation under L221-10-1 or L221-10-2 (DEM-02, DEM-07,
// DEM-08, DEM-09) is refunded within 30 days of its effective date: the last day to pay it, or
// nullopt when the rule sets no deadline.
std::optional<Date> refund_deadline(const Termination& t);

// Ends every person's rights on `effective` (those ending earlier keep their end), recording the
// rule that ended them.
void apply_end(Contract& contract, Date effective, const std::string& rule);

// ELIG-07: sets a child's end of rights from its condition and proofs when that end comes before
// the end it already has (a declared end, a termination) or when it has none; `end_reason`
// becomes "ELIG-07" then. Returns why the condition ends when that is what ends the rights, else
// "". Not a child, or no condition: unchanged.
std::string apply_condition_end(Beneficiary& child, const std::vector<Proof>& proofs,
                                RightsEndRule rule);

}  // namespace mutua

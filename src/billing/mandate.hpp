// SEPA direct-debit mandates (BIL-03): the member's authorisation, identified by its RUM
// (référence unique de mandat), and the sequence type each collection under it carries.
//
// - A member imported or enrolled with an IBAN gets a recurrent mandate, signed on the start
//   date, with a RUM generated from the contract id (stable: the same contract always gets the
//   same RUM, so a re-import creates nothing new).
// - Sequence (EPC SDD Core rulebook): OOFF for a one-off mandate; FRST for the first collection
//   of a recurrent mandate (again after that first collection was rejected); FNAL for the last
//   one, when the contract's end is known and no later instalment will be collected; RCUR
//   otherwise.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace mutua {

enum class MandateKind { kRecurrent, kOneOff };

struct Mandate {
  std::string rum;
  std::string contract_id;
  std::string iban;
  std::string bic;  // empty: unknown (IBAN-only, allowed since 2016)
  Date signed_on{};
  MandateKind kind = MandateKind::kRecurrent;
  bool used = false;      // a collection under it was sent and not rejected as first
  bool revoked = false;
  // SEPA batches that existed when it was registered (the highest batch id); unset: the store
  // sets it on insert. A new mandate for new bank details keeps its predecessor's.
  std::optional<int64_t> registered_batch;
  friend bool operator==(const Mandate&, const Mandate&) = default;
};

// "RUM-" + contract id (characters outside the SEPA identifier set replaced by '-'), at most 35
// characters: a longer contract id is cut and suffixed with a hash of the whole id.
std::string generate_rum(const std::string& contract_id);

struct SequenceChoice {
  bool one_off = false;
  bool first = false;
  bool last = false;
};
SequenceChoice sequence_for(const Mandate& mandate, bool last_collection);

// BIL-03: the mandate a contract's debits are collected under, among all of its mandates (any
// order): the latest signed of those not revoked (new bank details come with a new mandate, the
// old one stays on record); on the same signature date the smallest RUM, so the choice is stable.
// Null when every mandate is revoked or there is none: the member pays by transfer.
const Mandate* active_mandate(const std::vector<Mandate>& mandates);
// The same choice, as a copy (for a list that does not outlive the call).
std::optional<Mandate> active_mandate_of(const std::vector<Mandate>& mandates);

// A SEPA batch: its id and requested collection date.
struct BatchDate {
  int64_t id = 0;
  Date collection{};
};
// Every batch collects every instalment of every active mandate due by its date, so a mandate's
// instalments were presented through the latest collection date of the batches exported after it
// was registered; none when there is none. `batches` in id order. (Instalments raised after they
// were presented carry the rest as `extra`: billing/records.hpp.)
class PresentedThrough {
 public:
  explicit PresentedThrough(const std::vector<BatchDate>& batches);
  std::optional<Date> of(const Mandate& mandate) const;

 private:
  std::vector<int64_t> ids_;
  std::vector<Date> latest_from_;  // latest collection date of batches [k, end)
};

}  // namespace mutua

// What billing keeps between runs (persisted by the Store): the schedule of each contract-year
// with, per instalment, what was billed to the ledger and any increase still to present for direct
// debit;
// the SEPA batches and their debits. Plain values: the ledger entries themselves are
// billing/ledger.hpp, the procedures billing/dunning.hpp, the mandates billing/mandate.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "billing/mandate.hpp"
#include "billing/schedule.hpp"
#include "members/contract.hpp"

namespace mutua {

struct ScheduledInstalment {
  Instalment instalment;
  Money billed;     // Σ of the ledger entries posted for this period (due + adjustments)
  // An increase of an instalment already posted (a re-rating), still to present for direct debit:
  // what a mandate's earlier debit of the instalment did not ask (app/sepa_service).
  Money extra;
  bool posted = false;  // a contribution_due entry exists (later changes are adjustments)
  friend bool operator==(const ScheduledInstalment&, const ScheduledInstalment&) = default;
};

// One contract-year: the call (BIL-01) and its schedule (BIL-02), as last computed.
struct BillingSchedule {
  std::string contract_id;
  int year = 0;
  PaymentFrequency frequency = PaymentFrequency::kMonthly;
  Date called{};  // business date of the run that issued the call
  int version = 1;  // +1 each time a re-rating changed the schedule
  uint64_t inputs = 0;  // fingerprint of what it was rated from (billing/rating_inputs.hpp)
  std::vector<ScheduledInstalment> instalments;
  Money annual() const;
  friend bool operator==(const BillingSchedule&, const BillingSchedule&) = default;
};

// Compact text form of the instalments, stored in one column:
// Compact binary form (see records.cpp); decode returns nullopt on malformed bytes.
std::string encode_instalments(const std::vector<ScheduledInstalment>& instalments);
std::optional<std::vector<ScheduledInstalment>> decode_instalments(std::string_view text, int year,
                                                                  PaymentFrequency frequency);

struct SepaBatchRecord {
  int64_t id = 0;
  std::string message_id;
  Date collection_date{};
  Date created{};  // business date of the export
  std::string file;
  int64_t count = 0;
  Money total;
  bool settled = false;  // its debits were posted as payments (on or after the collection date)
};

struct SepaDebitRecord {
  std::string end_to_end_id;
  int64_t batch_id = 0;
  std::string contract_id;
  int year = 0;
  int period = 0;
  Money amount;
  std::string rum;
  Date mandate_signed{};
  std::string sequence;  // FRST | RCUR | FNAL | OOFF
  std::string debtor_name;
  std::string iban;
  std::string bic;
  std::string status = "sent";  // sent | rejected
  std::string reason;           // reject reason code
};

// A schedule of a contract that has mandates, with every one of them (revoked included, by
// signature date then RUM): the sepa export chooses the one to collect under (active_mandate,
// BIL-03).
struct CollectionCandidate {
  BillingSchedule schedule;
  std::vector<Mandate> mandates;
  std::string debtor_name;        // the member's first and last name
  std::optional<Date> cover_end;  // the member's end of rights, when known (FNAL)
};

// A page of candidates read by key: `last` is the last schedule's contract id the page covered
// (the next page starts after it), empty when no schedule was left. A page may cover schedules
// without candidates (contracts paying by transfer).
struct CollectionPage {
  std::vector<CollectionCandidate> candidates;
  std::string last;
};

}  // namespace mutua

// `mutua sepa export` and `mutua sepa rejects` (BIL-03). See app/billing.hpp.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

#include "app/billing.hpp"
#include "core/hash.hpp"
#include "formats/sepa.hpp"

namespace mutua {

namespace {

// Stable per instalment, so a debit is recognised in a bank report and never presented twice.
// `suffix`: the collection date of a re-presentation (the rest of an instalment raised after it
// was presented), so that debit has an id of its own.
std::string end_to_end_id(const std::string& contract_id, int year, int period,
                          const std::string& suffix = {}) {
  std::string tail = "-" + std::to_string(year) + "-" + (period < 10 ? "0" : "") +
                     std::to_string(period) + (suffix.empty() ? "" : "-" + suffix);
  if (contract_id.size() + tail.size() <= 35) return contract_id + tail;
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a(contract_id)));
  return std::string(hash) + tail;
}

SepaCreditor creditor_of(const Organism& o) {
  return SepaCreditor{o.name, o.iban, o.bic, o.creditor_id};
}

SepaDebit to_debit(const SepaDebitRecord& r) {
  SepaDebit d;
  d.end_to_end_id = r.end_to_end_id;
  d.amount = r.amount;
  d.mandate_id = r.rum;
  d.mandate_signed = r.mandate_signed;
  d.sequence = *parse_sequence_type(r.sequence);
  d.debtor_name = r.debtor_name;
  d.debtor_iban = r.iban;
  d.debtor_bic = r.bic;
  d.remittance = "Cotisation contrat " + r.contract_id + " echeance " + std::to_string(r.year) +
                 "-" + std::to_string(r.period);
  return d;
}

std::string partial_of(const std::string& out) { return out + ".partial"; }

// Writes the file as `<out>.partial`, flushed to disk: complete, but not yet under its name.
Status write_partial(const SepaBatch& batch, const std::string& out) {
  const std::string partial = partial_of(out);
  {
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    if (!file) return data_error(out, 0, "--out", std::string("cannot write: ") + std::strerror(errno));
    write_pain008(batch, file);
    file.flush();
    if (!file) {
      std::remove(partial.c_str());
      return data_error(out, 0, "--out", "write failed (disk full?)");
    }
  }
  FILE* f = std::fopen(partial.c_str(), "rb");
  const bool synced = f && ::fsync(fileno(f)) == 0;
  if (f) std::fclose(f);
  if (!synced) {
    std::remove(partial.c_str());
    return data_error(out, 0, "--out", "cannot flush the file to disk");
  }
  return Status::success();
}

// Gives the complete `<out>.partial` its name.
Status publish(const std::string& out) {
  if (std::rename(partial_of(out).c_str(), out.c_str()) != 0) {
    return data_error(out, 0, "--out", std::string("cannot rename: ") + std::strerror(errno));
  }
  return Status::success();
}

Status write_batch_file(const SepaBatch& batch, const std::string& out) {
  if (Status s = write_partial(batch, out); !s) return s;
  return publish(out);
}

bool exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

// What one batch is collecting: the instalments already presented under each mandate
// (PresentedThrough), the mandates whose first debit (FRST) is in this batch, the debits.
struct Collection {
  Date date{};
  PresentedThrough presented;
  std::set<std::string> first_here;  // mandates whose FRST is in this batch (a year earlier)
  std::vector<SepaDebitRecord> debits;
  std::vector<BillingSchedule> changed;  // schedules whose `extra` this batch presents (cleared)
};

// The debits of one schedule under its mandate: every instalment due by the collection date and
// not yet presented under the mandate, plus the rest of an instalment raised after it was
// presented (`extra`), one debit each; the mandate's first collection is FRST (BIL-03).
void collect_schedule(const CollectionCandidate& c, const Mandate& mandate, Collection& batch) {
  const BillingSchedule& s = c.schedule;
  const std::optional<Date> through = batch.presented.of(mandate);
  std::optional<BillingSchedule> cleared;
  bool used = mandate.used || batch.first_here.count(mandate.rum) > 0;
  for (size_t k = 0; k < s.instalments.size(); ++k) {
    const ScheduledInstalment& i = s.instalments[k];
    if (i.instalment.due > batch.date) continue;
    const bool rest = through && i.instalment.due <= *through;
    const Money due = rest ? i.extra : i.instalment.amount;
    if (i.extra > Money{}) {
      if (!cleared) cleared = s;
      cleared->instalments[k].extra = Money{};
    }
    if (!(due > Money{})) continue;
    Mandate m = mandate;
    m.used = used;
    const bool last = c.cover_end && *c.cover_end <= i.instalment.to;
    SequenceChoice seq = sequence_for(m, last);
    SepaDebitRecord r;
    r.end_to_end_id = end_to_end_id(s.contract_id, s.year, i.instalment.period,
                                    rest ? format_date_compact(batch.date) : "");
    r.contract_id = s.contract_id;
    r.year = s.year;
    r.period = i.instalment.period;
    r.amount = due;
    r.rum = mandate.rum;
    r.mandate_signed = mandate.signed_on;
    r.sequence = seq.one_off ? "OOFF" : seq.first ? "FRST" : seq.last ? "FNAL" : "RCUR";
    r.debtor_name = c.debtor_name;
    r.iban = mandate.iban;
    r.bic = mandate.bic;
    if (seq.first) batch.first_here.insert(mandate.rum);
    batch.debits.push_back(std::move(r));
    used = true;
  }
  if (cleared) batch.changed.push_back(std::move(*cleared));
}

// Schedules read per page, by key.
constexpr int64_t kCollectionPageSchedules = 4096;

// The debits of a new batch for `date`, from the schedules of its year and the year before, in
// the caller's transaction; `changed` receives the schedules to store.
std::vector<SepaDebitRecord> collect(Store& store, Date date,
                                     std::vector<BillingSchedule>& changed) {
  Collection batch{date, PresentedThrough(store.batch_dates()), {}, {}, {}};
  for (int year = year_of(date) - 1; year <= year_of(date); ++year) {
    std::string after;
    for (;;) {
      CollectionPage page = store.collection_page(year, after, kCollectionPageSchedules);
      if (page.last.empty()) break;
      after = std::move(page.last);
      for (const CollectionCandidate& c : page.candidates) {
        // BIL-03; every mandate revoked: the member pays by transfer.
        if (const Mandate* mandate = active_mandate(c.mandates)) collect_schedule(c, *mandate, batch);
      }
    }
  }
  changed = std::move(batch.changed);
  return std::move(batch.debits);
}

SepaBatch batch_of(const SepaBatchRecord& record, const Organism& organism,
                   const std::vector<SepaDebitRecord>& debits) {
  SepaBatch b;
  b.message_id = record.message_id;
  b.created = format_date(record.created) + "T00:00:00";
  b.collection_date = record.collection_date;
  b.creditor = creditor_of(organism);
  b.debits.reserve(debits.size());
  for (const SepaDebitRecord& r : debits) b.debits.push_back(to_debit(r));
  return b;
}

SepaExportSummary summary_of(const SepaBatchRecord& record, const std::vector<SepaDebitRecord>& debits,
                             const std::string& out) {
  SepaExportSummary s;
  s.message_id = record.message_id;
  s.collection_date = record.collection_date;
  s.file = out;
  s.debits = static_cast<int64_t>(debits.size());
  for (const SepaDebitRecord& d : debits) {
    s.total += d.amount;
    ++s.by_sequence[d.sequence];
  }
  return s;
}

}  // namespace

Result<SepaExportSummary> export_sepa(Store& store, Date collection_date, const std::string& out,
                                      Date today) {
  // One unit of work: whether the date is already exported and what is due are read in the
  // transaction that stores the batch (a concurrent export waits, then finds the batch).
  Transaction tx(store);
  const Organism organism = store.load_catalogue().organism;
  if (organism.iban.empty() || organism.bic.empty()) {
    return data_error("catalogue", 0, "organism.iban",
                      "the creditor account (organism.iban and organism.bic) is required for "
                      "direct debits (BIL-03)");
  }
  if (auto existing = store.find_batch(collection_date)) {
    // A kill after the commit left the complete file as .partial: give it its name first.
    if (!exists(existing->file) && exists(partial_of(existing->file))) {
      if (Status s = publish(existing->file); !s) return s.error();
    }
    auto debits = store.sepa_debits(existing->id);
    SepaBatch batch = batch_of(*existing, organism, debits);
    if (Status s = check_batch(batch); !s) return s.error();
    if (Status s = write_batch_file(batch, out); !s) return s.error();
    // Settlement looks for the file where it was last written.
    if (existing->file != out) store.set_batch_file(existing->id, out);
    tx.commit();
    SepaExportSummary summary = summary_of(*existing, debits, out);
    summary.already_exported = true;
    return summary;
  }
  std::vector<BillingSchedule> changed;
  std::vector<SepaDebitRecord> debits = collect(store, collection_date, changed);
  // The order the stored batch is read back in, so an export run again writes the same bytes.
  std::sort(debits.begin(), debits.end(), [](const SepaDebitRecord& a, const SepaDebitRecord& b) {
    return a.end_to_end_id < b.end_to_end_id;
  });
  SepaBatchRecord record;
  record.message_id = "MUTUA-SDD-" + format_date_compact(collection_date);
  record.collection_date = collection_date;
  record.created = today;
  record.file = out;
  record.count = static_cast<int64_t>(debits.size());
  for (const auto& d : debits) record.total += d.amount;
  if (debits.empty()) {
    SepaExportSummary s = summary_of(record, debits, {});
    s.warnings.push_back("nothing to collect on " + format_date(collection_date) +
                         ": no direct-debit instalment due and not yet presented");
    return s;  // no batch, no file: a later export for the date may still find debits
  }
  SepaBatch batch = batch_of(record, organism, debits);
  if (Status s = check_batch(batch); !s) return s.error();
  // The file and its batch exist together or not at all: the complete file is on disk (as
  // .partial) before the batch is committed, and takes its name after. A failure before the
  // commit leaves neither (exit 3, nothing written); a kill between the commit and the rename
  // leaves a complete .partial that the next export or billing run renames (resume_batch_files).
  if (Status s = write_partial(batch, out); !s) return s.error();
  try {
    record.id = store.insert_batch(record);
    for (SepaDebitRecord& d : debits) d.batch_id = record.id;
    store.insert_sepa_debits(debits);
    store.save_schedules(changed);
    store.mark_first_debits_used(record.id);
    tx.commit();
  } catch (...) {
    std::remove(partial_of(out).c_str());
    throw;
  }
  if (Status s = publish(out); !s) return s.error();
  return summary_of(record, debits, out);
}

std::vector<std::string> resume_batch_files(Store& store) {
  std::vector<std::string> missing;
  // Every unsettled batch, whatever its collection date: the file is due as soon as it exists.
  for (const SepaBatchRecord& batch : store.unsettled_batches(make_date(9999, 12, 31))) {
    if (exists(batch.file)) continue;
    if (exists(partial_of(batch.file)) && publish(batch.file)) continue;
    missing.push_back(batch.message_id);
  }
  return missing;
}

namespace {

Entry debit_payment(const SepaDebitRecord& d, Date collection_date) {
  Entry e = make_entry("sepa:" + d.end_to_end_id, collection_date, EntryKind::kPayment,
                       d.contract_id, account::kBank, account::kReceivable, d.amount, "BIL-03");
  e.year = d.year;
  e.period = d.period;
  e.reference = d.sequence;  // the key holds the end-to-end id
  return e;
}

}  // namespace

int64_t settle_debits(Store& store, Date today) {
  resume_batch_files(store);
  int64_t posted = 0;
  for (const SepaBatchRecord& batch : store.unsettled_batches(today)) {
    // A batch whose file does not exist was never handed to the bank: nothing is collected.
    if (!exists(batch.file)) continue;
    std::vector<Entry> payments;
    payments.reserve(static_cast<size_t>(batch.count));
    store.for_each_debit_of_batch(batch.id, [&](const SepaDebitRecord& d) {
      if (d.status != "rejected") payments.push_back(debit_payment(d, batch.collection_date));
    });
    posted += store.post_entries(payments);
    store.mark_batch_settled(batch.id);
  }
  return posted;
}

Result<RejectsSummary> import_rejects(Store& store, const std::string& path, Date today) {
  auto rejects = read_pain002(path);
  if (!rejects) return rejects.error();
  RejectsSummary summary;
  // One unit of work from the first read: a debit's status, its payment entry and its mandate
  // are decided on in the transaction that records the reject.
  Transaction tx(store);
  // Resolve every reject to stored debits first: an unknown one stops the import, nothing written.
  std::vector<std::pair<SepaDebitRecord, const SepaReject*>> found;
  for (const SepaReject& r : *rejects) {
    auto batch = store.find_batch_by_message(r.original_message_id);
    if (!batch) {
      return data_error(path, r.line, "OrgnlMsgId",
                        "unknown message '" + r.original_message_id + "': not exported by mutua");
    }
    if (!r.end_to_end_id.empty()) {
      auto debit = store.find_sepa_debit(r.end_to_end_id);
      if (!debit || debit->batch_id != batch->id) {
        return data_error(path, r.line, "OrgnlEndToEndId",
                          "unknown debit '" + r.end_to_end_id + "' in " + r.original_message_id);
      }
      found.emplace_back(*debit, &r);
      continue;
    }
    // A whole payment-information block or group: every debit of it.
    for (const SepaDebitRecord& d : store.sepa_debits(batch->id)) {
      if (r.payment_info_id.empty() || r.payment_info_id == batch->message_id + "-" + d.sequence) {
        found.emplace_back(d, &r);
      }
    }
  }
  static const std::set<std::string> kMandateUnusable{"AC01", "AC04", "AC06", "MD01", "MD07", "BE05"};
  for (const auto& [debit, reject] : found) {
    ++summary.rejects;
    ++summary.by_reason[reject->reason_code.empty() ? "?" : reject->reason_code];
    if (debit.status == "rejected") {
      ++summary.already_recorded;
      continue;
    }
    // A debit rejected before its collection date was never posted as paid: nothing to reverse.
    if (store.find_entry("sepa:" + debit.end_to_end_id)) {
      std::vector<Entry> entry{make_entry("reject:" + debit.end_to_end_id, today,
                                          EntryKind::kReject, debit.contract_id,
                                          account::kReceivable, account::kBank, debit.amount,
                                          "BIL-03")};
      entry[0].year = debit.year;
      entry[0].period = debit.period;
      entry[0].reference = "rejet " + debit.end_to_end_id + " " + reject->reason_code +
                           (reject->reason_text.empty() ? "" : " (" + reject->reason_text + ")");
      store.post_entries(entry);
    }
    ++summary.recorded;
    summary.amount += debit.amount;
    store.mark_debit_rejected(debit.end_to_end_id, reject->reason_code);
    // The first debit of a mandate rejected: the next one is a first one again (EPC rulebook).
    if (debit.sequence == "FRST") store.set_mandate_used(debit.rum, false);
    if (kMandateUnusable.count(reject->reason_code)) {
      store.revoke_mandate(debit.rum);
      ++summary.mandates_revoked;
    }
  }
  tx.commit();
  return summary;
}

}  // namespace mutua

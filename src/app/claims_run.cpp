#include "app/json_values.hpp"
#include "app/claims_run.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <unordered_map>

#include "app/billing.hpp"
#include "app/claims_context.hpp"
#include "claims/care_line_csv.hpp"
#include "claims/key_set.hpp"
#include "core/csv.hpp"
#include "core/hash.hpp"

namespace mutua {

namespace {

constexpr size_t kMaxListedErrors = 100;
constexpr int kCacheMib = 32;  // SQLite page cache during a run (memory stays bounded)

// --- Input identity ---------------------------------------------------------------------------

// Size plus a hash of the first and last MiB: cheap on a multi-gigabyte file, and enough to
// tell a resumed run's input from another file (a changed file changes its size or its ends).
Result<std::string> input_identity(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return data_error(path, 0, "", std::string("cannot open: ") + std::strerror(errno));
  constexpr size_t kPart = 1 << 20;
  std::string buf(kPart, '\0');
  size_t n = std::fread(buf.data(), 1, kPart, f);
  uint64_t h = fnv1a(std::string_view(buf.data(), n));
  std::fseek(f, 0, SEEK_END);
  long size = std::ftell(f);
  if (size > static_cast<long>(kPart)) {
    std::fseek(f, size - static_cast<long>(kPart), SEEK_SET);
    n = std::fread(buf.data(), 1, kPart, f);
    h = fnv1a(std::string_view(buf.data(), n), h);
  }
  std::fclose(f);
  char text[64];
  std::snprintf(text, sizeof text, "%ld:%016llx", size, static_cast<unsigned long long>(h));
  return std::string(text);
}

// --- Output files -----------------------------------------------------------------------------

// A file written through a large buffer, whose committed length is known: sync() flushes it to
// disk and returns the byte count that a checkpoint records.
class OutputFile {
 public:
  ~OutputFile() {
    if (f_) std::fclose(f_);
  }
  // Creates (truncating) or, when resuming, reopens and cuts back to `keep` bytes.
  Status open(const std::string& path, std::optional<int64_t> keep) {
    path_ = path;
    if (keep) {
      f_ = std::fopen(path.c_str(), "r+b");
      if (!f_) return data_error(path, 0, "", std::string("cannot resume: ") + std::strerror(errno));
      if (::ftruncate(fileno(f_), *keep) != 0 || std::fseek(f_, 0, SEEK_END) != 0) {
        return data_error(path, 0, "", std::string("cannot resume: ") + std::strerror(errno));
      }
      bytes_ = *keep;
    } else {
      f_ = std::fopen(path.c_str(), "wb");
      if (!f_) return data_error(path, 0, "", std::string("cannot write: ") + std::strerror(errno));
    }
    return Status::success();
  }
  bool is_open() const { return f_ != nullptr; }
  std::string& buffer() { return buf_; }
  void maybe_flush() {
    if (buf_.size() >= (1 << 20)) flush();
  }
  void flush() {
    if (buf_.empty()) return;
    if (std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) {
      throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno));
    }
    bytes_ += static_cast<int64_t>(buf_.size());
    buf_.clear();
  }
  int64_t sync() {
    flush();
    if (std::fflush(f_) != 0 || ::fsync(fileno(f_)) != 0) {
      throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno));
    }
    return bytes_;
  }
  void close() {
    if (!f_) return;
    flush();
    std::fclose(f_);
    f_ = nullptr;
  }
  const std::string& path() const { return path_; }

 private:
  std::FILE* f_ = nullptr;
  std::string path_;
  std::string buf_;
  int64_t bytes_ = 0;
};

bool file_exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// --- Summary ----------------------------------------------------------------------------------

void count(ClaimsRunSummary& s, const CareLine& line, const Decision& d) {
  StatusCount& c = s.by_status[std::string(to_string(d.status))];
  ++c.lines;
  c.rc += d.rc;
  for (Reason r : d.reasons) ++s.by_reason[std::string(to_string(r))];
  s.charged += line.charged;
  s.ro_paid += line.ro_paid;
  s.other_payers += line.other_payers;
  s.rc += d.rc;
  s.remaining += d.remaining;
}

// --- The pipeline -----------------------------------------------------------------------------
//
// Two threads: the reader parses and checks records and looks up their context (members,
// benefits, regulation), the decider adjudicates in file order and writes. Batches go round
// between them through two queues, so memory stays at a few batches whatever the file size.

struct Prepared {
  int64_t index = 0;  // 1-based data record number
  bool skipped = false;  // committed before an interruption
  bool valid = false;
  bool resolved = false;  // context looked up (else the decider does it)
  CareLine line;
  LineContext context;
  uint32_t contract = 0;
  uint64_t fingerprint = 0;
  Error error;      // when !valid
  std::string raw;  // when !valid: the record as CSV (rejects file)
};

struct Batch {
  std::vector<Prepared> items;
  size_t size = 0;
  bool last = false;
  std::optional<Error> fatal;  // the CSV structure broke, or the reader failed
};

class BatchQueue {
 public:
  void push(Batch* b) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(b);
    }
    ready_.notify_one();
  }
  Batch* pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return !queue_.empty(); });
    Batch* b = queue_.front();
    queue_.pop_front();
    return b;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Batch*> queue_;
};

constexpr size_t kBatchLines = 4096;
constexpr int kBatches = 4;

// --- The run ----------------------------------------------------------------------------------

class Runner {
 public:
  Runner(Store& store, const Regulation& regulation, const ClaimsRunOptions& options)
      : store_(store), regulation_(regulation), opt_(options) {
    if (opt_.rejects.empty()) opt_.rejects = opt_.output + ".rejects.csv";
    if (opt_.commit_every <= 0) opt_.commit_every = 100000;
    resolve_in_reader_ = !opt_.dry_run || opt_.skip_invalid;
  }

  ClaimsRunOutcome run() {
    store_.limit_memory(kCacheMib);
    auto identity = input_identity(opt_.input);
    if (!identity) return fail(identity.error());
    auto bounds = InputBounds::at(regulation_, opt_.business_date);
    if (!bounds) return fail(bounds.error());
    checks_ = CareLineChecks{*bounds, opt_.business_date};
    world_ = ClaimsWorld::load(store_, regulation_);

    if (!opt_.dry_run) {
      if (auto found = store_.find_unfinished_claim_run(*identity)) {
        if (found->business_date != format_date(opt_.business_date)) {
          return fail(data_error(opt_.input, 0, "",
                                 "run " + std::to_string(found->id) +
                                     " of this file was interrupted; resume it with --today " +
                                     found->business_date));
        }
        run_ = *found;
        resuming_ = true;
        out_.summary = ClaimsRunSummary::from_json(run_.summary_json);
        out_.summary.resumed = true;
        out_.summary.resumed_at = run_.records_done;
        opt_.skip_invalid = run_.skip_invalid;
      }
      // Default mode: check every record before writing anything.
      if (!opt_.skip_invalid && !validate_all()) return std::move(out_);
    }

    if (Status s = open_outputs(); !s) return fail(s.error());
    load_decided_keys();
    if (!opt_.dry_run) {
      store_.load_accumulators(state_);
      if (!resuming_) {
        run_.input = opt_.input;
        run_.input_identity = *identity;
        run_.business_date = format_date(opt_.business_date);
        run_.skip_invalid = opt_.skip_invalid;
        run_.summary_json = out_.summary.to_json();
        Transaction tx(store_);
        run_.id = store_.insert_claim_run(run_);
        tx.commit();
      }
      out_.summary.run_id = run_.id;
      store_.begin();
    }
    Status s = main_pass();
    if (!s || !out_.errors.empty()) {
      if (!opt_.dry_run) store_.rollback();
      if (!s) out_.errors.insert(out_.errors.begin(), s.error());
      discard_outputs();
      return std::move(out_);
    }
    finish();
    return std::move(out_);
  }

 private:
  ClaimsRunOutcome fail(Error e) {
    out_.errors.push_back(std::move(e));
    return std::move(out_);
  }

  void add_error(Error e) {
    if (out_.errors.size() < kMaxListedErrors) {
      out_.errors.push_back(std::move(e));
    } else {
      ++out_.more_errors;
    }
  }

  Result<std::unique_ptr<CsvReader>> open_reader(bool warn) {
    auto reader = CsvReader::open(opt_.input);
    if (!reader) return reader.error();
    auto columns = CareLineColumns::resolve(**reader, checks_);
    if (!columns) return columns.error();
    columns_ = *columns;
    if (warn) {
      for (const std::string& name : columns_.unknown()) {
        out_.summary.warnings.push_back(opt_.input + ": unknown column '" + name + "' ignored");
      }
    }
    return reader;
  }

  // Parses and checks one record; the error names the file, line and column.
  Status check(const CsvReader& reader, Prepared& p) {
    if (Status s = columns_.parse(reader, p.line); !s) return s;
    return world_->context_for(p.line, opt_.input, p.context, p.contract);
  }

  // The default mode's first pass: every record checked, nothing written. Runs on the same
  // two-thread pipeline as the decisions (parsing in the reader, lookups here).
  bool validate_all() {
    const bool in_reader = resolve_in_reader_;
    resolve_in_reader_ = false;
    Status s = pipeline(true);
    resolve_in_reader_ = in_reader;
    if (!s) add_error(s.error());
    return out_.errors.empty();
  }

  void validate(Prepared& p) {
    if (p.skipped) return;
    if (!p.valid) {
      add_error(std::move(p.error));
    } else if (!p.resolved) {
      if (Status s = world_->context_for(p.line, opt_.input, p.context, p.contract); !s) {
        add_error(s.error());
      }
    }
  }

  std::string partial_path() const { return opt_.output + ".partial"; }

  Status open_outputs() {
    if (!resuming_ && !opt_.replace) {
      if (file_exists(opt_.output)) {
        return data_error(opt_.output, 0, "--out",
                          "the file exists: name another one, or pass --replace to overwrite it");
      }
      if (opt_.skip_invalid && file_exists(opt_.rejects)) {
        return data_error(opt_.rejects, 0, "--rejects",
                          "the file exists: name another one, or pass --replace to overwrite it");
      }
    }
    std::optional<int64_t> keep_out, keep_rejects;
    if (resuming_) {
      // Killed after the rename but before the run was marked done: take the file back.
      if (!file_exists(partial_path()) && file_exists(opt_.output)) {
        std::rename(opt_.output.c_str(), partial_path().c_str());
      }
      keep_out = run_.out_bytes;
      keep_rejects = run_.rejects_bytes;
    }
    if (keep_out && (*keep_out == 0 || !file_exists(partial_path()))) {
      if (*keep_out > 0) {
        return data_error(partial_path(), 0, "",
                          "cannot resume run " + std::to_string(run_.id) +
                              ": its decisions file is missing");
      }
      keep_out.reset();  // nothing was committed yet: start the file again
    }
    if (keep_rejects && *keep_rejects == 0) keep_rejects.reset();
    if (Status s = decisions_.open(partial_path(), keep_out); !s) return s;
    if (!keep_out) decisions_.buffer() += "claim_id,line,status,rc,remaining,reasons\n";
    if (opt_.skip_invalid) {
      if (resuming_ && !file_exists(opt_.rejects)) keep_rejects.reset();
      if (Status s = rejects_.open(opt_.rejects, keep_rejects); !s) return s;
    }
    return Status::success();
  }

  void discard_outputs() {
    decisions_.close();
    rejects_.close();
    if (!opt_.dry_run && run_.id != 0 && run_.records_done > 0) return;  // resumable
    std::remove(partial_path().c_str());
    if (opt_.skip_invalid) std::remove(opt_.rejects.c_str());
  }

  void load_decided_keys() {
    store_.for_each_decision_key(
        [&](std::string_view claim, int line) { keys_.insert(line_fingerprint(claim, line)); });
  }

  // Records the key and says whether it was decided before (one probe of the set for a new key).
  bool is_duplicate(uint64_t fingerprint, const CareLine& line) {
    if (keys_.insert(fingerprint)) return false;
    if (!opt_.dry_run) {
      // Exact: the key is in the database (earlier runs, earlier chunks, or this chunk once
      // its pending decisions are written).
      flush_pending();
      return store_.decision_exists(line.claim_id, line.line);
    }
    return true;  // dry run: a repeat inside the file, known by its fingerprint
  }

  void write_reject(const Prepared& p) {
    std::string& b = rejects_.buffer();
    if (!reject_header_written_) {
      if (run_.rejects_bytes == 0) {
        for (size_t i = 0; i < header_.size(); ++i) {
          if (i) b.push_back(',');
          append_csv_field(b, header_[i]);
        }
        b += ",error\n";
      }
      reject_header_written_ = true;
    }
    b += p.raw;
    b.push_back(',');
    append_csv_field(b, p.error.to_string());
    b.push_back('\n');
    rejects_.maybe_flush();
  }

  // The reader thread: fills batches until the end of the file or a broken record.
  void read_records(CsvReader& reader, BatchQueue& free, BatchQueue& full) {
    int64_t index = 0;
    for (;;) {
      Batch* batch = free.pop();
      batch->size = 0;
      batch->last = false;
      batch->fatal.reset();
      try {
        while (batch->size < batch->items.size()) {
          Result<bool> got = reader.next();
          if (!got) {
            batch->fatal = got.error();
            break;
          }
          if (!*got) {
            batch->last = true;
            break;
          }
          Prepared& p = batch->items[batch->size++];
          p.index = ++index;
          p.skipped = index <= run_.records_done;
          if (p.skipped) continue;
          p.resolved = resolve_in_reader_;
          Status st = p.resolved ? check(reader, p) : columns_.parse(reader, p.line);
          p.valid = st.ok();
          if (p.valid) {
            p.fingerprint = line_fingerprint(p.line.claim_id, p.line.line);
            continue;
          }
          p.error = st.error();
          p.raw.clear();
          for (size_t i = 0; i < reader.size(); ++i) {
            if (i) p.raw.push_back(',');
            append_csv_field(p.raw, reader[i]);
          }
        }
      } catch (const std::exception& e) {
        batch->fatal = Error{std::string("reading the care lines: ") + e.what()};
      }
      const bool stop = batch->last || batch->fatal;
      full.push(batch);
      if (stop) return;
    }
  }

  Status main_pass() { return pipeline(false); }

  Status pipeline(bool validating) {
    auto reader = open_reader(!validating);
    if (!reader) return reader.error();
    header_ = (*reader)->header();
    std::vector<Batch> batches(kBatches);
    BatchQueue free, full;
    for (Batch& b : batches) {
      b.items.resize(kBatchLines);
      free.push(&b);
    }
    std::thread worker([&] { read_records(**reader, free, full); });
    std::optional<Error> fatal;
    int64_t index = 0;
    for (bool last = false; !last;) {
      Batch* batch = full.pop();
      try {
        for (size_t i = 0; i < batch->size; ++i) {
          Prepared& p = batch->items[i];
          if (validating) {
            validate(p);
          } else {
            consume(p);
          }
          index = p.index;
        }
      } catch (...) {
        // Let the reader finish before the exception leaves (it uses this object).
        for (bool done = batch->last || batch->fatal.has_value(); !done;) {
          free.push(batch);
          batch = full.pop();
          done = batch->last || batch->fatal.has_value();
        }
        worker.join();
        throw;
      }
      last = batch->last || batch->fatal.has_value();
      if (batch->fatal) fatal = batch->fatal;
      free.push(batch);
    }
    worker.join();
    if (fatal) return *fatal;
    if (!validating) total_records_ = index;
    return Status::success();
  }

  // One record, in file order.
  void consume(Prepared& p) {
    if (p.skipped) return;
    ++out_.summary.records;
    if (!p.valid) {
      if (opt_.skip_invalid) {
        ++out_.summary.invalid;
        write_reject(p);
      } else {
        add_error(std::move(p.error));  // dry run: keep checking, write nothing in the end
      }
    } else if (out_.errors.empty()) {
      if (!p.resolved) {
        if (Status s = world_->context_for(p.line, opt_.input, p.context, p.contract); !s) {
          add_error(s.error());
          return;
        }
      }
      decide(p);
    }
    if (!opt_.dry_run && p.index % opt_.commit_every == 0) commit_chunk(p.index);
  }

  void decide(Prepared& p) {
    const CareLine& line = p.line;
    LineContext& context = p.context;
    context.duplicate = is_duplicate(p.fingerprint, line);
    context.record_steps = false;

    // DUPLICATE lines are not stored (their key already is); a dry run stores nothing.
    const bool stores = !opt_.dry_run && !context.duplicate;
    StoredDecision* stored = stores ? &pending_.emplace_back() : nullptr;
    DecidedLine decided = decide_line(line, context, state_, stored);
    const Decision& d = decided.decision;
    count(out_.summary, line, d);
    write_decision(line, d);

    const bool pays = d.status == ClaimStatus::kPaid && d.rc.cents() > 0;
    if (pays) pay(line, p.contract, d.rc);
    if (pays && !line.third_party.empty()) recover(line, d.rc);
    if (!stores) return;
    stored->run_id = run_.id;
    if (decided.window) dirty_windows_.insert(std::move(*decided.window));
    if (decided.budget) dirty_budgets_.insert(std::move(*decided.budget));
    if (decided.renewal) dirty_windows_.insert(std::move(*decided.renewal));  // BEN-16
    if (pending_.size() >= 4096) flush_pending();
  }

  void write_decision(const CareLine& line, const Decision& d) {
    std::string& b = decisions_.buffer();
    append_csv_field(b, line.claim_id);
    b.push_back(',');
    b += std::to_string(line.line);
    b.push_back(',');
    b += to_string(d.status);
    b.push_back(',');
    d.rc.append_to(b);
    b.push_back(',');
    d.remaining.append_to(b);
    b.push_back(',');
    d.append_reasons(b);
    b.push_back('\n');
    decisions_.maybe_flush();
  }

  // Payments per payee: members by contract (a dense index), professionals by name. A dry run
  // totals the whole run in memory; a persisted run keeps the chunk's deltas only (the run's
  // totals are in the database).
  void pay(const CareLine& line, uint32_t contract, Money rc) {
    PayeeTotal* p = nullptr;
    if (line.payee == Payee::kMember) {
      p = &member_payments_[contract];
      if (p->lines == 0) p->ref = line.contract_id;
    } else {
      std::string ref = payee_ref(line);
      p = &provider_payments_[ref];
      if (p->lines == 0) p->ref = std::move(ref);
    }
    p->payee = line.payee;
    p->amount += rc;
    ++p->lines;
  }

  // BEN-14: what is paid for an accident caused by a third party can be recovered from them.
  void recover(const CareLine& line, Money rc) {
    RecoveryTotal& r = recoveries_[line.third_party];
    if (r.lines == 0) r.third_party = line.third_party;
    r.amount += rc;
    ++r.lines;
    ++out_.summary.recoverable_lines;
    out_.summary.recoverable += rc;
  }

  std::vector<RecoveryTotal> take_recoveries() {
    std::vector<RecoveryTotal> all;
    all.reserve(recoveries_.size());
    for (auto& [name, r] : recoveries_) all.push_back(std::move(r));
    recoveries_.clear();
    return all;
  }

  std::vector<PayeeTotal> take_payments() {
    std::vector<PayeeTotal> all;
    all.reserve(member_payments_.size() + provider_payments_.size());
    for (auto& [contract, p] : member_payments_) all.push_back(std::move(p));
    for (auto& [ref, p] : provider_payments_) all.push_back(std::move(p));
    member_payments_.clear();
    provider_payments_.clear();
    return all;
  }

  void flush_pending() {
    if (pending_.empty()) return;
    store_.insert_decisions(pending_);
    pending_.clear();
  }

  // Files first (flushed to disk), then one transaction: a kill between the two leaves extra
  // bytes after the checkpoint, which a resumed run cuts off.
  void commit_chunk(int64_t index) {
    flush_pending();
    run_.out_bytes = decisions_.sync();
    if (rejects_.is_open()) run_.rejects_bytes = rejects_.sync();
    store_.save_accumulators(state_, {dirty_windows_.begin(), dirty_windows_.end()},
                             {dirty_budgets_.begin(), dirty_budgets_.end()});
    dirty_windows_.clear();
    dirty_budgets_.clear();
    store_.add_claim_payments(run_.id, take_payments());
    store_.add_claim_recoveries(run_.id, take_recoveries());
    run_.records_done = index;
    run_.summary_json = summary_for_storage();
    store_.update_claim_run(run_);
    store_.commit();
    store_.begin();
  }

  // The stored summary counts every record of the run, including those before a resume.
  std::string summary_for_storage() {
    ClaimsRunSummary s = out_.summary;
    s.resumed = false;
    s.resumed_at = 0;
    s.warnings.clear();
    return s.to_json();
  }

  void finish() {
    if (opt_.dry_run) {
      decisions_.close();
      if (rejects_.is_open()) rejects_.close();
      std::rename(partial_path().c_str(), opt_.output.c_str());
      for (const PayeeTotal& p : take_payments()) {
        ++out_.summary.payees;
        out_.summary.paid += p.amount;
      }
      return;
    }
    commit_chunk(total_records_);
    store_.commit();
    decisions_.close();
    if (rejects_.is_open()) rejects_.close();
    std::rename(partial_path().c_str(), opt_.output.c_str());
    run_.done = true;
    run_.summary_json = summary_for_storage();
    {
      Transaction tx(store_);
      store_.update_claim_run(run_);
      post_benefits_of_run(store_, run_.id, opt_.business_date);  // BEN-13 in the ledger
      tx.commit();
    }
    for (const PayeeTotal& p : store_.claim_payments(run_.id)) {
      ++out_.summary.payees;
      out_.summary.paid += p.amount;
    }
  }

  Store& store_;
  const Regulation& regulation_;
  ClaimsRunOptions opt_;
  ClaimsRunOutcome out_;
  std::unique_ptr<ClaimsWorld> world_;
  CareLineChecks checks_;
  CareLineColumns columns_;
  std::vector<std::string> header_;
  AccumulatorState state_;
  LineKeySet keys_;
  ClaimRunRecord run_;
  bool resuming_ = false;
  // Where the members and regulation lookups run: in the reader thread, except in a dry run
  // without rejects, where the decider has time to spare and the reader is the bottleneck.
  bool resolve_in_reader_ = true;
  bool reject_header_written_ = false;
  int64_t total_records_ = 0;
  OutputFile decisions_, rejects_;
  std::vector<StoredDecision> pending_;
  std::set<UsageKey> dirty_windows_, dirty_budgets_;
  std::unordered_map<uint32_t, PayeeTotal> member_payments_;
  std::unordered_map<std::string, PayeeTotal> provider_payments_;
  std::unordered_map<std::string, RecoveryTotal> recoveries_;
};

nlohmann::json money_json(Money m) { return m.format(); }

}  // namespace

std::string ClaimsRunSummary::to_json() const {
  nlohmann::json statuses = nlohmann::json::object();
  for (const auto& [status, c] : by_status) {
    statuses[status] = {{"lines", c.lines}, {"rc", money_json(c.rc)}};
  }
  nlohmann::json reasons = nlohmann::json::object();
  for (const auto& [reason, n] : by_reason) reasons[reason] = n;
  nlohmann::json j = {{"run_id", run_id},
                      {"dry_run", dry_run},
                      {"resumed", resumed},
                      {"records", records},
                      {"invalid", invalid},
                      {"by_status", statuses},
                      {"by_reason", reasons},
                      {"totals",
                       {{"charged", money_json(charged)},
                        {"ro_paid", money_json(ro_paid)},
                        {"other_payers", money_json(other_payers)},
                        {"rc", money_json(rc)},
                        {"remaining", money_json(remaining)}}},
                      {"payments", {{"payees", payees}, {"amount", money_json(paid)}}},
                      {"recoverable",
                       {{"lines", recoverable_lines}, {"amount", money_json(recoverable)}}}};
  if (resumed) j["resumed_at"] = resumed_at;
  if (!warnings.empty()) j["warnings"] = warnings;
  return json_text(j);
}

ClaimsRunSummary ClaimsRunSummary::from_json(const std::string& text) {
  ClaimsRunSummary s;
  nlohmann::json j = nlohmann::json::parse(text);
  auto money = [](const nlohmann::json& v) { return *Money::parse(v.get<std::string>()); };
  s.run_id = j.value("run_id", int64_t{0});
  s.records = j.value("records", int64_t{0});
  s.invalid = j.value("invalid", int64_t{0});
  for (const auto& [status, c] : j["by_status"].items()) {
    s.by_status[status] = StatusCount{c["lines"].get<int64_t>(), money(c["rc"])};
  }
  for (const auto& [reason, n] : j["by_reason"].items()) s.by_reason[reason] = n.get<int64_t>();
  const auto& t = j["totals"];
  s.charged = money(t["charged"]);
  s.ro_paid = money(t["ro_paid"]);
  s.other_payers = money(t["other_payers"]);
  s.rc = money(t["rc"]);
  s.remaining = money(t["remaining"]);
  if (j.contains("recoverable")) {
    s.recoverable_lines = j["recoverable"]["lines"].get<int64_t>();
    s.recoverable = money(j["recoverable"]["amount"]);
  }
  return s;
}

ClaimsRunOutcome run_claims(Store& store, const Regulation& regulation,
                            const ClaimsRunOptions& options) {
  ClaimsRunOutcome out = Runner(store, regulation, options).run();
  out.summary.dry_run = options.dry_run;
  return out;
}

}  // namespace mutua

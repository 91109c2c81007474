#include "app/batch_queue.hpp"

#include <memory>

namespace mutua {

bool in_range(const KeyRange& range, const std::string& key) {
  return key > range.after && (range.last.empty() || key <= range.last);
}

std::vector<KeyRange> plan_ranges(
    const std::function<std::vector<std::string>(const std::string&, int64_t)>& keys_after,
    int64_t every) {
  every = std::max<int64_t>(every, 1);
  std::vector<KeyRange> ranges;
  std::string after;
  for (;;) {
    const std::vector<std::string> keys = keys_after(after, every);
    if (keys.size() < static_cast<size_t>(every)) break;  // the rest: the unbounded last range
    ranges.push_back(KeyRange{after, keys.back()});
    after = keys.back();
  }
  ranges.push_back(KeyRange{after, ""});
  return ranges;
}

std::optional<BatchRun> open_or_join(Store& store, const std::string& kind, Date business_date,
                                     const BatchRole& role,
                                     const std::function<std::vector<KeyRange>()>& plan) {
  std::optional<BatchRun> open = store.open_batch(kind);
  if (open && open->business_date == business_date) return open;  // resumed or joined
  if (!role.alone) {
    if (!open) {
      // Ended before this process came: fine when it was a batch of this date; otherwise the
      // processes still holding the kind are of another date, and nobody would run this one.
      const std::optional<BatchRun> last = store.last_done_batch(kind);
      if (last && last->business_date == business_date) return std::nullopt;
      throw StoreBusy("busy: another " + kind + " is ending; no " + kind + " of " +
                      format_date(business_date) +
                      " is under way: nothing was done, run this command again");
    }
    throw StoreBusy("busy: a " + kind + " of business date " + format_date(open->business_date) +
                    " is running; a process joins it only with the same date (--today)");
  }
  if (open) store.end_batch(open->id, "abandoned");  // killed, and replaced by another date
  const std::vector<KeyRange> ranges = plan();
  BatchRun run;
  run.kind = kind;
  run.business_date = business_date;
  run.chunks = static_cast<int64_t>(ranges.size());
  run.id = store.create_batch(kind, business_date, ranges);
  return run;
}

namespace {
constexpr int kBeginAttempts = 5;

// A chunk's transaction. The writer lock may be waited for past its timeout while another
// process's long chunk and an exclusive waiter are ahead: nothing is done yet, so it is tried
// again a few times before the run gives up (StoreBusy).
std::unique_ptr<Transaction> begin_chunk(Store& store) {
  for (int attempt = 1;; ++attempt) {
    try {
      return std::make_unique<Transaction>(store, TxMode::kShared);
    } catch (const StoreBusy&) {
      if (attempt == kBeginAttempts) throw;
    }
  }
}
}  // namespace

int64_t run_chunks(Store& store, const BatchRun& run, const std::string& worker,
                   const std::function<void(const KeyRange&)>& work) {
  int64_t done = 0;
  for (;;) {
    std::unique_ptr<Transaction> owned = begin_chunk(store);
    Transaction& tx = *owned;
    const std::optional<BatchChunk> chunk = store.take_chunk(run.id);
    if (!chunk) break;
    work(chunk->range);
    store.finish_chunk(run.id, chunk->chunk, worker);
    tx.commit();  // the chunk's writes and its "done" together
    ++done;
  }
  return done;
}

BatchEnd end_if_done(Store& store, const BatchRun& run, const std::function<void()>& finish) {
  std::optional<Transaction> tx;
  try {
    tx.emplace(store);  // exclusive: every chunk in progress has committed or rolled back
  } catch (const StoreBusy&) {
    // Another process's chunk outlasted the wait: it is alive and will end the batch itself.
    return BatchEnd::kOthers;
  }
  const std::optional<BatchRun> open = store.open_batch(run.kind);
  if (!open || open->id != run.id) return BatchEnd::kOthers;  // ended by another process
  // No chunk is in progress now: a chunk left is one a killed process let go.
  if (store.chunks_left(run.id) > 0) return BatchEnd::kChunksLeft;
  finish();
  store.end_batch(run.id, "done");
  tx->commit();
  return BatchEnd::kEnded;
}

int64_t run_to_end(Store& store, const BatchRun& run, const std::string& worker,
                   const std::function<void(const KeyRange&)>& work,
                   const std::function<void()>& finish, bool& ended) {
  int64_t done = 0;
  for (;;) {
    done += run_chunks(store, run, worker, work);
    const BatchEnd end = end_if_done(store, run, finish);
    if (end == BatchEnd::kChunksLeft) continue;  // take the chunks a killed process let go
    ended = end == BatchEnd::kEnded;
    return done;
  }
}

}  // namespace mutua

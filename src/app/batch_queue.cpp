#include "app/batch_queue.hpp"

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
    if (!open) return std::nullopt;  // the others ended it before this process came
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

int64_t run_chunks(Store& store, const BatchRun& run, const std::string& worker,
                   const std::function<void(const KeyRange&)>& work) {
  int64_t done = 0;
  for (;;) {
    Transaction tx(store, TxMode::kShared);
    const std::optional<BatchChunk> chunk = store.take_chunk(run.id);
    if (!chunk) break;
    work(chunk->range);
    store.finish_chunk(run.id, chunk->chunk, worker);
    tx.commit();  // the chunk's writes and its "done" together
    ++done;
  }
  return done;
}

bool end_if_done(Store& store, const BatchRun& run, const std::function<void()>& finish) {
  Transaction tx(store);  // exclusive: every chunk in progress has committed or rolled back
  const std::optional<BatchRun> open = store.open_batch(run.kind);
  if (!open || open->id != run.id || store.chunks_left(run.id) > 0) return false;
  finish();
  store.end_batch(run.id, "done");
  tx.commit();
  return true;
}

}  // namespace mutua

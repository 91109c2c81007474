// Batches split across processes (issue 16, item 6): a batch (billing run, dunning run) is cut
// into chunks of key ranges kept in the database (migration 15); every process of the batch
// takes the next chunk nobody holds, decides and writes it and marks it done in ONE unit of
// work, so a chunk is done exactly once whatever the number of processes, and one killed
// mid-chunk leaves it to do (its transaction rolls back, its row lock goes with it).
//
// Contract:
// - Roles. The first process of a kind holds it alone (storage/command_lock.hpp): it ends a
//   stale open batch of another business date (abandoned: a killed run that a later date
//   replaces) or resumes an open batch of its own date, else plans a new one; then it calls
//   `planned` and the others may join. A process joining needs the open batch of its own
//   business date (StoreBusy otherwise) and does nothing when the batch of its date has already
//   ended (StoreBusy when the one that ended was of another date: nobody runs this one).
// - A chunk's unit of work takes the writer lock shared (Store::begin kShared): chunks of one
//   batch touch disjoint contracts and run together; any other writer waits for them.
// - The batch ends (its `finish` runs, e.g. "last billing run" set) in an exclusive unit of work
//   of the process that finds no chunk left. Under that lock no chunk is in progress, so a chunk
//   still to do is one a killed process let go: the process takes it and tries again.
// - A single process (not split) runs the same path alone: its result equals a split run's, key
//   by key in the ledger (row ids aside: they follow the order of commits).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "storage/store.hpp"

namespace mutua {

struct BatchRole {
  bool alone = true;               // no other process of the kind runs: it may plan
  std::function<void()> planned;   // called once the batch is planned (lets the others join)
  std::string worker;              // names this process in the queue (batch_chunks.worker)
};

// Ranges of `every` keys in key order, from a pager of keys after a key; the last range is
// unbounded (it takes keys added after the plan). At least one range.
std::vector<KeyRange> plan_ranges(
    const std::function<std::vector<std::string>(const std::string&, int64_t)>& keys_after,
    int64_t every);

// In the caller's exclusive transaction: the batch this process works on, or none (a joiner
// came after the end). `plan` gives the ranges of a new batch.
std::optional<BatchRun> open_or_join(Store& store, const std::string& kind, Date business_date,
                                     const BatchRole& role,
                                     const std::function<std::vector<KeyRange>()>& plan);

// Takes and does chunks until none is free, one shared unit of work each; returns how many this
// process did.
int64_t run_chunks(Store& store, const BatchRun& run, const std::string& worker,
                   const std::function<void(const KeyRange&)>& work);

// In an exclusive unit of work: when no chunk is left, runs `finish` and ends the batch (done).
// kChunksLeft: chunks are left that nobody holds (a process was killed): take them.
// kOthers: another process ended it, or holds a chunk past the lock wait (it will end it).
enum class BatchEnd { kEnded, kChunksLeft, kOthers };
BatchEnd end_if_done(Store& store, const BatchRun& run, const std::function<void()>& finish);

// run_chunks then end_if_done until the batch is ended here or by others; returns the chunks
// this process did, `ended` whether it ended the batch.
int64_t run_to_end(Store& store, const BatchRun& run, const std::string& worker,
                   const std::function<void(const KeyRange&)>& work,
                   const std::function<void()>& finish, bool& ended);

// Whether `key` lies in `range`.
bool in_range(const KeyRange& range, const std::string& key);

}  // namespace mutua

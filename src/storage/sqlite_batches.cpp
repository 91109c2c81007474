// The work queue of batches split across processes (migration 15; app/batch_queue.hpp decides
// what a chunk is and when a batch ends).
#include "storage/sql_db.hpp"
#include "storage/sqlite_store.hpp"

namespace mutua {

namespace {
std::optional<BatchRun> read_batch(sql::Statement& st, const std::string& kind) {
  if (!st.step()) return std::nullopt;
  BatchRun run;
  run.id = st.column_int(0);
  run.kind = kind;
  auto date = try_parse_date(st.column_text(1));
  if (!date) throw StoreError("corrupted database: batch " + std::to_string(run.id) + " date");
  run.business_date = *date;
  run.chunks = st.column_int(2);
  return run;
}
}  // namespace

std::optional<BatchRun> SqliteStore::open_batch(const std::string& kind) {
  auto st = prepared("SELECT batch_id, business_date, chunks FROM batch_runs "
                     "WHERE kind = ? AND state = 'open'");
  st.bind(1, kind);
  return read_batch(st, kind);
}

std::optional<BatchRun> SqliteStore::last_done_batch(const std::string& kind) {
  auto st = prepared("SELECT batch_id, business_date, chunks FROM batch_runs "
                     "WHERE kind = ? AND state = 'done' ORDER BY batch_id DESC LIMIT 1");
  st.bind(1, kind);
  return read_batch(st, kind);
}

int64_t SqliteStore::create_batch(const std::string& kind, Date business_date,
                                  const std::vector<KeyRange>& ranges) {
  int64_t id = 0;
  {
    auto st = prepared("INSERT INTO batch_runs (kind, business_date, chunks, state) "
                       "VALUES (?, ?, ?, 'open') RETURNING batch_id");
    st.bind(1, kind).bind(2, format_date(business_date)).bind(3, static_cast<int64_t>(ranges.size()));
    if (!st.step()) throw StoreError("batch_runs: no id returned");
    id = st.column_int(0);
  }
  auto chunk = prepared("INSERT INTO batch_chunks (batch_id, chunk, after_key, last_key, state) "
                        "VALUES (?, ?, ?, ?, 'todo')");
  for (size_t i = 0; i < ranges.size(); ++i) {
    chunk.bind(1, id).bind(2, static_cast<int64_t>(i)).bind(3, ranges[i].after);
    chunk.bind(4, ranges[i].last).run();
  }
  return id;
}

void SqliteStore::end_batch(int64_t batch_id, const std::string& state) {
  auto st = prepared("UPDATE batch_runs SET state = ?, ended_at = CURRENT_TIMESTAMP "
                     "WHERE batch_id = ? AND state = 'open'");
  st.bind(1, state).bind(2, batch_id).run();
}

std::optional<BatchChunk> SqliteStore::take_chunk(int64_t batch_id) {
  // Only PostgreSQL has row locks; SQLite's writer is alone, so the first chunk to do is free.
  auto st = prepared(db_.is_postgres()
                         ? "SELECT chunk, after_key, last_key FROM batch_chunks WHERE batch_id = ? "
                           "AND state = 'todo' ORDER BY chunk LIMIT 1 FOR UPDATE SKIP LOCKED"
                         : "SELECT chunk, after_key, last_key FROM batch_chunks WHERE batch_id = ? "
                           "AND state = 'todo' ORDER BY chunk LIMIT 1");
  st.bind(1, batch_id);
  if (!st.step()) return std::nullopt;
  BatchChunk c;
  c.batch_id = batch_id;
  c.chunk = st.column_int(0);
  c.range.after = st.column_text(1);
  c.range.last = st.column_text(2);
  return c;
}

void SqliteStore::finish_chunk(int64_t batch_id, int64_t chunk, const std::string& worker) {
  auto st = prepared("UPDATE batch_chunks SET state = 'done', worker = ? "
                     "WHERE batch_id = ? AND chunk = ?");
  st.bind(1, worker).bind(2, batch_id).bind(3, chunk).run();
}

int64_t SqliteStore::chunks_left(int64_t batch_id) {
  auto st = prepared("SELECT count(*) FROM batch_chunks WHERE batch_id = ? AND state = 'todo'");
  st.bind(1, batch_id);
  st.step();
  return st.column_int(0);
}

}  // namespace mutua

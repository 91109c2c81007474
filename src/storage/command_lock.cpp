#include "storage/command_lock.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <thread>

#include "storage/sql_db.hpp"
#include "storage/store.hpp"

namespace mutua {

namespace {

// The key of the command lock among PostgreSQL advisory locks ("mutua-c1"); the kinds of split
// batches are the next keys. The writer lock of transactions is another key, so a command
// holding these still writes.
constexpr long long kCommandLock = 0x6d75747561633100LL;
constexpr auto kJoinWait = std::chrono::seconds(300);  // the first process plans meanwhile

std::string now_text() {
  char when[32];
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return when;
}

bool is_file_target(const std::string& target) {
  return !target.empty() && target != ":memory:" && target.rfind("postgres", 0) != 0 &&
         target.rfind("file:", 0) != 0;
}

// The locks of one backend: byte (file) or key offset (PostgreSQL) `slot`, shared or exclusive.
class Locks {
 public:
  virtual ~Locks() = default;
  virtual bool try_lock(int slot, bool exclusive) = 0;
  virtual void unlock(int slot, bool exclusive) = 0;
  // Who holds `slot`, as the holder wrote it ("another command" when unknown).
  virtual std::string holder(int slot) = 0;
};

class FileLocks : public Locks {
 public:
  explicit FileLocks(int fd) : fd_(fd) {}
  bool try_lock(int slot, bool exclusive) override {
    if (set(slot, exclusive ? F_WRLCK : F_RDLCK)) return true;
    if (errno == EAGAIN || errno == EACCES) return false;
    throw StoreError(std::string("cannot lock the lock file: ") + std::strerror(errno));
  }
  void unlock(int slot, bool) override { set(slot, F_UNLCK); }
  std::string holder(int) override {
    char buf[256] = {};
    const ssize_t n = pread(fd_, buf, sizeof buf - 1, 0);
    std::string text = n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
    while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) text.pop_back();
    return text.empty() ? "another command" : text;
  }

 private:
  bool set(int slot, short type) {
    struct flock l {};
    l.l_type = type;
    l.l_whence = SEEK_SET;
    l.l_start = slot;
    l.l_len = 1;
    return ::fcntl(fd_, F_OFD_SETLK, &l) == 0;
  }
  int fd_;
};

class PgLocks : public Locks {
 public:
  explicit PgLocks(sql::Db& db) : db_(db) {}
  bool try_lock(int slot, bool exclusive) override {
    sql::Statement take(db_, exclusive ? "SELECT pg_try_advisory_lock(?)"
                                       : "SELECT pg_try_advisory_lock_shared(?)");
    take.bind(1, static_cast<int64_t>(kCommandLock + slot));
    return take.step() && take.column_int(0) == 1;
  }
  void unlock(int slot, bool exclusive) override {
    sql::Statement drop(db_, exclusive ? "SELECT pg_advisory_unlock(?)"
                                       : "SELECT pg_advisory_unlock_shared(?)");
    drop.bind(1, static_cast<int64_t>(kCommandLock + slot)).run();
  }
  // The application_name of a session holding that advisory lock.
  std::string holder(int slot) override {
    sql::Statement who(db_,
                       "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a "
                       "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND "
                       "l.objid = ? AND l.classid = ? AND a.pid <> pg_backend_pid() AND "
                       "l.database = (SELECT oid FROM pg_database WHERE datname = "
                       "current_database()) LIMIT 1");
    const auto key = static_cast<unsigned long long>(kCommandLock + slot);
    who.bind(1, static_cast<int64_t>(key & 0xffffffffULL));
    who.bind(2, static_cast<int64_t>(key >> 32));
    std::string holder = "another command";
    if (who.step() && !who.column_text(0).empty()) holder = std::string(who.column_text(0));
    who.reset();
    return holder;
  }

 private:
  sql::Db& db_;
};

[[noreturn]] void busy(const std::string& holder, const std::string& db_target) {
  throw StoreBusy("busy: " + holder + " is changing " +
                  (sql::is_postgres_target(db_target) ? std::string("this database")
                                                      : db_target) +
                  "; nothing was done, run this command again when it has ended");
}

// Split mode after the command lock is held shared: the kind `slot`, alone (exclusive) when no
// other process of the kind holds it, else shared (waiting while its first process plans);
// then no other kind may be running. Returns whether it is alone.
bool take_kind(Locks& locks, int slot, const std::string& db_target) {
  bool alone = false;
  const auto deadline = std::chrono::steady_clock::now() + kJoinWait;
  for (;;) {
    if (locks.try_lock(slot, true)) {
      alone = true;
      break;
    }
    if (locks.try_lock(slot, false)) break;
    if (std::chrono::steady_clock::now() > deadline) busy(locks.holder(slot), db_target);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Two kinds starting at once each see the other (each took its own slot before looking):
  // both refuse, never both run.
  // A probe holds the other kind for an instant only: processes of this kind joining together
  // may meet on it, so a failed probe is tried again before it counts as that kind running.
  for (int other = 1; other < CommandLock::kSplitSlots; ++other) {
    if (other == slot) continue;
    bool free = false;
    for (int attempt = 0; attempt < 20 && !free; ++attempt) {
      free = locks.try_lock(other, true);
      if (!free) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!free) {
      const std::string holder = locks.holder(other);
      locks.unlock(slot, alone);
      busy(holder, db_target);
    }
    locks.unlock(other, true);
  }
  return alone;
}

int open_lock_file(const std::string& db_target) {
  const std::string path = db_target + ".lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) throw StoreError("cannot open the lock file " + path + ": " + std::strerror(errno));
  return fd;
}

void write_holder(int fd, const std::string& text) {
  const std::string line = text + "\n";
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] const ssize_t written = ::pwrite(fd, line.data(), line.size(), 0);
  }
}

std::unique_ptr<sql::Db> open_lock_connection(const std::string& db_target,
                                              const std::string& text) {
  auto db = sql::open_db(db_target);
  sql::Statement name(*db, "SELECT set_config('application_name', ?, false)");
  name.bind(1, text.substr(0, 63)).run();  // the server keeps 63 bytes
  return db;
}

std::string holder_text(const std::string& command) {
  return "'" + command + "' (pid " + std::to_string(::getpid()) + ", since " + now_text() + ")";
}

}  // namespace

CommandLock::CommandLock(int fd, std::unique_ptr<sql::Db> db, int slot, bool alone)
    : fd_(fd), db_(std::move(db)), slot_(slot), alone_(alone) {}

std::unique_ptr<CommandLock> CommandLock::acquire(const std::string& db_target,
                                                  const std::string& command) {
  const std::string text = holder_text(command);
  if (sql::is_postgres_target(db_target)) {
    auto db = open_lock_connection(db_target, text);
    PgLocks locks(*db);
    if (!locks.try_lock(0, true)) busy(locks.holder(0), db_target);
    return std::unique_ptr<CommandLock>(new CommandLock(-1, std::move(db), 0, true));
  }
  if (!is_file_target(db_target)) return nullptr;
  const int fd = open_lock_file(db_target);
  FileLocks locks(fd);
  try {
    if (!locks.try_lock(0, true)) busy(locks.holder(0), db_target);
  } catch (...) {
    ::close(fd);
    throw;
  }
  write_holder(fd, text);
  return std::unique_ptr<CommandLock>(new CommandLock(fd, nullptr, 0, true));
}

std::unique_ptr<CommandLock> CommandLock::acquire_split(const std::string& db_target,
                                                        const std::string& command, int slot) {
  if (slot < 1 || slot >= kSplitSlots) throw StoreError("split batch: bad kind slot");
  const std::string text = holder_text(command);
  if (sql::is_postgres_target(db_target)) {
    auto db = open_lock_connection(db_target, text);
    PgLocks locks(*db);
    if (!locks.try_lock(0, false)) busy(locks.holder(0), db_target);
    const bool alone = take_kind(locks, slot, db_target);
    return std::unique_ptr<CommandLock>(new CommandLock(-1, std::move(db), slot, alone));
  }
  if (!is_file_target(db_target)) return nullptr;
  const int fd = open_lock_file(db_target);
  FileLocks locks(fd);
  bool alone = false;
  try {
    if (!locks.try_lock(0, false)) busy(locks.holder(0), db_target);
    alone = take_kind(locks, slot, db_target);
  } catch (...) {
    ::close(fd);  // releases whatever this descriptor locked
    throw;
  }
  write_holder(fd, text);
  return std::unique_ptr<CommandLock>(new CommandLock(fd, nullptr, slot, alone));
}

void CommandLock::share() {
  if (slot_ == 0 || !alone_) return;
  if (db_) {
    // A session's own locks never conflict: take the shared one, then drop the exclusive one.
    PgLocks locks(*db_);
    if (!locks.try_lock(slot_, false)) throw StoreError("split batch: cannot share the kind lock");
    locks.unlock(slot_, true);
  } else if (fd_ >= 0) {
    FileLocks locks(fd_);
    // F_OFD_SETLK converts the descriptor's write lock into a read lock atomically.
    if (!locks.try_lock(slot_, false)) throw StoreError("split batch: cannot share the kind lock");
  }
  alone_ = false;
}

CommandLock::~CommandLock() {
  if (db_) return;  // the connection closes, the server releases its advisory locks
  if (fd_ < 0) return;
  // Emptied first so that a reader never quotes a holder that has gone (a split batch's other
  // processes may still hold it: they are then quoted as "another command").
  if (slot_ == 0) {
    [[maybe_unused]] const int truncated = ::ftruncate(fd_, 0);
  }
  ::close(fd_);  // releases the descriptor's locks
}

}  // namespace mutua

#include "storage/command_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "storage/sql_db.hpp"
#include "storage/store.hpp"

namespace mutua {

namespace {

// The key of the command lock among PostgreSQL advisory locks ("mutua-c1"); the writer lock of
// transactions is another key, so a command holding this one still writes.
constexpr long long kCommandLock = 0x6d75747561633100LL;

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

std::string holder_of(int fd) {
  char buf[256] = {};
  const ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  std::string text = n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) text.pop_back();
  return text.empty() ? "another command" : text;
}

}  // namespace

std::unique_ptr<CommandLock> CommandLock::acquire(const std::string& db_target,
                                                  const std::string& command) {
  const std::string text = "'" + command + "' (pid " + std::to_string(::getpid()) + ", since " +
                           now_text() + ")";
  if (sql::is_postgres_target(db_target)) return acquire_postgres(db_target, text);
  if (!is_file_target(db_target)) return nullptr;
  const std::string path = db_target + ".lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw StoreError("cannot open the lock file " + path + ": " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    const std::string holder = holder_of(fd);
    ::close(fd);
    if (err == EWOULDBLOCK) {
      throw StoreBusy("busy: " + holder + " is changing " + db_target +
                      "; nothing was done, run this command again when it has ended");
    }
    throw StoreError("cannot lock " + path + ": " + std::strerror(err));
  }
  const std::string line = text + "\n";
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] const ssize_t written = ::pwrite(fd, line.data(), line.size(), 0);
  }
  return std::unique_ptr<CommandLock>(new CommandLock(fd));
}

CommandLock::CommandLock(int fd) : fd_(fd) {}

CommandLock::CommandLock(std::unique_ptr<sql::Db> db) : db_(std::move(db)) {}

std::unique_ptr<CommandLock> CommandLock::acquire_postgres(const std::string& db_target,
                                                           const std::string& text) {
  auto db = sql::open_db(db_target);
  {
    sql::Statement name(*db, "SELECT set_config('application_name', ?, false)");
    name.bind(1, text.substr(0, 63)).run();  // the server keeps 63 bytes
  }
  sql::Statement take(*db, "SELECT pg_try_advisory_lock(?)");
  take.bind(1, static_cast<int64_t>(kCommandLock));
  if (take.step() && take.column_int(0) == 1) {
    take.reset();
    return std::unique_ptr<CommandLock>(new CommandLock(std::move(db)));
  }
  take.reset();
  // Who holds it: the application_name of the session holding that advisory lock.
  sql::Statement who(*db,
                     "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a "
                     "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND "
                     "l.objid = ? AND l.classid = ? AND l.database = "
                     "(SELECT oid FROM pg_database WHERE datname = current_database())");
  const auto key = static_cast<unsigned long long>(kCommandLock);
  who.bind(1, static_cast<int64_t>(key & 0xffffffffULL)).bind(2, static_cast<int64_t>(key >> 32));
  std::string holder = "another command";
  if (who.step() && !who.column_text(0).empty()) holder = std::string(who.column_text(0));
  who.reset();
  throw StoreBusy("busy: " + holder +
                  " is changing this database; nothing was done, run this command again when it "
                  "has ended");
}

CommandLock::~CommandLock() {
  if (db_) return;  // the connection closes, the server releases its advisory lock
  // Emptied first so that a reader never quotes a holder that has gone.
  [[maybe_unused]] const int truncated = ::ftruncate(fd_, 0);
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

}  // namespace mutua

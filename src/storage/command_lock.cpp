#include "storage/command_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "storage/store.hpp"

namespace mutua {

namespace {

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
  char when[32];
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  const std::string text =
      "'" + command + "' (pid " + std::to_string(::getpid()) + ", since " + when + ")\n";
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] const ssize_t written = ::pwrite(fd, text.data(), text.size(), 0);
  }
  return std::unique_ptr<CommandLock>(new CommandLock(fd));
}

CommandLock::~CommandLock() {
  // Emptied first so that a reader never quotes a holder that has gone.
  [[maybe_unused]] const int truncated = ::ftruncate(fd_, 0);
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

}  // namespace mutua

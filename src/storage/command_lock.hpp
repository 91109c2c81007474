// The lock a command holds while it changes a database, so that two batches never interleave
// their reads and writes (a run reads, decides, then writes in several transactions: another
// writer in between would make it decide on a stale state and lose updates).
//
// Contract:
// - acquire() takes an exclusive advisory lock (flock) on "<database file>.lock", created beside
//   the database (mode 0600), without waiting. It is held until the CommandLock is destroyed or
//   the process ends, however it ends: the kernel releases it, so a killed run leaves no stale
//   lock and the next run resumes.
// - When another process holds it: StoreBusy "busy: <what the holder wrote> ..." and nothing
//   else is done. The holder writes its pid, command and start time into the file for that
//   message. On PostgreSQL the lock is a session advisory lock of the database, held by a
//   connection of its own (application_name: the same text): released when the command ends or
//   its connection drops, so it works across machines too. ":memory:": no lock (nullptr).
// - The database file itself is never opened here: only SQLite opens it (opening and closing it
//   through another descriptor would drop SQLite's own POSIX locks for the whole process).
#pragma once

#include <memory>
#include <string>

namespace mutua {

namespace sql {
class Db;
}

class CommandLock {
 public:
  static std::unique_ptr<CommandLock> acquire(const std::string& db_target,
                                              const std::string& command);
  ~CommandLock();
  CommandLock(const CommandLock&) = delete;
  CommandLock& operator=(const CommandLock&) = delete;

 private:
  explicit CommandLock(int fd);
  explicit CommandLock(std::unique_ptr<sql::Db> db);
  static std::unique_ptr<CommandLock> acquire_postgres(const std::string& db_target,
                                                       const std::string& text);
  int fd_ = -1;
  std::unique_ptr<sql::Db> db_;  // PostgreSQL: the connection holding the advisory lock
};

}  // namespace mutua

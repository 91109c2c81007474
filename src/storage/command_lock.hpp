// The lock a command holds while it changes a database, so that two batches never interleave
// their reads and writes (a run reads, decides, then writes in several transactions: another
// writer in between would make it decide on a stale state and lose updates).
//
// Contract:
// - acquire() takes the command lock exclusively, without waiting. On SQLite it is a lock on
//   "<database file>.lock", created beside the database (mode 0600); on PostgreSQL a session
//   advisory lock of the database, held by a connection of its own (application_name: the
//   holder's text), so it works across machines too. It is held until the CommandLock is
//   destroyed or the process ends, however it ends: the kernel or the server releases it, so a
//   killed run leaves no stale lock and the next run resumes. ":memory:": no lock (nullptr).
// - When another process holds it: StoreBusy "busy: <holder> ..." and nothing else is done. The
//   holder writes its pid, command and start time into the file for that message.
// - acquire_split() is for a batch split across processes (app/batch_queue.hpp): it takes the
//   command lock SHARED, so that processes of one kind of batch (`slot`, 1..kSplitSlots-1) run
//   together, while any exclusive command and any batch of another kind is refused (StoreBusy).
//   The first process of its kind holds its kind alone (alone() is true) until share(): it
//   plans the batch meanwhile, and the others wait for that (up to 300 s) before they join.
// - The database file itself is never opened here: only SQLite opens it (opening and closing it
//   through another descriptor would drop SQLite's own POSIX locks for the whole process). The
//   lock file's locks are open-file-description locks (F_OFD_SETLK): byte 0 is the command
//   lock, byte k the kind k of a split batch.
#pragma once

#include <memory>
#include <string>

namespace mutua {

namespace sql {
class Db;
}

class CommandLock {
 public:
  static constexpr int kSplitSlots = 8;  // kinds of split batches: slots 1..7

  static std::unique_ptr<CommandLock> acquire(const std::string& db_target,
                                              const std::string& command);
  static std::unique_ptr<CommandLock> acquire_split(const std::string& db_target,
                                                    const std::string& command, int slot);
  ~CommandLock();
  CommandLock(const CommandLock&) = delete;
  CommandLock& operator=(const CommandLock&) = delete;

  // Split mode: whether this process holds its kind alone (no other process of the kind runs).
  // Exclusive mode: always true.
  bool alone() const { return alone_; }
  // Split mode: lets the other processes of the kind join (atomically: the kind is never free
  // in between). No-op otherwise.
  void share();

 private:
  CommandLock(int fd, std::unique_ptr<sql::Db> db, int slot, bool alone);
  int fd_ = -1;
  std::unique_ptr<sql::Db> db_;  // PostgreSQL: the connection holding the advisory locks
  int slot_ = 0;                 // split mode: the kind's slot; 0: exclusive
  bool alone_ = true;
};

}  // namespace mutua

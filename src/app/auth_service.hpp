// Sign-in for the back office (issue 7): users, sessions, the sign-in rate limit and the audit
// trail's writer (GDPR-02). The HTTP layer holds one SessionStore, one LoginLimiter and one
// AuditWriter for the life of the server.
//
// Contract:
// - Users: a name of 3-64 characters among letters, digits and `._-`; a role of
//   access/access.hpp; a partner_commune names its commune (INSEE code), a member its contract
//   (which must exist). Passwords are stored as argon2id hashes only (security/security.hpp).
// - authenticate(): the principal of a known, enabled user whose password matches; otherwise
//   the same error whatever failed (no hint that the user exists). An unknown or disabled user
//   costs the same argon2id check as a known one (a dummy hash), so timing tells nothing either.
// - SessionStore: a session is a 256-bit random token (the cookie) and a separate CSRF token; it
//   expires `idle_seconds` (30 min) after its last use and `max_seconds` (8 h) after sign-in.
//   Thread-safe. Times are seconds on any monotonic clock, given by the caller.
// - LoginLimiter and HashGate: see below. Thread-safe.
// - AuditWriter: record() queues an entry and returns at once; a background thread, on its own
//   database connection, appends what is queued in one transaction every 50 ms, or at once when
//   512 wait or flush() is called (a group commit); flush() waits until everything
//   recorded before it is stored; the destructor flushes. A busy or failing database never loses
//   an entry nor ends the process: the batch is kept and retried with backoff. The HTTP layer
//   uses it for what may be written after the answer (reads of non-health data, refusals); a
//   change and a health-data read are audited in the request's own transaction, before the
//   answer leaves.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "access/access.hpp"
#include "core/result.hpp"
#include "storage/store.hpp"

namespace mutua {

struct NewUser {
  std::string username;
  std::string password;
  std::string role;
  std::string commune;
  std::string contract_id;
};
Result<UserRecord> add_user(Store& store, const NewUser& user, Date today);
Result<Principal> authenticate(Store& store, const std::string& username,
                               const std::string& password);
Principal principal_of(const UserRecord& user);

struct Session {
  std::string token;
  std::string csrf;
  Principal who;
  int64_t created = 0;
  int64_t last_seen = 0;
};

class SessionStore {
 public:
  explicit SessionStore(int64_t idle_seconds = 30 * 60, int64_t max_seconds = 8 * 3600)
      : idle_(idle_seconds), max_(max_seconds) {}
  Session create(const Principal& who, int64_t now);
  // The live session of `token` (touched), or nothing when unknown or expired (then removed).
  std::optional<Session> find(const std::string& token, int64_t now);
  void remove(const std::string& token);
  int64_t expires_at(const Session& s) const;

 private:
  int64_t idle_;
  int64_t max_;
  std::mutex mutex_;
  std::unordered_map<std::string, Session> sessions_;
};

// Sign-in throttling. An attempt is counted when it is admitted, before any password is hashed,
// under one lock: parallel guesses cannot all pass the check and then all be hashed.
// - per user name and address: `per_pair` (5) failures in `window` (15 min); beyond, one attempt
//   per backoff (1 s, 2 s, 4 s ... up to the window) after the last failure;
// - per address: `per_address` (20) failures in the window, then refused until it slides;
// - per user name from every address: no lock-out that anyone could trigger against a real user,
//   only a pause: past `per_user` (10) failures, one attempt per backoff capped at 30 s, and only
//   for the addresses that have themselves failed for that user name.
// admit() answers how long to wait (0: go ahead, the attempt is then in flight); finish() closes an
// admitted attempt: a success clears that user's failures from that address.
class LoginLimiter {
 public:
  LoginLimiter(int per_pair = 5, int per_address = 20, int per_user = 10,
               int64_t window_seconds = 15 * 60)
      : per_pair_(per_pair), per_address_(per_address), per_user_(per_user),
        window_(window_seconds) {}
  // 0 when the attempt may go on (it is now counted), else the seconds to wait.
  int64_t admit(const std::string& username, const std::string& address, int64_t now);
  void finish(const std::string& username, const std::string& address, bool success, int64_t now);

 private:
  struct Track {
    std::deque<int64_t> failures;
    int in_flight = 0;
  };
  static int recent(std::deque<int64_t>& times, int64_t now, int64_t window);
  static int64_t backoff_wait(Track& t, int limit, int64_t cap, int64_t now, int64_t window);
  int per_pair_;
  int per_address_;
  int per_user_;
  int64_t window_;
  std::mutex mutex_;
  std::map<std::string, Track> by_pair_;
  std::map<std::string, Track> by_address_;
  std::map<std::string, Track> by_user_;
};

// At most `slots` password checks at once (each argon2id check takes 64 MiB and a core): the
// others wait their turn, up to `max_waiting`; beyond, enter() refuses at once (false).
class HashGate {
 public:
  explicit HashGate(int slots = 2, int max_waiting = 32) : free_(slots), max_waiting_(max_waiting) {}
  bool enter();
  void leave();

 private:
  std::mutex mutex_;
  std::condition_variable turn_;
  int free_;
  int waiting_ = 0;
  int max_waiting_;
};

class AuditWriter {
 public:
  // `writers`: when given, held around each of its transactions, so that it queues behind the
  // process's other writers instead of sleeping in SQLite's busy handler.
  explicit AuditWriter(std::string db_target, std::timed_mutex* writers = nullptr);
  ~AuditWriter();
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;
  void record(AuditEntry entry);
  void flush();

 private:
  void run();
  std::string target_;
  std::timed_mutex* writers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::vector<AuditEntry> queue_;
  uint64_t queued_ = 0;
  uint64_t written_ = 0;
  int flushing_ = 0;  // callers waiting in flush()
  bool stop_ = false;
  std::thread thread_;
};

// "YYYY-MM-DDTHH:MM:SSZ" for the audit trail, from the system clock.
std::string utc_timestamp();

}  // namespace mutua

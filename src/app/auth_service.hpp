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
//   Sessions live in the database (issue 16), so every `mutua serve` on it knows them.
// - LoginLimiter: the sign-in limits, counted in the database, so they hold across nodes.
// - Times of sessions and sign-in attempts are Unix seconds (UTC) of a wall clock, given by the
//   caller: several processes, maybe on several machines, compare them, which a monotonic clock
//   (seconds since each machine booted) cannot do. The nodes' clocks must agree (NTP); a skew
//   of n seconds between two nodes moves an expiry seen by one of them by n seconds.
// - SessionStore, LoginLimiter and HashGate are thread-safe; each thread passes its own Store
//   (a connection is not shared between threads).
// - AuditWriter: record() queues an entry (touch_session() a session's last use) and returns at
//   once; a background thread, on its own database connection, appends what is queued in one
//   transaction every 50 ms, or at once when 512 wait or flush() is called (a group commit);
//   flush() waits until everything
//   recorded before it is stored; the destructor flushes. A busy or failing database never loses
//   an entry nor ends the process: the batch is kept and retried with backoff. The HTTP layer
//   uses it for what may be written after the answer (reads of non-health data, refusals); a
//   change and a health-data read are audited in the request's own transaction, before the
//   answer leaves.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
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

// Sessions in the database, by the SHA-256 of their token (SessionRecord). A contract page costs
// one primary-key lookup (find); a session's last use is written at most once per
// `touch_seconds` (60 s), so a session may expire up to that much before `idle_seconds` after its
// very last request (never after). The touch goes to `set_toucher`'s function when there is one
// (the server's background writer: a read never waits for a write), else through find's Store.
class SessionStore {
 public:
  using Toucher =
      std::function<void(const std::string& token_hash, int64_t last_seen, int64_t expires)>;
  explicit SessionStore(int64_t idle_seconds = 30 * 60, int64_t max_seconds = 8 * 3600,
                        int64_t touch_seconds = 60)
      : idle_(idle_seconds), max_(max_seconds), touch_(touch_seconds) {}
  // Set once, before the first find().
  void set_toucher(Toucher toucher) { toucher_ = std::move(toucher); }
  // A new session, stored (in the caller's transaction if one is open); first, at most once a
  // minute per SessionStore, the sessions expired by `now` are purged.
  Session create(Store& store, const Principal& who, int64_t now);
  // The live session of `token`, or nothing when unknown or expired (then deleted; a database
  // too busy to delete it still gets nothing: the row is dead by its times).
  std::optional<Session> find(Store& store, const std::string& token, int64_t now);
  // Ends the session (in the caller's transaction if one is open): no node knows it after.
  void remove(Store& store, const std::string& token);
  int64_t expires_at(const Session& s) const;

 private:
  int64_t idle_;
  int64_t max_;
  int64_t touch_;
  Toucher toucher_;
  std::atomic<int64_t> purged_at_{0};
};

// Sign-in throttling, counted in the database (table login_attempts) so that the limits hold
// across every node. An attempt is counted when it is admitted, before any password is hashed,
// in one write transaction that counts its three keys (user name and address, address, user
// name) with atomic upserts: parallel guesses, on one node or several, cannot all pass the check
// and then all be hashed. A refused attempt is not counted (its transaction is rolled back).
// Windows are fixed: a key's window opens with its first attempt and lasts `window` (15 min).
// - per user name and address: `per_pair` (5) attempts in the window; beyond, one attempt per
//   backoff (1 s, 2 s, 4 s ... up to the window) after the last failure;
// - per address: `per_address` (20) attempts in the window, then refused until it ends;
// - per user name from every address: no lock-out that anyone could trigger against a real user,
//   only a pause: past `per_user` (10) attempts, one attempt per backoff capped at 30 s, and only
//   for the addresses that have themselves tried that user name in the window.
// admit() answers how long to wait (0: go ahead, the attempt is now counted). finish() closes an
// admitted attempt: a success forgets that user's attempts from that address and takes the
// attempt back from the address and user counts; a failure stays counted, and the backoffs run
// from its time; at most once a minute per LoginLimiter, it also deletes the keys whose window
// has ended. release() takes back
// an admitted attempt that was never checked (no turn to hash). Each may throw StoreBusy.
class LoginLimiter {
 public:
  LoginLimiter(int per_pair = 5, int per_address = 20, int per_user = 10,
               int64_t window_seconds = 15 * 60)
      : per_pair_(per_pair), per_address_(per_address), per_user_(per_user),
        window_(window_seconds) {}
  // 0 when the attempt may go on (it is now counted), else the seconds to wait.
  int64_t admit(Store& store, const std::string& username, const std::string& address,
                int64_t now);
  void finish(Store& store, const std::string& username, const std::string& address,
              bool success, int64_t now);
  void release(Store& store, const std::string& username, const std::string& address);

 private:
  int per_pair_;
  int per_address_;
  int per_user_;
  int64_t window_;
  std::atomic<int64_t> purged_at_{0};
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
  // Queues a session's last use (SessionStore's toucher), written with the next group commit;
  // several touches of one session before it keep the latest. flush() waits for them too.
  void touch_session(const std::string& token_hash, int64_t last_seen, int64_t expires);
  void flush();

 private:
  void run();
  std::string target_;
  std::timed_mutex* writers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::vector<AuditEntry> queue_;
  struct Touch {
    int64_t last_seen = 0;
    int64_t expires = 0;
  };
  std::map<std::string, Touch> touches_;  // by token hash
  uint64_t queued_ = 0;
  uint64_t written_ = 0;
  int flushing_ = 0;  // callers waiting in flush()
  bool stop_ = false;
  std::thread thread_;
};

// "YYYY-MM-DDTHH:MM:SSZ" for the audit trail, from the system clock.
std::string utc_timestamp();

}  // namespace mutua

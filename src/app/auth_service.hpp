// Sign-in for the back office (issue 7): users, sessions, the sign-in rate limit and the audit
// trail's writer (GDPR-02). The HTTP layer holds one SessionStore, one LoginLimiter and one
// AuditWriter for the life of the server.
//
// Contract:
// - Users: a name of 3-64 characters among letters, digits and `._-`; a role of
//   access/access.hpp; a partner_commune names its commune (INSEE code), a member its contract
//   (which must exist). Passwords are stored as argon2id hashes only (security/security.hpp).
// - authenticate(): the principal of a known, enabled user whose password matches; otherwise
//   the same error whatever failed (no hint that the user exists).
// - SessionStore: a session is a 256-bit random token (the cookie) and a separate CSRF token; it
//   expires `idle_seconds` (30 min) after its last use and `max_seconds` (8 h) after sign-in.
//   Thread-safe. Times are seconds on any monotonic clock, given by the caller.
// - LoginLimiter: at most `per_user` (5) failed attempts per user name and `per_address` (20) per
//   client address in `window_seconds` (15 min); a success clears the user's count. Thread-safe.
// - AuditWriter: record() queues an entry and returns at once; a background thread, on its own
//   database connection, appends what is queued in one transaction as soon as it can (entries
//   arriving during a write go in the next one: a group commit); flush() waits until everything
//   recorded before it is stored; the destructor flushes.
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

class LoginLimiter {
 public:
  LoginLimiter(int per_user = 5, int per_address = 20, int64_t window_seconds = 15 * 60)
      : per_user_(per_user), per_address_(per_address), window_(window_seconds) {}
  // Whether another attempt is allowed now.
  bool allowed(const std::string& username, const std::string& address, int64_t now);
  void failed(const std::string& username, const std::string& address, int64_t now);
  void succeeded(const std::string& username);

 private:
  static int recent(std::deque<int64_t>& times, int64_t now, int64_t window);
  int per_user_;
  int per_address_;
  int64_t window_;
  std::mutex mutex_;
  std::map<std::string, std::deque<int64_t>> by_user_;
  std::map<std::string, std::deque<int64_t>> by_address_;
};

class AuditWriter {
 public:
  explicit AuditWriter(std::string db_target);
  ~AuditWriter();
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;
  void record(AuditEntry entry);
  void flush();

 private:
  void run();
  std::string target_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::vector<AuditEntry> queue_;
  uint64_t queued_ = 0;
  uint64_t written_ = 0;
  bool stop_ = false;
  std::thread thread_;
};

// "YYYY-MM-DDTHH:MM:SSZ" for the audit trail, from the system clock.
std::string utc_timestamp();

}  // namespace mutua

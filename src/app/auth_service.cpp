#include "app/auth_service.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "partners/partnership.hpp"
#include "security/security.hpp"

namespace mutua {

namespace {

Status check_username(const std::string& name) {
  const bool ok = name.size() >= 3 && name.size() <= 64 &&
                  std::all_of(name.begin(), name.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                  });
  if (ok) return Status::success();
  return data_error("", 0, "USER", "3 to 64 letters, digits or ._- expected: '" + name + "'");
}

}  // namespace

Principal principal_of(const UserRecord& user) {
  Principal p;
  p.username = user.username;
  p.role = parse_user_role(user.role).value_or(UserRole::kMember);
  p.commune = user.commune;
  p.contract_id = user.contract_id;
  return p;
}

Result<UserRecord> add_user(Store& store, const NewUser& n, Date today) {
  if (auto s = check_username(n.username); !s) return s.error();
  const auto role = parse_user_role(n.role);
  if (!role) return data_error("", 0, "--role", "unknown role '" + n.role + "'");
  if (*role == UserRole::kPartnerCommune) {
    if (auto s = check_insee(n.commune, "--commune"); !s) return s.error();
  } else if (!n.commune.empty()) {
    return data_error("", 0, "--commune", "only for a partner_commune");
  }
  if (*role == UserRole::kMember) {
    if (!store.find_contract(n.contract_id)) {
      return data_error("", 0, "--contract", "unknown contract '" + n.contract_id + "'");
    }
  } else if (!n.contract_id.empty()) {
    return data_error("", 0, "--contract", "only for a member");
  }
  auto hash = hash_password(n.password);
  if (!hash) return hash.error();
  UserRecord u{n.username, *hash, n.role, n.commune, n.contract_id, today, false};
  Transaction tx(store);
  store.save_user(u);
  tx.commit();
  return u;
}

// A hash of no one's password, checked for unknown users so they cost what a known one costs.
const std::string& dummy_hash() {
  static const std::string hash = hash_password(random_token(16)).value();
  return hash;
}

Result<Principal> authenticate(Store& store, const std::string& username,
                               const std::string& password) {
  const auto user = store.find_user(username);
  const bool known = user && !user->disabled;
  const bool matches = verify_password(known ? user->password_hash : dummy_hash(), password);
  const bool ok = known && matches;
  if (!ok) return data_error("", 0, "password", "unknown user name or wrong password");
  return principal_of(*user);
}

namespace {

// Whether a purge is due: at most one a minute per object, taken by one thread.
bool purge_due(std::atomic<int64_t>& purged_at, int64_t now) {
  int64_t last = purged_at.load();
  return now - last >= 60 && purged_at.compare_exchange_strong(last, now);
}

}  // namespace

Session SessionStore::create(Store& store, const Principal& who, int64_t now) {
  Session s{random_token(32), random_token(32), who, now, now};
  if (purge_due(purged_at_, now)) store.purge_sessions(now);
  SessionRecord r{token_digest(s.token), s.csrf, who.username, to_string(who.role), who.commune,
                  who.contract_id, now, now, expires_at(s)};
  store.insert_session(r);
  return s;
}

std::optional<Session> SessionStore::find(Store& store, const std::string& token, int64_t now) {
  // A cookie is 64 hex digits: anything else is no session, without a lookup.
  if (token.empty() || token.size() > 128) return std::nullopt;
  const std::string hash = token_digest(token);
  const auto r = store.find_session(hash);
  if (!r) return std::nullopt;
  const auto role = parse_user_role(r->role);
  if (now - r->last_seen > idle_ || now - r->created > max_ || !role) {
    try {
      store.delete_session(hash);
    } catch (const StoreBusy&) {
      // Dead by its times whatever happens; the purge of the next sign-in removes it.
    }
    return std::nullopt;
  }
  Session s{token, r->csrf, Principal{r->username, *role, r->commune, r->contract_id}, r->created,
            now};
  if (now - r->last_seen >= touch_) {
    if (toucher_) {
      toucher_(hash, now, expires_at(s));
    } else {
      store.touch_session(hash, now, expires_at(s));
    }
  }
  return s;
}

void SessionStore::remove(Store& store, const std::string& token) {
  if (!token.empty()) store.delete_session(token_digest(token));
}

int64_t SessionStore::expires_at(const Session& s) const {
  return std::min(s.last_seen + idle_, s.created + max_);
}

namespace {

// The keys of one attempt, in the order they are counted (sorted: on PostgreSQL each count
// locks its row until the transaction ends, and one order for everyone means no deadlock).
struct AttemptKeys {
  std::string address;
  std::string pair;
  std::string user;
};
AttemptKeys keys_of(const std::string& username, const std::string& address) {
  return {"address:" + address, "pair:" + username + '\n' + address, "user:" + username};
}

// Seconds to wait before an attempt of a key that had `before` attempts in its window, the
// latest at `previous_at`: none below `limit`, then doubling from 1 s per attempt beyond it, at
// most `cap`.
int64_t backoff_wait(int64_t before, int64_t previous_at, int limit, int64_t cap, int64_t now) {
  if (before < limit) return 0;
  const int64_t beyond = before - limit;
  const int64_t pause = beyond >= 30 ? cap : std::min<int64_t>(int64_t{1} << beyond, cap);
  const int64_t ready = previous_at + pause;
  return ready > now ? ready - now : 0;
}

}  // namespace

int64_t LoginLimiter::admit(Store& store, const std::string& username, const std::string& address,
                            int64_t now) {
  const AttemptKeys k = keys_of(username, address);
  Transaction tx(store);  // rolled back, so not counted, when the attempt is refused
  const LoginAttemptCount from = store.count_login_attempt(k.address, now, window_);
  const LoginAttemptCount pair = store.count_login_attempt(k.pair, now, window_);
  const LoginAttemptCount user = store.count_login_attempt(k.user, now, window_);
  // The counts include this attempt: what came before it is one less.
  if (from.attempts - 1 >= per_address_) {
    return std::max<int64_t>(1, window_ - (now - from.window_start));
  }
  // The pause of a user name applies to the addresses that tried it: an address with a clean
  // record for this user (its real owner, say) is never held back by others' failures.
  const bool suspect = pair.attempts - 1 > 0;
  const int64_t wait =
      std::max(backoff_wait(pair.attempts - 1, pair.previous_at, per_pair_, window_, now),
               suspect ? backoff_wait(user.attempts - 1, user.previous_at, per_user_, 30, now) : 0);
  if (wait > 0) return wait;
  tx.commit();
  return 0;
}

void LoginLimiter::finish(Store& store, const std::string& username, const std::string& address,
                          bool success, int64_t now) {
  const AttemptKeys k = keys_of(username, address);
  if (success) {
    Transaction tx(store);
    store.uncount_login_attempt(k.address);
    store.clear_login_attempts(k.pair);
    store.uncount_login_attempt(k.user);
    tx.commit();
  } else {
    // The backoff runs from the failure, as the user sees it, not from the admission.
    Transaction tx(store);
    store.fail_login_attempt(k.pair, now);
    store.fail_login_attempt(k.user, now);
    tx.commit();
  }
  // Keys whose window has ended count nothing any more: keep the table to the live ones.
  if (purge_due(purged_at_, now)) store.purge_login_attempts(now - window_);
}

void LoginLimiter::release(Store& store, const std::string& username, const std::string& address) {
  const AttemptKeys k = keys_of(username, address);
  Transaction tx(store);
  store.uncount_login_attempt(k.address);
  store.uncount_login_attempt(k.pair);
  store.uncount_login_attempt(k.user);
  tx.commit();
}

bool HashGate::enter() {
  std::unique_lock lock(mutex_);
  if (free_ == 0 && waiting_ >= max_waiting_) return false;
  ++waiting_;
  turn_.wait(lock, [&] { return free_ > 0; });
  --waiting_;
  --free_;
  return true;
}

void HashGate::leave() {
  {
    std::lock_guard lock(mutex_);
    ++free_;
  }
  turn_.notify_one();
}

AuditWriter::AuditWriter(std::string db_target, std::timed_mutex* writers)
    : target_(std::move(db_target)), writers_(writers) {
  thread_ = std::thread([this] { run(); });
}

AuditWriter::~AuditWriter() {
  flush();
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void AuditWriter::record(AuditEntry entry) {
  bool full = false;
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(entry));
    ++queued_;
    full = queue_.size() >= 512;
  }
  if (full) wake_.notify_one();  // otherwise the writer's next tick (50 ms) takes it
}

void AuditWriter::touch_session(const std::string& token_hash, int64_t last_seen,
                                int64_t expires) {
  std::lock_guard lock(mutex_);
  auto [it, added] = touches_.try_emplace(token_hash, Touch{last_seen, expires});
  if (added) {
    ++queued_;
  } else if (last_seen > it->second.last_seen) {
    it->second = Touch{last_seen, expires};
  }
}

void AuditWriter::flush() {
  std::unique_lock lock(mutex_);
  const uint64_t wanted = queued_;
  ++flushing_;
  wake_.notify_one();
  done_.wait(lock, [&] { return written_ >= wanted; });
  --flushing_;
}

void AuditWriter::run() {
  // The writer never gives up on an entry and never lets an exception end the process: a busy
  // database (a batch holding the write lock) or a failing disk is retried with a growing pause,
  // up to 2 s, until the entries are stored.
  std::unique_ptr<Store> store;
  auto pause = std::chrono::milliseconds(20);
  std::unique_lock lock(mutex_);
  while (true) {
    // A commit (an fsync) per tick of 50 ms, or sooner when 512 entries wait or someone flushes:
    // one commit per entry would cost the server half its read throughput.
    wake_.wait_for(lock, std::chrono::milliseconds(50), [&] {
      return stop_ || queue_.size() >= 512 ||
             (flushing_ > 0 && (!queue_.empty() || !touches_.empty()));
    });
    if (queue_.empty() && touches_.empty()) {
      if (stop_) return;
      continue;
    }
    std::vector<AuditEntry> batch;
    batch.swap(queue_);
    std::map<std::string, Touch> touches;
    touches.swap(touches_);
    lock.unlock();
    bool stored = false;
    try {
      if (!store) store = Store::open(target_);
      std::unique_lock<std::timed_mutex> turn;
      if (writers_) turn = std::unique_lock<std::timed_mutex>(*writers_);
      Transaction tx(*store);  // one commit for every entry queued meanwhile: a group commit
      if (!batch.empty()) store->append_audit(batch);
      for (const auto& [hash, t] : touches) store->touch_session(hash, t.last_seen, t.expires);
      tx.commit();
      stored = true;
    } catch (const StoreBusy&) {
    } catch (const std::exception& e) {
      std::fprintf(stderr, "audit: cannot store %zu entries yet (%s); retrying\n", batch.size(),
                   e.what());
      store.reset();
    }
    lock.lock();
    if (stored) {
      written_ += batch.size() + touches.size();
      pause = std::chrono::milliseconds(20);
      done_.notify_all();
      continue;
    }
    // Put the batch back in front, keeping the order, and wait before the next try (a stop
    // request does not drop entries: the destructor's flush waits for them).
    batch.insert(batch.end(), std::make_move_iterator(queue_.begin()),
                 std::make_move_iterator(queue_.end()));
    queue_.swap(batch);
    for (auto& [hash, t] : touches) {
      auto [it, added] = touches_.try_emplace(hash, t);
      if (added) continue;
      ++written_;  // a newer touch of the same session, queued meanwhile, stands for this one
      if (t.last_seen > it->second.last_seen) it->second = t;
    }
    wake_.wait_for(lock, pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(2000));
  }
}

std::string utc_timestamp() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace mutua

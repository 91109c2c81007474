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

Session SessionStore::create(const Principal& who, int64_t now) {
  Session s{random_token(32), random_token(32), who, now, now};
  std::lock_guard lock(mutex_);
  sessions_[s.token] = s;
  return s;
}

std::optional<Session> SessionStore::find(const std::string& token, int64_t now) {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(token);
  if (it == sessions_.end()) return std::nullopt;
  Session& s = it->second;
  if (now - s.last_seen > idle_ || now - s.created > max_) {
    sessions_.erase(it);
    return std::nullopt;
  }
  s.last_seen = now;
  return s;
}

void SessionStore::remove(const std::string& token) {
  std::lock_guard lock(mutex_);
  sessions_.erase(token);
}

int64_t SessionStore::expires_at(const Session& s) const {
  return std::min(s.last_seen + idle_, s.created + max_);
}

int LoginLimiter::recent(std::deque<int64_t>& times, int64_t now, int64_t window) {
  while (!times.empty() && now - times.front() >= window) times.pop_front();
  return static_cast<int>(times.size());
}

// Seconds to wait before the next attempt of a track past its `limit` failures (and attempts in
// flight): doubling from 1 s per failure beyond the limit, at most `cap`.
int64_t LoginLimiter::backoff_wait(Track& t, int limit, int64_t cap, int64_t now, int64_t window) {
  const int count = recent(t.failures, now, window) + t.in_flight;
  if (count < limit) return 0;
  if (t.in_flight > 0) return 1;  // one attempt at a time past the limit
  const int beyond = count - limit;
  const int64_t pause = beyond >= 30 ? cap : std::min<int64_t>(int64_t{1} << beyond, cap);
  const int64_t ready = t.failures.back() + pause;
  return ready > now ? ready - now : 0;
}

int64_t LoginLimiter::admit(const std::string& username, const std::string& address, int64_t now) {
  std::lock_guard lock(mutex_);
  Track& pair = by_pair_[username + '\n' + address];
  Track& from = by_address_[address];
  Track& user = by_user_[username];
  if (recent(from.failures, now, window_) + from.in_flight >= per_address_) {
    // Saturated by attempts still in flight (no failure recorded yet): try again in a second.
    return from.failures.empty() ? 1 : std::max<int64_t>(1, window_ - (now - from.failures.front()));
  }
  // The pause of a user name applies to the addresses that failed for it: an address with a
  // clean record for this user (its real owner, say) is never held back by others' failures.
  const bool suspect = recent(pair.failures, now, window_) + pair.in_flight > 0;
  const int64_t wait = std::max(backoff_wait(pair, per_pair_, window_, now, window_),
                                suspect ? backoff_wait(user, per_user_, 30, now, window_) : 0);
  if (wait > 0) return wait;
  ++pair.in_flight;
  ++from.in_flight;
  ++user.in_flight;
  return 0;
}

void LoginLimiter::finish(const std::string& username, const std::string& address, bool success,
                          int64_t now) {
  std::lock_guard lock(mutex_);
  for (Track* t : {&by_pair_[username + '\n' + address], &by_address_[address],
                   &by_user_[username]}) {
    if (t->in_flight > 0) --t->in_flight;
    if (!success) t->failures.push_back(now);
  }
  if (success) by_pair_.erase(username + '\n' + address);
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
    wake_.wait_for(lock, std::chrono::milliseconds(50),
                   [&] { return stop_ || queue_.size() >= 512 || (flushing_ > 0 && !queue_.empty()); });
    if (queue_.empty()) {
      if (stop_) return;
      continue;
    }
    std::vector<AuditEntry> batch;
    batch.swap(queue_);
    lock.unlock();
    bool stored = false;
    try {
      if (!store) store = Store::open(target_);
      std::unique_lock<std::timed_mutex> turn;
      if (writers_) turn = std::unique_lock<std::timed_mutex>(*writers_);
      Transaction tx(*store);  // one commit for every entry queued meanwhile: a group commit
      store->append_audit(batch);
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
      written_ += batch.size();
      pause = std::chrono::milliseconds(20);
      done_.notify_all();
      continue;
    }
    // Put the batch back in front, keeping the order, and wait before the next try (a stop
    // request does not drop entries: the destructor's flush waits for them).
    batch.insert(batch.end(), std::make_move_iterator(queue_.begin()),
                 std::make_move_iterator(queue_.end()));
    queue_.swap(batch);
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

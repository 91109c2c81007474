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

Result<Principal> authenticate(Store& store, const std::string& username,
                               const std::string& password) {
  const auto user = store.find_user(username);
  const bool ok = user && !user->disabled && verify_password(user->password_hash, password);
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

bool LoginLimiter::allowed(const std::string& username, const std::string& address, int64_t now) {
  std::lock_guard lock(mutex_);
  return recent(by_user_[username], now, window_) < per_user_ &&
         recent(by_address_[address], now, window_) < per_address_;
}

void LoginLimiter::failed(const std::string& username, const std::string& address, int64_t now) {
  std::lock_guard lock(mutex_);
  by_user_[username].push_back(now);
  by_address_[address].push_back(now);
}

void LoginLimiter::succeeded(const std::string& username) {
  std::lock_guard lock(mutex_);
  by_user_.erase(username);
}

AuditWriter::AuditWriter(std::string db_target) : target_(std::move(db_target)) {
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
  if (full) wake_.notify_one();
}

void AuditWriter::flush() {
  std::unique_lock lock(mutex_);
  const uint64_t wanted = queued_;
  wake_.notify_one();
  done_.wait(lock, [&] { return written_ >= wanted; });
}

void AuditWriter::run() {
  auto store = Store::open(target_);
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait_for(lock, std::chrono::milliseconds(50),
                   [&] { return stop_ || queue_.size() >= 512 || written_ < queued_; });
    if (!queue_.empty()) {
      std::vector<AuditEntry> batch;
      batch.swap(queue_);
      lock.unlock();
      Transaction tx(*store);  // one commit for the batch: reads stay cheap under load
      store->append_audit(batch);
      tx.commit();
      lock.lock();
      written_ += batch.size();
      done_.notify_all();
    }
    if (stop_ && queue_.empty()) return;
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

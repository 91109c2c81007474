#include "http/connections.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>

namespace mutua::http {

namespace {

using Clock = std::chrono::steady_clock;

int millis_until(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() <= 0 ? 0 : static_cast<int>(std::min<int64_t>(left.count(), 1 << 30));
}

// One request's stream: every read of it shares one deadline, set when its first byte came.
class DeadlineStream : public httplib::Stream {
 public:
  DeadlineStream(int fd, std::string address, int port, Clock::time_point deadline,
                 int write_seconds)
      : fd_(fd), address_(std::move(address)), port_(port), deadline_(deadline),
        write_ms_(write_seconds * 1000) {}

  bool expired() const { return expired_; }

  bool is_readable() const override { return wait(POLLIN, millis_until(deadline_)); }
  bool is_writable() const override { return wait(POLLOUT, write_ms_); }

  ssize_t read(char* ptr, size_t size) override {
    if (!wait(POLLIN, millis_until(deadline_))) {
      expired_ = Clock::now() >= deadline_;
      return -1;
    }
    ssize_t n;
    do {
      n = ::recv(fd_, ptr, size, 0);
    } while (n < 0 && errno == EINTR);
    return n;
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!wait(POLLOUT, write_ms_)) return -1;
    ssize_t n;
    do {
      n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = address_;
    port = port_;
  }

  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    ip.clear();
    port = 0;
    if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return;
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    if (::getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host, sizeof host, serv,
                      sizeof serv, NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
      ip = host;
      port = std::atoi(serv);
    }
  }

  socket_t socket() const override { return fd_; }

 private:
  bool wait(short events, int ms) const {
    pollfd p{fd_, events, 0};
    int rc;
    do {
      rc = ::poll(&p, 1, ms);
    } while (rc < 0 && errno == EINTR);
    return rc > 0 && (p.revents & (events | POLLHUP | POLLERR)) != 0;
  }

  int fd_;
  std::string address_;
  int port_;
  Clock::time_point deadline_;
  int write_ms_;
  mutable bool expired_ = false;
};

// Waits up to `seconds` for the first byte of the next request, looking at `stopping` every
// 100 ms; false when none came (idle, closed by the peer) or the server stops.
bool next_request_begins(int fd, int seconds, const std::atomic<bool>& stopping) {
  const auto until = Clock::now() + std::chrono::seconds(seconds);
  while (!stopping) {
    const int ms = std::min(100, millis_until(until));
    pollfd p{fd, POLLIN, 0};
    const int rc = ::poll(&p, 1, ms);
    if (rc > 0) return (p.revents & POLLIN) != 0;
    if (rc < 0 && errno != EINTR) return false;
    if (millis_until(until) == 0) return false;
  }
  return false;
}

bool peer_of(int fd, std::string& address, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return false;
  char host[NI_MAXHOST], serv[NI_MAXSERV];
  if (::getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host, sizeof host, serv, sizeof serv,
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
    return false;
  }
  address = host;
  port = std::atoi(serv);
  return true;
}

void close_socket(int fd) {
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

}  // namespace

Connections::Connections(ConnectionLimits limits, ServeRequest serve_request)
    : limits_(limits), serve_request_(std::move(serve_request)) {}

Connections::~Connections() {
  stop();
  for (std::thread& t : workers_) {
    if (t.joinable()) t.join();
  }
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

bool Connections::bind(const std::string& host, int port, std::string& error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
    error = "cannot listen on " + host + ":" + service + ": " + ::gai_strerror(rc);
    return false;
  }
  for (addrinfo* a = found; a != nullptr && listen_fd_ < 0; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    const int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, 512) == 0) {
      listen_fd_ = fd;
    } else {
      ::close(fd);
    }
  }
  ::freeaddrinfo(found);
  if (listen_fd_ < 0) {
    error = "cannot listen on " + host + ":" + service + ": " + std::strerror(errno);
    return false;
  }
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = addr.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port)
                                     : ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  return true;
}

void Connections::run() {
  for (int i = 0; i < limits_.workers; ++i) workers_.emplace_back([this] { work(); });
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    Pending c{fd, "", 0};
    if (!peer_of(fd, c.address, c.port)) {
      close_socket(fd);
      continue;
    }
    const int yes = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);  // small JSON answers
    std::unique_lock lock(mutex_);
    int& open = open_by_address_[c.address];
    if (open >= limits_.per_address || static_cast<int>(queue_.size()) >= limits_.backlog) {
      lock.unlock();
      ++refused_;
      close_socket(fd);
      continue;
    }
    ++open;
    queue_.push_back(std::move(c));
    lock.unlock();
    ready_.notify_one();
  }
  ready_.notify_all();
  for (std::thread& t : workers_) t.join();
  workers_.clear();
  std::lock_guard lock(mutex_);
  for (const Pending& c : queue_) close_socket(c.fd);
  queue_.clear();
}

void Connections::stop() {
  stopping_ = true;
  ready_.notify_all();
}

void Connections::work() {
  while (true) {
    Pending c;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      c = std::move(queue_.front());
      queue_.pop_front();
    }
    serve(c);
    close_socket(c.fd);
    release(c.address);
  }
}

void Connections::serve(const Pending& c) {
  for (int n = limits_.max_requests; n > 0 && !stopping_; --n) {
    if (!next_request_begins(c.fd, limits_.idle_seconds, stopping_)) return;
    DeadlineStream stream(c.fd, c.address, c.port,
                          Clock::now() + std::chrono::seconds(limits_.request_seconds),
                          limits_.write_seconds);
    bool closed = false;
    const bool ok = serve_request_(stream, n == 1, closed);
    if (stream.expired()) {
      ++cut_;
      return;  // a client too slow to send its request keeps no worker
    }
    if (!ok || closed) return;
  }
}

void Connections::release(const std::string& address) {
  std::lock_guard lock(mutex_);
  auto it = open_by_address_.find(address);
  if (it != open_by_address_.end() && --it->second <= 0) open_by_address_.erase(it);
}

}  // namespace mutua::http

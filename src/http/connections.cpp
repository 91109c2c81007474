#include "http/connections.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>

namespace mutua::http {

namespace {

using Clock = std::chrono::steady_clock;

// The API's body limit (http/api.hpp kMaxBody): a request announcing more is handed over at once
// for cpp-httplib to refuse (413) without its body being read.
constexpr size_t kMaxRequestBody = 64 * 1024;

int millis_until(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() <= 0 ? 0 : static_cast<int>(std::min<int64_t>(left.count(), 1 << 30));
}

// The numeric address and port of a socket's end: the peer's (`peer`) or its own; false when
// the socket has none.
bool end_of(int fd, bool peer, std::string& address, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  auto* a = reinterpret_cast<sockaddr*>(&addr);
  if ((peer ? ::getpeername(fd, a, &len) : ::getsockname(fd, a, &len)) != 0) return false;
  char host[NI_MAXHOST], serv[NI_MAXSERV];
  if (::getnameinfo(a, len, host, sizeof host, serv, sizeof serv,
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
    return false;
  }
  address = host;
  port = std::atoi(serv);
  return true;
}

bool peer_of(int fd, std::string& address, int& port) { return end_of(fd, true, address, port); }

// One request's stream: the bytes the poller received first (usually the whole request), then
// the socket, every read of which shares one deadline, set when the request's first byte came.
class DeadlineStream : public httplib::Stream {
 public:
  DeadlineStream(int fd, std::string address, int port, std::string received,
                 Clock::time_point deadline, int write_seconds)
      : fd_(fd),
        address_(std::move(address)),
        port_(port),
        received_(std::move(received)),
        deadline_(deadline),
        write_ms_(write_seconds * 1000) {}

  bool expired() const { return expired_; }
  // What was received and not read by this request (a pipelined next request).
  std::string unread() const { return received_.substr(at_); }

  bool is_readable() const override {
    return at_ < received_.size() || wait(POLLIN, millis_until(deadline_));
  }
  bool is_writable() const override { return wait(POLLOUT, write_ms_); }

  ssize_t read(char* ptr, size_t size) override {
    if (at_ < received_.size()) {
      const size_t n = std::min(size, received_.size() - at_);
      std::memcpy(ptr, received_.data() + at_, n);
      at_ += n;
      return static_cast<ssize_t>(n);
    }
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
    if (!end_of(fd_, false, ip, port)) {
      ip.clear();
      port = 0;
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
  std::string received_;
  size_t at_ = 0;
  Clock::time_point deadline_;
  int write_ms_;
  mutable bool expired_ = false;
};

// Whether `buffer` holds a whole request the workers can serve without waiting: its head and a
// body of the length it announces. A head too long, a body over the limit or a chunked body are
// handed over at once too: cpp-httplib refuses them (431, 413) or reads them under the deadline.
bool request_ready(const std::string& buffer) {
  constexpr size_t kMaxHead = 16 * 1024;
  const size_t end = buffer.find("\r\n\r\n");
  if (end == std::string::npos) return buffer.size() > kMaxHead;
  std::string head = buffer.substr(0, end + 2);
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (head.find("\ntransfer-encoding:") != std::string::npos) return true;
  size_t length = 0;
  if (const size_t at = head.find("\ncontent-length:"); at != std::string::npos) {
    length = std::strtoull(head.c_str() + at + 16, nullptr, 10);
    if (length > kMaxRequestBody) return true;
  }
  return buffer.size() >= end + 4 + length;
}

void close_socket(int fd) {
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

}  // namespace

Connections::Connections(ConnectionLimits limits, ServeRequest serve_request)
    : limits_(limits), serve_request_(std::move(serve_request)) {
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

Connections::~Connections() {
  stop();
  for (std::thread& t : workers_) {
    if (t.joinable()) t.join();
  }
  if (listen_fd_ >= 0) ::close(listen_fd_);
  if (wake_fd_ >= 0) ::close(wake_fd_);
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
    if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, 512) == 0 &&
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK) == 0) {
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
  poll_loop();
  ready_.notify_all();
  for (std::thread& t : workers_) t.join();
  workers_.clear();
  std::lock_guard lock(mutex_);
  for (const Conn& c : queue_) close_socket(c.fd);
  for (const Conn& c : returned_) close_socket(c.fd);
  queue_.clear();
  returned_.clear();
}

void Connections::stop() {
  stopping_ = true;
  ready_.notify_all();
  if (wake_fd_ >= 0) {
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(wake_fd_, &one, sizeof one);
  }
}

// The poller: accepts, reads what arrives on every connection not being served, hands a request
// to the workers once it is whole, and closes what is idle or too slow.
void Connections::poll_loop() {
  std::vector<Conn> conns;
  std::vector<pollfd> fds;
  while (!stopping_) {
    fds.assign({{listen_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}});
    for (const Conn& c : conns) fds.push_back({c.fd, POLLIN, 0});
    if (::poll(fds.data(), fds.size(), 100) < 0 && errno != EINTR) break;
    const auto now = Clock::now();
    std::vector<Conn> kept;
    kept.reserve(conns.size());
    for (size_t i = 0; i < conns.size(); ++i) {
      Conn& c = conns[i];
      bool done = false, ready = false;
      if (fds[i + 2].revents != 0) read_from(c, done, ready);
      const auto limit = c.reading ? std::chrono::seconds(limits_.request_seconds)
                                   : std::chrono::seconds(limits_.idle_seconds);
      if (!done && !ready && now - c.since >= limit) {
        if (c.reading) ++cut_;
        done = true;
      }
      if (done) {
        close_conn(c);
      } else if (ready) {
        {
          std::lock_guard lock(mutex_);
          queue_.push_back(std::move(c));
        }
        ready_.notify_one();
      } else {
        kept.push_back(std::move(c));
      }
    }
    conns.swap(kept);
    if (fds[1].revents & POLLIN) {
      uint64_t count;
      [[maybe_unused]] const ssize_t n = ::read(wake_fd_, &count, sizeof count);
      std::lock_guard lock(mutex_);
      for (Conn& c : returned_) conns.push_back(std::move(c));
      returned_.clear();
    }
    if (!(fds[0].revents & POLLIN)) continue;
    for (int accepted = 0; accepted < 64; ++accepted) {  // a burst of connections at once
        const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0) break;
        Conn c;
        c.fd = fd;
        c.since = Clock::now();
        if (!peer_of(fd, c.address, c.port)) {
          close_socket(fd);
          continue;
        }
        const int yes = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);  // small JSON answers
        std::unique_lock lock(mutex_);
        int& open = open_by_address_[c.address];
        const size_t waiting = conns.size() + queue_.size();
        if (open >= limits_.per_address || static_cast<int>(waiting) >= limits_.backlog) {
          lock.unlock();
          ++refused_;
          close_socket(fd);
          continue;
        }
        ++open;
        lock.unlock();
        conns.push_back(std::move(c));
    }
  }
  for (const Conn& c : conns) close_conn(c);
}

// Reads what the socket has (never blocks: the socket is non-blocking).
void Connections::read_from(Conn& c, bool& done, bool& ready) {
  char buf[16384];
  while (true) {
    const ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
    if (n > 0) {
      if (!c.reading) {
        c.reading = true;
        c.since = Clock::now();
      }
      c.buffer.append(buf, static_cast<size_t>(n));
      if (c.buffer.size() > kMaxRequestBody + 32 * 1024) break;  // enough to judge it
      continue;
    }
    if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
      done = true;  // closed by the client, or broken
      return;
    }
    if (errno != EINTR) break;
  }
  ready = c.reading && request_ready(c.buffer);
}

void Connections::work() {
  while (true) {
    Conn c;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      c = std::move(queue_.front());
      queue_.pop_front();
    }
    serve(std::move(c));
  }
}

void Connections::serve(Conn c) {
  // The worker reads under the request's deadline (what the poller did not receive yet, e.g. a
  // chunked body) and writes the answer in blocking mode, under the write timeout.
  const int flags = ::fcntl(c.fd, F_GETFL);
  ::fcntl(c.fd, F_SETFL, flags & ~O_NONBLOCK);
  DeadlineStream stream(c.fd, c.address, c.port, std::move(c.buffer),
                        c.since + std::chrono::seconds(limits_.request_seconds),
                        limits_.write_seconds);
  ++c.served;
  bool closed = false;
  const bool last = c.served >= limits_.max_requests;
  const bool ok = serve_request_(stream, last, closed);
  if (stream.expired()) ++cut_;
  if (!ok || closed || last || stream.expired() || stopping_) {
    close_conn(c);
    return;
  }
  ::fcntl(c.fd, F_SETFL, flags | O_NONBLOCK);
  c.buffer = stream.unread();
  c.since = Clock::now();
  c.reading = !c.buffer.empty();
  // A busy client sends its next request as soon as it has the answer: wait a moment (1 ms) for
  // it here rather than hand the connection to the poller and back (two thread switches per
  // request). A slower client goes back to the poller: it never holds this worker longer.
  if (!(c.reading && request_ready(c.buffer))) {
    pollfd p{c.fd, POLLIN, 0};
    if (::poll(&p, 1, 1) > 0) {
      bool done = false, ready = false;
      read_from(c, done, ready);
      if (done) {
        close_conn(c);
        return;
      }
    }
  }
  if (c.reading && request_ready(c.buffer)) {  // the next request, already whole
    serve(std::move(c));
    return;
  }
  give_back(std::move(c));
}

void Connections::give_back(Conn c) {
  {
    std::lock_guard lock(mutex_);
    returned_.push_back(std::move(c));
  }
  const uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = ::write(wake_fd_, &one, sizeof one);
}

void Connections::close_conn(const Conn& c) {
  close_socket(c.fd);
  std::lock_guard lock(mutex_);
  auto it = open_by_address_.find(c.address);
  if (it != open_by_address_.end() && --it->second <= 0) open_by_address_.erase(it);
}

}  // namespace mutua::http

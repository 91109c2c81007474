// The connections of `mutua serve`: accepting, limiting and reading them, before cpp-httplib
// parses and routes each request (http/server.cpp, the only other file that sees cpp-httplib).
//
// cpp-httplib 0.11 gives each connection a worker for its life and bounds each read, not a
// request: a client sending one header line every few seconds held a worker for ever, and 70
// such clients left /api/health unanswered. This layer owns the sockets instead. One poller
// thread accepts connections and reads requests without blocking; a worker only gets a request
// once it has arrived whole, so no slow or idle client ever holds a worker:
// - at most `per_address` open connections per client address: one more is closed at once;
// - a request (request line, headers and a body of up to 64 KiB) must arrive within
//   `request_seconds` of its first byte, whatever the pace of its bytes; past that the
//   connection is closed;
// - an idle keep-alive connection is closed after `idle_seconds`;
// - `workers` threads serve the requests that have arrived; at most `backlog` connections wait
//   for a worker or a request, beyond that new ones are closed.
// Contract: Connections::bind() listens (port 0: any free port); run() serves until stop(),
// handing each request's stream to `serve_request` (a cpp-httplib Server's process_request).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

namespace mutua::http {

struct ConnectionLimits {
  int workers = 64;
  int per_address = 32;
  int backlog = 1024;
  int request_seconds = 10;
  int idle_seconds = 5;
  int write_seconds = 10;
  int max_requests = 10000;  // per connection
};

class Connections {
 public:
  // Serves one request read from the stream; false when the connection must end.
  using ServeRequest =
      std::function<bool(httplib::Stream& stream, bool last, bool& connection_closed)>;

  Connections(ConnectionLimits limits, ServeRequest serve_request);
  ~Connections();
  Connections(const Connections&) = delete;
  Connections& operator=(const Connections&) = delete;

  bool bind(const std::string& host, int port, std::string& error);
  int port() const { return port_; }
  void run();
  void stop();
  // Connections refused for being over the per-address limit, and requests cut at the deadline.
  int64_t refused() const { return refused_; }
  int64_t cut() const { return cut_; }

 private:
  struct Conn {
    int fd = -1;
    std::string address;
    int port = 0;
    std::string buffer;  // bytes received and not yet served (the next request, or part of it)
    std::chrono::steady_clock::time_point since;  // its request's first byte, or idle since
    bool reading = false;  // a request has begun
    int served = 0;
  };
  void poll_loop();
  void read_from(Conn& c, bool& done, bool& ready);
  void work();
  void serve(Conn c);
  void give_back(Conn c);
  void close_conn(const Conn& c);

  ConnectionLimits limits_;
  ServeRequest serve_request_;
  int listen_fd_ = -1;
  int wake_fd_ = -1;  // eventfd: a worker gave a connection back
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Conn> queue_;     // requests arrived whole, for the workers
  std::vector<Conn> returned_;  // keep-alive connections back from the workers
  std::map<std::string, int> open_by_address_;
  std::vector<std::thread> workers_;
  std::atomic<int64_t> refused_{0};
  std::atomic<int64_t> cut_{0};
};

}  // namespace mutua::http

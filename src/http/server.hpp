// `mutua serve`: the HTTP server of the back office, the one adapter to cpp-httplib (ARCHITECTURE
// rule 9). It hands every /api/ request to http::Api and serves the static pages of `web/`.
//
// Contract:
// - Binds `bind`:`port` (port 0: any free port, see bound_port()). `threads` workers (default
//   64, one per open keep-alive connection) serve the connections (http/connections.hpp): at most
//   `per_address` (32) open connections per client address, a request must arrive whole within
//   `request_seconds` (10) of its first byte, an idle connection is closed after 5 s.
//   Bodies over 64 KiB are refused (413) before they are read whole.
// - Static files: GET of a regular file inside `web_dir` after decoding and normalising the path
//   (no empty, `.` or `..` segment, no hidden file, no control character; a symlink leading out
//   of the folder is refused); `/` is index.html. Anything else: 404.
// - A handler's exception never reaches the client: 500 with a generic body.
//   Every response carries `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin`,
//   `Cache-Control: no-store` on the API, and a Content-Security-Policy allowing only this origin.
// - run() blocks until stop() (or SIGINT/SIGTERM through the CLI).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "http/api.hpp"

namespace mutua::http {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;
  int threads = 0;  // 0: 64
  std::string web_dir;
  int per_address = 32;
  int request_seconds = 10;
};

class Server {
 public:
  Server(ServerOptions options, Api& api);
  ~Server();
  // Binds the socket; false (with the reason in `error`) when it cannot.
  bool bind(std::string& error);
  int bound_port() const { return port_; }
  // Serves until stop(); `ready` is called once listening.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  ServerOptions options_;
  Api& api_;
  int port_ = 0;
};

}  // namespace mutua::http

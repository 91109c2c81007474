#include "http/server.hpp"

#include <httplib.h>

#include "http/connections.hpp"

#include <filesystem>
#include <algorithm>
#include <fstream>
#include <string_view>
#include <thread>

namespace mutua::http {

namespace fs = std::filesystem;

// cpp-httplib parses and routes; http/connections.cpp owns the sockets and hands it each
// request's stream (process_request is protected: this subclass opens it to the front).
class Engine : public httplib::Server {
 public:
  bool serve(httplib::Stream& stream, bool last, bool& closed) {
    return process_request(stream, last, closed, nullptr);
  }
};

struct Server::Impl {
  Engine server;
  std::unique_ptr<Connections> connections;
  fs::path web_root;  // canonical web_dir; empty when there is none (no static file served)
};

namespace {

void security_headers(httplib::Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "same-origin");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
}

const char* mime_of(const fs::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  return "application/octet-stream";
}

// The regular file of `root` (canonical) that a decoded URL path names, or nothing. Every
// segment must be a plain name: no empty segment ("//etc" would otherwise make an absolute path),
// no "." or "..", no hidden file, no control character or backslash. The file's canonical path
// (symlinks resolved) must still lie inside `root`, so a link leaving the folder is refused too.
std::optional<fs::path> static_file(const fs::path& root, const std::string& url) {
  if (root.empty() || url.empty() || url.front() != '/' || url.size() > 1024) return std::nullopt;
  fs::path p = root;
  if (url == "/") {
    p /= "index.html";
  } else {
    size_t at = 1;
    while (at <= url.size()) {
      const size_t end = std::min(url.find('/', at), url.size());
      const std::string_view seg(url.data() + at, end - at);
      if (seg.empty() || seg.front() == '.') return std::nullopt;
      for (char c : seg) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') return std::nullopt;
      }
      p /= std::string(seg);
      at = end + 1;
    }
  }
  std::error_code ec;
  const fs::path real = fs::canonical(p, ec);
  if (ec || !fs::is_regular_file(real, ec)) return std::nullopt;
  auto r = root.begin();
  auto q = real.begin();
  for (; r != root.end(); ++r, ++q) {
    if (q == real.end() || *q != *r) return std::nullopt;
  }
  return real;
}

Request to_request(const httplib::Request& req) {
  Request r;
  r.method = req.method;
  r.path = req.path;
  for (const auto& [k, v] : req.params) r.query.emplace(k, v);
  for (const auto& [k, v] : req.headers) {
    std::string name = k;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = v;
  }
  r.body = req.body;
  r.remote = req.remote_addr;
  return r;
}

}  // namespace

Server::Server(ServerOptions options, Api& api)
    : impl_(std::make_unique<Impl>()), options_(std::move(options)), api_(api) {
  httplib::Server& s = impl_->server;
  std::error_code ec;
  if (!options_.web_dir.empty()) impl_->web_root = fs::canonical(options_.web_dir, ec);
  if (ec) impl_->web_root.clear();
  // A worker serves one connection at a time: the pool is sized for the connections of a busy
  // back office, not for the cores (workers mostly wait on sockets).
  ConnectionLimits limits;
  limits.workers = options_.threads > 0 ? options_.threads : 64;
  limits.per_address = options_.per_address;
  limits.request_seconds = options_.request_seconds;
  impl_->connections = std::make_unique<Connections>(
      limits, [this](httplib::Stream& stream, bool last, bool& closed) {
        return impl_->server.serve(stream, last, closed);
      });
  s.set_payload_max_length(kMaxBody);
  // No exception text in a header or body (cpp-httplib would send it as EXCEPTION_WHAT).
  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content(R"({"error":{"code":"internal","message":"internal error"}})",
                    "application/json; charset=utf-8");
  });
  auto api_handler = [this](const httplib::Request& req, httplib::Response& res) {
    const Response out = api_.handle(to_request(req));
    res.status = out.status;
    for (const auto& [k, v] : out.headers) res.set_header(k, v);
    res.set_header("Cache-Control", "no-store");
    security_headers(res);
    res.set_content(out.body, out.content_type);
  };
  for (const char* pattern : {R"(/api/.*)"}) {
    s.Get(pattern, api_handler);
    s.Post(pattern, api_handler);
    s.Put(pattern, api_handler);
    s.Delete(pattern, api_handler);
    s.Patch(pattern, api_handler);
    s.Options(pattern, api_handler);
  }
  s.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    security_headers(res);
    const auto file = static_file(impl_->web_root, req.path);
    if (!file) {
      res.status = 404;
      res.set_content("Page introuvable", "text/plain; charset=utf-8");
      return;
    }
    std::ifstream in(*file, std::ios::binary);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    res.set_content(body, mime_of(*file));
  });
  s.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
    // Refused by cpp-httplib before the API saw it (bad request line, body over the limit):
    // audited all the same.
    // (cpp-httplib calls this for every status >= 400: the API's own answers have a body and
    // are audited already.)
    if (req.path.rfind("/api/", 0) == 0 && res.status >= 400 && res.body.empty()) {
      api_.audit_refusal(to_request(req), res.status);
    }
    if (res.status == 413 && req.path.rfind("/api/", 0) == 0) {
      res.set_content(R"({"error":{"code":"too_large","message":"request body over 64 KiB"}})",
                      "application/json; charset=utf-8");
    }
  });
}

Server::~Server() = default;

bool Server::bind(std::string& error) {
  if (!impl_->connections->bind(options_.bind, options_.port, error)) return false;
  port_ = impl_->connections->port();
  return true;
}

void Server::run() { impl_->connections->run(); }

void Server::stop() { impl_->connections->stop(); }

}  // namespace mutua::http

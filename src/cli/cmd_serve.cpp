// `mutua serve` (the HTTP API and the back office pages) and `mutua user add` (who may sign in).
// Parsing and printing only: http/ serves, app/auth_service decides.
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/auth_service.hpp"
#include "app/regulation_source.hpp"
#include "cli/context.hpp"
#include "http/server.hpp"

#ifndef MUTUA_WEB_DIR
#define MUTUA_WEB_DIR "web"
#endif

namespace mutua::cli {

namespace {

http::Server* running = nullptr;

void on_signal(int) {
  if (running) running->stop();
}

// web/ beside the working directory, else the source tree's.
std::string default_web_dir() {
  if (std::filesystem::is_directory("web")) return "web";
  return MUTUA_WEB_DIR;
}

}  // namespace

void register_serve(CLI::App& app, Context& ctx) {
  static http::ServerOptions o;
  CLI::App* cmd = app.add_subcommand("serve", "HTTP API and web back office (docs/api.md)");
  cmd->add_option("--port", o.port, "TCP port (0: any free port)")->check(CLI::Range(0, 65535));
  cmd->add_option("--bind", o.bind, "address to listen on (default 127.0.0.1)");
  cmd->add_option("--threads", o.threads, "worker threads, one per open connection (default 64)");
  cmd->add_option("--web", o.web_dir, "directory of the back office pages (default: web/)");
  static std::string secure = "auto";
  cmd->add_option("--secure-cookie", secure,
                  "on | off | auto: mark the session cookie Secure (HTTPS only); auto: on unless "
                  "bound to loopback (default auto)")
      ->check(CLI::IsMember({"on", "off", "auto"}));
  cmd->callback([&ctx] {
    if (o.web_dir.empty()) o.web_dir = default_web_dir();
    http::ApiOptions api_options;
    api_options.db = ctx.db;
    if (!ctx.today_text.empty()) api_options.today = ctx.today();
    const bool loopback = o.bind.rfind("127.", 0) == 0 || o.bind == "::1" || o.bind == "localhost";
    api_options.secure_cookie = secure == "on" || (secure == "auto" && !loopback);
    {
      // A damaged file is refused before anyone signs in (the full check is `PRAGMA
      // integrity_check`; the quick one reads every page once, in seconds).
      auto store = ctx.open_store(Access::kRead);
      if (const std::string found = store->integrity_check(true); found != "ok") {
        fail({Error{"the database " + ctx.db + " failed its integrity check: " +
                    found.substr(0, 500) + "; restore a backup before serving"}},
             kInternal);
      }
    }
    http::Api api(api_options, ctx.regulation());
    http::Server server(o, api);
    std::string error;
    if (!server.bind(error)) fail({Error{error}}, kInvalidData);
    running = &server;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    std::printf("listening on http://%s:%d (database %s)\n", o.bind.c_str(), server.bound_port(),
                ctx.db.c_str());
    std::fflush(stdout);
    server.run();
    running = nullptr;
    api.audit().flush();
  });
}

void register_user(CLI::App& app, Context& ctx) {
  CLI::App* group = app.add_subcommand("user", "who may sign in to the back office");
  group->require_subcommand(1);
  static NewUser u;
  CLI::App* add = group->add_subcommand("add", "create (or reset) a user; password on stdin");
  add->add_option("NAME", u.username)->required();
  add->add_option("--role", u.role,
                  "admin | member_services | billing | claims | medical_adviser | "
                  "partner_commune | member")
      ->required();
  add->add_option("--commune", u.commune, "partner_commune: INSEE code of its commune");
  add->add_option("--contract", u.contract_id, "member: its contract");
  add->callback([&ctx] {
    std::getline(std::cin, u.password);
    auto store = ctx.open_store();
    const UserRecord saved = take(add_user(*store, u, ctx.today()));
    print(ctx, {{"user", saved.username}, {"role", saved.role}},
          "user " + saved.username + " (" + saved.role + ")\n");
  });
}

}  // namespace mutua::cli

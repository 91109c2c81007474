#include "cli/context.hpp"

#include <chrono>
#include <cstdlib>
#include <cstdio>

#include <unistd.h>

#include "app/auth_service.hpp"
#include "app/json_values.hpp"
#include "app/lifecycle.hpp"
#include "app/regulation_source.hpp"

namespace mutua::cli {

Date Context::today() const {
  if (today_text.empty()) {
    auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return Date{now};
  }
  auto d = parse_date(today_text);
  if (!d) {
    std::fprintf(stderr, "error: --today: %s\n", d.error().message.c_str());
    throw Exit{kUsage};
  }
  return *d;
}

std::unique_ptr<Store> Context::open_store(Access access) const {
  if (access == Access::kWrite) {
    if (!lock_) lock_ = CommandLock::acquire(db, command.empty() ? "mutua" : "mutua " + command);
  } else if (::access(db.c_str(), F_OK) == 0 && ::access(db.c_str(), W_OK) != 0) {
    return Store::open_read_only(db);  // checks the schema is this binary's, changes nothing
  }
  auto store = Store::open(db);
  store->migrate();
  // ELIG-11: the children migration 12 made minors get their end of rights, once, on the first
  // command that opens the database writable (a reading command then takes the command lock).
  if (store->billing_setting("child_ends_pending") == "1") {
    if (!lock_) lock_ = CommandLock::acquire(db, command.empty() ? "mutua" : "mutua " + command);
    if (auto settled = settle_child_ends(*store, const_cast<Context*>(this)->regulation(), today());
        !settled) {
      print_error(settled.error());
      throw Exit{kInvalidData};
    }
  }
  return store;
}

std::unique_ptr<Store> Context::open_store_split(int slot) const {
  if (!lock_) {
    lock_ = CommandLock::acquire_split(db, "mutua " + command + " --split", slot);
    if (!lock_) {  // ":memory:" or a file: URI: nothing to share the batch through
      std::fprintf(stderr, "error: --split needs a database file or a postgresql:// URI\n");
      throw Exit{kUsage};
    }
  }
  return open_store(Access::kWrite);
}

BatchRole Context::batch_role() const {
  BatchRole role;
  role.alone = !lock_ || lock_->alone();
  CommandLock* lock = lock_.get();
  role.planned = [lock] {
    if (lock) lock->share();
  };
  role.worker = "pid " + std::to_string(::getpid());
  return role;
}

const Regulation& Context::regulation() {
  if (!regulation_) {
    std::string used;
    Result<Regulation> r = load_regulation(regulation_path, &used);
    if (!r) {
      print_error(r.error());
      throw Exit{kInvalidData};
    }
    regulation_ = std::make_unique<Regulation>(std::move(r).value());
  }
  return *regulation_;
}

void print_error(const Error& error) {
  std::fprintf(stderr, "error: %s\n", error.to_string().c_str());
}

void print_errors(const Errors& errors) {
  for (const Error& e : errors) print_error(e);
}

Date date_option(const std::string& text, const char* field, Date fallback) {
  if (text.empty()) return fallback;
  auto d = try_parse_date(text);
  if (!d) fail({data_error("", 0, field, "not a date (YYYY-MM-DD): " + text)}, kInvalidData);
  return *d;
}

void fail(const Errors& errors, int code) {
  print_errors(errors);
  throw Exit{code};
}

void print(const Context& ctx, const nlohmann::json& j, const std::string& text) {
  if (ctx.json) {
    std::puts(json_text(j, 2).c_str());  // invalid UTF-8 stored by an older version: U+FFFD
  } else {
    std::fputs(text.c_str(), stdout);
  }
}

nlohmann::json opt_date(const std::optional<Date>& d) { return date_or_null(d); }

void audit_cli(Store& store, const std::string& action, const std::string& resource,
               const std::string& target) {
  const char* user = std::getenv("SUDO_USER");
  if (!user || !*user) user = std::getenv("USER");
  AuditEntry e{0, utc_timestamp(), user && *user ? user : "unknown", "cli", action, resource,
               target, "cli", "ok"};
  Transaction tx(store);
  store.append_audit({e});
  tx.commit();
}

}  // namespace mutua::cli

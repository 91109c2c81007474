// What every command shares: global options, output helpers, and the exit codes of
// INTERFACES.md (0 ok, 1 internal, 2 usage, 3 invalid data, 4 rule refusal).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <memory>
#include <string>

#include "app/batch_queue.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "regulation/regulation.hpp"
#include "storage/command_lock.hpp"
#include "storage/store.hpp"

namespace mutua::cli {

enum ExitCode : int {
  kOk = 0,
  kInternal = 1,
  kUsage = 2,
  kInvalidData = 3,
  kRefused = 4,
  kBusy = 5,  // another command is changing the database: nothing was done
};

// The batches that may be split across processes (`--split`): their kinds' slots among the
// command lock's (storage/command_lock.hpp). Two kinds never run together.
enum SplitKind : int { kSplitBilling = 1, kSplitDunning = 2 };

// What a command does with the database.
enum class Access {
  kRead,   // reads only (it may still append to the audit trail): no command lock; a database
           // file the user may not write is opened read-only
  kWrite,  // changes it: holds the command lock (storage/command_lock.hpp) for its whole run
};

struct Context {
  std::string db;           // --db / MUTUA_DB / ./mutua.db
  std::string today_text;   // --today
  std::string regulation_path;
  std::string command;      // "claims run": named in the lock, for the message of a busy command
  bool json = false;

  Date today() const;
  // Opens the store and applies migrations (every command works on an up-to-date schema). A
  // database of a newer schema than this binary's is refused before anything is written. kWrite
  // first takes the command lock (exit 5 "busy: ..." when another command holds it).
  std::unique_ptr<Store> open_store(Access access = Access::kWrite) const;
  // kWrite for one process of a batch split across processes (`--split`, app/batch_queue.hpp):
  // the command lock shared with the processes of the same kind (`slot`, one per command).
  std::unique_ptr<Store> open_store_split(int slot) const;
  // This process's part in a batch: alone unless opened split and others of its kind run; its
  // `planned` lets them join.
  BatchRole batch_role() const;
  // Loads the regulation; throws on failure (it is configuration, not user input).
  const Regulation& regulation();

 private:
  std::unique_ptr<Regulation> regulation_;
  mutable std::unique_ptr<CommandLock> lock_;
};

// Thrown by commands to end with a given exit code after printing their errors.
struct Exit {
  int code;
};

// Prints each error as one line on stderr: `error: <file>:<line>: <field>: <message>` or
// `error: <RULE-ID>: <message>`.
void print_errors(const Errors& errors);
void print_error(const Error& error);
// Exit code for a list of errors: 4 when one is a rule refusal naming a refused operation.
[[noreturn]] void fail(const Errors& errors, int code);

// A date option: `fallback` when the text is empty, else the parsed date, else exit 3 naming the
// option (`field`).
Date date_option(const std::string& text, const char* field, Date fallback);

// Ends the command with exit 3 (bad input) or 4 (a rule refused) on an error.
template <typename T>
T take(Result<T> r) {
  if (!r) {
    const Error& e = r.error();
    fail({e}, e.rule_id.empty() ? kInvalidData : kRefused);
  }
  return std::move(r).value();
}

// Prints `j` with --json, else `text`, on stdout.
void print(const Context& ctx, const nlohmann::json& j, const std::string& text);
nlohmann::json opt_date(const std::optional<Date>& d);

// GDPR-02: records in the audit trail what a command read or changed of health or personal
// data (the operating-system user, role "cli", remote "cli"), in its own transaction.
void audit_cli(Store& store, const std::string& action, const std::string& resource,
               const std::string& target);

using Registrar = std::function<void(CLI::App&, Context&)>;

void register_init(CLI::App& app, Context& ctx);
void register_migrate(CLI::App& app, Context& ctx);
void register_catalogue(CLI::App& app, Context& ctx);
void register_catalogue_examples(CLI::App& catalogue_group, Context& ctx);
void register_members(CLI::App& app, Context& ctx);
void register_rate(CLI::App& app, Context& ctx);
void register_quote(CLI::App& app, Context& ctx);
void register_generate(CLI::App& app, Context& ctx);
void register_demo(CLI::App& app, Context& ctx);
void register_claims(CLI::App& app, Context& ctx);
// After register_members (adds `members collection`).
void register_member_records(CLI::App& app, Context& ctx);
void register_member(CLI::App& app, Context& ctx);
void register_worklist(CLI::App& app, Context& ctx);
void register_documents(CLI::App& app, Context& ctx);
void register_billing(CLI::App& app, Context& ctx);
void register_css(CLI::App& app, Context& ctx);
void register_partners(CLI::App& app, Context& ctx);
void register_serve(CLI::App& app, Context& ctx);
void register_user(CLI::App& app, Context& ctx);
void register_privacy(CLI::App& app, Context& ctx);
void register_db(CLI::App& app, Context& ctx);

}  // namespace mutua::cli

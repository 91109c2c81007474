// mutua db: what a database holds, read as it is stored, on SQLite and PostgreSQL alike: the row
// counts and the ledger's trial balance (stats), every row in a stable order (dump), the
// database's own consistency check (check). Nothing is migrated, locked or written: a database of
// an older or newer schema reads as it is. For operators comparing two databases (before and
// after a run, a SQLite file and its PostgreSQL copy) and for the end-to-end scenarios, which read
// through these commands rather than through sqlite3 or psql.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

#include "app/json_values.hpp"
#include "cli/context.hpp"

namespace mutua::cli {
namespace {

bool is_uri(const std::string& target) { return target.find("://") != std::string::npos; }

// The database as stored: no migration, no command lock, no settlement of pending work. A file
// that does not exist is an error (opening would create it).
std::unique_ptr<Store> open_as_stored(const Context& ctx) {
  if (!is_uri(ctx.db)) {
    if (!std::filesystem::exists(ctx.db)) {
      fail({data_error("", 0, "--db", "no database at " + ctx.db)}, kInvalidData);
    }
    if (::access(ctx.db.c_str(), W_OK) != 0) return Store::open_read_only(ctx.db);
  }
  return Store::open(ctx.db);
}

// Σ debits and Σ credits of the ledger (BIL-04: equal when every entry balances).
struct LedgerSums {
  Money debits;
  Money credits;
};
LedgerSums sum_ledger(const std::vector<AccountTotals>& accounts) {
  LedgerSums sums;
  for (const AccountTotals& a : accounts) {
    sums.debits += a.debits;
    sums.credits += a.credits;
  }
  return sums;
}

bool has_table(const std::vector<TableShape>& tables, const std::string& name) {
  for (const TableShape& t : tables) {
    if (t.name == name) return true;
  }
  return false;
}

void register_stats(CLI::App& group, Context& ctx) {
  CLI::App* cmd = group.add_subcommand(
      "stats", "schema version, rows per table, the ledger's trial balance (BIL-04)");
  cmd->callback([&ctx] {
    auto store = open_as_stored(ctx);
    const std::vector<TableShape> tables = store->tables();
    nlohmann::json j = {{"schema_version", store->schema_version()},
                        {"tables", nlohmann::json::object()}};
    std::string text = "schema version " + std::to_string(store->schema_version()) + "\n";
    for (const TableShape& t : tables) {
      const int64_t rows = store->row_count(t.name);
      j["tables"][t.name] = {{"rows", rows}, {"columns", t.columns}};
      char line[160];
      std::snprintf(line, sizeof line, "  %-32s %12lld\n", t.name.c_str(),
                    static_cast<long long>(rows));
      text += line;
    }
    if (has_table(tables, "ledger")) {
      const std::vector<AccountTotals> accounts = store->ledger_totals();
      const LedgerSums sums = sum_ledger(accounts);
      const bool balanced = sums.debits == sums.credits;
      nlohmann::json by_account = nlohmann::json::array();
      text += "ledger: " + std::to_string(j["tables"]["ledger"]["rows"].get<int64_t>()) +
              " entries, debits " + sums.debits.format() + ", credits " +
              sums.credits.format() + (balanced ? ": balanced\n" : ": NOT BALANCED\n");
      for (const AccountTotals& a : accounts) {
        const Money balance = a.debits - a.credits;
        by_account.push_back({{"account", a.account},
                              {"debits", a.debits.format()},
                              {"credits", a.credits.format()},
                              {"balance", balance.format()}});
        char line[200];
        std::snprintf(line, sizeof line, "  %-6s debits %14s  credits %14s  balance %14s\n",
                      a.account.c_str(), a.debits.format().c_str(), a.credits.format().c_str(),
                      balance.format().c_str());
        text += line;
      }
      j["ledger"] = {{"entries", j["tables"]["ledger"]["rows"]},
                     {"debits", sums.debits.format()},
                     {"credits", sums.credits.format()},
                     {"balanced", balanced},
                     {"accounts", by_account}};
    }
    print(ctx, j, text);
  });
}

// One table to dump and the columns to print (all of them unless the argument names some).
struct DumpRequest {
  std::string table;
  std::vector<std::string> columns;
};

// "TABLE" or "TABLE:COL,COL": checked against the schema (exit 3 naming the argument).
DumpRequest parse_request(const std::string& arg, const std::vector<TableShape>& tables) {
  const size_t colon = arg.find(':');
  DumpRequest r{arg.substr(0, colon), {}};
  const TableShape* shape = nullptr;
  for (const TableShape& t : tables) {
    if (t.name == r.table) shape = &t;
  }
  if (!shape) fail({data_error("", 0, "TABLE", "no table '" + r.table + "'")}, kInvalidData);
  if (colon == std::string::npos) {
    r.columns = shape->columns;
    return r;
  }
  const std::string list = arg.substr(colon + 1);
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    std::string column = list.substr(start, comma - start);
    if (std::find(shape->columns.begin(), shape->columns.end(), column) == shape->columns.end()) {
      fail({data_error("", 0, "TABLE",
                       "no column '" + column + "' in table '" + r.table + "'")},
           kInvalidData);
    }
    r.columns.push_back(std::move(column));
    start = comma + 1;
  }
  return r;
}

// Text form of a value: NULL as \N, a binary value as \x and its bytes in hex, text with
// backslash, tab, line feed and carriage return escaped (\\ \t \n \r), so a row is one line.
void append_value(std::string& out, const RawValue& v) {
  if (!v.text) {
    out += "\\N";
    return;
  }
  if (v.binary) {
    static const char* kHex = "0123456789abcdef";
    out += "\\x";
    for (unsigned char c : *v.text) {
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
    return;
  }
  for (char c : *v.text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

nlohmann::json json_value(const RawValue& v) {
  if (!v.text) return nullptr;
  if (!v.binary) return *v.text;
  std::string hex;
  append_value(hex, v);
  return {{"hex", hex.substr(2)}};
}

void register_dump(CLI::App& group, Context& ctx) {
  static std::vector<std::string> wanted, excluded;
  CLI::App* cmd = group.add_subcommand(
      "dump", "every row of every table (or of TABLE[:COL,...]) in a stable order");
  cmd->add_option("TABLE", wanted,
                  "a table, or TABLE:COL,COL for some of its columns (default: every table)");
  cmd->add_option("--exclude", excluded, "leave out this table (repeatable)");
  cmd->callback([&ctx] {
    auto store = open_as_stored(ctx);
    const std::vector<TableShape> tables = store->tables();
    for (const std::string& name : excluded) {
      if (!has_table(tables, name)) {
        fail({data_error("", 0, "--exclude", "no table '" + name + "'")}, kInvalidData);
      }
    }
    const std::set<std::string> skip(excluded.begin(), excluded.end());
    std::vector<DumpRequest> requests;
    for (const std::string& arg : wanted) requests.push_back(parse_request(arg, tables));
    if (wanted.empty()) {
      for (const TableShape& t : tables) requests.push_back({t.name, t.columns});
    }
    nlohmann::json j = {{"tables", nlohmann::json::array()}};
    std::string out;
    for (const DumpRequest& r : requests) {
      if (skip.count(r.table)) continue;
      nlohmann::json rows = nlohmann::json::array();
      if (!ctx.json) {
        out += "== " + r.table + " (";
        for (size_t i = 0; i < r.columns.size(); ++i) out += (i ? ", " : "") + r.columns[i];
        out += ")\n";
      }
      store->for_each_row(r.table, r.columns, [&](const std::vector<RawValue>& row) {
        if (ctx.json) {
          nlohmann::json values = nlohmann::json::array();
          for (const RawValue& v : row) values.push_back(json_value(v));
          rows.push_back(std::move(values));
          return;
        }
        for (size_t i = 0; i < row.size(); ++i) {
          if (i) out += '\t';
          append_value(out, row[i]);
        }
        out += '\n';
        if (out.size() > (1 << 16)) {
          std::fwrite(out.data(), 1, out.size(), stdout);
          out.clear();
        }
      });
      if (ctx.json) {
        j["tables"].push_back({{"name", r.table}, {"columns", r.columns}, {"rows", rows}});
      }
    }
    if (ctx.json) {
      std::puts(json_text(j).c_str());
    } else {
      std::fwrite(out.data(), 1, out.size(), stdout);
    }
  });
}

void register_check(CLI::App& group, Context& ctx) {
  CLI::App* cmd = group.add_subcommand(
      "check", "the database's own consistency check and the ledger's balance (exit 1 if not)");
  cmd->callback([&ctx] {
    auto store = open_as_stored(ctx);
    std::vector<std::string> problems;
    if (const std::string found = store->integrity_check(false); found != "ok") {
      problems.push_back(found);
    }
    if (has_table(store->tables(), "ledger")) {
      const LedgerSums sums = sum_ledger(store->ledger_totals());
      if (sums.debits != sums.credits) {
        problems.push_back("BIL-04: the ledger's debits (" + sums.debits.format() +
                           ") differ from its credits (" + sums.credits.format() + ")");
      }
    }
    if (ctx.json) {
      std::puts(json_text(nlohmann::json({{"ok", problems.empty()}, {"problems", problems}}), 2)
                    .c_str());
    } else if (problems.empty()) {
      std::puts("ok");
    }
    for (const std::string& p : problems) std::fprintf(stderr, "error: database: %s\n", p.c_str());
    if (!problems.empty()) throw Exit{kInternal};
  });
}

}  // namespace

void register_db(CLI::App& app, Context& ctx) {
  CLI::App* group =
      app.add_subcommand("db", "what the database holds, read as stored (stats, dump, check)");
  group->require_subcommand(1);
  register_stats(*group, ctx);
  register_dump(*group, ctx);
  register_check(*group, ctx);
}

}  // namespace mutua::cli

#include "storage/copy_database.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "storage/sqlite_util.hpp"

namespace mutua {

namespace {

using sql::Statement;

enum class Kind { kInteger, kText, kBlob };

struct Column {
  std::string name;
  Kind kind = Kind::kText;
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::set<std::string> parents;  // tables its foreign keys reference
};

// An identifier quoted for SQL (a name read from the source file is data, not SQL).
std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (const char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

Kind kind_of(std::string type) {
  std::transform(type.begin(), type.end(), type.begin(), ::toupper);
  if (type.find("INT") != std::string::npos) return Kind::kInteger;
  if (type.find("BLOB") != std::string::npos) return Kind::kBlob;
  return Kind::kText;
}

std::vector<Table> source_tables(sql::Db& db) {
  std::vector<Table> tables;
  Statement list(db,
                 "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                 "AND name <> 'schema_migrations' ORDER BY name");
  while (list.step()) tables.push_back({std::string(list.column_text(0)), {}, {}});
  for (Table& t : tables) {
    Statement info(db, "SELECT name, type FROM pragma_table_info(?)");
    info.bind(1, t.name);
    while (info.step()) {
      t.columns.push_back({std::string(info.column_text(0)), kind_of(std::string(info.column_text(1)))});
    }
    Statement keys(db, "SELECT \"table\" FROM pragma_foreign_key_list(?)");
    keys.bind(1, t.name);
    while (keys.step()) {
      if (keys.column_text(0) != t.name) t.parents.insert(std::string(keys.column_text(0)));
    }
  }
  return tables;
}

// Parents before children (Kahn's order, ties by name for a stable report).
std::vector<Table> parents_first(std::vector<Table> tables) {
  std::vector<Table> ordered;
  std::set<std::string> done;
  while (!tables.empty()) {
    auto ready = std::find_if(tables.begin(), tables.end(), [&](const Table& t) {
      return std::all_of(t.parents.begin(), t.parents.end(),
                         [&](const std::string& p) { return done.count(p) > 0; });
    });
    if (ready == tables.end()) throw StoreError("copy: a cycle of foreign keys among the tables");
    done.insert(ready->name);
    ordered.push_back(std::move(*ready));
    tables.erase(ready);
  }
  return ordered;
}

constexpr int kRowsPerStatement = 64;

long long copy_table(sql::Db& from, sql::Db& to, const Table& t) {
  std::string names;
  for (const Column& c : t.columns) names += (names.empty() ? "" : ", ") + quoted(c.name);
  Statement read(from, "SELECT " + names + " FROM " + quoted(t.name));
  const int width = static_cast<int>(t.columns.size());
  const std::string head = "INSERT INTO " + quoted(t.name) + " (" + names + ")";
  Statement full(to, sql::multi_row_insert(head.c_str(), width, kRowsPerStatement));
  // Values are kept until their statement has run (binds are used at the step).
  std::vector<std::vector<std::optional<std::string>>> rows;
  long long copied = 0;
  auto flush = [&](Statement& st) {
    int index = 1;
    for (const auto& row : rows) {
      for (int c = 0; c < width; ++c, ++index) {
        if (!row[c]) {
          st.bind_null(index);
        } else if (t.columns[c].kind == Kind::kBlob) {
          st.bind_blob(index, *row[c]);
        } else {
          st.bind(index, *row[c]);
        }
      }
    }
    st.run();
    copied += static_cast<long long>(rows.size());
    rows.clear();
  };
  while (read.step()) {
    std::vector<std::optional<std::string>> row(width);
    for (int c = 0; c < width; ++c) {
      if (read.is_null(c)) continue;
      row[c] = std::string(t.columns[c].kind == Kind::kBlob ? read.column_blob(c)
                                                             : read.column_text(c));
    }
    rows.push_back(std::move(row));
    if (static_cast<int>(rows.size()) == kRowsPerStatement) flush(full);
  }
  if (!rows.empty()) {
    Statement rest(to, sql::multi_row_insert(head.c_str(), width, static_cast<int>(rows.size())));
    flush(rest);
  }
  return copied;
}

// Identity columns continue after the highest copied id (an insert without an id then gets a new
// one, as SQLite's rowid would).
void continue_identities(sql::Db& to) {
  Statement ids(to,
                "SELECT table_name, column_name FROM information_schema.columns WHERE "
                "table_schema = current_schema() AND is_identity = 'YES'");
  std::vector<std::pair<std::string, std::string>> columns;
  while (ids.step()) columns.emplace_back(ids.column_text(0), ids.column_text(1));
  ids.reset();
  for (const auto& [table, column] : columns) {
    // Names read from the target's own catalogue; quoted all the same.
    Statement next(to, "SELECT setval(pg_get_serial_sequence(?, ?), coalesce((SELECT max(" +
                           quoted(column) + ") FROM " + quoted(table) + "), 0) + 1, false)");
    next.bind(1, quoted(table)).bind(2, column);
    next.run();
  }
}

}  // namespace

CopyReport copy_database(SqliteStore& from, SqliteStore& to) {
  if (from.db().is_postgres()) throw StoreError("copy: the source must be an SQLite file");
  if (!to.db().is_postgres()) throw StoreError("copy: the target must be a postgresql:// database");
  if (to.schema_version() != 0) {
    throw StoreError("copy: the target database is not empty (schema " +
                     std::to_string(to.schema_version()) +
                     "): nothing was copied; give an empty database");
  }
  from.migrate();
  Transaction read(from);  // one consistent snapshot of the source
  Transaction write(to);
  to.migrate();  // inside the transaction: a failure leaves no table behind
  CopyReport report;
  const std::vector<Table> tables = parents_first(source_tables(from.db()));
  // Rows the migrations wrote (settings) come from the source instead: children first.
  for (const Table& t : tables) {
    Statement known(to.db(),
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                    "current_schema() AND table_name = ?");
    known.bind(1, t.name);
    if (!known.step() || known.column_int(0) != 1) {
      throw StoreError("copy: the source has a table this mutua does not know (" + t.name +
                       "): nothing was copied");
    }
  }
  for (auto t = tables.rbegin(); t != tables.rend(); ++t) to.db().exec("DELETE FROM " + quoted(t->name));
  for (const Table& t : tables) {
    const long long copied = copy_table(from.db(), to.db(), t);
    const long long source = from.db().query_int("SELECT count(*) FROM " + quoted(t.name));
    const long long target = to.db().query_int("SELECT count(*) FROM " + quoted(t.name));
    if (copied != source || target != source) {
      throw StoreError("copy: table " + t.name + ": " + std::to_string(source) +
                       " rows in the source, " + std::to_string(target) +
                       " in the target: nothing was committed");
    }
    report.rows.emplace_back(t.name, copied);
    report.total_rows += copied;
  }
  continue_identities(to.db());
  report.trial_balance = from.trial_balance();
  if (to.trial_balance() != report.trial_balance) {
    throw StoreError("copy: the trial balance of the target differs from the source's: nothing "
                     "was committed");
  }
  write.commit();
  read.commit();
  return report;
}

}  // namespace mutua

#include "storage/sql_db.hpp"

#include "storage/pg_db.hpp"
#include "storage/sqlite_db.hpp"

namespace mutua::sql {

std::optional<std::string> Db::query_text(const std::string& sql) {
  Statement st(*this, sql);
  if (!st.step() || st.is_null(0)) return std::nullopt;
  return std::string(st.column_text(0));
}

long long Db::query_int(const std::string& sql) {
  Statement st(*this, sql);
  if (!st.step()) return 0;
  return st.column_int(0);
}

bool is_postgres_target(const std::string& target) {
  return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0;
}

std::unique_ptr<Db> open_db(const std::string& target, bool read_only, bool immutable) {
  if (is_postgres_target(target)) return std::make_unique<PgDb>(target);
  return std::make_unique<SqliteDb>(target, read_only, immutable);
}

}  // namespace mutua::sql

// Helpers shared by the SQLite store's files (not part of the Store interface).
#pragma once

#include <optional>
#include <string>

#include "core/date.hpp"
#include "storage/sql_db.hpp"

namespace mutua::sql {

// Rows per multi-row INSERT: one statement step per batch instead of per row, the main cost
// of a bulk insert after the B-tree work itself.
inline constexpr int kRowsPerInsert = 32;

// "head VALUES (?,?,..),(..)" with `rows` groups of `columns` parameters.
inline std::string multi_row_insert(const char* head, int columns, int rows) {
  std::string sql = head;
  sql += " VALUES ";
  for (int r = 0; r < rows; ++r) {
    sql += r ? ",(" : "(";
    for (int c = 0; c < columns; ++c) sql += c ? ",?" : "?";
    sql += ')';
  }
  return sql;
}

// Buffers for the date texts of one row: they must outlive the step that reads them (binds are
// SQLITE_STATIC).
struct DateTexts {
  char a[10], b[10], c[10], d[10];
};

// The text in `buf` must outlive the step that reads it (binds are SQLITE_STATIC).
inline void bind_date_or_null(Statement& st, int index, const std::optional<Date>& d,
                              char (&buf)[10]) {
  if (d) {
    st.bind(index, format_date_to(*d, buf));
  } else {
    st.bind_null(index);
  }
}

// A stored date column; a malformed one means a corrupted database (StoreError).
inline Date column_date(const Statement& st, int column) {
  auto d = try_parse_date(st.column_text(column));
  if (!d) {
    throw StoreError("corrupted database: malformed date '" + std::string(st.column_text(column)) +
                     "'");
  }
  return *d;
}

// NULL (or empty) → nullopt.
inline std::optional<Date> column_optional_date(const Statement& st, int column) {
  if (st.column_text(column).empty()) return std::nullopt;
  return column_date(st, column);
}

}  // namespace mutua::sql

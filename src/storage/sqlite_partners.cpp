// SqliteStore: the regional scheme's tables (migration 6): CSS checks (PAR-08). See store.hpp.
#include <sqlite3.h>

#include "storage/sqlite_store.hpp"
#include "storage/sqlite_util.hpp"

namespace mutua {

using sqlite::column_date;
using sqlite::Statement;

int64_t SqliteStore::insert_css_check(const CssCheckRecord& c) {
  Statement& st = prepared(
      "INSERT INTO css_checks (reference, check_date, recorded, persons, alternating_custody, "
      "resources_cents, result, ceiling_cents, participation_cents, table_validity, regime) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  sqlite::DateTexts dates;
  st.bind(1, c.reference)
      .bind(2, format_date_to(c.check_date, dates.a))
      .bind(3, format_date_to(c.recorded, dates.b))
      .bind(4, c.persons)
      .bind(5, c.alternating_custody)
      .bind(6, c.resources.cents())
      .bind(7, c.result)
      .bind(8, c.ceiling.cents())
      .bind(9, c.monthly_participation.cents())
      .bind(10, c.table)
      .bind(11, c.regime);
  st.run();
  return sqlite3_last_insert_rowid(db_.handle());
}

std::vector<CssCheckRecord> SqliteStore::css_checks(const std::string& reference) {
  Statement st(db_,
               "SELECT check_id, reference, check_date, recorded, persons, alternating_custody, "
               "resources_cents, result, ceiling_cents, participation_cents, table_validity, "
               "regime FROM css_checks WHERE reference = ? ORDER BY check_id");
  st.bind(1, reference);
  std::vector<CssCheckRecord> out;
  while (st.step()) {
    CssCheckRecord c;
    c.id = st.column_int(0);
    c.reference = std::string(st.column_text(1));
    c.check_date = column_date(st, 2);
    c.recorded = column_date(st, 3);
    c.persons = static_cast<int>(st.column_int(4));
    c.alternating_custody = static_cast<int>(st.column_int(5));
    c.resources = Money::from_cents(st.column_int(6));
    c.result = std::string(st.column_text(7));
    c.ceiling = Money::from_cents(st.column_int(8));
    c.monthly_participation = Money::from_cents(st.column_int(9));
    c.table = std::string(st.column_text(10));
    c.regime = std::string(st.column_text(11));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace mutua

// The whole-database reads behind `mutua db` (tables, row counts, ordered rows, the ledger's
// totals per account): what the scenarios compare between runs and between databases.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "storage/storage_test_support.hpp"

namespace mutua {
namespace {

class DbReadsTest : public testing_support::StoreFixture {
 protected:
  DbReadsTest() : StoreFixture("mutua_db_reads_") {}

  // The rows of `table` as the visitor sees them, NULL as "NULL".
  std::vector<std::vector<std::string>> rows(const std::string& table,
                                             const std::vector<std::string>& columns) {
    std::vector<std::vector<std::string>> out;
    store_->for_each_row(table, columns, [&](const std::vector<RawValue>& row) {
      std::vector<std::string> values;
      for (const RawValue& v : row) values.push_back(v.text ? *v.text : "NULL");
      out.push_back(values);
    });
    return out;
  }
  void add_user(const std::string& name, const std::string& commune, bool disabled) {
    store_->save_user({name, "hash", "partner_commune", commune, "", make_date(2026, 1, 2),
                       disabled});
  }
};

TEST_F(DbReadsTest, TablesAreTheApplicationsByNameWithTheirColumnsInOrder) {
  const std::vector<TableShape> tables = store_->tables();
  ASSERT_FALSE(tables.empty());
  EXPECT_TRUE(std::is_sorted(tables.begin(), tables.end(),
                             [](const auto& a, const auto& b) { return a.name < b.name; }));
  auto ledger = std::find_if(tables.begin(), tables.end(),
                             [](const TableShape& t) { return t.name == "ledger"; });
  ASSERT_NE(ledger, tables.end());
  ASSERT_GE(ledger->columns.size(), 3u);
  EXPECT_EQ(ledger->columns[0], "entry_id");
  EXPECT_EQ(ledger->columns[1], "key");
  EXPECT_TRUE(std::any_of(tables.begin(), tables.end(),
                          [](const TableShape& t) { return t.name == "schema_migrations"; }));
  EXPECT_FALSE(std::any_of(tables.begin(), tables.end(),
                           [](const TableShape& t) { return t.name.rfind("sqlite_", 0) == 0; }));
}

TEST_F(DbReadsTest, RowsComeOrderedByTheChosenColumnsNullFirst) {
  add_user("zoe", "42207", false);
  add_user("anna", "", true);
  add_user("marc", "38185", false);
  EXPECT_EQ(store_->row_count("users"), 3);
  EXPECT_EQ(rows("users", {"commune", "username", "disabled"}),
            (std::vector<std::vector<std::string>>{{"NULL", "anna", "1"},
                                                   {"38185", "marc", "0"},
                                                   {"42207", "zoe", "0"}}));
  EXPECT_EQ(rows("users", {"username"}),
            (std::vector<std::vector<std::string>>{{"anna"}, {"marc"}, {"zoe"}}));
}

TEST_F(DbReadsTest, NamesNotInTheSchemaAreRefused) {
  EXPECT_THROW(store_->row_count("users; DROP TABLE users"), std::invalid_argument);
  EXPECT_THROW(rows("users", {"username", "nope"}), std::invalid_argument);
  EXPECT_THROW(rows("users", {}), std::invalid_argument);
  EXPECT_EQ(store_->row_count("users"), 0);
}

// BIL-04: every entry moves its amount from one account to another, so the totals balance.
TEST_F(DbReadsTest, BIL_04_LedgerTotalsSumEachAccountsDebitsAndCredits) {
  EXPECT_TRUE(store_->ledger_totals().empty());
  std::vector<Entry> entries{
      make_entry("due:K1:2026:1", make_date(2026, 1, 1), EntryKind::kContributionDue, "K1",
                 account::kReceivable, account::kContributions, Money::from_cents(10000), "due"),
      make_entry("pay:K1:1", make_date(2026, 1, 5), EntryKind::kPayment, "K1", account::kBank,
                 account::kReceivable, Money::from_cents(6000), "payment"),
  };
  store_->post_entries(entries);
  const std::vector<AccountTotals> totals = store_->ledger_totals();
  ASSERT_EQ(totals.size(), 3u);
  EXPECT_EQ(totals[0].account, "411");
  EXPECT_EQ(totals[0].debits.cents(), 10000);
  EXPECT_EQ(totals[0].credits.cents(), 6000);
  EXPECT_EQ(totals[1].account, "512");
  EXPECT_EQ(totals[1].debits.cents(), 6000);
  EXPECT_EQ(totals[1].credits.cents(), 0);
  EXPECT_EQ(totals[2].account, "706");
  EXPECT_EQ(totals[2].credits.cents(), 10000);
}

}  // namespace
}  // namespace mutua

// Moving up (issue 16, item 7): an SQLite database copied whole into an empty PostgreSQL one.
// Runs where a PostgreSQL server is given (MUTUA_TEST_PG, as `make test` does through
// tests/pg/with-postgres); without one there is no target to copy to, and the test says so.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "billing/ledger.hpp"
#include "storage/copy_database.hpp"
#include "storage/migrations.hpp"
#include "storage/storage_test_support.hpp"

namespace mutua {
namespace {

using testing_support::TestDatabase;

class CopyDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing_support::test_postgres().empty()) {
      GTEST_SKIP() << "needs a PostgreSQL server (MUTUA_TEST_PG): make test runs it there";
    }
  }
};

Contract two_person_contract(const std::string& id) {
  Contract c;
  c.id = id;
  c.product = "P";
  c.payment_frequency = PaymentFrequency::kMonthly;
  c.civil_service_entry = make_date(2010, 1, 1);
  c.iban = "FR7630006000011234567890189";
  c.email = "adherent@example.org";
  c.beneficiaries.push_back({id + "-M", Role::kMember, "DUPONT", "Élise", make_date(1975, 4, 2),
                             make_date(2026, 1, 1), std::nullopt, ""});
  c.beneficiaries.push_back({id + "-C", Role::kChild, "DUPONT", "Léo", make_date(2012, 1, 15),
                             make_date(2026, 1, 1), std::nullopt, ""});
  return c;
}

// A source with a product, contracts, ledger entries (trial balance) and a stored claim decision
// whose detail is binary (a BLOB with zero bytes and bytes over 0x7f).
void fill(SqliteStore& s) {
  Product p;
  p.code = "P";
  p.name = "Produit « été »";
  s.upsert_product(p);
  s.insert_contracts({two_person_contract("C1"), two_person_contract("C2")});
  std::vector<Entry> entries = {
      make_entry("due:C1:2026:1", make_date(2026, 1, 1), EntryKind::kContributionDue, "C1", "411",
                 "706", Money::from_cents(4678), "BIL-02"),
      make_entry("pay:C1:1", make_date(2026, 1, 5), EntryKind::kPayment, "C1", "512", "411",
                 Money::from_cents(4000), "BIL-04")};
  entries[0].year = entries[1].year = 2026;
  entries[0].period = entries[1].period = 1;
  entries[1].reference = "VIR-1";
  s.post_entries(entries);
  ClaimRunRecord run;
  run.input = "lines.csv";
  run.input_identity = "42:abc";
  run.business_date = "2026-12-31";
  const int64_t run_id = s.insert_claim_run(run);
  StoredDecision d;
  d.claim_id = "K1";
  d.line = 1;
  d.run_id = run_id;
  d.contract_id = "C1";
  d.rc = Money::from_cents(2500);
  d.reasons = "INDEMNITY";
  d.detail = std::string("\x01\x00\xff\x80 détail", 12);
  s.insert_decisions({d});
}

// Every table's rows, the trial balance and the binary detail arrive; ids continue after the
// copied ones; the target is then a working database of this binary's schema.
TEST_F(CopyDatabaseTest, CopiesEveryRowAndChecksCountsAndTrialBalance) {
  const std::string file = ::testing::TempDir() + "mutua_copy_" + std::to_string(::getpid()) + ".db";
  std::filesystem::remove(file);
  SqliteStore source(file);
  source.migrate();
  fill(source);
  TestDatabase target_db("mutua_copy_dst_");
  SqliteStore target(target_db.target());

  const CopyReport report = copy_database(source, target);

  EXPECT_EQ(target.schema_version(), migrations().back().version);
  EXPECT_EQ(report.trial_balance, source.trial_balance());
  EXPECT_EQ(target.trial_balance(), source.trial_balance());
  EXPECT_EQ(target.count_contracts(), 2);
  EXPECT_EQ(target.count_beneficiaries(), 4);
  EXPECT_EQ(target.find_contract("C2"), source.find_contract("C2"));
  EXPECT_EQ(target.entries("C1"), source.entries("C1"));
  auto decision = target.find_decision("K1", 1);
  ASSERT_TRUE(decision);
  EXPECT_EQ(decision->detail, std::string("\x01\x00\xff\x80 détail", 12));
  long long total = 0;
  for (const auto& [table, rows] : report.rows) total += rows;
  EXPECT_EQ(total, report.total_rows);
  EXPECT_GE(report.total_rows, 2 + 4 + 2 + 1 + 1 + 1);
  // The identity of the ledger continues after the copied entries.
  std::vector<Entry> more = {make_entry("pay:C1:2", make_date(2026, 2, 5), EntryKind::kPayment,
                                        "C1", "512", "411", Money::from_cents(678), "BIL-04")};
  EXPECT_EQ(target.post_entries(more), 1);
  EXPECT_GT(more[0].id, source.entries("C1").back().id);
  std::filesystem::remove(file);
  std::filesystem::remove(file + "-wal");
  std::filesystem::remove(file + "-shm");
}

// A target that already holds mutua's tables is refused before anything is copied; a failure
// during the copy leaves the target as it was (schema and rows in one transaction).
TEST_F(CopyDatabaseTest, RefusesANonEmptyTargetAndLeavesNothingHalfCopied) {
  const std::string file = ::testing::TempDir() + "mutua_copy2_" + std::to_string(::getpid()) + ".db";
  std::filesystem::remove(file);
  SqliteStore source(file);
  source.migrate();
  fill(source);

  TestDatabase used_db("mutua_copy_used_");
  SqliteStore used(used_db.target());
  used.migrate();
  EXPECT_THROW(copy_database(source, used), StoreError);
  EXPECT_EQ(used.count_contracts(), 0);

  // A table already there under one of mutua's names makes the migration fail mid-way.
  TestDatabase clash_db("mutua_copy_clash_");
  SqliteStore clash(clash_db.target());
  clash.db().exec("CREATE TABLE ledger (x BIGINT)");
  EXPECT_THROW(copy_database(source, clash), StoreError);
  EXPECT_EQ(clash.schema_version(), 0);
  EXPECT_EQ(clash.db().query_int("SELECT count(*) FROM information_schema.tables WHERE "
                                 "table_schema = current_schema()"),
            1);  // only the table it had
  std::filesystem::remove(file);
  std::filesystem::remove(file + "-wal");
  std::filesystem::remove(file + "-shm");
}

}  // namespace
}  // namespace mutua

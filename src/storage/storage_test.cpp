#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "storage/migrations.hpp"
#include "storage/sqlite_store.hpp"
#include "storage/storage_test_support.hpp"

namespace mutua {
namespace {

namespace fs = std::filesystem;

// A fresh database file per test, removed (with its WAL files) afterwards.
class StorageTest : public testing_support::StoreFixture {
 protected:
  StorageTest() : StoreFixture("mutua_storage_") {}
};

Product sample_product(const std::string& code) {
  Product p;
  p.code = code;
  p.name = "Label 2 « été »";
  p.kind = ProductKind::kRegional;
  p.responsible = true;
  p.max_annual_increase_pct = 3;
  p.majoration_scope = MajorationScope::kContract;
  p.billed_children = 2;
  Benefit gp;
  gp.category = "CONSULT_GP";
  gp.optam = Formula{150, false, false, std::nullopt, std::nullopt};
  gp.non_optam = Formula{130, false, false, std::nullopt, std::nullopt};
  gp.line = 12;
  Benefit room;
  room.category = "PRIVATE_ROOM";
  room.formula = Formula{};
  room.formula->amount = Allowance{Money::from_cents(5000), Per::kDay};
  room.limits.max_count = 30;
  Benefit optics;
  optics.category = "OPTICS_FRAME_LENSES";
  optics.formula = Formula{100, false, false, std::nullopt, Allowance{Money::from_cents(15000), Per::kYear}};
  optics.limits.annual_cap = Money::from_cents(40000);
  optics.limits.period = Period::kTwoYears;
  Benefit basket;
  basket.category = "DENTAL_PROSTH_100S";
  basket.formula = Formula{std::nullopt, false, true, std::nullopt, std::nullopt};
  p.benefits = {gp, room, optics, basket};
  Promotion promo;
  promo.code = "WELCOME";
  promo.label = "Bienvenue";
  promo.from = make_date(2026, 1, 1);
  promo.to = make_date(2026, 3, 31);
  promo.percent_bp = 1000;
  promo.joined_from = make_date(2025, 12, 1);
  Promotion flat = promo;
  flat.code = "FLAT";
  flat.percent_bp.reset();
  flat.amount = Money::from_cents(250);
  flat.joined_from.reset();
  flat.joined_to = make_date(2026, 6, 30);
  p.promotions = {promo, flat};
  return p;
}

Tariff sample_tariff(int year, int64_t base_cents) {
  Tariff t;
  t.year = year;
  t.decided = make_date(year - 1, 10, 15);
  t.decision_ref = "CA-" + std::to_string(year);
  t.bands = {0, 20, 26, 30};
  for (int i = 0; i < 4; ++i) {
    t.member.push_back(Money::from_cents(base_cents + i * 100));
    t.spouse.push_back(Money::from_cents(base_cents + i * 90));
    t.child.push_back(Money::from_cents(1800));
  }
  return t;
}

Contract sample_contract(const std::string& id, int children) {
  Contract c;
  c.id = id;
  c.product = "LABEL2";
  c.payment_frequency = PaymentFrequency::kQuarterly;
  c.status = MemberStatus::kRetired;
  c.civil_service_entry = make_date(2001, 9, 1);
  c.prior_coefficient_bp = 400;
  c.last_coverage_end = make_date(2024, 12, 31);
  c.express_start = true;
  c.iban = "FR7630006000011234567890189";
  c.email = "jean@example.fr";
  c.commune = "42207";
  c.link = Link::kWork;
  Beneficiary m{id + "-M", Role::kMember, "DUPONT", "Jean", make_date(1970, 5, 17),
                make_date(2026, 1, 1), std::nullopt, "185057800604830"};
  c.beneficiaries.push_back(m);
  Beneficiary s{id + "-S", Role::kSpouse, "DUPONT", "Zoé", make_date(1972, 2, 29),
                make_date(2026, 1, 1), make_date(2026, 6, 30), ""};
  c.beneficiaries.push_back(s);
  for (int i = 0; i < children; ++i) {
    c.beneficiaries.push_back({id + "-C" + std::to_string(i), Role::kChild, "DUPONT", "Enfant",
                               make_date(2005 + i, 1, 1), make_date(2026, 1, 1), std::nullopt, ""});
  }
  return c;
}

TEST_F(StorageTest, MigrateTwiceIsIdempotent) {
  int latest = migrations().back().version;
  EXPECT_EQ(store_->schema_version(), latest);
  store_->migrate();
  EXPECT_EQ(store_->schema_version(), latest);
  EXPECT_EQ(store_->db().query_int("SELECT count(*) FROM schema_migrations"),
            static_cast<long long>(migrations().size()));
}

TEST_F(StorageTest, EmptyDatabaseHasVersionZero) {
  testing_support::TestDatabase empty("mutua_fresh_");
  SqliteStore fresh(empty.target());
  EXPECT_EQ(fresh.schema_version(), 0);
}

// SQLite: WAL, synchronous FULL, foreign keys, a 5 s busy wait; PostgreSQL: the same 5 s wait
// for a lock (the server itself is durable and enforces foreign keys).
TEST_F(StorageTest, PragmasAreSet) {
  if (postgres()) {
    EXPECT_EQ(store_->db().query_text("SHOW lock_timeout"), "5s");
    return;
  }
  EXPECT_EQ(store_->db().query_text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(store_->db().query_int("PRAGMA synchronous"), 2);  // FULL
  EXPECT_EQ(store_->db().query_int("PRAGMA foreign_keys"), 1);
  EXPECT_EQ(store_->db().query_int("PRAGMA busy_timeout"), 5000);
}

TEST_F(StorageTest, TablesAreStrict) {
  EXPECT_THROW(store_->db().exec("INSERT INTO products (code, name, kind, responsible, "
                                 "majoration_scope, billed_children, benefits_json, "
                                 "promotions_json) VALUES ('X', 'x', 'individual', 'yes', "
                                 "'member', 2, '[]', '[]')"),
               StoreError);
}

TEST_F(StorageTest, ForeignKeysAreEnforced) {
  Contract c = sample_contract("C1", 0);
  c.product = "NOPE";
  EXPECT_THROW(store_->insert_contracts({c}), StoreError);
}

TEST_F(StorageTest, ProductWithTariffsBenefitsAndPromotionsRoundTrips) {
  Product p = sample_product("LABEL2");
  store_->upsert_product(p);
  store_->insert_tariff("LABEL2", sample_tariff(2026, 3120));
  store_->insert_tariff("LABEL2", sample_tariff(2025, 3000));
  Organism org{"Mutuelle Générale d'Avignon", "334489986", "FR00ZZZ000000"};
  store_->save_organism(org);

  Catalogue c = store_->load_catalogue();
  EXPECT_EQ(c.organism.name, org.name);
  EXPECT_EQ(c.organism.creditor_id, org.creditor_id);
  ASSERT_EQ(c.products.size(), 1u);
  const Product& back = c.products[0];
  EXPECT_EQ(back.name, p.name);
  EXPECT_EQ(back.kind, ProductKind::kRegional);
  EXPECT_EQ(back.max_annual_increase_pct, 3);
  EXPECT_EQ(back.majoration_scope, MajorationScope::kContract);
  ASSERT_EQ(back.tariffs.size(), 2u);  // TAR-05: versions ascending by year
  EXPECT_EQ(back.tariffs[0].year, 2025);
  EXPECT_EQ(back.tariffs[1].decision_ref, "CA-2026");
  EXPECT_EQ(back.tariffs[1].decided, make_date(2025, 10, 15));
  EXPECT_EQ(back.tariffs[1].bands, (std::vector<int>{0, 20, 26, 30}));
  EXPECT_EQ(back.tariffs[1].member[3], Money::from_cents(3420));
  EXPECT_EQ(back.tariffs[1].spouse[1], Money::from_cents(3210));
  EXPECT_EQ(back.tariffs[1].child[0], Money::from_cents(1800));

  ASSERT_EQ(back.benefits.size(), 4u);
  EXPECT_EQ(back.benefits[0].optam->total_pct_br, 150);
  EXPECT_EQ(back.benefits[0].non_optam->total_pct_br, 130);
  EXPECT_EQ(back.benefits[0].line, 12);
  EXPECT_EQ(back.benefits[1].formula->amount->amount, Money::from_cents(5000));
  EXPECT_EQ(back.benefits[1].formula->amount->per, Per::kDay);
  EXPECT_EQ(back.benefits[1].limits.max_count, 30);
  EXPECT_EQ(back.benefits[2].formula->plus->per, Per::kYear);
  EXPECT_EQ(back.benefits[2].limits.annual_cap, Money::from_cents(40000));
  EXPECT_EQ(back.benefits[2].limits.period, Period::kTwoYears);
  EXPECT_TRUE(back.benefits[3].formula->full_basket);
  EXPECT_FALSE(back.benefits[3].formula->total_pct_br.has_value());

  ASSERT_EQ(back.promotions.size(), 2u);
  EXPECT_EQ(back.promotions[0].percent_bp, 1000);
  EXPECT_EQ(back.promotions[0].joined_from, make_date(2025, 12, 1));
  EXPECT_FALSE(back.promotions[0].joined_to.has_value());
  EXPECT_EQ(back.promotions[1].amount, Money::from_cents(250));
  EXPECT_EQ(back.promotions[1].to, make_date(2026, 3, 31));

  auto t = store_->find_tariff("LABEL2", 2025);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->member[0], Money::from_cents(3000));
  EXPECT_FALSE(store_->find_tariff("LABEL2", 2024).has_value());
}

TEST_F(StorageTest, UpsertProductUpdatesAndTariffVersionsAreNeverOverwritten) {
  Product p = sample_product("LABEL2");
  store_->upsert_product(p);
  p.name = "Renamed";
  p.benefits.pop_back();
  store_->upsert_product(p);
  Catalogue c = store_->load_catalogue();
  ASSERT_EQ(c.products.size(), 1u);
  EXPECT_EQ(c.products[0].name, "Renamed");
  EXPECT_EQ(c.products[0].benefits.size(), 3u);
  store_->insert_tariff("LABEL2", sample_tariff(2026, 3120));
  EXPECT_THROW(store_->insert_tariff("LABEL2", sample_tariff(2026, 9999)), StoreError);  // TAR-05
}

// BEN-17: dated benefit tables are stored per (product, year), read back ascending with the
// catalogue, and a stored year is never overwritten.
TEST_F(StorageTest, BEN_17_BenefitTablesRoundTripAndAreNeverOverwritten) {
  Product p = sample_product("LABEL2");
  store_->upsert_product(p);
  BenefitTable t2026{2026, make_date(2025, 10, 16), "CA-2025-10-16", p.benefits, 0};
  BenefitTable t2025{2025, make_date(2024, 10, 17), "", {p.benefits[0]}, 0};
  store_->insert_benefit_table("LABEL2", t2026);
  store_->insert_benefit_table("LABEL2", t2025);
  Catalogue c = store_->load_catalogue();
  ASSERT_EQ(c.products[0].benefit_tables.size(), 2u);
  EXPECT_EQ(c.products[0].benefit_tables[0].year, 2025);
  EXPECT_EQ(c.products[0].benefit_tables[0].benefits.size(), 1u);
  EXPECT_EQ(c.products[0].benefit_tables[1].decision_ref, "CA-2025-10-16");
  EXPECT_EQ(c.products[0].benefit_tables[1].decided, make_date(2025, 10, 16));
  EXPECT_EQ(c.products[0].benefit_tables[1].benefits.size(), 4u);
  auto found = store_->find_benefit_table("LABEL2", 2026);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->benefits[0].optam->total_pct_br, 150);
  EXPECT_FALSE(store_->find_benefit_table("LABEL2", 2024).has_value());
  EXPECT_THROW(store_->insert_benefit_table("LABEL2", t2026), StoreError);
}

TEST_F(StorageTest, ContractsRoundTrip) {
  store_->upsert_product(sample_product("LABEL2"));
  Contract a = sample_contract("C2", 3);
  Contract b = sample_contract("C1", 0);
  b.civil_service_entry.reset();
  b.last_coverage_end.reset();
  b.link.reset();
  b.iban.clear();
  b.email.clear();
  b.commune.clear();
  b.express_start = false;
  {
    Transaction tx(*store_);
    store_->insert_contracts({a, b});
    tx.commit();
  }
  EXPECT_EQ(store_->count_contracts(), 2);
  EXPECT_EQ(store_->count_beneficiaries(), 7);
  EXPECT_EQ(store_->find_contract("C2"), a);
  EXPECT_EQ(store_->find_contract("C1"), b);
  EXPECT_FALSE(store_->find_contract("C3").has_value());

  std::vector<Contract> seen;
  store_->for_each_contract([&](const Contract& c) { seen.push_back(c); });
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], b);  // ordered by contract id
  EXPECT_EQ(seen[1], a);  // member first, dependants in insertion order
  EXPECT_EQ(seen[1].beneficiaries.size(), 5u);

  auto existing = store_->existing_beneficiaries({"C2-S", "nobody", "C1-M"});
  EXPECT_EQ(existing, (std::vector<std::string>{"C2-S", "C1-M"}));
}

TEST_F(StorageTest, DuplicateBeneficiaryIdIsRefused) {
  store_->upsert_product(sample_product("LABEL2"));
  Contract a = sample_contract("C1", 0);
  Contract b = sample_contract("C2", 0);
  b.beneficiaries[1].id = "C1-S";
  EXPECT_THROW(store_->insert_contracts({a, b}), StoreError);
}

TEST_F(StorageTest, RollbackLeavesNothing) {
  store_->upsert_product(sample_product("LABEL2"));
  {
    Transaction tx(*store_);
    store_->insert_contracts({sample_contract("C1", 2), sample_contract("C2", 1)});
    EXPECT_EQ(store_->count_contracts(), 2);
    // no commit: the destructor rolls back
  }
  EXPECT_EQ(store_->count_contracts(), 0);
  EXPECT_EQ(store_->count_beneficiaries(), 0);
  int visits = 0;
  store_->for_each_contract([&](const Contract&) { ++visits; });
  EXPECT_EQ(visits, 0);
}

// A database server that does not answer: StoreError naming the target, never its password.
TEST(StoreOpen, UnreachablePostgresNamesTheServerNotThePassword) {
  try {
    Store::open("postgresql://mutua:s3cret@127.0.0.1:1/mutua?connect_timeout=2");
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("cannot open database postgresql://mutua@127.0.0.1:1/mutua"),
              std::string::npos)
        << what;
    EXPECT_EQ(what.find("s3cret"), std::string::npos) << what;
  }
}

TEST(StoreOpen, UnopenablePathThrows) {
  EXPECT_THROW(Store::open("/nonexistent-dir/x/y.db"), StoreError);
}

// Volume: the scan streams every contract with all its beneficiaries, across insert batches
// (speed is measured by make bench, not asserted here).
TEST_F(StorageTest, ScanStreamsEveryContract) {
  long long n = 30000;
  store_->upsert_product(sample_product("LABEL2"));
  {
    Transaction tx(*store_);
    std::vector<Contract> batch;
    for (long long i = 0; i < n; ++i) {
      char id[24];
      std::snprintf(id, sizeof id, "C%08lld", i);
      Contract c = sample_contract(id, i % 5 == 0 ? 1 : 0);  // 2.2 persons per contract
      if (i % 5 != 0) c.beneficiaries.pop_back();            // singles...
      if (i % 5 == 1 || i % 5 == 2 || i % 5 == 3) c.beneficiaries.push_back(sample_contract(id, 2).beneficiaries[1]);
      batch.push_back(std::move(c));
      if (batch.size() == 10000) {
        store_->insert_contracts(batch);
        batch.clear();
      }
    }
    store_->insert_contracts(batch);
    tx.commit();
  }
  long long beneficiaries = store_->count_beneficiaries();
  long long contracts = 0, persons = 0;
  store_->for_each_contract([&](const Contract& c) {
    ++contracts;
    persons += static_cast<long long>(c.beneficiaries.size());
  });
  EXPECT_EQ(contracts, n);
  EXPECT_EQ(persons, beneficiaries);
}

}  // namespace
}  // namespace mutua

namespace mutua {
namespace {

// Issue 16, unit of work: a writer holds the database from its first read (SQLite BEGIN
// IMMEDIATE, PostgreSQL the writer advisory lock); a second writer waits, then gets StoreBusy
// with nothing written, and its connection is usable again for the retry.
TEST_F(StorageTest, ASecondWriterWaitsThenIsBusyAndCanRetry) {
  SqliteStore second(database_->target());
  second.db().exec(postgres() ? "SET lock_timeout = '200ms'" : "PRAGMA busy_timeout = 200");
  {
    Transaction first(*store_);
    store_->set_billing_setting("holder", "first");
    EXPECT_THROW(Transaction{second}, StoreBusy);
    first.commit();
  }
  Transaction retry(second);
  EXPECT_EQ(second.billing_setting("holder"), "first");
  second.set_billing_setting("holder", "second");
  retry.commit();
  EXPECT_EQ(store_->billing_setting("holder"), "second");
}

}  // namespace
}  // namespace mutua

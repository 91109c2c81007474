#include "storage/sqlite_store.hpp"
#include "storage/sqlite_contract_rows.hpp"
#include "storage/sqlite_util.hpp"

#include <algorithm>
#include <filesystem>

#include "storage/catalogue_json.hpp"
#include "storage/migrations.hpp"

namespace mutua {

namespace {

using sql::Statement;
using sql::bind_date_or_null;
using sql::DateTexts;
using sql::kRowsPerInsert;
using sql::multi_row_insert;
using sql::corrupted;
using sql::kContractJoin;
using sql::read_beneficiary_columns;
using sql::read_contract_columns;

// A stored date column of the catalogue; a malformed one means a corrupted database.
Date stored_date(std::string_view text) {
  if (auto d = try_parse_date(text)) return *d;
  throw StoreError("corrupted database: malformed stored date '" + std::string(text) + "'");
}

const char* kind_name(ProductKind k) {
  switch (k) {
    case ProductKind::kLabelled: return "labelled";
    case ProductKind::kRegional: return "regional";
    case ProductKind::kIndividual: return "individual";
  }
  return "individual";
}
ProductKind parse_kind(std::string_view s) {
  if (s == "labelled") return ProductKind::kLabelled;
  if (s == "regional") return ProductKind::kRegional;
  if (s == "individual") return ProductKind::kIndividual;
  corrupted("product kind", s);
}
const char* scope_name(MajorationScope s) {
  return s == MajorationScope::kMember ? "member" : "contract";
}
MajorationScope parse_scope(std::string_view s) {
  if (s == "member") return MajorationScope::kMember;
  if (s == "contract") return MajorationScope::kContract;
  corrupted("majoration scope", s);
}

// Same columns as kContractJoin's contract part, for read_contract_columns.
constexpr const char* kContractScan =
    "SELECT contract_id, product, payment_frequency, status, civil_service_entry, "
    "prior_coefficient_bp, last_coverage_end, express_start, iban, email, commune, link, "
    "employer, address FROM contracts ORDER BY contract_id";
constexpr const char* kBeneficiaryScan =
    "SELECT contract_id, beneficiary_id, role, last_name, first_name, birth_date, start_date, "
    "end_date, nir, relation, condition, end_reason FROM beneficiaries "
    "ORDER BY contract_id, position";


}  // namespace

std::unique_ptr<Store> Store::open(const std::string& target) {
  return std::make_unique<SqliteStore>(target);
}

std::unique_ptr<Store> Store::open_read_only(const std::string& target) {
  std::unique_ptr<SqliteStore> store;
  int version = 0;
  if (sql::is_postgres_target(target)) {
    store = std::make_unique<SqliteStore>(target, true);
    version = store->schema_version();
  } else try {
    store = std::make_unique<SqliteStore>(target, true);
    version = store->schema_version();
  } catch (const StoreError&) {
    // A WAL database needs its index (-shm) beside it: in a folder the user may not write, it
    // is read as immutable, which is exact only when no write-ahead log holds newer pages.
    std::error_code ec;
    if (std::filesystem::exists(target + "-wal", ec)) {
      throw StoreError("cannot read " + target + " read-only: its write-ahead log (" + target +
                       "-wal) needs a folder this user may write");
    }
    store = std::make_unique<SqliteStore>(target, true, true);
    version = store->schema_version();
  }
  const int latest = migrations().back().version;
  if (version != latest) {
    throw StoreError("the read-only database " + target + " has schema " +
                     std::to_string(version) + ", this mutua reads schema " +
                     std::to_string(latest) +
                     (version < latest ? ": open it once writable to migrate it"
                                       : ": newer than this mutua's, use a newer mutua"));
  }
  return store;
}

SqliteStore::SqliteStore(const std::string& target, bool read_only, bool immutable)
    : owned_db_(sql::open_db(target, read_only, immutable)), db_(*owned_db_) {
  if (db_.is_postgres()) {
    // Reads of a read-only store cannot write by mistake (SQLite's query_only).
    if (read_only) db_.exec("SET default_transaction_read_only = on");
    return;
  }
  db_.exec("PRAGMA busy_timeout = 5000");
  if (read_only || immutable) {
    db_.exec("PRAGMA query_only = ON");
  } else {
    db_.exec("PRAGMA journal_mode = WAL");
    db_.exec("PRAGMA synchronous = FULL");
  }
  db_.exec("PRAGMA foreign_keys = ON");
  // Batch scans and imports touch the whole members table: keep it in memory when it fits.
  db_.exec("PRAGMA cache_size = -131072");  // 128 MiB
  db_.exec("PRAGMA mmap_size = 1073741824");
  db_.exec("PRAGMA temp_store = MEMORY");
}

SqliteStore::~SqliteStore() = default;

sql::Lease SqliteStore::cached(std::unique_ptr<Statement>& slot, const char* sql) {
  if (!slot) slot = std::make_unique<Statement>(db_, sql);
  slot->reset();
  return sql::Lease(*slot);
}

sql::Lease SqliteStore::prepared(const char* sql) {
  auto& slot = prepared_[sql];
  if (!slot) slot = std::make_unique<Statement>(db_, sql);
  slot->reset();
  return sql::Lease(*slot);
}

// --- Schema and transactions ---------------------------------------------------------------

namespace {
// The advisory lock every PostgreSQL writer takes (an arbitrary 64-bit key: "mutua-w1").
constexpr long long kWriterLock = 0x6d75747561773100LL;
}  // namespace

int SqliteStore::schema_version() {
  const char* exists =
      db_.is_postgres()
          ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_name = 'schema_migrations'"
          : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
  if (db_.query_int(exists) == 0) {
    return 0;
  }
  return static_cast<int>(db_.query_int("SELECT coalesce(max(version), 0) FROM schema_migrations"));
}

std::string SqliteStore::integrity_check(bool quick) {
  // PostgreSQL checks its pages itself (checksums, WAL); what the store can check is that the
  // server answers and the schema is this binary's.
  if (db_.is_postgres()) {
    return schema_version() == migrations().back().version ? "ok" : "schema is not the latest";
  }
  Statement st(db_, quick ? "PRAGMA quick_check" : "PRAGMA integrity_check");
  std::string found;
  while (st.step()) {
    if (!found.empty()) found += "; ";
    found += st.column_text(0);
  }
  return found;
}

void SqliteStore::migrate() {
  // Refused before anything is written (not even the migrations table): a newer binary's
  // schema may hold rows or constraints this one would break.
  if (const int version = schema_version(); version > migrations().back().version) {
    throw StoreError("this database has schema " + std::to_string(version) +
                     ", newer than this mutua's (" + std::to_string(migrations().back().version) +
                     "): refusing to use it; use the mutua that wrote it or a newer one");
  }
  {
    // Under the writer lock: two first runs at once on an empty PostgreSQL database would race
    // on CREATE TABLE IF NOT EXISTS.
    Transaction tx(*this);
    db_.exec(dialect_sql(MigrationStatement{
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
        "description TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"},
                         db_.dialect()));
    tx.commit();
  }
  // The version read once (each read is a catalogue query, ~20 ms on a new PostgreSQL
  // connection), again only under the writer lock before a migration is applied.
  int version = schema_version();
  for (const Migration& m : migrations()) {
    if (m.version <= version) continue;
    Transaction tx(*this);
    version = schema_version();
    if (m.version <= version) continue;  // another process got there first
    for (const MigrationStatement& s : m.statements) db_.exec(dialect_sql(s, db_.dialect()));
    Statement record(db_, "INSERT INTO schema_migrations (version, description) VALUES (?1, ?2)");
    record.bind(1, m.version).bind(2, m.description).run();
    tx.commit();
  }
}

void SqliteStore::begin(TxMode mode) {
  if (depth_ > 0) {
    db_.exec("SAVEPOINT s" + std::to_string(depth_));
  } else if (db_.is_postgres()) {
    // SQLite's BEGIN IMMEDIATE: one writer at a time across every process and node, readers
    // never blocked. Read Committed under that lock sees every earlier writer's commit, so a
    // use case's reads and the writes it decides are never interleaved with another writer's.
    // A chunk of a split batch takes it shared: chunks of one batch (disjoint contracts, the
    // command lock admits one kind of batch at a time) run together, any other writer waits.
    db_.exec("BEGIN");
    try {
      db_.exec(std::string(mode == TxMode::kShared ? "SELECT pg_advisory_xact_lock_shared("
                                                   : "SELECT pg_advisory_xact_lock(") +
               std::to_string(kWriterLock) + ")");
    } catch (...) {
      // Waited past lock_timeout (StoreBusy): end the aborted transaction, so that the
      // connection is usable again for the retry.
      try {
        db_.exec("ROLLBACK");
      } catch (...) {
      }
      throw;
    }
  } else {
    db_.exec("BEGIN IMMEDIATE");
  }
  ++depth_;
}

void SqliteStore::commit() {
  if (db_.transaction_failed()) {
    // PostgreSQL: a statement failed inside; COMMIT would silently roll everything back.
    rollback();
    throw StoreError("the transaction failed before its commit: nothing of it was kept");
  }
  if (depth_ <= 1) {
    db_.exec("COMMIT");
    depth_ = 0;
    return;
  }
  --depth_;
  db_.exec("RELEASE s" + std::to_string(depth_));
}

void SqliteStore::rollback() {
  if (depth_ <= 1) {
    depth_ = 0;
    db_.exec("ROLLBACK");
    return;
  }
  --depth_;
  const std::string name = "s" + std::to_string(depth_);
  db_.exec("ROLLBACK TO " + name + "; RELEASE " + name);
}

// --- Catalogue ------------------------------------------------------------------------------

void SqliteStore::upsert_product(const Product& p) {
  Statement st(db_,
               "INSERT INTO products (code, name, kind, responsible, max_annual_increase_pct, "
               "majoration_scope, billed_children, benefits_json, promotions_json) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (code) DO UPDATE SET "
               "name = excluded.name, kind = excluded.kind, responsible = excluded.responsible, "
               "max_annual_increase_pct = excluded.max_annual_increase_pct, "
               "majoration_scope = excluded.majoration_scope, "
               "billed_children = excluded.billed_children, "
               "benefits_json = excluded.benefits_json, promotions_json = excluded.promotions_json");
  std::string benefits = benefits_to_json(p.benefits);
  std::string promotions = promotions_to_json(p.promotions);
  st.bind(1, p.code).bind(2, p.name).bind(3, kind_name(p.kind)).bind(4, p.responsible ? 1 : 0);
  if (p.max_annual_increase_pct) {
    st.bind(5, *p.max_annual_increase_pct);
  } else {
    st.bind_null(5);
  }
  st.bind(6, scope_name(p.majoration_scope)).bind(7, p.billed_children);
  st.bind(8, benefits).bind(9, promotions).run();
  save_tiers_payant(p);
}

// DOC-01 (migration 13): NULL = the default domains; otherwise the names joined by commas ("" for
// an empty list).
void SqliteStore::save_tiers_payant(const Product& p) {
  Statement st(db_, "UPDATE products SET tiers_payant = ?2 WHERE code = ?1");
  st.bind(1, p.code);
  if (p.tiers_payant) {
    std::string joined;
    for (const std::string& d : *p.tiers_payant) joined += (joined.empty() ? "" : ",") + d;
    st.bind(2, joined);
  } else {
    st.bind_null(2);
  }
  st.run();
}

void SqliteStore::load_tiers_payant(Catalogue& catalogue) {
  Statement st(db_, "SELECT code, tiers_payant FROM products WHERE tiers_payant IS NOT NULL");
  while (st.step()) {
    Product* p = nullptr;
    for (Product& x : catalogue.products) {
      if (x.code == st.column_text(0)) p = &x;
    }
    if (!p) continue;
    std::vector<std::string> domains;
    const std::string joined(st.column_text(1));
    for (size_t at = 0; at < joined.size();) {
      const size_t comma = std::min(joined.find(',', at), joined.size());
      domains.push_back(joined.substr(at, comma - at));
      at = comma + 1;
    }
    p->tiers_payant = std::move(domains);
  }
}

void SqliteStore::insert_tariff(const std::string& product, const Tariff& t) {
  MUTUA_ASSERT(t.member.size() == t.bands.size() && t.spouse.size() == t.bands.size() &&
               t.child.size() == t.bands.size());
  char decided[10];
  Statement head(db_, "INSERT INTO tariffs (product, year, decided, decision_ref) "
                      "VALUES (?1, ?2, ?3, ?4)");
  head.bind(1, product).bind(2, t.year).bind(3, format_date_to(t.decided, decided));
  head.bind(4, t.decision_ref).run();
  Statement band(db_, "INSERT INTO tariff_bands (product, year, band_index, lower_age, "
                      "member_cents, spouse_cents, child_cents) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  for (size_t i = 0; i < t.bands.size(); ++i) {
    band.bind(1, product).bind(2, t.year).bind(3, static_cast<int>(i)).bind(4, t.bands[i]);
    band.bind(5, t.member[i].cents()).bind(6, t.spouse[i].cents()).bind(7, t.child[i].cents());
    band.run();
  }
}

std::vector<Tariff> SqliteStore::load_tariffs(const std::string& product) {
  std::vector<Tariff> out;
  Statement head(db_, "SELECT year, decided, decision_ref FROM tariffs WHERE product = ?1 "
                      "ORDER BY year");
  head.bind(1, product);
  while (head.step()) {
    Tariff t;
    t.year = static_cast<int>(head.column_int(0));
    t.decided = stored_date(head.column_text(1));
    t.decision_ref.assign(head.column_text(2));
    out.push_back(std::move(t));
  }
  Statement bands(db_, "SELECT year, lower_age, member_cents, spouse_cents, child_cents "
                       "FROM tariff_bands WHERE product = ?1 ORDER BY year, band_index");
  bands.bind(1, product);
  size_t at = 0;
  while (bands.step()) {
    int year = static_cast<int>(bands.column_int(0));
    while (at < out.size() && out[at].year != year) ++at;
    if (at == out.size()) throw StoreError("corrupted database: tariff band without tariff");
    Tariff& t = out[at];
    t.bands.push_back(static_cast<int>(bands.column_int(1)));
    t.member.push_back(Money::from_cents(bands.column_int(2)));
    t.spouse.push_back(Money::from_cents(bands.column_int(3)));
    t.child.push_back(Money::from_cents(bands.column_int(4)));
  }
  return out;
}

void SqliteStore::insert_benefit_table(const std::string& product, const BenefitTable& t) {
  char decided[10];
  Statement st(db_, "INSERT INTO benefit_tables (product, year, decided, decision_ref, "
                    "benefits_json) VALUES (?1, ?2, ?3, ?4, ?5)");
  st.bind(1, product).bind(2, t.year).bind(3, format_date_to(t.decided, decided));
  st.bind(4, t.decision_ref).bind(5, benefits_to_json(t.benefits)).run();
}

std::vector<BenefitTable> SqliteStore::load_benefit_tables(const std::string& product) {
  std::vector<BenefitTable> out;
  Statement st(db_, "SELECT year, decided, decision_ref, benefits_json FROM benefit_tables "
                    "WHERE product = ?1 ORDER BY year");
  st.bind(1, product);
  while (st.step()) {
    BenefitTable t;
    t.year = static_cast<int>(st.column_int(0));
    t.decided = stored_date(st.column_text(1));
    t.decision_ref.assign(st.column_text(2));
    t.benefits = benefits_from_json(st.column_text(3));
    out.push_back(std::move(t));
  }
  return out;
}

std::optional<BenefitTable> SqliteStore::find_benefit_table(const std::string& product, int year) {
  for (BenefitTable& t : load_benefit_tables(product)) {
    if (t.year == year) return std::move(t);
  }
  return std::nullopt;
}

std::optional<Tariff> SqliteStore::find_tariff(const std::string& product, int year) {
  for (Tariff& t : load_tariffs(product)) {
    if (t.year == year) return std::move(t);
  }
  return std::nullopt;
}

void SqliteStore::save_organism(const Organism& o) {
  Statement st(db_, "INSERT INTO organism (id, name, siren, creditor_id, iban, bic) "
                    "VALUES (1, ?1, ?2, ?3, ?4, ?5) "
                    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                    "siren = excluded.siren, creditor_id = excluded.creditor_id, "
                    "iban = excluded.iban, bic = excluded.bic");
  st.bind(1, o.name).bind(2, o.siren).bind(3, o.creditor_id).bind_or_null(4, o.iban);
  st.bind_or_null(5, o.bic).run();
  Statement card(db_, "UPDATE organism SET amc_number = ?1, tiers_payant_convention = ?2 "
                      "WHERE id = 1");
  card.bind_or_null(1, o.amc_number).bind_or_null(2, o.tiers_payant_convention).run();
}

Catalogue SqliteStore::load_catalogue() {
  Catalogue catalogue;
  Statement org(db_, "SELECT name, siren, creditor_id, iban, bic FROM organism WHERE id = 1");
  if (org.step()) {
    catalogue.organism = {std::string(org.column_text(0)), std::string(org.column_text(1)),
                          std::string(org.column_text(2)), std::string(org.column_text(3)),
                          std::string(org.column_text(4))};
  }
  Statement card(db_, "SELECT amc_number, tiers_payant_convention FROM organism WHERE id = 1");
  if (card.step()) {
    catalogue.organism.amc_number.assign(card.column_text(0));
    catalogue.organism.tiers_payant_convention.assign(card.column_text(1));
  }
  Statement st(db_, "SELECT code, name, kind, responsible, max_annual_increase_pct, "
                    "majoration_scope, billed_children, benefits_json, promotions_json "
                    "FROM products ORDER BY code");
  while (st.step()) {
    Product p;
    p.code.assign(st.column_text(0));
    p.name.assign(st.column_text(1));
    p.kind = parse_kind(st.column_text(2));
    p.responsible = st.column_int(3) != 0;
    if (!st.is_null(4)) p.max_annual_increase_pct = static_cast<int>(st.column_int(4));
    p.majoration_scope = parse_scope(st.column_text(5));
    p.billed_children = static_cast<int>(st.column_int(6));
    p.benefits = benefits_from_json(st.column_text(7));
    p.promotions = promotions_from_json(st.column_text(8));
    catalogue.products.push_back(std::move(p));
  }
  for (Product& p : catalogue.products) {
    p.tariffs = load_tariffs(p.code);
    p.benefit_tables = load_benefit_tables(p.code);
  }
  load_tiers_payant(catalogue);
  return catalogue;
}

// --- Members --------------------------------------------------------------------------------

std::optional<Contract> SqliteStore::find_contract(const std::string& contract_id) {
  auto st = cached(find_contract_, (std::string(kContractJoin) +
                                          "WHERE c.contract_id = ?1 ORDER BY b.position")
                                             .c_str());
  st.bind(1, contract_id);
  std::optional<Contract> out;
  while (st.step()) {
    if (!out) {
      out.emplace();
      read_contract_columns(st, *out);
    }
    read_beneficiary_columns(st, out->beneficiaries.emplace_back());
  }
  st.reset();
  return out;
}

std::vector<std::string> SqliteStore::existing_beneficiaries(const std::vector<std::string>& ids) {
  Statement& st =
      cached(beneficiary_exists_, "SELECT 1 FROM beneficiaries WHERE beneficiary_id = ?1");
  std::vector<std::string> found;
  for (const std::string& id : ids) {
    st.bind(1, id);
    if (st.step()) found.push_back(id);
    st.reset();
  }
  return found;
}

namespace {

constexpr int kContractColumns = 14;
constexpr int kBeneficiaryColumns = 13;
constexpr const char* kInsertContractHead =
    "INSERT INTO contracts (contract_id, product, payment_frequency, status, "
    "civil_service_entry, prior_coefficient_bp, last_coverage_end, express_start, iban, email, "
    "commune, link, employer, address)";
constexpr const char* kInsertBeneficiaryHead =
    "INSERT INTO beneficiaries (contract_id, position, beneficiary_id, role, last_name, "
    "first_name, birth_date, start_date, end_date, nir, relation, condition, end_reason)";

void bind_contract(Statement& st, int base, const Contract& c, DateTexts& t) {
  st.bind(base + 1, c.id).bind(base + 2, c.product);
  st.bind(base + 3, to_string(c.payment_frequency)).bind(base + 4, to_string(c.status));
  bind_date_or_null(st, base + 5, c.civil_service_entry, t.a);
  st.bind(base + 6, c.prior_coefficient_bp);
  bind_date_or_null(st, base + 7, c.last_coverage_end, t.b);
  st.bind(base + 8, c.express_start ? 1 : 0);
  st.bind_or_null(base + 9, c.iban).bind_or_null(base + 10, c.email);
  st.bind_or_null(base + 11, c.commune);
  if (c.link) {
    st.bind(base + 12, to_string(*c.link));
  } else {
    st.bind_null(base + 12);
  }
  st.bind_or_null(base + 13, c.employer).bind_or_null(base + 14, c.address);
}

void bind_beneficiary(Statement& st, int base, const Contract& c, int position,
                      const Beneficiary& b, DateTexts& t) {
  st.bind(base + 1, c.id).bind(base + 2, position).bind(base + 3, b.id);
  st.bind(base + 4, to_string(b.role)).bind(base + 5, b.last_name).bind(base + 6, b.first_name);
  st.bind(base + 7, format_date_to(b.birth_date, t.a)).bind(base + 8, format_date_to(b.start_date, t.b));
  bind_date_or_null(st, base + 9, b.end_date, t.c);
  st.bind_or_null(base + 10, b.nir);
  st.bind_or_null(base + 11, b.relation ? to_string(*b.relation) : std::string_view());
  st.bind_or_null(base + 12, b.condition ? to_string(*b.condition) : std::string_view());
  st.bind_or_null(base + 13, b.end_reason);
}

}  // namespace

void SqliteStore::insert_contracts(const std::vector<Contract>& contracts) {
  auto one_c = cached(insert_contract_,
                            multi_row_insert(kInsertContractHead, kContractColumns, 1).c_str());
  auto one_b = cached(
      insert_beneficiary_, multi_row_insert(kInsertBeneficiaryHead, kBeneficiaryColumns, 1).c_str());
  auto many_c = cached(
      insert_contracts_batch_,
      multi_row_insert(kInsertContractHead, kContractColumns, kRowsPerInsert).c_str());
  auto many_b = cached(
      insert_beneficiaries_batch_,
      multi_row_insert(kInsertBeneficiaryHead, kBeneficiaryColumns, kRowsPerInsert).c_str());

  // In key order, B-tree inserts become appends: far fewer page splits and cache misses.
  std::vector<const Contract*> order;
  order.reserve(contracts.size());
  for (const Contract& c : contracts) order.push_back(&c);
  std::sort(order.begin(), order.end(),
            [](const Contract* a, const Contract* b) { return a->id < b->id; });

  std::vector<DateTexts> texts(kRowsPerInsert);
  // Contracts first (the beneficiaries' foreign key needs them), a batch at a time.
  size_t i = 0;
  for (; i + kRowsPerInsert <= order.size(); i += kRowsPerInsert) {
    for (int r = 0; r < kRowsPerInsert; ++r) {
      bind_contract(many_c, r * kContractColumns, *order[i + r], texts[r]);
    }
    many_c.run();
  }
  for (; i < order.size(); ++i) {
    bind_contract(one_c, 0, *order[i], texts[0]);
    one_c.run();
  }

  struct Row {
    const Contract* contract;
    int position;
    const Beneficiary* beneficiary;
  };
  std::vector<Row> rows;
  rows.reserve(kRowsPerInsert);
  auto flush = [&] {
    if (rows.size() == static_cast<size_t>(kRowsPerInsert)) {
      for (int r = 0; r < kRowsPerInsert; ++r) {
        bind_beneficiary(many_b, r * kBeneficiaryColumns, *rows[r].contract, rows[r].position,
                         *rows[r].beneficiary, texts[r]);
      }
      many_b.run();
    } else {
      for (const Row& row : rows) {
        bind_beneficiary(one_b, 0, *row.contract, row.position, *row.beneficiary, texts[0]);
        one_b.run();
      }
    }
    rows.clear();
  };
  for (const Contract* c : order) {
    int position = 0;
    for (const Beneficiary& b : c->beneficiaries) {
      rows.push_back({c, position++, &b});
      if (rows.size() == static_cast<size_t>(kRowsPerInsert)) flush();
    }
  }
  flush();
}

// Two scans in primary-key order (both tables are clustered by contract id), merged here: no
// per-contract index lookup, no sort, memory bounded by one contract. The Contract object is
// reused so the steady state allocates (almost) nothing.
void SqliteStore::for_each_contract(const std::function<void(const Contract&)>& visit) {
  Statement contracts(db_, kContractScan);
  Statement persons(db_, kBeneficiaryScan);
  bool has_person = persons.step();
  Contract current;
  while (contracts.step()) {
    read_contract_columns(contracts, current);
    size_t count = 0;
    while (has_person && persons.column_text(0) == current.id) {
      if (count == current.beneficiaries.size()) current.beneficiaries.emplace_back();
      read_beneficiary_columns(persons, current.beneficiaries[count++], 1);
      has_person = persons.step();
    }
    if (count == 0) continue;  // cannot happen through insert_contracts (a member is required)
    current.beneficiaries.resize(count);
    visit(current);
  }
}

// Two range reads merged like for_each_contract's scans: the page's contracts, then the
// beneficiaries of the id range they span (both tables are clustered by contract id).
std::vector<Contract> SqliteStore::contracts_after(const std::string& after, int64_t limit) {
  std::vector<Contract> page;
  page.reserve(static_cast<size_t>(std::clamp<int64_t>(limit, 0, 1 << 16)));
  Statement contracts(db_,
                      "SELECT contract_id, product, payment_frequency, status, civil_service_entry, "
                      "prior_coefficient_bp, last_coverage_end, express_start, iban, email, "
                      "commune, link, employer, address FROM contracts WHERE contract_id > ? "
                      "ORDER BY contract_id LIMIT ?");
  contracts.bind(1, after).bind(2, limit);
  while (contracts.step()) read_contract_columns(contracts, page.emplace_back());
  if (page.empty()) return page;
  Statement persons(db_,
                    "SELECT contract_id, beneficiary_id, role, last_name, first_name, birth_date, "
                    "start_date, end_date, nir, relation, condition, end_reason FROM beneficiaries "
                    "WHERE contract_id > ? AND contract_id <= ? ORDER BY contract_id, position");
  persons.bind(1, after).bind(2, page.back().id);
  size_t at = 0;
  while (persons.step()) {
    while (at < page.size() && persons.column_text(0) != page[at].id) ++at;
    MUTUA_ASSERT(at < page.size());  // beneficiaries.contract_id references contracts
    read_beneficiary_columns(persons, page[at].beneficiaries.emplace_back(), 1);
  }
  for (const Contract& c : page) {  // insert_contracts requires a member
    if (c.beneficiaries.empty()) {
      throw StoreError("corrupted database: contract " + c.id + " without persons");
    }
  }
  return page;
}

std::vector<std::string> SqliteStore::contract_ids_after(const std::string& after,
                                                         int64_t limit) {
  auto st = prepared("SELECT contract_id FROM contracts WHERE contract_id > ? "
                     "ORDER BY contract_id LIMIT ?");
  st.bind(1, after).bind(2, limit);
  std::vector<std::string> ids;
  while (st.step()) ids.emplace_back(st.column_text(0));
  return ids;
}

long long SqliteStore::count_contracts() { return db_.query_int("SELECT count(*) FROM contracts"); }
long long SqliteStore::count_beneficiaries() {
  return db_.query_int("SELECT count(*) FROM beneficiaries");
}

}  // namespace mutua

// Store: the one persistence interface of mutua. Domain modules never see SQL; app/ use cases
// load values through it, decide, and write the results in one transaction.
//
// Implementations: SQLite (default, embedded: storage/sqlite_store.*) and, later, PostgreSQL.
// Only portable SQL is used outside an implementation's own files; the schema is created by
// numbered migrations (storage/migrations.*), applied idempotently by migrate().
//
// Failures of the database itself (I/O, corruption, locked) throw StoreError: they are broken
// infrastructure, caught at the CLI edge (exit 1). Expected refusals are Result values.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalogue/catalogue.hpp"
#include "core/result.hpp"
#include "members/contract.hpp"

namespace mutua {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Store {
 public:
  virtual ~Store() = default;

  // Opens a target: a file path (SQLite, created if missing) or a postgresql:// URI.
  static std::unique_ptr<Store> open(const std::string& target);

  // Creates or upgrades the schema to the latest migration. Idempotent.
  virtual void migrate() = 0;
  // Highest migration applied (0 for an empty database).
  virtual int schema_version() = 0;

  // Explicit transactions; use Transaction below rather than calling these directly.
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;

  // --- Catalogue ------------------------------------------------------------------------
  // Inserts or updates a product's descriptive fields, benefits and promotions.
  virtual void upsert_product(const Product& product) = 0;
  // The stored tariff of a product for a year, if any (TAR-05: versions are never edited).
  virtual std::optional<Tariff> find_tariff(const std::string& product, int year) = 0;
  // Inserts a new tariff version; the (product, year) must not exist yet.
  virtual void insert_tariff(const std::string& product, const Tariff& tariff) = 0;
  // The organism running the catalogue (one per database); replaces the stored one.
  virtual void save_organism(const Organism& organism) = 0;
  // The whole stored catalogue (organism, products by code with every tariff version,
  // ascending by year).
  virtual Catalogue load_catalogue() = 0;

  // --- Members --------------------------------------------------------------------------
  virtual std::optional<Contract> find_contract(const std::string& contract_id) = 0;
  // Which of the given beneficiary ids are already stored (for duplicate detection on import).
  virtual std::vector<std::string> existing_beneficiaries(const std::vector<std::string>& ids) = 0;
  // Inserts contracts and their beneficiaries (within the caller's transaction).
  virtual void insert_contracts(const std::vector<Contract>& contracts) = 0;
  // Streams every contract with its beneficiaries, ordered by contract id, member first.
  virtual void for_each_contract(const std::function<void(const Contract&)>& visit) = 0;
  virtual long long count_contracts() = 0;
  virtual long long count_beneficiaries() = 0;
};

// RAII transaction: rolls back unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Store& store) : store_(store) { store_.begin(); }
  ~Transaction() {
    if (!done_) {
      try {
        store_.rollback();
      } catch (...) {
      }
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    store_.commit();
    done_ = true;
  }

 private:
  Store& store_;
  bool done_ = false;
};

}  // namespace mutua

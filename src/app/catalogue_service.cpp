#include "app/catalogue_service.hpp"

#include <algorithm>

#include "catalogue/catalogue_yaml.hpp"
#include "catalogue/validation.hpp"
#include "storage/catalogue_json.hpp"

namespace mutua {

namespace {

bool same_tariff(const Tariff& a, const Tariff& b) {
  return a.year == b.year && a.decided == b.decided && a.bands == b.bands &&
         a.member == b.member && a.spouse == b.spouse && a.child == b.child;
}

// The same table: decision and entries (the line where it was declared does not count).
bool same_table(const BenefitTable& a, const BenefitTable& b) {
  return a.year == b.year && a.decided == b.decided &&
         benefits_to_json(a.benefits) == benefits_to_json(b.benefits);
}

// The product as a load would store it: the file's undated table, the dated tables already
// stored (a stored year is never replaced) and the file's new years.
Product as_stored(const Product& before, const Product& file) {
  Product after = file;
  after.benefit_tables = before.benefit_tables;  // a differing stored year is refused above
  for (const BenefitTable& t : file.benefit_tables) {
    if (!before.benefit_table(t.year)) after.benefit_tables.push_back(t);
  }
  std::sort(after.benefit_tables.begin(), after.benefit_tables.end(),
            [](const BenefitTable& a, const BenefitTable& b) { return a.year < b.year; });
  return after;
}

}  // namespace

CatalogueCheck check_catalogue(const std::string& path, const Regulation& regulation,
                               const std::vector<Product>* previous) {
  CatalogueCheck check;
  CatalogueLoad load = load_catalogue_file(path);
  check.errors = std::move(load.errors);
  if (!check.errors.empty() || !load.catalogue) return check;
  check.catalogue = std::move(load.catalogue);
  Errors violations = validate_catalogue(*check.catalogue, regulation, previous);
  check.errors.insert(check.errors.end(), violations.begin(), violations.end());
  return check;
}

CatalogueLoadOutcome load_catalogue_into(Store& store, const std::string& path,
                                         const Regulation& regulation) {
  CatalogueLoadOutcome out;
  // TAR-05 and BEN-17 decide on what is stored: read it in the transaction that writes.
  Transaction tx(store);
  Catalogue stored = store.load_catalogue();
  CatalogueCheck check = check_catalogue(path, regulation, &stored.products);
  if (!check.ok()) {
    out.errors = std::move(check.errors);
    return out;
  }
  // TAR-05: a stored tariff year is never edited; refuse the whole file before writing.
  for (const Product& product : check.catalogue->products) {
    for (const Tariff& tariff : product.tariffs) {
      std::optional<Tariff> existing = store.find_tariff(product.code, tariff.year);
      if (existing && !same_tariff(*existing, tariff)) {
        out.errors.push_back(rule_error(
            "TAR-05", product.code + " " + std::to_string(tariff.year) +
                          ": a tariff version is already stored for this year and differs; "
                          "tariffs are never edited, publish the change as a new year"));
      }
    }
  }
  // BEN-17: the same for the dated benefit tables.
  for (const Product& product : check.catalogue->products) {
    for (const BenefitTable& table : product.benefit_tables) {
      std::optional<BenefitTable> existing = store.find_benefit_table(product.code, table.year);
      if (existing && !same_table(*existing, table)) {
        out.errors.push_back(rule_error(
            "BEN-17", product.code + " " + std::to_string(table.year) +
                          ": a benefit table is already stored for this year and differs; "
                          "benefit tables are never edited, publish the change as a new year"));
      }
    }
  }
  // BEN-17: the table in force in a stored year (a dated table is stored for it, or a claim line
  // with a care date in it was decided, under any product: stricter than per product, which the
  // decisions do not record) never changes, whether by a new dated table or the undated one.
  const std::vector<int> decided_years = store.decided_care_years();
  for (const Product& product : check.catalogue->products) {
    const Product* before = stored.find(product.code);
    if (!before) continue;
    std::vector<int> years = decided_years;
    for (const BenefitTable& t : before->benefit_tables) years.push_back(t.year);
    for (int year : benefit_years_changed(*before, as_stored(*before, product), years)) {
      out.errors.push_back(rule_error(
          "BEN-17", product.code + " " + std::to_string(year) +
                        ": the benefit table in force in this year would change, and the year is "
                        "stored (a dated table or a decided claim line with a care date in it); "
                        "benefit tables are never edited, publish the change as a new year"));
    }
  }
  if (!out.errors.empty()) return out;

  store.save_organism(check.catalogue->organism);
  for (const Product& product : check.catalogue->products) {
    store.upsert_product(product);
    ++out.report.products;
    for (const Tariff& tariff : product.tariffs) {
      if (store.find_tariff(product.code, tariff.year)) {
        ++out.report.tariffs_unchanged;
        continue;
      }
      store.insert_tariff(product.code, tariff);
      ++out.report.tariffs_added;
      out.report.added.push_back(product.code + " " + std::to_string(tariff.year));
    }
    for (const BenefitTable& table : product.benefit_tables) {
      if (store.find_benefit_table(product.code, table.year)) {
        ++out.report.benefit_tables_unchanged;
        continue;
      }
      store.insert_benefit_table(product.code, table);
      ++out.report.benefit_tables_added;
      out.report.added.push_back(product.code + " benefits " + std::to_string(table.year));
    }
  }
  tx.commit();
  return out;
}

}  // namespace mutua

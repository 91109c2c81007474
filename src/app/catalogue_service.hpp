// Use cases on the product catalogue: check a file (syntax, types, and the legal rules a table
// can break: TAR-04, TAR-07, BEN-03, BEN-05, BEN-07) and load it (new tariff years become new
// versions; a stored version is never edited: TAR-05; the same for dated benefit tables, BEN-17).
#pragma once

#include <string>
#include <vector>

#include "catalogue/catalogue.hpp"
#include "core/result.hpp"
#include "regulation/regulation.hpp"
#include "storage/store.hpp"

namespace mutua {

struct CatalogueCheck {
  std::optional<Catalogue> catalogue;  // set when the file parsed
  Errors errors;                       // syntax/type errors (file:line) and rule violations
  bool ok() const { return errors.empty() && catalogue.has_value(); }
};

// Parses and validates; `previous` (may be null) are the products already stored, for TAR-07.
CatalogueCheck check_catalogue(const std::string& path, const Regulation& regulation,
                               const std::vector<Product>* previous = nullptr);

struct CatalogueLoadReport {
  int products = 0;
  int tariffs_added = 0;
  int tariffs_unchanged = 0;
  int benefit_tables_added = 0;      // BEN-17
  int benefit_tables_unchanged = 0;
  std::vector<std::string> added;  // "LABEL2 2026", "LABEL2 benefits 2026"
};

struct CatalogueLoadOutcome {
  CatalogueLoadReport report;
  Errors errors;  // data errors (exit 3) or a TAR-05 / BEN-17 refusal (exit 4); nothing stored then
};

CatalogueLoadOutcome load_catalogue_into(Store& store, const std::string& path,
                                         const Regulation& regulation);

}  // namespace mutua

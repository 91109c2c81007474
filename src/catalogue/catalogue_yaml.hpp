// Reading a catalogue from the YAML format of INTERFACES.md ("Catalogue file (YAML)").
//
// Contract:
// - Strict syntax and types: every problem is reported, not only the first, as
//   `file:line: field: message` (Error::to_string), where field is a path such as
//   `products[2].tariffs[0].member[3]` and line is 1-based. A YAML syntax error is reported
//   at the line yaml-cpp gives. Unknown keys are errors naming the key.
// - Scalars are read as their source text and parsed by our own strict parsers: money with
//   Money::parse (≥ 0, at most two decimals: a YAML number 31.2 is read as "31.2"), dates with
//   parse_date, booleans exactly `true` / `false`, integers as plain digits.
// - Structural checks only: product codes `[A-Z0-9_]+` and unique; kind labelled | regional |
//   individual; bands strictly ascending from 0; member/spouse/child rows as long as bands;
//   tariff years unique per product (tariffs are returned ascending by year); categories from
//   care_categories(), each at most once per product; formula keys exactly as INTERFACES.md.
//   Business rules (TAR-04, TAR-07, BEN-03, BEN-05, BEN-07) are checked by validation.hpp.
// - No exception escapes: an unreadable file is an error with line 0.
//
// Extensions of the INTERFACES.md format (all optional; also documented in
// config/catalogue.yaml):
//   product.majoration_scope: member | contract   MAJ-08; default member
//   product.billed_children: N                     TAR-03; default 2 (children billed per contract)
//   product.responsible: true | false              default true
//   product.tiers_payant: [pharmacy, ...]          DOC-01 domains under tiers payant; default
//                                                  from the benefits (catalogue/tiers_payant.hpp)
//   organism.amc_number: "12345678"                DOC-01: AMC number on the card (8-10 digits)
//   organism.tiers_payant_convention: "SP"         DOC-01: type de convention on the card
//   tariff.decision_ref: "CA-2025-10"              TAR-05 board decision reference
//   product.benefit_tables:                        BEN-17 benefit tables dated by year
//     - year: 2026           # in force from 1 January of that year until the next table
//       decided: 2025-10-16  # board decision date
//       decision_ref: "..."  # optional
//       benefits: [...]      # the same entries as product.benefits
//     `product.benefits` (undated) is then optional: when given, it is the table of every year
//     before the first dated one; a product without dated tables keeps its single table for
//     every year (Interpretation, docs/rules.md BEN-17).
//   product.promotions:                            ADH-05 dated campaigns
//     - code: NEW2026          # [A-Z0-9_]+, unique per product
//       label: "..."
//       from: 2026-01-01       # contribution months covered, inclusive
//       to: 2026-03-31
//       percent: 10            # exactly one of percent (≤ 2 decimals, 0 < p ≤ 100) ...
//       amount: 5.00           # ... or amount (monthly euros per billed person, > 0)
//       joined_from: 2026-01-01  # optional: only adhesions starting in [joined_from, joined_to]
//       joined_to: 2026-03-31
#pragma once

#include <optional>
#include <string>

#include "catalogue/catalogue.hpp"
#include "core/result.hpp"

namespace mutua {

// The outcome of reading a catalogue: the catalogue when there is no error, and every error.
struct CatalogueLoad {
  std::optional<Catalogue> catalogue;
  Errors errors;

  bool ok() const { return catalogue.has_value() && errors.empty(); }
};

CatalogueLoad load_catalogue_file(const std::string& path);
// `name` is the file name used in error messages.
CatalogueLoad load_catalogue_string(const std::string& text, const std::string& name);

}  // namespace mutua

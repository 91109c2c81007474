// Tiers-payant domains of a product (DOC-01): where a health professional may be paid directly by
// the mutuelle, as printed on the member card for a pharmacist, a laboratory, an optician...
//
// Contract:
// - The vocabulary is fixed (tiers_payant_domain_names(), in card order): pharmacy, laboratory,
//   radiology, doctors, nursing (auxiliaires médicaux), dental, optics, hearing, hospital,
//   transport. Each has the card code professionals know (PHAR, LABO, RADL, MEDE, AUXM, DENT,
//   OPTI, AUDI, HOSP, TRAN) and a French label.
// - A product may list its domains (`tiers_payant: [pharmacy, ...]` in the catalogue; an empty
//   list means no tiers payant at all). *Interpretation* of the default when it does not: a
//   domain is open when the product has a benefit for one of its care categories (pharmacy:
//   PHARMA_65/30/15; laboratory: LAB; radiology: IMAGING; doctors: CONSULT_GP, CONSULT_SPE,
//   TECH_ACTS; nursing: PARAMED; dental: DENTAL_*, ORTHODONTICS; optics: OPTICS_*,
//   CONTACT_LENSES; hearing: HEARING_*; hospital: HOSP_*, PRIVATE_ROOM; transport: TRANSPORT),
//   so a card never offers tiers payant for care the product does not cover.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue/catalogue.hpp"

namespace mutua {

struct TiersPayantDomain {
  std::string_view name;   // "pharmacy"
  std::string_view code;   // "PHAR"
  std::string_view label;  // "Pharmacie"
};

const std::vector<TiersPayantDomain>& tiers_payant_domain_names();
const TiersPayantDomain* find_tiers_payant_domain(std::string_view name);

// The product's open domains in `year`, in card order: its list, or the default above read
// from the benefit table in force that year (BEN-17).
std::vector<std::string> tiers_payant_domains(const Product& product, int year);

}  // namespace mutua

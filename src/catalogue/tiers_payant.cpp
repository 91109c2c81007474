#include "catalogue/tiers_payant.hpp"

#include <algorithm>

namespace mutua {

namespace {

// The care categories (INTERFACES.md) that open each domain by default.
bool opens(std::string_view domain, std::string_view category) {
  auto starts = [&](std::string_view prefix) { return category.rfind(prefix, 0) == 0; };
  if (domain == "pharmacy") return category == "PHARMA_65" || category == "PHARMA_30" ||
                                   category == "PHARMA_15";
  if (domain == "laboratory") return category == "LAB";
  if (domain == "radiology") return category == "IMAGING";
  if (domain == "doctors") return category == "CONSULT_GP" || category == "CONSULT_SPE" ||
                                  category == "TECH_ACTS";
  if (domain == "nursing") return category == "PARAMED";
  if (domain == "dental") return starts("DENTAL_") || category == "ORTHODONTICS";
  if (domain == "optics") return starts("OPTICS_") || category == "CONTACT_LENSES";
  if (domain == "hearing") return starts("HEARING_");
  if (domain == "hospital") return starts("HOSP_") || category == "PRIVATE_ROOM";
  if (domain == "transport") return category == "TRANSPORT";
  return false;
}

}  // namespace

const std::vector<TiersPayantDomain>& tiers_payant_domain_names() {
  static const std::vector<TiersPayantDomain> kDomains = {
      {"pharmacy", "PHAR", "Pharmacie"},
      {"laboratory", "LABO", "Laboratoire d'analyses"},
      {"radiology", "RADL", "Radiologie"},
      {"doctors", "MEDE", "Médecins"},
      {"nursing", "AUXM", "Auxiliaires médicaux (infirmiers, kinésithérapeutes)"},
      {"dental", "DENT", "Dentaire"},
      {"optics", "OPTI", "Optique"},
      {"hearing", "AUDI", "Audioprothèses"},
      {"hospital", "HOSP", "Hospitalisation"},
      {"transport", "TRAN", "Transport sanitaire"},
  };
  return kDomains;
}

const TiersPayantDomain* find_tiers_payant_domain(std::string_view name) {
  for (const TiersPayantDomain& d : tiers_payant_domain_names()) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

std::vector<std::string> tiers_payant_domains(const Product& product, int year) {
  const std::vector<Benefit>& benefits = product.benefits_in(year);
  std::vector<std::string> out;
  for (const TiersPayantDomain& d : tiers_payant_domain_names()) {
    const bool open =
        product.tiers_payant
            ? std::find(product.tiers_payant->begin(), product.tiers_payant->end(), d.name) !=
                  product.tiers_payant->end()
            : std::any_of(benefits.begin(), benefits.end(),
                          [&](const Benefit& b) { return opens(d.name, b.category); });
    if (open) out.emplace_back(d.name);
  }
  return out;
}

}  // namespace mutua

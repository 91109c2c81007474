#include "gen/population.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
#include <random>

#include "core/date.hpp"

namespace mutua {

namespace {

constexpr std::array<const char*, 24> kLastNames = {
    "MARTIN", "BERNARD", "THOMAS", "PETIT",  "ROBERT", "RICHARD", "DURAND",  "DUBOIS",
    "MOREAU", "LAURENT", "SIMON",  "MICHEL", "LEFEBVRE", "LEROY", "ROUX",    "DAVID",
    "BERTRAND", "MOREL", "FOURNIER", "GIRARD", "BONNET", "DUPONT", "LAMBERT", "FONTAINE"};
constexpr std::array<const char*, 24> kFirstNames = {
    "Camille", "Louis",  "Léa",    "Gabriel", "Chloé",  "Jules",   "Manon",  "Hugo",
    "Inès",    "Arthur", "Jade",   "Lucas",   "Zoé",    "Nathan",  "Élodie", "Théo",
    "Sarah",   "Noé",    "Anaïs",  "Raphaël", "Hélène", "Mathis",  "Océane", "François"};
constexpr std::array<const char*, 6> kCommunes = {"42207", "42218", "69123", "38185", "63113",
                                                  "2A004"};

// A uniform integer in [lo, hi], from the raw generator: std distributions are
// implementation-defined, this is the same everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) : gen_(seed) {}
  long long between(long long lo, long long hi) {
    auto span = static_cast<uint64_t>(hi - lo + 1);
    return lo + static_cast<long long>(gen_() % span);
  }
  bool percent(int p) { return between(1, 100) <= p; }

 private:
  std::mt19937_64 gen_;
};

Date random_date(Rng& rng, int from_year, int to_year) {
  int y = static_cast<int>(rng.between(from_year, to_year));
  auto m = static_cast<unsigned>(rng.between(1, 12));
  auto d = static_cast<unsigned>(rng.between(1, days_in_month(y, m)));
  return make_date(y, m, d);
}

int mod97(const std::string& digits) {
  int r = 0;
  for (char c : digits) r = (r * 10 + (c - '0')) % 97;
  return r;
}

struct Person {
  const char* role;
  std::string last_name;
  std::string first_name;
  Date birth;
};

struct Household {
  std::string product;
  bool regional = false;
  bool retired = false;
  Date start;
  std::optional<Date> end;
  std::optional<Date> civil_service_entry;
  std::optional<Date> last_coverage_end;
  int prior_bp = 0;
  bool express = false;
  std::vector<Person> persons;
};

Household make_household(const PopulationSpec& spec, Rng& rng) {
  Household h;
  h.regional = !spec.regional_products.empty() && rng.percent(spec.regional_share_pct);
  const auto& pool = h.regional ? spec.regional_products : spec.labelled_products;
  h.product = pool[static_cast<size_t>(rng.between(0, static_cast<long long>(pool.size()) - 1))];
  std::string last = kLastNames[static_cast<size_t>(rng.between(0, kLastNames.size() - 1))];
  auto first = [&] { return kFirstNames[static_cast<size_t>(rng.between(0, kFirstNames.size() - 1))]; };

  int kind = static_cast<int>(rng.between(1, 100));  // 1-31 single, -53 couple, -84 family, else retired
  h.retired = kind > 84;
  int member_age = h.retired ? static_cast<int>(rng.between(62, 92))
                             : static_cast<int>(rng.between(kind > 53 ? 27 : 22, kind > 53 ? 52 : 64));
  Date member_birth = random_date(rng, spec.year - member_age, spec.year - member_age);
  h.persons.push_back({"member", last, first(), member_birth});
  bool couple = (kind > 31 && kind <= 84) || (h.retired && rng.percent(55));
  if (couple) {
    int gap = static_cast<int>(rng.between(-6, 6));
    int spouse_year = std::min(year_of(member_birth) + gap, spec.year - 19);
    h.persons.push_back({"spouse", rng.percent(70) ? last : kLastNames[static_cast<size_t>(
                                                               rng.between(0, kLastNames.size() - 1))],
                         first(), random_date(rng, spouse_year, spouse_year)});
  }
  if (kind > 53 && kind <= 84) {
    int children = static_cast<int>(rng.between(1, 100) <= 30 ? 1 : rng.between(1, 100) <= 75 ? 2
                                    : rng.between(1, 100) <= 80 ? 3 : 4);
    int youngest_parent_year = year_of(member_birth) + 20;
    for (int c = 0; c < children; ++c) {
      int y = static_cast<int>(rng.between(std::max(youngest_parent_year, spec.year - 24), spec.year - 1));
      h.persons.push_back({"child", last, first(), random_date(rng, y, y)});
    }
  }

  // Adhesion: most joined years ago; some join during the year (pro rata), a few have left.
  int start_year = rng.percent(8) ? spec.year : static_cast<int>(rng.between(2012, spec.year - 1));
  start_year = std::min(spec.year, std::max(start_year, year_of(member_birth) + 20));
  h.start = rng.percent(70) ? make_date(start_year, 1, 1) : random_date(rng, start_year, start_year);
  if (h.start < member_birth) h.start = make_date(spec.year, 1, 1);
  h.express = start_year == spec.year && rng.percent(30);
  if (rng.percent(4)) h.end = random_date(rng, spec.year, spec.year);
  if (h.end && *h.end < h.start) h.end.reset();

  if (!h.regional) {
    // Civil-service entry between age 20 and the adhesion; late joiners have no prior cover.
    int entry_from = year_of(member_birth) + 20;
    int entry_to = std::max(entry_from, std::min(year_of(h.start), spec.year - 1));
    h.civil_service_entry = random_date(rng, entry_from, entry_to);
    if (*h.civil_service_entry > h.start) h.civil_service_entry = h.start;
    bool late_joiner = rng.percent(15);
    if (!late_joiner) h.last_coverage_end = add_days(h.start, -1);
    if (rng.percent(10)) h.prior_bp = static_cast<int>(rng.between(1, 6)) * 200;
  }
  return h;
}

void put(std::string& row, std::string_view field) {
  row.append(field);
  row.push_back(',');
}
void put_date(std::string& row, const std::optional<Date>& d) {
  if (d) append_date(row, *d);
  row.push_back(',');
}

}  // namespace

std::string synthetic_nir(uint64_t n, int sex_digit, int birth_year, unsigned birth_month) {
  // sex, yy, mm, department 75, commune 056, order number from n.
  char body[14];
  std::snprintf(body, sizeof body, "%d%02d%02u75056%03llu", sex_digit, birth_year % 100, birth_month,
                static_cast<unsigned long long>(n % 1000));
  std::string digits(body);
  int key = 97 - mod97(digits);
  char key_text[3];
  std::snprintf(key_text, sizeof key_text, "%02d", key);
  return digits + key_text;
}

std::string synthetic_iban(uint64_t n) {
  // FR + check digits + bank 30001, branch 00794, account (11 chars), RIB key (2).
  char bban[24];
  std::snprintf(bban, sizeof bban, "3000100794%011llu%02llu",
                static_cast<unsigned long long>(n % 100000000000ULL),
                static_cast<unsigned long long>(n % 97));
  // ISO 13616: move "FR00" to the end, letters as numbers (F=15, R=27), mod 97.
  std::string rearranged = std::string(bban) + "152700";
  int check = 98 - mod97(rearranged);
  char out[28];
  std::snprintf(out, sizeof out, "FR%02d%s", check, bban);
  return out;
}

PopulationStats generate_population(const PopulationSpec& spec, std::ostream& out) {
  Rng rng(spec.seed);
  PopulationStats stats;
  out << "contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,"
         "end_date,payment_frequency,status,civil_service_entry,prior_coefficient,"
         "last_coverage_end,express_start,nir,iban,email,commune,link,address,condition,"
         "proof_type,proof_from,proof_to,proof_reference\n";
  static constexpr std::array<const char*, 4> kFrequencies = {"monthly", "quarterly",
                                                              "half_yearly", "yearly"};
  std::string row;
  for (long long i = 1; i <= spec.households; ++i) {
    Household h = make_household(spec, rng);
    char contract_id[16];
    std::snprintf(contract_id, sizeof contract_id, "C%08lld", i);
    int freq = static_cast<int>(rng.between(1, 100));
    const char* frequency = kFrequencies[freq <= 70 ? 0 : freq <= 85 ? 1 : freq <= 92 ? 2 : 3];
    for (size_t p = 0; p < h.persons.size(); ++p) {
      const Person& person = h.persons[p];
      bool is_member = p == 0;
      row.clear();
      put(row, contract_id);
      char beneficiary_id[24];
      std::snprintf(beneficiary_id, sizeof beneficiary_id, "%s-%02zu", contract_id, p + 1);
      put(row, beneficiary_id);
      put(row, person.role);
      put(row, person.last_name);
      put(row, person.first_name);
      put_date(row, person.birth);
      put(row, h.product);
      // A child born after the adhesion joins at birth.
      put_date(row, std::max(h.start, person.birth));
      put_date(row, h.end);
      put(row, is_member ? frequency : "");
      put(row, is_member ? (h.retired ? "retired" : "active") : "");
      put_date(row, is_member ? h.civil_service_entry : std::nullopt);
      if (is_member && h.prior_bp > 0) {
        char c[8];
        std::snprintf(c, sizeof c, "0.%02d", h.prior_bp / 100);
        put(row, c);
      } else {
        put(row, "");
      }
      put_date(row, is_member ? h.last_coverage_end : std::nullopt);
      put(row, is_member ? (h.express ? "1" : "0") : "");
      bool adult = std::string_view(person.role) != "child";
      put(row, adult ? synthetic_nir(static_cast<uint64_t>(i * 7 + p), 1 + static_cast<int>(rng.between(0, 1)),
                                     year_of(person.birth), month_of(person.birth))
                     : "");
      put(row, is_member && std::string_view(frequency) == "monthly"
                   ? synthetic_iban(static_cast<uint64_t>(i))
                   : "");
      if (is_member) {
        row.append("adherent");
        row.append(contract_id + 1);
        row.append("@example.org,");
      } else {
        row.push_back(',');
      }
      if (is_member && h.regional) {
        put(row, kCommunes[static_cast<size_t>(rng.between(0, kCommunes.size() - 1))]);
        row.append(rng.percent(75) ? "residence" : "work");
      } else {
        row.push_back(',');
      }
      // The postal address a registered letter needs (DUN-01); derived from the number, so the
      // random stream, hence every other column, is the same as before the column existed.
      if (is_member) {
        row.push_back(',');
        row.append(std::to_string(i % 97 + 1));
        row.append(" rue des Lices 84000 Avignon");
      } else {
        row.push_back(',');
      }
      // ELIG-04, ELIG-11: a child who is 18 by the end of next year is a student with a school
      // certificate from the start to 31 August of next year (without one it would be a minor
      // whose rights end at 18).
      if (std::string_view(person.role) == "child" && year_of(person.birth) <= spec.year - 17) {
        row.append(",student,school_certificate,");
        put_date(row, std::max(h.start, person.birth));
        row.append(std::to_string(spec.year + 1) + "-08-31,SCOL-");
        row.append(beneficiary_id);
      } else {
        row.append(",,,,,");
      }
      row.push_back('\n');
      out << row;
      ++stats.persons;
    }
    ++stats.households;
  }
  return stats;
}

}  // namespace mutua

#include "gen/care_lines.hpp"

#include <algorithm>
#include <cstdio>
#include <random>

#include "core/csv.hpp"
#include "core/money.hpp"

namespace mutua {

namespace {

// A typical line of a category: base and charged in cents, RO rate, deductions.
struct Template {
  const char* category;
  const char* act_code;
  int64_t base_cents;
  int64_t charged_cents;     // for the usual case
  int64_t excess_cents;      // added on some lines (excess fees, free prices)
  int ro_rate_pct;
  int64_t flat_fee_cents;    // participation forfaitaire (consultations, imaging, labs)
  int64_t franchise_cents;   // per unit (medicines, paramedical, transport)
  int max_quantity;
  bool doctor;               // has an OPTAM flag
  const char* basket;        // "" or FREE / 100S
};

constexpr Template kTemplates[] = {
    {"PARAMED", "AMK", 1613, 1613, 500, 60, 0, 100, 1, false, ""},
    {"IMAGING", "ZBQK002", 6900, 6900, 2500, 70, 200, 0, 1, true, ""},
    {"CONSULT_SPE", "APC", 6000, 6000, 3000, 70, 200, 0, 1, true, ""},
    {"PHARMA_65", "PHN", 1240, 1240, 0, 65, 0, 100, 4, false, ""},
    {"MEDICAL_DEVICES", "LPP", 2500, 2500, 800, 60, 0, 0, 2, false, ""},
    {"LAB", "B", 2700, 2700, 0, 60, 200, 0, 1, false, ""},
    {"CONSULT_GP", "G", 3000, 3000, 500, 70, 200, 0, 1, true, ""},
    {"PHARMA_30", "PHB", 600, 600, 0, 30, 0, 100, 3, false, ""},
    {"TRANSPORT", "TAX", 6000, 6000, 0, 65, 0, 400, 1, false, ""},
    {"OPTICS_FRAME_LENSES", "LPP-OPT", 9, 35000, 15000, 60, 0, 0, 1, false, "FREE"},
    {"PHARMA_15", "PHH", 500, 500, 0, 15, 0, 100, 2, false, ""},
    {"TECH_ACTS", "CCAM", 4500, 4500, 2000, 70, 200, 0, 1, true, ""},
    {"DENTAL_CARE", "HBMD", 2300, 2300, 0, 60, 200, 0, 1, false, ""},
    {"DENTAL_PROSTH_FREE", "HBLD", 12000, 65000, 20000, 60, 0, 0, 1, false, "FREE"},
    {"HOSP_FEES", "GHS", 120000, 120000, 0, 80, 0, 0, 1, false, ""},
    {"HEARING_FREE", "LPP-AUD", 40000, 150000, 30000, 60, 0, 0, 1, false, "FREE"},
    {"ORTHODONTICS", "TO", 19350, 60000, 10000, 100, 0, 0, 1, false, ""},
    {"HOSP_DAILY_FEE", "FJ", 2300, 2300, 0, 0, 0, 0, 5, false, ""},
    {"PRIVATE_ROOM", "CP", 0, 7000, 0, 0, 0, 0, 3, false, ""},
    {"ALT_MEDICINE", "OST", 0, 6000, 0, 0, 0, 0, 1, false, ""},
};

const Template* template_for(const std::string& category) {
  for (const Template& t : kTemplates) {
    if (category == t.category) return &t;
  }
  return nullptr;
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : gen_(seed) {}
  long long between(long long lo, long long hi) {
    return lo + static_cast<long long>(gen_() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool percent(int p) { return between(1, 100) <= p; }

 private:
  std::mt19937_64 gen_;
};

void put_money(std::string& row, int64_t cents) {
  Money::from_cents(cents).append_to(row);
  row.push_back(',');
}

}  // namespace

std::vector<MixEntry> default_care_mix() {
  return {{"PARAMED", 1749},    {"IMAGING", 1469},      {"CONSULT_SPE", 1177},
          {"PHARMA_65", 1130},  {"MEDICAL_DEVICES", 1073}, {"LAB", 882},
          {"CONSULT_GP", 670},  {"PHARMA_30", 431},     {"TRANSPORT", 324},
          {"OPTICS_FRAME_LENSES", 312}, {"PHARMA_15", 260}, {"TECH_ACTS", 189},
          {"DENTAL_CARE", 130}, {"DENTAL_PROSTH_FREE", 68}, {"HOSP_FEES", 58},
          {"HEARING_FREE", 56}, {"ORTHODONTICS", 22}};
}

Result<std::vector<MixEntry>> load_care_mix(const std::string& path) {
  auto csv = CsvReader::open(path);
  if (!csv.ok()) return csv.error();
  CsvReader& r = **csv;
  auto category = r.column("category");
  auto weight = r.column("weight_pct");
  if (!category) return data_error(path, 1, "category", "required column is missing");
  if (!weight) return data_error(path, 1, "weight_pct", "required column is missing");
  std::vector<MixEntry> mix;
  for (;;) {
    Result<bool> got = r.next();
    if (!got.ok()) return got.error();
    if (!*got) break;
    std::string name(r[*category]);
    if (!template_for(name)) {
      return data_error(path, r.line(), "category", "no line template for '" + name + "'");
    }
    auto pct = Money::parse(r[*weight]);  // two decimals, like an amount
    if (!pct.ok() || pct->is_negative()) {
      return data_error(path, r.line(), "weight_pct", "not a percentage: '" + std::string(r[*weight]) + "'");
    }
    mix.push_back({name, static_cast<int>(pct->cents())});
  }
  if (mix.empty()) return data_error(path, 2, "category", "no category in the mix");
  return mix;
}

long long generate_care_lines(const CareLinesSpec& spec, const std::vector<InsuredRef>& insured,
                              std::ostream& out) {
  out << "claim_id,line,contract_id,beneficiary_id,care_date,received_date,category,act_code,"
         "quantity,charged,base,ro_rate,ro_paid,flat_fee,franchise,optam,out_of_pathway,basket,"
         "country,emergency,prior_approval,other_payers,payee,provider\n";
  if (insured.empty() || spec.mix.empty()) return 0;
  Rng rng(spec.seed);
  long long total_weight = 0;
  for (const MixEntry& m : spec.mix) total_weight += m.weight_bp;
  Date year_first = first_of_year(spec.year), year_last = last_of_year(spec.year);

  std::string row, claim_rows;
  long long written = 0, claim = 0;
  // Professionals: about one per 20 insured persons; a claim (décompte) comes from one of them
  // and is paid to them under tiers payant 45% of the time (BEN-13).
  const long long providers = std::max<long long>(50, static_cast<long long>(insured.size()) / 20);
  while (written < spec.lines) {
    const InsuredRef& who = insured[static_cast<size_t>(rng.between(0, static_cast<long long>(insured.size()) - 1))];
    Date from = std::max(who.start, year_first);
    Date to = who.end ? std::min(*who.end, year_last) : year_last;
    if (to < from) continue;
    int lines_in_claim = static_cast<int>(rng.between(1, 4));
    ++claim;
    char provider[24];
    std::snprintf(provider, sizeof provider, "P%08lld", rng.between(1, providers));
    const bool tiers_payant = rng.percent(45);
    claim_rows.clear();
    for (int l = 1; l <= lines_in_claim && written < spec.lines; ++l, ++written) {
      long long pick = rng.between(0, total_weight - 1);
      const MixEntry* entry = &spec.mix.back();
      for (const MixEntry& m : spec.mix) {
        if (pick < m.weight_bp) {
          entry = &m;
          break;
        }
        pick -= m.weight_bp;
      }
      const Template& t = *template_for(entry->category);
      Date care = add_days(from, static_cast<int>(rng.between(0, days_between(from, to))));
      // Received by the end of the year: a run dated 31 December refuses later dates (issue 14).
      Date received = std::min(add_days(care, static_cast<int>(rng.between(1, 20))), year_last);
      int quantity = static_cast<int>(rng.between(1, t.max_quantity));
      bool excess = t.excess_cents > 0 && rng.percent(25);
      int64_t base = t.base_cents * quantity;
      int64_t charged = t.charged_cents * quantity + (excess ? t.excess_cents : 0);
      int64_t ro = Money::from_cents(base).mul_ratio(t.ro_rate_pct, 100).cents();
      int64_t flat = t.flat_fee_cents, franchise = t.franchise_cents * quantity;
      int64_t ro_paid = std::max<int64_t>(0, ro - flat - franchise);
      flat = std::min(flat, ro);
      franchise = std::min(franchise, ro - flat);

      row.clear();
      char id[24];
      std::snprintf(id, sizeof id, "D%010lld", claim);
      row += id;
      row += ',' + std::to_string(l) + ',' + who.contract_id + ',' + who.beneficiary_id + ',';
      append_date(row, care);
      row.push_back(',');
      append_date(row, received);
      row += ',' + std::string(t.category) + ',' + t.act_code + ',' + std::to_string(quantity) + ',';
      put_money(row, charged);
      put_money(row, base);
      row += std::to_string(t.ro_rate_pct) + ',';
      put_money(row, ro_paid);
      put_money(row, flat);
      put_money(row, franchise);
      row += t.doctor ? (excess && rng.percent(60) ? "0," : "1,") : ",";
      row += t.doctor && rng.percent(3) ? "1," : "0,";
      row += std::string(t.basket) + ',';
      row += "FR,0,0,0.00,";
      row += tiers_payant ? "provider," : "member,";
      row += provider;
      row.push_back('\n');
      claim_rows += row;
    }
    out << claim_rows;
    // A décompte sent twice (BEN-12), now and then: its lines must be paid once.
    if (rng.percent(1) && rng.percent(30)) {
      for (size_t at = 0; at < claim_rows.size() && written < spec.lines; ++written) {
        size_t end = claim_rows.find('\n', at) + 1;
        out.write(claim_rows.data() + at, static_cast<std::streamsize>(end - at));
        at = end;
      }
    }
  }
  return written;
}

}  // namespace mutua

#include "app/json_values.hpp"
#include "app/rate_service.hpp"

#include "core/csv.hpp"

#include <nlohmann/json.hpp>
#include <set>

namespace mutua {

using nlohmann::json;

Result<RatingParams> rating_params(const Regulation& regulation, int year) {
  Date on = first_of_year(year);
  RatingParams p;
  auto rate = regulation.basis_points_at("majoration.rate_per_year", on);
  auto reference = regulation.date_at("majoration.reference_date", on);
  auto legacy = regulation.date_at("majoration.legacy_start", on);
  auto age = regulation.integer_at("majoration.age_threshold", on);
  auto grace = regulation.integer_at("majoration.seniority_grace_years", on);
  if (!rate) return rate.error();
  if (!reference) return reference.error();
  if (!legacy) return legacy.error();
  if (!age) return age.error();
  if (!grace) return grace.error();
  p.majoration_rate_bp = *rate;
  p.reference_date = *reference;
  p.legacy_start = *legacy;
  p.age_threshold = static_cast<int>(*age);
  p.seniority_grace_years = static_cast<int>(*grace);
  // SUS-01 (Interpretation, configurable): absent from an older regulation file = not due.
  if (auto due = regulation.at("suspension.contributions", on)) {
    if (due->value != "not_due" && due->value != "due") {
      return Error{"suspension.contributions: expected not_due or due, got " + due->value};
    }
    p.suspended_days_due = due->value == "due";
  }
  return p;
}

std::string format_coefficient(int bp) {
  std::string s = bp < 0 ? "-" : "";
  int a = bp < 0 ? -bp : bp;
  s += std::to_string(a / 10000);
  s += '.';
  char dec[5];
  std::snprintf(dec, sizeof dec, "%04d", a % 10000);
  std::string d(dec);
  while (d.size() > 2 && d.back() == '0') d.pop_back();
  return s + d;
}

// ---- CSV sink ------------------------------------------------------------------------------

RateCsvSink::RateCsvSink(std::FILE* out) : out_(out) {
  buf_.reserve(1 << 20);
  buf_ =
      "contract_id,beneficiary_id,role,tariff_age,band,billed,monthly_base,coefficient,"
      "monthly_due,annual_due\n";
}

RateCsvSink::~RateCsvSink() { flush(); }

void RateCsvSink::flush() {
  if (!buf_.empty()) {
    std::fwrite(buf_.data(), 1, buf_.size(), out_);
    buf_.clear();
  }
}


void RateCsvSink::write(const ContractRate& rate) {
  for (const PersonRate& p : rate.persons) {
    append_csv_field(buf_, rate.contract_id);
    buf_.push_back(',');
    append_csv_field(buf_, p.beneficiary_id);
    buf_.push_back(',');
    buf_ += to_string(p.role);
    buf_.push_back(',');
    buf_ += std::to_string(p.tariff_age);
    buf_.push_back(',');
    buf_ += std::to_string(p.band_lower);
    buf_ += p.billed ? ",1," : ",0,";
    p.monthly_base.append_to(buf_);
    buf_.push_back(',');
    buf_ += format_coefficient(p.coefficient_bp);
    buf_.push_back(',');
    p.monthly_due.append_to(buf_);
    buf_.push_back(',');
    p.annual_due.append_to(buf_);
    buf_.push_back('\n');
  }
  if (buf_.size() > (1 << 20) - 4096) flush();
}

void RateCsvSink::finish(const RateSummary&) { flush(); }

// ---- JSON ----------------------------------------------------------------------------------

namespace {

json person_json(const PersonRate& p) {
  json months = json::array();
  for (const MonthCharge& m : p.months) {
    json jm = {{"month", m.month},
               {"covered_days", m.covered_days},
               {"days_in_month", m.days_in_month},
               {"amount", m.amount.format()}};
    if (!m.promotion.empty()) jm["promotion"] = m.promotion;
    if (m.suspended_days > 0) jm["suspended_days"] = m.suspended_days;  // SUS-01
    if (m.free) jm["free"] = true;                                        // TAR-03
    months.push_back(std::move(jm));
  }
  return {{"beneficiary_id", p.beneficiary_id},
          {"role", std::string(to_string(p.role))},
          {"birth_date", format_date(p.birth_date)},
          {"tariff_age", p.tariff_age},
          {"band", p.band_lower},
          {"band_label", p.band_label},
          {"billed", p.billed},
          {"child_rank", p.child_rank},
          {"monthly_base", p.monthly_base.format()},
          {"coefficient", format_coefficient(p.coefficient_bp)},
          {"monthly_due", p.monthly_due.format()},
          {"annual_due", p.annual_due.format()},
          {"months", std::move(months)},
          {"reasons", p.reasons}};
}

json majoration_json(const Majoration& m) {
  json candidates = json::array();
  for (const auto& c : m.candidates) {
    candidates.push_back({{"what", c.what}, {"date", format_date(c.date)}});
  }
  json j = {{"applies", m.applies}, {"coefficient", format_coefficient(m.coefficient_bp)}};
  if (m.applies) {
    j["prior_coefficient"] = format_coefficient(m.prior_bp);
    j["start"] = format_date(m.start);
    j["adhesion"] = format_date(m.adhesion);
    j["years"] = m.years;
    j["legacy"] = m.legacy;
    j["proofs_missing"] = m.proofs_missing;
    j["candidates"] = std::move(candidates);
  }
  return j;
}

json contract_json(const ContractRate& rate) {
  json persons = json::array();
  for (const PersonRate& p : rate.persons) persons.push_back(person_json(p));
  json out = {{"contract_id", rate.contract_id},
              {"product", rate.product},
              {"year", rate.year},
              {"tariff_year", rate.tariff_year},
              {"majoration", majoration_json(rate.majoration)},
              {"persons", std::move(persons)},
              {"monthly_total", rate.monthly_total.format()},
              {"annual_total", rate.annual_total.format()}};
  if (!rate.suspensions.empty()) {  // SUS-01: only when there are some (the format is a contract)
    json list = json::array();
    for (const Suspension& s : rate.suspensions) {
      list.push_back({{"from", format_date(s.from)},
                      {"to", format_date(s.to)},
                      {"reason", std::string(to_string(s.reason))}});
    }
    out["suspensions"] = std::move(list);
  }
  return out;
}

json summary_json(const RateSummary& s) {
  json products = json::object();
  for (const auto& [code, t] : s.by_product) {
    products[code] = {{"contracts", t.contracts},
                      {"persons", t.persons},
                      {"billed_persons", t.billed_persons},
                      {"annual_due", t.annual_due.format()}};
  }
  return {{"year", s.year},
          {"contracts", s.contracts},
          {"persons", s.persons},
          {"annual_due", s.annual_due.format()},
          {"by_product", std::move(products)}};
}

}  // namespace

std::string rate_to_json(const ContractRate& rate, int indent) {
  return json_text(contract_json(rate), indent);
}
std::string summary_to_json(const RateSummary& summary, int indent) {
  return json_text(summary_json(summary), indent);
}

void RateJsonSink::write(const ContractRate& rate) {
  std::fputs(first_ ? "{\"contracts\":[\n" : ",\n", out_);
  first_ = false;
  std::fputs(json_text(contract_json(rate)).c_str(), out_);
}

void RateJsonSink::finish(const RateSummary& summary) {
  if (first_) std::fputs("{\"contracts\":[", out_);
  std::fputs("\n],\"summary\":", out_);
  std::fputs(json_text(summary_json(summary)).c_str(), out_);
  std::fputs("}\n", out_);
}

// ---- Use cases -----------------------------------------------------------------------------

Result<RateSummary> rate_year(Store& store, const Regulation& regulation, int year,
                              RateSink& sink) {
  auto params = rating_params(regulation, year);
  if (!params) return params.error();
  Catalogue catalogue = store.load_catalogue();
  RateSummary summary;
  summary.year = year;
  std::map<std::string, long long> missing;  // product → contracts that could not be rated
  Date first = first_of_year(year), last = last_of_year(year);
  // ADH-06: a change of guarantee takes effect on 1 January, so one product rates the whole year.
  std::map<std::string, std::string> product_in_year;
  store.for_each_product_change([&](const ProductChange& change) {
    if (change.effective <= first) product_in_year[change.contract_id] = change.product;
  });
  Contract changed;
  // SUS-01: suspensions are few; their days are not due.
  std::map<std::string, std::vector<Suspension>> suspensions;
  store.for_each_suspension([&](const Suspension& s) { suspensions[s.contract_id].push_back(s); });
  static const std::vector<Suspension> kNone;

  store.for_each_contract([&](const Contract& stored) {
    const Contract* current = &stored;
    if (auto it = product_in_year.find(stored.id); it != product_in_year.end()) {
      changed = stored;
      changed.product = it->second;
      current = &changed;
    }
    const Contract& contract = *current;
    bool in_year = false;
    for (const Beneficiary& b : contract.beneficiaries) {
      in_year |= b.covered_during(first, last);
    }
    if (!in_year) return;
    const Product* product = catalogue.find(contract.product);
    auto susp = suspensions.find(contract.id);
    Result<ContractRate> rate =
        product ? rate_contract(contract, *product, year, *params,
                                susp == suspensions.end() ? kNone : susp->second)
                : Result<ContractRate>(Error{});
    if (!rate) {
      ++missing[contract.product];  // keep going: the error lists every product concerned
      return;
    }
    if (rate->persons.empty()) return;
    sink.write(*rate);
    ProductTotals& t = summary.by_product[contract.product];
    ++t.contracts;
    ++summary.contracts;
    for (const PersonRate& p : rate->persons) {
      ++t.persons;
      ++summary.persons;
      if (p.billed) ++t.billed_persons;
    }
    t.annual_due += rate->annual_total;
    summary.annual_due += rate->annual_total;
  });

  if (!missing.empty()) {
    std::string what;
    for (const auto& [code, n] : missing) {
      if (!what.empty()) what += ", ";
      what += code + " (" + std::to_string(n) + " contract" + (n > 1 ? "s" : "") + ")";
    }
    return rule_error("TAR-05", "no tariff for " + std::to_string(year) + ": " + what +
                                    "; load the year's tariff with `mutua catalogue load`");
  }
  sink.finish(summary);
  return summary;
}

Result<RatedContract> rate_one(Store& store, const Regulation& regulation, int year,
                               const std::string& contract_id) {
  std::optional<Contract> contract = store.find_contract(contract_id);
  if (!contract) return Error{"no contract " + contract_id};
  contract->product = product_on(*contract, store.product_changes(contract_id), first_of_year(year));
  Catalogue catalogue = store.load_catalogue();
  const Product* product = catalogue.find(contract->product);
  if (!product) return Error{"contract " + contract_id + ": unknown product " + contract->product};
  auto params = rating_params(regulation, year);
  if (!params) return params.error();
  Result<ContractRate> rate =
      rate_contract(*contract, *product, year, *params, store.suspensions(contract_id));
  if (!rate) return rate.error();
  return RatedContract{std::move(rate).value(), *product};
}

Result<RatedContract> quote(const Catalogue& catalogue, const Regulation& regulation,
                            const QuoteRequest& request) {
  const Product* product = catalogue.find(request.product);
  if (!product) return Error{"unknown product " + request.product};
  auto params = rating_params(regulation, request.year);
  if (!params) return params.error();
  Contract c;
  c.id = "QUOTE";
  c.product = request.product;
  c.status = request.retired ? MemberStatus::kRetired : MemberStatus::kActive;
  c.civil_service_entry = request.civil_service_entry;
  c.last_coverage_end = request.last_coverage_end;
  c.prior_coefficient_bp = request.prior_coefficient_bp;
  c.express_start = request.express_start;
  Date start = request.start.value_or(first_of_year(request.year));
  int n = 0;
  for (const auto& [role, birth] : request.persons) {
    Beneficiary b;
    b.id = "P" + std::to_string(++n);
    b.role = role;
    b.birth_date = birth;
    b.start_date = std::max(start, birth);
    c.beneficiaries.push_back(std::move(b));
  }
  // Without a civil-service entry or a coverage history there is nothing to compute a
  // majoration from: the quote assumes a reference guarantee until the day before the adhesion
  // (N = 0) and says so; the prior coefficient still applies when given.
  if (!c.civil_service_entry && !c.last_coverage_end && !request.retired) {
    c.last_coverage_end = add_days(start, -1);
  }
  Result<ContractRate> rate = rate_contract(c, *product, request.year, *params);
  if (!rate) return rate.error();
  return RatedContract{std::move(rate).value(), *product};
}

}  // namespace mutua

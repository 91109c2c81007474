// `mutua rate --year Y [--out FILE] [--contract C [--explain]]` and `mutua quote ...`.
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/json_values.hpp"
#include "app/rate_json.hpp"
#include "app/rate_service.hpp"
#include "catalogue/catalogue_yaml.hpp"
#include "cli/context.hpp"
#include "members/members_csv.hpp"

namespace mutua::cli {

namespace {

struct RateOptions {
  int year = 0;
  std::string out;
  std::string contract;
  bool explain = false;
};

void print_contract_table(const ContractRate& rate) {
  std::printf("%-14s %-8s %-10s %4s %-7s %6s %12s %11s %12s %12s\n", "beneficiary", "role",
              "birth", "age", "band", "billed", "monthly_base", "coefficient", "monthly_due",
              "annual_due");
  for (const PersonRate& p : rate.persons) {
    std::printf("%-14s %-8s %-10s %4d %-7s %6s %12s %11s %12s %12s\n", p.beneficiary_id.c_str(),
                std::string(to_string(p.role)).c_str(), format_date(p.birth_date).c_str(),
                p.tariff_age, p.band_label.c_str(), p.billed ? "yes" : "no",
                p.monthly_base.format().c_str(), format_coefficient(p.coefficient_bp).c_str(),
                p.monthly_due.format().c_str(), p.annual_due.format().c_str());
  }
  std::printf("%-14s %-8s %-10s %4s %-7s %6s %12s %11s %12s %12s\n", "total", "", "", "", "", "",
              "", "", rate.monthly_total.format().c_str(), rate.annual_total.format().c_str());
}

void rate_single(Context& ctx, const RateOptions& o) {
  auto store = ctx.open_store(Access::kRead);
  Result<RatedContract> r = rate_one(*store, ctx.regulation(), o.year, o.contract);
  if (!r) fail({r.error()}, r.error().rule_id.empty() ? kInvalidData : kRefused);
  if (ctx.json) {
    std::puts(json_text(rated_contract_json(*r, o.explain), 2).c_str());
  } else if (o.explain) {
    std::fputs(explain(r->rate, r->product).c_str(), stdout);
  } else {
    RateCsvSink sink(stdout);
    sink.write(r->rate);
  }
}

void print_summary(const RateSummary& s, const std::string& out) {
  std::printf("contributions %d: %lld contracts, %lld insured persons, %s EUR a year -> %s\n",
              s.year, s.contracts, s.persons, s.annual_due.format().c_str(), out.c_str());
  std::printf("  %-12s %10s %10s %16s\n", "product", "contracts", "persons", "annual_due");
  for (const auto& [code, t] : s.by_product) {
    std::printf("  %-12s %10lld %10lld %16s\n", code.c_str(), t.contracts, t.persons,
                t.annual_due.format().c_str());
  }
}

// Writes to FILE.partial then renames: the output file is complete or absent.
void rate_all(Context& ctx, const RateOptions& o) {
  auto store = ctx.open_store(Access::kRead);
  std::string tmp = o.out.empty() ? "" : o.out + ".partial";
  std::FILE* f = o.out.empty() ? stdout : std::fopen(tmp.c_str(), "wb");
  if (!f) fail({data_error(o.out, 0, "", "cannot write the file")}, kInvalidData);
  Result<RateSummary> summary(Error{});
  {
    std::unique_ptr<RateSink> sink;
    if (ctx.json && o.out.empty()) {
      sink = std::make_unique<RateJsonSink>(f);
    } else {
      sink = std::make_unique<RateCsvSink>(f);
    }
    summary = rate_year(*store, ctx.regulation(), o.year, *sink);
  }
  if (f != stdout) {
    bool written = std::fflush(f) == 0 && std::fclose(f) == 0;
    if (!summary || !written) {
      std::filesystem::remove(tmp);
      if (!written) fail({data_error(o.out, 0, "", "write failed")}, kInternal);
    } else {
      std::filesystem::rename(tmp, o.out);
    }
  }
  if (!summary) fail({summary.error()}, kRefused);
  if (!o.out.empty()) {
    if (ctx.json) {
      std::puts(summary_to_json(*summary, 2).c_str());
    } else {
      print_summary(*summary, o.out);
    }
  }
}

}  // namespace

void register_rate(CLI::App& app, Context& ctx) {
  static RateOptions o;
  CLI::App* cmd = app.add_subcommand("rate", "contributions of every contract for a year");
  cmd->add_option("--year", o.year, "calendar year")->required()->check(CLI::Range(1900, 2999));
  cmd->add_option("--out", o.out, "CSV file to write (default: stdout)");
  cmd->add_option("--contract", o.contract, "rate one contract");
  auto* explain_flag = cmd->add_flag("--explain", o.explain, "explain the computation in plain words");
  explain_flag->needs("--contract");
  cmd->callback([&ctx] {
    if (o.contract.empty()) {
      rate_all(ctx, o);
    } else {
      rate_single(ctx, o);
    }
  });
}

void register_quote(CLI::App& app, Context& ctx) {
  struct QuoteOptions {
    std::string product, catalogue_file, start, entry, coverage_end, coefficient;
    int year = 0;
    std::vector<std::string> persons;
    bool retired = false, express = false, explain = false;
  };
  static QuoteOptions o;
  CLI::App* cmd = app.add_subcommand("quote", "contribution of a prospective household");
  cmd->add_option("--product", o.product, "product code")->required();
  cmd->add_option("--year", o.year, "calendar year")->required()->check(CLI::Range(1900, 2999));
  cmd->add_option("--person", o.persons, "ROLE:BIRTHDATE, e.g. member:1980-05-12 (repeat)")
      ->required();
  cmd->add_option("--catalogue", o.catalogue_file, "quote from a catalogue file, not the database");
  cmd->add_option("--start", o.start, "adhesion date (default: 1 January of the year)");
  cmd->add_option("--civil-service-entry", o.entry, "entry into the civil service (majoration)");
  cmd->add_option("--last-coverage-end", o.coverage_end, "end of the last reference guarantee");
  cmd->add_option("--prior-coefficient", o.coefficient, "coefficient transmitted, e.g. 0.04");
  cmd->add_flag("--retired", o.retired, "the member is retired (MAJ-03)");
  cmd->add_flag("--express", o.express, "express start: first month billed in full (ADH-02)");
  cmd->add_flag("--explain", o.explain, "explain the computation in plain words");
  cmd->callback([&ctx] {
    QuoteRequest q;
    q.product = o.product;
    q.year = o.year;
    Errors errors;
    auto date_opt = [&](const std::string& text, const char* field) -> std::optional<Date> {
      if (text.empty()) return std::nullopt;
      auto d = parse_date(text);
      if (!d) errors.push_back(data_error("", 0, field, d.error().message));
      return d ? std::optional<Date>(*d) : std::nullopt;
    };
    for (const std::string& p : o.persons) {
      size_t colon = p.find(':');
      auto role = parse_role(p.substr(0, colon));
      auto birth = colon == std::string::npos ? std::nullopt : try_parse_date(p.substr(colon + 1));
      if (!role || !birth) {
        errors.push_back(data_error("", 0, "--person",
                                    "expected ROLE:YYYY-MM-DD with ROLE member|spouse|child: '" + p + "'"));
        continue;
      }
      q.persons.emplace_back(*role, *birth);
    }
    q.start = date_opt(o.start, "--start");
    q.civil_service_entry = date_opt(o.entry, "--civil-service-entry");
    q.last_coverage_end = date_opt(o.coverage_end, "--last-coverage-end");
    if (!o.coefficient.empty()) {
      auto bp = parse_coefficient_bp(o.coefficient);
      if (!bp) errors.push_back(data_error("", 0, "--prior-coefficient", "expected a decimal like 0.04"));
      q.prior_coefficient_bp = bp.value_or(0);
    }
    q.retired = o.retired;
    q.express_start = o.express;
    if (!errors.empty()) fail(errors, kUsage);

    Catalogue catalogue;
    if (!o.catalogue_file.empty()) {
      CatalogueLoad load = load_catalogue_file(o.catalogue_file);
      if (!load.errors.empty() || !load.catalogue) fail(load.errors, kInvalidData);
      catalogue = std::move(*load.catalogue);
    } else {
      catalogue = ctx.open_store(Access::kRead)->load_catalogue();
    }
    Result<RatedContract> r = quote(catalogue, ctx.regulation(), q);
    if (!r) fail({r.error()}, r.error().rule_id.empty() ? kInvalidData : kRefused);
    if (ctx.json) {
      std::puts(json_text(rated_contract_json(*r, o.explain), 2).c_str());
      return;
    }
    std::printf("quote %s %d\n", q.product.c_str(), q.year);
    print_contract_table(r->rate);
    if (o.explain) std::fputs(("\n" + explain(r->rate, r->product)).c_str(), stdout);
  });
}

}  // namespace mutua::cli

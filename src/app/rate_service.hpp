// Use cases of the rating engine: rate every contract for a year (streamed from the store to a
// sink, bounded memory), rate one contract with its explanation, and quote a prospective
// household. The decisions are rating/'s; this layer loads, calls and writes.
#pragma once

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "rating/rating.hpp"
#include "regulation/regulation.hpp"
#include "storage/store.hpp"

namespace mutua {

// Rating figures in force on 1 January of `year` (config/regulation.yaml).
Result<RatingParams> rating_params(const Regulation& regulation, int year);

struct ProductTotals {
  long long contracts = 0;
  long long persons = 0;
  long long billed_persons = 0;
  Money annual_due;
};

struct RateSummary {
  int year = 0;
  long long contracts = 0;
  long long persons = 0;
  Money annual_due;
  std::map<std::string, ProductTotals> by_product;
};

// Receives each rated contract in contract-id order.
class RateSink {
 public:
  virtual ~RateSink() = default;
  virtual void write(const ContractRate& rate) = 0;
  virtual void finish(const RateSummary& /*summary*/) {}
};

// The CSV of INTERFACES.md "Contributions output", one row per insured person.
class RateCsvSink : public RateSink {
 public:
  explicit RateCsvSink(std::FILE* out);
  ~RateCsvSink() override;
  void write(const ContractRate& rate) override;
  void finish(const RateSummary& summary) override;

 private:
  void flush();
  std::FILE* out_;
  std::string buf_;
};

// One JSON document: {"year", "contracts": [...], "summary": {...}}, streamed.
class RateJsonSink : public RateSink {
 public:
  explicit RateJsonSink(std::FILE* out) : out_(out) {}
  void write(const ContractRate& rate) override;
  void finish(const RateSummary& summary) override;

 private:
  std::FILE* out_;
  bool first_ = true;
};

// Rates every contract with rights in `year`. A contract that cannot be rated (TAR-05: no tariff
// for the year) is an error listing the products concerned; the caller discards the output.
Result<RateSummary> rate_year(Store& store, const Regulation& regulation, int year, RateSink& sink);

struct RatedContract {
  ContractRate rate;
  Product product;
};
Result<RatedContract> rate_one(Store& store, const Regulation& regulation, int year,
                               const std::string& contract_id);

// A prospective household: persons as (role, birth date), full year unless `start` is in it.
struct QuoteRequest {
  std::string product;
  int year = 0;
  std::vector<std::pair<Role, Date>> persons;
  std::optional<Date> start;                // adhesion date; default 1 January of the year
  std::optional<Date> civil_service_entry;  // for the majoration (labelled products)
  std::optional<Date> last_coverage_end;
  int prior_coefficient_bp = 0;
  bool retired = false;
  bool express_start = false;
};
Result<RatedContract> quote(const Catalogue& catalogue, const Regulation& regulation,
                            const QuoteRequest& request);

// JSON of one rated contract (money as strings, never floating point).
std::string rate_to_json(const ContractRate& rate, int indent = -1);
std::string summary_to_json(const RateSummary& summary, int indent = -1);
std::string format_coefficient(int basis_points);

}  // namespace mutua

#include "claims/care_line_csv.hpp"

#include <charconv>

#include "catalogue/catalogue.hpp"
#include "core/text.hpp"

namespace mutua {

namespace {

struct ColumnSpec {
  std::string_view name;
  bool required;
};

// In the order of CareLineColumns::Field.
constexpr ColumnSpec kColumns[] = {
    {"claim_id", true},      {"line", true},          {"contract_id", true},
    {"beneficiary_id", true}, {"care_date", true},    {"received_date", true},
    {"category", true},      {"act_code", false},     {"quantity", false},
    {"charged", true},       {"base", true},          {"ro_rate", false},
    {"ro_paid", true},       {"flat_fee", false},     {"franchise", false},
    {"optam", false},        {"out_of_pathway", false}, {"basket", false},
    {"country", false},      {"emergency", false},    {"prior_approval", false},
    {"other_payers", false}, {"payee", false},        {"provider", false},
    {"third_party", false},  {"early_renewal", false},
};

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// Parses one record; `fail` builds the error for a column.
class RecordParser {
 public:
  RecordParser(const CsvReader& reader, const std::optional<size_t>* index,
               const CareLineChecks& checks)
      : reader_(reader), index_(index), checks_(checks) {}

  std::string_view text(int field) const {
    const std::optional<size_t>& i = index_[field];
    return i ? reader_[*i] : std::string_view();
  }

  Error fail(int field, std::string message) const {
    return data_error(reader_.file(), reader_.line(), std::string(kColumns[field].name),
                      std::move(message));
  }

  Status id(int field, std::string& out) const {
    std::string_view t = text(field);
    if (t.empty()) return fail(field, "is required");
    if (auto why = id_problem(t)) return fail(field, *why);
    out.assign(t);
    return Status::success();
  }

  Status text_field(int field, std::string& out, size_t max_bytes) const {
    std::string_view t = text(field);
    if (auto why = text_problem(t, max_bytes)) return fail(field, *why);
    out.assign(t);
    return Status::success();
  }

  Status positive(int field, int& out, int fallback) const {
    std::string_view t = text(field);
    if (t.empty() && fallback > 0) {
      out = fallback;
      return Status::success();
    }
    std::optional<int> v = parse_int(t);
    if (!v || *v <= 0) return fail(field, "not a positive whole number: '" + std::string(t) + "'");
    out = *v;
    return Status::success();
  }

  Status date(int field, Date& out) const {
    std::string_view t = text(field);
    std::optional<Date> d = try_parse_date(t);
    if (!d) return fail(field, "not a date (YYYY-MM-DD): '" + std::string(t) + "'");
    if (*d > checks_.business_date) {
      return fail(field, "in the future: " + std::string(t) + " is after the business date " +
                             format_date(checks_.business_date));
    }
    out = *d;
    return Status::success();
  }

  Status money(int field, Money& out, bool required) const {
    std::string_view t = text(field);
    if (t.empty()) {
      if (required) return fail(field, "is required");
      out = Money();
      return Status::success();
    }
    Result<Money> m = Money::parse(t);
    if (!m) return fail(field, m.error().message);
    if (m->cents() < 0) return fail(field, "negative amount: " + std::string(t));
    if (auto why = amount_over(*m, checks_.bounds.care_line_max, "bounds.care_line.amount_max")) {
      return fail(field, *why);
    }
    out = *m;
    return Status::success();
  }

  Status flag(int field, bool& out) const {
    std::string_view t = text(field);
    if (t.empty() || t == "0") {
      out = false;
    } else if (t == "1") {
      out = true;
    } else {
      return fail(field, "expected 0 or 1: '" + std::string(t) + "'");
    }
    return Status::success();
  }

 private:
  const CsvReader& reader_;
  const std::optional<size_t>* index_;
  const CareLineChecks& checks_;
};

#define MUTUA_TRY(expr)              \
  do {                               \
    if (Status s_ = (expr); !s_) return s_; \
  } while (0)

}  // namespace

Result<CareLineColumns> CareLineColumns::resolve(const CsvReader& reader,
                                                 const CareLineChecks& checks) {
  CareLineColumns columns;
  columns.checks_ = checks;
  for (int f = 0; f < kFieldCount; ++f) {
    columns.index_[f] = reader.column(kColumns[f].name);
    if (!columns.index_[f] && kColumns[f].required) {
      return data_error(reader.file(), 1, std::string(kColumns[f].name),
                        "required column missing from the header");
    }
  }
  for (const std::string& name : reader.header()) {
    bool known = false;
    for (const ColumnSpec& spec : kColumns) known = known || spec.name == name;
    if (!known) columns.unknown_.push_back(name);
  }
  return columns;
}

Status CareLineColumns::parse(const CsvReader& reader, CareLine& out) const {
  RecordParser p(reader, index_, checks_);
  out.source_line = reader.line();
  MUTUA_TRY(p.id(kClaimId, out.claim_id));
  MUTUA_TRY(p.positive(kLine, out.line, 0));
  MUTUA_TRY(p.id(kContractId, out.contract_id));
  MUTUA_TRY(p.id(kBeneficiaryId, out.beneficiary_id));
  MUTUA_TRY(p.date(kCareDate, out.care_date));
  MUTUA_TRY(p.date(kReceivedDate, out.received_date));
  if (out.received_date < out.care_date) {
    return p.fail(kReceivedDate, "before the care date " + format_date(out.care_date));
  }
  std::string_view category = p.text(kCategory);
  if (!is_care_category(category)) {
    return p.fail(kCategory, "unknown care category '" + std::string(category) + "'");
  }
  out.category.assign(category);
  MUTUA_TRY(p.text_field(kActCode, out.act_code, kIdBytesMax));
  MUTUA_TRY(p.positive(kQuantity, out.quantity, 1));
  MUTUA_TRY(p.money(kCharged, out.charged, true));
  MUTUA_TRY(p.money(kBase, out.base, true));
  std::string_view rate = p.text(kRoRate);
  out.ro_rate.reset();
  if (!rate.empty()) {
    std::optional<int> r = parse_int(rate);
    if (!r || *r < 0 || *r > 100) {
      return p.fail(kRoRate, "not a rate in percent (0 to 100): '" + std::string(rate) + "'");
    }
    out.ro_rate = *r;
  }
  MUTUA_TRY(p.money(kRoPaid, out.ro_paid, true));
  MUTUA_TRY(p.money(kFlatFee, out.flat_fee, false));
  MUTUA_TRY(p.money(kFranchise, out.franchise, false));
  if (out.ro_rate) {
    if (auto why = ro_inconsistency(out.base, *out.ro_rate, out.ro_gross(), checks_.bounds)) {
      return p.fail(kRoPaid, *why);
    }
  }
  std::string_view optam = p.text(kOptam);
  out.optam.reset();
  if (!optam.empty()) {
    bool value = false;
    MUTUA_TRY(p.flag(kOptam, value));
    out.optam = value;
  }
  MUTUA_TRY(p.flag(kOutOfPathway, out.out_of_pathway));
  Result<Basket> basket = parse_basket(p.text(kBasket));
  if (!basket) return p.fail(kBasket, basket.error().message);
  out.basket = *basket;
  std::string_view country = p.text(kCountry);
  if (country.empty()) country = kFrance;
  if (country.size() != 2 || country[0] < 'A' || country[0] > 'Z' || country[1] < 'A' ||
      country[1] > 'Z') {
    return p.fail(kCountry, "not an ISO country code (two capital letters): '" +
                                std::string(country) + "'");
  }
  out.country.assign(country);
  MUTUA_TRY(p.flag(kEmergency, out.emergency));
  MUTUA_TRY(p.flag(kPriorApproval, out.prior_approval));
  MUTUA_TRY(p.money(kOtherPayers, out.other_payers, false));
  std::string_view payee = p.text(kPayee);
  if (payee.empty()) {
    out.payee = Payee::kMember;
  } else {
    Result<Payee> parsed = parse_payee(payee);
    if (!parsed) return p.fail(kPayee, parsed.error().message);
    out.payee = *parsed;
  }
  MUTUA_TRY(p.text_field(kProvider, out.provider, kNameBytesMax));
  MUTUA_TRY(p.text_field(kThirdParty, out.third_party, kNameBytesMax));
  Result<EarlyRenewal> early = parse_early_renewal(p.text(kEarlyRenewal));
  if (!early) return p.fail(kEarlyRenewal, early.error().message);
  out.early_renewal = *early;
  // Bounded amounts: the sum cannot overflow.
  if (out.ro_paid + out.other_payers > out.charged) {
    return p.fail(kRoPaid, "ro_paid " + out.ro_paid.format() + " + other_payers " +
                               out.other_payers.format() + " exceed charged " +
                               out.charged.format());
  }
  return Status::success();
}

}  // namespace mutua

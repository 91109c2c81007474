// `mutua payments import`: payments received by transfer or cheque (BIL-03, BIL-04, DUN-04).
// See app/billing.hpp.
#include <map>
#include <set>

#include "app/billing.hpp"
#include "app/billing_internal.hpp"
#include "app/claims_release.hpp"
#include "core/csv.hpp"
#include "core/text.hpp"
#include "regulation/bounds.hpp"

namespace mutua {

namespace {

struct PaymentRow {
  int line = 0;
  std::string contract_id;
  Date date{};
  Money amount;
  std::string method;
  std::string reference;
};

const std::set<std::string>& methods() {
  static const std::set<std::string> kMethods{"transfer", "cheque", "direct_debit"};
  return kMethods;
}

constexpr size_t kReferenceBytesMax = 140;  // a SEPA remittance information

// Reads and checks every row; the errors name the file, line and field.
Result<std::vector<PaymentRow>> read_payments(Store& store, const std::string& path, Date today,
                                              const InputBounds& bounds, Errors& errors) {
  auto reader = CsvReader::open(path);
  if (!reader) return reader.error();
  CsvReader& csv = **reader;
  const char* names[] = {"contract_id", "date", "amount", "method", "reference"};
  size_t col[5];
  for (int i = 0; i < 5; ++i) {
    auto c = csv.column(names[i]);
    if (!c) return data_error(path, 1, names[i], "missing column");
    col[i] = *c;
  }
  std::vector<PaymentRow> rows;
  std::map<std::string, int> seen;  // contract + reference → line
  std::set<std::string> known;
  for (;;) {
    auto more = csv.next();
    if (!more) return more.error();
    if (!*more) break;
    PaymentRow r;
    r.line = csv.line();
    r.contract_id = std::string(csv[col[0]]);
    auto fail = [&](const char* field, std::string message) {
      errors.push_back(data_error(path, r.line, field, std::move(message)));
    };
    if (auto why = id_problem(r.contract_id)) {
      fail("contract_id", *why);
    } else if (!known.count(r.contract_id)) {
      if (store.find_contract(r.contract_id)) {
        known.insert(r.contract_id);
      } else {
        fail("contract_id", "unknown contract '" + r.contract_id + "'");
      }
    }
    if (auto d = parse_date(csv[col[1]])) {
      r.date = *d;
      if (r.date > today) fail("date", "after the business date " + format_date(today));
    } else {
      fail("date", d.error().message);
    }
    if (auto m = Money::parse(csv[col[2]]); m && *m > Money{}) {
      r.amount = *m;
      if (auto why = amount_over(r.amount, bounds.payment_max, "bounds.payment.amount_max")) {
        fail("amount", *why);
      }
    } else {
      fail("amount", "expected a positive amount like 42.10: '" + std::string(csv[col[2]]) + "'");
    }
    r.method = std::string(csv[col[3]]);
    if (!methods().count(r.method)) {
      fail("method", "expected transfer, cheque or direct_debit: '" + r.method + "'");
    }
    r.reference = std::string(csv[col[4]]);
    if (r.reference.empty()) fail("reference", "required: the bank or cheque reference");
    if (auto why = text_problem(r.reference, kReferenceBytesMax)) fail("reference", *why);
    auto [it, fresh] = seen.emplace(r.contract_id + "\x1f" + r.reference, r.line);
    if (!fresh) fail("reference", "same payment as line " + std::to_string(it->second));
    rows.push_back(std::move(r));
  }
  return rows;
}

Entry payment_entry(const PaymentRow& r) {
  Entry e = make_entry("payment:" + r.contract_id + ":" + r.reference, r.date, EntryKind::kPayment,
                       r.contract_id, account::kBank, account::kReceivable, r.amount, "BIL-03");
  e.reference = r.method + " " + r.reference;
  return e;
}

}  // namespace

Result<PaymentsSummary> import_payments(Store& store, const Regulation& regulation,
                                        const std::string& path, Date today) {
  Errors errors;
  auto bounds = InputBounds::at(regulation, today);
  if (!bounds) return bounds.error();
  // The references already recorded are read in the transaction that posts.
  Transaction tx(store);
  auto rows = read_payments(store, path, today, *bounds, errors);
  if (!rows) return rows.error();
  if (!errors.empty()) {
    PaymentsSummary refused;
    refused.rows = static_cast<int64_t>(rows->size());
    refused.errors = std::move(errors);
    return refused;
  }
  // A reference already recorded with other facts is a different payment: refuse it by name.
  for (const PaymentRow& r : *rows) {
    if (auto stored = store.find_entry(payment_entry(r).key)) {
      if (stored->amount != r.amount || stored->date != r.date) {
        errors.push_back(data_error(path, r.line, "reference",
                                    "reference '" + r.reference + "' already recorded for " +
                                        r.contract_id + " with " + stored->amount.format() +
                                        " on " + format_date(stored->date)));
      }
    }
  }
  if (!errors.empty()) {
    PaymentsSummary refused;
    refused.rows = static_cast<int64_t>(rows->size());
    refused.errors = std::move(errors);
    return refused;
  }
  auto params = dunning_params(regulation, today);
  if (!params) return params.error();

  PaymentsSummary summary;
  std::set<std::string> paid_contracts;
  for (const PaymentRow& r : *rows) {
    ++summary.rows;
    std::vector<Entry> e{payment_entry(r)};
    if (store.post_entries(e) == 0) {
      ++summary.already_recorded;
      continue;
    }
    ++summary.recorded;
    summary.amount += r.amount;
    paid_contracts.insert(r.contract_id);
  }
  // DUN-04: a payment that clears the arrears reinstates at once; no notice is sent from here.
  std::vector<std::string> release;
  for (const std::string& id : paid_contracts) {
    auto applied = advance_contract(store, regulation, id, today, *params, false, {});
    if (!applied) return applied.error();
    for (const DunningStep& s : applied->steps) {
      if (s.kind == StepKind::kReinstatement) ++summary.reinstated;
    }
    if (applied->release) release.push_back(id);
  }
  if (!release.empty()) summary.claims_released = release_pending(store, regulation, release, today).lines;
  tx.commit();
  return summary;
}

}  // namespace mutua

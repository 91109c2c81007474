// `mutua catalogue examples PRODUCT [--year Y]`: the standard reimbursement examples (UNOCAM
// list) of a stored product, computed by the claims engine (app/claims_examples.hpp). The table
// is in French (members read it); messages on stderr stay in English like every command.
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/json_values.hpp"
#include "app/claims_examples.hpp"
#include "cli/context.hpp"

namespace mutua::cli {

namespace {

// Width on a terminal: UTF-8 code points (the labels hold accented Latin letters only), so that
// "Dépense" pads like "Depense" where printf's %-Ns would count its bytes.
size_t display_width(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string pad(const std::string& text, size_t width, bool right) {
  size_t w = display_width(text);
  std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + text : text + fill;
}

// "" for a plain paid line; the reasons, prefixed by the status when the line is not paid.
std::string remarks(const Decision& d) {
  std::string reasons = d.reasons_text();
  if (d.status == ClaimStatus::kPaid) return reasons;
  std::string out(to_string(d.status));
  return reasons.empty() ? out : out + " " + reasons;
}

// Columns: the label, five amounts (right-aligned), then the remarks.
constexpr size_t kRemarksColumn = 6;

void print_table(const ExamplesReport& report) {
  std::vector<std::string> headers = {"Exemple",        "Dépense",        "Base RO", "Rembt RO",
                                      "Rembt mutuelle", "Reste à charge", "Motifs"};
  std::vector<std::vector<std::string>> rows;
  Money flat_fee;
  for (const ReimbursementExample& e : report.examples) {
    rows.push_back({e.label, e.charged.format(), e.base.format(), e.ro_paid.format(),
                    e.decision.rc.format(), e.decision.remaining.format(), remarks(e.decision)});
    flat_fee = max(flat_fee, e.flat_fee);
  }
  // The remarks column only when an example has some (a product covering everything has none).
  const bool any_remark =
      std::any_of(rows.begin(), rows.end(), [](const auto& row) { return !row.back().empty(); });
  if (!any_remark) {
    headers.pop_back();
    for (auto& row : rows) row.pop_back();
  }
  std::vector<size_t> widths(headers.size());
  for (size_t c = 0; c < headers.size(); ++c) {
    widths[c] = display_width(headers[c]);
    for (const auto& row : rows) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  auto print_row = [&](const std::vector<std::string>& cells) {
    size_t n = cells.size();
    while (n > 1 && cells[n - 1].empty()) --n;  // no dangling separator before empty remarks
    std::string line;
    for (size_t c = 0; c < n; ++c) {
      const bool amount = c > 0 && c < kRemarksColumn;
      if (c > 0) line += " | ";
      line += pad(cells[c], widths[c], amount);
    }
    std::puts(line.c_str());
  };

  std::printf("Exemples de remboursement : %s (%s), soins du 01/07/%d\n", report.product.c_str(),
              report.product_name.c_str(), report.year);
  print_row(headers);
  std::string rule;
  for (size_t c = 0; c < widths.size(); ++c) rule += std::string(widths[c] + (c ? 3 : 0), '-');
  std::puts(rule.c_str());
  for (const auto& row : rows) print_row(row);
  std::puts(
      "Montants en euros. Prix indicatifs (exemples types de la liste UNOCAM), pas des "
      "tarifs réels ; soins en France, dans le parcours de soins.");
  if (!flat_fee.is_zero()) {
    std::printf(
        "Rembt RO : après la participation forfaitaire de %s € par consultation, jamais "
        "remboursée par la mutuelle.\n",
        flat_fee.format().c_str());
  }
}

void print_json(const ExamplesReport& report) {
  // ordered_json: keys in the order a reader follows the sum, not alphabetical.
  nlohmann::ordered_json examples = nlohmann::ordered_json::array();
  for (const ReimbursementExample& e : report.examples) {
    nlohmann::ordered_json reasons = nlohmann::ordered_json::array();
    for (Reason r : e.decision.reasons) reasons.push_back(std::string(to_string(r)));
    examples.push_back(nlohmann::ordered_json{{"label", e.label},
                                              {"category", e.category},
                                              {"charged", e.charged.format()},
                                              {"base", e.base.format()},
                                              {"ro_paid", e.ro_paid.format()},
                                              {"flat_fee", e.flat_fee.format()},
                                              {"rc", e.decision.rc.format()},
                                              {"remaining", e.decision.remaining.format()},
                                              {"status", std::string(to_string(e.decision.status))},
                                              {"reasons", reasons}});
  }
  nlohmann::ordered_json doc = {
      {"product", report.product}, {"year", report.year}, {"examples", examples}};
  std::puts(json_text(doc, 2).c_str());
}

}  // namespace

void register_catalogue_examples(CLI::App& catalogue_group, Context& ctx) {
  static std::string product;
  static int year = 0;
  CLI::App* cmd = catalogue_group.add_subcommand(
      "examples", "standard reimbursement examples (UNOCAM list) of a stored product");
  cmd->add_option("PRODUCT", product, "product code")->required();
  cmd->add_option("--year", year, "year of the examples (default: the business date's year)")
      ->check(CLI::Range(1900, 2999));
  cmd->callback([&ctx] {
    const int y = year != 0 ? year : year_of(ctx.today());
    Catalogue catalogue = ctx.open_store(Access::kRead)->load_catalogue();
    Result<ExamplesReport> report = reimbursement_examples(catalogue, product, y, ctx.regulation());
    if (!report) fail({report.error()}, kInvalidData);
    if (ctx.json) {
      print_json(*report);
    } else {
      print_table(*report);
    }
  });
}

}  // namespace mutua::cli

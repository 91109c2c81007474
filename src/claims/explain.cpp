#include "claims/explain.hpp"

#include <fmt/format.h>

namespace mutua {
namespace {

std::string header(const CareLine& l) {
  std::string out =
      fmt::format("Claim {} line {} (beneficiary {}, contract {}): {} on {}", l.claim_id, l.line,
                  l.beneficiary_id, l.contract_id, l.category, format_date(l.care_date));
  if (l.quantity != 1) out += fmt::format(", quantity {}", l.quantity);
  if (l.abroad()) out += ", in " + l.country;
  out += fmt::format("\n  charged {}, base {}, RO paid {}, flat fee {}, franchise {}",
                     l.charged.format(), l.base.format(), l.ro_paid.format(), l.flat_fee.format(),
                     l.franchise.format());
  if (!l.other_payers.is_zero()) out += fmt::format(", other payers {}", l.other_payers.format());
  if (l.optam) out += *l.optam ? ", OPTAM doctor" : ", non-OPTAM doctor";
  if (l.out_of_pathway) out += ", out of the care pathway";
  if (l.basket != Basket::kNone) out += fmt::format(", basket {}", to_string(l.basket));
  return out + "\n";
}

}  // namespace

std::string explain(const CareLine& line, const Decision& d) {
  std::string out = header(line);
  int n = 0;
  for (const Step& s : d.steps) {
    out += fmt::format("  {}. {} [{}]\n", ++n, s.text, s.rule_id);
  }
  out += fmt::format("Result: {}, complementary amount (RC) {}, remaining for the member {}",
                     to_string(d.status), d.rc.format(), d.remaining.format());
  std::string reasons = d.reasons_text();
  out += reasons.empty() ? " (no reason code)\n" : fmt::format(" (reasons {})\n", reasons);
  return out;
}

}  // namespace mutua

// explain(): the rating of a contract in plain English, for staff answering "why this euro?"
// (ARCHITECTURE: every decision explains itself; MAJ-06: the majoration computation is shown).
#include <string>

#include "rating/rating.hpp"
#include "rating/tariff_lookup.hpp"

namespace mutua {

namespace {

constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

const char* month_name(unsigned m) { return m >= 1 && m <= 12 ? kMonthNames[m - 1] : "?"; }

// value / 10^scale as a decimal with at least `min_decimals` digits after the point and no
// trailing zeros beyond them: (4883600, 5, 2) → "48.836".
std::string decimal(__int128 value, int scale, int min_decimals) {
  std::string sign = value < 0 ? "-" : "";
  if (value < 0) value = -value;
  std::string frac(static_cast<size_t>(scale), '0');
  for (int i = scale - 1; i >= 0; --i, value /= 10) {
    frac[static_cast<size_t>(i)] = static_cast<char>('0' + static_cast<int>(value % 10));
  }
  while (static_cast<int>(frac.size()) > min_decimals && frac.back() == '0') frac.pop_back();
  std::string whole = std::to_string(static_cast<long long>(value));
  return sign + whole + (frac.empty() ? "" : "." + frac);
}

std::string percent(int bp) { return decimal(bp, 2, 2) + "%"; }
std::string factor(int bp) { return decimal(10000 + static_cast<__int128>(bp), 4, 2); }

std::string who(const PersonRate& p) {
  return std::string(to_string(p.role)) + " " + p.beneficiary_id;
}

void explain_persons(const ContractRate& rate, std::string& out) {
  out += "Persons (tariff age = " + std::to_string(rate.year) +
         " − year of birth, TAR-02; band from the tariff, TAR-01):\n";
  for (const PersonRate& p : rate.persons) {
    out += "  - " + who(p) + ", born " + format_date(p.birth_date) + ": tariff age " +
           std::to_string(rate.year) + " − " + std::to_string(year_of(p.birth_date)) + " = " +
           std::to_string(p.tariff_age) + ", band " + p.band_label + ", monthly base " +
           p.monthly_base.format() + "\n";
  }
}

void explain_children(const ContractRate& rate, const Product& product, std::string& out) {
  std::vector<const PersonRate*> children(rate.persons.size() + 1, nullptr);
  int count = 0;
  for (const PersonRate& p : rate.persons) {
    if (p.child_rank > 0 && p.child_rank <= static_cast<int>(rate.persons.size())) {
      children[p.child_rank] = &p;
      ++count;
    }
  }
  if (count == 0) return;
  out += "Children ranked eldest first (TAR-03, at most " +
         std::to_string(product.billed_children) +
         " billed per contract, decided month by month among the children covered that month):\n";
  for (const PersonRate* c : children) {
    if (!c) continue;
    out += "  " + std::to_string(c->child_rank) + ". " + c->beneficiary_id + ", born " +
           format_date(c->birth_date) + ": " + (c->billed ? "billed" : "free");
    std::string free_months;
    for (const MonthCharge& m : c->months) {
      if (m.free) free_months += (free_months.empty() ? "" : ", ") + std::string(month_name(m.month));
    }
    if (c->billed && !free_months.empty()) {
      out += " (free in " + free_months + ": " + std::to_string(product.billed_children) +
             " elder children covered then)";
    }
    out += "\n";
  }
}

void explain_years(const Majoration& m, std::string& out) {
  out += "  years from " + format_date(m.start) + " to the adhesion date " +
         format_date(m.adhesion) + ": N = " + std::to_string(m.years);
  if (m.years == 0) {
    out += m.start > m.adhesion ? " (start is after the adhesion, MAJ-01)\n"
                                : " (no full year, MAJ-01)\n";
  } else if (m.years <= 10) {
    out += " (anniversaries";
    for (int k = 1; k <= m.years; ++k) out += " " + format_date(add_years(m.start, k));
    out += ")\n";
  } else {
    out += " full years\n";
  }
}

// What each MAJ-07 candidate stands for, around its short stored label.
std::string candidate_note(const std::string& what) {
  if (what == kCandidateReference) return " (décret 2011-1474)";
  if (what.rfind("entry", 0) == 0) return " (civil-service entry; MAJ-03: seniority grace)";
  if (what == kCandidateCoverageEnd) return " (end of the last reference guarantee, ADH-04 proof)";
  if (what == kCandidateLegacy) return " (MAJ-03: in post on 2011-11-08 or retired)";
  return "";
}

void explain_majoration(const ContractRate& rate, const Product& product, std::string& out) {
  const Majoration& m = rate.majoration;
  if (!m.applies) {
    out += "Majoration: none (only labelled products carry one, MAJ-01).\n";
    return;
  }
  out += "Majoration (MAJ-07), the latest of:\n";
  for (const auto& c : m.candidates) {
    out += "  - " + c.what + candidate_note(c.what) + ": " + format_date(c.date) + "\n";
  }
  if (m.proofs_missing) {
    out += "  - end of the last reference guarantee: unknown (no proof, ADH-04), not compared\n";
  }
  out += "  start = " + format_date(m.start) + "\n";
  explain_years(m, out);
  out += "  coefficient = prior " + percent(m.prior_bp) + " (MAJ-04) + " + percent(m.rate_bp) +
         " × " + std::to_string(m.years) + " (MAJ-02) = " + percent(m.coefficient_bp) + "\n";
  out += product.majoration_scope == MajorationScope::kContract
             ? "  applies to every person of the contract (MAJ-08, scope contract)\n"
             : "  applies to the member's own contribution only (MAJ-08, scope member)\n";
}

void explain_due(const ContractRate& rate, std::string& out) {
  out += "Monthly due:\n";
  for (const PersonRate& p : rate.persons) {
    out += "  - " + who(p) + ": ";
    if (!p.billed) {
      out += "0.00 (not billed, TAR-03)\n";
    } else if (p.coefficient_bp == 0) {
      out += p.monthly_due.format() + "\n";
    } else {
      __int128 exact = static_cast<__int128>(p.monthly_base.cents()) * (10000 + p.coefficient_bp);
      out += p.monthly_base.format() + " × " + factor(p.coefficient_bp) + " = " +
             decimal(exact, 6, 2) + " → " + p.monthly_due.format() + " (MAJ-05, rounded once)\n";
    }
  }
}

void explain_suspensions(const ContractRate& rate, std::string& out) {
  for (const Suspension& s : rate.suspensions) {
    out += "Suspension of rights (SUS-01, " + std::string(to_string(s.reason)) + ") from " +
           format_date(s.from) + " to " + format_date(s.to) +
           ": contributions are not due for those days\n";
  }
}

std::string promotion_text(const Product& product, const std::string& code) {
  for (const Promotion& p : product.promotions) {
    if (p.code != code) continue;
    std::string what = p.percent_bp ? percent(*p.percent_bp) + " off"
                                    : (p.amount ? p.amount->format() : "0.00") + " off per month";
    return "promotion " + code + (p.label.empty() ? "" : " (" + p.label + ")") + ", " + what;
  }
  return "promotion " + code;
}

// One month that is not a plain full month: pro rata, express start, promotion, suspension or
// a free child.
std::string special_month(const PersonRate& p, const MonthCharge& m, const Product& product) {
  std::string s = std::string(month_name(m.month)) + ": ";
  if (m.free) {
    return s + "not billed, " + std::to_string(product.billed_children) +
           " elder children covered this month (TAR-03) → 0.00";
  }
  if (m.suspended_days > 0) {
    const int due = m.covered_days - m.suspended_days;
    s += std::to_string(m.suspended_days) + " day" + (m.suspended_days > 1 ? "s" : "") +
         " suspended, not due (SUS-01)";
    if (due > 0) {
      s += ", " + p.monthly_due.format() + " × " + std::to_string(due) + "/" +
           std::to_string(m.days_in_month) + " (ADH-02 pro rata)";
    }
  } else if (m.express) {
    s += "express start, billed in full though covered " + std::to_string(m.covered_days) + "/" +
         std::to_string(m.days_in_month) + " days (ADH-02)";
  } else if (m.covered_days < m.days_in_month) {
    s += std::to_string(m.covered_days) + "/" + std::to_string(m.days_in_month) +
         " days covered, " + p.monthly_due.format() + " × " + std::to_string(m.covered_days) + "/" +
         std::to_string(m.days_in_month) + " (ADH-02 pro rata)";
  } else {
    s += "full month " + p.monthly_due.format();
  }
  if (!m.promotion.empty()) s += ", " + promotion_text(product, m.promotion) + " (ADH-05)";
  return s + " → " + m.amount.format();
}

void explain_months(const PersonRate& p, const Product& product, std::string& out) {
  out += "  - " + who(p) + ":";
  if (p.months.empty()) {
    out += " nothing billed\n";
    return;
  }
  out += "\n";
  size_t i = 0;
  while (i < p.months.size()) {
    const MonthCharge& m = p.months[i];
    auto is_plain = [](const MonthCharge& x) {
      return !x.express && !x.free && x.suspended_days == 0 && x.promotion.empty() &&
             x.covered_days == x.days_in_month;
    };
    bool plain = is_plain(m);
    if (!plain) {
      out += "      " + special_month(p, m, product) + "\n";
      ++i;
      continue;
    }
    size_t j = i;  // a run of plain full months
    while (j + 1 < p.months.size() && p.months[j + 1].month == p.months[j].month + 1 &&
           is_plain(p.months[j + 1])) {
      ++j;
    }
    int n = static_cast<int>(j - i + 1);
    out += "      " + std::string(month_name(m.month)) +
           (n > 1 ? std::string("-") + month_name(p.months[j].month) : "") + ": " +
           std::to_string(n) + " full month" + (n > 1 ? "s" : "") + " × " + p.monthly_due.format() +
           " = " + (p.monthly_due * n).format() + "\n";
    i = j + 1;
  }
  out += "      annual due " + p.annual_due.format() + "\n";
}

}  // namespace

std::string explain(const ContractRate& rate, const Product& product) {
  std::string out;
  out.reserve(2048);
  out += "Contract " + rate.contract_id + ", product " + product.code;
  if (!product.name.empty()) out += " (" + product.name + ")";
  out += ", year " + std::to_string(rate.year) + ": tariff " + std::to_string(rate.tariff_year);
  if (const Tariff* t = product.tariff_for(rate.tariff_year); t && t->decided.ok()) {
    out += " decided " + format_date(t->decided);
    if (!t->decision_ref.empty()) out += " (" + t->decision_ref + ")";
  }
  out += " (TAR-05)\n";
  explain_persons(rate, out);
  explain_children(rate, product, out);
  explain_majoration(rate, product, out);
  explain_due(rate, out);
  explain_suspensions(rate, out);
  out += "Months billed in " + std::to_string(rate.year) + ":\n";
  for (const PersonRate& p : rate.persons) {
    if (p.billed) explain_months(p, product, out);
  }
  out += "Totals: monthly " + rate.monthly_total.format() + ", annual " +
         rate.annual_total.format() + "\n";
  return out;
}

}  // namespace mutua

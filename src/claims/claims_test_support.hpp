// Builders shared by the claims tests: money and dates from text, typical lines and benefits.
#pragma once

#include <string>

#include "catalogue/catalogue.hpp"
#include "claims/adjudicate.hpp"

namespace mutua::claims_testing {

inline Money m(const char* text) { return *Money::parse(text); }
inline Date d(const char* text) { return *parse_date(text); }

// A line in France, in the care pathway, received on the care date.
inline CareLine line(const char* category, const char* care_date, const char* charged,
                     const char* base, const char* ro_paid, const char* flat_fee = "0",
                     const char* franchise = "0") {
  CareLine l;
  l.claim_id = "C1";
  l.line = 1;
  l.contract_id = "K1";
  l.beneficiary_id = "B1";
  l.category = category;
  l.care_date = d(care_date);
  l.received_date = l.care_date;
  l.charged = m(charged);
  l.base = m(base);
  l.ro_paid = m(ro_paid);
  l.flat_fee = m(flat_fee);
  l.franchise = m(franchise);
  return l;
}

// GP consultation 30.00, BR 30.00, RO 70% = 21.00 minus the 2.00 flat fee: ro_paid 19.00.
inline CareLine gp(const char* charged = "30.00", std::optional<bool> optam = true) {
  CareLine l = line("CONSULT_GP", "2026-03-10", charged, "30.00", "19.00", "2.00");
  l.optam = optam;
  return l;
}

inline Formula pct(int n) {
  Formula f;
  f.total_pct_br = n;
  return f;
}

inline Formula allowance(const char* amount, Per per) {
  Formula f;
  f.amount = Allowance{m(amount), per};
  return f;
}

inline Benefit benefit(const char* category, Formula f) {
  Benefit b;
  b.category = category;
  b.formula = std::move(f);
  return b;
}

// CONSULT_GP with OPTAM 150% and non-OPTAM 130% (the INTERFACES.md example).
inline Benefit gp_benefit() {
  Benefit b;
  b.category = "CONSULT_GP";
  b.optam = pct(150);
  b.non_optam = pct(130);
  return b;
}

inline LineContext context(const Benefit& b) {
  LineContext c;
  c.benefit = &b;
  c.rules.prescription_years = 2;
  c.rules.normal_ro_rate_bp = 7000;
  return c;
}

}  // namespace mutua::claims_testing

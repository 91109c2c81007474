#include "app/claims_explain.hpp"

#include <fmt/format.h>

#include "claims/adjudicate.hpp"
#include "claims/care_line_csv.hpp"
#include "claims/explain.hpp"
#include "members/rights.hpp"

namespace mutua {

namespace {

bool has_reason(const std::string& reasons, std::string_view code) {
  size_t start = 0;
  while (start <= reasons.size()) {
    size_t end = reasons.find(';', start);
    if (end == std::string::npos) end = reasons.size();
    if (std::string_view(reasons).substr(start, end - start) == code) return true;
    start = end + 1;
  }
  return false;
}

// BEN-17: which benefit table of the product decided the line (the one in force in the year of
// the care date).
std::string benefit_table_text(const Product& product, int year) {
  const BenefitTable* in_force = nullptr;
  for (const BenefitTable& t : product.benefit_tables) {
    if (t.year <= year) in_force = &t;
  }
  if (in_force == nullptr) {
    return fmt::format("Benefit table: {}, its undated table, in force for care in {} (BEN-17).\n",
                       product.code, year);
  }
  return fmt::format("Benefit table: {}, the table of {} (decided {}{}), in force for care in {} "
                     "(BEN-17).\n",
                     product.code, in_force->year, format_date(in_force->decided),
                     in_force->decision_ref.empty() ? "" : ", " + in_force->decision_ref, year);
}

}  // namespace

Result<ClaimExplanation> explain_claim(Store& store, const Regulation& regulation,
                                       const std::string& claim_id, int line_number) {
  auto stored = store.find_decision(claim_id, line_number);
  if (!stored) {
    return data_error("", 0, "claim",
                      fmt::format("no decision stored for claim {} line {}", claim_id, line_number));
  }
  ClaimExplanation x;
  x.stored = *stored;
  auto detail = decode_detail(*stored);
  if (!detail) return detail.error();
  x.line = detail->line;
  x.payee_ref = detail->payee_ref;
  const CareLine& l = x.line;

  LineContext ctx;
  Catalogue catalogue = store.load_catalogue();
  auto contract = store.find_contract(stored->contract_id);
  const Product* product = nullptr;
  if (contract) {
    // BEN-17: the benefit table in force in the year of the care date.
    product = catalogue.find(contract->product);
    if (product) {
      ctx.benefit = product->benefit_for(l.category, year_of(l.care_date));
      ctx.responsible = product->responsible;
    }
  }
  if (has_reason(stored->reasons, "NO_RIGHTS")) {
    // As decided (app/claims_context.cpp): after a termination for non-payment, DUN-03; after
    // any other end, CES-01; before the start, ADH-07.
    ctx.rights = non_payment_on(store.collection_status(stored->contract_id), l.care_date) ==
                         NonPayment::kTerminated
                     ? RightsStatus::kTerminatedNonPayment
                     : RightsStatus::kEnded;
    if (contract) {
      for (const Beneficiary& b : contract->beneficiaries) {
        if (b.id == l.beneficiary_id && l.care_date < b.start_date) {
          ctx.rights = RightsStatus::kNotStarted;
        }
      }
    }
  } else if (has_reason(stored->reasons, "SUSPENDED")) {
    // The stored reason is SUSPENDED for both; the rule follows the same reading as the decision
    // (app/claims_context.cpp): care during a suspension for non-payment that ended in a
    // termination is DUN-02 (the kept suspension date never changes after the termination),
    // any other suspension is SUS-01.
    std::optional<CollectionState> collection = store.collection_status(stored->contract_id);
    ctx.rights = non_payment_on(collection, l.care_date) == NonPayment::kSuspendedThenTerminated
                     ? RightsStatus::kSuspendedNonPayment
                     : RightsStatus::kSuspended;
  }
  ctx.in_arrears = has_reason(stored->reasons, "ARREARS");
  auto rules = line_rules(regulation, l);
  if (!rules) return rules.error();
  ctx.rules = *rules;
  if (contract && product && ctx.benefit) {
    for (const Beneficiary& b : contract->beneficiaries) {
      if (b.id != l.beneficiary_id) continue;
      // BEN-16, BEN-18: the figures that depend on the beneficiary's age and the product.
      if (Status s = add_person_rules(regulation, l, b.birth_date, product->responsible, ctx.rules);
          !s) {
        return s.error();
      }
    }
  }

  AccumulatorState state;
  if (detail->window_start) {
    state.restore_usage(UsageKey{l.beneficiary_id, l.category, *detail->window_start},
                        Usage{detail->window_amount_before, detail->window_units_before});
  }
  if (!detail->budget_before.is_zero()) {
    state.restore_budget(UsageKey{l.beneficiary_id, l.category, first_of_year(year_of(l.care_date))},
                         detail->budget_before);
  }
  if (ctx.rules.renewal) {
    for (const PriorEquipment& p : detail->renewal_prior) {
      state.restore_usage(UsageKey{l.beneficiary_id, ctx.rules.renewal->group, p.date},
                          Usage{Money{}, p.units});
    }
  }
  x.replay = adjudicate(l, ctx, state);
  x.matches = x.replay.status == stored->status && x.replay.rc == stored->rc &&
              x.replay.reasons_text() == stored->reasons;
  x.text = explain(l, x.replay);
  if (product) x.text += benefit_table_text(*product, year_of(l.care_date));
  if (!x.matches) {
    x.text += fmt::format(
        "Note: the catalogue or the regulation has changed since this line was decided; the "
        "stored decision stands: {}, RC {}, remaining {}, reasons {}\n",
        to_string(stored->status), stored->rc.format(), stored->remaining.format(),
        stored->reasons.empty() ? "none" : stored->reasons);
  }
  x.text += fmt::format("Decided in run {}", stored->run_id);
  if (stored->status == ClaimStatus::kPaid && !stored->rc.is_zero()) {
    x.text += fmt::format("; {} paid to the {} ({}, BEN-13)", stored->rc.format(),
                          to_string(l.payee), detail->payee_ref);
  }
  x.text += ".\n";
  if (stored->status == ClaimStatus::kPaid && !stored->rc.is_zero() && !l.third_party.empty()) {
    x.text += fmt::format("Recoverable from the liable third party {}: {} (BEN-14).\n",
                          l.third_party, stored->rc.format());
  }
  return x;
}

}  // namespace mutua

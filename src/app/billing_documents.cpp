// Billing and dunning letters (DOC-02): the facts are read from the store and the ledger, the
// French wording is documents/billing_letters'.
#include <algorithm>
#include <map>

#include "app/billing.hpp"
#include "app/billing_internal.hpp"
#include "app/documents_internal.hpp"
#include "app/rate_service.hpp"
#include "documents/billing_letters.hpp"
#include "members/lifecycle.hpp"

namespace mutua {

namespace {

std::string mask_iban(const std::string& iban) {
  if (iban.size() < 8) return iban;
  return iban.substr(0, 4) + " **** **** " + iban.substr(iban.size() - 4);
}

std::optional<DebitDetails> debit_details(const Letter& l) {
  auto m = active_mandate_of(l.store.mandates(l.contract.id));
  if (!m) return std::nullopt;
  return DebitDetails{m->rum, l.catalogue.organism.creditor_id, l.catalogue.organism.name,
                      mask_iban(m->iban)};
}

std::optional<BillingSchedule> schedule_of(const Letter& l, int year) {
  for (BillingSchedule& s : l.store.schedules(l.contract.id)) {
    if (s.year == year) return std::move(s);
  }
  return std::nullopt;
}

std::vector<LetterInstalment> printed(const BillingSchedule& s,
                                      const std::map<std::pair<int, int>, Money>* paid, Date today) {
  std::vector<LetterInstalment> out;
  for (const ScheduledInstalment& i : s.instalments) {
    if (i.instalment.amount.is_zero() && i.billed.is_zero()) continue;
    LetterInstalment li{i.instalment.due, i.instalment.from, i.instalment.to, i.instalment.amount, ""};
    if (paid) {
      auto it = paid->find({s.year, i.instalment.period});
      const Money p = it == paid->end() ? Money{} : it->second;
      li.status = i.instalment.due > today ? "à venir" : p >= i.billed ? "payée" : "impayée";
    }
    out.push_back(li);
  }
  return out;
}

Result<PdfDocument> annual_call(const Letter& l) {
  const int year = year_of(l.today) + (month_of(l.today) == 12 ? 1 : 0);
  // An adhesion ending before 1 January of the year is not renewed: no call for it (its
  // schedule, if one was issued before the end was recorded, has been credited back).
  if (auto t = l.store.find_termination(l.contract.id); t && t->effective < first_of_year(year)) {
    return rule_error(t->rule, "contract " + l.contract.id + " ends on " +
                                   format_date(t->effective) + " (" + t->kind + ", " + t->rule +
                                   "): no annual call for " + std::to_string(year) +
                                   ", the adhesion is not renewed");
  }
  auto s = schedule_of(l, year);
  if (!s) {
    return rule_error("BIL-01", "no call issued for " + std::to_string(year) + " on contract " +
                                    l.contract.id + ": run `mutua billing run` first");
  }
  AnnualCallLetter data;
  data.year = year;
  data.annual = s->annual();
  data.frequency = std::string(to_string(s->frequency));
  data.debit = debit_details(l);
  data.method = data.debit ? "direct_debit" : "transfer";
  data.schedule = printed(*s, nullptr, l.today);
  data.transfer_reference = l.contract.id;
  // L221-10-1: a renewal's call states the last day to resign; the letter's date stands for its
  // sending date in the wording (the window itself runs from the recorded sending, DEM-07).
  if (l.contract.adhesion_date() < first_of_year(year)) {
    data.resign_by = renewal_resignation_deadline(year);
    data.resign_late = renewal_notice_late(l.today, *data.resign_by);
  }
  auto params = rating_params(l.regulation, year);
  Contract c = l.contract;
  c.product = product_on(l.contract, l.store.product_changes(c.id), first_of_year(year));
  const Product* product = l.catalogue.find(c.product);
  const std::vector<Suspension> suspensions = l.store.suspensions(c.id);
  if (params && !params->suspended_days_due) {
    for (const Suspension& s : suspensions) {
      const Date from = std::max(s.from, first_of_year(year));
      const Date to = std::min(s.to, last_of_year(year));
      if (from <= to) data.suspended.emplace_back(from, to);
    }
  }
  if (params && product) {
    if (auto rate = rate_contract(c, *product, year, *params, suspensions)) {
      for (const PersonRate& p : rate->persons) {
        const Beneficiary* b = nullptr;
        for (const Beneficiary& x : c.beneficiaries) {
          if (x.id == p.beneficiary_id) b = &x;
        }
        std::string note;
        if (!p.billed) note = std::to_string(p.child_rank) + "e enfant : gratuit";
        if (p.coefficient_bp > 0) {
          note = "coefficient de majoration " + std::to_string(p.coefficient_bp / 100) + "\u202f%";
        }
        data.persons.push_back(LetterPerson{b ? full_name(*b) : p.beneficiary_id,
                                            std::string(to_string(p.role)), p.monthly_due,
                                            p.annual_due, note});
      }
    }
  }
  return annual_call_letter(letterhead(l, ""), data);
}

Result<PdfDocument> schedule_doc(const Letter& l) {
  auto s = schedule_of(l, year_of(l.today));
  if (!s) {
    return rule_error("BIL-02", "no schedule for " + std::to_string(year_of(l.today)) +
                                    " on contract " + l.contract.id);
  }
  AccountView view(l.store.entries(l.contract.id));
  const auto paid = view.paid_by_period(l.today);
  ScheduleLetter data;
  data.year = s->year;
  data.frequency = std::string(to_string(s->frequency));
  data.method = active_mandate_of(l.store.mandates(l.contract.id)) ? "direct_debit" : "transfer";
  data.schedule = printed(*s, &paid, l.today);
  data.annual = s->annual();
  for (const auto& [key, amount] : paid) {
    if (key.first == s->year) data.paid += amount;
  }
  data.balance = view.balance(l.today);
  return schedule_letter(letterhead(l, ""), data);
}

Result<PdfDocument> prenotification(const Letter& l) {
  auto mandate = active_mandate_of(l.store.mandates(l.contract.id));
  auto debit = debit_details(l);
  if (!mandate || !debit) {
    return rule_error("BIL-03", "contract " + l.contract.id + " has no direct-debit mandate");
  }
  const std::optional<Date> through = PresentedThrough(l.store.batch_dates()).of(*mandate);
  for (int year = year_of(l.today); year <= year_of(l.today) + 1; ++year) {
    auto s = schedule_of(l, year);
    if (!s) continue;
    for (const ScheduledInstalment& i : s->instalments) {
      if (i.instalment.due < l.today || (through && i.instalment.due <= *through)) continue;
      if (!(i.instalment.amount > Money{})) continue;
      PrenotificationLetter data;
      data.collection_date = i.instalment.due;
      data.amount = i.instalment.amount;
      data.debit = *debit;
      data.instalments.push_back(LetterInstalment{i.instalment.due, i.instalment.from,
                                                  i.instalment.to, data.amount, ""});
      return prenotification_letter(letterhead(l, ""), data);
    }
  }
  return rule_error("BIL-03", "no direct debit to come on contract " + l.contract.id);
}

Result<DunningCase> latest(const Letter& l, bool (*has)(const DunningCase&), const char* rule,
                           const char* what) {
  auto c = l.store.latest_case(l.contract.id);
  if (!c || !has(*c)) {
    return rule_error(rule, "contract " + l.contract.id + " has no " + what);
  }
  return *c;
}

Result<PdfDocument> formal_notice(const Letter& l, const DunningParams& params) {
  auto c = latest(l, [](const DunningCase&) { return true; }, "DUN-01", "formal notice");
  if (!c) return c.error();
  if (!has_postal_address(l.contract)) {  // a registered letter needs an address
    return rule_error("DUN-01", "contract " + l.contract.id +
                                    " has no postal address: a formal notice goes by registered "
                                    "letter (record it with `member update --field address`)");
  }
  AccountView view(l.store.entries(l.contract.id));
  const auto waivers = l.store.waivers(l.contract.id);
  FormalNoticeLetter data;
  data.notice_date = c->notice;
  data.oldest_due = c->oldest_due;
  data.window_end = payment_window_end(c->oldest_due, params, waivers);
  data.window_days = params.notice_after_days;
  for (const ChargeStatus& s : view.allocate(c->notice)) {
    if (!(s.unpaid() > Money{})) continue;
    data.unpaid.push_back(LetterInstalment{s.charge.date, {}, {}, s.unpaid(), "impayée"});
  }
  data.arrears = c->arrears;
  data.suspension_date = deadline(c->notice, params.suspension_after_days, waivers);
  data.termination_date = deadline(data.suspension_date, params.termination_after_days, waivers);
  data.suspension_days = params.suspension_after_days;
  data.termination_days = params.termination_after_days;
  // One date: the letter is the notice of c->notice, a reprint included (its letterhead and
  // footer carry that date, never the reprint's).
  const Letter dated{l.store, l.regulation, l.contract, l.catalogue, c->notice};
  return formal_notice_letter(letterhead(dated, ""), data);
}

Result<PdfDocument> suspension(const Letter& l, const DunningParams& params) {
  auto c = latest(l, [](const DunningCase& x) { return x.suspended.has_value(); }, "DUN-02",
                  "suspension for non-payment");
  if (!c) return c.error();
  AccountView view(l.store.entries(l.contract.id));
  SuspensionLetter data;
  data.notice_date = c->notice;
  data.suspended_from = *c->suspended;
  data.arrears = view.arrears(std::max(l.today, *c->suspended));
  data.termination_date = deadline(*c->suspended, params.termination_after_days,
                                   l.store.waivers(l.contract.id));
  return suspension_letter(letterhead(l, ""), data);
}

Result<PdfDocument> termination(const Letter& l) {
  auto c = latest(l, [](const DunningCase& x) { return x.terminated.has_value(); }, "DUN-03",
                  "termination for non-payment");
  if (!c) return c.error();
  auto entries = l.store.entries(l.contract.id);
  TerminationLetter data;
  data.notice_date = c->notice;
  data.terminated_on = add_days(*c->terminated, -1);  // the last day of cover
  for (const Entry& e : entries) {
    if (e.kind == EntryKind::kRefund) data.refund += e.amount;
  }
  data.arrears = AccountView(std::move(entries)).arrears(std::max(l.today, *c->terminated));
  return termination_letter(letterhead(l, ""), data);
}

}  // namespace

bool is_billing_letter(const std::string& kind) {
  return kind == "annual_call" || kind == "schedule" || kind == "prenotification" ||
         kind == "formal_notice" || kind == "suspension_letter" || kind == "termination_letter";
}

Result<PdfDocument> billing_letter(const Letter& l, const std::string& kind) {
  if (kind == "annual_call") return annual_call(l);
  if (kind == "schedule") return schedule_doc(l);
  if (kind == "prenotification") return prenotification(l);
  if (kind == "termination_letter") return termination(l);
  auto params = dunning_params(l.regulation, l.today);
  if (!params) return params.error();
  if (kind == "formal_notice") return formal_notice(l, *params);
  return suspension(l, *params);
}

}  // namespace mutua

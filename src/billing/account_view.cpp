#include "billing/account_view.hpp"

#include <algorithm>
#include <set>

namespace mutua {

AccountView::AccountView(std::vector<Entry> entries) : entries_(std::move(entries)) {
  std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    if (a.date != b.date) return a.date < b.date;
    return a.id < b.id;
  });
}

Money AccountView::balance(Date as_of) const {
  Money sum;
  for (const Entry& e : entries_) {
    if (e.date > as_of) break;
    sum += receivable_effect(e);
  }
  return sum;
}

Money AccountView::charges_through(Date d) const {
  Money sum;
  for (const Entry& e : entries_) {
    if (e.date > d) break;
    if (is_charge(e)) sum += e.amount;
  }
  return sum;
}

Money AccountView::credits_through(Date d) const {
  Money sum;
  for (const Entry& e : entries_) {
    if (e.date > d) break;
    if (!is_charge(e)) sum -= receivable_effect(e);
  }
  return sum;
}

Money AccountView::arrears(Date as_of) const {
  Money credit = credits_through(as_of);
  if (credit.is_negative()) credit = Money{};  // money paid out is not an unpaid contribution
  Money owed = charges_through(as_of) - credit;
  return owed.is_negative() ? Money{} : owed;
}

std::vector<ChargeStatus> AccountView::allocate(Date as_of) const {
  Money credit = credits_through(as_of);
  std::vector<ChargeStatus> out;
  for (const Entry& e : entries_) {
    if (e.date > as_of) break;
    if (!is_charge(e)) continue;
    ChargeStatus s{e, Money{}};
    if (credit > Money{}) {
      s.paid = std::min(credit, e.amount);
      credit -= s.paid;
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<Date> AccountView::oldest_unpaid(Date as_of) const {
  for (const ChargeStatus& s : allocate(as_of)) {
    if (s.unpaid() > Money{}) return s.charge.date;
  }
  return std::nullopt;
}

std::optional<Date> AccountView::cleared_on(Date from, Date to) const {
  // The balance only changes on entry dates: test `from`, then each entry date in (from, to].
  std::set<Date> days{from};
  for (const Entry& e : entries_) {
    if (e.date > from && e.date <= to) days.insert(e.date);
  }
  for (Date d : days) {
    if (!(charges_through(d) > credits_through(d))) return d;
  }
  return std::nullopt;
}

}  // namespace mutua

#include "billing/account_view.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace mutua {

namespace {

// Entries that bill an instalment period: its due and the re-ratings of it.
bool bills_period(const Entry& e) {
  return e.year > 0 && (e.kind == EntryKind::kContributionDue || e.kind == EntryKind::kAdjustment);
}

}  // namespace

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

// A period's due and its adjustments make one charge (net, dated by the due): a re-rating credit
// lowers what the period asks, it is not money received. Recalls are charges of their own.
std::vector<Entry> AccountView::charges(Date as_of, Money& surplus) const {
  std::map<std::pair<int, int>, size_t> by_period;
  std::vector<Entry> out;
  for (const Entry& e : entries_) {
    if (e.date > as_of) break;
    if (bills_period(e)) {
      auto [it, fresh] = by_period.emplace(std::make_pair(e.year, e.period), out.size());
      if (fresh) {
        Entry c = e;
        c.kind = EntryKind::kContributionDue;
        c.amount = receivable_effect(e);
        out.push_back(c);
      } else {
        out[it->second].amount += receivable_effect(e);
      }
    } else if (e.kind == EntryKind::kRecall && e.debit == account::kReceivable) {
      out.push_back(e);
    }
  }
  surplus = Money{};
  for (Entry& c : out) {
    if (c.amount.is_negative()) {  // over-credited period: the rest is money owed back
      surplus -= c.amount;
      c.amount = Money{};
    }
  }
  return out;
}

Money AccountView::credits(Date as_of) const {
  Money sum;
  for (const Entry& e : entries_) {
    if (e.date > as_of) break;
    if (!bills_period(e) && e.kind != EntryKind::kRecall) sum -= receivable_effect(e);
  }
  return sum;
}

std::vector<ChargeStatus> AccountView::allocate(Date as_of) const {
  Money surplus;
  std::vector<Entry> list = charges(as_of, surplus);
  Money credit = credits(as_of) + surplus;
  std::vector<ChargeStatus> out;
  for (Entry& c : list) {
    ChargeStatus s{std::move(c), Money{}};
    if (credit > Money{}) {
      s.paid = std::min(credit, s.charge.amount);
      credit -= s.paid;
    }
    out.push_back(std::move(s));
  }
  return out;
}

Money AccountView::arrears(Date as_of) const {
  Money sum;
  for (const ChargeStatus& s : allocate(as_of)) sum += s.unpaid();
  return sum;
}

std::map<std::pair<int, int>, Money> AccountView::paid_by_period(Date as_of) const {
  std::map<std::pair<int, int>, Money> out;
  for (const ChargeStatus& c : allocate(as_of)) out[{c.charge.year, c.charge.period}] += c.paid;
  return out;
}

std::optional<Date> AccountView::oldest_unpaid(Date as_of) const {
  for (const ChargeStatus& s : allocate(as_of)) {
    if (s.unpaid() > Money{}) return s.charge.date;
  }
  return std::nullopt;
}

std::optional<Date> AccountView::cleared_on(Date from, Date to) const {
  // What is unpaid only changes on entry dates: test `from`, then each entry date in (from, to].
  std::set<Date> days{from};
  for (const Entry& e : entries_) {
    if (e.date > from && e.date <= to) days.insert(e.date);
  }
  for (Date d : days) {
    if (arrears(d).is_zero()) return d;
  }
  return std::nullopt;
}

}  // namespace mutua

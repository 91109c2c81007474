#include "billing/overdue.hpp"

#include <iterator>
#include <utility>

namespace mutua {

bool is_overdue(const AccountView& account, Date aged_before, Date today) {
  // Cheap exit first: FIFO allocation leaves something unpaid exactly when the balance is
  // positive (unpaid = Σ charges − Σ credits once the credits are used up), and most accounts
  // of a run are settled.
  if (!(account.balance(today) > Money{})) return false;
  const auto oldest = account.oldest_unpaid(today);
  return oldest && *oldest <= aged_before;
}

std::vector<std::string> overdue_contracts(std::vector<Entry> entries, Date aged_before,
                                           Date today) {
  std::vector<std::string> out;
  auto first = entries.begin();
  while (first != entries.end()) {
    auto last = first;
    while (last != entries.end() && last->contract_id == first->contract_id) ++last;
    std::string id = first->contract_id;
    AccountView account(std::vector<Entry>(std::make_move_iterator(first),
                                           std::make_move_iterator(last)));
    if (is_overdue(account, aged_before, today)) out.push_back(std::move(id));
    first = last;
  }
  return out;
}

}  // namespace mutua

#include "billing/mandate.hpp"

#include <algorithm>
#include <cstdio>

#include "core/hash.hpp"

namespace mutua {

namespace {

bool sepa_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '.' || c == '/' || c == '?' || c == ':' || c == '(' || c == ')' ||
         c == ',' || c == '\'' || c == '+';
}

}  // namespace

std::string generate_rum(const std::string& contract_id) {
  std::string rum = "RUM-";
  for (char c : contract_id) rum += sepa_id_char(c) ? c : '-';
  if (rum.size() <= 35) return rum;
  char suffix[18];
  std::snprintf(suffix, sizeof suffix, "-%08llx",
                static_cast<unsigned long long>(fnv1a(contract_id) & 0xffffffffULL));
  return rum.substr(0, 35 - 9) + suffix;
}

SequenceChoice sequence_for(const Mandate& mandate, bool last_collection) {
  SequenceChoice s;
  s.one_off = mandate.kind == MandateKind::kOneOff;
  s.first = !s.one_off && !mandate.used;
  s.last = !s.one_off && !s.first && last_collection;
  return s;
}

const Mandate* active_mandate(const std::vector<Mandate>& mandates) {
  const Mandate* kept = nullptr;
  for (const Mandate& m : mandates) {
    if (m.revoked) continue;
    if (!kept || m.signed_on > kept->signed_on ||
        (m.signed_on == kept->signed_on && m.rum < kept->rum)) {
      kept = &m;
    }
  }
  return kept;
}

std::optional<Mandate> active_mandate_of(const std::vector<Mandate>& mandates) {
  if (const Mandate* m = active_mandate(mandates)) return *m;
  return std::nullopt;
}

PresentedThrough::PresentedThrough(const std::vector<BatchDate>& batches)
    : ids_(batches.size()), latest_from_(batches.size()) {
  for (size_t k = batches.size(); k-- > 0;) {
    ids_[k] = batches[k].id;
    latest_from_[k] = batches[k].collection;
    if (k + 1 < batches.size() && latest_from_[k + 1] > latest_from_[k]) {
      latest_from_[k] = latest_from_[k + 1];
    }
  }
}

std::optional<Date> PresentedThrough::of(const Mandate& mandate) const {
  const int64_t registered = mandate.registered_batch.value_or(0);
  auto it = std::upper_bound(ids_.begin(), ids_.end(), registered);
  if (it == ids_.end()) return std::nullopt;
  return latest_from_[static_cast<size_t>(it - ids_.begin())];
}

}  // namespace mutua

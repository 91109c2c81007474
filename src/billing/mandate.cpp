#include "billing/mandate.hpp"

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

}  // namespace mutua

#include "app/css_service.hpp"

#include <algorithm>

#include "partners/partnership.hpp"

namespace mutua {

Status check_css_reference(const std::string& reference) {
  constexpr size_t kMaxReference = 64;
  const bool ok_chars = std::all_of(reference.begin(), reference.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '/';
  });
  if (reference.empty() || reference.size() > kMaxReference || !ok_chars) {
    return data_error("", 0, "--record",
                      "a case reference of 1 to 64 letters, digits or -_./ (no name) expected: '" +
                          reference + "'");
  }
  return Status::success();
}

namespace {

CssCheckRecord record_of(const CssDecision& d, const CssRequest& r, Date date,
                         const std::string& reference, const std::string& commune, Date today) {
  CssCheckRecord c;
  c.reference = reference;
  c.commune = commune;
  c.check_date = date;
  c.recorded = today;
  c.persons = d.household_size;
  for (const CssPerson& p : r.persons) c.alternating_custody += p.half ? 1 : 0;
  c.resources = d.resources;
  c.result = css_outcome_name(d.outcome);
  c.ceiling = d.ceiling;
  c.monthly_participation = d.monthly_participation;
  c.table = d.table;
  c.regime = r.alsace_moselle ? "alsace_moselle" : "general";
  return c;
}

// The same check, recorded on any business date.
bool same_check(const CssCheckRecord& a, const CssCheckRecord& b) {
  return a.check_date == b.check_date && a.persons == b.persons &&
         a.alternating_custody == b.alternating_custody && a.resources == b.resources &&
         a.result == b.result && a.ceiling == b.ceiling &&
         a.monthly_participation == b.monthly_participation && a.table == b.table &&
         a.regime == b.regime && a.commune == b.commune;
}

}  // namespace

Result<CssDecision> css_check(const Regulation& regulation, Date date, const CssRequest& request) {
  auto table = css_table(regulation, date);
  if (!table) return table.error();
  return check_css(*table, request);
}

Result<CssRecorded> record_css_check(Store& store, const Regulation& regulation, Date date,
                                     const CssRequest& request, const std::string& reference,
                                     const std::string& commune, Date today) {
  if (auto s = check_css_reference(reference); !s) return s.error();
  if (!commune.empty()) {
    if (auto s = check_insee(commune, "--commune"); !s) return s.error();
  }
  auto decision = css_check(regulation, date, request);
  if (!decision) return decision.error();
  CssRecorded out{std::move(decision).value()};
  const CssCheckRecord record = record_of(out.decision, request, date, reference, commune, today);
  Transaction tx(store);
  for (const CssCheckRecord& stored : store.css_checks(reference)) {
    if (same_check(stored, record)) {
      out.id = stored.id;
      out.already_recorded = true;
      return out;
    }
  }
  out.id = store.insert_css_check(record);
  tx.commit();
  return out;
}

}  // namespace mutua

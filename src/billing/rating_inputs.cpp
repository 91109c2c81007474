#include "billing/rating_inputs.hpp"

#include "core/hash.hpp"

namespace mutua {

namespace {

// Appends values to one FNV-1a hash; strings are length-prefixed so fields cannot run together.
class Hasher {
 public:
  Hasher& add(int64_t v) {
    h_ = fnv1a(std::string_view(reinterpret_cast<const char*>(&v), sizeof v), h_);
    return *this;
  }
  Hasher& add(std::string_view s) {
    add(static_cast<int64_t>(s.size()));
    h_ = fnv1a(s, h_);
    return *this;
  }
  Hasher& add(Date d) { return add(static_cast<int64_t>(day_number(d))); }
  Hasher& add(const std::optional<Date>& d) { return d ? add(int64_t{1}).add(*d) : add(int64_t{0}); }
  uint64_t value() const { return h_; }

 private:
  uint64_t h_ = kFnv1aOffset;
};

}  // namespace

uint64_t product_fingerprint(const Product& p, int year) {
  Hasher h;
  h.add(p.code).add(static_cast<int64_t>(p.kind)).add(static_cast<int64_t>(p.majoration_scope));
  h.add(static_cast<int64_t>(p.billed_children));
  if (const Tariff* t = p.tariff_for(year)) {
    h.add(static_cast<int64_t>(t->year));
    for (int b : t->bands) h.add(static_cast<int64_t>(b));
    for (const auto* row : {&t->member, &t->spouse, &t->child}) {
      for (Money m : *row) h.add(m.cents());
    }
  } else {
    h.add(int64_t{-1});
  }
  for (const Promotion& pr : p.promotions) {
    h.add(pr.code).add(pr.from).add(pr.to).add(static_cast<int64_t>(pr.percent_bp.value_or(-1)));
    h.add(pr.amount ? pr.amount->cents() : int64_t{-1}).add(pr.joined_from).add(pr.joined_to);
  }
  return h.value();
}

uint64_t params_fingerprint(const RatingParams& p) {
  Hasher h;
  h.add(static_cast<int64_t>(p.majoration_rate_bp)).add(p.reference_date).add(p.legacy_start);
  h.add(static_cast<int64_t>(p.age_threshold)).add(static_cast<int64_t>(p.seniority_grace_years));
  if (p.suspended_days_due) h.add(int64_t{1});  // SUS-01 configured otherwise than the default
  return h.value();
}

uint64_t contract_fingerprint(const Contract& c, uint64_t product_fp, uint64_t params_fp,
                              const std::vector<Suspension>& suspensions) {
  Hasher h;
  h.add(static_cast<int64_t>(product_fp)).add(static_cast<int64_t>(params_fp));
  h.add(c.id).add(c.product).add(static_cast<int64_t>(c.payment_frequency));
  h.add(static_cast<int64_t>(c.status)).add(c.civil_service_entry);
  h.add(static_cast<int64_t>(c.prior_coefficient_bp)).add(c.last_coverage_end);
  h.add(static_cast<int64_t>(c.express_start ? 1 : 0));
  for (const Beneficiary& b : c.beneficiaries) {
    h.add(b.id).add(static_cast<int64_t>(b.role)).add(b.birth_date).add(b.start_date).add(b.end_date);
  }
  // Only when there are some: fingerprints stored before SUS-01 billing stay valid.
  for (const Suspension& s : suspensions) h.add(s.from).add(s.to);
  return h.value();
}

}  // namespace mutua

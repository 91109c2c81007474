#include "claims/records.hpp"

namespace mutua {

namespace {

constexpr unsigned char kDetailVersion = 1;

void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void put_signed(std::string& out, int64_t v) {
  put_varint(out, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}

void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : p_(bytes) {}
  bool ok() const { return ok_; }
  bool more() const { return !p_.empty(); }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_.empty()) return fail();
      auto b = static_cast<unsigned char>(p_.front());
      p_.remove_prefix(1);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    return fail();
  }
  int64_t signed_varint() {
    uint64_t u = varint();
    return static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
  }
  std::string string() {
    uint64_t n = varint();
    if (n > p_.size()) {
      fail();
      return {};
    }
    std::string s(p_.substr(0, n));
    p_.remove_prefix(n);
    return s;
  }
  Money money() { return Money::from_cents(signed_varint()); }
  Date date() { return from_day_number(static_cast<int>(signed_varint())); }

 private:
  uint64_t fail() {
    ok_ = false;
    p_ = {};
    return 0;
  }
  std::string_view p_;
  bool ok_ = true;
};

}  // namespace

void encode_detail(std::string& out, const CareLine& l, std::string_view payee_ref,
                   const std::optional<Date>& window_start, Money window_amount_before,
                   int window_units_before, Money budget_before,
                   const std::vector<PriorEquipment>& renewal_prior) {
  out.push_back(static_cast<char>(kDetailVersion));
  put_string(out, l.beneficiary_id);
  put_signed(out, day_number(l.care_date));
  put_signed(out, day_number(l.received_date));
  put_string(out, l.category);
  put_string(out, l.act_code);
  put_varint(out, static_cast<uint64_t>(l.quantity));
  put_signed(out, l.charged.cents());
  put_signed(out, l.base.cents());
  put_signed(out, l.ro_rate ? *l.ro_rate : -1);
  put_signed(out, l.ro_paid.cents());
  put_signed(out, l.flat_fee.cents());
  put_signed(out, l.franchise.cents());
  // Flags: optam (2 bits: absent, 0, 1), out of pathway, emergency, prior approval, payee.
  uint64_t flags = l.optam ? (*l.optam ? 2 : 1) : 0;
  flags |= (l.out_of_pathway ? 1u : 0u) << 2;
  flags |= (l.emergency ? 1u : 0u) << 3;
  flags |= (l.prior_approval ? 1u : 0u) << 4;
  flags |= (l.payee == Payee::kProvider ? 1u : 0u) << 5;
  flags |= static_cast<uint64_t>(l.basket) << 6;
  flags |= static_cast<uint64_t>(l.early_renewal) << 8;
  put_varint(out, flags);
  put_string(out, l.country);
  put_signed(out, l.other_payers.cents());
  put_string(out, l.provider);
  put_varint(out, static_cast<uint64_t>(l.source_line));
  put_string(out, payee_ref);
  put_signed(out, window_start ? day_number(*window_start) + 1 : 0);
  put_signed(out, window_amount_before.cents());
  put_signed(out, window_units_before);
  put_signed(out, budget_before.cents());
  put_string(out, l.third_party);  // added after version 1's first fields: optional on decode
  put_varint(out, renewal_prior.size());  // BEN-16, optional on decode too
  for (const PriorEquipment& p : renewal_prior) {
    put_signed(out, day_number(p.date));
    put_signed(out, p.units);
  }
}

std::optional<Date> detail_care_date(std::string_view detail) {
  if (detail.empty() || static_cast<unsigned char>(detail[0]) != kDetailVersion) return std::nullopt;
  Reader r(detail.substr(1));
  r.string();  // beneficiary_id
  Date care = r.date();
  if (!r.ok()) return std::nullopt;
  return care;
}

Result<DecisionDetail> decode_detail(const StoredDecision& row) {
  std::string_view bytes = row.detail;
  if (bytes.empty() || static_cast<unsigned char>(bytes[0]) != kDetailVersion) {
    return Error{"stored decision of claim " + row.claim_id + " line " +
                 std::to_string(row.line) + ": unknown detail encoding"};
  }
  Reader r(bytes.substr(1));
  DecisionDetail d;
  CareLine& l = d.line;
  l.claim_id = row.claim_id;
  l.line = row.line;
  l.contract_id = row.contract_id;
  l.beneficiary_id = r.string();
  l.care_date = r.date();
  l.received_date = r.date();
  l.category = r.string();
  l.act_code = r.string();
  l.quantity = static_cast<int>(r.varint());
  l.charged = r.money();
  l.base = r.money();
  int64_t rate = r.signed_varint();
  if (rate >= 0) l.ro_rate = static_cast<int>(rate);
  l.ro_paid = r.money();
  l.flat_fee = r.money();
  l.franchise = r.money();
  uint64_t flags = r.varint();
  if (flags & 3) l.optam = (flags & 3) == 2;
  l.out_of_pathway = flags & (1u << 2);
  l.emergency = flags & (1u << 3);
  l.prior_approval = flags & (1u << 4);
  l.payee = flags & (1u << 5) ? Payee::kProvider : Payee::kMember;
  l.basket = static_cast<Basket>((flags >> 6) & 3);
  l.early_renewal = static_cast<EarlyRenewal>((flags >> 8) & 3);
  l.country = r.string();
  l.other_payers = r.money();
  l.provider = r.string();
  l.source_line = static_cast<int>(r.varint());
  d.payee_ref = r.string();
  int64_t window = r.signed_varint();
  if (window != 0) d.window_start = from_day_number(static_cast<int>(window - 1));
  d.window_amount_before = r.money();
  d.window_units_before = static_cast<int>(r.signed_varint());
  d.budget_before = r.money();
  if (r.more()) l.third_party = r.string();
  if (r.more()) {
    const uint64_t n = r.varint();
    for (uint64_t i = 0; i < n && r.ok(); ++i) {
      PriorEquipment p;
      p.date = r.date();
      p.units = static_cast<int>(r.signed_varint());
      d.renewal_prior.push_back(p);
    }
  }
  if (!r.ok()) {
    return Error{"stored decision of claim " + row.claim_id + " line " +
                 std::to_string(row.line) + ": truncated detail"};
  }
  return d;
}

}  // namespace mutua

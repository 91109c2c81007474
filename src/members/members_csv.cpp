#include "members/members_csv.hpp"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <tuple>

#include "core/csv.hpp"
#include "core/iban.hpp"
#include "core/nir.hpp"
#include "core/text.hpp"

namespace mutua {

namespace {

constexpr int kChildMaxAge = 26;  // ELIG-04/05: under 26 (the widest child condition)

enum Col {
  kContractId, kBeneficiaryId, kRole, kLastName, kFirstName, kBirthDate, kProduct, kStartDate,
  kEndDate, kPaymentFrequency, kStatus, kCivilServiceEntry, kPriorCoefficient, kLastCoverageEnd,
  kNir, kIban, kEmail, kCommune, kLink, kExpressStart, kAddress,
  // ELIG-11 (issue 15): a child's condition and the proof of it, optional.
  kCondition, kProofType, kProofFrom, kProofTo, kProofReference, kColumnCount
};
constexpr int kRequiredCount = kStartDate + 1;
const char* const kColumnNames[kColumnCount] = {
    "contract_id", "beneficiary_id", "role", "last_name", "first_name", "birth_date", "product",
    "start_date", "end_date", "payment_frequency", "status", "civil_service_entry",
    "prior_coefficient", "last_coverage_end", "nir", "iban", "email", "commune", "link",
    "express_start", "address", "condition", "proof_type", "proof_from", "proof_to",
    "proof_reference"};

constexpr size_t kEmailBytesMax = 254;  // RFC 5321 path limit

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A contract being assembled, with what the cross-row checks need.
struct Group {
  Contract contract;
  ContractSource source;
  int member_rows = 0;
  int spouse_rows = 0;
  int member_line = 0;
  std::vector<bool> valid;    // per beneficiary: its dates parsed
  std::vector<bool> condition_given;  // per beneficiary: the condition column was filled
};

class Parser {
 public:
  // `expected_rows`: an estimate from the file size, so the hash tables of a bulk file are
  // sized once (rehashing a million string keys is costly).
  Parser(CsvReader& csv, const ProductKinds& products, MembersFile& out, size_t expected_rows)
      : csv_(csv), products_(products), out_(out) {
    expected_rows = std::max<size_t>(expected_rows, 1 << 12);
    group_of_.reserve(expected_rows / 2);
    beneficiary_line_.reserve(expected_rows);
  }

  void run() {
    if (!map_columns()) return;
    for (;;) {
      Result<bool> got = csv_.next();
      if (!got.ok()) {
        out_.errors.push_back(got.error());
        continue;  // a wrong field count is local; broken quoting ends the input
      }
      if (!*got) break;
      ++out_.rows;
      row();
    }
    finish();
  }

 private:
  bool map_columns() {
    for (int c = 0; c < kColumnCount; ++c) {
      auto at = csv_.column(kColumnNames[c]);
      index_[c] = at ? static_cast<int>(*at) : -1;
      if (c < kRequiredCount && !at) error(1, kColumnNames[c], "required column is missing");
    }
    for (const std::string& name : csv_.header()) {
      if (std::find(std::begin(kColumnNames), std::end(kColumnNames), name) ==
          std::end(kColumnNames)) {
        out_.warnings.push_back(csv_.file() + ":1: unknown column '" + name + "' is ignored");
      }
    }
    return out_.errors.empty();
  }

  std::string_view get(Col c) const {
    return index_[c] < 0 ? std::string_view() : csv_[static_cast<size_t>(index_[c])];
  }
  void error(int line, std::string_view field, std::string message) {
    out_.errors.push_back(data_error(csv_.file(), line, std::string(field), std::move(message)));
  }
  void error(Col c, std::string message) { error(line_, kColumnNames[c], std::move(message)); }

  std::string_view required(Col c) {
    std::string_view v = get(c);
    if (v.empty()) error(c, "must not be empty");
    return v;
  }

  // An identifier (issue 14): the safe alphabet of core/text.hpp. Empty when it is not one, so
  // that nothing downstream builds on it.
  std::string_view identifier(Col c) {
    std::string_view v = required(c);
    if (v.empty()) return v;
    if (auto why = id_problem(v)) {
      error(c, *why);
      return {};
    }
    return v;
  }

  std::string_view name(Col c) {
    std::string_view v = required(c);
    if (auto why = text_problem(v, kNameBytesMax)) error(c, *why);
    return v;
  }

  std::optional<Date> date(Col c, bool needed) {
    std::string_view v = get(c);
    if (v.empty()) {
      if (needed) error(c, "must not be empty");
      return std::nullopt;
    }
    auto d = try_parse_date(v);
    if (!d) error(c, "not a date (expected YYYY-MM-DD): '" + std::string(v) + "'");
    return d;
  }

  void row();
  bool child_fields(Beneficiary& b, std::optional<Role> role);
  void contract_fields(Contract& c);
  void finish();
  void check_group(Group& g);

  CsvReader& csv_;
  const ProductKinds& products_;
  MembersFile& out_;
  int index_[kColumnCount] = {};
  int line_ = 0;
  std::deque<Group> groups_;  // a deque: growing never moves the contracts being built
  std::string key_;
  std::string last_known_product_;         // most files repeat a few product codes
  size_t last_group_ = static_cast<size_t>(-1);  // rows of a contract are usually adjacent
  std::unordered_map<std::string, size_t> group_of_;
  std::unordered_map<std::string, int> beneficiary_line_;
  std::unordered_map<std::string, std::vector<Proof>> proofs_of_;  // beneficiary id → its proof
};

void Parser::row() {
  line_ = csv_.line();
  std::string_view contract_id = identifier(kContractId);
  std::string_view beneficiary_id = identifier(kBeneficiaryId);
  if (!beneficiary_id.empty()) {
    auto [it, fresh] = beneficiary_line_.emplace(std::string(beneficiary_id), line_);
    if (!fresh) {
      error(kBeneficiaryId, "duplicate beneficiary_id '" + std::string(beneficiary_id) +
                                "' (first on line " + std::to_string(it->second) + ")");
    }
  }
  std::string_view role_text = get(kRole);
  std::optional<Role> role = parse_role(role_text);
  if (!role) error(kRole, "must be member, spouse or child: '" + std::string(role_text) + "'");
  Beneficiary b;
  b.id.assign(beneficiary_id);
  b.role = role.value_or(Role::kChild);
  b.last_name.assign(name(kLastName));
  b.first_name.assign(name(kFirstName));
  auto birth = date(kBirthDate, true);
  auto start = date(kStartDate, true);
  auto end = date(kEndDate, false);
  bool dates_ok = birth && start && (get(kEndDate).empty() || end);
  if (birth && start && *birth > *start) error(kBirthDate, "birth_date is after start_date");
  if (start && end && *end < *start) error(kEndDate, "end_date is before start_date");
  if (birth) b.birth_date = *birth;
  if (start) b.start_date = *start;
  b.end_date = end;
  std::string_view nir = get(kNir);
  if (!nir.empty()) {
    if (Status s = validate_nir(nir); !s) error(kNir, s.error().message);
    b.nir.assign(nir);
  }
  bool condition_given = child_fields(b, role);
  std::string_view product = required(kProduct);
  if (!product.empty() && product != last_known_product_) {
    if (products_.count(std::string(product))) {
      last_known_product_.assign(product);
    } else {
      error(kProduct, "unknown product '" + std::string(product) + "'");
    }
  }
  if (contract_id.empty()) return;

  bool fresh = false;
  if (last_group_ >= groups_.size() || groups_[last_group_].contract.id != contract_id) {
    key_.assign(contract_id);
    auto it = group_of_.find(key_);
    fresh = it == group_of_.end();
    if (fresh) {
      it = group_of_.emplace(key_, groups_.size()).first;
      Group& g = groups_.emplace_back();
      g.contract.id.assign(contract_id);
      g.contract.product.assign(product);
      g.source.first_line = line_;
    }
    last_group_ = it->second;
  }
  Group& g = groups_[last_group_];
  if (!fresh && product != g.contract.product) {
    error(kProduct, "contract " + g.contract.id + " uses product '" + g.contract.product +
                        "' on line " + std::to_string(g.source.first_line));
  }
  if (role == Role::kMember) {
    if (++g.member_rows > 1) {
      error(kRole, "contract " + g.contract.id + " has more than one member row (first on line " +
                       std::to_string(g.member_line) + ")");
    } else {
      g.member_line = line_;
      contract_fields(g.contract);
    }
  } else if (role == Role::kSpouse && ++g.spouse_rows > 1) {
    error(kRole, "ELIG-02: contract " + g.contract.id + " has more than one spouse or partner");
  }
  g.contract.beneficiaries.push_back(std::move(b));
  g.source.beneficiary_lines.push_back(line_);
  g.valid.push_back(dates_ok && role.has_value());
  g.condition_given.push_back(condition_given);
}

// ELIG-11: a child's condition (a minor when the column is empty) and the proof given with it
// (ELIG-08); both columns are only for children. Returns whether the condition column was filled.
bool Parser::child_fields(Beneficiary& b, std::optional<Role> role) {
  std::string_view condition = get(kCondition);
  bool child = role == Role::kChild;
  if (!condition.empty()) {
    b.condition = parse_child_condition(condition);
    if (!b.condition) {
      error(kCondition, "must be minor, student, apprentice or job_seeker: '" +
                            std::string(condition) + "'");
    } else if (!child) {
      error(kCondition, "only for a child");
    }
  }
  if (child) b.condition = imported_condition(b.condition);
  bool any_proof = !get(kProofType).empty() || !get(kProofFrom).empty() ||
                   !get(kProofTo).empty() || !get(kProofReference).empty();
  if (!any_proof) return !condition.empty();
  if (!child) {
    error(kProofType, "a proof is only for a child");
    return !condition.empty();
  }
  std::string_view type = required(kProofType);
  auto parsed = parse_proof_type(type);
  if (!type.empty() && !parsed) {
    error(kProofType, "must be school_certificate, student_social_security, "
                      "apprenticeship_contract or job_seeker_attestation: '" + std::string(type) +
                          "'");
  }
  auto from = date(kProofFrom, true);
  auto to = date(kProofTo, true);
  std::string_view reference = required(kProofReference);
  if (auto why = text_problem(reference, kNameBytesMax)) error(kProofReference, *why);
  if (!parsed || !from || !to || b.id.empty()) return !condition.empty();
  Proof p;
  p.beneficiary_id = b.id;
  p.type = *parsed;
  p.valid_from = *from;
  p.valid_to = *to;
  p.reference.assign(reference);
  p.received = *from;  // a file holds no receipt date: the proof counts from its validity
  if (b.condition) {
    if (Status s = check_proof_for(*b.condition, p); !s) {
      error(s.error().field == "--to" ? kProofTo : kProofType,
            (s.error().rule_id.empty() ? "" : s.error().rule_id + ": ") + s.error().message);
      return !condition.empty();
    }
  }
  proofs_of_[b.id].push_back(std::move(p));
  return !condition.empty();
}

// Contract-level fields, from the member row.
void Parser::contract_fields(Contract& c) {
  if (std::string_view v = get(kPaymentFrequency); !v.empty()) {
    auto f = parse_payment_frequency(v);
    if (!f) error(kPaymentFrequency, "must be monthly, quarterly, half_yearly or yearly: '" +
                                         std::string(v) + "'");
    c.payment_frequency = f.value_or(PaymentFrequency::kMonthly);
  }
  if (std::string_view v = get(kStatus); !v.empty()) {
    auto s = parse_member_status(v);
    if (!s) error(kStatus, "must be active or retired: '" + std::string(v) + "'");
    c.status = s.value_or(MemberStatus::kActive);
  }
  c.civil_service_entry = date(kCivilServiceEntry, false);
  c.last_coverage_end = date(kLastCoverageEnd, false);
  if (std::string_view v = get(kPriorCoefficient); !v.empty()) {
    auto bp = parse_coefficient_bp(v);
    if (!bp) error(kPriorCoefficient, "not a coefficient (0 to 9.9999, e.g. 0.04): '" +
                                          std::string(v) + "'");
    c.prior_coefficient_bp = bp.value_or(0);
  }
  if (std::string_view v = get(kIban); !v.empty()) {
    c.iban = normalize_iban(v);
    if (Status s = validate_iban(c.iban); !s) error(kIban, s.error().message);
  }
  if (std::string_view v = get(kEmail); !v.empty()) {
    if (auto why = text_problem(v, kEmailBytesMax)) {
      error(kEmail, *why);
    } else if (!is_email(v)) {
      error(kEmail, "not an e-mail address: '" + std::string(v) + "'");
    }
    c.email.assign(v);
  }
  if (std::string_view v = get(kCommune); !v.empty()) {
    if (!is_commune_code(v)) error(kCommune, "not an INSEE commune code: '" + std::string(v) + "'");
    c.commune.assign(v);
  }
  if (std::string_view v = get(kLink); !v.empty()) {
    c.link = parse_link(v);
    if (!c.link) error(kLink, "must be residence or work: '" + std::string(v) + "'");
  }
  // The postal address, where registered letters go (a formal notice, DUN-01): one line.
  if (std::string_view v = get(kAddress); !v.empty()) {
    if (auto why = text_problem(v, kTextBytesMax)) error(kAddress, *why);
    c.address.assign(v);
  }
  if (std::string_view v = get(kExpressStart); !v.empty()) {  // ADH-02
    if (v != "0" && v != "1") error(kExpressStart, "must be 0 or 1: '" + std::string(v) + "'");
    c.express_start = v == "1";
  }
}

void Parser::check_group(Group& g) {
  Contract& c = g.contract;
  if (g.member_rows == 0) {
    error(g.source.first_line, "role", "contract " + c.id + " has no member row");
    return;
  }
  // The member first, the others in file order.
  auto member = std::find_if(c.beneficiaries.begin(), c.beneficiaries.end(),
                             [](const Beneficiary& b) { return b.role == Role::kMember; });
  size_t at = static_cast<size_t>(member - c.beneficiaries.begin());
  std::rotate(c.beneficiaries.begin(), member, member + 1);
  std::rotate(g.source.beneficiary_lines.begin(), g.source.beneficiary_lines.begin() + at,
              g.source.beneficiary_lines.begin() + at + 1);
  bool member_valid = g.valid[at];
  g.valid.erase(g.valid.begin() + at);
  g.valid.insert(g.valid.begin(), member_valid);
  bool member_condition = g.condition_given[at];
  g.condition_given.erase(g.condition_given.begin() + at);
  g.condition_given.insert(g.condition_given.begin(), member_condition);

  auto kind = products_.find(c.product);
  if (kind != products_.end() && kind->second == ProductKind::kRegional) {  // ELIG-10
    if (c.commune.empty()) {
      error(g.member_line, "commune", "ELIG-10: a regional product needs the member's commune");
    }
    if (!c.link) {
      error(g.member_line, "link", "ELIG-10: a regional product needs the link (residence or work)");
    }
  }
  const Beneficiary& m = c.beneficiaries[0];
  // MAJ-07: the end of the last reference guarantee is before the adhesion it precedes (a later
  // one is a data error, not a reason for N = 0).
  if (c.last_coverage_end && g.valid[0] && *c.last_coverage_end >= m.start_date) {
    error(g.member_line, kColumnNames[kLastCoverageEnd],
          format_date(*c.last_coverage_end) + " is not before the member's start date " +
              format_date(m.start_date) + " (the last reference guarantee precedes the adhesion)");
  }
  for (size_t i = 1; i < c.beneficiaries.size(); ++i) {
    const Beneficiary& b = c.beneficiaries[i];
    if (b.role != Role::kChild || !g.valid[i]) continue;
    int line = g.source.beneficiary_lines[i];
    int age = age_on(b.birth_date, b.start_date);
    if (age >= kChildMaxAge) {
      error(line, "birth_date", "ELIG-03..06: a child must be under 26 on the start date (aged " +
                                    std::to_string(age) + " on " + format_date(b.start_date) + ")");
    } else if (member_valid && b.birth_date <= m.birth_date) {
      error(line, "birth_date", "a child must be born after the member");
    } else if (b.condition) {
      // ELIG-03..08, ELIG-11: the condition (a minor when none is given) is met on the start
      // date, with its proof when it needs one.
      auto it = proofs_of_.find(b.id);
      const std::vector<Proof> none;
      if (Status s = check_child(*b.condition, b.birth_date, b.start_date,
                                 it == proofs_of_.end() ? none : it->second);
          !s) {
        std::string hint = g.condition_given[i] ? "" : " (no condition given: a minor, ELIG-11;"
                                                       " give condition and proof columns)";
        error(line, "condition", s.error().rule_id + ": " + s.error().message + hint);
      }
    }
  }
}

void Parser::finish() {
  for (Group& g : groups_) check_group(g);
  // Errors in line order, whichever check found them.
  std::stable_sort(out_.errors.begin(), out_.errors.end(),
                   [](const Error& a, const Error& b) { return a.line < b.line; });
  out_.contracts.reserve(groups_.size());
  out_.sources.reserve(groups_.size());
  for (auto& [id, proofs] : proofs_of_) {
    for (Proof& p : proofs) out_.proofs.push_back(std::move(p));
  }
  // File order is lost in the hash table: by beneficiary, then validity, for a stable output.
  std::sort(out_.proofs.begin(), out_.proofs.end(), [](const Proof& a, const Proof& b) {
    return std::tie(a.beneficiary_id, a.valid_from) < std::tie(b.beneficiary_id, b.valid_from);
  });
  for (Group& g : groups_) {
    out_.contracts.push_back(std::move(g.contract));
    out_.sources.push_back(std::move(g.source));
  }
}

MembersFile parse(Result<std::unique_ptr<CsvReader>> csv, const ProductKinds& products,
                  size_t expected_rows) {
  MembersFile out;
  if (!csv.ok()) {
    out.errors.push_back(csv.error());
    return out;
  }
  Parser(**csv, products, out, expected_rows).run();
  return out;
}

}  // namespace

const std::vector<std::string>& members_required_columns() {
  static const std::vector<std::string> names(kColumnNames, kColumnNames + kRequiredCount);
  return names;
}

MembersFile parse_members_csv(const std::string& path, const ProductKinds& products) {
  // About 120 bytes a row in a typical members file.
  std::error_code ec;
  auto bytes = std::filesystem::file_size(path, ec);
  return parse(CsvReader::open(path), products, ec ? 0 : static_cast<size_t>(bytes / 120));
}

MembersFile parse_members_text(std::string text, const std::string& name,
                               const ProductKinds& products) {
  size_t expected_rows = text.size() / 120;
  return parse(CsvReader::from_string(std::move(text), name), products, expected_rows);
}

std::optional<int> parse_coefficient_bp(std::string_view t) {
  if (t.empty() || !is_digit(t[0])) return std::nullopt;
  int bp = (t[0] - '0') * 10000;
  if (t.size() == 1) return bp;
  if (t[1] != '.' || t.size() < 3 || t.size() > 6) return std::nullopt;
  int scale = 1000;
  for (size_t i = 2; i < t.size(); ++i, scale /= 10) {
    if (!is_digit(t[i])) return std::nullopt;
    bp += (t[i] - '0') * scale;
  }
  return bp;
}

bool is_commune_code(std::string_view t) {
  if (t.size() != 5 || !is_digit(t[0])) return false;
  bool corsica = t[0] == '2' && (t[1] == 'A' || t[1] == 'B');
  if (!corsica && !is_digit(t[1])) return false;
  return is_digit(t[2]) && is_digit(t[3]) && is_digit(t[4]);
}

bool is_email(std::string_view t) {
  size_t at = t.find('@');
  if (at == 0 || at == std::string_view::npos || t.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  size_t dot = t.find('.', at + 1);
  return dot != std::string_view::npos && dot > at + 1 && dot + 1 < t.size() &&
         t.find_first_of(" \t,;") == std::string_view::npos;
}

}  // namespace mutua

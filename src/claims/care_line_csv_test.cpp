// The care-line parser's bounds (issue 14, item 11): amounts over bounds.care_line.amount_max,
// amounts that would overflow, future care and received dates, RO amounts inconsistent with
// base × ro_rate, and identifiers or text outside core/text.hpp; each an error naming file,
// line and column.
#include "claims/care_line_csv.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace mutua {
namespace {

using namespace std::string_literals;

const Regulation& regulation() {
  static const Regulation r =
      *Regulation::load_file(std::string(MUTUA_SOURCE_DIR) + "/config/regulation.yaml");
  return r;
}

const std::string kHeader =
    "claim_id,line,contract_id,beneficiary_id,care_date,received_date,category,act_code,quantity,"
    "charged,base,ro_rate,ro_paid,flat_fee,franchise,provider\n";
// A consistent line: 30.00 × 70% = 21.00 = 19.00 paid + 2.00 flat fee.
const std::string kGood = "C1,1,K1,B1,2026-02-10,2026-02-12,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,P1";

// Parses one record (after the header) with the bounds in force on 2026-12-31.
Status parse(const std::string& record, CareLine* out = nullptr) {
  auto reader = CsvReader::from_string(kHeader + record + "\n", "lines.csv");
  if (!reader) return reader.error();
  auto bounds = InputBounds::at(regulation(), make_date(2026, 12, 31));
  EXPECT_TRUE(bounds.ok());
  auto columns = CareLineColumns::resolve(**reader, CareLineChecks{*bounds, make_date(2026, 12, 31)});
  if (!columns) return columns.error();
  auto got = (*reader)->next();
  if (!got) return got.error();
  CareLine line;
  Status s = columns->parse(**reader, out ? *out : line);
  return s;
}

// Replaces field `index` (0-based) of the good line.
std::string with(size_t index, const std::string& value) {
  std::vector<std::string> fields;
  size_t start = 0;
  for (size_t comma; (comma = kGood.find(',', start)) != std::string::npos; start = comma + 1) {
    fields.push_back(kGood.substr(start, comma - start));
  }
  fields.push_back(kGood.substr(start));
  fields[index] = value;
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + fields[i];
  return out;
}

std::string error_of(const std::string& record) {
  Status s = parse(record);
  return s.ok() ? "accepted" : s.error().to_string();
}

TEST(CareLineBounds, AGoodLinePasses) {
  CareLine line;
  ASSERT_TRUE(parse(kGood, &line).ok());
  EXPECT_EQ(line.ro_paid, Money::from_cents(1900));
}

TEST(CareLineBounds, AmountsOverTheBoundAreRefusedByColumn) {
  // 100,000,000,000,000.00 euros of care (the hostile tester's line).
  EXPECT_EQ(error_of(with(9, "100000000000000.00")),
            "lines.csv:2: charged: over the maximum of 1000000.00 (bounds.care_line.amount_max): "
            "100000000000000.00");
  EXPECT_NE(error_of(with(10, "1000000.01")).find("lines.csv:2: base: over the maximum"),
            std::string::npos);
  EXPECT_NE(error_of(with(13, "92233720368547758.07")).find("lines.csv:2: flat_fee: over"),
            std::string::npos);
  EXPECT_NE(error_of(with(12, "92233720368547758.07")).find("lines.csv:2: ro_paid: over"),
            std::string::npos);
  EXPECT_NE(error_of(with(9, "92233720368547758.08")).find("lines.csv:2: charged: not an amount"),
            std::string::npos);
}

TEST(CareLineBounds, AnAmountAtTheBoundIsAccepted) {
  // 1,000,000.00 charged and based at 0% (a consistent, if odd, line).
  std::string line = "C1,1,K1,B1,2026-02-10,2026-02-12,HOSP_FEES,GHS,1,1000000.00,1000000.00,80,800000.00,0.00,0.00,P1";
  EXPECT_EQ(error_of(line), "accepted");
}

TEST(CareLineBounds, FutureDatesAreRefused) {
  EXPECT_EQ(error_of(with(4, "2027-01-01")),
            "lines.csv:2: care_date: in the future: 2027-01-01 is after the business date 2026-12-31");
  EXPECT_EQ(error_of(with(5, "2027-01-05")),
            "lines.csv:2: received_date: in the future: 2027-01-05 is after the business date "
            "2026-12-31");
  EXPECT_EQ(error_of(with(5, "2026-12-31")), "accepted");
}

TEST(CareLineBounds, RoPaidMustMatchBaseTimesRate) {
  // 30.00 × 70% = 21.00 but the RO is said to have paid 29.00 + 2.00.
  EXPECT_EQ(error_of(with(12, "29.00")),
            "lines.csv:2: ro_paid: ro_paid + flat_fee + franchise = 31.00 but base 30.00 x ro_rate "
            "70% = 21.00 (tolerance 0.21, bounds.ro_consistency.*)");
  // Within the tolerance (the larger of 0.05 and 1% of 21.00 = 0.21): accepted.
  EXPECT_EQ(error_of(with(12, "19.21")), "accepted");
  EXPECT_NE(error_of(with(12, "19.22")), "accepted");
  // Without a ro_rate there is nothing to compare with.
  EXPECT_EQ(error_of(with(11, "")), "accepted");
}

TEST(CareLineBounds, IdentifiersAndTextAreChecked) {
  EXPECT_EQ(error_of(with(2, "../escaped")),
            "lines.csv:2: contract_id: identifier may hold only letters, digits, '.', '_' and '-'");
  EXPECT_NE(error_of(with(0, ".hidden")).find("lines.csv:2: claim_id: identifier must not start"),
            std::string::npos);
  EXPECT_NE(error_of(with(3, std::string(65, 'B'))).find("lines.csv:2: beneficiary_id:"),
            std::string::npos);
  EXPECT_NE(error_of(with(15, "Dr \xe9tienne")).find("lines.csv:2: provider: invalid UTF-8"),
            std::string::npos);
  EXPECT_NE(error_of(with(15, "\"Dr\nX\"")).find("lines.csv:2: provider: control character"),
            std::string::npos);
  EXPECT_NE(error_of(with(15, "a\0b"s)).find("lines.csv:2: provider: control character"),
            std::string::npos);
  EXPECT_NE(error_of(with(7, std::string(1000, 'G'))).find("lines.csv:2: act_code: text longer"),
            std::string::npos);
}

// Whatever the amounts written, parsing never throws nor overflows: a line is accepted within
// the bounds or refused with an error on its line.
RC_GTEST_PROP(CareLineBounds, AnyAmountIsAcceptedOrRefusedNeverOverflows,
              (int64_t charged, int64_t paid)) {
  auto text = [](int64_t c) { return Money::from_cents(c < 0 ? -(c + 1) : c).format(); };
  std::string line = "C1,1,K1,B1,2026-02-10,2026-02-12,CONSULT_GP,G,1," + text(charged) + ",0.00,," +
                     text(paid) + ",0.00,0.00,P1";
  Status s = parse(line);
  if (!s) RC_ASSERT(s.error().line == 2);
}

}  // namespace
}  // namespace mutua

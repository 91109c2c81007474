// load_catalogue_into(): BEN-17, a stored year keeps its benefit table. On the sample catalogue
// (LABEL2: glasses 100% BR + 150.00 per equipment in its undated table) against a real SQLite
// file; a decided claim line is stored directly (only its care date matters here).
#include "app/catalogue_service.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "claims/records.hpp"

namespace mutua {
namespace {

namespace fs = std::filesystem;

const Regulation& regulation() {
  static const Regulation r =
      *Regulation::load_file(std::string(MUTUA_SOURCE_DIR) + "/config/regulation.yaml");
  return r;
}

std::string sample_text() {
  std::ifstream in(std::string(MUTUA_SOURCE_DIR) + "/config/catalogue.yaml");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kGlasses150 = "plus: {amount: 150.00, per: equipment}";

// The sample catalogue with LABEL2 changed: its undated glasses allowance set to `undated` euros
// ("150.00" keeps it), and, when `dated_year` is set, a dated table of that year equal to the
// undated one but with glasses at 250.00.
std::string label2_variant(const std::string& undated, int dated_year = 0) {
  std::string text = sample_text();
  const size_t start = text.find("  - code: LABEL2\n");
  const size_t end = text.find("\n  - code: ", start + 1) + 1;
  std::string section = text.substr(start, end - start);
  const std::string head = "    benefits:\n";
  const size_t at = section.find(head);
  const std::string block = section.substr(at + head.size());
  std::string dated;
  if (dated_year != 0) {
    dated = "    benefit_tables:\n      - year: " + std::to_string(dated_year) +
            "\n        decided: " + std::to_string(dated_year - 1) + "-10-15\n        benefits:\n";
    std::istringstream lines(block);
    for (std::string line; std::getline(lines, line);) dated += "    " + line + "\n";
    dated.replace(dated.find(kGlasses150), kGlasses150.size(),
                  "plus: {amount: 250.00, per: equipment}");
  }
  std::string undated_block = block;
  undated_block.replace(undated_block.find(kGlasses150), kGlasses150.size(),
                        "plus: {amount: " + undated + ", per: equipment}");
  section = section.substr(0, at) + dated + head + undated_block;
  return text.substr(0, start) + section + text.substr(end);
}

class CatalogueLoad : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("mutua_catload_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = Store::open((dir_ / "t.db").string());
    store_->migrate();
    CatalogueLoadOutcome first = load(sample_text());
    ASSERT_TRUE(first.errors.empty()) << first.errors.front().to_string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  CatalogueLoadOutcome load(const std::string& text) {
    const std::string path = (dir_ / ("c" + std::to_string(++files_) + ".yaml")).string();
    std::ofstream(path) << text;
    return load_catalogue_into(*store_, path, regulation());
  }

  // A decided line of LABEL2 glasses with this care date.
  void decide(const char* claim, Date care) {
    CareLine l;
    l.claim_id = claim;
    l.line = 1;
    l.contract_id = "C";
    l.beneficiary_id = "C-1";
    l.care_date = care;
    l.received_date = care;
    l.category = "OPTICS_FRAME_LENSES";
    StoredDecision d{claim, 1, 1, "C", ClaimStatus::kPaid, Money::from_cents(15006), Money{}, "", ""};
    encode_detail(d.detail, l, "C", std::nullopt, Money{}, 0, Money{});
    Transaction tx(*store_);
    store_->insert_decisions({d});
    tx.commit();
  }

  // LABEL2's glasses allowance in force in `year`, as stored.
  Money glasses(int year) {
    Catalogue c = store_->load_catalogue();
    return c.find("LABEL2")->benefit_for("OPTICS_FRAME_LENSES", year)->formula->plus->amount;
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
  int files_ = 0;
};

// The acceptance tester's first reproduction: a 2026 glasses line decided under the undated table
// (150.00), then a dated 2026 table (250.00) → refused, exit 4 (rule BEN-17), naming LABEL2 and
// 2026, and nothing written (2026 still 150.00, no dated table stored).
TEST_F(CatalogueLoad, BEN_17_DatedTableForAYearWithDecidedLinesIsRefused) {
  decide("K1", make_date(2026, 3, 10));
  CatalogueLoadOutcome out = load(label2_variant("150.00", 2026));
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(out.errors[0].rule_id, "BEN-17");
  EXPECT_NE(out.errors[0].message.find("LABEL2 2026: the benefit table in force"),
            std::string::npos)
      << out.errors[0].to_string();
  EXPECT_EQ(glasses(2026), Money::from_euros(150));
  EXPECT_TRUE(store_->load_catalogue().find("LABEL2")->benefit_tables.empty());
}

// The second reproduction: with a dated 2027 table stored (a future, unused year: allowed) and a
// 2026 line decided, an undated table paying 100.00 would change 2026 (150.00 → 100.00) → refused
// for 2026 only (2027 keeps its dated 250.00 table); the stored undated table stays 150.00.
TEST_F(CatalogueLoad, BEN_17_UndatedChangeForAStoredYearIsRefused) {
  CatalogueLoadOutcome dated = load(label2_variant("150.00", 2027));
  ASSERT_TRUE(dated.errors.empty()) << dated.errors.front().to_string();
  EXPECT_EQ(dated.report.benefit_tables_added, 1);
  EXPECT_EQ(glasses(2027), Money::from_euros(250));
  decide("K1", make_date(2026, 3, 10));
  CatalogueLoadOutcome out = load(label2_variant("100.00", 2027));
  ASSERT_EQ(out.errors.size(), 1u) << out.errors[0].to_string();
  EXPECT_EQ(out.errors[0].rule_id, "BEN-17");
  EXPECT_NE(out.errors[0].message.find("LABEL2 2026"), std::string::npos);
  EXPECT_EQ(glasses(2026), Money::from_euros(150));
  EXPECT_EQ(glasses(2025), Money::from_euros(150));
}

// Not stored, still allowed: without any decided line, the undated table may change (2026:
// 150.00 → 100.00) and a dated table may be added for 2026 (250.00).
TEST_F(CatalogueLoad, BEN_17_YearsNotStoredMayChange) {
  CatalogueLoadOutcome undated = load(label2_variant("100.00"));
  ASSERT_TRUE(undated.errors.empty()) << undated.errors.front().to_string();
  EXPECT_EQ(glasses(2026), Money::from_euros(100));
  CatalogueLoadOutcome dated = load(label2_variant("100.00", 2026));
  ASSERT_TRUE(dated.errors.empty()) << dated.errors.front().to_string();
  EXPECT_EQ(glasses(2026), Money::from_euros(250));
  EXPECT_EQ(glasses(2025), Money::from_euros(100));
  // Now 2026 is stored (its dated table): a decided 2025 line makes 2025 stored too, and the
  // undated table back to 150.00 would change 2025 (100.00 → 150.00) → refused for 2025 alone.
  decide("K2", make_date(2025, 11, 2));
  CatalogueLoadOutcome out = load(label2_variant("150.00", 2026));
  ASSERT_EQ(out.errors.size(), 1u) << out.errors[0].to_string();
  EXPECT_NE(out.errors[0].message.find("LABEL2 2025"), std::string::npos);
}

}  // namespace
}  // namespace mutua

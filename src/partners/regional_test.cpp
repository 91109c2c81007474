// Who may subscribe to the regional product (ELIG-10): a commune with a partnership convention in
// force, a link to it, and no mandatory collective cover. Saint-Chamond (42207): the seed
// convention (2025-03-17 .. 2028-12-31).
#include <gtest/gtest.h>

#include "partners/regional.hpp"

namespace mutua {
namespace {

Date d(const char* t) { return *parse_date(t); }

const std::vector<ConventionPeriod> kSeed{{"CONV-42207-2025-1", d("2025-03-17"), d("2028-12-31")}};

RegionalRequest request(const char* date = "2025-06-01") {
  RegionalRequest r;
  r.commune = "42207";
  r.link = Link::kResidence;
  r.collective_cover = false;
  r.date = d(date);
  return r;
}

// ELIG-10: a resident or a worker of a commune under convention, not collectively covered.
TEST(Regional, EligibleELIG10) {
  auto ok = check_regional_eligibility(request(), kSeed, "", "");
  ASSERT_TRUE(ok) << ok.error().to_string();
  EXPECT_EQ(ok->id, "CONV-42207-2025-1");
  auto work = request("2025-03-17");  // the effect date
  work.link = Link::kWork;
  EXPECT_TRUE(check_regional_eligibility(work, kSeed, "", ""));
  EXPECT_TRUE(check_regional_eligibility(request("2028-12-31"), kSeed, "", ""));  // last day
}

// ELIG-10: the first convention in force by effect date when several are.
TEST(Regional, FirstConventionInForceELIG10) {
  const std::vector<ConventionPeriod> two{
      {"CONV-42207-2026-1", d("2026-01-01"), d("2029-12-31")},
      {"CONV-42207-2025-1", d("2025-03-17"), d("2028-12-31")},
  };
  EXPECT_EQ(check_regional_eligibility(request("2026-06-01"), two, "", "")->id,
            "CONV-42207-2025-1");
  EXPECT_EQ(check_regional_eligibility(request("2029-06-01"), two, "", "")->id,
            "CONV-42207-2026-1");
}

// ELIG-10: no convention, none in force yet, or one that has ended: refused.
TEST(Regional, NoConventionInForceELIG10) {
  for (const char* date : {"2025-03-16", "2029-01-01"}) {
    auto r = check_regional_eligibility(request(date), kSeed, "", "");
    ASSERT_FALSE(r) << date;
    EXPECT_EQ(r.error().rule_id, "ELIG-10");
  }
  auto none = check_regional_eligibility(request(), {}, "", "");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().rule_id, "ELIG-10");
  // Ended early by a non-renewal notice: its end as things stand counts.
  const std::vector<ConventionPeriod> ended{
      {"CONV-42207-2025-1", d("2025-03-17"), d("2025-12-31")}};
  auto after = check_regional_eligibility(request("2026-01-15"), ended, "", "");
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().rule_id, "ELIG-10");
  EXPECT_NE(after.error().message.find("ended on 2025-12-31"), std::string::npos);
}

// ELIG-10: a person covered by a mandatory collective contract (ANI) is not eligible.
TEST(Regional, CollectiveCoverRefusedELIG10) {
  auto r = request();
  r.collective_cover = true;
  auto refused = check_regional_eligibility(r, kSeed, "", "");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().rule_id, "ELIG-10");
}

// ELIG-10: commune, link and declaration are required (bad input, named by CLI option or by the
// request file's key).
TEST(Regional, MissingDataELIG10) {
  auto field_of = [](const RegionalRequest& r, const std::string& file, const std::string& prefix) {
    auto e = check_regional_eligibility(r, kSeed, file, prefix);
    EXPECT_FALSE(e);
    EXPECT_TRUE(e.error().rule_id.empty());
    EXPECT_EQ(e.error().file, file);
    return e.error().field;
  };
  auto r = request();
  r.commune.clear();
  EXPECT_EQ(field_of(r, "", ""), "--commune");
  EXPECT_EQ(field_of(r, "enrol.json", "regional."), "commune");
  r.commune = "20004";
  EXPECT_EQ(field_of(r, "", ""), "--commune");
  EXPECT_EQ(field_of(r, "enrol.json", "regional."), "commune");
  r = request();
  r.link.reset();
  EXPECT_EQ(field_of(r, "", ""), "--link");
  EXPECT_EQ(field_of(r, "enrol.json", "regional."), "link");
  r = request();
  r.collective_cover.reset();
  EXPECT_EQ(field_of(r, "", ""), "--no-collective-cover");
  EXPECT_EQ(field_of(r, "enrol.json", "regional."), "regional.collective_cover");
}

// PAR-10: the priority publics of the convention's preamble round-trip through their codes.
TEST(Regional, PriorityPublicsPAR10) {
  for (int i = 0; i < kPriorityPublics; ++i) {
    const auto p = static_cast<PriorityPublic>(i);
    EXPECT_EQ(parse_priority_public(to_string(p)), p);
    EXPECT_STRNE(french_label(p), "?");
  }
  EXPECT_FALSE(parse_priority_public("retired"));
  EXPECT_EQ(priority_public_codes().find("young_jobless, senior"), 0u);
}

}  // namespace
}  // namespace mutua

// The commune's review of materials using its graphic charter before publication (PAR-05,
// CONV art. 2: « valider en amont avec la Commune l'utilisation de sa charte graphique »).
#include <gtest/gtest.h>

#include "partners/materials.hpp"

namespace mutua {
namespace {

Date d(const char* t) { return *parse_date(t); }

Material flyer(const char* submitted = "2025-04-01") {
  Material m;
  m.id = 7;
  m.convention_id = "CONV-42207-2025-1";
  m.commune = "42207";
  m.title = "Dépliant « Ma mutuelle Région » — réunion du 12 mai";
  m.medium = Medium::kPrint;
  m.reference = "depliant-v1.pdf";
  m.submitted = d(submitted);
  return m;
}

Material submitted(const char* date = "2025-04-01") { return *submit_material(flyer(date), {}); }

// PAR-05: the workflow submitted → approved → published.
TEST(Materials, ApproveThenPublishPAR05) {
  const Material m = submitted();
  EXPECT_EQ(m.status, MaterialStatus::kSubmitted);
  EXPECT_EQ(m.version, 1);
  EXPECT_FALSE(m.replaces);
  auto approved = approve_material(m, d("2025-04-03"), "Service communication", "");
  ASSERT_TRUE(approved) << approved.error().to_string();
  EXPECT_EQ(approved->status, MaterialStatus::kApproved);
  EXPECT_EQ(approved->decided, d("2025-04-03"));
  EXPECT_EQ(approved->decided_by, "Service communication");
  auto published = publish_material(*approved, d("2025-04-03"));
  ASSERT_TRUE(published);
  EXPECT_EQ(published->status, MaterialStatus::kPublished);
  EXPECT_EQ(published->published, d("2025-04-03"));
}

// PAR-05: nothing is published before the commune approves it.
TEST(Materials, PublishBeforeApprovalRefusedPAR05) {
  const Material m = submitted();
  auto early = publish_material(m, d("2025-04-05"));
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().rule_id, "PAR-05");
  auto rejected = *reject_material(m, d("2025-04-02"), "Service communication", "Logo ancien");
  EXPECT_EQ(publish_material(rejected, d("2025-04-05")).error().rule_id, "PAR-05");
  auto published =
      *publish_material(*approve_material(m, d("2025-04-02"), "M. X", ""), d("2025-04-05"));
  EXPECT_EQ(publish_material(published, d("2025-04-06")).error().rule_id, "PAR-05");
}

// PAR-05: a rejection says why; every decision names who decided for the commune.
TEST(Materials, RejectNeedsACommentPAR05) {
  const Material m = submitted();
  for (const char* blank : {"", "  "}) {
    auto r = reject_material(m, d("2025-04-02"), "Service communication", blank);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "--comment");
  }
  auto rejected = reject_material(m, d("2025-04-02"), "Service communication",
                                  "La charte 2025 impose le nouveau logo");
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->status, MaterialStatus::kRejected);
  EXPECT_EQ(rejected->comment, "La charte 2025 impose le nouveau logo");
  EXPECT_EQ(approve_material(m, d("2025-04-02"), "", "").error().field, "--by");
  EXPECT_EQ(reject_material(m, d("2025-04-02"), " ", "Non").error().field, "--by");
  EXPECT_EQ(approve_material(m, d("2025-04-02"), "M. X", std::string(2001, 'x')).error().field,
            "--comment");
  EXPECT_TRUE(approve_material(m, d("2025-04-02"), "M. X", std::string(2000, 'x')));
}

// PAR-05: a decided material is not decided again; dates follow the workflow.
TEST(Materials, DecisionsAreFinalAndDatedPAR05) {
  const Material m = submitted();
  const Material approved = *approve_material(m, d("2025-04-02"), "M. X", "");
  EXPECT_EQ(reject_material(approved, d("2025-04-03"), "M. X", "Non").error().rule_id, "PAR-05");
  EXPECT_EQ(approve_material(approved, d("2025-04-03"), "M. X", "").error().rule_id, "PAR-05");
  const Material rejected = *reject_material(m, d("2025-04-02"), "M. X", "Non");
  EXPECT_EQ(approve_material(rejected, d("2025-04-03"), "M. X", "").error().rule_id, "PAR-05");
  // A decision before the submission, a publication before the approval.
  EXPECT_EQ(approve_material(m, d("2025-03-31"), "M. X", "").error().field, "--date");
  EXPECT_EQ(reject_material(m, d("2025-03-31"), "M. X", "Non").error().field, "--date");
  EXPECT_TRUE(approve_material(m, d("2025-04-01"), "M. X", ""));  // same day
  EXPECT_EQ(publish_material(approved, d("2025-04-01")).error().field, "--date");
}

// PAR-05: a rejected (or approved) version is replaced by a new version, submitted afresh.
TEST(Materials, ResubmissionVersionsPAR05) {
  const Material v1 = *reject_material(submitted(), d("2025-04-02"), "M. X", "Logo ancien");
  Material next = flyer("2025-04-04");
  next.reference = "depliant-v2.pdf";
  next.replaces = v1.id;
  auto v2 = submit_material(next, v1);
  ASSERT_TRUE(v2) << v2.error().to_string();
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(v2->replaces, 7);
  EXPECT_EQ(v2->status, MaterialStatus::kSubmitted);
  EXPECT_EQ(v1.status, MaterialStatus::kRejected);  // the old one is left as it was

  Material v2_stored = *v2;
  v2_stored.id = 8;
  const Material v2_approved = *approve_material(v2_stored, d("2025-04-05"), "M. X", "");
  auto v3 = submit_material(flyer("2025-04-05"), v2_approved);
  ASSERT_TRUE(v3);
  EXPECT_EQ(v3->version, 3);
  EXPECT_EQ(v3->replaces, 8);

  // Not a pending or published version; not before the decision; not another convention's.
  auto pending = submit_material(flyer("2025-04-05"), v2_stored);
  ASSERT_FALSE(pending);
  EXPECT_EQ(pending.error().rule_id, "PAR-05");
  const Material published = *publish_material(v2_approved, d("2025-04-06"));
  EXPECT_EQ(submit_material(flyer("2025-04-07"), published).error().rule_id, "PAR-05");
  EXPECT_EQ(submit_material(flyer("2025-04-01"), v1).error().field, "--date");
  Material elsewhere = flyer("2025-04-04");
  elsewhere.convention_id = "CONV-42218-2025-1";
  EXPECT_EQ(submit_material(elsewhere, v1).error().field, "--replaces");
  Material orphan = flyer("2025-04-04");
  orphan.replaces = 99;
  EXPECT_EQ(submit_material(orphan, std::nullopt).error().field, "--replaces");
}

// PAR-05: titles of 1 to 200 characters (not bytes), comments of at most 2000.
TEST(Materials, TitleAndCommentLengthsPAR05) {
  Material m = flyer();
  m.title = "";
  EXPECT_EQ(submit_material(m, {}).error().field, "--title");
  m.title = "   ";
  EXPECT_EQ(submit_material(m, {}).error().field, "--title");
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "é";  // 400 bytes, 200 characters
  m.title = accents;
  EXPECT_TRUE(submit_material(m, {}));
  m.title += "e";
  EXPECT_EQ(submit_material(m, {}).error().field, "--title");
  m.title = "Affiche";
  m.comment = std::string(2001, 'x');
  EXPECT_EQ(submit_material(m, {}).error().field, "--comment");
}

// PAR-05: media and statuses round-trip through their codes.
TEST(Materials, CodesPAR05) {
  for (Medium medium : {Medium::kPrint, Medium::kOnline, Medium::kSocialMedia,
                        Medium::kMunicipalNewsletter, Medium::kPoster, Medium::kOther}) {
    EXPECT_EQ(parse_medium(to_string(medium)), medium);
  }
  for (MaterialStatus s : {MaterialStatus::kSubmitted, MaterialStatus::kApproved,
                           MaterialStatus::kRejected, MaterialStatus::kPublished}) {
    EXPECT_EQ(parse_material_status(to_string(s)), s);
  }
}

}  // namespace
}  // namespace mutua

// Identifiers and free text from outside (issue 14, item 12): the safe alphabet, valid UTF-8,
// no control characters, bounded length.
#include "core/text.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace mutua {
namespace {

using namespace std::string_literals;

TEST(Ids, AcceptTheFormatsInUse) {
  for (const char* id : {"K1", "C001", "C1-2", "D0000000001", "P00000001", "LABEL2", "VIR-0001",
                         "a.b_c-d"}) {
    EXPECT_FALSE(id_problem(id)) << id;
  }
  EXPECT_FALSE(id_problem(std::string(kIdBytesMax, 'x')));
}

TEST(Ids, RefusePathsControlsAndLength) {
  for (const std::string& id :
       {""s, "../escaped"s, ".."s, "."s, ".hidden"s, "a/b"s, "a\\b"s, "-x"s, "a b"s, "a\nb"s,
        "a\0b"s, "Zoé"s, std::string(kIdBytesMax + 1, 'x')}) {
    EXPECT_TRUE(id_problem(id)) << id;
  }
}

TEST(Text, AcceptsFrenchNames) {
  EXPECT_FALSE(text_problem("Éléonore D'ARC-Müller", kNameBytesMax));
  EXPECT_FALSE(text_problem("", kNameBytesMax));
  EXPECT_FALSE(text_problem("12 rue de l'Église\n75001 Paris", kTextBytesMax, true));
  EXPECT_FALSE(text_problem("😀 € œ", kNameBytesMax));
}

TEST(Text, RefusesNulControlsInvalidUtf8AndLength) {
  EXPECT_TRUE(text_problem("a\0b"s, kNameBytesMax));
  EXPECT_TRUE(text_problem("a\nb", kNameBytesMax));
  EXPECT_TRUE(text_problem("a\rb", kTextBytesMax, true));
  EXPECT_TRUE(text_problem("a\tb", kNameBytesMax));
  EXPECT_TRUE(text_problem("a\x7f", kNameBytesMax));
  EXPECT_TRUE(text_problem("\xc2\x85", kNameBytesMax));        // NEL, a C1 control
  EXPECT_TRUE(text_problem("Zo\xe9", kNameBytesMax));          // Latin-1, not UTF-8
  EXPECT_TRUE(text_problem("\xc0\xaf", kNameBytesMax));        // overlong '/'
  EXPECT_TRUE(text_problem("\xed\xa0\x80", kNameBytesMax));    // a surrogate
  EXPECT_TRUE(text_problem("\xf4\x90\x80\x80", kNameBytesMax));  // above U+10FFFF
  EXPECT_TRUE(text_problem("\xe2\x82", kNameBytesMax));        // truncated
  EXPECT_TRUE(text_problem(std::string(10 << 20, 'a'), kTextBytesMax));
  EXPECT_EQ(*text_problem("a\0b"s, kNameBytesMax), "control character at byte 2 (NUL)");
}

TEST(Text, SanitizeReplacesOnlyInvalidBytes) {
  EXPECT_EQ(sanitize_utf8("Zo\xe9 \xc3\xa9"), "Zo\xef\xbf\xbd \xc3\xa9");
  EXPECT_EQ(sanitize_utf8("ok"), "ok");
}

RC_GTEST_PROP(Text, SanitizedTextIsAlwaysValid, (const std::string& bytes)) {
  const std::string clean = sanitize_utf8(bytes);
  RC_ASSERT(is_valid_utf8(clean));
  if (is_valid_utf8(bytes)) RC_ASSERT(clean == bytes);
}

RC_GTEST_PROP(Ids, AnAcceptedIdIsASafeFileName, (const std::string& id)) {
  if (!id_problem(id)) {
    RC_ASSERT(id.find('/') == std::string::npos);
    RC_ASSERT(id != "." && id != "..");
    RC_ASSERT(!text_problem(id, kIdBytesMax));
  }
}

}  // namespace
}  // namespace mutua

#include <gtest/gtest.h>

#include "core/iban.hpp"
#include "core/nir.hpp"

namespace mutua {
namespace {

// Keys computed as 97 − (number mod 97):
//   1850578006048 mod 97 = 67 → key 30;  2930275113255 → key 84;  1750220004012 → key 97.
//   Corsica 185052A004012 uses 1850519004012 → key 70; 285052B004012 uses 2850518004012 → 47.
TEST(Nir, ValidNumbers) {
  EXPECT_TRUE(validate_nir("185057800604830"));
  EXPECT_TRUE(validate_nir("293027511325584"));
  EXPECT_TRUE(validate_nir("175022000401297"));
  EXPECT_TRUE(validate_nir("185052A00401270"));
  EXPECT_TRUE(validate_nir("285052B00401247"));
}

TEST(Nir, WrongKey) {
  Status s = validate_nir("185057800604831");
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("control key"), std::string::npos);
  EXPECT_FALSE(validate_nir("185052A00401271"));
}

TEST(Nir, Malformed) {
  EXPECT_FALSE(validate_nir(""));
  EXPECT_FALSE(validate_nir("18505780060483"));     // 14 characters
  EXPECT_FALSE(validate_nir("1850578006048300"));   // 16
  EXPECT_FALSE(validate_nir("1 85 05 78 006 048 30"));
  EXPECT_FALSE(validate_nir("585057800604830"));    // first digit 5
  EXPECT_FALSE(validate_nir("18505780060X830"));
  EXPECT_FALSE(validate_nir("185052C00401270"));    // only 2A/2B
  EXPECT_FALSE(validate_nir("1850A2000401270"));    // letters elsewhere
}

TEST(Nir, KeyFunction) {
  EXPECT_EQ(nir_key("1850578006048"), 30);
  EXPECT_EQ(nir_key("185052A004012"), 70);
  EXPECT_EQ(nir_key("18505780060"), -1);
}

TEST(Iban, ValidFrDeBe) {
  EXPECT_TRUE(validate_iban("FR7630006000011234567890189"));
  EXPECT_TRUE(validate_iban("FR1420041010050500013M02606"));
  EXPECT_TRUE(validate_iban("DE89370400440532013000"));
  EXPECT_TRUE(validate_iban("BE68539007547034"));
  EXPECT_TRUE(validate_iban("GB82WEST12345698765432"));
}

TEST(Iban, BrokenCheckDigits) {
  EXPECT_FALSE(validate_iban("FR7730006000011234567890189"));
  EXPECT_FALSE(validate_iban("DE88370400440532013000"));
  EXPECT_FALSE(validate_iban("BE68539007547035"));
}

TEST(Iban, StrictForm) {
  EXPECT_FALSE(validate_iban("FR76 3000 6000 0112 3456 7890 189"));
  EXPECT_FALSE(validate_iban("fr7630006000011234567890189"));
  EXPECT_FALSE(validate_iban("FR763000600001123456789018"));  // FR needs 27
  EXPECT_FALSE(validate_iban("FR76"));
}

TEST(Iban, NormalizeThenValidate) {
  std::string n = normalize_iban("fr76 3000 6000 0112 3456 7890 189");
  EXPECT_EQ(n, "FR7630006000011234567890189");
  EXPECT_TRUE(validate_iban(n));
}

}  // namespace
}  // namespace mutua

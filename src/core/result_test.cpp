// Result, Status and Error: the formats the CLI prints (INTERFACES.md "Errors go to stderr as
// one line each: error: <file>:<line>: <field>: <message> / error: <RULE-ID>: <message>").
#include "core/result.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace mutua {
namespace {

TEST(Error, DataErrorFormat) {
  EXPECT_EQ(data_error("members.csv", 12, "birth_date", "not a date").to_string(),
            "members.csv:12: birth_date: not a date");
  EXPECT_EQ(data_error("members.csv", 0, "birth_date", "not a date").to_string(),
            "members.csv: birth_date: not a date");
  EXPECT_EQ(data_error("members.csv", 3, "", "empty line").to_string(),
            "members.csv:3: empty line");
  EXPECT_EQ(data_error("", 0, "role", "unknown role").to_string(), "role: unknown role");
}

TEST(Error, RuleErrorFormat) {
  EXPECT_EQ(rule_error("TAR-05", "product LABEL2 has no tariff for 2027").to_string(),
            "TAR-05: product LABEL2 has no tariff for 2027");
  Error e = rule_error("DEM-01", "notice received after 31 October");
  EXPECT_EQ(e.rule_id, "DEM-01");
  EXPECT_TRUE(e.file.empty());
  EXPECT_EQ(e.line, 0);
}

TEST(Error, PlainMessage) {
  Error e;
  e.message = "something failed";
  EXPECT_EQ(e.to_string(), "something failed");
  // A rule id takes precedence over a file: the refusal is what the user needs first.
  Error both = data_error("x.csv", 4, "", "refused");
  both.rule_id = "BEN-11";
  EXPECT_EQ(both.to_string(), "BEN-11: refused");
}

TEST(Result, HoldsValueOrError) {
  Result<int> ok = 42;
  EXPECT_TRUE(ok.ok());
  EXPECT_TRUE(static_cast<bool>(ok));
  EXPECT_EQ(ok.value(), 42);
  EXPECT_EQ(*ok, 42);
  Result<int> bad = rule_error("TAR-05", "no tariff");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().rule_id, "TAR-05");
}

TEST(Result, MovesOutMoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  std::unique_ptr<int> p = std::move(r).value();
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, 7);
  Result<std::string> s = std::string("abc");
  EXPECT_EQ(s->size(), 3u);
}

TEST(Result, MisuseAborts) {
  EXPECT_DEATH(
      {
        Result<int> r = Error{"x"};
        (void)r.value();
      },
      "");
  EXPECT_DEATH(
      {
        Result<int> r = 1;
        (void)r.error();
      },
      "");
  EXPECT_DEATH(
      {
        Status s;
        (void)s.error();
      },
      "");
}

TEST(Status, SuccessOrError) {
  Status ok = Status::success();
  EXPECT_TRUE(ok.ok());
  Status bad = data_error("f.yaml", 9, "bands", "not ascending");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().to_string(), "f.yaml:9: bands: not ascending");
}

TEST(Assert, BrokenInvariantAbortsWithLocation) {
  EXPECT_DEATH(MUTUA_ASSERT(1 + 1 == 3), "assertion failed: 1 \\+ 1 == 3");
}

}  // namespace
}  // namespace mutua

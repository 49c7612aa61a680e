// Load options written as text are read in one place for the CLI and the plan checks.

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "load/option_text.hpp"

namespace pgcertify::load {
namespace {

TEST(OptionText, QueryModesAndTheirError) {
  EXPECT_EQ(parse_query_mode("simple"), QueryMode::kSimple);
  EXPECT_EQ(parse_query_mode("extended"), QueryMode::kExtended);
  EXPECT_EQ(parse_query_mode("prepared"), QueryMode::kPrepared);
  try {
    parse_query_mode("fast");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "invalid query mode \"fast\" (expected simple, extended or prepared, as pgbench's -M)");
  }
}

TEST(OptionText, SeedShardDefinePercent) {
  EXPECT_EQ(parse_seed("12345"), 12345u);
  EXPECT_THROW(parse_seed("-1"), Error);
  EXPECT_THROW(parse_seed("soon"), Error);
  const Shard s = parse_shard("2/4");
  EXPECT_EQ(s.index, 2);
  EXPECT_EQ(s.count, 4);
  EXPECT_THROW(parse_shard("2"), Error);
  EXPECT_EQ(parse_define("a=b=c"), (std::pair<std::string, std::string>{"a", "b=c"}));
  EXPECT_THROW(parse_define("=x"), Error);
  EXPECT_DOUBLE_EQ(parse_percent("12.5%"), 12.5);
  EXPECT_THROW(parse_percent("12"), Error);
}

}  // namespace
}  // namespace pgcertify::load

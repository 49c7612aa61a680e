#include "plan/units.hpp"

#include <gtest/gtest.h>

namespace pgcertify::plan {
namespace {
using namespace std::chrono_literals;

TEST(ParseDuration, AcceptsEveryUnitOfThePlanFormat) {
  EXPECT_EQ(parse_duration("250ms"), Duration(250ms));
  EXPECT_EQ(parse_duration("5s"), Duration(5s));
  EXPECT_EQ(parse_duration("2min"), Duration(2min));
  EXPECT_EQ(parse_duration("4h"), Duration(4h));
  EXPECT_EQ(parse_duration("1d"), Duration(24h));
  EXPECT_EQ(parse_duration("500us"), Duration(500us));
  EXPECT_EQ(parse_duration("1.5s"), Duration(1500ms));
}

TEST(ParseDuration, RejectsMissingOrUnknownUnitsAndNegatives) {
  EXPECT_FALSE(parse_duration("5"));
  EXPECT_FALSE(parse_duration("5 parsecs"));
  EXPECT_FALSE(parse_duration("ms"));
  EXPECT_FALSE(parse_duration("-1s"));
  EXPECT_EQ(parse_signed_duration("-365d"), Duration(-365 * 24h));
}

TEST(ParseSize, UsesPostgresUnits) {
  EXPECT_EQ(parse_size("512kB"), 512u * 1024);
  EXPECT_EQ(parse_size("1GB"), 1024ull * 1024 * 1024);
  EXPECT_FALSE(parse_size("1gb"));
  EXPECT_FALSE(parse_size("12"));
}

TEST(ParseThreshold, ReadsComparatorsPercentagesAndBareDurations) {
  const auto at_least = parse_threshold(">= 500");
  ASSERT_TRUE(at_least);
  EXPECT_TRUE(at_least->holds(500));
  EXPECT_FALSE(at_least->holds(499.9));

  const auto percent = parse_threshold("< 80%");
  ASSERT_TRUE(percent);
  EXPECT_EQ(percent->unit, ThresholdUnit::kPercent);
  EXPECT_TRUE(percent->holds(79));
  EXPECT_FALSE(percent->holds(80));

  const auto budget = parse_threshold("50ms");
  ASSERT_TRUE(budget);
  EXPECT_EQ(budget->unit, ThresholdUnit::kDuration);
  EXPECT_EQ(budget->comparator, Comparator::kLessEqual);
  EXPECT_TRUE(budget->holds(50000));
  EXPECT_FALSE(budget->holds(50001));
  EXPECT_EQ(budget->describe(), "<= 50ms");
}

TEST(ParseThreshold, BareNumberIsAnUpperBoundOrEqualityAsAsked) {
  EXPECT_EQ(parse_threshold("0")->comparator, Comparator::kLessEqual);
  EXPECT_EQ(parse_threshold("3", BareNumber::kEqual)->comparator, Comparator::kEqual);
  EXPECT_FALSE(parse_threshold(">= lots"));
}

TEST(FormatDuration, PicksAReadableUnit) {
  EXPECT_EQ(format_duration(Duration(250ms)), "250ms");
  EXPECT_EQ(format_duration(Duration(90s)), "1.5min");
  EXPECT_EQ(format_duration(Duration(12us)), "12us");
}

}  // namespace
}  // namespace pgcertify::plan

#include "checks/performance/index_health_options.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"

namespace pgcertify::checks {
namespace {

plan::Node node(const std::string& yaml) {
  return plan::Node(YAML::Load(yaml), std::make_shared<plan::SourceText>(plan::SourceText{"t.yaml", yaml}));
}

std::string plan_error(const std::string& yaml) {
  try {
    IndexHealthOptions::read(node(yaml));
  } catch (const Error& e) {
    return e.where.to_string() + ": " + e.what();
  }
  return "no error";
}

TEST(IndexHealthOptions, DefaultsReportEverythingButIndexRatio) {
  const auto o = IndexHealthOptions::read(node("{}"));
  EXPECT_EQ(o.schema, "public");
  EXPECT_TRUE(o.tables.empty());
  EXPECT_EQ(o.report, (std::vector<FindingKind>{FindingKind::kUnused, FindingKind::kDuplicate, FindingKind::kRedundant,
                                                FindingKind::kFkWithoutIndex, FindingKind::kBloat, FindingKind::kInvalid}));
  EXPECT_EQ(o.max_index_bloat.describe(), "<= 20%");
  EXPECT_EQ(o.max_dead_tuples.describe(), "<= 20%");
  EXPECT_EQ(o.max, 0);
  EXPECT_EQ(o.min_size, 0u);
}

TEST(IndexHealthOptions, MaxIndexRatioTurnsIndexRatioOn) {
  const auto o = IndexHealthOptions::read(node("{max_index_ratio: '300%', tables: t, allow: [a, b], min_size: 8MB}"));
  EXPECT_TRUE(o.reports(FindingKind::kIndexRatio));
  EXPECT_EQ(o.tables, std::vector<std::string>{"t"});
  EXPECT_EQ(o.allow, (std::set<std::string>{"a", "b"}));
  EXPECT_EQ(o.min_size, 8u * 1024 * 1024);
  const auto only = IndexHealthOptions::read(node("{report: [bloat, duplicate, bloat]}"));
  EXPECT_EQ(only.report, (std::vector<FindingKind>{FindingKind::kBloat, FindingKind::kDuplicate}));
}

TEST(IndexHealthOptions, RejectsBadOptionsAtTheirPosition) {
  EXPECT_EQ(plan_error("{report: [unused, bloaty]}"),
            "t.yaml:1:19: unknown finding kind 'bloaty' (did you mean 'bloat'?) (expected unused, duplicate, "
            "redundant, fk_without_index, bloat, index_ratio or invalid)");
  EXPECT_EQ(plan_error("{report: []}"), "t.yaml:1:10: 'report' lists no finding kind");
  EXPECT_EQ(plan_error("{report: index_ratio}"),
            "t.yaml:1:10: 'report' lists index_ratio but no 'max_index_ratio' is given (e.g. \"300%\")");
  EXPECT_EQ(plan_error("{max_index_bloat: 20}"),
            "t.yaml:1:19: invalid 'max_index_bloat' '20' (expected a percentage such as \"20%\")");
  EXPECT_EQ(plan_error("{max_dead_tuples: '>= 5%'}"),
            "t.yaml:1:19: invalid 'max_dead_tuples' '>= 5%' (expected a percentage such as \"20%\")");
  EXPECT_EQ(plan_error("{max: -1}"), "t.yaml:1:7: 'max' must be 0 or more");
  EXPECT_EQ(plan_error("{tables: []}"),
            "t.yaml:1:10: 'tables' lists no table (leave it out for every table of the schema)");
  EXPECT_EQ(plan_error("{min_size: 8 MiB}"),
            "t.yaml:1:12: invalid 'min_size' '8 MiB' (expected a size such as 0, 512kB or 8MB)");
}

Candidate candidate(FindingKind kind, std::uint64_t bytes, std::optional<double> value = std::nullopt) {
  return {kind, false, "idx", "t", bytes, std::to_string(bytes / 1024) + " kB", value, "detail"};
}

TEST(IndexHealthJudge, ThresholdsMinSizeAndAllow) {
  auto o = IndexHealthOptions::read(node("{min_size: 16kB, max_index_ratio: '300%', allow: [kept]}"));
  EXPECT_EQ(judge(candidate(FindingKind::kUnused, 16 * 1024), o), "unused index idx on t (16 kB, detail)");
  EXPECT_FALSE(judge(candidate(FindingKind::kUnused, 8 * 1024), o));      // under min_size
  EXPECT_TRUE(judge(candidate(FindingKind::kDuplicate, 8 * 1024), o));    // structural: size does not matter
  EXPECT_FALSE(judge(candidate(FindingKind::kBloat, 1 << 20, 20.0), o));  // at the limit: fine
  EXPECT_EQ(judge(candidate(FindingKind::kBloat, 1 << 20, 20.5), o),
            "bloated index idx on t (1024 kB, ~20.5% estimated bloat, detail)");
  EXPECT_FALSE(judge(candidate(FindingKind::kBloat, 1 << 20), o));  // not estimated
  EXPECT_FALSE(judge(candidate(FindingKind::kIndexRatio, 1 << 20, 300.0), o));
  EXPECT_TRUE(judge(candidate(FindingKind::kIndexRatio, 1 << 20, 301.0), o));
  Candidate table = candidate(FindingKind::kBloat, 1 << 20, 35.0);
  table.table_level = true;
  EXPECT_EQ(judge(table, o), "dead tuples in table t (1024 kB, 35.0% dead: detail)");
  Candidate allowed = candidate(FindingKind::kFkWithoutIndex, 1 << 20);
  allowed.object = "kept";
  EXPECT_FALSE(judge(allowed, o));
}

}  // namespace
}  // namespace pgcertify::checks

// Merging the --json summaries of load shards, and comparing a run with a baseline.

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "load/baseline.hpp"
#include "load/merge.hpp"
#include "load/summary.hpp"

namespace pgcertify::load {
namespace {

/// The --json summary of shard K/N whose transactions took the given latencies.
nlohmann::json shard_summary(int k, int n, const std::vector<std::int64_t>& latencies_ns, double duration_s) {
  Workload w;
  Script s;
  s.name = "bench.sql";
  w.add(std::move(s));
  LoadOptions o;
  o.clients = 2;
  o.threads = 1;
  o.transactions = 200;
  o.random_seed = 7;
  o.shard = k;
  o.shards = n;
  LoadResult r;
  r.stats = LoadStats({1});
  for (auto ns : latencies_ns) r.stats.record({0, ns, 0, 1, FailureKind::kNone});
  r.stats.record({0, 0, 0, 1, FailureKind::kDeadlock});
  r.duration_s = duration_s;
  return summary_json({w, o}, r);
}

std::vector<std::int64_t> latencies(std::int64_t from, std::int64_t step, int count) {
  std::vector<std::int64_t> v;
  for (int i = 0; i < count; ++i) v.push_back(from + step * i);
  return v;
}

TEST(Merge, TwoShardsEqualTheMergedHistogram) {
  const auto a = latencies(1'000'000, 7'919, 400), b = latencies(3'000'000, 104'729, 200);
  const MergedRun m = merge_shards({{"a.json", shard_summary(1, 2, a, 2.0)}, {"b.json", shard_summary(2, 2, b, 2.5)}});
  stats::Histogram expected;
  for (auto ns : a) expected.record_ns(ns);
  for (auto ns : b) expected.record_ns(ns);
  EXPECT_EQ(m.result.stats.transactions, 600u);
  EXPECT_EQ(m.result.stats.deadlock_failures, 2u);
  EXPECT_EQ(m.options.clients, 4);
  EXPECT_EQ(m.result.duration_s, 2.5);
  for (double p : {50.0, 95.0, 99.0, 100.0}) EXPECT_EQ(m.result.stats.latency.percentile_ns(p), expected.percentile_ns(p)) << p;
  EXPECT_DOUBLE_EQ(m.result.stats.latency.mean_ns(), expected.mean_ns());
  const std::string summary = format_summary({m.workload, m.options}, m.result);
  EXPECT_NE(summary.find("number of clients: 4\n"), std::string::npos) << summary;
  EXPECT_NE(summary.find("number of transactions actually processed: 600/800\n"), std::string::npos) << summary;
  EXPECT_NE(summary.find("tps = 240.000000"), std::string::npos) << summary;  // 600 over the longest shard's 2.5 s
}

std::string merge_error(const std::vector<ShardFile>& files) {
  try {
    merge_shards(files);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Merge, MismatchedOrIncompleteShardsAreRefused) {
  const auto one = shard_summary(1, 2, latencies(1000, 1, 10), 1), two = shard_summary(2, 2, latencies(1000, 1, 10), 1);
  EXPECT_EQ(merge_error({{"a.json", one}, {"b.json", one}}), "b.json: shard 1/2 again (also in a.json)");
  EXPECT_EQ(merge_error({{"a.json", one}}), "shard 2/2 is missing: give the --json file of every shard");
  auto other_seed = two;
  other_seed["random_seed"] = 8;
  EXPECT_EQ(merge_error({{"a.json", one}, {"b.json", other_seed}}), "b.json: 'random_seed' is 8 here but 7 in a.json: not shards of one run");
  EXPECT_EQ(merge_error({{"a.json", one}, {"b.json", shard_summary(2, 3, latencies(1000, 1, 10), 1)}}),
            "b.json: shard 2/3, but a.json is one of 2 shards");
  EXPECT_EQ(merge_error({{"x.json", nlohmann::json{{"tps", 1}}}}), "x.json: not a pgcertify load --json summary (no 'shard')");
  auto torn = two;
  torn["histogram"]["layout"] = "other";
  EXPECT_NE(merge_error({{"a.json", one}, {"b.json", torn}}).find("b.json: histogram: not a pgcertify latency histogram"), std::string::npos);
}

TEST(Baseline, ThroughputRegressesWhenItFallsLatencyWhenItRises) {
  Figures base, now;
  base.tps = 1000;
  base.p95 = 10;
  now.tps = 850;
  now.p95 = 11;
  const Comparison tps = compare("tps", base, now, 10);
  EXPECT_TRUE(tps.regressed);
  EXPECT_EQ(tps.describe(), "tps 850.0 vs baseline 1000.0 (-15.0%, tolerance 10%)");
  EXPECT_FALSE(compare("tps", base, now, 20).regressed);
  EXPECT_FALSE(compare("p95", base, now, 20).regressed);
  now.p95 = 12.5;
  EXPECT_TRUE(compare("p95", base, now, 20).regressed);
  EXPECT_EQ(compare("p95", base, now, 20).describe(), "p95 12.500ms vs baseline 10.000ms (+25.0%, tolerance 20%)");
  now.tps = 2000;  // faster is never a regression
  EXPECT_FALSE(compare("tps", base, now, 0).regressed);
  EXPECT_THROW(figures_of(nlohmann::json{{"tps", 1}}, "b.json"), Error);
}

}  // namespace
}  // namespace pgcertify::load

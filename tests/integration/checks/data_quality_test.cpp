// Data-quality rules against planted faults (counted exactly), the same data repaired, and a
// million-row table to show that each rule reads the table once, with no per-row queries.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "support/fixture.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;

class DataQualityTest : public DatabaseTest {
 protected:
  std::string dir() { return source_dir() + "/tests/plans/data_quality/"; }

  /// name -> {status, first measurement's value}
  std::map<std::string, std::pair<std::string, std::string>> run_plan(const std::string& plan) {
    const fs::path json = work_dir_ / "dq.json";
    const Completed run = run_pgcertify({"run", plan, "--dsn", dsn(), "--report", "json=" + json.string()});
    output_ = run.out + run.err;
    std::map<std::string, std::pair<std::string, std::string>> out;
    const auto report = nlohmann::json::parse(read_text(json));
    for (const auto& r : report["results"])
      out[r["name"].get<std::string>()] = {r["status"].get<std::string>(),
                                           r["measurements"].empty() ? "" : r["measurements"][0]["value"].get<std::string>()};
    return out;
  }
  std::string output_;
};

TEST_F(DataQualityTest, PlantedViolationsAreFoundAndCountedExactly) {
  sql(read_text(dir() + "fixture.sql"));
  auto r = run_plan(dir() + "plan.yaml");
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(r["orphans"], P("fail", "3 of 40 (7.5%)")) << output_;
  EXPECT_EQ(r["composite orphans"], P("fail", "2 of 40 (5%)"));
  EXPECT_EQ(r["not_null"], P("fail", "4 of 40 (10%)"));
  EXPECT_EQ(r["not_null under a filter"], P("fail", "1 of 2 (50%)"));
  EXPECT_EQ(r["duplicates"], P("fail", "5 of 10 (50%)"));
  EXPECT_EQ(r["valid range"], P("fail", "2 of 40 (5%)"));
  EXPECT_EQ(r["valid set"], P("fail", "1 of 40 (2.5%)"));
  EXPECT_EQ(r["valid type"], P("fail", "1 of 10 (10%)"));
  EXPECT_EQ(r["valid ratio within tolerance"], P("pass", "2 of 40 (5%)"));
  EXPECT_EQ(r["temporal"], P("fail", "2 of 40 (5%)"));
  EXPECT_EQ(r["temporal across a join"], P("fail", "3 of 36 (8.33%)"));
  EXPECT_EQ(r["freshness"].first, "fail");
  EXPECT_EQ(r["retention"], P("fail", "2 of 40 (5%)"));
  EXPECT_EQ(r["row_count"], P("pass", "10"));
  EXPECT_EQ(r["consistency"], P("fail", "3 of 11 (27.3%)"));
  EXPECT_EQ(r["consistency within a tolerance"], P("fail", "2 of 11 (18.2%)"));
}

TEST_F(DataQualityTest, FailuresShowRedactedSamplesAndTheSqlThatFoundThem) {
  sql(read_text(dir() + "fixture.sql"));
  const fs::path json = work_dir_ / "dq.json";
  run_pgcertify({"run", dir() + "plan.yaml", "--dsn", dsn(), "--report", "json=" + json.string()});
  const auto results = nlohmann::json::parse(read_text(json))["results"];
  const auto& duplicates = results[4];
  ASSERT_EQ(duplicates["name"], "duplicates");
  EXPECT_EQ(duplicates["message"], "5 duplicated rows in 10 rows of accounts (50%), expected <= 0");
  // The duplicated keys are email addresses: shown, but never in full.
  EXPECT_EQ(duplicates["evidence"][0], R"({"email":"d***@example.com","occurrences":3})");
  EXPECT_EQ(duplicates["evidence"][1], R"({"email":"t***@example.com","occurrences":2})");
  EXPECT_EQ(read_text(json).find("dup@example.com"), std::string::npos);
  EXPECT_EQ(duplicates["evidence"][2].get<std::string>().rfind("found by: WITH g AS", 0), 0u);
}

TEST_F(DataQualityTest, RepairedDataPassesEveryRule) {
  sql(read_text(dir() + "fixture.sql"));
  sql(read_text(dir() + "clean.sql"));
  for (const auto& [name, result] : run_plan(dir() + "plan.yaml")) EXPECT_EQ(result.first, "pass") << name << "\n" << output_;
}

TEST_F(DataQualityTest, BadRuleOptionsAreErrorsAtTheirPosition) {
  write_text(work_dir_ / "bad.yaml",
             "suites:\n  - name: s\n    checks:\n      - orphans: {table: t, columns: [a, b], references: p(a)}\n");
  Completed run = run_pgcertify({"run", (work_dir_ / "bad.yaml").string(), "--list"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err.substr(0, run.err.find('\n')),
            (work_dir_ / "bad.yaml").string() + ":4:58: 'columns' names 2 columns but 'references' 1");
  write_text(work_dir_ / "bad.yaml", "suites:\n  - name: s\n    checks:\n      - valid: {table: t, column: c}\n");
  run = run_pgcertify({"run", (work_dir_ / "bad.yaml").string(), "--list"});
  EXPECT_EQ(run.err.substr(0, run.err.find('\n')),
            (work_dir_ / "bad.yaml").string() + ":4:16: 'valid' needs at least one of: in, between, matches, length, type");
  write_text(work_dir_ / "bad.yaml", "suites:\n  - name: s\n    checks:\n      - not_null: {table: t, columns: c, max: lots}\n");
  run = run_pgcertify({"run", (work_dir_ / "bad.yaml").string(), "--list"});
  EXPECT_NE(run.err.find(":4:47: invalid 'max' 'lots'"), std::string::npos) << run.err;
}

TEST_F(DataQualityTest, EachRuleReadsAMillionRowTableOnceAndNoRowTwice) {
  constexpr long long kRows = 1'000'000;
  sql("CREATE TABLE parent (id int PRIMARY KEY); INSERT INTO parent SELECT generate_series(1, 1000);"
      "CREATE TABLE big (id int PRIMARY KEY, parent_id int, v int, s text, ts timestamptz) "
      "WITH (autovacuum_enabled = false);"
      "INSERT INTO big SELECT g, 1 + g % 1000, g % 100, 'x' || g, now() - (g % 1000) * interval '1 minute' "
      "FROM generate_series(1, " + std::to_string(kRows) + ") g; ANALYZE big; ANALYZE parent");
  write_text(work_dir_ / "big.yaml", R"(suites:
  - name: big
    checks:
      - orphans: {table: big, columns: parent_id, references: parent(id)}
      - not_null: {table: big, columns: [parent_id, v, s]}
      - duplicates: {table: big, columns: s}
      - valid: {table: big, column: v, between: [0, 99], type: integer}
      - temporal: {table: big, earlier: ts, later: ts + interval '1 second'}
      - retention: {table: big, column: ts, max_age: 1d}
      - freshness: {table: big, column: ts, max_age: 1d}
      - row_count: {table: big, count: 1000000}
)");
  auto reads = [&](const std::string& table) {
    scalar("SELECT pg_stat_clear_snapshot()");
    return std::stoll(scalar("SELECT seq_tup_read FROM pg_stat_user_tables WHERE relname = '" + table + "'"));
  };
  auto index_fetches = [&](const std::string& table) {
    scalar("SELECT pg_stat_clear_snapshot()");
    return std::stoll(scalar("SELECT coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables WHERE relname = '" + table + "'"));
  };
  const long long big_before = reads("big"), parent_before = reads("parent");
  const long long big_index_before = index_fetches("big");
  const auto started = std::chrono::steady_clock::now();
  const Completed run = run_pgcertify({"run", (work_dir_ / "big.yaml").string(), "--dsn", dsn()});
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  // The server's backends publish their counters when they exit, just after pgcertify does.
  long long big_reads = 0;
  for (int i = 0; i < 200 && big_reads < 8 * kRows; ++i) {
    big_reads = reads("big") - big_before;
    if (big_reads < 8 * kRows) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(big_reads, 8 * kRows);  // 8 rules, each reading every row exactly once
  // The orphan rule's parent is read whole by each participant of a parallel hash join, never
  // looked up per row.
  const long long parent_reads = reads("parent") - parent_before;
  const long long participants = 1 + std::stoll(scalar("SHOW max_parallel_workers_per_gather"));
  EXPECT_EQ(parent_reads % 1000, 0);
  EXPECT_LE(parent_reads, 1000 * participants);
  EXPECT_EQ(index_fetches("big") - big_index_before, 0);
  std::printf("8 rules over %lld rows: %.2f s\n", kRows, std::chrono::duration<double>(elapsed).count());
}

}  // namespace
}  // namespace pgcertify::testing

namespace pgcertify::testing {
namespace {

TEST_F(DataQualityTest, YtempireBusinessRulesHoldAndCatchOnePlantedViolationEach) {
  const std::string plan = source_dir() + "/tests/plans/ytempire_data_quality.yaml";
  apply_example("ytempire");
  for (const auto& [name, result] : run_plan(plan)) EXPECT_EQ(result.first, "pass") << name << "\n" << output_;

  // The schema's constraints forbid these, so take them away first: the rules must still see.
  sql("ALTER TABLE videos DROP CONSTRAINT videos_generation_cost_range;"
      "ALTER TABLE videos DROP CONSTRAINT videos_published_requires_youtube_id;"
      "ALTER TABLE videos DROP CONSTRAINT videos_published_after_created;"
      "ALTER TABLE channels DISABLE TRIGGER ALL; ALTER TABLE videos DISABLE TRIGGER ALL;");
  sql("UPDATE users SET subscription_tier = 'free' WHERE username = 'bob_creator';"  // 3 active channels on free
      "UPDATE videos SET generation_cost = 7.50 WHERE id = (SELECT id FROM videos ORDER BY id LIMIT 1);"
      "UPDATE videos SET view_count = view_count + 1000 WHERE id = (SELECT id FROM videos ORDER BY id DESC LIMIT 1);"
      "INSERT INTO channels (id, user_id, youtube_channel_id, channel_name, niche, status, monetization_status) VALUES "
      "  ('cc000000-0000-4000-8000-0000000000ff', 'aa000000-0000-4000-8000-0000000000ff', 'UCghost', 'ghost', 'x', "
      "   'paused', 'pending');"
      "INSERT INTO videos (channel_id, title, generation_cost) VALUES ('cc000000-0000-4000-8000-0000000000fe', 'lost', 1);"
      "UPDATE videos SET youtube_video_id = NULL, published_at = created_at - interval '1 day' "
      "WHERE id = (SELECT id FROM videos WHERE status = 'published' ORDER BY id LIMIT 1);");
  auto r = run_plan(plan);
  EXPECT_EQ(r["4.1 validate_user_channel_limit: active channels within the tier's limit"].first, "fail") << output_;
  EXPECT_EQ(r["4.1 validate_video_generation_cost: $0.10 to $5.00"].second, "1 of 10 (10%)");
  EXPECT_EQ(r["4.1 validate_analytics_consistency: video views match analytics within 100"].first, "fail");
  EXPECT_EQ(r["4.2 test_no_orphaned_records: channels without users"].second, "1 of 7 (14.3%)");
  EXPECT_EQ(r["4.2 test_no_orphaned_records: videos without channels"].second, "1 of 10 (10%)");
  EXPECT_EQ(r["4.2 test_data_completeness: published videos have YouTube ids"].first, "fail");
  EXPECT_EQ(r["4.2 test_temporal_consistency: nothing published before it was created"].second, "1 of 10 (10%)");
}

}  // namespace
}  // namespace pgcertify::testing

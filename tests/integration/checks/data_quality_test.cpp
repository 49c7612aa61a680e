// Data-quality rules: bad options at their position, and a million-row table to show that each
// rule reads the table once, with no per-row queries. The planted faults (counted exactly), the
// same data repaired and the YTEMPIRE rules are cases under tests/plans/ (plan_case_test.cpp).

#include <gtest/gtest.h>

#include <thread>

#include "support/fixture.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;

class DataQualityTest : public DatabaseTest {};

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

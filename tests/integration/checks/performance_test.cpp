// Performance kinds against a real server: plans (explain), refresh blocking (refresh),
// trigger effects (trigger_effect) and latency budgets (latency); none leaves state behind.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/fixture.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;

class PerformanceTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    sql("CREATE TABLE events (id bigserial PRIMARY KEY, classroom int, lesson int, score int, at timestamptz);"
        "INSERT INTO events (classroom, lesson, score, at) SELECT g % 500, g % 12, g % 100, "
        "  now() - (g % 10000) * interval '1 hour' FROM generate_series(1, 300000) g;"
        "CREATE INDEX idx_events_classroom_lesson ON events (classroom, lesson);"
        "CREATE MATERIALIZED VIEW engagement AS SELECT classroom, lesson, avg(score) AS score, count(*) AS n "
        "  FROM events GROUP BY classroom, lesson;"
        "CREATE UNIQUE INDEX ON engagement (classroom, lesson);"
        "CREATE TABLE totals (lesson int PRIMARY KEY, n bigint NOT NULL);"
        "CREATE FUNCTION count_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "  INSERT INTO totals VALUES (NEW.lesson, 1) ON CONFLICT (lesson) DO UPDATE SET n = totals.n + 1; RETURN NEW; END $$;"
        "CREATE TRIGGER events_count AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION count_event();"
        "ANALYZE events;");
  }

  /// Runs `checks` (YAML list items) as one plan against this database; name -> result.
  std::map<std::string, nlohmann::json> run_checks(const std::string& checks) {
    write_text(work_dir_ / "perf.yaml", "suites:\n  - name: perf\n    checks:\n" + checks);
    const fs::path json = work_dir_ / "perf.json";
    const Completed run = run_pgcertify({"run", (work_dir_ / "perf.yaml").string(), "--dsn", dsn(), "--report",
                                         "json=" + json.string()});
    output_ = run.out + run.err;
    std::map<std::string, nlohmann::json> out;
    const auto report = nlohmann::json::parse(read_text(json));
    for (const auto& r : report["results"]) out[r["name"].get<std::string>()] = r;
    return out;
  }
  std::string output_;
};

constexpr const char* kExplain = R"(      - name: composite index
        explain:
          sql: SELECT lesson, avg(score) FROM events WHERE classroom = 7 AND lesson = 3 GROUP BY lesson
          uses_index: idx_events_classroom_lesson
          no_seq_scan: [events]
)";

TEST_F(PerformanceTest, ExplainFailsNamingTheSeqScanOnceTheCompositeIndexIsGone) {
  EXPECT_EQ(run_checks(kExplain)["composite index"]["status"], "pass") << output_;
  sql("DROP INDEX idx_events_classroom_lesson");
  const auto r = run_checks(kExplain)["composite index"];
  EXPECT_EQ(r["status"], "fail") << output_;
  EXPECT_EQ(r["message"], "index idx_events_classroom_lesson is not used (and 1 more)");
  EXPECT_EQ(r["evidence"][0].get<std::string>().rfind("Seq Scan on events (estimated rows=", 0), 0u) << r["evidence"];
}

TEST_F(PerformanceTest, RefreshWithoutConcurrentlyBlocksReaders) {
  const auto r = run_checks(R"(      - name: concurrently
        refresh: {materialized_view: engagement, concurrently: true, readers_not_blocked: true, max_reader_wait: 10ms, max: 1min}
      - name: plain
        refresh: {materialized_view: engagement, readers_not_blocked: true, max_reader_wait: 10ms}
)");
  EXPECT_EQ(r.at("concurrently")["status"], "pass") << output_;
  EXPECT_EQ(r.at("plain")["status"], "fail") << output_;
  EXPECT_NE(r.at("plain")["message"].get<std::string>().find("readers were blocked"), std::string::npos);
  EXPECT_NE(r.at("plain")["message"].get<std::string>().find("ACCESS EXCLUSIVE"), std::string::npos);
}

TEST_F(PerformanceTest, TriggerEffectFailsAfterWithinWhenTheTriggerIsDisabled) {
  const std::string check = R"(      - name: totals follow events
        trigger_effect:
          action: INSERT INTO events (classroom, lesson, score, at) VALUES (1, 99, 50, now())
          observe: SELECT n FROM totals WHERE lesson = 99
          expect: {value: 1}
          within: 400ms
)";
  const auto enabled = run_checks(check)["totals follow events"];
  EXPECT_EQ(enabled["status"], "pass") << output_;
  EXPECT_EQ(enabled["measurements"][0]["name"], "delay");
  sql("ALTER TABLE events DISABLE TRIGGER events_count");
  const auto started = std::chrono::steady_clock::now();
  const auto disabled = run_checks(check)["totals follow events"];
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(400));
  EXPECT_EQ(disabled["status"], "fail") << output_;
  EXPECT_EQ(disabled["message"].get<std::string>().rfind("not observed within 400ms (", 0), 0u) << disabled["message"];
}

TEST_F(PerformanceTest, LatencyBudgetsHoldOrFailWithTheMissedPercentile) {
  const auto r = run_checks(R"(      - name: point lookup
        latency: {sql: SELECT * FROM events WHERE id = 42, runs: 200, p95: 50ms, max: 1s}
      - name: slow function
        latency: {sql: SELECT pg_sleep(0.005), runs: 20, p95: 1ms}
      - name: concurrent extended
        latency: {sql: SELECT score FROM events WHERE id = $1, params: [7], mode: extended, concurrency: 3, runs: 90, p99: 1s}
)");
  EXPECT_EQ(r.at("point lookup")["status"], "pass") << output_;
  EXPECT_EQ(r.at("slow function")["status"], "fail");
  // pg_sleep(5ms) takes at least 5 ms; how much more depends on the machine's load.
  const std::string slow = r.at("slow function")["message"].get<std::string>();
  ASSERT_EQ(slow.rfind("p95 ", 0), 0u) << slow;
  EXPECT_GE(std::stod(slow.substr(4)), 5.0) << slow;
  EXPECT_NE(r.at("slow function")["message"].get<std::string>().find("is not <= 1ms (20 runs)"), std::string::npos);
  EXPECT_EQ(r.at("concurrent extended")["status"], "pass") << output_;
  EXPECT_NE(r.at("concurrent extended")["message"].get<std::string>().find("90 runs on 3 connections"), std::string::npos);
}

TEST_F(PerformanceTest, LatencyParametersCanComeFromDataGenerators) {
  const auto r = run_checks(R"(      - name: generated ids
        latency: {sql: SELECT score FROM events WHERE id = $1, params: [{uniform: [1, 300000], type: integer}], runs: 200, p95: 1s}
      - name: the draws vary
        latency: {sql: SELECT 1 / ($1::int - 5), params: [{uniform: [1, 9], type: integer}], runs: 200, seed: 3}
      - name: a fixed value does not
        latency: {sql: SELECT 1 / ($1::int - 5), params: [7], runs: 200}
)");
  EXPECT_EQ(r.at("generated ids")["status"], "pass") << output_;
  EXPECT_EQ(r.at("the draws vary")["status"], "error") << output_;  // some run drew 5
  EXPECT_NE(r.at("the draws vary")["message"].get<std::string>().find("division by zero"), std::string::npos);
  EXPECT_EQ(r.at("a fixed value does not")["status"], "pass");
}

TEST_F(PerformanceTest, PerformanceChecksLeaveTheDatabaseAsTheyFoundIt) {
  const auto before = table_checksums();
  const std::string view_before = scalar("SELECT md5(string_agg(e::text, ',' ORDER BY e::text)) FROM engagement e");
  sql("INSERT INTO events (classroom, lesson, score, at) VALUES (1, 1, 1, now())");  // the view is now stale
  const auto with_row = table_checksums();
  const auto r = run_checks(std::string(kExplain) + R"yaml(      - name: refresh
        refresh: {materialized_view: engagement, concurrently: true, readers_not_blocked: true}
      - name: trigger
        trigger_effect: {action: "INSERT INTO events (lesson) VALUES (5)", observe: SELECT count(*) FROM totals, expect: {value: "> 0"}, within: 1s}
      - name: writes
        latency: {sql: "INSERT INTO events (lesson) VALUES (6)", runs: 20, writes: true}
)yaml");
  for (const auto& [name, result] : r) EXPECT_EQ(result["status"], "pass") << name << output_;
  EXPECT_NE(with_row, before);
  EXPECT_EQ(table_checksums(), with_row);
  // The refresh was rolled back: the view still lacks the new row.
  EXPECT_EQ(scalar("SELECT md5(string_agg(e::text, ',' ORDER BY e::text)) FROM engagement e"), view_before);
}

}  // namespace
}  // namespace pgcertify::testing

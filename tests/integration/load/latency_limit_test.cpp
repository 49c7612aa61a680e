// --latency-limit as pgbench: slow transactions counted late; with -R, transactions already too
// late to start are skipped (never sent) and count toward -t. Checked side by side with pgbench.

#include <gtest/gtest.h>

#include <regex>

#include "load/load_fixture.hpp"

namespace pgcertify::testing {
namespace {

/// "number of transactions skipped: N (…)" or "…latency limit: N/M (…)": the first number.
long long figure(const std::string& out, const std::string& pattern) {
  std::smatch m;
  if (!std::regex_search(out, m, std::regex(pattern))) return -1;
  return std::stoll(m[1].str());
}

TEST_F(LoadTest, TransactionsSlowerThanTheLimitAreCountedLateAsPgbench) {
  const auto slow = script("slow.sql", "SELECT pg_sleep(0.02);\n");
  const auto r = load({"-c", "2", "-t", "5", "-L", "10", "-f", slow.string()});
  EXPECT_EQ(r["late"], 10);
  EXPECT_EQ(r["skipped"], 0);
  EXPECT_NE(last_.out.find("number of transactions above the 10.0 ms latency limit: 10/10 (100.000%)\n"), std::string::npos)
      << last_.out;
  EXPECT_EQ(last_.out.find("skipped"), std::string::npos) << "no -R: nothing is skipped, and the line is absent";
  const auto fast = load({"-c", "2", "-t", "5", "--latency-limit", "5000", "-f", slow.string()});
  EXPECT_EQ(fast["late"], 0);

  const auto pgbench = this->pgbench({"-n", "-c", "2", "-t", "5", "-L", "10", "-f", slow.string()});
  if (!pgbench) GTEST_SKIP() << "pgbench is not installed: no side-by-side comparison";
  EXPECT_NE(pgbench->out.find("number of transactions above the 10.0 ms latency limit: 10/10 (100.000%)\n"), std::string::npos)
      << pgbench->out;
}

TEST_F(LoadTest, WithARateSlotsAlreadyTooLateAreSkippedAndCountTowardT) {
  // One client that needs 20 ms per transaction, scheduled at 500/s: most slots are hopeless.
  const auto slow = script("slow.sql", "SELECT pg_sleep(0.02);\n");
  const std::vector<std::string> args = {"-c", "1", "-t", "60", "-R", "500", "-L", "5", "-f", slow.string()};
  const auto r = load(args);
  const long long processed = r["transactions"], skipped = r["skipped"];
  EXPECT_EQ(processed + skipped, 60) << last_.out;
  EXPECT_GT(skipped, 30);
  EXPECT_EQ(r["late"], processed) << "each one that ran took 20 ms, over the 5 ms limit";
  EXPECT_EQ(figure(last_.out, "number of transactions skipped: (\\d+) \\("), skipped) << last_.out;
  EXPECT_NE(last_.out.find("latency limit: " + std::to_string(processed) + "/" + std::to_string(processed)), std::string::npos);

  std::vector<std::string> theirs = args;
  theirs.insert(theirs.begin(), "-n");
  const auto pgbench = this->pgbench(theirs);
  if (!pgbench) GTEST_SKIP() << "pgbench is not installed: no side-by-side comparison";
  const long long their_processed = figure(pgbench->out, "actually processed: (\\d+)/60");
  const long long their_skipped = figure(pgbench->out, "number of transactions skipped: (\\d+) \\(");
  EXPECT_EQ(their_processed + their_skipped, 60) << pgbench->out;
  EXPECT_GT(their_skipped, 30) << pgbench->out;
}

TEST_F(LoadTest, LoadCheckBudgetsLateTransactions) {
  write_text(work_dir_ / "plan.yaml", R"(suites:
  - name: load
    checks:
      - name: under the limit
        load: {sql: "SELECT 1;", transactions: 20, latency_limit: 1s, expect: {late: 0}}
      - name: over the limit
        load: {sql: "SELECT pg_sleep(0.01);", transactions: 5, latency_limit: 1ms, expect: {late: "< 10%"}}
)");
  const auto json = work_dir_ / "report.json";
  const Completed run = run_pgcertify({"run", (work_dir_ / "plan.yaml").string(), "--dsn", dsn(), "--report", "json=" + json.string()});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const auto report = nlohmann::json::parse(read_text(json));
  ASSERT_EQ(report["results"].size(), 2u);
  EXPECT_EQ(report["results"][0]["status"], "pass") << report["results"][0];
  EXPECT_EQ(report["results"][1]["status"], "fail");
  EXPECT_NE(report["results"][1]["message"].get<std::string>().find("late 5 (100.000%) is not < 10%"), std::string::npos)
      << report["results"][1];

  write_text(work_dir_ / "plan.yaml", R"(suites:
  - name: load
    checks:
      - load: {sql: "SELECT 1;", expect: {late: 0}}
)");
  const Completed bad = run_pgcertify({"run", (work_dir_ / "plan.yaml").string(), "--dsn", dsn()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("'late' counts transactions against 'latency_limit'"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace pgcertify::testing

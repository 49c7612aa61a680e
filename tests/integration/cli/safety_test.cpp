// Certification never damages what it certifies, and a run that loses its server or is
// interrupted still ends cleanly: complete reports, no server process, no temporary folder.

#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/fixture.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

class SafetyTest : public DatabaseTest {
 protected:
  // The runs this test starts put their throwaway clusters here, and only here is looked at.
  void SetUp() override {
    DatabaseTest::SetUp();
    tmp_ = work_dir_ / "tmp";
    fs::create_directories(tmp_);
    fs::permissions(tmp_, fs::perms::all);  // as root the server runs as postgres
    ::setenv("PGCERTIFY_TMPDIR", tmp_.c_str(), 1);
  }
  void TearDown() override {
    ::unsetenv("PGCERTIFY_TMPDIR");
    DatabaseTest::TearDown();
  }
  std::vector<fs::path> cluster_temp_dirs() { return testing::cluster_temp_dirs(tmp_); }
  fs::path tmp_;

  /// A plan whose first check sleeps, so that the test can strike while it runs.
  fs::path sleepy_plan() {
    const fs::path p = work_dir_ / "sleepy.yaml";
    write_text(p,
               "suites:\n  - name: s\n    checks:\n      - name: long\n        query: SELECT pg_sleep(20)\n"
               "      - name: after 1\n        query: SELECT 1\n      - name: after 2\n        query: SELECT 2\n");
    return p;
  }

  /// Starts `run` on the sleepy plan with all three reports.
  Background start_sleepy_run() {
    return start_pgcertify({"run", sleepy_plan().string(), "--report",
                            "json=" + (work_dir_ / "r.json").string() + ",junit=" + (work_dir_ / "r.xml").string() +
                                ",tap=" + (work_dir_ / "r.tap").string()},
                           work_dir_);
  }

  /// Waits until pgcertify's own postmaster is up and a backend runs the first check (its title shows SELECT).
  pid_t wait_for_postmaster(pid_t pgcertify) {
    for (int i = 0; i < 500; ++i) {
      const auto children = child_processes(pgcertify, "postgres");
      if (!children.empty() && !child_processes(children.front(), "SELECT").empty()) return children.front();
      std::this_thread::sleep_for(10ms);
    }
    return -1;
  }

  void expect_complete_reports(size_t checks) {
    const auto doc = nlohmann::json::parse(read_text(work_dir_ / "r.json"));
    EXPECT_EQ(doc["results"].size(), checks);
    EXPECT_EQ(std::system(("xmllint --noout " + (work_dir_ / "r.xml").string()).c_str()), 0);
    EXPECT_NE(read_text(work_dir_ / "r.tap").find("1.." + std::to_string(checks)), std::string::npos);
  }
};

TEST_F(SafetyTest, RunAgainstADsnLeavesEveryTableUnchanged) {
  // The quickstart schema and data, applied by hand, then certified through --dsn: its checks
  // include rejected and accepted writes (rolled back) and a cascade delete (rolled back).
  const std::string dir = source_dir() + "/examples/quickstart/";
  for (const char* f : {"migrations/001_accounts.sql", "migrations/002_orders.sql", "fixtures/data.sql"})
    sql(read_text(dir + f));
  const auto before = table_checksums();
  ASSERT_EQ(before.size(), 2u);
  const std::string roles_before = scalar("SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles");

  const Completed run = run_pgcertify({"run", dir + "plan.yaml", "--dsn", dsn()});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("setup: skipped"), std::string::npos);
  EXPECT_EQ(table_checksums(), before);
  EXPECT_EQ(scalar("SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles"), roles_before);
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_prepared_xacts"), "0");
}

TEST_F(SafetyTest, KilledPostmasterErrorsTheRestAndCleansUp) {
  const auto dirs_before = cluster_temp_dirs();
  Background run = start_sleepy_run();
  const pid_t postmaster = wait_for_postmaster(run.pid);
  ASSERT_GT(postmaster, 0) << read_text(run.out) << read_text(run.err);
  ::kill(postmaster, SIGKILL);

  const Completed done = run.wait(60);
  EXPECT_EQ(done.exit_code, 1) << done.out << done.err;
  EXPECT_NE(done.out.find("connection to the server was lost"), std::string::npos) << done.out;
  EXPECT_NE(done.out.find("0 passed, 0 failed, 3 errors"), std::string::npos) << done.out;
  expect_complete_reports(3);
  EXPECT_EQ(cluster_temp_dirs(), dirs_before);
  EXPECT_TRUE(child_processes(run.pid).empty());
}

TEST_F(SafetyTest, SigintCancelsTheRunningCheckWritesReportsAndStopsTheCluster) {
  const auto dirs_before = cluster_temp_dirs();
  Background run = start_sleepy_run();
  const pid_t postmaster = wait_for_postmaster(run.pid);
  ASSERT_GT(postmaster, 0) << read_text(run.err);
  const auto started = std::chrono::steady_clock::now();
  ::kill(run.pid, SIGINT);

  const Completed done = run.wait(30);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
  EXPECT_EQ(done.exit_code, 1) << done.out << done.err;
  EXPECT_NE(done.out.find("interrupted; the check was cancelled"), std::string::npos) << done.out;
  EXPECT_NE(done.out.find("not run: the run was interrupted"), std::string::npos) << done.out;
  expect_complete_reports(3);
  EXPECT_EQ(nlohmann::json::parse(read_text(work_dir_ / "r.json"))["interrupted"], true);
  EXPECT_EQ(cluster_temp_dirs(), dirs_before);
  EXPECT_NE(::kill(postmaster, 0), 0);  // the server is gone
}

TEST_F(SafetyTest, TransactionControlInACheckIsRefusedBeforeAnythingRuns) {
  // COMMIT (or END, PREPARE TRANSACTION…) would end the always-rolled-back transaction and keep
  // the INSERT before it: the plan is refused at the statement, and nothing is written.
  sql("CREATE TABLE kept (id int)");
  const auto before = table_checksums();
  const fs::path plan = work_dir_ / "commit.yaml";
  write_text(plan,
             "suites:\n  - name: s\n    checks:\n      - accepts:\n          sql:\n"
             "            - INSERT INTO kept VALUES (1)\n            - COMMIT\n"
             "      - rejects:\n          sql: |\n            INSERT INTO kept VALUES (2);\n            END\n"
             "          sqlstate: check_violation\n");
  const Completed run = run_pgcertify({"run", plan.string(), "--dsn", dsn()});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("commit.yaml:7:15: transaction control (COMMIT) is not allowed"), std::string::npos) << run.err;
  EXPECT_EQ(table_checksums(), before);
  EXPECT_EQ(scalar("SELECT count(*) FROM kept"), "0");

  write_text(plan,
             "suites:\n  - name: s\n    checks:\n      - rejects:\n          sql: |\n"
             "            INSERT INTO kept VALUES (2);\n            END\n          sqlstate: check_violation\n");
  const Completed second = run_pgcertify({"run", plan.string(), "--dsn", dsn()});
  EXPECT_EQ(second.exit_code, 2) << second.out << second.err;
  EXPECT_NE(second.err.find("commit.yaml:7:13: transaction control (COMMIT)"), std::string::npos) << second.err;
  EXPECT_EQ(scalar("SELECT count(*) FROM kept"), "0");
}

TEST_F(SafetyTest, SigintWhileTheServerStartsEndsAtOnceAndLeavesNothing) {
  // Struck at 20 ms and at 50 ms, while the throwaway server is being copied and started: the
  // stop must reach the server even when it comes right after the fork.
  for (const auto delay : {20ms, 50ms}) {
    SCOPED_TRACE(delay.count());
    Background run = start_sleepy_run();
    std::this_thread::sleep_for(delay);
    const auto started = std::chrono::steady_clock::now();
    ::kill(run.pid, SIGINT);
    const Completed done = run.wait(30);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s) << done.out << done.err;
    // 1 once the handler is installed; the signal's own status if it came before (nothing started).
    EXPECT_TRUE(done.exit_code == 1 || done.exit_code == 128 + SIGINT) << done.exit_code << done.out << done.err;
    EXPECT_TRUE(cluster_temp_dirs().empty());
    EXPECT_TRUE(processes_matching(tmp_.string()).empty()) << "a server of this run is still running";
  }
}

}  // namespace
}  // namespace pgcertify::testing

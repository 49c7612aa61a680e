// `pgcertify run` end to end: the binary, a real server, real report files.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "checks/registry.hpp"
#include "support/plan_run.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;

class RunCommandTest : public DatabaseTest {
 protected:
  std::string plan(const std::string& name) { return source_dir() + "/tests/plans/" + name; }
};

TEST_F(RunCommandTest, QuickstartExamplePassesOnAnEphemeralCluster) {
  const Completed run = run_pgcertify({"run", source_dir() + "/examples/quickstart/plan.yaml"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("9 passed, 0 failed, 0 errors, 0 skipped, 0 warnings"), std::string::npos) << run.out;
}

// What each check of tests/plans/failures/ reports is that case's expected.json; here, the
// TAP and JUnit files the same run writes.
TEST_F(RunCommandTest, MixedResultsAreWellFormedTapAndJunit) {
  const PlanRun run = run_plan(plan("failures/plan.yaml"), "", work_dir_);
  const std::string tap_text = read_text(run.tap);
  EXPECT_EQ(tap_text.rfind("TAP version 13\n1..8\nnot ok 1 - Mixed / broken SQL", 0), 0u) << tap_text;
  const int xmllint = std::system(("xmllint --noout " + run.junit.string() + " 2>/dev/null").c_str());
  EXPECT_EQ(xmllint, 0) << read_text(run.junit);
}

TEST(KindsCommandTest, ListsEveryRegisteredKindWithItsSummary) {
  const Completed kinds = run_pgcertify({"kinds"});
  EXPECT_EQ(kinds.exit_code, 0) << kinds.err;
  for (const auto& kind : checks::all_kinds()) {
    EXPECT_NE(kinds.out.find("  " + kind.key + " "), std::string::npos) << kind.key;
    EXPECT_NE(kinds.out.find(kind.summary), std::string::npos) << kind.key;
  }
  const Completed help = run_pgcertify({"run", "--help"});
  EXPECT_NE(help.out.find("Check kinds a plan may use"), std::string::npos) << help.out;
}

TEST_F(RunCommandTest, MisspeltKeyExitsTwoAndRunsNothing) {
  write_text(work_dir_ / "bad.yaml",
             "suites:\n  - name: s\n    checks:\n      - query:\n          sql: SELECT 1\n          expcet: {value: 1}\n");
  const Completed run = run_pgcertify({"run", (work_dir_ / "bad.yaml").string(), "--report",
                                       "json=" + (work_dir_ / "r.json").string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, (work_dir_ / "bad.yaml").string() +
                         ":6:11: unknown key 'expcet' (did you mean 'expect'?)\n            expcet: {value: 1}\n            ^\n");
  EXPECT_EQ(run.out, "");
  EXPECT_FALSE(fs::exists(work_dir_ / "r.json"));
}

TEST_F(RunCommandTest, SetupStatementTheServerRefusesIsReportedAtFileAndLine) {
  // The YTEMPIRE seed's MySQL-style inline INDEX: the parser accepts it, the server does not.
  write_text(work_dir_ / "m/001_channels.sql",
             "CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE channels (\n  id int PRIMARY KEY,\n"
             "  user_id int REFERENCES users (id),\n  INDEX idx_user_channels (user_id)\n);\n");
  write_text(work_dir_ / "plan.yaml", "setup: {migrations: m}\nsuites: [{name: s, checks: [{query: SELECT 1}]}]\n");
  const Completed run = run_pgcertify({"run", (work_dir_ / "plan.yaml").string()});
  EXPECT_EQ(run.exit_code, 3) << run.out;
  EXPECT_NE(run.err.find((work_dir_ / "m/001_channels.sql").string() +
                         ":5:9: type \"idx_user_channels\" does not exist (SQLSTATE 42704)\n"
                         "    INDEX idx_user_channels (user_id)\n"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("hint: PostgreSQL has no INDEX clause inside CREATE TABLE"), std::string::npos) << run.err;
}

TEST_F(RunCommandTest, TimedOutCheckFailsAndIsCancelledOnTheServer) {
  write_text(work_dir_ / "slow.yaml",
             "suites:\n  - name: s\n    checks:\n      - name: sleeps too long\n        timeout: 500ms\n"
             "        query: SELECT pg_sleep(30), 'pgcertify-timeout-marker'\n      - query: SELECT 1\n");
  const auto started = std::chrono::steady_clock::now();
  const Completed run = run_pgcertify({"run", (work_dir_ / "slow.yaml").string(), "--dsn", dsn()});
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("timed out after 500ms; the statement was cancelled on the server"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("1 passed, 1 failed"), std::string::npos) << run.out;
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pgcertify-timeout-marker%' AND pid <> "
                   "pg_backend_pid()"),
            "0");
}

TEST_F(RunCommandTest, ListOnlyAndTagsSelectChecksWithoutConnecting) {
  const Completed list = run_pgcertify({"run", plan("failures/plan.yaml"), "--list", "--tags", "constraints"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(list.out,
            "Constraints\n  rejects  grade 7 is rejected\n  rejects  a wrong expected SQLSTATE fails with the actual "
            "one\n2 checks\n");
  const Completed only = run_pgcertify({"run", plan("failures/plan.yaml"), "--list", "--only", "Mixed"});
  EXPECT_NE(only.out.find("6 checks"), std::string::npos) << only.out;
  const Completed wrong = run_pgcertify({"run", plan("failures/plan.yaml"), "--only", "Mixd"});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_EQ(wrong.err, "pgcertify: --only: the plan has no suite 'Mixd' (did you mean 'Mixed'?)\n");
}

TEST_F(RunCommandTest, AReportIntoAMissingFolderIsRefusedBeforeAnythingRuns) {
  const Completed run = run_pgcertify({"run", plan("failures/plan.yaml"), "--report", "json=/nonexistent/dir/r.json"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "pgcertify: --report: the folder '/nonexistent/dir' for '/nonexistent/dir/r.json' does not exist\n");
  EXPECT_EQ(run.out, "");
}

TEST_F(RunCommandTest, UnreachableDsnExitsThree) {
  write_text(work_dir_ / "p.yaml", "suites: [{name: s, checks: [{query: SELECT 1}]}]\n");
  const Completed run =
      run_pgcertify({"run", (work_dir_ / "p.yaml").string(), "--dsn", "postgresql://u:topsecret@127.0.0.1:1/x"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("cannot connect to postgresql://u:***@127.0.0.1:1/x"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("topsecret"), std::string::npos);
}

TEST_F(RunCommandTest, LoadCommandLineMistakesExitTwoBeforeConnecting) {
  // -h names a socket folder that does not exist: reaching the server would exit 3.
  Completed run = run_pgcertify({"load", "-i", "-s", "-1", "-h", "/nonexistent"});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_EQ(run.err, "pgcertify: invalid scaling factor: must be at least 1\n");
  run = run_pgcertify({"load", "-f", (work_dir_ / "missing.sql").string(), "-t", "1", "-h", "/nonexistent"});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("missing.sql': No such file or directory"), std::string::npos) << run.err;
  run = run_pgcertify({"load", "-f", work_dir_.string(), "-t", "1", "-h", "/nonexistent"});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("': it is a folder"), std::string::npos) << run.err;
}

TEST_F(RunCommandTest, UnknownSubcommandSuggestsTheRightOne) {
  const Completed run = run_pgcertify({"rnu", "plan.yaml"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "pgcertify: unknown command 'rnu' (did you mean 'run'?)\nRun 'pgcertify --help' for the list of commands.\n");
  EXPECT_EQ(run_pgcertify({"--version"}).out.rfind("pgcertify 0.1.0 (commit ", 0), 0u);
  EXPECT_NE(run_pgcertify({"run", "--help"}).out.find("--report"), std::string::npos);
}

TEST_F(RunCommandTest, AFullDiskForTheReportNamesTheBytesAndLeavesNoHalfReport) {
  const fs::path full = work_dir_ / "full";
  fs::create_directories(full);
  if (std::system(("mount -t tmpfs -o size=16k tmpfs " + full.string() + " 2>/dev/null").c_str()) != 0)
    GTEST_SKIP() << "mounting a small tmpfs needs root";
  struct Unmount {
    fs::path dir;
    ~Unmount() { [[maybe_unused]] const int rc = std::system(("umount " + dir.string()).c_str()); }
  } unmount{full};
  // Fill it: what is left is less than a report.
  [[maybe_unused]] const int dd =
      std::system(("dd if=/dev/zero of=" + (full / "filler").string() + " bs=1k count=64 2>/dev/null").c_str());
  write_text(work_dir_ / "plan.yaml", "suites:\n  - name: s\n    checks:\n"
                                      "      - name: one\n        query: {sql: SELECT 1, expect: {value: 1}}\n");
  const Completed run = run_pgcertify({"run", (work_dir_ / "plan.yaml").string(), "--dsn", dsn(), "--report",
                                       "json=" + (full / "r.json").string()});
  EXPECT_NE(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.err.find("No space left on device ("), std::string::npos) << run.err;
  EXPECT_NE(run.err.find(" bytes free on the file system of '" + full.string() + "')"), std::string::npos) << run.err;
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(full)) left.push_back(entry.path().filename().string());
  EXPECT_EQ(left, std::vector<std::string>{"filler"}) << "a half-written report or its temporary file was left";
}

TEST_F(RunCommandTest, AStatementListWhereOneStatementIsJudgedIsRefusedAtItsPosition) {
  // Was a false pass (issue 27): only the first statement was timed or observed.
  write_text(work_dir_ / "latency.yaml",
             "suites:\n  - name: s\n    checks:\n"
             "      - latency: {sql: [SELECT 1, SELECT pg_sleep(0.05)], runs: 3, max: 20ms}\n");
  Completed run = run_pgcertify({"run", (work_dir_ / "latency.yaml").string(), "--dsn", dsn()});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("latency.yaml:4:24: 'latency' times one statement; give one"), std::string::npos) << run.err;
  write_text(work_dir_ / "effect.yaml",
             "suites:\n  - name: s\n    checks:\n"
             "      - trigger_effect: {action: SELECT 1, observe: [SELECT 1, SELECT 2], expect: {value: 2}, within: 1s}\n");
  run = run_pgcertify({"run", (work_dir_ / "effect.yaml").string(), "--dsn", dsn()});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("effect.yaml:4:53: 'observe' is one query"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace pgcertify::testing

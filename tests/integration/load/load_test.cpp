// `pgcertify load` against a real server: exact transaction counts, script weights, \gset and
// \if as pgbench runs them, failures counted by kind, retries, bad input and SIGINT.

#include <gtest/gtest.h>
#include <signal.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "load/load_fixture.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;

TEST_F(LoadTest, InitialisesPgbenchTablesByCopy) {
  const Completed init = run_pgcertify({"load", "-i", "-s", "2", dsn()});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_EQ(scalar("SELECT count(*) FROM pgbench_branches"), "2");
  EXPECT_EQ(scalar("SELECT count(*) FROM pgbench_tellers"), "20");
  EXPECT_EQ(scalar("SELECT count(*) FROM pgbench_accounts"), "200000");
  EXPECT_EQ(scalar("SELECT count(DISTINCT bid) FROM pgbench_accounts"), "2");
}

TEST_F(LoadTest, FixedTransactionsGiveExactlyClientsTimesT) {
  ASSERT_EQ(run_pgcertify({"load", "-i", "-s", "1", dsn()}).exit_code, 0);
  for (const std::string mode : {"simple", "extended", "prepared"}) {
    sql("TRUNCATE pgbench_history");
    const auto r = load({"-n", "-c", "4", "-j", "2", "-t", "25", "-M", mode});
    EXPECT_EQ(r["transactions"], 100) << mode;
    EXPECT_EQ(r["failed"], 0) << mode;
    EXPECT_EQ(r["histogram"]["count"], 100) << mode;
    EXPECT_EQ(scalar("SELECT count(*) FROM pgbench_history"), "100") << mode;
    EXPECT_NE(last_.out.find("number of transactions actually processed: 100/100"), std::string::npos) << last_.out;
    EXPECT_NE(last_.out.find("query mode: " + mode), std::string::npos);
  }
}

TEST_F(LoadTest, ScriptSharesFollowWeightsWithinTwoPercent) {
  const auto a = script("a.sql", "SELECT 1;\n");
  const auto b = script("b.sql", "SELECT 2;\n");
  const auto r = load({"-c", "4", "-j", "2", "-t", "2500", "-M", "prepared", "--random-seed", "42", "-f", a.string() + "@3",
                       "-f", b.string() + "@1"});
  ASSERT_EQ(r["transactions"], 10000);
  const double share = r["scripts"][0]["transactions"].get<double>() / 10000.0;
  EXPECT_NEAR(share, 0.75, 0.02);
  EXPECT_EQ(r["scripts"][0]["weight"], 3);
  EXPECT_NE(last_.out.find(" - weight: 3 (targets 75.0% of total)"), std::string::npos) << last_.out;
  // The same seed gives the same split.
  const auto again = load({"-c", "4", "-j", "2", "-t", "2500", "-M", "prepared", "--random-seed", "42", "-f", a.string() + "@3",
                           "-f", b.string() + "@1"});
  EXPECT_EQ(again["scripts"][0]["transactions"], r["scripts"][0]["transactions"]);
}

constexpr const char* kGsetIfScript = R"(\set base 40
SELECT :base + 2 AS answer \gset
\if :answer = 42
INSERT INTO seen VALUES ('then', :answer);
\elif :answer > 0
INSERT INTO seen VALUES ('elif', :answer);
\else
INSERT INTO seen VALUES ('else', 0);
\endif
\if :answer < 0
INSERT INTO seen VALUES ('never', 0);
\elif :answer = 42
INSERT INTO seen VALUES ('elif', :client_id);
\endif
SELECT 7 AS val \gset p_
INSERT INTO seen VALUES ('prefixed', :p_val);
)";

TEST_F(LoadTest, GsetValuesReachLaterCommandsAndIfBranchesAsPgbench) {
  sql("CREATE TABLE seen (branch text, value int)");
  const auto file = script("gset.sql", kGsetIfScript);
  const std::string rows = "SELECT string_agg(branch || '=' || value, ',' ORDER BY branch, value) FROM seen";
  const std::string expected = "elif=0,elif=0,elif=0,elif=1,elif=1,elif=1,prefixed=7,prefixed=7,prefixed=7,prefixed=7,"
                               "prefixed=7,prefixed=7,then=42,then=42,then=42,then=42,then=42,then=42";
  for (const std::string mode : {"simple", "prepared"}) {
    sql("TRUNCATE seen");
    load({"-c", "2", "-t", "3", "-M", mode, "-f", file.string()});
    EXPECT_EQ(scalar(rows), expected) << mode;
  }
  const fs::path pgbench = "/usr/lib/postgresql/15/bin/pgbench";
  if (!fs::exists(pgbench)) GTEST_SKIP() << "pgbench is not installed: no side-by-side comparison";
  sql("TRUNCATE seen");
  const std::string cmd = pgbench.string() + " -n -c 2 -t 3 -f " + file.string() + " '" + dsn() + "' > /dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  EXPECT_EQ(scalar(rows), expected) << "pgbench disagrees";
}

TEST_F(LoadTest, FailingStatementsAreCountedByKindNotFatal) {
  const auto bad = script("bad.sql", "SELECT 1 / (:client_id - :client_id);\n");
  const auto r = load({"-c", "2", "-t", "5", "-f", bad.string()}, 1);
  EXPECT_EQ(r["transactions"], 0);
  EXPECT_EQ(r["other_failures"], 10);
  EXPECT_EQ(r["aborted_clients"], 0);
  EXPECT_NE(last_.err.find("division by zero"), std::string::npos) << last_.err;
  EXPECT_NE(last_.out.find("number of other failures: 10 (100.000%)"), std::string::npos) << last_.out;
}

TEST_F(LoadTest, SerializationFailuresAndDeadlocksAreRetriedThenCounted) {
  const auto flaky = script("flaky.sql", R"(BEGIN;
DO $$ BEGIN IF random() < 0.5 THEN RAISE EXCEPTION 'conflict' USING ERRCODE = 'serialization_failure'; END IF; END $$;
END;
)");
  const auto retried = load({"-c", "2", "-t", "50", "--max-tries", "40", "-f", flaky.string()});
  EXPECT_EQ(retried["transactions"], 100);
  EXPECT_EQ(retried["failed"], 0);
  EXPECT_GT(retried["retried"].get<int>(), 20);
  EXPECT_GE(retried["retries"].get<int>(), retried["retried"].get<int>());
  EXPECT_NE(last_.out.find("number of transactions retried: "), std::string::npos);

  const auto once = load({"-c", "2", "-t", "50", "-f", flaky.string()});  // serialization failures alone exit 0
  EXPECT_GT(once["serialization_failures"].get<int>(), 20);
  EXPECT_EQ(once["transactions"].get<int>() + once["serialization_failures"].get<int>(), 100);

  const auto dead = script("dead.sql", "DO $$ BEGIN RAISE EXCEPTION 'dl' USING ERRCODE = 'deadlock_detected'; END $$;\n");
  const auto d = load({"-t", "3", "-f", dead.string()});
  EXPECT_EQ(d["deadlock_failures"], 3);
  EXPECT_EQ(d["serialization_failures"], 0);
}

TEST_F(LoadTest, RateLimitHoldsTheScheduleAndReportsLag) {
  const auto r = load({"-c", "2", "-j", "2", "-T", "2", "-R", "200", "-S", "-f", script("s.sql", "SELECT 1;\n").string()}, 3);
  // -S needs pgbench's tables: without them the run is refused before it starts.
  EXPECT_NE(last_.err.find("pgbench_branches does not exist"), std::string::npos) << last_.err;
  const auto ok = load({"-c", "2", "-j", "2", "-T", "2", "-R", "200", "-f", script("s.sql", "SELECT 1;\n").string()});
  EXPECT_NEAR(ok["tps"].get<double>(), 200.0, 50.0);
  EXPECT_NE(last_.out.find("rate limit schedule lag: avg "), std::string::npos) << last_.out;
}

TEST_F(LoadTest, BadInputGivesOneMessageAndNoRun) {
  const auto bad = script("bad.sql", "SELECT 1;\n\\set x 1 + frob(2)\n");
  Completed r = run_pgcertify({"load", "-f", bad.string(), dsn()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.sql:2:12: unknown function \"frob\""), std::string::npos) << r.err;
  r = run_pgcertify({"load", "--frobnicate", dsn()});
  EXPECT_EQ(r.exit_code, 2);
  r = run_pgcertify({"load", "-c", "2", "-j", "3", dsn()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("number of threads (3) must not exceed the number of clients (2)"), std::string::npos) << r.err;
  r = run_pgcertify({"load", "-R", "1e-300", "-t", "1", dsn()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("invalid rate limit: must be at least 0.000001"), std::string::npos) << r.err;
  // A sleep whose microseconds overflow ends with the run (-T 1), not at an undefined time.
  r = run_pgcertify({"load", "-T", "1", "-f", script("sleep.sql", "\\sleep 9223372036854775807 s\n").string(), dsn()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // An output that could not be written is refused before the run, not after it.
  r = run_pgcertify({"load", "-t", "1", "--save-baseline", "/nonexistent/dir/b.json", "-f", script("s.sql", "SELECT 1;").string(), dsn()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--save-baseline: the folder '/nonexistent/dir' for '/nonexistent/dir/b.json' does not exist"),
            std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("number of transactions"), std::string::npos) << r.out;
  r = run_pgcertify({"load", "-h", "127.0.0.1", "-p", "1", "-f", script("s.sql", "SELECT 1;").string(), "postgres"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("Connection refused"), std::string::npos) << r.err;
}

TEST_F(LoadTest, SigintStopsTheRunWithASummary) {
  const auto s = script("s.sql", "SELECT pg_sleep(0.001);\n");
  Background run = start_pgcertify({"load", "-c", "4", "-j", "2", "-T", "60", "-f", s.string(), dsn()}, work_dir_);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ::kill(run.pid, SIGINT);
  const Completed done = run.wait(10);
  EXPECT_EQ(done.exit_code, 1);
  EXPECT_NE(done.out.find("number of transactions actually processed: "), std::string::npos) << done.out;
  EXPECT_NE(done.err.find("interrupted"), std::string::npos) << done.err;
}

TEST_F(LoadTest, LoadCheckHoldsBudgetsAndWritesOnlyToTheEphemeralCluster) {
  sql("CREATE TABLE t (x int)");
  write_text(work_dir_ / "load.sql", "\\set x random(1, 10)\nSELECT :x;\n");
  write_text(work_dir_ / "plan.yaml", R"(suites:
  - name: load
    checks:
      - name: fast enough
        load: {script: load.sql, clients: 2, duration: 1s, expect: {tps: 10, p95: 1s, errors: 0, deadlocks: 0}}
      - name: impossible budget
        load: {script: load.sql, clients: 2, transactions: 20, expect: {p95: 1us}}
      - name: writes are refused
        load: {sql: "INSERT INTO t VALUES (1);", transactions: 3, expect: {errors: 0}}
      - name: writes when allowed
        load: {sql: "INSERT INTO t VALUES (2);", transactions: 3, writes: true, mode: simple, expect: {errors: "< 1%"}}
)");
  const fs::path json = work_dir_ / "report.json";
  const Completed run = run_pgcertify({"run", (work_dir_ / "plan.yaml").string(), "--dsn", dsn(), "--report", "json=" + json.string()});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  std::map<std::string, nlohmann::json> r;
  const auto report = nlohmann::json::parse(read_text(json));
  for (const auto& result : report["results"]) r[result["name"].get<std::string>()] = result;
  EXPECT_EQ(r["fast enough"]["status"], "pass") << run.out << run.err;
  EXPECT_EQ(r["impossible budget"]["status"], "fail");
  EXPECT_EQ(r["impossible budget"]["message"].get<std::string>().rfind("p95 ", 0), 0u) << r["impossible budget"];
  EXPECT_EQ(r["writes are refused"]["status"], "fail");
  EXPECT_NE(r["writes are refused"]["message"].get<std::string>().find("errors 3 is not <= 0"), std::string::npos)
      << r["writes are refused"];
  EXPECT_NE(r["writes are refused"]["evidence"].dump().find("read-only transaction"), std::string::npos);
  // Against a --dsn target nothing is committed, so a writing load is refused there without
  // --allow-scratch (checks/scratch_test.cpp runs it with)…
  EXPECT_EQ(r["writes when allowed"]["status"], "error") << r["writes when allowed"];
  EXPECT_NE(r["writes when allowed"]["message"].get<std::string>().find("--allow-scratch"), std::string::npos);
  EXPECT_EQ(scalar("SELECT count(*) FROM t"), "0");

  // …and on the ephemeral cluster it commits in a scratch copy of the database, so the checks
  // after it still see the database the plan set up.
  write_text(work_dir_ / "setup.sql", "CREATE TABLE t (x int);\n");
  write_text(work_dir_ / "ephemeral.yaml", R"(setup: {sql: [setup.sql]}
suites:
  - name: load
    checks:
      - name: writes when allowed
        load: {sql: "INSERT INTO t VALUES (2);", transactions: 3, writes: true, mode: simple, expect: {errors: "< 1%"}}
      - name: the plan's database is unchanged
        query: {sql: SELECT count(*) FROM t, expect: {value: 0}}
)");
  const fs::path ephemeral_json = work_dir_ / "ephemeral.json";
  const Completed ephemeral =
      run_pgcertify({"run", (work_dir_ / "ephemeral.yaml").string(), "--report", "json=" + ephemeral_json.string()});
  EXPECT_EQ(ephemeral.exit_code, 0) << ephemeral.out << ephemeral.err;
  const auto writes = nlohmann::json::parse(read_text(ephemeral_json))["results"][0];
  EXPECT_NE(writes["message"].get<std::string>().find("ran in scratch database pgcertify_scratch_"), std::string::npos) << writes;
}

TEST_F(LoadTest, LoadCheckOptionsAreCheckedWhenThePlanLoads) {
  write_text(work_dir_ / "plan.yaml", R"yaml(suites:
  - name: load
    checks:
      - load: {sql: "\\set x frob(1)", clients: 2}
)yaml");
  Completed run = run_pgcertify({"run", (work_dir_ / "plan.yaml").string(), "--dsn", dsn()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("unknown function \"frob\""), std::string::npos) << run.err;
  write_text(work_dir_ / "plan.yaml", R"(suites:
  - name: load
    checks:
      - load: {script: missing.sql, expect: {p95: 5}}
)");
  run = run_pgcertify({"run", (work_dir_ / "plan.yaml").string(), "--dsn", dsn()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("missing.sql"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace pgcertify::testing

// Connections at scale and through a real PgBouncer: -c 1000 against a server with
// max_connections raised, -c 2000 through transaction pooling with pool waits read from
// SHOW POOLS, -C connection acquisition, `cluster up --pgbouncer`, and plans `via: pgbouncer`.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "cluster/ephemeral.hpp"
#include "cluster/pgbouncer.hpp"
#include "pg/connection.hpp"
#include "pg/dsn.hpp"
#include "support/plan_run.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;

class PgBouncerLoadTest : public DatabaseTest {
 protected:
  nlohmann::json load(std::vector<std::string> args, const std::string& target) {
    const fs::path json = work_dir_ / "load.json";
    fs::remove(json);
    args.insert(args.begin(), "load");
    args.insert(args.end(), {"--json", json.string(), target});
    last_ = run_pgcertify(args);
    EXPECT_EQ(last_.exit_code, 0) << last_.out << last_.err;
    return fs::exists(json) ? nlohmann::json::parse(read_text(json)) : nlohmann::json{};
  }
  fs::path script(const std::string& text) {
    write_text(work_dir_ / "select.sql", text);
    return work_dir_ / "select.sql";
  }
  Completed last_;
};

TEST_F(PgBouncerLoadTest, AThousandClientsOnTwoThreadsFinishWithoutErrors) {
  auto server = cluster::EphemeralCluster::start({{{"max_connections", "1100"}}, {}, false});
  const auto r = load({"-c", "1000", "-j", "2", "-t", "3", "-M", "simple", "-f", script("SELECT 1;\n").string()},
                      server->dsn());
  EXPECT_EQ(r["transactions"], 3000);
  EXPECT_EQ(r["failed"], 0);
  EXPECT_EQ(r["aborted_clients"], 0);
  EXPECT_EQ(r["connection_ms"]["count"], 1000);  // one connection per client
  EXPECT_GT(r["connection_ms"]["p95"].get<double>(), 0.0);
  EXPECT_GT(r["client_rss_per_connection_kb"].get<double>(), 0.0);
  EXPECT_NE(last_.out.find("connection time p95 = "), std::string::npos) << last_.out;
  EXPECT_NE(last_.out.find("kB per client)"), std::string::npos) << last_.out;
}

TEST_F(PgBouncerLoadTest, ConnectPerTransactionMeasuresEveryConnection) {
  const auto r = load({"-C", "-c", "4", "-j", "2", "-t", "10", "-M", "prepared", "-f", script("SELECT 1;\n").string()}, dsn());
  EXPECT_EQ(r["transactions"], 40);
  EXPECT_EQ(r["connect_per_transaction"], true);
  EXPECT_EQ(r["connection_ms"]["count"], 40);  // as pgbench -C: none before the run, one per transaction
  EXPECT_NE(last_.out.find("average connection time = "), std::string::npos) << last_.out;
  EXPECT_NE(last_.out.find("(including reconnection times)"), std::string::npos) << last_.out;
  EXPECT_EQ(last_.out.find("initial connection time"), std::string::npos) << last_.out;
}

TEST_F(PgBouncerLoadTest, TwoThousandClientsThroughTransactionPoolingWaitForTenServerConnections) {
  ASSERT_EQ(run_pgcertify({"load", "-i", "-s", "1", dsn()}).exit_code, 0);
  auto bouncer = cluster::PgBouncer::start({{{"pool_mode", "transaction"}, {"max_client_conn", "2100"}, {"default_pool_size", "10"}},
                                            work_dir_, shared_cluster().port(), false});
  const auto r = load({"-c", "2000", "-j", "2", "-S", "-M", "simple", "-T", "2", "-n", "--pgbouncer-admin", bouncer->admin_dsn()},
                      bouncer->dsn(database_));
  EXPECT_GT(r["transactions"].get<long>(), 0);
  EXPECT_EQ(r["failed"], 0);
  EXPECT_EQ(r["aborted_clients"], 0);
  EXPECT_EQ(r["connection_ms"]["count"], 2000);
  EXPECT_GE(r["pool"]["samples"].get<int>(), 3);  // at start, each second, at the end
  EXPECT_GT(r["pool"]["peak_cl_waiting"].get<long>(), 0) << "2000 clients share 10 server connections";
  EXPECT_EQ(r["pool"]["error"], "");
  EXPECT_NE(last_.out.find("pool waits (SHOW POOLS, "), std::string::npos) << last_.out;
  // The pool never opened more server connections than it was given.
  EXPECT_LE(std::stoi(scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")), 10);
}

TEST_F(PgBouncerLoadTest, AWrongAdminConsoleIsReportedBeforeTheRun) {
  const Completed c = run_pgcertify({"load", "-t", "1", "-f", script("SELECT 1;\n").string(), "--pgbouncer-admin",
                                     "host=127.0.0.1 port=1 dbname=pgbouncer connect_timeout=2", dsn()});
  EXPECT_EQ(c.exit_code, 3) << c.err;
  EXPECT_NE(c.err.find("port=1"), std::string::npos) << c.err;
  EXPECT_EQ(c.out.find("number of transactions"), std::string::npos) << c.out;
}

TEST(PgBouncerCluster, UpPrintsTheDsnThroughThePoolerAndDownStopsIt) {
  const fs::path dir = fs::temp_directory_path() / ("pgcertify-bouncer-up-" + std::to_string(::getpid()));
  const Completed up = run_pgcertify({"cluster", "up", "--dir", dir.string(), "--pgbouncer", "--pool-mode", "statement"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const std::string pooled = up.out.substr(up.out.find('\n') + 1, up.out.rfind('\n') - up.out.find('\n') - 1);
  EXPECT_EQ(cluster::read_pgbouncer_dsn(dir), pooled);
  {
    pg::Connection c(pooled);
    EXPECT_EQ(c.exec_simple("SELECT 41 + 1").value(0, 0), "42");
    pg::Connection console(pg::with_database(pooled, "pgbouncer"));
    const pg::Result config = console.exec_simple("SHOW CONFIG");
    bool statement_mode = false;
    for (int row = 0; row < config.rows(); ++row)
      statement_mode |= config.value(row, 0) == "pool_mode" && config.value(row, 1) == "statement";
    EXPECT_TRUE(statement_mode);
  }
  EXPECT_FALSE(processes_matching((dir / "pgbouncer" / "pgbouncer.ini").string()).empty());
  const Completed down = run_pgcertify({"cluster", "down", "--dir", dir.string()});
  EXPECT_EQ(down.exit_code, 0) << down.err;
  EXPECT_TRUE(processes_matching((dir / "pgbouncer" / "pgbouncer.ini").string()).empty());
  EXPECT_FALSE(fs::exists(dir));
}

TEST(PgBouncerCluster, ABadPoolModeIsAUsageError) {
  const Completed up = run_pgcertify({"cluster", "up", "--dir", "/tmp/pgcertify-never", "--pgbouncer", "--pool-mode", "transactions"});
  EXPECT_EQ(up.exit_code, 2);
  EXPECT_NE(up.err.find("--pool-mode: expected session, transaction or statement, got 'transactions'"), std::string::npos) << up.err;
  EXPECT_FALSE(fs::exists("/tmp/pgcertify-never"));
}

class PgBouncerPlanTest : public DatabaseTest {
 protected:
  PlanRun run_yaml(const std::string& yaml) {
    write_text(work_dir_ / "plan.yaml", yaml);
    return run_plan(work_dir_ / "plan.yaml", "", work_dir_);
  }
};

TEST_F(PgBouncerPlanTest, ChecksViaPgBouncerRunThroughTheSetupsPoolerWhichStopsWithTheRun) {
  write_text(work_dir_ / "t.sql", "CREATE TABLE t (x int);\n");
  const PlanRun c = run_yaml(R"(plan: pooled
setup:
  sql: [t.sql]
  pgbouncer: {pool_mode: transaction, max_client_conn: 300, default_pool_size: 5, reserve_pool_timeout: 3}
suites:
  - name: pool
    checks:
      - name: through the pool
        load:
          sql: "SELECT count(*) FROM pg_class;"
          clients: 50
          duration: 1s
          mode: simple
          via: pgbouncer
          expect: {errors: 0, connect_p95: 1s, cl_waiting: ">= 0", maxwait: 10s}
      - name: latency through the pool
        latency: {sql: SELECT 1, runs: 50, mode: extended, via: pgbouncer, p95: 100ms}
      - name: writes through the pool into a scratch copy
        load: {sql: "INSERT INTO t VALUES (1);", clients: 4, transactions: 5, mode: simple, writes: true, via: pgbouncer,
               expect: {errors: 0}}
      - name: the plan's table is untouched
        query: {sql: SELECT count(*) FROM t, expect: {value: 0}}
)");
  EXPECT_EQ(c.exit_code, 0) << c.out << c.err;
  EXPECT_NE(c.out.find("PgBouncer 127.0.0.1:"), std::string::npos) << c.out;
  const auto& load = c.report["results"][0];
  EXPECT_EQ(load["status"], "pass") << load.dump(1);
  std::set<std::string> measured;
  for (const auto& m : load["measurements"]) measured.insert(m["name"].get<std::string>());
  EXPECT_TRUE(measured.count("connect_p95") && measured.count("cl_waiting") && measured.count("maxwait")) << load.dump(1);
  EXPECT_NE(c.report["results"][2]["message"].get<std::string>().find("ran in scratch database"), std::string::npos)
      << c.report["results"][2].dump(1);
  // Only this binary's own folders (PGCERTIFY_TMPDIR, support/fixture.cpp): another pgcertify's
  // PgBouncer may run beside the tests.
  EXPECT_TRUE(processes_matching(cluster::scratch_root().string(), "/pgbouncer/pgbouncer.ini").empty());
}

TEST_F(PgBouncerPlanTest, ViaPgBouncerWithoutOneIsAPlanError) {
  const PlanRun c = run_yaml(R"(plan: no pooler
suites:
  - name: pool
    checks:
      - load: {sql: "SELECT 1;", via: pgbouncer}
)");
  EXPECT_EQ(c.exit_code, 2);
  EXPECT_NE(c.err.find("plan.yaml:5:9: this check runs via PgBouncer, but the plan has no 'setup.pgbouncer'"), std::string::npos)
      << c.err;
  // Against a DSN setup is not applied: the check itself says what is missing; the run goes on.
  const Completed d = run_pgcertify({"run", (work_dir_ / "plan.yaml").string(), "--dsn", dsn()});
  EXPECT_EQ(d.exit_code, 1);
  EXPECT_NE(d.out.find("the target is a DSN and the plan has no 'target.pgbouncer'"), std::string::npos) << d.out;
}

}  // namespace
}  // namespace pgcertify::testing

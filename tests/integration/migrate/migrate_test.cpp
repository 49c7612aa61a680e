// `pgcertify migrate` against a real server: round trips, drift, failures, the lock, exit codes.
// Each test has its own database and its own migrations folder, and looks only at them.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <signal.h>

#include <chrono>
#include <thread>

#include "support/fixture.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;

class MigrateTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    dir_ = work_dir_ / "migrations";
    fs::create_directories(dir_);
  }
  void file(const std::string& name, const std::string& text) { write_text(dir_ / name, text); }
  Completed migrate(std::vector<std::string> args) {
    args.insert(args.begin(), "migrate");
    args.push_back(dir_.string());
    args.push_back("--dsn");
    args.push_back(dsn());
    return run_pgcertify(args);
  }
  std::string history(const std::string& what = "string_agg(version || ':' || success, ',' ORDER BY installed_rank)") {
    return scalar("SELECT coalesce(" + what + ", '') FROM pgcertify_schema_history");
  }
  void two_migrations() {
    file("001_accounts.sql", "CREATE TABLE accounts (id int PRIMARY KEY, name text);\n");
    file("001_accounts.down.sql", "DROP TABLE accounts;\n");
    file("002_email.sql", "ALTER TABLE accounts ADD COLUMN email text;\n");
    file("002_email.down.sql", "ALTER TABLE accounts DROP COLUMN email;\n");
  }
  fs::path dir_;

 public:
  std::string scalar_of(const std::string& sql) { return scalar(sql); }
};

TEST_F(MigrateTest, UpStatusDownUpRoundTrip) {
  two_migrations();
  Completed up = migrate({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.out.find("applied 002 email (1 statement"), std::string::npos) << up.out;
  EXPECT_EQ(history(), "001:true,002:true");
  EXPECT_EQ(scalar("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts'"), "3");

  const Completed status = migrate({"status"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("2 applied, 0 pending, 0 failed, 0 drifted"), std::string::npos) << status.out;

  ASSERT_EQ(migrate({"down"}).exit_code, 0);
  EXPECT_EQ(history(), "001:true");
  EXPECT_EQ(scalar("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts'"), "2");
  ASSERT_EQ(migrate({"down", "--to", "0"}).exit_code, 0);
  EXPECT_EQ(scalar("SELECT to_regclass('accounts') IS NULL"), "t");
  EXPECT_EQ(history(), "");

  ASSERT_EQ(migrate({"up", "--target", "1"}).exit_code, 0);
  EXPECT_EQ(history(), "001:true");
  ASSERT_EQ(migrate({"up"}).exit_code, 0);
  EXPECT_EQ(history(), "001:true,002:true");
  const Completed again = migrate({"up"});
  EXPECT_NE(again.out.find("is up to date (2 applied)"), std::string::npos) << again.out;
}

TEST_F(MigrateTest, DryRunChangesNothing) {
  two_migrations();
  file("003_concurrent.sql", "CREATE INDEX CONCURRENTLY accounts_name ON accounts (name);\n");
  const Completed dry = migrate({"up", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("would apply 003 concurrent (1 statement; outside a transaction: CREATE INDEX CONCURRENTLY at"),
            std::string::npos)
      << dry.out;
  EXPECT_EQ(scalar("SELECT to_regclass('pgcertify_schema_history') IS NULL AND to_regclass('accounts') IS NULL"), "t");
}

TEST_F(MigrateTest, AnEditedFileIsDriftButWhiteSpaceAndCommentsAreNot) {
  two_migrations();
  ASSERT_EQ(migrate({"up"}).exit_code, 0);
  file("001_accounts.sql", "-- reformatted\ncreate table accounts (\n  id int primary key,\n  name text\n);\n");
  EXPECT_EQ(migrate({"validate"}).exit_code, 0);

  file("001_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, name text);\n");
  const Completed validate = migrate({"validate"});
  EXPECT_EQ(validate.exit_code, 1);
  EXPECT_NE(validate.err.find("001_accounts.sql: edited after it was applied (checksum"), std::string::npos)
      << validate.err;
  const Completed up = migrate({"up"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("refusing to migrate"), std::string::npos) << up.err;

  ASSERT_EQ(migrate({"repair"}).exit_code, 0);
  EXPECT_EQ(migrate({"validate"}).exit_code, 0);
}

TEST_F(MigrateTest, ADeletedAppliedFileIsDrift) {
  two_migrations();
  ASSERT_EQ(migrate({"up"}).exit_code, 0);
  fs::remove(dir_ / "002_email.sql");
  fs::remove(dir_ / "002_email.down.sql");
  const Completed validate = migrate({"validate"});
  EXPECT_EQ(validate.exit_code, 1);
  EXPECT_NE(validate.err.find("002_email.sql: applied as version 002 but the file is gone"), std::string::npos)
      << validate.err;
}

TEST_F(MigrateTest, AFailingMigrationLeavesNothingOfItself) {
  two_migrations();
  file("003_broken.sql", "CREATE TABLE audit (id int);\nINSERT INTO nowhere VALUES (1);\n");
  const Completed up = migrate({"up"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("003_broken.sql:2:13: relation \"nowhere\" does not exist (SQLSTATE 42P01)"), std::string::npos)
      << up.err;
  EXPECT_EQ(scalar("SELECT to_regclass('audit') IS NULL"), "t");
  EXPECT_EQ(history(), "001:true,002:true");
}

TEST_F(MigrateTest, AFailedConcurrentIndexLeavesAFailedRowThatRepairClears) {
  file("001_people.sql", "CREATE TABLE people (email text); INSERT INTO people VALUES ('a'), ('a');\n");
  file("002_unique_email.sql", "CREATE UNIQUE INDEX CONCURRENTLY people_email ON people (email);\n");
  const Completed up = migrate({"up"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("SQLSTATE 23505"), std::string::npos) << up.err;
  EXPECT_EQ(history(), "001:true,002:false");

  const Completed status = migrate({"status"});
  EXPECT_EQ(status.exit_code, 1);
  EXPECT_NE(status.out.find("failed"), std::string::npos) << status.out;
  const Completed refused = migrate({"up"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("failed earlier: fix it, then run `pgcertify migrate repair`"), std::string::npos)
      << refused.err;

  sql("DROP INDEX people_email; DELETE FROM people WHERE ctid = (SELECT max(ctid) FROM people)");
  ASSERT_EQ(migrate({"repair"}).exit_code, 0);
  const Completed fixed = migrate({"up"});
  ASSERT_EQ(fixed.exit_code, 0) << fixed.err;
  EXPECT_EQ(history(), "001:true,002:true");
  EXPECT_EQ(scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'people_email'::regclass"), "t");
}

TEST_F(MigrateTest, TwoConcurrentUpsApplyEachMigrationOnce) {
  file("001_slow.sql", "CREATE TABLE slow (id int); SELECT pg_sleep(4);\n");
  file("002_counter.sql", "CREATE TABLE applied_twice_would_fail (id int);\n");
  const std::vector<std::string> args = {"migrate", "up", dir_.string(), "--dsn", dsn()};
  fs::create_directories(work_dir_ / "first");
  fs::create_directories(work_dir_ / "second");
  Background first = start_pgcertify(args, work_dir_ / "first");
  Background second = start_pgcertify(args, work_dir_ / "second");
  const Completed a = first.wait(60), b = second.wait(60);
  EXPECT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(history(), "001:true,002:true");
  EXPECT_NE((a.out + b.out).find("waiting for the migration lock on public.pgcertify_schema_history (held by backend pid"),
            std::string::npos)
      << a.out << b.out;
}

TEST_F(MigrateTest, BaselineStartsTheHistoryAtAVersion) {
  two_migrations();
  sql("CREATE TABLE accounts (id int PRIMARY KEY, name text)");
  ASSERT_EQ(migrate({"baseline", "--version", "1"}).exit_code, 0);
  const Completed up = migrate({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(history(), "1:true,002:true");
}

TEST_F(MigrateTest, HooksRunAroundMigrations) {
  two_migrations();
  file("beforeMigrate.sql", "CREATE TABLE IF NOT EXISTS hook_log (at text);\n");
  file("afterEachMigrate.sql", "INSERT INTO hook_log VALUES ('after each');\n");
  ASSERT_EQ(migrate({"up"}).exit_code, 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM hook_log"), "2");
}

TEST_F(MigrateTest, BadFolderContentsExitTwoWithOneMessageNamingTheFile) {
  two_migrations();
  file("create_things.sql", "SELECT 1;\n");
  Completed c = migrate({"up"});
  EXPECT_EQ(c.exit_code, 2);
  EXPECT_NE(c.err.find("create_things.sql: not a migration file name"), std::string::npos) << c.err;
  fs::remove(dir_ / "create_things.sql");

  file("2_again.sql", "SELECT 1;\n");
  c = migrate({"status"});
  EXPECT_EQ(c.exit_code, 2);
  EXPECT_NE(c.err.find("version 2 is also used by 002_email.sql"), std::string::npos) << c.err;
  fs::remove(dir_ / "2_again.sql");

  fs::create_symlink(dir_ / "nowhere.txt", dir_ / "003_dangling.sql");
  c = migrate({"up"});
  EXPECT_EQ(c.exit_code, 2);
  EXPECT_NE(c.err.find("003_dangling.sql"), std::string::npos) << c.err;
  fs::remove(dir_ / "003_dangling.sql");

  file("003_syntax.sql", "CREATE TABLE x (\n  id int,,\n);\n");
  c = migrate({"up"});
  EXPECT_EQ(c.exit_code, 2);
  EXPECT_NE(c.err.find("003_syntax.sql:2:10: SQL syntax error"), std::string::npos) << c.err;
  EXPECT_EQ(scalar("SELECT to_regclass('accounts') IS NULL"), "t");
}

TEST_F(MigrateTest, AnUnreachableServerExitsThree) {
  two_migrations();
  const Completed c = run_pgcertify(
      {"migrate", "up", dir_.string(), "--dsn", "host=127.0.0.1 port=1 dbname=x connect_timeout=2"});
  EXPECT_EQ(c.exit_code, 3) << c.err;
}

TEST_F(MigrateTest, LintVerdictDependsOnTheLiveTableSize) {
  sql("CREATE TABLE events (id int, kind text)");
  file("005_index.sql", "SET lock_timeout = '2s';\nCREATE INDEX events_kind ON events (kind);\n");
  const std::vector<std::string> args = {"migrate", "lint", (dir_ / "005_index.sql").string(), "--dsn", dsn(),
                                         "--format", "json"};
  Completed empty = run_pgcertify(args);
  EXPECT_EQ(empty.exit_code, 0) << empty.out << empty.err;
  auto findings = nlohmann::json::parse(empty.out);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0]["severity"], "info");
  EXPECT_EQ(findings[0]["bytes"], 0);

  sql("INSERT INTO events SELECT g, 'k' || (g % 10) FROM generate_series(1, 100000) g; ANALYZE events");
  Completed large = run_pgcertify(args);
  EXPECT_EQ(large.exit_code, 1) << large.out << large.err;
  findings = nlohmann::json::parse(large.out);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0]["rule"], "require-concurrent-index-creation");
  EXPECT_EQ(findings[0]["severity"], "error");
  EXPECT_EQ(findings[0]["rows"], 100000);
  EXPECT_EQ(findings[0]["lock"], "SHARE");
  EXPECT_EQ(findings[0]["line"], 2);
  EXPECT_NE(findings[0]["message"].get<std::string>().find("(events: 100 k rows, "), std::string::npos)
      << findings[0]["message"];
}

TEST_F(MigrateTest, TheMigrationsCheckNamesWhatADownLeftBehind) {
  two_migrations();
  file("003_index.sql", "CREATE INDEX accounts_name ON accounts (name);\n");
  file("003_index.down.sql", "SELECT 1;  -- forgets the index\n");
  ASSERT_EQ(migrate({"up", "--target", "2"}).exit_code, 0);
  write_text(work_dir_ / "plan.yaml",
             "suites:\n  - name: m\n    checks:\n"
             "      - name: tracked\n        migrations: {dir: migrations/, expect: {pending: 0, drift: 0}}\n"
             "      - name: round trip\n        migrations: {dir: migrations/, reversible: true}\n");
  const fs::path report = work_dir_ / "r.json";
  Completed refused = run_pgcertify({"run", (work_dir_ / "plan.yaml").string(), "--dsn", dsn()});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.out.find("it runs on the ephemeral cluster, or against --dsn only with `run --allow-scratch`"),
            std::string::npos)
      << refused.out;
  const Completed run = run_pgcertify({"run", (work_dir_ / "plan.yaml").string(), "--dsn", dsn(), "--allow-scratch",
                                       "--report", "json=" + report.string()});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const auto results = nlohmann::json::parse(read_text(report))["results"];
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["status"], "fail");
  EXPECT_EQ(results[0]["message"], "2 of 3 migrations applied; 1 pending, 0 failed, 0 drifted");
  EXPECT_EQ(results[1]["status"], "fail");
  EXPECT_NE(results[1]["message"].get<std::string>().find(
                "003 index: down left: index public.accounts.accounts_name is left over (CREATE INDEX accounts_name"),
            std::string::npos)
      << results[1]["message"];
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_database WHERE datname LIKE 'pgcertify_scratch_%'"), "0");
}

TEST_F(MigrateTest, DataMigrationPassesOnlyWhenRowsAndPinnedColumnsSurvive) {
  file("001_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL, username text NOT NULL);\n");
  file("002_display.sql", "ALTER TABLE users ADD COLUMN display_name text;\nUPDATE users SET display_name = upper(username);\n");
  file("003_mangle.sql", "UPDATE users SET email = email || '.x' WHERE id % 2 = 0;\n");
  file("004_prune.sql", "DELETE FROM users WHERE id IN (SELECT id FROM users ORDER BY id LIMIT 10);\n");
  auto check = [](const std::string& name, const std::string& migration, const std::string& extra) {
    return "      - name: " + name + "\n        migrations:\n          dir: migrations/\n          data_migration:\n" +
           "            migration: \"" + migration + "\"\n            data: {seed: 3, tables: {users: {rows: 500}}}\n" +
           "            unchanged: {users: [id, email, username]}\n" + extra;
  };
  write_text(work_dir_ / "plan.yaml",
             "suites:\n  - name: m\n    checks:\n" + check("display", "002", "            expect: {duration: '< 30s'}\n") +
                 check("mangle", "003", "") + check("prune", "004", "") +
                 check("prune expected", "004", "            expect: {rows: {users: 490}}\n"));
  const fs::path report = work_dir_ / "r.json";
  const Completed run = run_pgcertify({"run", (work_dir_ / "plan.yaml").string(), "--dsn", dsn(), "--allow-scratch",
                                       "--report", "json=" + report.string()});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const auto results = nlohmann::json::parse(read_text(report))["results"];
  ASSERT_EQ(results.size(), 4u) << results;
  EXPECT_EQ(results[0]["status"], "pass") << results[0];
  EXPECT_NE(results[0]["message"].get<std::string>().find("migration 002 ran over 500 rows (500 generated)"), std::string::npos)
      << results[0]["message"];
  EXPECT_EQ(results[1]["status"], "fail") << results[1];
  EXPECT_NE(results[1]["evidence"][0].get<std::string>().find(
                " rows whose (id, email, username) did not exist before the migration (changed or added), first ("),
            std::string::npos)
      << results[1];
  EXPECT_EQ(results[2]["status"], "fail") << results[2];
  EXPECT_EQ(results[2]["evidence"][0], "users: 500 rows before, 490 after (= 500 expected)") << results[2];
  EXPECT_EQ(results[3]["status"], "pass") << results[3];
  // Everything ran in scratch databases: the target has no users table and no scratch left.
  EXPECT_EQ(scalar("SELECT to_regclass('users') IS NULL"), "t");
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_database WHERE datname LIKE 'pgcertify_scratch_%'"), "0");

  write_text(work_dir_ / "bad.yaml", "suites:\n  - name: m\n    checks:\n" + check("missing", "009", ""));
  const Completed bad = run_pgcertify({"run", (work_dir_ / "bad.yaml").string(), "--dsn", dsn(), "--allow-scratch"});
  EXPECT_EQ(bad.exit_code, 2) << bad.out << bad.err;
  EXPECT_NE(bad.err.find("bad.yaml:8:24: no versioned migration '009' in"), std::string::npos) << bad.err;
}

/// Starts `migrate up`, waits until the migration holding `marker` is running on the server,
/// then sends SIGINT; returns how the run ended.
Completed interrupt_up(MigrateTest& t, const std::string& dsn, const fs::path& dir, const fs::path& work,
                       const std::string& marker) {
  Background run = start_pgcertify({"migrate", "up", dir.string(), "--dsn", dsn}, work);
  const std::string running = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%" +
                              marker + "%' AND pid <> pg_backend_pid()";
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (t.scalar_of(running) == "0" && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(t.scalar_of(running), "1") << "the migration never started";
  ::kill(run.pid, SIGINT);
  return run.wait(20);
}

TEST_F(MigrateTest, SigintDuringATransactionalMigrationLeavesNothingOfItAndTheHistoryConsistent) {
  two_migrations();
  file("002_email.sql", "INSERT INTO accounts VALUES (1, 'a');\nSELECT pg_sleep(30) AS sigint_marker_tx;\n");
  file("003_more.sql", "ALTER TABLE accounts ADD COLUMN more text;\n");
  const Completed done = interrupt_up(*this, dsn(), dir_, work_dir_, "sigint_marker_tx");
  EXPECT_EQ(done.exit_code, 1) << done.out << done.err;
  EXPECT_NE(done.err.find("interrupted"), std::string::npos) << done.err;
  EXPECT_EQ(history(), "001:true");
  EXPECT_EQ(scalar("SELECT count(*) FROM accounts"), "0");
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"), "0");
  // Nothing is left locked or half-recorded: the next up applies the rest.
  file("002_email.sql", "INSERT INTO accounts VALUES (1, 'a');\n");
  const Completed again = migrate({"up"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(history(), "001:true,002:true,003:true");
}

TEST_F(MigrateTest, SigintDuringANonTransactionalMigrationRecordsItFailedForRepair) {
  two_migrations();
  file("002_email.sql",
       "CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_name ON accounts (name);\n"
       "SELECT pg_sleep(30) AS sigint_marker_notx;\n");
  const Completed done = interrupt_up(*this, dsn(), dir_, work_dir_, "sigint_marker_notx");
  EXPECT_EQ(done.exit_code, 1) << done.out << done.err;
  // The index was built before the interrupt and stays: the history must not call 002 pending.
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'accounts_name'"), "1");
  EXPECT_EQ(history(), "001:true,002:false");
  const Completed status = migrate({"status"});
  EXPECT_NE(status.out.find("1 failed"), std::string::npos) << status.out;
  ASSERT_EQ(migrate({"repair"}).exit_code, 0);
  file("002_email.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_name ON accounts (name);\n");
  const Completed again = migrate({"up"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(history(), "001:true,002:true");
}

TEST_F(MigrateTest, FlywayNamesAndRepeatablesReapplyOnlyWhenTheirChecksumChanges) {
  file("V1__accounts.sql", "CREATE TABLE accounts (id int PRIMARY KEY, name text);\n");
  file("U1__accounts.sql", "DROP TABLE accounts;\n");
  file("V2__email.sql", "ALTER TABLE accounts ADD COLUMN email text;\n");
  file("U2__email.sql", "ALTER TABLE accounts DROP COLUMN email;\n");
  file("R__names.sql", "CREATE OR REPLACE VIEW names AS SELECT name FROM accounts;\n");
  const std::string rows = "string_agg(coalesce(version, 'R') || ':' || script, ',' ORDER BY installed_rank)";
  Completed up = migrate({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  // Repeatables run after every versioned migration, whatever their names sort as.
  EXPECT_EQ(history(rows), "1:V1__accounts.sql,2:V2__email.sql,R:R__names.sql");
  EXPECT_EQ(scalar("SELECT to_regclass('names') IS NOT NULL"), "t");

  up = migrate({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_EQ(history(rows), "1:V1__accounts.sql,2:V2__email.sql,R:R__names.sql") << "an unchanged repeatable re-ran";

  file("R__names.sql", "CREATE OR REPLACE VIEW names AS SELECT name, email FROM accounts;\n");
  const Completed status = migrate({"status"});
  EXPECT_EQ(status.exit_code, 0) << status.out << status.err;
  EXPECT_NE(status.out.find("outdated"), std::string::npos) << status.out;
  up = migrate({"up"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_EQ(history(rows), "1:V1__accounts.sql,2:V2__email.sql,R:R__names.sql,R:R__names.sql");
  EXPECT_EQ(scalar("SELECT count(*) FROM information_schema.columns WHERE table_name = 'names'"), "2");
  // The validate that follows sees nothing drifted: the newest row of a repeatable is its state.
  EXPECT_EQ(migrate({"validate"}).exit_code, 0);
}

}  // namespace
}  // namespace pgcertify::testing

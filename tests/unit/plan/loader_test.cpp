#include "plan/loader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "checks/registry.hpp"
#include "common/error.hpp"
#include "runner/compile.hpp"

namespace pgcertify::plan {
namespace {
namespace fs = std::filesystem;

EnvLookup no_env() {
  return [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
}

class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("pgcertify-loader-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) {
    fs::create_directories((dir_ / name).parent_path());
    std::ofstream(dir_ / name) << text;
  }

  Plan load(const std::string& text) {
    return load_plan_text(text, "plan.yaml", dir_, checks::kind_keys(), no_env());
  }

  /// The formatted error the plan produces, or "" if it loads and compiles.
  std::string error_of(const std::string& text) {
    try {
      const Plan plan = load(text);
      runner::compile(plan);
      return "";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind, ErrorKind::kPlan);
      return e.format();
    }
  }

  fs::path dir_;
};

constexpr const char* kGood = R"(plan: Demo
defaults: {timeout: 5s}
suites:
  - name: Data
    tags: [smoke]
    checks:
      - name: count
        timeout: 250ms
        query:
          sql: SELECT 1
          expect: {value: 1}
      - rejects:
          sql: INSERT INTO t VALUES (7)
          sqlstate: check_violation
        severity: warn
        skip: not yet
)";

TEST_F(LoaderTest, LoadsSuitesChecksAndCommonOptions) {
  const Plan plan = load(kGood);
  EXPECT_EQ(plan.title, "Demo");
  EXPECT_EQ(plan.defaults.timeout, std::chrono::seconds(5));
  ASSERT_EQ(plan.suites.size(), 1u);
  const auto& checks = plan.suites[0].checks;
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].kind, "query");
  EXPECT_EQ(checks[0].timeout, std::chrono::milliseconds(250));
  EXPECT_EQ(checks[0].where.line, 7);
  EXPECT_EQ(checks[1].kind, "rejects");
  EXPECT_EQ(checks[1].severity, Severity::kWarn);
  EXPECT_EQ(checks[1].skip, "not yet");
}

TEST_F(LoaderTest, CompiledChecksGetStableIdsAndDefaultNames) {
  const Plan plan = load(kGood);
  const auto planned = runner::compile(plan);
  ASSERT_EQ(planned.size(), 2u);
  EXPECT_EQ(planned[0].id, "Data/count");
  EXPECT_EQ(planned[1].id, "Data/rejects INSERT INTO t VALUES (7)");
  EXPECT_EQ(planned[1].tags, std::vector<std::string>{"smoke"});
}

TEST_F(LoaderTest, MisspeltKeyIsAnErrorWithSuggestion) {
  EXPECT_EQ(error_of("suites:\n  - name: s\n    checks:\n      - query:\n          sql: SELECT 1\n          expcet: {value: 1}\n"),
            "plan.yaml:6:11: unknown key 'expcet' (did you mean 'expect'?)\n"
            "            expcet: {value: 1}\n"
            "            ^");
}

TEST_F(LoaderTest, MisspeltKindIsAnErrorWithSuggestion) {
  EXPECT_EQ(error_of("suites:\n  - name: s\n    checks:\n      - qeury: SELECT 1\n"),
            "plan.yaml:4:9: unknown key 'qeury' (did you mean 'query'?)\n"
            "        - qeury: SELECT 1\n"
            "          ^");
}

TEST_F(LoaderTest, YamlSyntaxErrorNamesItsPosition) {
  const std::string e = error_of("suites:\n  - name: [unclosed\n");
  EXPECT_EQ(e.rfind("plan.yaml:3:1: YAML syntax error: ", 0), 0u) << e;
}

TEST_F(LoaderTest, BadDurationNamesTheValue) {
  EXPECT_EQ(error_of("defaults: {timeout: 5 parsecs}\nsuites: []\n"),
            "plan.yaml:1:21: invalid duration '5 parsecs' (expected a number and a unit: us, ms, s, min, h, d; e.g. "
            "250ms)\n"
            "  defaults: {timeout: 5 parsecs}\n"
            "                      ^");
}

TEST_F(LoaderTest, MissingMigrationsFolderIsAnError) {
  const std::string e = error_of("setup:\n  migrations: nowhere/\nsuites: []\n");
  EXPECT_EQ(e.substr(0, e.find('\n')), "plan.yaml:2:15: migrations folder '" + (dir_ / "nowhere/").string() + "' does not exist");
}

TEST_F(LoaderTest, ASetupSqlFolderOrMissingFileSaysWhichItIs) {
  write("fixtures/a.sql", "SELECT 1;\n");
  std::string e = error_of("setup:\n  sql: fixtures/\nsuites: []\n");
  EXPECT_EQ(e.substr(0, e.find('\n')), "plan.yaml:2:8: SQL file '" + (dir_ / "fixtures/").string() +
                                            "' is a folder; name its files (setup.sql takes a file or a list of files)");
  e = error_of("setup:\n  sql: [fixtures/a.sql, fixtures/b.sql]\nsuites: []\n");
  EXPECT_EQ(e.substr(0, e.find('\n')), "plan.yaml:2:25: SQL file '" + (dir_ / "fixtures/b.sql").string() + "' does not exist");
}

TEST_F(LoaderTest, SqlSyntaxErrorInASetupFileNamesFileLineAndColumn) {
  write("m/001_init.sql", "CREATE TABLE a (id int);\n\nCREATE TABEL b (id int);\n");
  const std::string e = error_of("setup:\n  migrations: m\nsuites: []\n");
  const std::string file = (dir_ / "m/001_init.sql").string();
  EXPECT_EQ(e, file + ":3:8: SQL syntax error at or near \"TABEL\"\n  CREATE TABEL b (id int);\n         ^");
}

TEST_F(LoaderTest, MigrationsAreOrderedByVersionAndDownFilesIgnored) {
  write("m/010_c.sql", "SELECT 3;");
  write("m/002_b.sql", "SELECT 2;");
  write("m/001_a.sql", "SELECT 1; SELECT 11;");
  write("m/001_a.down.sql", "SELECT -1;");
  const Plan plan = load("setup:\n  migrations: m\nsuites: []\n");
  ASSERT_EQ(plan.setup.migrations.size(), 3u);
  EXPECT_EQ(plan.setup.migrations[0].version, "001");
  EXPECT_EQ(plan.setup.migrations[0].up.statements.size(), 2u);
  EXPECT_EQ(plan.setup.migrations[2].version, "010");
}

TEST_F(LoaderTest, DuplicateMigrationVersionsAreAnError) {
  write("m/001_a.sql", "SELECT 1;");
  write("m/1_b.sql", "SELECT 1;");
  EXPECT_NE(error_of("setup:\n  migrations: m\nsuites: []\n").find("have the same version 1"), std::string::npos);
}

TEST_F(LoaderTest, CheckWithTwoKindsIsAnError) {
  const std::string e = error_of("suites:\n  - name: s\n    checks:\n      - query: SELECT 1\n        rejects: SELECT 2\n");
  EXPECT_EQ(e.substr(0, e.find('\n')),
            "plan.yaml:5:9: a check has exactly one kind, but this one has both 'query' and 'rejects'");
}

TEST_F(LoaderTest, UnknownSqlstateConditionIsAnError) {
  const std::string e =
      error_of("suites:\n  - name: s\n    checks:\n      - rejects: {sql: SELECT 1, sqlstate: check_violaton}\n");
  EXPECT_EQ(e.substr(0, e.find('\n')),
            "plan.yaml:4:44: unknown SQLSTATE condition 'check_violaton' (did you mean 'check_violation'?)");
}

TEST_F(LoaderTest, InvalidRegexIsAnError) {
  const std::string e = error_of(
      "suites:\n  - name: s\n    checks:\n      - query: {sql: SELECT 1, expect: {every: {matches: '([a-z'}}}\n");
  EXPECT_EQ(e.rfind("plan.yaml:4:58: invalid regular expression", 0), 0u) << e;
}

TEST_F(LoaderTest, InvalidRejectsMessageRegexIsAnErrorAtItsPosition) {
  const std::string e =
      error_of("suites:\n  - name: s\n    checks:\n      - rejects: {sql: SELECT 1, message: 'dup(licate'}\n");
  EXPECT_EQ(e.rfind("plan.yaml:4:43: invalid regular expression: missing )", 0), 0u) << e;
}

TEST_F(LoaderTest, ABackreferenceIsRefusedRatherThanMatchedInExponentialTime) {
  // RE2 has no backreferences; the plan is refused when loaded, not stalled on a value.
  const std::string e = error_of(
      "suites:\n  - name: s\n    checks:\n      - query: {sql: SELECT 1, expect: {every: {matches: '(a)\\1'}}}\n");
  EXPECT_EQ(e.rfind("plan.yaml:4:58: invalid regular expression: invalid escape sequence", 0), 0u) << e;
}

TEST_F(LoaderTest, AReadOnlyLoadThatWouldMakeItsSessionWritableIsRefused) {
  const std::string script = "\\\\set aid 1\\nBEGIN READ WRITE;\\nINSERT INTO t VALUES (:aid);\\nEND;\\n";
  std::string e = error_of("suites:\n  - name: s\n    checks:\n      - load: {sql: \"" + script + "\", transactions: 1}\n");
  EXPECT_NE(e.find("line 2: READ WRITE is not allowed without 'writes: true'"), std::string::npos) << e;
  EXPECT_EQ(e.rfind("plan.yaml:4:15:", 0), 0u) << e;
  e = error_of("suites:\n  - name: s\n    checks:\n      - load: {sql: \"SELECT set_config('default_transaction_read_only', "
               "'off', false);\\nINSERT INTO t VALUES (1);\\n\", transactions: 1}\n");
  EXPECT_NE(e.find("line 1: set_config() is not allowed without 'writes: true'"), std::string::npos) << e;
  e = error_of("suites:\n  - name: s\n    checks:\n      - load: {sql: \"\\\\shell psql -c 'DELETE FROM t'\\n\", transactions: 1}\n");
  EXPECT_NE(e.find("a shell command is not allowed without 'writes: true'"), std::string::npos) << e;
  // With writes: true the same script loads (it runs in a scratch copy).
  EXPECT_EQ(error_of("suites:\n  - name: s\n    checks:\n      - load: {sql: \"" + script + "\", transactions: 1, writes: true}\n"), "");
  // A read-only transaction, and pgbench's own tpcb-like shape without writes, are fine.
  EXPECT_EQ(error_of("suites:\n  - name: s\n    checks:\n      - load: {sql: \"BEGIN READ ONLY;\\nSELECT 1;\\nEND;\\n\", transactions: 1}\n"), "");
}

TEST_F(LoaderTest, AReadOnlyLatencyStatementThatSwitchesToReadWriteIsRefused) {
  const std::string e = error_of(
      "suites:\n  - name: s\n    checks:\n      - latency: {sql: \"SET default_transaction_read_only = off; INSERT INTO t VALUES (1)\", p95: 1s}\n");
  EXPECT_NE(e.find("SET default_transaction_read_only is not allowed without 'writes: true'"), std::string::npos) << e;
}

TEST_F(LoaderTest, UnsetEnvironmentVariableIsAnErrorAtItsPosition) {
  const std::string e = error_of("target:\n  dsn: postgresql://${DB_HOST}/x\nsuites: []\n");
  EXPECT_EQ(e.substr(0, e.find('\n')),
            "plan.yaml:2:21: environment variable 'DB_HOST' is not set (write '${DB_HOST:-default}' to give a default)");
}

TEST_F(LoaderTest, DuplicateKeyIsAnErrorAtTheSecondOne) {
  const std::string e = error_of("suites:\n  - name: a\n    checks: []\n    name: b\n");
  EXPECT_EQ(e.substr(0, e.find('\n')),
            "plan.yaml:4:5: duplicate key 'name' (first given at line 2); YAML keeps only one of them");
}

TEST_F(LoaderTest, RecursiveAliasIsAnErrorNotACrash) {
  const std::string e = error_of("suites: &a [*a]\n");
  EXPECT_NE(e.find("nested more than 64 levels deep"), std::string::npos) << e;
}

TEST_F(LoaderTest, AliasBombIsAnErrorNotAnHourOfWork) {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += (j ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]\n";
  }
  text += "suites: []\n";
  const std::string e = error_of(text);
  EXPECT_NE(e.find("the plan expands to more than 200000 YAML nodes"), std::string::npos) << e;
}

TEST_F(LoaderTest, ASecondYamlDocumentIsAnError) {
  const std::string e = error_of("suites: []\n---\nsuites: []\n");
  EXPECT_NE(e.find("more than one YAML document"), std::string::npos) << e;
}

TEST_F(LoaderTest, AnEmptyDsnIsAnErrorNotAThrowawayCluster) {
  const std::string e = error_of("target:\n  dsn: ''\nsuites: []\n");
  EXPECT_EQ(e.substr(0, e.find(';')), "plan.yaml:2:8: 'dsn' is empty (an unset environment variable?)");
}

TEST_F(LoaderTest, DollarDollarThroughAnAliasIsExpandedOnce) {
  const Plan plan = load(
      "suites:\n  - name: s\n    checks:\n      - name: &price 'costs $$5'\n        query: SELECT 1\n"
      "      - name: *price\n        query: SELECT 2\n");
  ASSERT_EQ(plan.suites.at(0).checks.size(), 2u);
  EXPECT_EQ(plan.suites[0].checks[0].name, "costs $5");
  EXPECT_EQ(plan.suites[0].checks[1].name, "costs $5");
}

TEST_F(LoaderTest, ATagNoCheckCarriesIsAUsageErrorWithSuggestion) {
  const Plan plan = load(kGood);
  try {
    runner::select(runner::compile(plan), plan, {{}, {"smok"}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind, ErrorKind::kUsage);
    EXPECT_EQ(std::string(e.what()), "--tags: no check of the plan has the tag 'smok' (did you mean 'smoke'?)");
  }
  EXPECT_EQ(runner::select(runner::compile(plan), plan, {{}, {"smoke"}}).size(), 2u);
}

TEST_F(LoaderTest, AZeroTimeoutIsAnError) {
  const std::string e = error_of("defaults: {timeout: 0s}\nsuites: []\n");
  EXPECT_EQ(e.substr(0, e.find('\n')), "plan.yaml:1:21: a timeout must be longer than 0 (e.g. 30s)");
}

TEST_F(LoaderTest, AFolderGivenAsThePlanSaysSo) {
  try {
    load_plan(dir_, checks::kind_keys(), no_env());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind, ErrorKind::kPlan);
    EXPECT_NE(std::string(e.what()).find("is a folder; give the plan file"), std::string::npos) << e.what();
  }
}

TEST_F(LoaderTest, PlanWithoutSuitesIsAnError) {
  EXPECT_EQ(error_of("plan: x\n").substr(0, 49), "plan.yaml:1:1: the plan has no 'suites' (a list o");
}

}  // namespace
}  // namespace pgcertify::plan

namespace pgcertify::plan {
namespace {
class DataLoaderTest : public ::testing::Test {
 protected:
  Plan load(const std::string& text) {
    return load_plan_text(text, "plan.yaml", fs::temp_directory_path(), checks::kind_keys(), no_env());
  }
  std::string error_of(const std::string& text) {
    try {
      load(text);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }
};

TEST_F(DataLoaderTest, ReadsSeedTablesRowsAndColumnsAndNeedsNoSuites) {
  const Plan plan = load("setup:\n  data:\n    seed: 7\n    tables:\n      classrooms: {rows: 3, columns: {grade_level: {one_of: [4, 5]}}}\n");
  ASSERT_TRUE(plan.setup.data);
  EXPECT_EQ(plan.setup.data->seed, 7u);
  ASSERT_EQ(plan.setup.data->tables.size(), 1u);
  EXPECT_EQ(plan.setup.data->tables[0].name, "classrooms");
  EXPECT_EQ(plan.setup.data->tables[0].rows, 3);
  ASSERT_EQ(plan.setup.data->tables[0].columns.size(), 1u);
  EXPECT_EQ(plan.setup.data->tables[0].columns[0].first.as_string(), "grade_level");
  EXPECT_TRUE(plan.suites.empty());
}

TEST_F(DataLoaderTest, BadDataOptionsAreErrorsAtTheirPosition) {
  EXPECT_EQ(error_of("setup:\n  data:\n    tables:\n      t: {rows: -1}\n"), "rows must be >= 0");
  EXPECT_EQ(error_of("setup:\n  data:\n    tables:\n      t: {rowz: 1}\n"), "unknown key 'rowz' (did you mean 'rows'?)");
  EXPECT_EQ(error_of("setup:\n  data:\n    sead: 1\n"), "unknown key 'sead' (did you mean 'seed'?)");
  EXPECT_EQ(error_of("setup:\n  data:\n    seed: -4\n"), "seed must be >= 0");
}

}  // namespace
}  // namespace pgcertify::plan

namespace pgcertify::plan {
namespace {

TEST_F(LoaderTest, ReadsSetupPgBouncerAsPgBouncerSpellsIt) {
  const Plan plan = load(
      "target: {pgbouncer: 'host=pool port=6432'}\n"
      "setup:\n  pgbouncer: {pool_mode: transaction, max_client_conn: 1000, default_pool_size: 25, min_pool_size: 5,\n"
      "              reserve_pool_size: 10, reserve_pool_timeout: 3, max_db_connections: 50, max_user_connections: 50}\n"
      "suites: []\n");
  ASSERT_TRUE(plan.setup.pgbouncer);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"pool_mode", "transaction"},    {"max_client_conn", "1000"},  {"default_pool_size", "25"},
      {"min_pool_size", "5"},          {"reserve_pool_size", "10"},  {"reserve_pool_timeout", "3"},
      {"max_db_connections", "50"},    {"max_user_connections", "50"}};
  EXPECT_EQ(plan.setup.pgbouncer->settings, expected);
  EXPECT_EQ(plan.target.pgbouncer, "host=pool port=6432");
  EXPECT_EQ(load("setup:\n  pgbouncer: {reserve_pool_timeout: 500ms}\nsuites: []\n").setup.pgbouncer->settings.front().second,
            "0.5");
}

TEST_F(LoaderTest, BadPgBouncerSettingsAreErrorsWithSuggestions) {
  EXPECT_EQ(error_of("setup:\n  pgbouncer: {pool_mode: transactoin}\nsuites: []\n"),
            "plan.yaml:2:26: invalid pool_mode 'transactoin' (expected session, transaction or statement) (did you "
            "mean 'transaction'?)\n"
            "    pgbouncer: {pool_mode: transactoin}\n"
            "                           ^");
  EXPECT_EQ(error_of("setup:\n  pgbouncer: {max_client_con: 10}\nsuites: []\n"),
            "plan.yaml:2:15: unknown key 'max_client_con' (did you mean 'max_client_conn'?)\n"
            "    pgbouncer: {max_client_con: 10}\n"
            "                ^");
  EXPECT_NE(error_of("setup:\n  pgbouncer: {default_pool_size: -1}\nsuites: []\n").find("'default_pool_size' must be at least 0"),
            std::string::npos);
  EXPECT_NE(error_of("setup:\n  pgbouncer: {max_client_conn: lots}\nsuites: []\n").find("lots"), std::string::npos);
}

TEST_F(LoaderTest, LoadBudgetsOnPoolWaitsNeedViaPgBouncer) {
  EXPECT_NE(error_of("suites:\n  - name: s\n    checks:\n      - load: {sql: 'SELECT 1;', expect: {cl_waiting: 0}}\n")
                .find("'cl_waiting' is read from PgBouncer's SHOW POOLS: it needs 'via: pgbouncer'"),
            std::string::npos);
  EXPECT_NE(error_of("suites:\n  - name: s\n    checks:\n      - load: {sql: 'SELECT 1;', via: pgbouncr}\n")
                .find("invalid via 'pgbouncr' (expected direct or pgbouncer) (did you mean 'pgbouncer'?)"),
            std::string::npos);
  EXPECT_NE(error_of("suites:\n  - name: s\n    checks:\n      - load: {sql: 'SELECT 1;', via: pgbouncer, expect: {connect_p95: 5}}\n")
                .find("'connect_p95' is a duration budget"),
            std::string::npos);
  EXPECT_NE(error_of("suites:\n  - name: s\n    checks:\n      - latency: {sql: SELECT 1, via: pgbouncer, as_role: r}\n")
                .find("cannot be combined with 'via: pgbouncer'"),
            std::string::npos);
  EXPECT_EQ(error_of("suites:\n  - name: s\n    checks:\n      - load: {sql: 'SELECT 1;', via: pgbouncer, expect: {connect_p95: 10ms, "
                     "cl_waiting: 0, maxwait: 1s}}\n"),
            "");
}

}  // namespace
}  // namespace pgcertify::plan

namespace pgcertify::plan {
namespace {

TEST_F(LoaderTest, InlineLoadScriptErrorsPointIntoThePlanFile) {
  // A block scalar: script line 2, column 8 is plan line 8, past the block's indentation.
  const std::string block = error_of(R"(suites:
  - name: load
    checks:
      - load:
          clients: 2
          sql: |
            \set a 1
            \set x frob(1)
            SELECT :x;
)");
  EXPECT_EQ(block.rfind("plan.yaml:8:20: unknown function \"frob\"", 0), 0u) << block;
  EXPECT_NE(block.find("            \\set x frob(1)"), std::string::npos) << block;
  // A quoted one-line scalar: a column after the quote.
  const std::string quoted = error_of(R"(suites:
  - name: load
    checks:
      - load: {sql: '\set y zap(1)', clients: 2}
)");
  EXPECT_EQ(quoted.rfind("plan.yaml:4:29: unknown function \"zap\"", 0), 0u) << quoted;
}

}  // namespace
}  // namespace pgcertify::plan

// The linter against a corpus of safe and unsafe migrations: each case is the SQL of an earlier
// migration (tables that already exist in production), the SQL under test, and the rules expected.

#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "migrate/lint_output.hpp"
#include "migrate/linter.hpp"

namespace pgcertify::migrate {
namespace {

struct Case {
  const char* name;
  const char* sql;
  std::vector<std::string> rules;  // in order; empty: safe
};

/// Lints `sql` as 002_test.sql. Tables the case uses exist "in production": no earlier file of
/// this folder created them.
std::vector<std::string> rules_of(const std::string& sql) {
  std::vector<Script> scripts = {parse_script(sql, "002_test.sql")};
  auto findings = lint_scripts(scripts, {});
  drop_folder_table_findings(findings);
  std::vector<std::string> rules;
  for (const auto& f : findings) rules.push_back(f.rule);
  return rules;
}

const std::vector<Case> kCorpus = {
    {"plain index on an existing table", "SET lock_timeout = '2s'; CREATE INDEX i ON users (email);",
     {"require-concurrent-index-creation"}},
    {"concurrent index", "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON users (email);", {}},
    {"concurrent index without IF NOT EXISTS", "CREATE INDEX CONCURRENTLY i ON users (email);", {"prefer-robust-stmts"}},
    {"index on a table created in the same file", "CREATE TABLE t (a int); CREATE INDEX i ON t (a);", {}},
    {"index on a materialized view created in the same file",
     "CREATE MATERIALIZED VIEW mv AS SELECT 1 AS a; CREATE UNIQUE INDEX mv_a ON mv (a);", {}},
    {"concurrent index inside BEGIN", "BEGIN; CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON users (a); COMMIT;",
     {"transaction-nesting", "ban-concurrent-index-creation-in-transaction"}},
    {"foreign key validated at once", "SET lock_timeout = '2s'; ALTER TABLE orders ADD CONSTRAINT f FOREIGN KEY (u) REFERENCES users (id);",
     {"constraint-missing-not-valid"}},
    {"foreign key NOT VALID", "SET lock_timeout = '2s'; ALTER TABLE orders ADD CONSTRAINT f FOREIGN KEY (u) REFERENCES users (id) NOT VALID;", {}},
    {"lone VALIDATE CONSTRAINT", "SET lock_timeout = '2s'; ALTER TABLE orders VALIDATE CONSTRAINT f;", {}},
    {"check validated at once", "SET lock_timeout = '2s'; ALTER TABLE orders ADD CONSTRAINT c CHECK (total > 0);",
     {"constraint-missing-not-valid"}},
    {"constant default (PG 11+: catalog only)", "SET lock_timeout = '2s'; ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;", {}},
    {"stable default now()", "SET lock_timeout = '2s'; ALTER TABLE users ADD COLUMN seen timestamptz DEFAULT now();", {}},
    {"volatile default", "SET lock_timeout = '2s'; ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();",
     {"adding-field-with-default"}},
    {"NOT NULL without default", "SET lock_timeout = '2s'; ALTER TABLE users ADD COLUMN age int NOT NULL;",
     {"adding-not-nullable-field"}},
    {"NOT NULL column on a new table", "CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b int NOT NULL;", {}},
    {"ADD COLUMN REFERENCES without default", "SET lock_timeout = '2s'; ALTER TABLE orders ADD COLUMN shop_id int REFERENCES shops (id);", {}},
    {"int to bigint rewrites", "SET lock_timeout = '2s'; ALTER TABLE users ALTER COLUMN id TYPE bigint;", {"changing-column-type"}},
    {"varchar widened on a known column",
     "CREATE TABLE t (name varchar(50)); ALTER TABLE t ALTER COLUMN name TYPE varchar(100); ALTER TABLE t ALTER COLUMN name TYPE text;",
     {}},
    {"to text from an unknown type", "SET lock_timeout = '2s'; ALTER TABLE users ALTER COLUMN name TYPE text;", {"changing-column-type"}},
    {"SET NOT NULL without proof", "SET lock_timeout = '2s'; ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
     {"adding-not-nullable-field"}},
    {"NOT VALID check validated in the transaction that added it",
     "SET lock_timeout = '2s'; ALTER TABLE users ADD CONSTRAINT e CHECK (email IS NOT NULL) NOT VALID;"
     "ALTER TABLE users VALIDATE CONSTRAINT e; ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
     {"constraint-missing-not-valid"}},
    {"a NOT VALID check does not prove SET NOT NULL",
     "SET lock_timeout = '2s'; ALTER TABLE users ADD CONSTRAINT e CHECK (email IS NOT NULL) NOT VALID;"
     "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
     {"adding-not-nullable-field"}},
    {"a NOT VALID check on another column does not prove SET NOT NULL",
     "SET lock_timeout = '2s'; ALTER TABLE users ADD CONSTRAINT e CHECK (name IS NOT NULL);"
     "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
     {"constraint-missing-not-valid", "adding-not-nullable-field"}},
    {"a validated check proves SET NOT NULL (the ADD itself scans)",
     "SET lock_timeout = '2s'; ALTER TABLE users ADD CONSTRAINT e CHECK (email IS NOT NULL);"
     "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
     {"constraint-missing-not-valid"}},
    {"VALIDATE CONSTRAINT needs no lock_timeout (SHARE UPDATE EXCLUSIVE)", "ALTER TABLE orders VALIDATE CONSTRAINT f;", {}},
    {"SET STATISTICS needs no lock_timeout", "ALTER TABLE orders ALTER COLUMN total SET STATISTICS 500;", {}},
    {"foreign key NOT VALID without lock_timeout",
     "ALTER TABLE orders ADD CONSTRAINT f FOREIGN KEY (u) REFERENCES users (id) NOT VALID;", {"require-lock-timeout"}},
    {"the strongest sub-command's lock decides",
     "ALTER TABLE users VALIDATE CONSTRAINT f, DROP COLUMN legacy;", {"require-lock-timeout", "ban-drop-column"}},
    {"DROP NOT NULL", "SET lock_timeout = '2s'; ALTER TABLE users ALTER COLUMN email DROP NOT NULL;", {}},
    {"drop column", "SET lock_timeout = '2s'; ALTER TABLE users DROP COLUMN legacy;", {"ban-drop-column"}},
    {"rename column", "SET lock_timeout = '2s'; ALTER TABLE users RENAME COLUMN a TO b;", {"renaming-column"}},
    {"unique constraint", "SET lock_timeout = '2s'; ALTER TABLE users ADD CONSTRAINT u UNIQUE (email);",
     {"disallowed-unique-constraint"}},
    {"unique constraint USING INDEX", "SET lock_timeout = '2s'; ALTER TABLE users ADD CONSTRAINT u UNIQUE USING INDEX users_email;", {}},
    {"no lock_timeout", "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;", {"require-lock-timeout"}},
    {"VACUUM FULL", "VACUUM FULL users;", {"ban-vacuum-full"}},
    {"backfill in the DDL transaction",
     "SET lock_timeout = '2s'; ALTER TABLE users ADD COLUMN n int; UPDATE users SET n = 0;",
     {"backfill-in-ddl-transaction"}},
    {"timestamp without time zone", "CREATE TABLE t (at timestamp);", {"prefer-timestamptz"}},
    {"CREATE TABLE outside a transaction without IF NOT EXISTS",
     "CREATE TABLE t (a int); CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON users (a);", {"prefer-robust-stmts"}},
};

TEST(LintCorpus, EachCaseFindsExactlyTheExpectedRules) {
  for (const auto& c : kCorpus) EXPECT_EQ(rules_of(c.sql), c.rules) << c.name << ": " << c.sql;
}

TEST(Lint, ATableCreatedByAnEarlierFileIsSafeWithoutDsn) {
  std::vector<Script> scripts = {parse_script("CREATE TABLE events (a int);", "001_events.sql"),
                                 parse_script("CREATE INDEX i ON events (a);", "002_index.sql")};
  auto findings = lint_scripts(scripts, {});
  ASSERT_EQ(findings.size(), 2u);  // require-lock-timeout and the index, both marked
  EXPECT_TRUE(findings[0].table_from_folder);
  drop_folder_table_findings(findings);
  EXPECT_TRUE(findings.empty());
}

TEST(Lint, ANotValidCheckProvesSetNotNullOnceALaterMigrationValidatesIt) {
  std::vector<Script> scripts = {
      parse_script("SET lock_timeout = '2s'; ALTER TABLE users ADD CONSTRAINT e CHECK (email IS NOT NULL) NOT VALID;",
                   "002_check.sql"),
      parse_script("SET lock_timeout = '2s'; ALTER TABLE users VALIDATE CONSTRAINT e;"
                   "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
                   "003_validate.sql")};
  EXPECT_TRUE(lint_scripts(scripts, {}).empty());
  // Without the VALIDATE, the later SET NOT NULL still scans.
  scripts[1] = parse_script("SET lock_timeout = '2s'; ALTER TABLE users ALTER COLUMN email SET NOT NULL;", "003_set.sql");
  const auto findings = lint_scripts(scripts, {});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "adding-not-nullable-field");
}

TEST(Lint, RequireLockTimeoutNamesTheStrongestLockOfTheAlter) {
  auto lock_of = [](const std::string& sql) {
    std::vector<Script> scripts = {parse_script(sql, "002_x.sql")};
    for (const auto& f : lint_scripts(scripts, {}))
      if (f.rule == "require-lock-timeout") return f.lock;
    return std::string("none");
  };
  EXPECT_EQ(lock_of("ALTER TABLE o ADD CONSTRAINT f FOREIGN KEY (u) REFERENCES users (id) NOT VALID;"), "SHARE ROW EXCLUSIVE");
  EXPECT_EQ(lock_of("ALTER TABLE o DISABLE TRIGGER USER;"), "SHARE ROW EXCLUSIVE");
  EXPECT_EQ(lock_of("ALTER TABLE o VALIDATE CONSTRAINT f, ADD COLUMN n int;"), "ACCESS EXCLUSIVE");
  EXPECT_EQ(lock_of("ALTER TABLE o SET (fillfactor = 70);"), "none");
}

TEST(Lint, IgnoreCommentsAndOptionsSilenceRules) {
  EXPECT_TRUE(rules_of("SET lock_timeout = '2s';\n-- pgcertify-ignore: ban-drop-column\nALTER TABLE users DROP COLUMN x;").empty());
  EXPECT_TRUE(rules_of("-- pgcertify-ignore-file: require-lock-timeout, ban-drop-column\nALTER TABLE users DROP COLUMN x;").empty());
  std::vector<Script> scripts = {parse_script("VACUUM FULL users;", "x.sql")};
  EXPECT_TRUE(lint_scripts(scripts, {.ignore = {"ban-vacuum-full"}}).empty());
}

TEST(Lint, FindingsPointAtTheStatement) {
  std::vector<Script> scripts = {parse_script("SET lock_timeout = '1s';\n\n  CREATE INDEX i ON users (a);\n", "003_i.sql")};
  const auto findings = lint_scripts(scripts, {});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].line, 3);
  EXPECT_EQ(findings[0].column, 3);
  EXPECT_EQ(findings[0].table, "users");
  EXPECT_EQ(findings[0].lock, "SHARE");
  EXPECT_EQ(findings[0].severity, LintSeverity::kError);
  EXPECT_EQ(findings[0].source_line, "  CREATE INDEX i ON users (a);");
}

TEST(Lint, EstimatesHowLongALockBlocks) {
  EXPECT_EQ(estimate_blocking(LintCost::kLockOnly, 1'000'000'000), "");
  EXPECT_EQ(estimate_blocking(LintCost::kIndexBuild, 1'000'000), "under a second");
  EXPECT_EQ(estimate_blocking(LintCost::kIndexBuild, 6'200'000'000), "about 62 s");
  EXPECT_EQ(estimate_blocking(LintCost::kRewrite, 6'200'000'000), "about 103 s");
  EXPECT_EQ(estimate_blocking(LintCost::kRewrite, 62'000'000'000), "about 17 min");
}

TEST(LintOutput, SarifNamesEachRuleOnceAndEachFindingWhereItIs) {
  std::vector<Script> scripts = {parse_script("CREATE INDEX a ON users (x);\nCREATE INDEX b ON users (y);\n", "003_i.sql")};
  auto findings = lint_scripts(scripts, {});
  ASSERT_GE(findings.size(), 2u);
  Finding whole_file;
  whole_file.file = "004_x.sql";
  whole_file.rule = "whole-file";
  whole_file.severity = LintSeverity::kInfo;
  whole_file.message = "m";
  findings.push_back(whole_file);
  const auto log = nlohmann::json::parse(format_findings_sarif(findings, "9.9.9"));
  EXPECT_EQ(log["version"], "2.1.0");
  const auto& run = log["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["version"], "9.9.9");
  std::set<std::string> rule_ids;
  for (const auto& rule : run["tool"]["driver"]["rules"]) EXPECT_TRUE(rule_ids.insert(rule["id"]).second) << rule["id"];
  ASSERT_EQ(run["results"].size(), findings.size());
  for (size_t i = 0; i < findings.size(); ++i) {
    const auto& r = run["results"][i];
    EXPECT_EQ(r["ruleId"], findings[i].rule);
    EXPECT_EQ(run["tool"]["driver"]["rules"][r["ruleIndex"].get<size_t>()]["id"], findings[i].rule);
    EXPECT_EQ(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], findings[i].file);
    if (findings[i].line >= 1) {
      EXPECT_EQ(r["locations"][0]["physicalLocation"]["region"]["startLine"], findings[i].line);
    }
  }
  const auto& first = run["results"][0];
  EXPECT_EQ(first["level"], "error");
  EXPECT_EQ(first["locations"][0]["physicalLocation"]["region"]["startLine"], 1);
  EXPECT_EQ(first["locations"][0]["physicalLocation"]["region"]["startColumn"], 1);
  EXPECT_EQ(first["properties"]["table"], "users");
  // info is SARIF's "note"; a finding without a line has no region (SARIF counts from 1).
  EXPECT_EQ(run["results"].back()["level"], "note");
  EXPECT_FALSE(run["results"].back()["locations"][0]["physicalLocation"].contains("region"));
}

TEST(LintOutput, GithubAnnotationsEscapeNewlinesAndPropertySeparators) {
  Finding f;
  f.file = "dir,1/0:1.sql";
  f.line = 2;
  f.column = 3;
  f.rule = "r";
  f.severity = LintSeverity::kError;
  f.message = "a\nb 100%";
  const std::vector<Finding> findings = {f};
  EXPECT_EQ(format_findings_github(findings), "::error file=dir%2C1/0%3A1.sql,line=2,col=3,title=r::a%0Ab 100%25\n");
}

}  // namespace
}  // namespace pgcertify::migrate

#include "migrate/script.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "common/error.hpp"

namespace pgcertify::migrate {
namespace {

TEST(Checksum, IgnoresWhiteSpaceCommentsAndKeywordCase) {
  const auto a = parse_script("CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1);\n", "a.sql");
  const auto b = parse_script("-- the table\ncreate   table t (\n  id int primary key -- key\n);\n\n"
                              "/* seed */ insert into t values (1)",
                              "b.sql");
  EXPECT_EQ(a.checksum, b.checksum);
  EXPECT_EQ(a.checksum.size(), 16u);
}

TEST(Checksum, CountsEveryChangeOfMeaning) {
  const auto base = parse_script("CREATE TABLE t (id int); INSERT INTO t VALUES (1);", "a.sql").checksum;
  EXPECT_NE(base, parse_script("CREATE TABLE t (id bigint); INSERT INTO t VALUES (1);", "a.sql").checksum);
  EXPECT_NE(base, parse_script("CREATE TABLE t (id int); INSERT INTO t VALUES (2);", "a.sql").checksum);
  EXPECT_NE(base, parse_script("CREATE TABLE u (id int); INSERT INTO u VALUES (1);", "a.sql").checksum);
  EXPECT_NE(base, parse_script("INSERT INTO t VALUES (1); CREATE TABLE t (id int);", "a.sql").checksum);
}

TEST(Transactional, DetectsStatementsThatCannotRunInATransaction) {
  struct Case {
    const char* sql;
    const char* why;
  } cases[] = {
      {"CREATE INDEX CONCURRENTLY i ON t (a)", "CREATE INDEX CONCURRENTLY"},
      {"DROP INDEX CONCURRENTLY i", "DROP INDEX CONCURRENTLY"},
      {"REINDEX (CONCURRENTLY) INDEX i", "REINDEX CONCURRENTLY"},
      {"REINDEX INDEX CONCURRENTLY i", "REINDEX CONCURRENTLY"},
      {"VACUUM ANALYZE t", "VACUUM"},
      {"ALTER SYSTEM SET work_mem = '8MB'", "ALTER SYSTEM"},
      {"BEGIN", "a transaction statement (BEGIN)"},
      {"CREATE INDEX i ON t (a)", ""},
      {"ANALYZE t", ""},
      {"ALTER TYPE mood ADD VALUE 'meh'", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(non_transactional(parse_statement(c.sql)), c.why) << c.sql;
  EXPECT_EQ(non_transactional(parse_statement("ALTER TYPE mood ADD VALUE 'meh'"), 110000),
            "ALTER TYPE … ADD VALUE (before PostgreSQL 12)");
}

TEST(Transactional, NamesTheFirstNonTransactionalStatementOfAFile) {
  const auto s = parse_script("CREATE TABLE t (a int);\n\nCREATE INDEX CONCURRENTLY i ON t (a);\n", "004_i.sql");
  EXPECT_EQ(s.outside_transaction, "CREATE INDEX CONCURRENTLY at 004_i.sql:3:1");
  EXPECT_EQ(parse_script("CREATE TABLE t (a int);", "x.sql").outside_transaction, "");
}

TEST(Placeholders, ExpandFromTheEnvironmentAndLeaveDollarQuotesAlone) {
  ::setenv("PGCERTIFY_TEST_SCHEMA", "app", 1);
  const auto s = parse_script(
      "CREATE TABLE ${PGCERTIFY_TEST_SCHEMA}.t (a int DEFAULT ${PGCERTIFY_TEST_UNSET:-7});\n"
      "CREATE FUNCTION f(int) RETURNS int LANGUAGE sql AS $$ SELECT $1 $$;\n",
      "005_p.sql");
  ASSERT_EQ(s.file.statements.size(), 2u);
  EXPECT_EQ(s.file.statements[0].text, "CREATE TABLE app.t (a int DEFAULT 7)");
  EXPECT_NE(s.file.statements[1].text.find("AS $$ SELECT $1 $$"), std::string::npos) << s.file.statements[1].text;
  // The checksum pins the SQL that runs: another value is another checksum.
  ::setenv("PGCERTIFY_TEST_SCHEMA", "other", 1);
  EXPECT_NE(parse_script("CREATE TABLE ${PGCERTIFY_TEST_SCHEMA}.t (a int);", "x.sql").checksum,
            parse_script("CREATE TABLE app.t (a int);", "x.sql").checksum);
  ::unsetenv("PGCERTIFY_TEST_SCHEMA");
}

TEST(Placeholders, AnUnsetOneNamesFileLineAndColumn) {
  try {
    parse_script("SELECT 1;\n  SELECT '${PGCERTIFY_TEST_UNSET}';\n", "006_q.sql");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind, ErrorKind::kPlan);
    EXPECT_NE(e.format().find("006_q.sql:2:11"), std::string::npos) << e.format();
    EXPECT_NE(e.format().find("'PGCERTIFY_TEST_UNSET' is not set"), std::string::npos) << e.format();
  }
  // A file that opts out keeps its literal '${'.
  const auto s = parse_script("-- pgcertify-placeholders: off\nSELECT '${x}';", "007_r.sql");
  EXPECT_EQ(s.file.statements[0].text.find("${x}") != std::string::npos, true);
}

}  // namespace
}  // namespace pgcertify::migrate

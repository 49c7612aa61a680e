#include "migrate/script.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace pgcertify::migrate

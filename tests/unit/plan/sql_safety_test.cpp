#include "plan/sql_safety.hpp"

#include <gtest/gtest.h>

namespace pgcertify::plan {
namespace {

std::string refused(std::string_view sql) {
  const auto unsafe = find_unsafe_statement(sql);
  return unsafe ? unsafe->message : "";
}

TEST(SqlSafetyTest, RefusesEveryWayToEndTheChecksTransaction) {
  for (const char* sql : {"COMMIT", "END", "COMMIT AND CHAIN", "ROLLBACK", "ABORT", "BEGIN", "START TRANSACTION",
                          "PREPARE TRANSACTION 'x'", "COMMIT PREPARED 'x'", "ROLLBACK AND CHAIN"})
    EXPECT_NE(refused(sql).find("transaction control"), std::string::npos) << sql;
  EXPECT_NE(refused("COMMIT").find("(COMMIT)"), std::string::npos);
  EXPECT_NE(refused("PREPARE TRANSACTION 'x'").find("(PREPARE)"), std::string::npos);
}

TEST(SqlSafetyTest, SavepointsStayInsideTheTransaction) {
  EXPECT_FALSE(find_unsafe_statement("SAVEPOINT a"));
  EXPECT_FALSE(find_unsafe_statement("ROLLBACK TO SAVEPOINT a"));
  EXPECT_FALSE(find_unsafe_statement("RELEASE SAVEPOINT a"));
}

TEST(SqlSafetyTest, FindsTheCommitAfterOtherStatementsAtItsOffset) {
  const std::string sql = "INSERT INTO t VALUES (1);\n  -- done\n  COMMIT";
  const auto unsafe = find_unsafe_statement(sql);
  ASSERT_TRUE(unsafe);
  EXPECT_EQ(sql.substr(unsafe->offset), "COMMIT");
}

TEST(SqlSafetyTest, RefusesStatementsThatActOutsideTheTransaction) {
  for (const char* sql : {"VACUUM t", "VACUUM FULL", "ANALYZE t", "CREATE DATABASE x", "DROP DATABASE x",
                          "ALTER SYSTEM SET work_mem = '1GB'", "COPY t TO '/tmp/t.csv'",
                          "COPY t FROM PROGRAM 'cat /etc/passwd'"})
    EXPECT_FALSE(refused(sql).empty()) << sql;
  EXPECT_EQ(refused("VACUUM t").rfind("VACUUM/ANALYZE is not allowed in a check", 0), 0u) << refused("VACUUM t");
}

TEST(SqlSafetyTest, OrdinaryStatementsPass) {
  for (const char* sql : {"SELECT 1", "INSERT INTO t VALUES (1)", "UPDATE t SET a = 1", "DELETE FROM t",
                          "COPY t TO STDOUT", "CALL p()", "DO $$ BEGIN PERFORM 1; END $$",
                          "SELECT 'COMMIT'", "-- COMMIT\nSELECT 1"})
    EXPECT_EQ(refused(sql), "") << sql;
}

TEST(SqlSafetyTest, TextTheParserCannotReadIsLeftToTheServer) {
  EXPECT_FALSE(find_unsafe_statement("SELECT id FROM t WHERE tenant = :tenant"));
  EXPECT_FALSE(find_unsafe_statement("SELEC 1"));
}

}  // namespace
}  // namespace pgcertify::plan

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

std::string switched(std::string_view sql) {
  const auto found = find_read_write_switch(sql);
  return found ? found->message : "";
}

TEST(ReadWriteSwitchTest, RefusesEveryStatementThatMakesAReadOnlySessionWritable) {
  for (const char* sql : {"BEGIN READ WRITE", "BEGIN ISOLATION LEVEL SERIALIZABLE READ WRITE", "START TRANSACTION READ WRITE",
                          "SET TRANSACTION READ WRITE", "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
                          "SET default_transaction_read_only = off", "SET SESSION default_transaction_read_only TO false",
                          "SET LOCAL transaction_read_only = 0", "SET default_transaction_read_only TO DEFAULT",
                          "SELECT set_config('default_transaction_read_only', 'off', false)",
                          "SELECT 1 FROM t WHERE pg_catalog.set_config('transaction_read_only', 'off', true) IS NOT NULL",
                          "DO $$ BEGIN SET default_transaction_read_only = off; END $$"})
    EXPECT_NE(switched(sql).find("is not allowed without 'writes: true'"), std::string::npos) << sql;
  EXPECT_EQ(switched("BEGIN READ WRITE").rfind("READ WRITE is not allowed", 0), 0u) << switched("BEGIN READ WRITE");
  const std::string sql = "SELECT abalance FROM pgbench_accounts WHERE aid = $1;\nBEGIN READ WRITE";
  const auto found = find_read_write_switch(sql);
  ASSERT_TRUE(found);
  EXPECT_EQ(sql.substr(found->offset), "BEGIN READ WRITE");
}

TEST(ReadWriteSwitchTest, ReadOnlyTransactionsAndResetsPass) {
  for (const char* sql : {"BEGIN", "BEGIN READ ONLY", "BEGIN ISOLATION LEVEL REPEATABLE READ", "COMMIT", "END",
                          "SET TRANSACTION READ ONLY", "RESET default_transaction_read_only", "RESET ALL",
                          "SELECT abalance FROM pgbench_accounts WHERE aid = $1", "SET work_mem = '64MB'",
                          "SELECT current_setting('transaction_read_only')", "UPDATE t SET a = 1"})
    EXPECT_EQ(switched(sql), "") << sql;
}

}  // namespace
}  // namespace pgcertify::plan

#include "pg/connection.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "common/error.hpp"
#include "support/fixture.hpp"

namespace pgcertify::testing {
namespace {
using namespace std::chrono_literals;

class ConnectionTest : public DatabaseTest {};

TEST_F(ConnectionTest, RunsParameterisedStatementsWithNulls) {
  pg::Connection c(dsn());
  const pg::Param params[] = {std::string("it's"), std::nullopt};
  const pg::Result r = c.exec("SELECT $1::text || '!', $2::int IS NULL", params);
  ASSERT_EQ(r.rows(), 1);
  EXPECT_EQ(r.value(0, 0), "it's!");
  EXPECT_EQ(r.value(0, 1), "t");
}

TEST_F(ConnectionTest, ServerErrorCarriesSqlstateMessageAndPosition) {
  pg::Connection c(dsn());
  try {
    c.exec("SELECT 1 FORM nowhere");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind, ErrorKind::kSql);
    EXPECT_EQ(e.sqlstate, "42601");
    EXPECT_EQ(std::string(e.what()), "syntax error at or near \"nowhere\"");
    EXPECT_EQ(e.statement_position, 15);
  }
  EXPECT_TRUE(c.ok());  // a failed statement does not break the connection
  EXPECT_EQ(c.exec("SELECT 2").value(0, 0), "2");
}

TEST_F(ConnectionTest, DeadlineCancelsTheStatementOnTheServer) {
  pg::Connection c(dsn());
  const int pid = c.backend_pid();
  const auto started = pg::Clock::now();
  try {
    c.exec("SELECT pg_sleep(30)", {}, {pg::Clock::now() + 300ms});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind, ErrorKind::kTimeout);
  }
  EXPECT_LT(pg::Clock::now() - started, 5s);
  // The backend is idle again: the statement is gone from the server, not just abandoned.
  EXPECT_EQ(scalar("SELECT state || ':' || query FROM pg_stat_activity WHERE pid = " + std::to_string(pid)),
            "idle:SELECT pg_sleep(30)");
  EXPECT_EQ(c.exec("SELECT 3").value(0, 0), "3");
}

TEST_F(ConnectionTest, UnreachableServerIsAConnectionErrorWithoutThePassword) {
  try {
    pg::Connection c("postgresql://someone:hunter2@127.0.0.1:1/db", 2s);
    FAIL();
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_EQ(e.kind, ErrorKind::kConnection);
    EXPECT_NE(message.find("cannot connect to postgresql://someone:***@127.0.0.1:1/db"), std::string::npos) << message;
    EXPECT_EQ(message.find("hunter2"), std::string::npos);
  }
}

TEST_F(ConnectionTest, TerminatedBackendIsReportedAsConnectionLoss) {
  pg::Connection c(dsn());
  sql("SELECT pg_terminate_backend(" + std::to_string(c.backend_pid()) + ")");
  std::this_thread::sleep_for(50ms);
  try {
    c.exec("SELECT 1");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind, ErrorKind::kConnection) << e.what();
  }
  EXPECT_FALSE(c.ok());
}

}  // namespace
}  // namespace pgcertify::testing

namespace pgcertify::testing {
namespace {

TEST_F(ConnectionTest, PreparedStatementsRunWithParameters) {
  pg::Connection c(dsn());
  c.prepare("add", "SELECT $1::int + $2::int");
  const pg::Param params[] = {std::string("40"), std::string("2")};
  EXPECT_EQ(c.exec_prepared("add", params).value(0, 0), "42");
  try {
    c.exec_prepared("missing");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlstate, "26000");  // invalid_sql_statement_name
  }
}

TEST_F(ConnectionTest, LibpqEnvironmentVariablesFillAnEmptyDsn) {
  const std::string port = scalar("SHOW port");
  ::setenv("PGHOST", "127.0.0.1", 1);
  ::setenv("PGPORT", port.c_str(), 1);
  ::setenv("PGUSER", "postgres", 1);
  ::setenv("PGDATABASE", database_.c_str(), 1);
  pg::Connection c("");
  EXPECT_EQ(c.exec("SELECT current_database()").value(0, 0), database_);
  for (const char* v : {"PGHOST", "PGPORT", "PGUSER", "PGDATABASE"}) ::unsetenv(v);
}

}  // namespace
}  // namespace pgcertify::testing

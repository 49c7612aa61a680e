#include "plan/sql_file.hpp"

#include <gtest/gtest.h>

namespace pgcertify::plan {
namespace {

TEST(ParseSql, SplitsStatementsAndRecordsWhereEachStarts) {
  const SqlFile f = parse_sql(
      "-- header comment\nCREATE TABLE a (id int);\n\n  CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\n"
      "/* trailing */ INSERT INTO a VALUES (1)",
      "x.sql");
  ASSERT_EQ(f.statements.size(), 3u);
  EXPECT_EQ(f.statements[0].text, "CREATE TABLE a (id int)");
  EXPECT_EQ(f.statements[0].where.to_string(), "x.sql:2:1");
  EXPECT_EQ(f.statements[1].where.to_string(), "x.sql:4:3");
  EXPECT_NE(f.statements[1].text.find("$$ SELECT 1; $$"), std::string::npos);
  EXPECT_EQ(f.statements[2].text, "INSERT INTO a VALUES (1)");
  EXPECT_EQ(f.statements[2].where.to_string(), "x.sql:5:16");
}

TEST(ParseSql, SyntaxErrorIsReportedAtFileLineAndColumn) {
  // MySQL's unnamed `INDEX (col)` inside CREATE TABLE is not PostgreSQL.
  try {
    parse_sql("CREATE TABLE channels (\n  id uuid PRIMARY KEY,\n  INDEX (user_id)\n);\n", "004.sql");
    FAIL() << "expected a syntax error";
  } catch (const Error& e) {
    EXPECT_EQ(e.where.to_string(), "004.sql:3:9");
    EXPECT_EQ(std::string(e.what()), "SQL syntax error at or near \"(\"");
    EXPECT_EQ(e.source_line, "  INDEX (user_id)");
  }
}

TEST(LocateInStatement, MapsAServerPositionToFileLineAndColumn) {
  const SqlStatement s{"SELECT 1\n  FROM nowhere", {"f.sql", 10, 5}};
  EXPECT_EQ(locate_in_statement(s, 1).to_string(), "f.sql:10:5");
  EXPECT_EQ(locate_in_statement(s, 8).to_string(), "f.sql:10:12");
  EXPECT_EQ(locate_in_statement(s, 17).to_string(), "f.sql:11:8");
}

}  // namespace
}  // namespace pgcertify::plan

// Splitting pgbench scripts into commands, variable substitution, \if blocks and errors.

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "load/builtins.hpp"
#include "load/script.hpp"
#include "load/workload.hpp"

namespace pgcertify::load {
namespace {

std::string error_of(std::string_view text) {
  VariableNames names;
  try {
    parse_script(text, "script.sql", names);
  } catch (const Error& e) {
    return e.where.to_string() + ": " + e.what();
  }
  return "no error";
}

TEST(Script, BuiltinsParse) {
  for (const auto& name : builtin_names()) {
    VariableNames names;
    const Script s = parse_script(find_builtin(name).text, std::string(find_builtin(name).description), names);
    EXPECT_GT(s.sql_count(), 0) << name;
    EXPECT_TRUE(names.find("scale").has_value());
  }
  VariableNames names;
  const Script tpcb = parse_script(find_builtin("tpcb").text, "tpcb", names);
  EXPECT_EQ(tpcb.commands.size(), 11u);
  EXPECT_EQ(tpcb.sql_count(), 7);
  EXPECT_EQ(find_builtin("select").name, "select-only");
  EXPECT_THROW(find_builtin("s"), Error);  // select-only or simple-update
  EXPECT_THROW(find_builtin("tpcc"), Error);
}

TEST(Script, VariablesBecomeParametersButCastsDoNot) {
  VariableNames names;
  const Script s = parse_script("SELECT :a::int + :b, '12:30', :a\n  FROM t WHERE x = :b;", "s.sql", names);
  ASSERT_EQ(s.commands.size(), 1u);
  const SqlCommand& sql = s.commands[0].sql;
  EXPECT_EQ(sql.parameterized, "SELECT $1::int + $2, '12:30', $3\n  FROM t WHERE x = $4");
  ASSERT_EQ(sql.parameters.size(), 4u);
  EXPECT_EQ(names.name(sql.parameters[0]), "a");
  EXPECT_EQ(sql.parameters[0], sql.parameters[2]);
  EXPECT_EQ(s.commands[0].summary, "SELECT :a::int + :b, '12:30', :a");
}

TEST(Script, SemicolonsInsideQuotesAndCommentsDoNotSplit) {
  VariableNames names;
  const Script s = parse_script("-- a comment; still\nSELECT ';', \"a;b\", $$x;y$$, $t$;$t$ /* ; */;\nSELECT 2", "s.sql", names);
  ASSERT_EQ(s.commands.size(), 2u);
  EXPECT_EQ(s.commands[0].sql.text, "SELECT ';', \"a;b\", $$x;y$$, $t$;$t$ /* ; */");
  EXPECT_EQ(s.commands[1].sql.text, "SELECT 2");
}

TEST(Script, GsetEndsTheStatementAndKeepsItsPrefix) {
  VariableNames names;
  const Script s = parse_script("SELECT 1 AS one, 2 AS two \\gset p_\nSELECT :p_one;\nSELECT 3 AS three;\n\\aset\n", "s.sql", names);
  ASSERT_EQ(s.commands.size(), 3u);
  EXPECT_EQ(s.commands[0].sql.text, "SELECT 1 AS one, 2 AS two");
  EXPECT_EQ(s.commands[0].sql.capture, SqlCommand::Capture::kGset);
  EXPECT_EQ(s.commands[0].sql.prefix, "p_");
  EXPECT_EQ(s.commands[2].sql.capture, SqlCommand::Capture::kAset);
}

TEST(Script, IfBlocksKnowTheirBranches) {
  VariableNames names;
  const Script s = parse_script(
      "\\if :x > 1\nSELECT 1;\n\\elif :x = 1\n\\if true\nSELECT 2;\n\\endif\n\\else\nSELECT 3;\n\\endif\nSELECT 4;",
      "s.sql", names);
  ASSERT_EQ(s.commands.size(), 10u);
  EXPECT_EQ(s.commands[0].type, CommandType::kIf);
  EXPECT_EQ(s.commands[0].next_branch, 2);
  EXPECT_EQ(s.commands[0].endif, 8);
  EXPECT_EQ(s.commands[2].next_branch, 6);
  EXPECT_EQ(s.commands[2].endif, 8);
  EXPECT_EQ(s.commands[3].next_branch, 5);
  EXPECT_EQ(s.commands[3].endif, 5);
  EXPECT_EQ(s.commands[6].type, CommandType::kElse);
  EXPECT_EQ(s.commands[6].next_branch, 8);
  EXPECT_EQ(s.commands[6].endif, 8);
}

TEST(Script, SleepTakesUnitsAndVariables) {
  VariableNames names;
  const Script s = parse_script("\\sleep 10 ms\n\\sleep :t us\n\\sleep 2\n", "s.sql", names);
  ASSERT_EQ(s.commands.size(), 3u);
  EXPECT_EQ(s.commands[0].sleep_unit_us, 1000);
  EXPECT_EQ(s.commands[1].sleep_unit_us, 1);
  EXPECT_EQ(s.commands[2].sleep_unit_us, 1'000'000);
}

TEST(Script, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(error_of("SELECT 1;\n\n\\set x 1 + frob(2)\n"), "script.sql:3:12: unknown function \"frob\"");
  EXPECT_EQ(error_of("\\sett x 1"), "script.sql:1:1: invalid command \\sett (did you mean 'set'?)");
  EXPECT_EQ(error_of("\\if true\nSELECT 1;"), "script.sql:1:1: \\if without matching \\endif");
  EXPECT_EQ(error_of("\\endif"), "script.sql:1:1: \\endif without matching \\if");
  EXPECT_EQ(error_of("\\if 1\n\\else\n\\elif 2\n\\endif"), "script.sql:3:1: \\elif after \\else");
  EXPECT_EQ(error_of("\\set x 1\n\\gset"), "script.sql:2:1: \\gset must follow an SQL command");
  EXPECT_EQ(error_of("\\sleep 1 hour"), "script.sql:1:8: unrecognized time unit \"hour\" (use us, ms or s)");
  EXPECT_EQ(error_of("SELECT 'open"), "script.sql:1:13: unterminated quoted string");
  EXPECT_EQ(error_of("\\set x (1 +\n"), "script.sql:1:12: unexpected end of expression");
}

TEST(Script, PipelinesAreCheckedAsWritten) {
  VariableNames names;
  const Script s = parse_script("SELECT 0;\n\\startpipeline\nSELECT 1;\n\\sleep 1 ms\nSELECT 2;\n\\endpipeline\n", "s.sql", names);
  ASSERT_EQ(s.commands.size(), 6u);
  EXPECT_EQ(s.commands[1].type, CommandType::kStartPipeline);
  EXPECT_EQ(s.commands[5].type, CommandType::kEndPipeline);
  EXPECT_EQ(s.first_pipeline_line(), 2);
  EXPECT_EQ(error_of("\\startpipeline\nSELECT 1;\n"), "script.sql:1:1: end of script reached with pipeline open (missing \\endpipeline)");
  EXPECT_EQ(error_of("\\startpipeline\n\\startpipeline\n\\endpipeline"), "script.sql:2:1: already in pipeline mode (since line 1)");
  EXPECT_EQ(error_of("SELECT 1;\n\\endpipeline"), "script.sql:2:1: \\endpipeline without \\startpipeline (not in pipeline mode)");
  EXPECT_EQ(error_of("\\startpipeline\nSELECT 1 AS a \\gset\n\\endpipeline"),
            "script.sql:2:15: \\gset is not allowed in pipeline mode: the results arrive only at \\endpipeline");
  EXPECT_EQ(error_of("\\startpipeline x\n\\endpipeline"), "script.sql:1:1: unexpected argument for \\startpipeline");
}

TEST(Script, ShellWordsAreLiteralsOrVariables) {
  VariableNames names;
  const Script s = parse_script("\\setshell v  expr :n + 1\n\\shell echo ::n :n\n", "s.sql", names);
  ASSERT_EQ(s.commands.size(), 2u);
  const Command& set = s.commands[0];
  EXPECT_EQ(set.type, CommandType::kSetShell);
  EXPECT_EQ(names.name(set.variable), "v");
  ASSERT_EQ(set.words.size(), 4u);
  EXPECT_EQ(set.words[0].literal, "expr");
  EXPECT_EQ(names.name(set.words[1].variable), "n");
  EXPECT_EQ(set.words[2].literal, "+");
  const Command& shell = s.commands[1];
  EXPECT_EQ(shell.type, CommandType::kShell);
  ASSERT_EQ(shell.words.size(), 3u);
  EXPECT_EQ(shell.words[1].literal, ":n");
  EXPECT_EQ(shell.words[1].variable, -1);
  EXPECT_EQ(shell.words[2].variable, set.words[1].variable);
  EXPECT_EQ(error_of("\\setshell v"), "script.sql:1:1: missing argument in command \"setshell\" (expected a variable and a command)");
  EXPECT_EQ(error_of("\\shell"), "script.sql:1:1: missing command in \\shell");
}

TEST(Workload, AScriptFileThatCannotBeReadIsAUsageError) {
  // pgbench's -f names a file on the command line: missing or a folder is exit 2, before any
  // connection is made.
  for (const char* path : {"/nonexistent/bench.sql", "/"}) {
    const std::string file = path;
    Workload w;
    try {
      w.add_file(file);
      FAIL() << file;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind, ErrorKind::kUsage) << file;
      EXPECT_EQ(std::string(e.what()).rfind("cannot read '" + file + "': ", 0), 0u) << e.what();
    }
  }
}

}  // namespace
}  // namespace pgcertify::load

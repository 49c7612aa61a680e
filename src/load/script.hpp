#pragma once
// A parsed pgbench script: SQL commands and meta commands, with \if blocks resolved to jumps.

#include <cstdint>
#include <string>
#include <vector>

#include "load/expr.hpp"

namespace pgcertify::load {

/// A piece of SQL text: literal text, or a :variable (for the simple protocol, substituted as
/// text at run time; an undefined variable stays as written, as in pgbench).
struct SqlPart {
  std::string literal;
  int variable = -1;
};

struct SqlCommand {
  std::string text;                  // as written, without the terminating ';'
  std::string parameterized;         // :name replaced by $1, $2, … (extended and prepared modes)
  std::vector<int> parameters;       // the variable of each $n
  std::vector<SqlPart> parts;        // for the simple protocol
  enum class Capture { kNone, kGset, kAset } capture = Capture::kNone;
  std::string prefix;                // \gset prefix
};

enum class CommandType { kSql, kSet, kSleep, kIf, kElif, kElse, kEndif, kStartPipeline, kEndPipeline, kShell, kSetShell };

struct Command {
  CommandType type = CommandType::kSql;
  int line = 0;
  std::string summary;  // first line as written, for -r and error messages
  SqlCommand sql;
  int variable = -1;  // \set, \setshell target
  Expr expr;          // \set value, \if/\elif condition, \sleep amount
  std::int64_t sleep_unit_us = 1'000'000;
  std::vector<SqlPart> words;  // \shell, \setshell: the command and its arguments (":name" a variable)
  int next_branch = -1;  // \if, \elif: the next \elif, \else or \endif of the block
  int endif = -1;        // \if, \elif, \else: the block's \endif
};

struct Script {
  std::string name;  // file name, or "<builtin: select only>"
  int weight = 1;
  std::vector<Command> commands;
  /// When set, a transaction's latency is this command's alone (the latency check's statement
  /// between its BEGIN and ROLLBACK), not the whole script's.
  int timed_command = -1;
  int sql_count() const;
  /// The line of the first \startpipeline, 0 when the script has none (simple mode refuses it).
  int first_pipeline_line() const;
};

/// Parses a script; `file` names it in errors ("bench.sql:3:12: unknown function \"frob\"").
/// Throws Error (kPlan) with the position and the offending line.
Script parse_script(std::string_view text, const std::string& file, VariableNames& names);

}  // namespace pgcertify::load

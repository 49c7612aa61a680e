#pragma once
// SQL files split into statements by PostgreSQL's own parser (libpg_query), so that a
// syntax error, or a statement the server later rejects, is reported at file:line:col.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace pgcertify::plan {

struct SqlStatement {
  std::string text;       // without the trailing semicolon
  SourceLocation where;   // file:line:col of the statement's first token
};

struct SqlFile {
  std::filesystem::path path;
  std::string display_path;  // as shown in messages (relative to the plan when possible)
  std::string text;          // the whole file, for quoting a line in errors
  std::vector<SqlStatement> statements;
};

/// Splits and syntax-checks `text`. Throws Error(kPlan) at the offending file:line:col.
SqlFile parse_sql(std::string_view text, const std::string& display_path);

/// Reads and parses a file. Throws Error(kPlan) when missing, unreadable or invalid.
SqlFile load_sql_file(const std::filesystem::path& path, const std::string& display_path);

/// The first token at or after byte `i` (white space and comments skipped), at most `end`.
size_t skip_space_and_comments(std::string_view text, size_t i, size_t end);

/// file:line:col of a character of a statement (1-based `position`, as the server reports it).
SourceLocation locate_in_statement(const SqlStatement& statement, int position);

}  // namespace pgcertify::plan

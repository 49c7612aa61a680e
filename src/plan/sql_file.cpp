#include "plan/sql_file.hpp"

#include <pg_query.h>

#include "common/files.hpp"
#include "common/strings.hpp"

namespace pgcertify::plan {
namespace {
struct SplitResult {
  PgQuerySplitResult result;
  ~SplitResult() { pg_query_free_split_result(result); }
};
}  // namespace

size_t skip_space_and_comments(std::string_view text, size_t i, size_t end) {
  while (i < end) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
    } else if (text.substr(i, 2) == "--") {
      const size_t nl = text.find('\n', i);
      i = nl == std::string_view::npos ? end : nl + 1;
    } else if (text.substr(i, 2) == "/*") {
      const size_t close = text.find("*/", i + 2);
      i = close == std::string_view::npos ? end : close + 2;
    } else {
      break;
    }
  }
  return i;
}

SqlFile parse_sql(std::string_view text, const std::string& display_path) {
  SqlFile file;
  file.display_path = display_path;
  file.text = std::string(text);
  const std::string& input = file.text;
  SplitResult split{pg_query_split_with_parser(input.c_str())};
  if (split.result.error) {
    const PgQueryError& e = *split.result.error;
    const size_t offset = e.cursorpos > 0 ? static_cast<size_t>(e.cursorpos - 1) : 0;
    const auto [line, column] = line_column(input, offset);
    throw Error(ErrorKind::kPlan, std::string("SQL ") + e.message)
        .at({display_path, line, column}, line_of(input, line));
  }
  for (int i = 0; i < split.result.n_stmts; ++i) {
    const PgQuerySplitStmt& s = *split.result.stmts[i];
    const size_t end = static_cast<size_t>(s.stmt_location + s.stmt_len);
    const size_t begin = skip_space_and_comments(input, static_cast<size_t>(s.stmt_location), end);
    if (begin >= end) continue;
    const auto [line, column] = line_column(input, begin);
    file.statements.push_back({input.substr(begin, end - begin), {display_path, line, column}});
  }
  return file;
}

SqlFile load_sql_file(const std::filesystem::path& path, const std::string& display_path) {
  std::string text;
  try {
    text = read_file(path);
  } catch (const Error& e) {
    throw Error(ErrorKind::kPlan, e.what());
  }
  SqlFile file = parse_sql(text, display_path);
  file.path = path;
  return file;
}

SourceLocation locate_in_statement(const SqlStatement& statement, int position) {
  if (position <= 0) return statement.where;
  const auto [line, column] = line_column(statement.text, static_cast<size_t>(position - 1));
  SourceLocation loc = statement.where;
  loc.line += line - 1;
  loc.column = line == 1 ? statement.where.column + column - 1 : column;
  return loc;
}

}  // namespace pgcertify::plan

#include "migrate/execute.hpp"

#include <fmt/format.h>

#include "common/strings.hpp"

namespace pgcertify::migrate {
namespace {
Error placed(const Error& e, const plan::SqlFile& file, const plan::SqlStatement& statement) {
  const SourceLocation where = plan::locate_in_statement(statement, e.statement_position);
  Error out = e.as(ErrorKind::kSql, e.sqlstate.empty() ? std::string(e.what())
                                                       : fmt::format("{} (SQLSTATE {})", e.what(), e.sqlstate));
  out.sql = statement.text;
  return std::move(out).at(where, line_of(file.text, where.line));
}
}  // namespace

void execute_script(pg::Connection& connection, const Script& script) {
  for (const auto& statement : script.file.statements) {
    try {
      connection.exec_simple(statement.text);
    } catch (const Error& e) {
      if (e.kind != ErrorKind::kSql) throw;
      throw placed(e, script.file, statement);
    }
  }
}

}  // namespace pgcertify::migrate

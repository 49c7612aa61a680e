#include "runner/setup.hpp"

#include "common/strings.hpp"

namespace pgcertify::runner {

void apply_sql_file(pg::Connection& connection, const plan::SqlFile& file) {
  connection.exec_simple("BEGIN");
  for (const auto& statement : file.statements) {
    try {
      connection.exec_simple(statement.text);
    } catch (Error& e) {
      if (connection.ok() && connection.in_transaction()) {
        try {
          connection.exec_simple("ROLLBACK");
        } catch (...) {
        }
      }
      if (e.kind == ErrorKind::kInterrupted) throw;
      const SourceLocation where = plan::locate_in_statement(statement, e.statement_position);
      const std::string source = line_of(file.text, where.line);
      Error out(ErrorKind::kTarget, e.what());
      out.sqlstate = e.sqlstate;
      out.detail = e.detail;
      out.hint = e.hint;
      throw std::move(out).at(where, source);
    }
  }
  connection.exec_simple("COMMIT");
}

void apply_setup(pg::Connection& connection, const plan::Setup& setup) {
  for (const auto& extension : setup.extensions) {
    try {
      connection.exec_simple("CREATE EXTENSION IF NOT EXISTS " + connection.quote_identifier(extension));
    } catch (const Error& e) {
      if (e.kind == ErrorKind::kInterrupted) throw;
      throw Error(ErrorKind::kTarget, "setup.extensions: cannot create extension '" + extension + "': " + e.what());
    }
  }
  for (const auto& migration : setup.migrations) apply_sql_file(connection, migration.up);
  for (const auto& file : setup.sql) apply_sql_file(connection, file);
}

}  // namespace pgcertify::runner

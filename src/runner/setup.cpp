#include "runner/setup.hpp"

#include <cstdio>

#include "common/strings.hpp"
#include "datagen/fill.hpp"
#include "pg/transaction.hpp"

namespace pgcertify::runner {
namespace {
/// MySQL writes `INDEX name (col)` inside CREATE TABLE; PostgreSQL reads it as a column named
/// "index" of type "name", and says only that the type does not exist.
std::string hint_for(const Error& e, const plan::SqlStatement& statement) {
  if (e.sqlstate != "42704" || e.statement_position <= 0) return e.hint;
  const std::string before = to_lower(std::string_view(statement.text).substr(0, static_cast<size_t>(e.statement_position - 1)));
  const std::string trimmed = trim(before);
  if (trimmed.ends_with("index") || trimmed.ends_with("key"))
    return "PostgreSQL has no INDEX clause inside CREATE TABLE: create the index with its own CREATE INDEX statement";
  return e.hint;
}
}  // namespace

void apply_sql_file(pg::Connection& connection, const plan::SqlFile& file) {
  pg::Transaction apply(connection, pg::TransactionKind::kCommitOnSuccess);
  for (const auto& statement : file.statements) {
    try {
      apply.exec_simple(statement.text);
    } catch (Error& e) {
      if (e.kind == ErrorKind::kInterrupted) throw;
      const SourceLocation where = plan::locate_in_statement(statement, e.statement_position);
      const std::string source = line_of(file.text, where.line);
      Error out(ErrorKind::kTarget, e.what());
      out.sqlstate = e.sqlstate;
      out.detail = e.detail;
      out.hint = hint_for(e, statement);
      throw std::move(out).at(where, source);
    }
  }
  apply.commit();
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
  // The ephemeral cluster is scratch: empty tables load before their indexes, as pg_restore does.
  if (setup.data) datagen::fill(connection, *setup.data, stdout, {.defer_indexes = true});
}

}  // namespace pgcertify::runner

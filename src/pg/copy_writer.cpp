#include "pg/copy_writer.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <optional>

namespace pgcertify::pg {
namespace {
Error lost(PGconn* conn, const std::string& sql) {
  Error e(ErrorKind::kConnection, std::string("COPY failed: ") + PQerrorMessage(conn));
  e.sql = sql;
  return e;
}

/// Reads results until the connection is idle; the first error wins.
void drain(PGconn* conn, const std::string& sql, long long* rows) {
  std::optional<Error> first;
  while (PGresult* raw = PQgetResult(conn)) {
    ResultPtr r(raw);
    const auto status = PQresultStatus(raw);
    if (status == PGRES_COMMAND_OK && rows) *rows = std::atoll(PQcmdTuples(raw));
    else if (status != PGRES_COMMAND_OK && !first) first = result_error(raw, sql);
  }
  if (first) throw *first;
}
}  // namespace

CopyWriter::CopyWriter(Connection& connection, std::string copy_sql) : connection_(connection), sql_(std::move(copy_sql)) {
  PGconn* conn = connection_.raw();
  if (!PQsendQuery(conn, sql_.c_str())) throw lost(conn, sql_);
  ResultPtr r(PQgetResult(conn));
  if (!r) throw lost(conn, sql_);
  if (PQresultStatus(r.get()) != PGRES_COPY_IN) {
    Error e = result_error(r.get(), sql_);
    r.reset();
    drain(conn, sql_, nullptr);
    throw e;
  }
  open_ = true;
}

CopyWriter::~CopyWriter() {
  if (open_) abort("abandoned");
}

void CopyWriter::write(std::string_view data) {
  PGconn* conn = connection_.raw();
  if (PQputCopyData(conn, data.data(), static_cast<int>(data.size())) != 1) {
    open_ = false;
    throw lost(conn, sql_);
  }
}

long long CopyWriter::finish() {
  PGconn* conn = connection_.raw();
  open_ = false;
  if (PQputCopyEnd(conn, nullptr) != 1) throw lost(conn, sql_);
  long long rows = 0;
  drain(conn, sql_, &rows);
  return rows;
}

void CopyWriter::abort(const std::string& reason) noexcept {
  if (!open_) return;
  open_ = false;
  PGconn* conn = connection_.raw();
  if (PQputCopyEnd(conn, reason.c_str()) != 1) return;
  while (PGresult* raw = PQgetResult(conn)) PQclear(raw);
}

}  // namespace pgcertify::pg

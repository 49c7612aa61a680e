#include "pg/copy_reader.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <cerrno>

#include "common/interrupt.hpp"

namespace pgcertify::pg {
namespace {
constexpr int kPollSliceMs = 50;

Error lost(PGconn* conn, const std::string& sql) {
  Error e(ErrorKind::kConnection, std::string("COPY failed: ") + (conn ? PQerrorMessage(conn) : "no connection"));
  e.sql = sql;
  return e;
}

/// The server's error, with a cancellation (ours or statement_timeout's) as kTimeout/kInterrupted.
Error copy_error(const PGresult* r, const std::string& sql) {
  Error e = result_error(r, sql);
  if (e.sqlstate != "57014") return e;
  Error out(interrupted() ? ErrorKind::kInterrupted : ErrorKind::kTimeout,
            std::string("statement timed out and was cancelled on the server (") + e.what() + ")");
  out.sql = sql;
  out.sqlstate = e.sqlstate;
  return out;
}

char unescape(char c) {
  switch (c) {
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'v': return '\v';
    default: return c;  // `\\` and any other escaped character stand for themselves
  }
}
}  // namespace

CopyReader::CopyReader(Connection& connection, std::string copy_sql, ExecLimits limits)
    : connection_(connection), sql_(std::move(copy_sql)), limits_(limits) {
  PGconn* conn = connection_.raw();
  if (!conn || !PQsendQuery(conn, sql_.c_str())) throw lost(conn, sql_);
  open_ = true;
  while (PQisBusy(conn)) wait_readable();
  ResultPtr r(PQgetResult(conn));
  if (!r) throw lost(conn, sql_);
  if (PQresultStatus(r.get()) == PGRES_COPY_OUT) return;
  Error e = copy_error(r.get(), sql_);
  r.reset();
  while (PGresult* rest = PQgetResult(conn)) PQclear(rest);
  open_ = false;
  throw e;
}

CopyReader::~CopyReader() {
  if (buffer_) PQfreemem(buffer_);
  if (!open_ || !connection_.ok()) return;
  // Abandoned mid-stream (an exception, an early stop): cancel, then discard what is in flight.
  PGconn* conn = connection_.raw();
  // A server that did not take the cancel request would block the drain forever: leave the
  // connection in its COPY state instead (its owner's rollback fails and replaces it).
  if (!connection_.cancel()) return;
  char* row = nullptr;
  while (PQgetCopyData(conn, &row, 0) > 0) PQfreemem(row);
  while (PGresult* rest = PQgetResult(conn)) PQclear(rest);
}

void CopyReader::wait_readable() {
  PGconn* conn = connection_.raw();
  if (!cancelled_) {
    const bool timed_out = limits_.deadline && Clock::now() >= *limits_.deadline;
    if (timed_out || (!limits_.ignore_interrupt && interrupted())) {
      // The server ends the COPY with 57014, read as the closing result.
      const bool taken = connection_.cancel();
      cancelled_ = true;
      cancelled_at_ = Clock::now();
      if (!taken) give_up("could not cancel the COPY: the server did not take the cancel request within 2 s");
    }
  } else if (Clock::now() - cancelled_at_ > std::chrono::seconds(5)) {
    give_up("the server took the cancel request but the COPY did not end within 5 s");
  }
  pollfd pfd{PQsocket(conn), POLLIN, 0};
  const int rc = ::poll(&pfd, 1, kPollSliceMs);
  if (rc < 0 && errno != EINTR) throw lost(conn, sql_);
  if (rc > 0 && !PQconsumeInput(conn)) throw lost(conn, sql_);
}

void CopyReader::give_up(const std::string& why) {
  open_ = false;  // the destructor must not drain a COPY the server no longer answers
  Error e(interrupted() ? ErrorKind::kInterrupted : ErrorKind::kTimeout,
          std::string(interrupted() ? "interrupted; " : "statement timed out; ") + why);
  e.sql = sql_;
  throw e;
}

std::optional<std::string_view> CopyReader::next() {
  if (buffer_) {
    PQfreemem(buffer_);
    buffer_ = nullptr;
  }
  if (!open_) return std::nullopt;
  PGconn* conn = connection_.raw();
  while (true) {
    const int n = PQgetCopyData(conn, &buffer_, /*async=*/1);
    if (n > 0) {
      ++rows_;
      size_t length = static_cast<size_t>(n);
      if (length > 0 && buffer_[length - 1] == '\n') --length;
      return std::string_view(buffer_, length);
    }
    if (n == 0) {
      wait_readable();
      continue;
    }
    if (n == -2) {
      open_ = false;
      throw lost(conn, sql_);
    }
    finish();
    return std::nullopt;
  }
}

void CopyReader::finish() {
  PGconn* conn = connection_.raw();
  open_ = false;
  std::optional<Error> first;
  while (PQisBusy(conn)) wait_readable();
  while (PGresult* raw = PQgetResult(conn)) {
    ResultPtr r(raw);
    if (PQresultStatus(raw) != PGRES_COMMAND_OK && !first) first = copy_error(raw, sql_);
    while (PQisBusy(conn)) wait_readable();
  }
  if (first) throw *first;
}

void split_copy_row(std::string_view row, std::vector<std::optional<std::string>>& out) {
  size_t column = 0;
  size_t start = 0;
  while (true) {
    size_t end = row.find('\t', start);
    if (end == std::string_view::npos) end = row.size();
    const std::string_view field = row.substr(start, end - start);
    if (out.size() <= column) out.emplace_back();
    auto& slot = out[column++];
    if (field == "\\N") {
      slot.reset();
    } else {
      if (!slot) slot.emplace();
      slot->clear();
      for (size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 1 < field.size()) *slot += unescape(field[++i]);
        else *slot += field[i];
      }
    }
    if (end == row.size()) break;
    start = end + 1;
  }
  out.resize(column);
}

}  // namespace pgcertify::pg

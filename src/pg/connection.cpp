#include "pg/connection.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>

#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>

#include "common/error.hpp"
#include "common/interrupt.hpp"
#include "pg/dsn.hpp"
#include "pg/sqlstate.hpp"

namespace pgcertify::pg {
namespace {
constexpr auto kPollSlice = std::chrono::milliseconds(50);
/// How long the cancel request itself may take (connect to the postmaster, send, wait for it
/// to close the socket).
constexpr auto kCancelSend = std::chrono::seconds(2);
/// After a cancel request was delivered, how long to wait for the statement to end.
constexpr auto kCancelGrace = std::chrono::seconds(5);

/// PQcancel blocks (connect, send, wait for the postmaster to close) with no time limit of its
/// own, and a stopped postmaster never closes. So it runs on a thread that owns its PGcancel,
/// and the caller waits at most `wait`; a thread still blocked then finishes (or ends with the
/// process) on its own. True when the server took the request.
bool cancel_within(PGcancel* canceller, Clock::duration wait) {
  struct Outcome {
    std::mutex mutex;
    std::condition_variable done_cv;
    bool done = false;
    bool delivered = false;
  };
  auto outcome = std::make_shared<Outcome>();
  try {
    std::thread([canceller, outcome] {
      char errbuf[256];
      const bool delivered = PQcancel(canceller, errbuf, sizeof errbuf) == 1;
      PQfreeCancel(canceller);
      {
        const std::lock_guard lock(outcome->mutex);
        outcome->done = true;
        outcome->delivered = delivered;
      }
      outcome->done_cv.notify_all();
    }).detach();
  } catch (const std::system_error&) {
    PQfreeCancel(canceller);
    return false;
  }
  std::unique_lock lock(outcome->mutex);
  outcome->done_cv.wait_for(lock, wait, [&] { return outcome->done; });
  return outcome->done && outcome->delivered;
}

std::string chomp(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string field(const PGresult* r, int code) {
  const char* v = PQresultErrorField(r, code);
  return v ? v : "";
}

Error error_from_result(const PGresult* r, std::string_view sql) {
  Error e(ErrorKind::kSql, field(r, PG_DIAG_MESSAGE_PRIMARY));
  if (std::string_view(e.what()).empty()) e = Error(ErrorKind::kSql, chomp(PQresultErrorMessage(r)));
  e.sqlstate = field(r, PG_DIAG_SQLSTATE);
  e.detail = field(r, PG_DIAG_MESSAGE_DETAIL);
  e.hint = field(r, PG_DIAG_MESSAGE_HINT);
  e.sql = std::string(sql);
  const std::string position = field(r, PG_DIAG_STATEMENT_POSITION);
  if (!position.empty()) e.statement_position = std::atoi(position.c_str());
  return e;
}

Error connection_lost(PGconn* conn, std::string_view sql) {
  Error e(ErrorKind::kConnection, "connection to the server was lost: " + chomp(PQerrorMessage(conn)));
  e.sql = std::string(sql);
  return e;
}
}  // namespace

Error result_error(const PGresult* result, std::string_view sql) { return error_from_result(result, sql); }

Connection::Connection(const std::string& dsn, std::chrono::seconds connect_timeout) {
  const std::string timeout = std::to_string(connect_timeout.count());
  // libpq keeps the last value of a repeated keyword: our connect_timeout comes before the
  // DSN, so a connect_timeout the DSN names wins.
  const char* keywords[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
  const char* values[] = {timeout.c_str(), "pgcertify", dsn.c_str(), nullptr};
  conn_ = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    std::string reason = conn_ ? chomp(PQerrorMessage(conn_)) : "out of memory";
    if (conn_) PQfinish(conn_);
    conn_ = nullptr;
    throw Error(ErrorKind::kConnection, "cannot connect to " + mask_password(dsn) + ": " + mask_password_in(reason, dsn));
  }
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);  // notices are not results
}

Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

bool Connection::cancel() noexcept {
  if (!conn_) return false;
  PGcancel* canceller = PQgetCancel(conn_);
  return canceller && cancel_within(canceller, kCancelSend);
}

void Connection::abandon(std::string_view sql, ErrorKind kind, std::string_view why) {
  // libpq treats a null connection as CONNECTION_BAD, so ok() is false from here on and the
  // owner replaces the connection.
  PQfinish(conn_);
  conn_ = nullptr;
  Error e(kind, std::string(kind == ErrorKind::kTimeout ? "statement timed out; " : "interrupted; ") + std::string(why));
  e.sql = std::string(sql);
  throw e;
}

bool Connection::ok() const { return PQstatus(conn_) == CONNECTION_OK; }
int Connection::backend_pid() const { return PQbackendPID(conn_); }
int Connection::server_version() const { return PQserverVersion(conn_); }

bool Connection::in_transaction() const {
  const auto status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

std::string Connection::quote_identifier(std::string_view name) const {
  char* quoted = PQescapeIdentifier(conn_, name.data(), name.size());
  if (!quoted) throw Error(ErrorKind::kInternal, "cannot quote identifier: " + chomp(PQerrorMessage(conn_)));
  std::string out(quoted);
  PQfreemem(quoted);
  return out;
}

std::string Connection::quote_literal(std::string_view value) const {
  char* quoted = PQescapeLiteral(conn_, value.data(), value.size());
  if (!quoted) throw Error(ErrorKind::kInternal, "cannot quote literal: " + chomp(PQerrorMessage(conn_)));
  std::string out(quoted);
  PQfreemem(quoted);
  return out;
}

Result Connection::exec(std::string_view sql, std::span<const Param> params, ExecLimits limits) {
  return run(Protocol::kExtended, sql, sql, params, limits);
}

Result Connection::exec_simple(std::string_view sql, ExecLimits limits) {
  return run(Protocol::kSimple, sql, sql, {}, limits);
}

void Connection::prepare(const std::string& name, std::string_view sql, ExecLimits limits) {
  prepared_sql_[name] = std::string(sql);
  run(Protocol::kPrepare, name, sql, {}, limits);
}

Result Connection::exec_prepared(const std::string& name, std::span<const Param> params, ExecLimits limits) {
  const auto found = prepared_sql_.find(name);
  const std::string_view sql = found == prepared_sql_.end() ? std::string_view(name) : std::string_view(found->second);
  return run(Protocol::kPrepared, name, sql, params, limits);
}

// Waits until a result can be read without blocking. A deadline or an interrupt sends one
// cancel request; the server then answers with an error (57014) that the caller turns into
// kTimeout/kInterrupted. A server that does not answer even then is given up on.
void Connection::wait_for_result(std::string_view sql, ExecLimits limits) {
  std::optional<Clock::time_point> cancelled_at;
  ErrorKind cancel_kind = ErrorKind::kTimeout;
  // PQisBusy only looks at what libpq has buffered; the socket is read after poll() says there
  // is something to read, so an answer costs one poll and one recv, as in pgbench.
  while (PQisBusy(conn_)) {
    const auto now = Clock::now();
    if (!cancelled_at) {
      const bool timed_out = limits.deadline && now >= *limits.deadline;
      if (timed_out || (!limits.ignore_interrupt && interrupted())) {
        cancel_kind = timed_out ? ErrorKind::kTimeout : ErrorKind::kInterrupted;
        cancelled_at = now;
        if (!cancel())
          abandon(sql, cancel_kind,
                  fmt::format("could not cancel the statement: the server did not take the cancel request within {} s "
                              "(connection closed)",
                              kCancelSend.count()));
      }
    } else if (now - *cancelled_at > kCancelGrace) {
      abandon(sql, cancel_kind,
              fmt::format("the server took the cancel request but the statement did not end within {} s (connection "
                          "closed)",
                          kCancelGrace.count()));
    }
    pollfd pfd{PQsocket(conn_), POLLIN, 0};
    const int rc = ::poll(&pfd, 1, static_cast<int>(kPollSlice.count()));
    if (rc < 0 && errno != EINTR) throw connection_lost(conn_, sql);
    if (rc > 0 && !PQconsumeInput(conn_)) throw connection_lost(conn_, sql);
  }
}

Result Connection::run(Protocol protocol, std::string_view text_or_name, std::string_view sql,
                       std::span<const Param> params, ExecLimits limits) {
  if (!ok()) throw connection_lost(conn_, sql);
  const std::string text(text_or_name);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  const int n = static_cast<int>(values.size());
  int sent = 0;
  switch (protocol) {
    case Protocol::kSimple: sent = PQsendQuery(conn_, text.c_str()); break;
    case Protocol::kExtended:
      sent = PQsendQueryParams(conn_, text.c_str(), n, nullptr, values.data(), nullptr, nullptr, 0);
      break;
    case Protocol::kPrepare: sent = PQsendPrepare(conn_, text.c_str(), std::string(sql).c_str(), 0, nullptr); break;
    case Protocol::kPrepared: sent = PQsendQueryPrepared(conn_, text.c_str(), n, values.data(), nullptr, nullptr, 0); break;
  }
  if (!sent) throw connection_lost(conn_, sql);

  ResultPtr last;
  std::optional<Error> failure;
  while (true) {
    wait_for_result(sql, limits);
    ResultPtr r(PQgetResult(conn_));
    if (!r) break;
    const auto status = PQresultStatus(r.get());
    if (status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE || status == PGRES_NONFATAL_ERROR) {
      if (!failure) failure = error_from_result(r.get(), sql);
    } else if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
      PQputCopyEnd(conn_, "COPY is not supported here");
    } else {
      last = std::move(r);
    }
  }
  if (failure) {
    if (!ok()) throw connection_lost(conn_, sql);
    if (failure->sqlstate == "57014") {
      // Our own cancel (deadline or SIGINT), or the server's statement_timeout.
      if (interrupted()) {
        Error e(ErrorKind::kInterrupted, "interrupted; the statement was cancelled on the server");
        e.sql = failure->sql;
        throw e;
      }
      Error e(ErrorKind::kTimeout, "statement timed out and was cancelled on the server (" +
                                       std::string(failure->what()) + ")");
      e.sql = failure->sql;
      e.sqlstate = failure->sqlstate;
      throw e;
    }
    if (failure->sqlstate.starts_with("08") || failure->sqlstate == "57P01") failure->kind = ErrorKind::kConnection;
    throw *failure;
  }
  if (!last) throw Error(ErrorKind::kInternal, "the server returned no result");
  return Result(std::move(last));
}

}  // namespace pgcertify::pg

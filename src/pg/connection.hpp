#pragma once
// One libpq connection, opened in the constructor and closed in the destructor.

#include <chrono>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "pg/result.hpp"

using PGconn = struct pg_conn;  // libpq's own typedef: libpq-fe.h stays out of this header

namespace pgcertify::pg {

using Clock = std::chrono::steady_clock;
using Param = std::optional<std::string>;  // nullopt is SQL NULL

/// How long a statement may take on the client side before it is cancelled.
struct ExecLimits {
  std::optional<Clock::time_point> deadline;
  /// For clean-up that must run after SIGINT too (dropping a scratch database): the statement
  /// is not cancelled by the interrupt, only by the deadline.
  bool ignore_interrupt = false;
};

/// The Error a failed PGresult describes: SQLSTATE, message, detail, hint, position.
Error result_error(const PGresult* result, std::string_view sql);

class Connection {
 public:
  /// Connects (URI or keyword DSN; PG* environment variables fill the gaps). `connect_timeout`
  /// applies unless the DSN names its own.
  /// Throws Error(kConnection) with libpq's reason, password masked.
  explicit Connection(const std::string& dsn, std::chrono::seconds connect_timeout = std::chrono::seconds(10));
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Runs one statement (extended protocol, text results), waiting in slices so that a deadline
  /// or SIGINT cancels it on the server (PQcancel). Throws Error: kSql with SQLSTATE, message,
  /// detail, hint and position; kTimeout; kInterrupted; kConnection when the server went away.
  Result exec(std::string_view sql, std::span<const Param> params = {}, ExecLimits limits = {});

  /// Runs a statement that may contain several commands (simple protocol), e.g. "BEGIN READ ONLY".
  Result exec_simple(std::string_view sql, ExecLimits limits = {});

  /// Prepares a named statement on the server (parameter types inferred). Same errors as exec.
  void prepare(const std::string& name, std::string_view sql, ExecLimits limits = {});
  /// Runs a statement prepared on this connection.
  Result exec_prepared(const std::string& name, std::span<const Param> params = {}, ExecLimits limits = {});

  /// Asks the server to cancel whatever this connection runs now, waiting at most 2 s for the
  /// request to be taken (libpq's PQcancel alone can block forever on a stopped server). True
  /// when the server took it. Call from the thread that uses the connection.
  bool cancel() noexcept;

  bool ok() const;
  /// True inside a transaction block (also a failed one).
  bool in_transaction() const;
  int backend_pid() const;
  int server_version() const;
  std::string quote_identifier(std::string_view name) const;
  std::string quote_literal(std::string_view value) const;
  PGconn* raw() const { return conn_; }

 private:
  enum class Protocol { kSimple, kExtended, kPrepare, kPrepared };
  /// Sends one request, then collects its results; `text` is the SQL, or the statement name.
  Result run(Protocol protocol, std::string_view text, std::string_view sql, std::span<const Param> params,
             ExecLimits limits);
  void wait_for_result(std::string_view sql, ExecLimits limits);
  /// Closes a connection whose statement could not be ended and throws `kind` saying why.
  [[noreturn]] void abandon(std::string_view sql, ErrorKind kind, std::string_view why);

  PGconn* conn_ = nullptr;
  std::map<std::string, std::string> prepared_sql_;  // name -> SQL, for error messages
};

}  // namespace pgcertify::pg

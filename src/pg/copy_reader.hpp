#pragma once
// COPY … TO STDOUT on a Connection, one row at a time: constant client memory however large
// the relation. The caller owns the transaction (and its statement_timeout).

#include <optional>
#include <string>
#include <string_view>

#include "pg/connection.hpp"

namespace pgcertify::pg {

class CopyReader {
 public:
  /// Sends `copy_sql` (a COPY … TO STDOUT, text format). Throws Error(kSql) when the server
  /// refuses it; kTimeout/kInterrupted as Connection::exec does.
  CopyReader(Connection& connection, std::string copy_sql, ExecLimits limits = {});
  /// Cancels a COPY that was not read to its end and drains it (never throws).
  ~CopyReader();
  CopyReader(const CopyReader&) = delete;
  CopyReader& operator=(const CopyReader&) = delete;

  /// The next row as COPY text (columns separated by tabs, backslash escapes, no newline),
  /// valid until the next call; nullopt after the last row. A deadline, SIGINT or the server's
  /// statement_timeout throws Error(kTimeout/kInterrupted); a server error throws Error(kSql).
  std::optional<std::string_view> next();

  /// Rows returned so far.
  long long rows() const { return rows_; }

 private:
  /// Waits until libpq has input to hand out, cancelling once at the deadline or on SIGINT.
  void wait_readable();
  /// Ends a COPY the server no longer answers: throws kTimeout/kInterrupted saying why.
  [[noreturn]] void give_up(const std::string& why);
  /// Reads the COPY's closing result; throws the server's error if it failed.
  void finish();

  Connection& connection_;
  std::string sql_;
  ExecLimits limits_;
  char* buffer_ = nullptr;
  bool open_ = false;
  bool cancelled_ = false;
  Clock::time_point cancelled_at_{};
  long long rows_ = 0;
};

/// Splits one COPY text row into its columns and undoes COPY's escapes; `\N` is a NULL
/// (nullopt). `out` is reused between rows to keep allocations out of the loop.
void split_copy_row(std::string_view row, std::vector<std::optional<std::string>>& out);

}  // namespace pgcertify::pg

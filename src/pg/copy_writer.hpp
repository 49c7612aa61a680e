#pragma once
// COPY … FROM STDIN on a Connection: start, send buffers, finish (or abort). The caller owns
// the transaction; an aborted or failed COPY leaves nothing behind once it rolls back.

#include <string>
#include <string_view>

#include "pg/connection.hpp"

namespace pgcertify::pg {

class CopyWriter {
 public:
  /// Sends `copy_sql` (a COPY … FROM STDIN). Throws Error(kSql) when the server refuses it.
  CopyWriter(Connection& connection, std::string copy_sql);
  /// Aborts a COPY that was neither finished nor aborted (never throws).
  ~CopyWriter();
  CopyWriter(const CopyWriter&) = delete;
  CopyWriter& operator=(const CopyWriter&) = delete;

  /// Sends one buffer of COPY data (whole rows or not: the server reassembles them).
  void write(std::string_view data);
  /// Ends the data; returns the number of rows the server stored. Throws the server's Error
  /// (a constraint violation names the row in its context).
  long long finish();
  /// Ends the COPY with an error message; the server discards the rows.
  void abort(const std::string& reason) noexcept;

 private:
  Connection& connection_;
  std::string sql_;
  bool open_ = false;
};

}  // namespace pgcertify::pg

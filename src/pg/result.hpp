#pragma once
// An owned PGresult: freed by its destructor, read through string views.

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>

namespace pgcertify::pg {

struct ResultDeleter {
  void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

/// The rows of one successfully executed statement (text format).
class Result {
 public:
  explicit Result(ResultPtr result) : result_(std::move(result)) {}

  int rows() const { return PQntuples(result_.get()); }
  int columns() const { return PQnfields(result_.get()); }
  std::string_view column_name(int column) const { return PQfname(result_.get(), column); }
  bool is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  std::string_view value(int row, int column) const {
    return {PQgetvalue(result_.get(), row, column),
            static_cast<size_t>(PQgetlength(result_.get(), row, column))};
  }
  /// "INSERT 0 1", "SELECT 3", …
  std::string_view command_tag() const { return PQcmdStatus(result_.get()); }
  /// Rows affected by INSERT/UPDATE/DELETE/…; 0 when not applicable.
  long affected_rows() const;

  PGresult* raw() const { return result_.get(); }

 private:
  ResultPtr result_;
};

}  // namespace pgcertify::pg

#pragma once
// An owned PGresult: freed by its destructor, read through string views. libpq's header stays
// out of here (libpqxx's rule): layers above src/pg see only these declarations.

#include <memory>
#include <string>
#include <string_view>

using PGresult = struct pg_result;  // libpq's own typedef

namespace pgcertify::pg {

struct ResultDeleter {
  void operator()(PGresult* r) const noexcept;
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

/// The rows of one successfully executed statement (text format).
class Result {
 public:
  explicit Result(ResultPtr result) : result_(std::move(result)) {}

  int rows() const;
  int columns() const;
  std::string_view column_name(int column) const;
  bool is_null(int row, int column) const;
  std::string_view value(int row, int column) const;
  /// The column's type OID and type modifier (atttypmod), as the server described them.
  unsigned column_type(int column) const;
  int column_typmod(int column) const;
  /// "INSERT 0 1", "SELECT 3", …
  std::string_view command_tag() const;
  /// Rows affected by INSERT/UPDATE/DELETE/…; 0 when not applicable.
  long affected_rows() const;

  PGresult* raw() const { return result_.get(); }

 private:
  ResultPtr result_;
};

}  // namespace pgcertify::pg

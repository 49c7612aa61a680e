#include "pg/result.hpp"

#include <libpq-fe.h>

#include <cstdlib>

namespace pgcertify::pg {

void ResultDeleter::operator()(PGresult* r) const noexcept { PQclear(r); }

int Result::rows() const { return PQntuples(result_.get()); }
int Result::columns() const { return PQnfields(result_.get()); }
std::string_view Result::column_name(int column) const { return PQfname(result_.get(), column); }
bool Result::is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }

std::string_view Result::value(int row, int column) const {
  return {PQgetvalue(result_.get(), row, column), static_cast<size_t>(PQgetlength(result_.get(), row, column))};
}

unsigned Result::column_type(int column) const { return PQftype(result_.get(), column); }
int Result::column_typmod(int column) const { return PQfmod(result_.get(), column); }
std::string_view Result::command_tag() const { return PQcmdStatus(result_.get()); }

long Result::affected_rows() const {
  const char* n = PQcmdTuples(result_.get());
  return (n && *n) ? std::atol(n) : 0;
}

}  // namespace pgcertify::pg

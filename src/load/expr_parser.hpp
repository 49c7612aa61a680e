#pragma once
// Parses pgbench's expression syntax (the right-hand side of \set, the condition of \if).

#include <string_view>

#include "load/expr.hpp"
#include "load/variables.hpp"

namespace pgcertify::load {

/// `first_column` is the 1-based column of text[0] in its line. Throws Error (kPlan) with
/// `where.column` set to the offending token; the caller adds the file and line.
Expr parse_expression(std::string_view text, int first_column, VariableNames& names);

/// True for characters that may continue a :variable name (ASCII letters, digits, _, and
/// bytes of multibyte characters, as pgbench).
bool is_variable_char(char c);

}  // namespace pgcertify::load

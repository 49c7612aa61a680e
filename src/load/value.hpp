#pragma once
// A value of pgbench's expression language: NULL, boolean, 64-bit integer or double.
// Variables set by \gset or -D hold text until an expression reads them as numbers.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace pgcertify::load {

struct Null {
  bool operator==(const Null&) const = default;
};

using Value = std::variant<Null, bool, std::int64_t, double>;

inline bool is_null(const Value& v) { return std::holds_alternative<Null>(v); }
inline bool is_int(const Value& v) { return std::holds_alternative<std::int64_t>(v); }
inline bool is_double(const Value& v) { return std::holds_alternative<double>(v); }
inline bool is_bool(const Value& v) { return std::holds_alternative<bool>(v); }

/// The value as an integer; throws Error for NULL, booleans and doubles out of range.
std::int64_t to_int(const Value& v);
/// The value as a double; throws Error for NULL and booleans.
double to_double(const Value& v);
/// SQL-ish truth: NULL is false, numbers are true when not zero.
bool truth(const Value& v);
/// How a value is written into SQL and \gset output: 42, 3.5, true, "" for NULL.
std::string to_text(const Value& v);
/// "int 3", "double 2.5", "boolean true", "null": for debug().
std::string describe(const Value& v);
/// Reads a variable's text as pgbench does: an integer, else a double, else an error naming it.
Value parse_number(std::string_view text, std::string_view variable);

}  // namespace pgcertify::load

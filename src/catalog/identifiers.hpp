#pragma once
// How names are written in plans and printed in reports: SQL's folding and quoting rules,
// without a server. Pure functions, unit-tested.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"

namespace pgcertify::catalog {

/// `name` as SQL needs it written: bare when it is a lower-case identifier and not a
/// reserved word, else in double quotes.
std::string quote_if_needed(std::string_view name);

/// Reads `table`, `schema.table`, `"Mixed Case"` or `"s"."t"`: unquoted parts fold to lower
/// case, as PostgreSQL does. Unqualified names get `default_schema`. nullopt when malformed.
std::optional<QualifiedName> parse_qualified_name(std::string_view text, std::string_view default_schema);

/// One identifier (`name` or `"Name"`), folded like PostgreSQL; nullopt when malformed.
std::optional<std::string> parse_identifier(std::string_view text);

/// Splits at `separator` outside parentheses, brackets and quotes; parts are trimmed.
std::vector<std::string> split_top_level(std::string_view text, char separator = ',');

/// `name(type, type)`: the name and, when parentheses are given, the argument types.
struct Signature {
  std::string name;
  std::optional<std::vector<std::string>> argument_types;
};
/// nullopt when the parentheses do not balance.
std::optional<Signature> parse_signature(std::string_view text);

/// `table(col, col)` as written in `references:`; nullopt when malformed.
struct Reference {
  std::string table;
  std::vector<std::string> columns;
};
std::optional<Reference> parse_reference(std::string_view text);

/// Collapses runs of white space to one space and trims: for comparing SQL text loosely.
std::string squeeze_spaces(std::string_view text);

}  // namespace pgcertify::catalog

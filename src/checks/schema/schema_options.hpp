#pragma once
// Option readers shared by the schema kinds (objects, table, function, trigger, view):
// names with an optional schema, identifiers, yes/no flags, and lists of them.

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "plan/node.hpp"

namespace pgcertify::checks {

/// The schema unqualified names live in, when a check does not say: `public`.
inline const std::string kDefaultSchema = "public";

/// `name` or `schema.name` (quoted parts keep their case); throws at the node when malformed.
catalog::QualifiedName read_qualified_name(const plan::Node& node, const std::string& default_schema,
                                           std::string_view what = "a name");
/// One identifier (a column, an index); throws at the node when malformed.
std::string read_identifier(const plan::Node& node, std::string_view what = "a column name");
/// A list of identifiers (a scalar is a list of one).
std::vector<std::string> read_identifier_list(const plan::Node& node, std::string_view what = "a list of column names");
/// The check's `schema:` option, or `public`.
std::string read_default_schema(const plan::Node& options);
/// One of `allowed` (case-insensitive; `_` reads as a space); throws listing them otherwise.
std::string read_choice(const plan::Node& node, const std::vector<std::string>& allowed, std::string_view what);

/// "(a, b)": a column list for messages.
std::string column_list(const std::vector<std::string>& columns);

}  // namespace pgcertify::checks

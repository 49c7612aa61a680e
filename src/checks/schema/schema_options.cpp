#include "checks/schema/schema_options.hpp"

#include "catalog/identifiers.hpp"
#include "common/strings.hpp"

namespace pgcertify::checks {

catalog::QualifiedName read_qualified_name(const plan::Node& node, const std::string& default_schema,
                                           std::string_view what) {
  const std::string text = node.as_string(what);
  auto name = catalog::parse_qualified_name(text, default_schema);
  if (!name) throw node.error("expected " + std::string(what) + " like 'name' or 'schema.name', got '" + text + "'");
  return *name;
}

std::string read_identifier(const plan::Node& node, std::string_view what) {
  const std::string text = node.as_string(what);
  auto id = catalog::parse_identifier(text);
  if (!id) throw node.error("expected " + std::string(what) + " (an identifier; quote it as \"Name\" to keep case), got '" + text + "'");
  return *id;
}

std::vector<std::string> read_identifier_list(const plan::Node& node, std::string_view what) {
  if (node.is_scalar()) return {read_identifier(node, what)};
  if (!node.is_sequence()) throw node.error("expected " + std::string(what));
  std::vector<std::string> out;
  for (const auto& item : node.items()) out.push_back(read_identifier(item, what));
  return out;
}

std::string read_default_schema(const plan::Node& options) {
  if (auto schema = options.get("schema")) return read_identifier(*schema, "a schema name");
  return kDefaultSchema;
}

std::string read_choice(const plan::Node& node, const std::vector<std::string>& allowed, std::string_view what) {
  std::string value = to_lower(trim(node.as_string(what)));
  for (auto& c : value)
    if (c == '_') c = ' ';
  for (const auto& a : allowed)
    if (a == value) return value;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  throw node.error("expected " + std::string(what) + ": one of " + list + "; got '" + node.as_string() + "'" +
                   did_you_mean(value, allowed));
}

std::string column_list(const std::vector<std::string>& columns) {
  std::string out = "(";
  for (size_t i = 0; i < columns.size(); ++i) out += (i ? ", " : "") + catalog::quote_if_needed(columns[i]);
  return out + ")";
}

}  // namespace pgcertify::checks

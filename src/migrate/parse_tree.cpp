#include "migrate/parse_tree.hpp"

#include <pg_query.h>

#include "common/error.hpp"

namespace pgcertify::migrate {
namespace {
struct ParseResult {
  PgQueryParseResult result;
  ~ParseResult() { pg_query_free_parse_result(result); }
};

void strip_locations(nlohmann::json& node) {
  if (node.is_object()) {
    node.erase("location");
    for (auto& [key, value] : node.items()) strip_locations(value);
  } else if (node.is_array()) {
    for (auto& value : node) strip_locations(value);
  }
}
}  // namespace

StatementTree parse_statement(std::string_view sql) {
  const std::string text(sql);
  ParseResult parsed{pg_query_parse(text.c_str())};
  if (parsed.result.error) throw Error(ErrorKind::kPlan, std::string("SQL ") + parsed.result.error->message);
  const auto root = nlohmann::json::parse(parsed.result.parse_tree);
  const auto& statements = root.at("stmts");
  if (statements.empty()) return {};
  const auto& stmt = statements.front().at("stmt");
  StatementTree tree;
  tree.type = stmt.begin().key();
  tree.node = stmt.begin().value();
  return tree;
}

std::string normalised(const StatementTree& tree) {
  nlohmann::json copy = tree.node;
  strip_locations(copy);
  return tree.type + copy.dump();
}

std::string text_of(const nlohmann::json& node, const char* key) {
  if (!node.is_object()) return {};
  const auto it = node.find(key);
  return it != node.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool flag_of(const nlohmann::json& node, const char* key) {
  if (!node.is_object()) return false;
  const auto it = node.find(key);
  return it != node.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace pgcertify::migrate

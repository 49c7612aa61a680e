#include "migrate/script.hpp"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <memory>

#include "common/files.hpp"
#include "plan/env.hpp"

namespace pgcertify::migrate {
namespace {
bool has_concurrently_option(const nlohmann::json& node) {
  if (!node.contains("params")) return false;
  for (const auto& param : node["params"])
    if (text_of(param.value("DefElem", nlohmann::json::object()), "defname") == "concurrently") return true;
  return false;
}

bool detaches_concurrently(const nlohmann::json& node) {
  for (const auto& cmd : node.value("cmds", nlohmann::json::array())) {
    const auto& c = cmd.value("AlterTableCmd", nlohmann::json::object());
    if (text_of(c, "subtype") == "AT_DetachPartition" &&
        flag_of(c.value("def", nlohmann::json::object()).value("PartitionCmd", nlohmann::json::object()), "concurrent"))
      return true;
  }
  return false;
}
}  // namespace

std::string non_transactional(const StatementTree& tree, int server_version) {
  const auto& n = tree.node;
  if (tree.type == "IndexStmt" && flag_of(n, "concurrent")) return "CREATE INDEX CONCURRENTLY";
  if (tree.type == "DropStmt" && flag_of(n, "concurrent")) return "DROP INDEX CONCURRENTLY";
  if (tree.type == "ReindexStmt" && has_concurrently_option(n)) return "REINDEX CONCURRENTLY";
  if (tree.type == "VacuumStmt" && flag_of(n, "is_vacuumcmd")) return "VACUUM";
  if (tree.type == "CreatedbStmt") return "CREATE DATABASE";
  if (tree.type == "DropdbStmt") return "DROP DATABASE";
  if (tree.type == "CreateTableSpaceStmt") return "CREATE TABLESPACE";
  if (tree.type == "DropTableSpaceStmt") return "DROP TABLESPACE";
  if (tree.type == "AlterSystemStmt") return "ALTER SYSTEM";
  if (tree.type == "AlterTableStmt" && detaches_concurrently(n)) return "DETACH PARTITION CONCURRENTLY";
  if (tree.type == "AlterEnumStmt" && server_version > 0 && server_version < 120000 && !n.contains("oldVal"))
    return "ALTER TYPE … ADD VALUE (before PostgreSQL 12)";
  if (tree.type == "TransactionStmt") {
    const std::string kind = text_of(n, "kind");  // TRANS_STMT_BEGIN
    return "a transaction statement" + (kind.size() > 11 ? " (" + kind.substr(11) + ")" : std::string());
  }
  return {};
}

std::string expand_placeholders(std::string_view text, const std::string& display_path) {
  if (text.find("${") == std::string_view::npos || text.find("pgcertify-placeholders: off") != std::string_view::npos)
    return std::string(text);
  size_t offset = 0;
  try {
    return plan::expand_env_sql(text, plan::getenv_lookup, &offset);
  } catch (const Error& e) {
    const std::string_view before = text.substr(0, std::min(offset, text.size()));
    const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    const size_t line_start = before.rfind('\n');
    const int column = 1 + static_cast<int>(line_start == std::string_view::npos ? offset : offset - line_start - 1);
    throw Error(ErrorKind::kPlan, std::string(e.what()) +
                                      " (a placeholder; write '-- pgcertify-placeholders: off' in a file whose SQL "
                                      "holds a literal '${')")
        .at({display_path, line, column});
  }
}

Script parse_script(std::string_view raw, const std::string& display_path, int server_version) {
  Script script;
  const std::string text = expand_placeholders(raw, display_path);
  script.file = plan::parse_sql(text, display_path);
  const std::unique_ptr<XXH64_state_t, decltype(&XXH64_freeState)> owned(XXH64_createState(), &XXH64_freeState);
  XXH64_state_t* state = owned.get();
  XXH64_reset(state, 0);
  for (const auto& statement : script.file.statements) {
    script.trees.push_back(parse_statement(statement.text));
    const std::string norm = normalised(script.trees.back()) + "\n";
    XXH64_update(state, norm.data(), norm.size());
    const std::string why = non_transactional(script.trees.back(), server_version);
    if (!why.empty() && script.outside_transaction.empty())
      script.outside_transaction = why + " at " + statement.where.to_string();
  }
  script.checksum = fmt::format("{:016x}", XXH64_digest(state));
  return script;
}

Script load_script(const std::filesystem::path& path, const std::string& display_path, int server_version) {
  std::string text;
  try {
    text = read_file(path);
  } catch (const Error& e) {
    throw Error(ErrorKind::kPlan, e.what()).at({display_path, 0, 0});
  }
  Script script = parse_script(text, display_path, server_version);
  script.file.path = path;
  return script;
}

}  // namespace pgcertify::migrate

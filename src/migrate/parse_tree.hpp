#pragma once
// PostgreSQL's own parse tree of one statement (libpg_query's JSON), for the checksum, the
// transaction rule and the linter.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace pgcertify::migrate {

/// One statement's tree: {"IndexStmt": {…}}. `type` is its single key ("IndexStmt").
struct StatementTree {
  std::string type;
  nlohmann::json node;  // the value under `type`
};

/// Parses one statement (as plan::parse_sql split it). Throws Error(kPlan) without location when
/// the parser rejects it (the caller has already split the file, so this does not happen).
StatementTree parse_statement(std::string_view sql);

/// The tree with every "location" removed, dumped compactly: what the checksum hashes, so that
/// white space, comments and keyword case do not count, and everything else does.
std::string normalised(const StatementTree& tree);

/// A string field of a node, "" when absent.
std::string text_of(const nlohmann::json& node, const char* key);
/// A boolean field of a node, false when absent (libpg_query omits false and zero).
bool flag_of(const nlohmann::json& node, const char* key);

}  // namespace pgcertify::migrate

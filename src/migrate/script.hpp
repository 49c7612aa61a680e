#pragma once
// One migration file read for running: its statements (with positions), its checksum, and
// whether it can run inside a transaction.

#include <filesystem>
#include <string>
#include <vector>

#include "migrate/parse_tree.hpp"
#include "plan/sql_file.hpp"

namespace pgcertify::migrate {

struct Script {
  plan::SqlFile file;
  std::vector<StatementTree> trees;  // one per file.statements entry
  std::string checksum;              // 16 hex digits: xxh64 of the normalised statements
  /// Empty when the file runs in one transaction; otherwise why not, e.g.
  /// "CREATE INDEX CONCURRENTLY at migrations/004_x.sql:3:1".
  std::string outside_transaction;
};

/// Reads, expands ${VAR} / ${VAR:-default} placeholders from the environment (as in plans; "$$"
/// and "$1" are SQL's own and stay; a file holding "pgcertify-placeholders: off" is left as it
/// is), splits and parses `path`. The checksum is of the expanded SQL: what runs is what is pinned. `server_version` (PQserverVersion; 0: unknown, assume
/// current) decides whether ALTER TYPE … ADD VALUE can run in a transaction (PostgreSQL 12+).
/// Throws Error(kPlan) naming the file (unreadable) or file:line:col (syntax error).
Script load_script(const std::filesystem::path& path, const std::string& display_path, int server_version = 0);

/// The same, for SQL already in memory (tests, `lint` of a string).
Script parse_script(std::string_view text, const std::string& display_path, int server_version = 0);

/// Why a statement cannot run inside a transaction block, or "" when it can:
/// "CREATE INDEX CONCURRENTLY", "VACUUM", "a transaction statement (BEGIN/COMMIT)" …
std::string non_transactional(const StatementTree& tree, int server_version = 0);

}  // namespace pgcertify::migrate

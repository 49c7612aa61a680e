#pragma once
// `pgcertify migrate lint`: files and folders in, findings out, in folder order, so that what an
// earlier file created is known to a later one.

#include <filesystem>
#include <string>
#include <vector>

#include "migrate/lint_finding.hpp"
#include "migrate/script.hpp"
#include "pg/connection.hpp"

namespace pgcertify::migrate {

struct LintOptions {
  std::vector<std::string> ignore;  // rule names never reported
  int server_version = 0;           // 0: assume current
};

/// Lints each path: a folder's migrations in version order (undo files too), or a file. Throws
/// Error(kPlan) for a missing or unreadable path or a syntax error (file:line:col).
/// Findings on tables created by an earlier file are kept, marked `table_from_folder`.
std::vector<Finding> lint_paths(const std::vector<std::filesystem::path>& paths, const LintOptions& options);

/// The same for scripts already read, in the order they run (tests, the `migrations` check).
std::vector<Finding> lint_scripts(const std::vector<Script>& scripts, const LintOptions& options);

/// Without --dsn: a table created earlier in the folder is new and empty, so its findings go.
void drop_folder_table_findings(std::vector<Finding>& findings);

/// With --dsn: each finding's table gets its live rows and size (one catalog query); an empty
/// table's hazard drops to info, a large one's message says how long its lock would block.
/// A table the folder created that the database does not have yet is new: its findings go.
void apply_table_stats(std::vector<Finding>& findings, pg::Connection& connection);

/// "about 3 min" for a hazard of `cost` on `bytes`; "" when it is a lock only.
std::string estimate_blocking(LintCost cost, long long bytes);

}  // namespace pgcertify::migrate

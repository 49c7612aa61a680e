#pragma once
// `pgcertify migrate`: applies, undoes, validates and repairs a folder against one database,
// under the migration lock, recording each step in the history table.

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "migrate/folder.hpp"
#include "migrate/history.hpp"
#include "migrate/script.hpp"
#include "migrate/status.hpp"
#include "pg/connection.hpp"

namespace pgcertify::migrate {

struct MigrateOptions {
  std::string schema = "public";  // where the history table lives
  FolderOptions folder;
  bool dry_run = false;           // print what would run; change nothing
  std::FILE* out = stdout;        // progress, one line per migration; nullptr: quiet
};

/// Which migrations `down` undoes: down to (excluding) `to`, or the last `steps` (default 1).
struct DownRange {
  std::optional<std::string> to;
  std::optional<int> steps;
};

class Migrator {
 public:
  /// Scans the folder and reads every file (syntax errors, unreadable files: Error(kPlan)).
  Migrator(pg::Connection& connection, const std::filesystem::path& dir, MigrateOptions options);

  /// Reads the history (no lock, creates nothing).
  Status status();
  /// Applies pending migrations up to `target` (all when absent), each in its own transaction
  /// unless it cannot run in one, then changed repeatables. Refuses (Error kSql) when a
  /// migration failed earlier or an applied file drifted. Returns how many ran.
  int up(const std::optional<std::string>& target = std::nullopt);
  /// Runs the undo files of the newest applied migrations; returns how many ran.
  int down(const DownRange& range);
  /// Removes failed rows and realigns recorded checksums with the files; returns rows changed.
  int repair();
  /// Records `version` as the starting point of a database that predates the folder.
  void baseline(const std::string& version);

  const Folder& folder() const { return folder_; }
  const Script& script(const std::filesystem::path& path) const { return scripts_.at(path.string()); }

 private:
  void apply(const MigrationFiles& files, const Script& script, const std::string& type);
  void undo(const StatusEntry& entry);
  void run_hook(const std::optional<std::filesystem::path>& hook);
  std::map<std::string, std::string> checksums() const;
  void refuse_unhealthy(const Status& status) const;
  template <class... Args>
  void say(fmt::format_string<Args...> format, Args&&... args) const {
    if (options_.out) fmt::print(options_.out, format, std::forward<Args>(args)...);
  }

  pg::Connection& connection_;
  MigrateOptions options_;
  Folder folder_;
  std::map<std::string, Script> scripts_;  // path -> script, every .sql file of the folder
  History history_;
};

/// The display path of a file of a folder: "dir/name" as the user named the folder.
std::string display_path(const std::filesystem::path& file);

}  // namespace pgcertify::migrate

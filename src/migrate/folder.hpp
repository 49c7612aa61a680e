#pragma once
// A migrations folder: which files are migrations, their versions, their undo files and hooks.
// Two namings are read, so a Flyway folder works unchanged:
//   001_create_users.sql + 001_create_users.down.sql        (pgcertify, golang-migrate style)
//   V1__create_users.sql + U1__create_users.sql, R__views.sql (Flyway; R__ are repeatable)
//   beforeMigrate.sql, beforeEachMigrate.sql, afterEachMigrate.sql, afterMigrate.sql (hooks)

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace pgcertify::migrate {

/// A version as its numeric parts: "001" -> {1}, "1.2" -> {1, 2}; compared numerically.
struct Version {
  std::vector<long long> parts;
  std::string text;  // as written in the file name: "001"

  /// "1.2": the form history rows are matched on (leading zeros dropped).
  std::string canonical() const;
  auto operator<=>(const Version& other) const { return parts <=> other.parts; }
  bool operator==(const Version& other) const { return parts == other.parts; }
};

/// Parses "001", "1.2", "1_2"; nullopt when it is not a version.
std::optional<Version> parse_version(std::string_view text);

struct MigrationFiles {
  std::optional<Version> version;  // absent for a repeatable migration
  std::string description;         // "create users" (underscores read as spaces)
  std::filesystem::path up;
  std::optional<std::filesystem::path> down;
  std::string script;  // the up file's name, as recorded in history

  bool repeatable() const { return !version.has_value(); }
};

struct Hooks {
  std::optional<std::filesystem::path> before_migrate, before_each, after_each, after_migrate;
};

struct Folder {
  std::filesystem::path path;
  std::vector<MigrationFiles> versioned;    // by version
  std::vector<MigrationFiles> repeatables;  // by description
  Hooks hooks;

  const MigrationFiles* find(const Version& version) const;
};

struct FolderOptions {
  /// `naming: sequential`: versions must be 1, 2, 3, … with no gap.
  bool sequential = false;
};

/// Scans `dir` (not recursively). Files not ending in .sql are ignored (README.md, …). Throws
/// Error(kPlan) naming the file for a .sql name that is not a migration, two files with one
/// version, an undo file without its migration, or (sequential) a gap.
Folder scan_folder(const std::filesystem::path& dir, const FolderOptions& options = {});

}  // namespace pgcertify::migrate

#pragma once
// The typed plan: what a user wrote, validated, with every node's position kept.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "plan/node.hpp"
#include "plan/sql_file.hpp"
#include "plan/units.hpp"

namespace pgcertify::plan {

struct Target {
  std::optional<std::string> dsn;                 // absent: an ephemeral cluster
  std::optional<std::string> pgbouncer;           // a DSN target's pooler, for checks `via: pgbouncer`
  std::map<std::string, std::string> settings;    // server settings for the ephemeral cluster
  SourceLocation where;
};

struct Migration {
  std::string version;  // the numeric prefix: "001"
  SqlFile up;
};

/// One table of `setup.data.tables`: generator options stay as nodes, read by datagen.
struct DataTable {
  std::string name;
  long long rows = 0;
  std::vector<std::pair<Node, Node>> columns;  // column name (key node, for errors) -> generator node
  SourceLocation where;
};

/// `setup.data`: synthetic rows loaded after migrations and SQL files.
struct DataSetup {
  unsigned long long seed = 0;
  /// `triggers: skip` disables the tables' own insert triggers while their rows load, as
  /// pg_restore --disable-triggers does (ephemeral and scratch targets only); `fire` (default)
  /// lets them run as on any INSERT.
  bool skip_triggers = false;
  std::vector<DataTable> tables;
  SourceLocation where;
};

/// `setup.pgbouncer`: a PgBouncer in front of the ephemeral cluster, with these [pgbouncer]
/// settings (validated; values as pgbouncer.ini spells them).
struct PgBouncerSetup {
  std::vector<std::pair<std::string, std::string>> settings;
  SourceLocation where;
};

struct Setup {
  std::vector<std::string> extensions;
  std::optional<std::filesystem::path> migrations_dir;
  std::vector<Migration> migrations;  // in version order
  std::vector<SqlFile> sql;           // run after migrations, in the order given
  std::optional<DataSetup> data;      // loaded last
  std::optional<PgBouncerSetup> pgbouncer;  // started after the rest
  bool empty() const { return extensions.empty() && migrations.empty() && sql.empty() && !data && !pgbouncer; }
};

enum class Severity { kError, kWarn };

/// One check as written: common options, plus its kind's options left for the kind to read.
struct CheckSpec {
  std::string name;  // may be empty: the kind supplies a default
  std::string kind;
  Node options;      // the value under the kind key
  SourceLocation where;
  std::optional<Duration> timeout;
  std::optional<std::string> skip;  // reason, when skipped
  std::vector<std::string> tags;
  Severity severity = Severity::kError;
};

struct Suite {
  std::string name;
  std::vector<std::string> tags;
  std::vector<CheckSpec> checks;
  SourceLocation where;
};

struct Defaults {
  Duration timeout = std::chrono::seconds(30);
};

struct Plan {
  std::string title;
  std::filesystem::path file;  // the plan file
  std::filesystem::path dir;   // relative paths in the plan are resolved against it
  Target target;
  Setup setup;
  Defaults defaults;
  std::vector<Suite> suites;
};

}  // namespace pgcertify::plan

#pragma once
// `migrations: {data_migration: …}`: one migration run over generated rows in an empty scratch
// database (seed 004 §8.2): the migrations before it applied, `data` loaded (setup.data's
// syntax), then the migration timed; row counts compared, and every row of the columns it must
// not change looked for among the rows as they were before (whole tables, no sample).

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checks/check.hpp"
#include "migrate/folder.hpp"
#include "plan/model.hpp"

namespace pgcertify::checks {

struct DataMigrationSpec {
  std::string migration;  // the version under test, as the folder spells it
  plan::DataSetup data;
  std::vector<std::pair<std::string, std::vector<std::string>>> unchanged;  // table -> columns
  std::map<std::string, plan::Threshold> rows;                             // table -> count after
  std::optional<plan::Threshold> duration;
};

/// Reads the option; `folder` must hold the version (else an error at the key).
DataMigrationSpec read_data_migration(const plan::Node& node, const migrate::Folder& folder);

Outcome run_data_migration(Context& context, const DataMigrationSpec& spec, const std::filesystem::path& dir,
                           const migrate::FolderOptions& folder_options, const std::string& schema);

}  // namespace pgcertify::checks

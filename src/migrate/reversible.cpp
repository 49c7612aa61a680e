#include "migrate/reversible.hpp"

#include <fmt/format.h>

#include "catalog/load.hpp"
#include "migrate/catalog_diff.hpp"
#include "migrate/migrator.hpp"

namespace pgcertify::migrate {
namespace {
catalog::Catalog snapshot(pg::Connection& connection) { return catalog::load_catalog(connection, {}); }

void compare(const catalog::Catalog& expected, const catalog::Catalog& actual, const std::string& step,
             ReversibleReport& report) {
  for (const auto& difference : diff_catalogs(expected, actual)) report.problems.push_back(step + ": " + difference);
}
}  // namespace

ReversibleReport check_reversible(pg::Connection& connection, const std::filesystem::path& dir,
                                  const FolderOptions& folder) {
  MigrateOptions options;
  options.folder = folder;
  options.out = nullptr;
  Migrator migrator(connection, dir, options);
  ReversibleReport report;
  for (const auto& m : migrator.folder().versioned) {
    const std::string name = m.version->text + " " + m.description;
    const catalog::Catalog before = snapshot(connection);
    try {
      migrator.up(m.version->text);
    } catch (const Error& e) {
      if (e.kind == ErrorKind::kInterrupted) throw;
      report.problems.push_back(fmt::format("{}: up failed: {}", name, e.format()));
      return report;
    }
    if (!m.down) {
      report.problems.push_back(name + ": no undo file");
      continue;
    }
    const catalog::Catalog after_up = snapshot(connection);
    try {
      migrator.down({.to = std::nullopt, .steps = 1});
      compare(before, snapshot(connection), name + ": down left", report);
      migrator.up(m.version->text);
      compare(after_up, snapshot(connection), name + ": up after down built", report);
      ++report.round_trips;
    } catch (const Error& e) {
      if (e.kind == ErrorKind::kInterrupted) throw;
      report.problems.push_back(fmt::format("{}: round trip failed: {}", name, e.format()));
      return report;
    }
  }
  return report;
}

}  // namespace pgcertify::migrate

#include "checks/operations/migration_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "catalog/identifiers.hpp"
#include "datagen/fill.hpp"
#include "migrate/migrator.hpp"
#include "plan/loader.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"migration", "data", "unchanged", "expect"};
const std::vector<std::string> kExpectKeys = {"rows", "duration"};

/// A table name as the plan wrote it, quoted for SQL (unqualified stays unqualified: the search path
/// finds it, as it found the table datagen loaded).
std::optional<std::string> quoted_table(const std::string& table) {
  const auto name = catalog::parse_qualified_name(table, "");
  if (!name) return std::nullopt;
  return name->schema.empty() ? catalog::quote_if_needed(name->name)
                              : catalog::quote_if_needed(name->schema) + "." + catalog::quote_if_needed(name->name);
}

std::string sql_name(const plan::Node& at, const std::string& table) {
  auto quoted = quoted_table(table);
  if (!quoted) throw at.error("'" + table + "' is not a table name");
  return *quoted;
}

std::string sql_name_unchecked(const std::string& table) { return quoted_table(table).value_or(table); }

std::string joined(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : ", ") + c;
  return out;
}

long long count_rows(pg::Connection& connection, const std::string& table) {
  return std::stoll(std::string(connection.exec("SELECT count(*) FROM " + table).value(0, 0)));
}

struct Pinned {
  std::string table;  // quoted
  std::string shown;  // as the plan wrote it
  std::vector<std::string> columns;
  std::string copy;   // the temporary table holding the pinned columns as they were before
};
}  // namespace

DataMigrationSpec read_data_migration(const plan::Node& node, const migrate::Folder& folder) {
  node.require_map("data_migration: {migration, data, unchanged, expect}");
  node.check_keys(kKeys);
  DataMigrationSpec spec;
  const plan::Node migration = node.require("migration");
  spec.migration = migration.as_string("a migration version, like \"005\"");
  const auto version = migrate::parse_version(spec.migration);
  const bool known = version && std::any_of(folder.versioned.begin(), folder.versioned.end(),
                                            [&](const auto& m) { return m.version && *m.version == *version; });
  if (!known) throw migration.error("no versioned migration '" + spec.migration + "' in " + folder.path.string());
  spec.data = plan::read_data_setup(node.require("data"));
  if (spec.data.tables.empty()) throw node.require("data").error("data_migration needs rows: data: {tables: {name: {rows: N}}}");
  for (const auto& t : spec.data.tables) sql_name(node.require("data"), t.name);
  if (auto unchanged = node.get("unchanged")) {
    unchanged->require_map("unchanged: {table: [columns it must not change]}");
    for (const auto& [table, columns] : unchanged->entries()) {
      const std::string name = table.as_string("a table name");
      std::vector<std::string> quoted;
      for (const auto& c : columns.as_string_list("a list of column names")) {
        const auto id = catalog::parse_identifier(c);
        if (!id) throw columns.error("'" + c + "' is not a column name");
        quoted.push_back(catalog::quote_if_needed(*id));
      }
      if (quoted.empty()) throw columns.error("name at least one column");
      sql_name(table, name);
      spec.unchanged.emplace_back(name, std::move(quoted));
    }
  }
  if (auto expect = node.get("expect")) {
    expect->require_map("expect: {rows: {table: count}, duration}");
    expect->check_keys(kExpectKeys);
    if (auto rows = expect->get("rows")) {
      rows->require_map("rows: {table: count after the migration}");
      for (const auto& [table, count] : rows->entries()) {
        sql_name(table, table.as_string("a table name"));
        spec.rows[table.as_string()] = count.as_threshold(plan::BareNumber::kEqual);
      }
    }
    if (auto duration = expect->get("duration")) {
      spec.duration = duration->as_threshold();
      if (spec.duration->unit != plan::ThresholdUnit::kDuration) throw duration->error("expected a duration, like '< 30s'");
    }
  }
  return spec;
}

Outcome run_data_migration(Context& context, const DataMigrationSpec& spec, const std::filesystem::path& dir,
                           const migrate::FolderOptions& folder_options, const std::string& schema) {
  if (!context.settings().throwaway_target && !context.settings().allow_scratch) {
    Outcome out = Outcome::error(
        "data_migration loads rows and applies migrations, which must be committed: it runs on the ephemeral "
        "cluster, or against --dsn only with `run --allow-scratch` (in an empty scratch database, dropped after)");
    out.subject = "data_migration";
    return out;
  }
  const std::unique_ptr<ScratchDatabase> empty = context.empty_scratch();
  pg::Connection connection(empty->dsn());
  migrate::MigrateOptions options;
  options.folder = folder_options;
  options.schema = schema;
  options.out = nullptr;
  migrate::Migrator migrator(connection, dir, options);
  const auto& versioned = migrator.folder().versioned;
  const auto target = migrate::parse_version(spec.migration);
  const auto at = std::find_if(versioned.begin(), versioned.end(), [&](const auto& m) { return *m.version == *target; });
  if (at != versioned.begin()) migrator.up(std::prev(at)->version->text);
  long long generated = 0;
  for (const auto& load : datagen::fill(connection, spec.data, nullptr, {})) generated += load.rows;

  // Every table that got rows or has pinned columns; each counted, pinned ones hashed.
  std::vector<Pinned> tables;
  for (const auto& [table, columns] : spec.unchanged) tables.push_back({sql_name_unchecked(table), table, columns, ""});
  for (const auto& t : spec.data.tables)
    if (std::none_of(tables.begin(), tables.end(), [&](const auto& p) { return p.shown == t.name; }))
      tables.push_back({sql_name_unchecked(t.name), t.name, {}, ""});
  // Every row of the pinned columns is kept aside (a temporary table of the scratch session), so
  // that after the migration each row can be looked for among them: a whole-table comparison, no
  // sample, and rows the migration was meant to delete do not count as changes.
  std::vector<long long> before;
  for (size_t i = 0; i < tables.size(); ++i) {
    before.push_back(count_rows(connection, tables[i].table));
    if (tables[i].columns.empty()) continue;
    tables[i].copy = fmt::format("pg_temp.pgcertify_pinned_{}", i);
    connection.exec(fmt::format("CREATE TABLE {} AS SELECT {} FROM {}", tables[i].copy, joined(tables[i].columns),
                                tables[i].table));
  }
  long long loaded = 0;
  for (const long long rows : before) loaded += rows;
  const auto start = std::chrono::steady_clock::now();
  try {
    migrator.up(at->version->text);
  } catch (const Error& e) {
    if (e.kind == ErrorKind::kInterrupted) throw;
    Outcome failed = Outcome::fail(fmt::format("migration {} failed over {} rows ({} generated): {}", spec.migration,
                                               loaded, generated, e.format()));
    failed.subject = "data_migration";
    return failed;
  }
  const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);

  Outcome out;
  out.subject = "data_migration";
  int problems = 0;
  for (size_t i = 0; i < tables.size(); ++i) {
    long long after = 0;
    std::string changed_rows, first_changed;
    try {
      after = count_rows(connection, tables[i].table);
      if (!tables[i].copy.empty()) {
        const pg::Result r = connection.exec(fmt::format(
            "SELECT count(*), min(d::text) FROM (SELECT {0} FROM {1} EXCEPT ALL SELECT {0} FROM {2}) d",
            joined(tables[i].columns), tables[i].table, tables[i].copy));
        changed_rows = std::string(r.value(0, 0));
        first_changed = std::string(r.value(0, 1));
      }
    } catch (const Error& e) {
      ++problems;
      out.evidence.push_back(fmt::format("{}: cannot be read after the migration: {}", tables[i].shown, e.what()));
      continue;
    }
    const auto expected = spec.rows.find(tables[i].shown);
    const plan::Threshold keep{plan::Comparator::kEqual, static_cast<double>(before[i]), plan::ThresholdUnit::kNone,
                               std::to_string(before[i])};
    const plan::Threshold& want = expected == spec.rows.end() ? keep : expected->second;
    out.measurements.push_back({tables[i].shown + " rows", std::to_string(after), want.describe()});
    if (!want.holds(static_cast<double>(after))) {
      ++problems;
      out.evidence.push_back(
          fmt::format("{}: {} rows before, {} after ({} expected)", tables[i].shown, before[i], after, want.describe()));
    }
    if (!changed_rows.empty()) {
      out.measurements.push_back({tables[i].shown + " rows changed", changed_rows, "= 0"});
      if (changed_rows != "0") {
        ++problems;
        out.evidence.push_back(fmt::format("{}: {} row{} whose ({}) did not exist before the migration (changed or "
                                           "added), first {}",
                                           tables[i].shown, changed_rows, changed_rows == "1" ? "" : "s",
                                           joined(tables[i].columns), first_changed));
      }
    }
  }
  out.measurements.push_back({"duration", plan::format_duration(took), spec.duration ? spec.duration->describe() : ""});
  if (spec.duration && !spec.duration->holds(static_cast<double>(took.count()))) {
    ++problems;
    out.evidence.push_back(fmt::format("migration {} took {} ({} expected)", spec.migration, plan::format_duration(took),
                                       spec.duration->describe()));
  }
  out.status = problems == 0 ? Status::kPass : Status::kFail;
  out.message = fmt::format("migration {} {} over {} rows ({} generated) in {} ({} table{} counted and {} pinned, "
                            "every row read)",
                            spec.migration, problems == 0 ? "ran" : "failed its expectations", loaded, generated,
                            plan::format_duration(took), tables.size(), tables.size() == 1 ? "" : "s",
                            spec.unchanged.size());
  if (out.evidence.size() > kMaxEvidence) out.evidence.resize(kMaxEvidence);
  return out;
}

}  // namespace pgcertify::checks

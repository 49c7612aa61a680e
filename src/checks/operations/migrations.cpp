// `migrations`: a migrations folder certified against the target (nothing pending, failed or
// drifted), against the linter, and for reversibility (up, down, up in an empty database).

#include <fmt/format.h>

#include <filesystem>

#include "checks/operations/migration_data.hpp"
#include "checks/registry.hpp"
#include "migrate/folder.hpp"
#include "migrate/history.hpp"
#include "migrate/lint_output.hpp"
#include "migrate/linter.hpp"
#include "migrate/reversible.hpp"
#include "migrate/script.hpp"
#include "migrate/status.hpp"
#include "pg/dsn.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"dir", "naming", "schema", "expect", "lint", "reversible", "data_migration"};
const std::vector<std::string> kExpectKeys = {"pending", "failed", "drift"};
const std::vector<std::string> kLintKeys = {"max_severity", "ignore"};

struct Expectations {
  std::optional<plan::Threshold> pending, failed, drift;
};

struct LintSettings {
  migrate::LintSeverity max_severity = migrate::LintSeverity::kWarning;
  std::vector<std::string> ignore;
};

class MigrationsCheck final : public Check {
 public:
  explicit MigrationsCheck(const plan::Node& options) {
    options.require_map("migrations options (dir, naming, schema, expect, lint, reversible, data_migration)");
    options.check_keys(kKeys);
    const plan::Node dir = options.require("dir");
    dir_ = std::filesystem::path(dir.source()->path).parent_path() / dir.as_string("a migrations folder");
    if (auto naming = options.get("naming")) {
      const std::string n = naming->as_string("sequential or any");
      if (n != "sequential" && n != "any") throw naming->error("expected 'sequential' or 'any'");
      folder_options_.sequential = n == "sequential";
    }
    if (auto schema = options.get("schema")) schema_ = schema->as_string("a schema name");
    if (auto expect = options.get("expect")) read_expect(*expect);
    if (auto lint = options.get("lint")) read_lint(*lint);
    if (auto reversible = options.get("reversible")) reversible_ = reversible->as_bool();
    try {
      folder_ = migrate::scan_folder(dir_, folder_options_);
    } catch (Error& e) {
      throw dir.error(e.format());
    }
    if (auto data = options.get("data_migration")) data_migration_ = read_data_migration(*data, folder_);
    if (!expect_.pending && !expect_.failed && !expect_.drift && !lint_ && !reversible_ && !data_migration_)
      throw options.error("'migrations' needs 'expect', 'lint', 'reversible: true' or 'data_migration'");
  }

  std::string default_name() const override { return "migrations in " + dir_.filename().string(); }

  std::vector<Outcome> run(Context& context) const override {
    std::vector<Outcome> out;
    const auto scripts = load_scripts(context);
    if (expect_.pending || expect_.failed || expect_.drift) out.push_back(check_status(context, scripts));
    if (lint_) out.push_back(check_lint(scripts));
    if (reversible_) out.push_back(check_reversible(context));
    if (data_migration_) out.push_back(run_data_migration(context, *data_migration_, dir_, folder_options_, schema_));
    return out;
  }

 private:
  void read_expect(const plan::Node& expect) {
    expect.require_map("expect: {pending, failed, drift}");
    expect.check_keys(kExpectKeys);
    if (auto n = expect.get("pending")) expect_.pending = n->as_threshold(plan::BareNumber::kEqual);
    if (auto n = expect.get("failed")) expect_.failed = n->as_threshold(plan::BareNumber::kEqual);
    if (auto n = expect.get("drift")) expect_.drift = n->as_threshold(plan::BareNumber::kEqual);
  }

  void read_lint(const plan::Node& lint) {
    if (lint.is_scalar()) {
      const std::string v = lint.as_string("default, false or {max_severity, ignore}");
      if (v == "false") return;
      if (v != "default" && v != "true") throw lint.error("expected 'default', false or {max_severity, ignore}");
      lint_ = LintSettings{};
      return;
    }
    lint.require_map("lint: {max_severity, ignore}");
    lint.check_keys(kLintKeys);
    lint_ = LintSettings{};
    if (auto max = lint.get("max_severity")) {
      const auto severity = migrate::parse_severity(max->as_string("info, warning or error"));
      if (!severity) throw max->error("expected info, warning or error");
      lint_->max_severity = *severity;
    }
    if (auto ignore = lint.get("ignore")) lint_->ignore = ignore->as_string_list("a list of rule names");
  }

  std::vector<migrate::Script> load_scripts(Context& context) const {
    std::vector<migrate::Script> scripts;
    for (const auto& list : {&folder_.versioned, &folder_.repeatables})
      for (const auto& m : *list)
        scripts.push_back(migrate::load_script(m.up, m.up.string(), context.connection().server_version()));
    return scripts;
  }

  Outcome check_status(Context& context, const std::vector<migrate::Script>& scripts) const;
  Outcome check_lint(const std::vector<migrate::Script>& scripts) const;
  Outcome check_reversible(Context& context) const;

  std::filesystem::path dir_;
  migrate::FolderOptions folder_options_;
  migrate::Folder folder_;
  std::string schema_ = "public";
  Expectations expect_;
  std::optional<LintSettings> lint_;
  bool reversible_ = false;
  std::optional<DataMigrationSpec> data_migration_;
};

Outcome MigrationsCheck::check_status(Context& context, const std::vector<migrate::Script>& scripts) const {
  std::map<std::string, std::string> checksums;
  size_t i = 0;
  for (const auto& list : {&folder_.versioned, &folder_.repeatables})
    for (const auto& m : *list) checksums[m.script] = scripts[i++].checksum;
  migrate::History history(context.connection(), schema_);
  const migrate::Status status = migrate::compute_status(folder_, checksums, history.rows());
  Outcome out = Outcome::pass(fmt::format("{} of {} migrations applied; {} pending, {} failed, {} drifted",
                                          status.applied, folder_.versioned.size() + folder_.repeatables.size(),
                                          status.pending, status.failed, status.drift));
  auto measure = [&](const char* name, int value, const std::optional<plan::Threshold>& expected) {
    if (!expected) return;
    out.measurements.push_back({name, std::to_string(value), expected->describe()});
    if (!expected->holds(value)) out.status = Status::kFail;
  };
  measure("pending", status.pending, expect_.pending);
  measure("failed", status.failed, expect_.failed);
  measure("drift", status.drift, expect_.drift);
  for (const auto& e : status.entries)
    if (e.state != migrate::State::kApplied && e.state != migrate::State::kBaseline &&
        e.state != migrate::State::kBelowBaseline && out.evidence.size() < kMaxEvidence)
      out.evidence.push_back(fmt::format("{} {}: {}", e.version.empty() ? "R" : e.version, e.description,
                                         migrate::state_name(e.state)));
  out.subject = "status";
  return out;
}

Outcome MigrationsCheck::check_lint(const std::vector<migrate::Script>& scripts) const {
  auto findings = migrate::lint_scripts(scripts, {.ignore = lint_->ignore, .server_version = 0});
  migrate::drop_folder_table_findings(findings);
  int over = 0;
  Outcome out;
  for (const auto& f : findings) {
    if (f.severity <= lint_->max_severity) continue;
    ++over;
    if (out.evidence.size() < kMaxEvidence)
      out.evidence.push_back(fmt::format("{}:{}:{}: {}: {}", f.file, f.line, f.column, f.rule, f.message));
  }
  out.status = over == 0 ? Status::kPass : Status::kFail;
  out.message = fmt::format("{} statements in {} files linted: {} finding{} above {}, {} in all",
                            [&] { size_t n = 0; for (const auto& s : scripts) n += s.file.statements.size(); return n; }(),
                            scripts.size(), over, over == 1 ? "" : "s", migrate::severity_name(lint_->max_severity),
                            findings.size());
  out.measurements.push_back({"findings above " + std::string(migrate::severity_name(lint_->max_severity)),
                              std::to_string(over), "= 0"});
  out.subject = "lint";
  return out;
}

Outcome MigrationsCheck::check_reversible(Context& context) const {
  if (!context.settings().throwaway_target && !context.settings().allow_scratch) {
    Outcome out = Outcome::error(
        "reversible: true applies and undoes every migration, which must be committed: it runs on the ephemeral "
        "cluster, or against --dsn only with `run --allow-scratch` (in an empty scratch database, dropped after)");
    out.subject = "reversible";
    return out;
  }
  const std::unique_ptr<ScratchDatabase> empty = context.empty_scratch();
  pg::Connection connection(empty->dsn());
  const auto report = migrate::check_reversible(connection, dir_, folder_options_);
  Outcome out = Outcome::pass(fmt::format("{} of {} migrations went up, down and up again in an empty database; every "
                                          "down restored the catalog exactly and every second up rebuilt it",
                                          report.round_trips, folder_.versioned.size()));
  out.measurements.push_back({"differences", std::to_string(report.problems.size()), "= 0"});
  if (!report.problems.empty()) {
    out.status = Status::kFail;
    out.message = fmt::format("{} difference{} after up-down-up, first: {}", report.problems.size(),
                              report.problems.size() == 1 ? "" : "s", report.problems.front());
    for (size_t i = 0; i < report.problems.size() && i < kMaxEvidence; ++i) out.evidence.push_back(report.problems[i]);
  }
  out.subject = "reversible";
  return out;
}

}  // namespace

CheckKind migrations_kind() {
  return kind_of<MigrationsCheck>("migrations",
                                  "a migrations folder: nothing pending, failed or drifted; lint; up-down-up reversible");
}

}  // namespace pgcertify::checks

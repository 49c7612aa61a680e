#include "migrate/migrator.hpp"

#include <fmt/format.h>

#include <chrono>

#include "migrate/execute.hpp"
#include "migrate/lock.hpp"
#include "pg/transaction.hpp"

namespace pgcertify::migrate {
namespace {
using Clock = std::chrono::steady_clock;

long long elapsed_ms(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

std::string label(const MigrationFiles& files) {
  return files.version ? files.version->text + " " + files.description : "R " + files.description;
}

std::string statements(const Script& script) {
  const size_t n = script.file.statements.size();
  return fmt::format("{} statement{}", n, n == 1 ? "" : "s");
}
}  // namespace

std::string display_path(const std::filesystem::path& file) { return file.lexically_normal().string(); }

Migrator::Migrator(pg::Connection& connection, const std::filesystem::path& dir, MigrateOptions options)
    : connection_(connection),
      options_(std::move(options)),
      folder_(scan_folder(dir, options_.folder)),
      history_(connection, options_.schema) {
  auto load = [&](const std::optional<std::filesystem::path>& path) {
    if (path) scripts_.emplace(path->string(), load_script(*path, display_path(*path), connection_.server_version()));
  };
  for (const auto& m : folder_.versioned) {
    load(m.up);
    load(m.down);
  }
  for (const auto& m : folder_.repeatables) load(m.up);
  for (const auto& hook : {folder_.hooks.before_migrate, folder_.hooks.before_each, folder_.hooks.after_each,
                           folder_.hooks.after_migrate})
    load(hook);
}

std::map<std::string, std::string> Migrator::checksums() const {
  std::map<std::string, std::string> out;
  for (const auto& list : {&folder_.versioned, &folder_.repeatables})
    for (const auto& m : *list) out[m.script] = scripts_.at(m.up.string()).checksum;
  return out;
}

Status Migrator::status() { return compute_status(folder_, checksums(), history_.rows()); }

void Migrator::refuse_unhealthy(const Status& status) const {
  std::string problems;
  for (const auto& e : status.entries) {
    if (e.state == State::kFailed)
      problems += fmt::format("\n  {} {} failed earlier: fix it, then run `pgcertify migrate repair`", e.version,
                              e.description);
    else if (e.state == State::kChecksumChanged)
      problems += fmt::format("\n  {} was edited after it was applied (checksum {} recorded, {} now)", e.script,
                              e.recorded_checksum, e.file_checksum);
    else if (e.state == State::kMissingFile)
      problems += fmt::format("\n  {} {} is applied but its file {} is gone", e.version, e.description, e.script);
  }
  if (!problems.empty()) throw Error(ErrorKind::kSql, "refusing to migrate " + history_.display() + ":" + problems);
}

void Migrator::run_hook(const std::optional<std::filesystem::path>& hook) {
  if (hook) execute_script(connection_, scripts_.at(hook->string()));
}

void Migrator::apply(const MigrationFiles& files, const Script& script, const std::string& type) {
  const auto start = Clock::now();
  NewHistoryRow row{files.version ? files.version->text : "", files.description, type, files.script,
                    script.checksum};
  if (script.outside_transaction.empty()) {
    pg::Transaction tx(connection_, pg::TransactionKind::kCommitOnSuccess);
    run_hook(folder_.hooks.before_each);
    execute_script(connection_, script);
    run_hook(folder_.hooks.after_each);
    row.execution_ms = elapsed_ms(start);
    history_.insert(row);
    tx.commit();
  } else {
    row.type = "SQL_NO_TX";
    try {
      execute_script(connection_, script);
    } catch (const Error& e) {
      // What ran before the failure stays (no transaction to undo it), so the history says so: a
      // failed row that `repair` clears, also when SIGINT or a timeout cancelled the statement.
      const pg::ExecLimits cleanup{Clock::now() + std::chrono::seconds(10), true};
      if (!connection_.ok()) throw;
      if (connection_.in_transaction()) connection_.exec_simple("ROLLBACK", cleanup);
      if (e.kind == ErrorKind::kSql || e.kind == ErrorKind::kInterrupted || e.kind == ErrorKind::kTimeout) {
        row.success = false;
        row.execution_ms = elapsed_ms(start);
        history_.insert(row, cleanup);
      }
      throw;
    }
    row.execution_ms = elapsed_ms(start);
    history_.insert(row);
  }
  say("  applied {} ({}, {} ms{})\n", label(files), statements(script), row.execution_ms,
             script.outside_transaction.empty() ? "" : "; outside a transaction: " + script.outside_transaction);
}

int Migrator::up(const std::optional<std::string>& target) {
  std::optional<Version> limit;
  if (target && !(limit = parse_version(*target))) throw Error(ErrorKind::kUsage, "--target: '" + *target + "' is not a version");
  std::unique_ptr<MigrationLock> lock;
  if (!options_.dry_run) {
    lock = std::make_unique<MigrationLock>(connection_, history_.display(), options_.out);
    history_.create_if_missing();
  }
  const Status before = status();
  refuse_unhealthy(before);
  std::vector<const StatusEntry*> todo;
  for (const auto& e : before.entries) {
    if (e.state == State::kOutdated || (e.state == State::kPending && e.files->repeatable())) todo.push_back(&e);
    else if (e.state == State::kPending && (!limit || *e.files->version <= *limit)) todo.push_back(&e);
  }
  std::stable_partition(todo.begin(), todo.end(), [](const StatusEntry* e) { return !e->files->repeatable(); });
  if (todo.empty()) {
    say("pgcertify: {} is up to date ({} applied)\n", history_.display(), before.applied);
    return 0;
  }
  say("pgcertify: {} {} migration{} on {}\n", options_.dry_run ? "would apply" : "applying",
             todo.size(), todo.size() == 1 ? "" : "s", history_.display());
  const auto start = Clock::now();
  if (!options_.dry_run) run_hook(folder_.hooks.before_migrate);
  for (const StatusEntry* e : todo) {
    const Script& s = scripts_.at(e->files->up.string());
    if (options_.dry_run) {
      say("  would apply {} ({}{})\n", label(*e->files), statements(s),
                 s.outside_transaction.empty() ? "" : "; outside a transaction: " + s.outside_transaction);
      continue;
    }
    apply(*e->files, s, e->files->repeatable() ? "REPEATABLE" : "SQL");
  }
  if (options_.dry_run) return 0;
  run_hook(folder_.hooks.after_migrate);
  say("pgcertify: {} migration{} applied in {} ms\n", todo.size(), todo.size() == 1 ? "" : "s",
             elapsed_ms(start));
  return static_cast<int>(todo.size());
}

}  // namespace pgcertify::migrate

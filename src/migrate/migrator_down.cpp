// Migrator: down, repair and baseline (the rarer ways of changing the history).

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "migrate/execute.hpp"
#include "migrate/lock.hpp"
#include "migrate/migrator.hpp"
#include "pg/transaction.hpp"

namespace pgcertify::migrate {
namespace {
/// The applied versioned entries to undo, newest first.
std::vector<const StatusEntry*> select_undo(const Status& status, const DownRange& range) {
  std::vector<const StatusEntry*> applied;
  for (const auto& e : status.entries)
    if (e.files && !e.files->repeatable() && (e.state == State::kApplied || e.state == State::kChecksumChanged))
      applied.push_back(&e);
  std::reverse(applied.begin(), applied.end());
  if (range.to) {
    const auto to = parse_version(*range.to);
    if (!to) throw Error(ErrorKind::kUsage, "--to: '" + *range.to + "' is not a version");
    std::erase_if(applied, [&](const StatusEntry* e) { return !(*to < *e->files->version); });
    return applied;
  }
  const int steps = range.steps.value_or(1);
  if (steps < 1) throw Error(ErrorKind::kUsage, "--steps: expected at least 1");
  if (applied.size() > static_cast<size_t>(steps)) applied.resize(static_cast<size_t>(steps));
  return applied;
}
}  // namespace

void Migrator::undo(const StatusEntry& entry) {
  const auto start = std::chrono::steady_clock::now();
  const Script& script = scripts_.at(entry.files->down->string());
  if (script.outside_transaction.empty()) {
    pg::Transaction tx(connection_, pg::TransactionKind::kCommitOnSuccess);
    execute_script(connection_, script);
    history_.remove_version(entry.version);
    tx.commit();
  } else {
    execute_script(connection_, script);
    history_.remove_version(entry.version);
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  say("  undid {} {} ({} ms{})\n", entry.version, entry.description, ms.count(),
             script.outside_transaction.empty() ? "" : "; outside a transaction: " + script.outside_transaction);
}

int Migrator::down(const DownRange& range) {
  std::unique_ptr<MigrationLock> lock;
  if (!options_.dry_run) lock = std::make_unique<MigrationLock>(connection_, history_.display(), options_.out);
  const Status now = status();
  const auto todo = select_undo(now, range);
  for (const StatusEntry* e : todo)
    if (!e->files->down)
      throw Error(ErrorKind::kPlan, fmt::format("{} {} has no undo file (expected {}.down.sql beside it); nothing was undone",
                                                e->version, e->description, e->files->up.stem().string()))
          .at({display_path(e->files->up), 0, 0});
  if (todo.empty()) {
    say("pgcertify: nothing to undo in {}\n", history_.display());
    return 0;
  }
  for (const StatusEntry* e : todo) {
    if (options_.dry_run) say("  would undo {} {} with {}\n", e->version, e->description,
                                     display_path(*e->files->down));
    else undo(*e);
  }
  return static_cast<int>(todo.size());
}

int Migrator::repair() {
  MigrationLock lock(connection_, history_.display(), options_.out);
  if (!history_.exists()) return 0;
  pg::Transaction tx(connection_, pg::TransactionKind::kCommitOnSuccess);
  const long removed = history_.remove_failed();
  int realigned = 0;
  const auto rows = history_.rows();
  const auto now = checksums();
  for (const auto& row : rows) {
    if (!row.success || row.type == "BASELINE") continue;
    const auto it = now.find(row.script);
    if (it == now.end() || it->second == row.checksum) continue;
    if (row.type == "REPEATABLE") continue;  // re-applied by up, not realigned
    history_.update_checksum(row.rank, it->second, row.description);
    ++realigned;
  }
  tx.commit();
  say("pgcertify: repaired {}: {} failed row{} removed, {} checksum{} realigned\n",
             history_.display(), removed, removed == 1 ? "" : "s", realigned, realigned == 1 ? "" : "s");
  return static_cast<int>(removed) + realigned;
}

void Migrator::baseline(const std::string& version) {
  const auto v = parse_version(version);
  if (!v) throw Error(ErrorKind::kUsage, "--version: '" + version + "' is not a version");
  MigrationLock lock(connection_, history_.display(), options_.out);
  history_.create_if_missing();
  const auto rows = history_.rows();
  if (!rows.empty())
    throw Error(ErrorKind::kUsage, fmt::format("{} already has {} row{}; baseline starts an empty history",
                                               history_.display(), rows.size(), rows.size() == 1 ? "" : "s"));
  history_.insert({v->text, "<< pgcertify baseline >>", "BASELINE", "<< baseline >>", "", 0, true});
  say("pgcertify: baselined {} at version {}\n", history_.display(), v->text);
}

}  // namespace pgcertify::migrate

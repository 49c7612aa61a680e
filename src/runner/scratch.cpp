#include "runner/scratch.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <optional>

#include "cluster/ephemeral.hpp"
#include "cluster/postgres_install.hpp"
#include "cluster/process.hpp"
#include "common/error.hpp"
#include "pg/dsn.hpp"

namespace pgcertify::runner {
namespace {
std::atomic<int> scratch_counter{0};

/// Runs a client tool to completion (as ourselves: pg_dump and pg_restore are clients); throws
/// with its last lines when it fails. The DSN's password reaches it as PGPASSWORD, never in
/// its argv, which `ps` shows to every user of the machine.
void run_tool(const std::vector<std::string>& argv, const std::optional<std::string>& password,
              const std::filesystem::path& log, const std::string& step) {
  cluster::SpawnOptions options;
  options.log = log;
  options.death_signal = SIGTERM;
  if (password) options.environment.emplace_back("PGPASSWORD", *password);
  if (cluster::run_to_completion(argv, options) == 0) return;
  throw Error(ErrorKind::kTarget, fmt::format("scratch database: {} failed: {}", step, cluster::log_tail(log, 4)));
}
}  // namespace

DumpRestoreScratch::DumpRestoreScratch(pg::Connection& admin, const std::string& dsn, pg::ExecLimits limits,
                                       Content content)
    : admin_(admin),
      limits_(limits),
      name_(fmt::format("pgcertify_scratch_{}_{}", ::getpid(), scratch_counter.fetch_add(1))),
      dsn_(pg::with_database(dsn, name_)) {
  const std::filesystem::path work = cluster::scratch_root() / (name_ + ".d");
  std::filesystem::create_directories(work);
  const std::filesystem::path dump = work / "target.dump";
  const std::filesystem::path log = work / "tools.log";
  try {
    admin_.exec_simple("CREATE DATABASE " + admin_.quote_identifier(name_) + " TEMPLATE template0", limits_);
    if (content == Content::kEmpty) {
      std::filesystem::remove_all(work);
      return;
    }
    const std::filesystem::path bin = cluster::find_postgres_bin();
    const std::optional<std::string> password = pg::password_of(dsn);
    run_tool({(bin / "pg_dump").string(), "--format=custom", "--file=" + dump.string(),
              "--dbname=" + pg::without_password(dsn)},
             password, log, "pg_dump of the target");
    run_tool({(bin / "pg_restore").string(), "--no-owner", "--exit-on-error", "--single-transaction",
              "--dbname=" + pg::without_password(dsn_), dump.string()},
             password, log, "pg_restore into " + name_);
  } catch (...) {
    drop();
    std::filesystem::remove_all(work);
    throw;
  }
  std::filesystem::remove_all(work);
}

DumpRestoreScratch::~DumpRestoreScratch() { drop(); }

/// WITH (FORCE) ends sessions a check left behind (PostgreSQL 13+). Never throws: a drop that
/// fails leaves a database whose name says what it is.
void DumpRestoreScratch::drop() noexcept {
  try {
    const pg::ExecLimits cleanup{pg::Clock::now() + std::chrono::seconds(30), true};
    admin_.exec_simple("DROP DATABASE IF EXISTS " + admin_.quote_identifier(name_) + " WITH (FORCE)", cleanup);
  } catch (const std::exception& e) {
    fmt::print(stderr, "pgcertify: could not drop scratch database {}: {}\n", name_, e.what());
  }
}

}  // namespace pgcertify::runner

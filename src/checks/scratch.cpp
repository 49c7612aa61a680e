#include "checks/scratch.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>

#include "cluster/ephemeral.hpp"
#include "cluster/postgres_install.hpp"
#include "cluster/process.hpp"
#include "common/error.hpp"
#include "pg/dsn.hpp"

namespace pgcertify::checks {
namespace {
std::atomic<int> scratch_counter{0};

/// Runs a client tool to completion (as ourselves: pg_dump and pg_restore are clients); throws
/// with its last lines when it fails.
void run_tool(const std::vector<std::string>& argv, const std::filesystem::path& log, const std::string& step) {
  cluster::SpawnOptions options;
  options.log = log;
  options.death_signal = SIGTERM;
  if (cluster::run_to_completion(argv, options) == 0) return;
  throw Error(ErrorKind::kTarget, fmt::format("scratch database: {} failed: {}", step, cluster::log_tail(log, 4)));
}
}  // namespace

ScratchDatabase::ScratchDatabase(pg::Connection& admin, const std::string& dsn, pg::ExecLimits limits,
                                 ScratchContent content)
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
    if (content == ScratchContent::kEmpty) {
      std::filesystem::remove_all(work);
      return;
    }
    const std::filesystem::path bin = cluster::find_postgres_bin();
    run_tool({(bin / "pg_dump").string(), "--format=custom", "--file=" + dump.string(), "--dbname=" + dsn}, log,
             "pg_dump of the target");
    run_tool({(bin / "pg_restore").string(), "--no-owner", "--exit-on-error", "--single-transaction",
              "--dbname=" + dsn_, dump.string()},
             log, "pg_restore into " + name_);
  } catch (...) {
    drop();
    std::filesystem::remove_all(work);
    throw;
  }
  std::filesystem::remove_all(work);
}

ScratchDatabase::~ScratchDatabase() { drop(); }

/// WITH (FORCE) ends sessions a check left behind (PostgreSQL 13+). Never throws: a drop that
/// fails leaves a database whose name says what it is.
void ScratchDatabase::drop() noexcept {
  try {
    const pg::ExecLimits cleanup{pg::Clock::now() + std::chrono::seconds(30), true};
    admin_.exec_simple("DROP DATABASE IF EXISTS " + admin_.quote_identifier(name_) + " WITH (FORCE)", cleanup);
  } catch (const std::exception& e) {
    fmt::print(stderr, "pgcertify: could not drop scratch database {}: {}\n", name_, e.what());
  }
}

}  // namespace pgcertify::checks

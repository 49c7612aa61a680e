#include "load/pgbench_tables.hpp"

#include <fmt/format.h>

#include "common/error.hpp"
#include "pg/copy_writer.hpp"
#include "pg/transaction.hpp"

namespace pgcertify::load {
namespace {
constexpr std::int64_t kAccountsPerBranch = 100000;
constexpr std::int64_t kTellersPerBranch = 10;

/// Streams rows produced by `row(i, buffer)` for i in [1, count] into `COPY table FROM STDIN`.
/// A server refusal keeps its SQLSTATE and becomes a set-up error (exit 3), as pgbench -i's is.
void copy_rows(pg::Connection& c, const std::string& table, std::int64_t count,
               const std::function<void(std::int64_t, std::string&)>& row) {
  try {
    pg::CopyWriter copy(c, "COPY " + table + " FROM STDIN");
    std::string buffer;
    for (std::int64_t i = 1; i <= count; ++i) {
      row(i, buffer);
      if (buffer.size() > (1 << 16) || i == count) {
        copy.write(buffer);
        buffer.clear();
      }
    }
    copy.finish();
  } catch (const Error& e) {
    if (e.kind != ErrorKind::kSql) throw;
    throw e.as(ErrorKind::kTarget, fmt::format("COPY {}: {}", table, e.what()));
  }
}
}  // namespace

void initialize_tables(pg::Connection& c, std::int64_t scale, const std::function<void(const std::string&)>& say) {
  if (scale < 1) throw Error(ErrorKind::kUsage, "invalid scaling factor: must be at least 1");
  say("dropping old tables...");
  c.exec_simple("DROP TABLE IF EXISTS pgbench_accounts, pgbench_branches, pgbench_history, pgbench_tellers");
  say("creating tables...");
  // pgbench's table definitions (fillfactor 100, fixed-width filler columns).
  c.exec_simple(
      "CREATE TABLE pgbench_history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22));"
      "CREATE TABLE pgbench_tellers (tid int NOT NULL, bid int, tbalance int, filler char(84)) WITH (fillfactor = 100);"
      "CREATE TABLE pgbench_accounts (aid int NOT NULL, bid int, abalance int, filler char(84)) WITH (fillfactor = 100);"
      "CREATE TABLE pgbench_branches (bid int NOT NULL, bbalance int, filler char(88)) WITH (fillfactor = 100);");
  say(fmt::format("generating data (client-side COPY) for scale {}...", scale));
  pg::Transaction load(c, pg::TransactionKind::kCommitOnSuccess);
  copy_rows(c, "pgbench_branches", scale, [](std::int64_t i, std::string& b) { fmt::format_to(std::back_inserter(b), "{}\t0\t\\N\n", i); });
  copy_rows(c, "pgbench_tellers", scale * kTellersPerBranch, [](std::int64_t i, std::string& b) {
    fmt::format_to(std::back_inserter(b), "{}\t{}\t0\t\\N\n", i, (i - 1) / kTellersPerBranch + 1);
  });
  copy_rows(c, "pgbench_accounts", scale * kAccountsPerBranch, [](std::int64_t i, std::string& b) {
    fmt::format_to(std::back_inserter(b), "{}\t{}\t0\t\n", i, (i - 1) / kAccountsPerBranch + 1);
  });
  load.commit();
  say("vacuuming...");
  c.exec_simple("VACUUM ANALYZE pgbench_branches, pgbench_tellers, pgbench_accounts, pgbench_history");
  say("creating primary keys...");
  c.exec_simple(
      "ALTER TABLE pgbench_branches ADD PRIMARY KEY (bid);"
      "ALTER TABLE pgbench_tellers ADD PRIMARY KEY (tid);"
      "ALTER TABLE pgbench_accounts ADD PRIMARY KEY (aid)");
  say("done.");
}

std::int64_t detect_scale(pg::Connection& c) {
  try {
    const pg::Result r = c.exec_simple("SELECT count(*) FROM pgbench_branches");
    const std::int64_t scale = std::stoll(std::string(r.value(0, 0)));
    if (scale < 1) throw Error(ErrorKind::kTarget, "pgbench_branches is empty: run 'pgcertify load -i' first");
    return scale;
  } catch (Error& e) {
    if (e.sqlstate == "42P01") throw Error(ErrorKind::kTarget, "pgbench_branches does not exist: run 'pgcertify load -i -s N DBNAME' first (or use -f with your own script)");
    throw;
  }
}

void vacuum_tables(pg::Connection& c) {
  c.exec_simple("VACUUM pgbench_branches");
  c.exec_simple("VACUUM pgbench_tellers");
  c.exec_simple("TRUNCATE pgbench_history");
}

}  // namespace pgcertify::load

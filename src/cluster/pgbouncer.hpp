#pragma once
// A throwaway PgBouncer (Debian's /usr/sbin/pgbouncer) in front of an ephemeral cluster: its
// pgbouncer.ini, socket and pid file live in the cluster's folder; it listens on a free
// loopback port, trusts `postgres` (as the cluster does) and opens the admin console to it.

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cluster/process.hpp"

namespace pgcertify::cluster {

struct PgBouncerOptions {
  std::vector<std::pair<std::string, std::string>> settings;  // [pgbouncer] keys, validated by the caller
  std::filesystem::path cluster_dir;  // pgbouncer's files go in cluster_dir/pgbouncer
  int server_port = 0;                // the cluster's port on 127.0.0.1
  bool detach = false;                // `cluster up`: outlives pgcertify
};

class PgBouncer {
 public:
  /// Starts PgBouncer and waits (up to 10 s) until it accepts connections; throws
  /// Error(kTarget) with the tail of its log, or Error(kUsage) when max_client_conn needs more
  /// open files than the hard limit allows.
  static std::unique_ptr<PgBouncer> start(const PgBouncerOptions& options);
  ~PgBouncer();
  PgBouncer(const PgBouncer&) = delete;
  PgBouncer& operator=(const PgBouncer&) = delete;

  /// A keyword DSN through the pooler for `postgres` on `dbname`.
  std::string dsn(const std::string& dbname = "postgres") const;
  /// The admin console (SHOW POOLS …): database `pgbouncer`.
  std::string admin_dsn() const { return dsn("pgbouncer"); }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }

  /// SIGINT (safe shutdown), then SIGTERM, then SIGKILL, each bounded. Never throws.
  void stop() noexcept;
  /// Leaves it running (`cluster up`).
  void release() { released_ = true; }

 private:
  PgBouncer() = default;

  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
  bool released_ = false;
  bool stopped_ = false;
};

/// Stops the PgBouncer a `cluster up --pgbouncer` left in `cluster_dir`, if there is one.
void stop_pgbouncer_dir(const std::filesystem::path& cluster_dir) noexcept;

/// The DSN through the pooler `cluster up --pgbouncer` wrote, or "" when there is none.
std::string read_pgbouncer_dsn(const std::filesystem::path& cluster_dir);

}  // namespace pgcertify::cluster

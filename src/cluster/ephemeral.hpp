#pragma once
// A throwaway PostgreSQL: a copy of a cached initdb'd template in a temporary directory,
// started on a free loopback port and a private socket directory, stopped and deleted by
// its destructor (also when a run fails or is interrupted).

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "cluster/process.hpp"

namespace pgcertify::cluster {

struct ClusterOptions {
  std::map<std::string, std::string> settings;  // overrides of the throwaway defaults
  std::filesystem::path dir;                    // empty: a new temporary directory
  bool detach = false;                          // `cluster up`: the server outlives pgcertify
};

class EphemeralCluster {
 public:
  /// Creates and starts a cluster; throws Error(kTarget) with the server's log on failure.
  static std::unique_ptr<EphemeralCluster> start(const ClusterOptions& options);
  ~EphemeralCluster();
  EphemeralCluster(const EphemeralCluster&) = delete;
  EphemeralCluster& operator=(const EphemeralCluster&) = delete;

  /// A keyword DSN for the superuser `postgres` on database `dbname`, over TCP on loopback.
  std::string dsn(const std::string& dbname = "postgres") const;
  int port() const { return port_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path data_dir() const { return dir_ / "data"; }
  pid_t postmaster_pid() const { return pid_; }

  /// Fast shutdown, then removes the directory. Idempotent; never throws.
  void stop() noexcept;
  /// Leaves the server running and its directory in place (`cluster up`).
  void release() { released_ = true; }

 private:
  EphemeralCluster() = default;
  void launch(const ClusterOptions& options, const std::filesystem::path& bin);

  std::filesystem::path dir_;
  RunAs run_as_;
  pid_t pid_ = -1;
  int port_ = 0;
  bool released_ = false;
  bool stopped_ = false;
  bool detached_ = false;
};

/// Where ephemeral clusters get their temporary folders: $PGCERTIFY_TMPDIR, else /dev/shm when
/// it is writable and has room (creating ~1,000 small files is 10-20x faster in RAM than on a
/// disk; these clusters are throwaway by design), else the system temporary folder.
std::filesystem::path scratch_root();

/// A loopback TCP port nobody listens on right now. Throws Error(kTarget).
int free_loopback_port();

/// Stops the cluster a `cluster up --dir D` left running and removes D. Throws Error(kTarget)
/// when D holds no cluster.
void stop_cluster_dir(const std::filesystem::path& dir);

/// The DSN `cluster up --dir D` wrote to D/dsn.
std::string read_cluster_dsn(const std::filesystem::path& dir);

}  // namespace pgcertify::cluster

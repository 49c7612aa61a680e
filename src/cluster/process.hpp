#pragma once
// Child processes for the server tools: run as an unprivileged user when we are root
// (PostgreSQL refuses to run as root), in their own session, output to a log file.

#include <signal.h>
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pgcertify::cluster {

/// The account server processes run as: ourselves, or the `postgres` system user when root.
struct RunAs {
  uid_t uid = 0;
  gid_t gid = 0;
  bool switch_user = false;

  /// Throws Error(kTarget) when root and no `postgres` user exists.
  static RunAs for_server();
  /// Gives `path` (recursively) to the server's account; a no-op when not switching.
  void hand_over(const std::filesystem::path& path) const;
};

struct SpawnOptions {
  RunAs run_as;
  std::filesystem::path log;      // stdout and stderr go here (appended)
  bool die_with_parent = true;    // signal the child if pgcertify dies (not for `cluster up`)
  int death_signal = SIGQUIT;     // the postmaster's immediate shutdown
  unsigned long open_files = 0;   // the child's RLIMIT_NOFILE soft limit; 0 keeps ours
  /// Set in the child's environment on top of ours (a secret such as PGPASSWORD goes here, not
  /// in argv, where `ps` shows it to every user).
  std::vector<std::pair<std::string, std::string>> environment = {};
};

/// Starts `argv` in a new session; returns its pid. Throws Error(kTarget) if it cannot start.
pid_t spawn(const std::vector<std::string>& argv, const SpawnOptions& options);

/// Runs `argv` to completion; returns its exit status (-1 if killed). Output goes to options.log.
int run_to_completion(const std::vector<std::string>& argv, const SpawnOptions& options);

/// True while `pid` (our child) runs; reaps it once it has exited.
bool child_running(pid_t pid);

/// One step of stopping a server: the signal, and how long to wait for it to take effect.
struct StopStep {
  int signal;
  std::chrono::milliseconds wait;
};

/// Sends each step's signal until `pid` is gone; returns whether it went. A server that is not
/// our child (started by `cluster up`) may linger as a zombie until its new parent reaps it;
/// its removing `pid_file` is then the sign that it has finished.
bool stop_process(pid_t pid, bool is_child, const std::filesystem::path& pid_file, std::initializer_list<StopStep> steps);

/// The last `max_lines` lines of a log file, for error messages.
std::string log_tail(const std::filesystem::path& log, size_t max_lines = 8);

}  // namespace pgcertify::cluster

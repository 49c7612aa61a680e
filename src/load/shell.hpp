#pragma once
// A \shell or \setshell command run by /bin/sh without blocking the thread: the worker waits on
// its output pipe and then on its pidfd, like on a client's socket, so the other clients of the
// thread keep running while it executes (pgbench runs it synchronously and stalls them).

#include <sys/types.h>

#include <optional>
#include <string>

namespace pgcertify::load {

class ShellCommand {
 public:
  struct Finished {
    int exit_status = 0;  // 128 + N when killed by signal N, as a shell reports it
    std::string output;   // standard output, when captured
  };

  /// Starts `sh -c command`; `capture`: read its standard output (\setshell), else it goes to
  /// pgcertify's own (\shell, as pgbench). Throws Error (kIo) when it cannot be started.
  ShellCommand(const std::string& command, bool capture);
  ~ShellCommand();  // kills and reaps a command still running (the run ended or was stopped)
  ShellCommand(const ShellCommand&) = delete;
  ShellCommand& operator=(const ShellCommand&) = delete;

  /// The descriptor to wait on for reading: the output pipe, then the pidfd.
  int fd() const { return out_ >= 0 ? out_ : pidfd_; }
  /// Reads what is there; the result once the command has exited, nothing while it runs.
  std::optional<Finished> poll();

 private:
  static constexpr size_t kMaxOutput = 64 * 1024;
  pid_t pid_ = -1;
  int out_ = -1;
  int pidfd_ = -1;
  std::string output_;
};

}  // namespace pgcertify::load

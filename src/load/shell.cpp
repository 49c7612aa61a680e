#include "load/shell.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "common/error.hpp"

extern char** environ;

namespace pgcertify::load {

ShellCommand::ShellCommand(const std::string& command, bool capture) {
  int pipe_fds[2] = {-1, -1};
  if (capture && pipe2(pipe_fds, O_CLOEXEC) != 0)
    throw Error(ErrorKind::kIo, std::string("cannot create a pipe for the shell command: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (capture) posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  const char* argv[] = {"sh", "-c", command.c_str(), nullptr};
  const int rc = posix_spawn(&pid_, "/bin/sh", &actions, nullptr, const_cast<char* const*>(argv), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (capture) close(pipe_fds[1]);
  if (rc != 0) {
    if (capture) close(pipe_fds[0]);
    pid_ = -1;
    throw Error(ErrorKind::kIo, fmt::format("cannot run shell command \"{}\": {}", command, std::strerror(rc)));
  }
  out_ = pipe_fds[0];
  if (out_ >= 0) fcntl(out_, F_SETFL, fcntl(out_, F_GETFL) | O_NONBLOCK);
  // glibc 2.36 declares pidfd_open without C linkage in C++: the system call directly.
  pidfd_ = static_cast<int>(syscall(SYS_pidfd_open, pid_, 0));
}

ShellCommand::~ShellCommand() {
  if (out_ >= 0) close(out_);
  if (pidfd_ >= 0) close(pidfd_);
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

std::optional<ShellCommand::Finished> ShellCommand::poll() {
  while (out_ >= 0) {
    char buffer[4096];
    const ssize_t n = read(out_, buffer, sizeof buffer);
    if (n > 0) {
      output_.append(buffer, std::min(static_cast<size_t>(n), kMaxOutput - std::min(kMaxOutput, output_.size())));
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return std::nullopt;
    close(out_);  // end of output (or an error reading it: the exit status tells the rest)
    out_ = -1;
  }
  int status = 0;
  // Without a pidfd (old kernels) this blocks until the command exits, as pgbench does.
  const pid_t done = waitpid(pid_, &status, pidfd_ >= 0 ? WNOHANG : 0);
  if (done == 0) return std::nullopt;
  pid_ = -1;
  Finished f;
  f.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1;
  f.output = std::move(output_);
  return f;
}

}  // namespace pgcertify::load

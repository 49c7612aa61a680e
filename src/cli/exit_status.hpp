#pragma once
// Exit codes of the pgcertify binary (documented in the README).

namespace pgcertify::cli {

enum class ExitStatus : int {
  kSuccess = 0,       // every check passed (warnings and skips allowed)
  kChecksFailed = 1,  // some check failed or errored, or the run was interrupted
  kInvalid = 2,       // the plan or the command line is invalid; nothing was run
  kTargetFailed = 3,  // the target could not be reached or set up
};

}  // namespace pgcertify::cli

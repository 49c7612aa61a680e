#include <cstdio>

#include "cli/commands.hpp"
#include "common/error.hpp"

namespace pgcertify::cli {

void print_error(const Error& e) {
  const std::string text = e.format();
  // Positioned errors read like a compiler's ("file:line:col: …"); others get the program name.
  if (e.where.empty()) std::fprintf(stderr, "pgcertify: %s\n", text.c_str());
  else std::fprintf(stderr, "%s\n", text.c_str());
}

ExitStatus exit_status_for(const Error& e) {
  switch (e.kind) {
    case ErrorKind::kPlan:
    case ErrorKind::kUsage: return ExitStatus::kInvalid;
    case ErrorKind::kTarget:
    case ErrorKind::kConnection: return ExitStatus::kTargetFailed;
    default: return ExitStatus::kChecksFailed;
  }
}

}  // namespace pgcertify::cli

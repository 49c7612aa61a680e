// `pgcertify kinds`: every check kind a plan may use, with its one-line summary.

#include <fmt/format.h>

#include <algorithm>

#include "checks/registry.hpp"
#include "cli/commands.hpp"

namespace pgcertify::cli {

std::string kinds_listing() {
  std::size_t width = 0;
  for (const auto& k : checks::all_kinds()) width = std::max(width, k.key.size());
  std::string out;
  for (const auto& k : checks::all_kinds()) out += fmt::format("  {:<{}}  {}\n", k.key, width, k.summary);
  return out;
}

void setup_kinds(CLI::App& app, Action& action) {
  CLI::App* kinds = app.add_subcommand("kinds", "List the check kinds a plan may use, one line each (docs/plan-reference.md has them all)");
  kinds->callback([&action] {
    action = [] {
      fmt::print("{}", kinds_listing());
      return ExitStatus::kSuccess;
    };
  });
}

}  // namespace pgcertify::cli

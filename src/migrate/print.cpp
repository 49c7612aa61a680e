#include "migrate/print.hpp"

#include <fmt/format.h>

namespace pgcertify::migrate {

void print_status(const Status& status, const std::string& history_table, std::FILE* out) {
  fmt::print(out, "{:<10} {:<17} {:<20} {}\n", "version", "state", "installed on", "description");
  for (const auto& e : status.entries)
    fmt::print(out, "{:<10} {:<17} {:<20} {}\n", e.version.empty() ? "R" : e.version, state_name(e.state),
               e.installed_on.empty() ? "-" : e.installed_on, e.description);
  fmt::print(out, "{}: {} applied, {} pending, {} failed, {} drifted\n", history_table, status.applied,
             status.pending, status.failed, status.drift);
}

std::string describe_problems(const Status& status) {
  std::string out;
  for (const auto& e : status.entries) {
    switch (e.state) {
      case State::kFailed:
        out += fmt::format("{}: migration {} failed; fix it, then run `pgcertify migrate repair`\n", e.script,
                           e.version);
        break;
      case State::kChecksumChanged:
        out += fmt::format("{}: edited after it was applied (checksum {} recorded, {} now)\n", e.script,
                           e.recorded_checksum, e.file_checksum);
        break;
      case State::kMissingFile:
        out += fmt::format("{}: applied as version {} but the file is gone\n", e.script, e.version);
        break;
      default: break;
    }
  }
  return out;
}

}  // namespace pgcertify::migrate

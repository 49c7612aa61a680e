#include <fmt/format.h>

#include "report/formats.hpp"

namespace pgcertify::report {
namespace {
/// TAP descriptions end at '#' (which starts a directive) and at a newline.
std::string tap_text(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '#') ? '_' : (c == '\n' ? ' ' : c);
  return out;
}
}  // namespace

std::string to_tap(const checks::RunSummary& summary) {
  using checks::Status;
  std::string out = "TAP version 13\n";
  out += fmt::format("1..{}\n", summary.results.size());
  size_t n = 0;
  for (const auto& r : summary.results) {
    ++n;
    const std::string description = tap_text(r.suite + " / " + r.name);
    switch (r.outcome.status) {
      case Status::kPass: out += fmt::format("ok {} - {}\n", n, description); break;
      case Status::kSkip: out += fmt::format("ok {} - {} # SKIP {}\n", n, description, tap_text(r.outcome.message)); break;
      case Status::kWarn:
        out += fmt::format("not ok {} - {} # TODO severity warn: {}\n", n, description, tap_text(r.outcome.message));
        break;
      case Status::kFail:
      case Status::kError:
        out += fmt::format("not ok {} - {}\n", n, description);
        out += fmt::format("#   {}: {}\n", r.outcome.status == Status::kError ? "Error" : "Failed", tap_text(r.outcome.message));
        for (const auto& m : r.outcome.measurements)
          out += fmt::format("#     {} = {}{}\n", m.name, tap_text(m.value),
                             m.threshold.empty() ? "" : " (expected " + tap_text(m.threshold) + ")");
        for (const auto& e : r.outcome.evidence) out += "#     " + tap_text(e) + "\n";
        if (!r.source.empty()) out += "#   at " + r.source.to_string() + "\n";
        break;
    }
  }
  out += "# " + counts_line(summary) + "\n";
  return out;
}

std::string counts_line(const checks::RunSummary& summary) {
  using checks::Status;
  return fmt::format("{} passed, {} failed, {} errors, {} skipped, {} warnings", summary.count(Status::kPass),
                     summary.count(Status::kFail), summary.count(Status::kError), summary.count(Status::kSkip),
                     summary.count(Status::kWarn));
}

}  // namespace pgcertify::report

#include "report/console.hpp"

#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

#include "plan/units.hpp"
#include "report/formats.hpp"

namespace pgcertify::report {
namespace {
using checks::Status;

std::string_view label(Status s) {
  switch (s) {
    case Status::kPass: return "PASS ";
    case Status::kFail: return "FAIL ";
    case Status::kError: return "ERROR";
    case Status::kSkip: return "SKIP ";
    case Status::kWarn: return "WARN ";
  }
  return "?    ";
}

std::string_view colour_of(Status s) {
  switch (s) {
    case Status::kPass: return "\033[32m";
    case Status::kFail: return "\033[31m";
    case Status::kError: return "\033[35m";
    case Status::kSkip: return "\033[36m";
    case Status::kWarn: return "\033[33m";
  }
  return "";
}
}  // namespace

ConsoleReport::ConsoleReport(std::FILE* out)
    : out_(out), colour_(::isatty(fileno(out)) != 0 && std::getenv("NO_COLOR") == nullptr) {}

void ConsoleReport::on_result(const checks::CheckResult& r) {
  if (r.suite != current_suite_) {
    current_suite_ = r.suite;
    fmt::print(out_, "\n{}\n", r.suite);
  }
  std::string measured;
  for (const auto& m : r.outcome.measurements) {
    measured += measured.empty() ? "" : ", ";
    measured += m.name + " " + m.value + (m.threshold.empty() ? "" : " (" + m.threshold + ")");
  }
  const std::string status = colour_ ? fmt::format("{}{}\033[0m", colour_of(r.outcome.status), label(r.outcome.status))
                                     : std::string(label(r.outcome.status));
  fmt::print(out_, "  {}  {:<56} {:<28} {:>9}\n", status, r.name, measured,
             plan::format_duration(std::chrono::duration_cast<plan::Duration>(r.duration)));
  if (r.outcome.status == Status::kPass || r.outcome.status == Status::kSkip) return;
  fmt::print(out_, "         {}\n", r.outcome.message);
  for (const auto& e : r.outcome.evidence) fmt::print(out_, "           {}\n", e);
  if (!r.source.empty()) fmt::print(out_, "         at {}\n", r.source.to_string());
  std::fflush(out_);
}

void ConsoleReport::finish(const checks::RunSummary& summary) {
  fmt::print(out_, "\n{}{} in {}\n", summary.interrupted ? "interrupted: " : "", counts_line(summary),
             plan::format_duration(summary.duration));
  std::fflush(out_);
}

}  // namespace pgcertify::report

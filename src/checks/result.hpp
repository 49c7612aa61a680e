#pragma once
// What a check reports: the contract between checks, the runner and the reports.

#include <chrono>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace pgcertify::checks {

enum class Status { kPass, kFail, kError, kSkip, kWarn };

std::string_view status_name(Status s);  // "pass", "fail", …

struct Measurement {
  std::string name;       // "value", "rows", "p95"
  std::string value;      // as measured, formatted
  std::string threshold;  // "<= 50ms", "= 3"; empty when none
};

/// What one check found; the runner adds identity, timing and position (CheckResult).
struct Outcome {
  Status status = Status::kPass;
  std::string message;  // one sentence a DBA understands
  std::vector<Measurement> measurements;
  std::vector<std::string> evidence;  // offending rows or objects, at most kMaxEvidence
  std::string subject;                // set when a check reports several results (e.g. per tenant)

  static Outcome pass(std::string message = {}) { return {Status::kPass, std::move(message), {}, {}, {}}; }
  static Outcome fail(std::string message) { return {Status::kFail, std::move(message), {}, {}, {}}; }
  static Outcome error(std::string message) { return {Status::kError, std::move(message), {}, {}, {}}; }
};

constexpr size_t kMaxEvidence = 10;

struct CheckResult {
  std::string id;  // "suite/check", stable across runs
  std::string suite;
  std::string name;
  std::string kind;
  Outcome outcome;
  std::chrono::microseconds duration{0};
  SourceLocation source;
  std::vector<std::string> tags;
};

struct RunSummary {
  std::string plan_title;
  std::string plan_file;
  std::string target;  // masked DSN or "ephemeral cluster"
  std::vector<CheckResult> results;
  std::chrono::microseconds duration{0};
  bool interrupted = false;

  size_t count(Status s) const;
  /// True when nothing failed or errored (warnings and skips do not count).
  bool passed() const;
};

/// Receives each result as soon as it is known (the console prints it as the run goes).
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  virtual void on_result(const CheckResult& result) = 0;
};

}  // namespace pgcertify::checks

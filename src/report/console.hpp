#pragma once
// The console report: one line per check as it finishes, then a summary line.

#include <cstdio>

#include "checks/result.hpp"

namespace pgcertify::report {

class ConsoleReport final : public checks::ResultSink {
 public:
  /// Colour only when `out` is a terminal (and NO_COLOR is unset).
  explicit ConsoleReport(std::FILE* out);
  void on_result(const checks::CheckResult& result) override;
  void finish(const checks::RunSummary& summary);

 private:
  std::FILE* out_;
  bool colour_;
  std::string current_suite_;
};

}  // namespace pgcertify::report

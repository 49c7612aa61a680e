#pragma once
// File reports: one function per format, each turning a finished run into text.

#include <string>

#include "checks/result.hpp"

namespace pgcertify::report {

/// JSON; its schema is documented in docs/report-json.md.
std::string to_json(const checks::RunSummary& summary);
/// JUnit XML, as CI servers ingest it.
std::string to_junit(const checks::RunSummary& summary);
/// TAP version 13, as pg_prove prints it.
std::string to_tap(const checks::RunSummary& summary);

/// "3 passed, 1 failed, 0 errors, 1 skipped, 0 warnings".
std::string counts_line(const checks::RunSummary& summary);

}  // namespace pgcertify::report

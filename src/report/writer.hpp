#pragma once
// --report json=PATH,junit=PATH,tap=PATH: which file reports to write, written atomically.

#include <filesystem>
#include <string>
#include <vector>

#include "checks/result.hpp"

namespace pgcertify::report {

enum class Format { kJson, kJunit, kTap };

struct ReportFile {
  Format format;
  std::filesystem::path path;
};

/// Parses "json=out.json,junit=out.xml"; throws Error(kUsage) naming the bad part.
std::vector<ReportFile> parse_report_spec(const std::string& spec);

/// Throws Error(kUsage) when a report's folder is missing or not writable, so that a long run
/// is not made only to lose its reports at the end.
void check_destinations(const std::vector<ReportFile>& files);

/// Writes each report through a temporary file and a rename: a report is either complete or
/// absent, never half-written. Throws Error(kIo) for the first that cannot be written.
void write_reports(const checks::RunSummary& summary, const std::vector<ReportFile>& files);

}  // namespace pgcertify::report

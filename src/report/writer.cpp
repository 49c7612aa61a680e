#include "report/writer.hpp"

#include <filesystem>

#include "common/error.hpp"
#include "common/files.hpp"
#include "common/strings.hpp"
#include "report/formats.hpp"

namespace pgcertify::report {

std::vector<ReportFile> parse_report_spec(const std::string& spec) {
  static const std::vector<std::string> kFormats = {"json", "junit", "tap"};
  std::vector<ReportFile> files;
  for (const auto& part : split(spec, ',')) {
    const std::string item = trim(part);
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    if (eq == std::string::npos || eq + 1 == item.size())
      throw Error(ErrorKind::kUsage, "--report: '" + item + "' is not FORMAT=PATH (e.g. junit=results.xml)");
    const std::string format = item.substr(0, eq);
    const std::filesystem::path path = item.substr(eq + 1);
    if (format == "json") files.push_back({Format::kJson, path});
    else if (format == "junit") files.push_back({Format::kJunit, path});
    else if (format == "tap") files.push_back({Format::kTap, path});
    else
      throw Error(ErrorKind::kUsage, "--report: unknown format '" + format + "'" + did_you_mean(format, kFormats) +
                                         " (formats: json, junit, tap)");
  }
  return files;
}

void check_destinations(const std::vector<ReportFile>& files) {
  for (size_t i = 0; i < files.size(); ++i) {
    for (size_t j = 0; j < i; ++j)
      if (std::filesystem::absolute(files[j].path).lexically_normal() ==
          std::filesystem::absolute(files[i].path).lexically_normal())
        throw Error(ErrorKind::kUsage, "--report: two reports would be written to '" + files[i].path.string() +
                                           "' and one would be lost; give each format its own file");
    check_writable_destination(files[i].path, "--report");
  }
}

void write_reports(const checks::RunSummary& summary, const std::vector<ReportFile>& files) {
  for (const auto& file : files) {
    switch (file.format) {
      case Format::kJson: write_file_atomic(file.path, to_json(summary)); break;
      case Format::kJunit: write_file_atomic(file.path, to_junit(summary)); break;
      case Format::kTap: write_file_atomic(file.path, to_tap(summary)); break;
    }
  }
}

}  // namespace pgcertify::report

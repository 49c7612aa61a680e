#include "migrate/lint_output.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace pgcertify::migrate {

std::string_view severity_name(LintSeverity severity) {
  switch (severity) {
    case LintSeverity::kInfo: return "info";
    case LintSeverity::kWarning: return "warning";
    case LintSeverity::kError: return "error";
  }
  return "?";
}

std::optional<LintSeverity> parse_severity(std::string_view text) {
  if (text == "info") return LintSeverity::kInfo;
  if (text == "warning") return LintSeverity::kWarning;
  if (text == "error") return LintSeverity::kError;
  return std::nullopt;
}

std::string format_findings_text(const std::vector<Finding>& findings) {
  std::string out;
  int errors = 0, warnings = 0;
  for (const auto& f : findings) {
    out += fmt::format("{}:{}:{}: {}: {}: {}\n", f.file, f.line, f.column, severity_name(f.severity), f.rule, f.message);
    if (!f.source_line.empty())
      out += fmt::format("  {}\n  {}^\n", f.source_line, std::string(static_cast<size_t>(std::max(0, f.column - 1)), ' '));
    errors += f.severity == LintSeverity::kError;
    warnings += f.severity == LintSeverity::kWarning;
  }
  out += fmt::format("{} error{}, {} warning{}, {} finding{} in all\n", errors, errors == 1 ? "" : "s", warnings,
                     warnings == 1 ? "" : "s", findings.size(), findings.size() == 1 ? "" : "s");
  return out;
}

std::string format_findings_json(const std::vector<Finding>& findings) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : findings) {
    nlohmann::json j = {{"file", f.file},          {"line", f.line},
                        {"column", f.column},      {"rule", f.rule},
                        {"severity", severity_name(f.severity)}, {"message", f.message},
                        {"table", nullptr},        {"rows", nullptr},
                        {"bytes", nullptr},        {"lock", nullptr}};
    if (!f.table.empty()) j["table"] = f.table;
    if (f.rows) j["rows"] = static_cast<long long>(*f.rows);
    if (f.bytes) j["bytes"] = *f.bytes;
    if (!f.lock.empty()) j["lock"] = f.lock;
    out.push_back(std::move(j));
  }
  return out.dump(2) + "\n";
}

std::string format_findings_github(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings)
    out += fmt::format("::{} file={},line={},col={},title={}::{}\n",
                       f.severity == LintSeverity::kInfo ? "notice" : severity_name(f.severity), f.file, f.line,
                       f.column, f.rule, f.message);
  return out;
}

}  // namespace pgcertify::migrate

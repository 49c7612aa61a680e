#include "migrate/lint_output.hpp"

#include <fmt/format.h>

#include <map>

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

namespace {
/// GitHub's workflow-command escaping: '%', CR and LF everywhere; ':' and ',' in properties too,
/// so a message with a newline or a file name with a comma stays one annotation.
std::string github_escape(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else if (property && c == ':') out += "%3A";
    else if (property && c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

/// SARIF's levels are GitHub's words but "note" for info.
std::string_view sarif_level(LintSeverity severity) {
  return severity == LintSeverity::kInfo ? "note" : severity_name(severity);
}
}  // namespace

std::string format_findings_github(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings)
    out += fmt::format("::{} file={},line={},col={},title={}::{}\n",
                       f.severity == LintSeverity::kInfo ? "notice" : severity_name(f.severity),
                       github_escape(f.file, true), f.line, f.column, github_escape(f.rule, true),
                       github_escape(f.message, false));
  return out;
}

std::string format_findings_sarif(const std::vector<Finding>& findings, std::string_view tool_version) {
  nlohmann::json rules = nlohmann::json::array();
  std::map<std::string, size_t> rule_index;
  nlohmann::json results = nlohmann::json::array();
  for (const auto& f : findings) {
    auto [at, added] = rule_index.emplace(f.rule, rule_index.size());
    if (added)
      rules.push_back({{"id", f.rule},
                       {"name", f.rule},
                       {"shortDescription", {{"text", f.rule}}},
                       {"defaultConfiguration", {{"level", sarif_level(f.severity)}}}});
    nlohmann::json location = {{"physicalLocation", {{"artifactLocation", {{"uri", f.file}}}}}};
    if (f.line >= 1) {  // SARIF regions count from 1; a finding about a whole file has none
      nlohmann::json region = {{"startLine", f.line}};
      if (f.column >= 1) region["startColumn"] = f.column;
      if (!f.source_line.empty()) region["snippet"] = {{"text", f.source_line}};
      location["physicalLocation"]["region"] = std::move(region);
    }
    nlohmann::json properties = nlohmann::json::object();
    if (!f.table.empty()) properties["table"] = f.table;
    if (f.rows) properties["rows"] = static_cast<long long>(*f.rows);
    if (f.bytes) properties["bytes"] = *f.bytes;
    if (!f.lock.empty()) properties["lock"] = f.lock;
    nlohmann::json result = {{"ruleId", f.rule},
                             {"ruleIndex", at->second},
                             {"level", sarif_level(f.severity)},
                             {"message", {{"text", f.message}}},
                             {"locations", nlohmann::json::array({std::move(location)})}};
    if (!properties.empty()) result["properties"] = std::move(properties);
    results.push_back(std::move(result));
  }
  nlohmann::json driver = {{"name", "pgcertify"}, {"rules", std::move(rules)}};
  if (!tool_version.empty()) driver["version"] = tool_version;
  const nlohmann::json log = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", nlohmann::json::array({{{"tool", {{"driver", std::move(driver)}}}, {"results", std::move(results)}}})}};
  return log.dump(2) + "\n";
}

}  // namespace pgcertify::migrate

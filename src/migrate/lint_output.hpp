#pragma once
// Lint findings as compiler-style text (with the line and a caret), JSON, GitHub annotations or SARIF.

#include <string>
#include <string_view>
#include <vector>

#include "migrate/lint_finding.hpp"

namespace pgcertify::migrate {

/// "file:line:col: error: rule: message", the source line and a caret, per finding; then a count.
std::string format_findings_text(const std::vector<Finding>& findings);

/// An array of {file, line, column, rule, severity, message, table, rows, bytes, lock}.
std::string format_findings_json(const std::vector<Finding>& findings);

/// GitHub annotations: "::error file=…,line=…,col=…,title=rule::message", escaped as GitHub's
/// workflow commands require (a newline in a message stays inside its annotation).
std::string format_findings_github(const std::vector<Finding>& findings);

/// A SARIF 2.1.0 log (GitHub code scanning, GitLab, IDEs): one run, each rule once in the
/// driver's rules, each finding a result with its level (info -> "note"), file, line, column,
/// the source line as snippet, and table/rows/bytes/lock as properties.
std::string format_findings_sarif(const std::vector<Finding>& findings, std::string_view tool_version);

}  // namespace pgcertify::migrate

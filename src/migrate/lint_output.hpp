#pragma once
// Lint findings as compiler-style text (with the line and a caret) or as JSON.

#include <string>
#include <vector>

#include "migrate/lint_finding.hpp"

namespace pgcertify::migrate {

/// "file:line:col: error: rule: message", the source line and a caret, per finding; then a count.
std::string format_findings_text(const std::vector<Finding>& findings);

/// An array of {file, line, column, rule, severity, message, table, rows, bytes, lock}.
std::string format_findings_json(const std::vector<Finding>& findings);

/// GitHub annotations: "::error file=…,line=…,col=…,title=rule::message".
std::string format_findings_github(const std::vector<Finding>& findings);

}  // namespace pgcertify::migrate

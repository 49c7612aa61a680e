#include "migrate/linter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "common/strings.hpp"
#include "migrate/folder.hpp"
#include "migrate/lint_rules.hpp"
#include "migrate/migrator.hpp"
#include "migrate/script.hpp"

namespace pgcertify::migrate {
namespace {
/// Rule names listed after "pgcertify-ignore:" (or "pgcertify-ignore-file:") in `text`.
std::set<std::string> ignored_in(std::string_view text, std::string_view marker) {
  std::set<std::string> rules;
  size_t at = 0;
  while ((at = text.find(marker, at)) != std::string_view::npos) {
    at += marker.size();
    const size_t end = text.find('\n', at);
    std::string list(text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
    std::replace(list.begin(), list.end(), ',', ' ');
    for (const auto& word : split(list, ' '))
      if (!trim(word).empty()) rules.insert(trim(word));
  }
  return rules;
}

std::vector<std::filesystem::path> expand(const std::vector<std::filesystem::path>& paths) {
  std::vector<std::filesystem::path> files;
  for (const auto& path : paths) {
    if (!std::filesystem::is_directory(path)) {
      files.push_back(path);
      continue;
    }
    const Folder folder = scan_folder(path);
    for (const auto& m : folder.versioned) files.push_back(m.up);
    for (const auto& m : folder.repeatables) files.push_back(m.up);
  }
  return files;
}

void lint_file(const Script& script, const std::set<std::string>& ignore, LintState& state,
               std::vector<Finding>& out) {
  state.file = script.file.display_path;
  state.outside_transaction = !script.outside_transaction.empty();
  state.in_explicit_transaction = state.lock_timeout_set = state.lock_timeout_reported = false;
  state.write_locked.clear();
  state.added_not_valid.clear();
  std::set<std::string> file_ignore = ignored_in(script.file.text, "pgcertify-ignore-file:");
  const std::string& text = script.file.text;
  size_t region_start = 0;
  for (size_t i = 0; i < script.file.statements.size(); ++i) {
    const auto& statement = script.file.statements[i];
    const size_t found_at = text.find(statement.text, region_start);
    const size_t end = (found_at == std::string::npos ? region_start : found_at) + statement.text.size();
    const auto here = ignored_in(std::string_view(text).substr(region_start, end - region_start), "pgcertify-ignore:");
    region_start = end;
    std::vector<Finding> found;
    lint_statement(script.trees[i], statement, state, found);
    for (auto& f : found) {
      if (ignore.contains(f.rule) || file_ignore.contains(f.rule) || here.contains(f.rule)) continue;
      f.source_line = line_of(text, f.line);
      out.push_back(std::move(f));
    }
  }
}
}  // namespace

std::vector<Finding> lint_scripts(const std::vector<Script>& scripts, const LintOptions& options) {
  const std::set<std::string> ignore(options.ignore.begin(), options.ignore.end());
  LintState state;
  std::vector<Finding> findings;
  for (const auto& script : scripts) lint_file(script, ignore, state, findings);
  return findings;
}

std::vector<Finding> lint_paths(const std::vector<std::filesystem::path>& paths, const LintOptions& options) {
  std::vector<Script> scripts;
  for (const auto& file : expand(paths)) {
    if (!std::filesystem::exists(file))
      throw Error(ErrorKind::kPlan, "no such file or folder").at({file.string(), 0, 0});
    scripts.push_back(load_script(file, display_path(file), options.server_version));
  }
  return lint_scripts(scripts, options);
}

void drop_folder_table_findings(std::vector<Finding>& findings) {
  std::erase_if(findings, [](const Finding& f) { return f.table_from_folder; });
}

std::string estimate_blocking(LintCost cost, long long bytes) {
  // Rough single-process rates on current hardware: a sequential scan, a rewrite (scan, write,
  // re-index), an index build (scan and sort).
  double per_second = 0;
  switch (cost) {
    case LintCost::kLockOnly: return {};
    case LintCost::kScan: per_second = 400e6; break;
    case LintCost::kRewrite: per_second = 60e6; break;
    case LintCost::kIndexBuild: per_second = 100e6; break;
  }
  const double seconds = static_cast<double>(bytes) / per_second;
  if (seconds < 1) return "under a second";
  if (seconds < 120) return fmt::format("about {:.0f} s", seconds);
  if (seconds < 7200) return fmt::format("about {:.0f} min", seconds / 60);
  return fmt::format("about {:.1f} h", seconds / 3600);
}

}  // namespace pgcertify::migrate

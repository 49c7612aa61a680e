#include "checks/performance/index_health_options.hpp"

#include <fmt/format.h>

#include <array>

#include "common/strings.hpp"

namespace pgcertify::checks {
namespace {
constexpr std::array<std::pair<FindingKind, std::string_view>, 7> kKindNames = {{
    {FindingKind::kUnused, "unused"},
    {FindingKind::kDuplicate, "duplicate"},
    {FindingKind::kRedundant, "redundant"},
    {FindingKind::kFkWithoutIndex, "fk_without_index"},
    {FindingKind::kBloat, "bloat"},
    {FindingKind::kIndexRatio, "index_ratio"},
    {FindingKind::kInvalid, "invalid"},
}};

std::vector<std::string> kind_names() {
  std::vector<std::string> names;
  for (const auto& [kind, name] : kKindNames) names.emplace_back(name);
  return names;
}

/// A share such as "20%" (or "<= 20%", "< 20%"): the upper bound of something bad.
plan::Threshold read_percentage(const plan::Node& options, const std::string& key, std::string_view fallback) {
  const auto node = options.get(key);
  if (!node) return *plan::parse_threshold(fallback);
  const std::string text = node->as_string("a percentage such as \"20%\"");
  const auto t = plan::parse_threshold(text);
  const bool upper = t && (t->comparator == plan::Comparator::kLessEqual || t->comparator == plan::Comparator::kLess);
  if (!t || t->unit != plan::ThresholdUnit::kPercent || !upper || t->value < 0)
    throw node->error("invalid '" + key + "' '" + text + "' (expected a percentage such as \"20%\")");
  return *t;
}

std::vector<FindingKind> read_report(const plan::Node& node) {
  std::vector<FindingKind> report;
  const std::vector<plan::Node> items = node.is_sequence() ? node.items() : std::vector<plan::Node>{node};
  const auto names = kind_names();
  for (const auto& item : items) {
    const std::string name = item.as_string("a finding kind");
    const auto kind = parse_finding_kind(name);
    if (!kind)
      throw item.error("unknown finding kind '" + name + "'" + did_you_mean(name, names) +
                       " (expected unused, duplicate, redundant, fk_without_index, bloat, index_ratio or invalid)");
    bool seen = false;
    for (const auto k : report) seen = seen || k == *kind;
    if (!seen) report.push_back(*kind);
  }
  if (report.empty()) throw node.error("'report' lists no finding kind");
  return report;
}

std::string percent(double value) {
  return fmt::format("{:.1f}%", value);
}
}  // namespace

std::string_view finding_kind_name(FindingKind kind) {
  for (const auto& [k, name] : kKindNames)
    if (k == kind) return name;
  return "?";
}

std::optional<FindingKind> parse_finding_kind(std::string_view name) {
  for (const auto& [kind, n] : kKindNames)
    if (n == name) return kind;
  return std::nullopt;
}

IndexHealthOptions IndexHealthOptions::read(const plan::Node& options) {
  IndexHealthOptions o;
  if (auto schema = options.get("schema")) o.schema = schema->as_string("a schema name");
  if (auto tables = options.get("tables")) {
    o.tables = tables->as_string_list("a table or a list of tables");
    if (o.tables.empty()) throw tables->error("'tables' lists no table (leave it out for every table of the schema)");
  }
  if (auto allow = options.get("allow"))
    for (const auto& name : allow->as_string_list("an index name or a list of them")) o.allow.insert(name);
  if (auto size = options.get("min_size")) {
    const std::string text = size->as_string("a size such as 8MB");
    const auto bytes = plan::parse_size(text);
    if (!bytes) throw size->error("invalid 'min_size' '" + text + "' (expected a size such as 0, 512kB or 8MB)");
    o.min_size = *bytes;
  }
  o.max_index_bloat = read_percentage(options, "max_index_bloat", "20%");
  o.max_dead_tuples = read_percentage(options, "max_dead_tuples", "20%");
  if (options.get("max_index_ratio")) o.max_index_ratio = read_percentage(options, "max_index_ratio", "");
  if (auto max = options.get("max")) {
    o.max = max->as_integer("a number of findings");
    if (o.max < 0) throw max->error("'max' must be 0 or more");
  }
  if (auto report = options.get("report")) {
    o.report = read_report(*report);
    if (o.reports(FindingKind::kIndexRatio) && !o.max_index_ratio)
      throw report->error("'report' lists index_ratio but no 'max_index_ratio' is given (e.g. \"300%\")");
  } else {
    for (const auto& [kind, name] : kKindNames)
      if (kind != FindingKind::kIndexRatio || o.max_index_ratio) o.report.push_back(kind);
  }
  return o;
}

bool IndexHealthOptions::reports(FindingKind kind) const {
  for (const auto k : report)
    if (k == kind) return true;
  return false;
}

std::optional<std::string> judge(const Candidate& candidate, const IndexHealthOptions& options) {
  if (options.allow.contains(candidate.object)) return std::nullopt;
  const plan::Threshold* limit = nullptr;
  switch (candidate.kind) {
    case FindingKind::kDuplicate:
    case FindingKind::kRedundant:
    case FindingKind::kFkWithoutIndex:
    case FindingKind::kInvalid: return describe(candidate);
    case FindingKind::kUnused: break;
    case FindingKind::kBloat:
      limit = candidate.table_level ? &options.max_dead_tuples : &options.max_index_bloat;
      break;
    case FindingKind::kIndexRatio:
      if (!options.max_index_ratio) return std::nullopt;
      limit = &*options.max_index_ratio;
      break;
  }
  if (candidate.bytes < options.min_size) return std::nullopt;
  if (limit && (!candidate.value || limit->holds(*candidate.value))) return std::nullopt;
  return describe(candidate);
}

std::string describe(const Candidate& c) {
  const double value = c.value.value_or(0);
  switch (c.kind) {
    case FindingKind::kUnused:
      return fmt::format("unused index {} on {} ({}, {})", c.object, c.table, c.size, c.detail);
    case FindingKind::kDuplicate:
      return fmt::format("duplicate index {} on {} ({}, {})", c.object, c.table, c.size, c.detail);
    case FindingKind::kRedundant:
      return fmt::format("redundant index {} on {} ({}, {})", c.object, c.table, c.size, c.detail);
    case FindingKind::kFkWithoutIndex:
      return fmt::format("foreign key {} on {} ({} table, {})", c.object, c.table, c.size, c.detail);
    case FindingKind::kBloat:
      if (c.table_level)
        return fmt::format("dead tuples in table {} ({}, {} dead: {})", c.table, c.size, percent(value), c.detail);
      return fmt::format("bloated index {} on {} ({}, ~{} estimated bloat, {})", c.object, c.table, c.size,
                         percent(value), c.detail);
    case FindingKind::kInvalid:
      return fmt::format("invalid index {} on {} ({}, {})", c.object, c.table, c.size, c.detail);
    case FindingKind::kIndexRatio:
      return fmt::format("large index {} on {} ({}, {} of its table's {})", c.object, c.table, c.size, percent(value),
                         c.detail);
  }
  return c.object;
}

}  // namespace pgcertify::checks

// `index_health`: unused, duplicate and redundant indexes, foreign keys without an index,
// bloated indexes and tables, and indexes large against their table, for a set of tables.
// A handful of catalog queries in one READ ONLY transaction, whatever the number of indexes.

#include <fmt/format.h>

#include "checks/performance/index_health_options.hpp"
#include "checks/performance/index_queries.hpp"
#include "checks/registry.hpp"
#include "checks/session.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"tables",          "schema",          "report",          "allow", "min_size",
                                        "max_index_bloat", "max_dead_tuples", "max_index_ratio", "max"};

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(separator)) + p;
  return out;
}

/// What the queries found, judged: evidence lines in report order and a count per kind.
struct Findings {
  std::vector<std::string> lines;
  std::vector<std::pair<FindingKind, size_t>> counts;
  size_t not_estimated = 0;  // btree indexes without statistics, so without a bloat estimate
};

class IndexHealthCheck final : public Check {
 public:
  explicit IndexHealthCheck(const plan::Node& options) {
    options.require_map(
        "index_health options (tables, schema, report, allow, min_size, max_index_bloat, max_dead_tuples, "
        "max_index_ratio, max)");
    options.check_keys(kKeys);
    options_ = IndexHealthOptions::read(options);
  }

  std::string default_name() const override {
    return "index health of " + (options_.tables.empty() ? "schema " + options_.schema : join(options_.tables, ", "));
  }

  std::vector<Outcome> run(Context& context) const override {
    Transaction tx(context, TransactionMode::kReadOnly, {});
    const TableScope scope = resolve_tables(tx, options_);
    if (!scope.missing.empty())
      return {Outcome::error(fmt::format("no table {} in schema {}", join(scope.missing, ", "), options_.schema))};
    if (scope.count == 0) return {Outcome::error("schema " + options_.schema + " has no tables")};
    return {judge_all(find_all(tx, scope), scope)};
  }

 private:
  Findings find_all(Transaction& tx, const TableScope& scope) const {
    Findings f;
    for (const FindingKind kind : options_.report) {
      size_t count = 0;
      for (const Candidate& c : find_candidates(tx, kind, scope)) {
        if (kind == FindingKind::kBloat && !c.table_level && !c.value) ++f.not_estimated;
        if (auto line = judge(c, options_)) {
          f.lines.push_back(std::move(*line));
          ++count;
        }
      }
      f.counts.emplace_back(kind, count);
    }
    return f;
  }

  Outcome judge_all(const Findings& f, const TableScope& scope) const {
    Outcome out;
    std::vector<std::string> summary;
    for (const auto& [kind, count] : f.counts) {
      out.measurements.push_back({std::string(finding_kind_name(kind)), std::to_string(count), ""});
      if (count > 0) summary.push_back(fmt::format("{} {}", count, finding_kind_name(kind)));
    }
    const size_t total = f.lines.size();
    const std::string limit = fmt::format("<= {}", options_.max);
    out.measurements.push_back({"findings", std::to_string(total), limit});
    const std::string tables = fmt::format("{} table{}", scope.count, scope.count == 1 ? "" : "s");
    if (total == 0)
      out.message = "no index findings on " + tables;
    else
      out.message = fmt::format("{} finding{} on {} ({})", total, total == 1 ? "" : "s", tables, join(summary, ", "));
    if (static_cast<long long>(total) > options_.max) {
      out.status = Status::kFail;
      out.message += ", expected " + limit;
    } else if (total > 0) {
      out.message += ", within " + limit;
    }
    if (f.not_estimated > 0)
      out.message += fmt::format("; {} index{} without statistics not estimated for bloat (run ANALYZE)",
                                 f.not_estimated, f.not_estimated == 1 ? "" : "es");
    for (const auto& line : f.lines) {
      if (out.evidence.size() + 1 == kMaxEvidence && total > kMaxEvidence) {
        out.evidence.push_back(fmt::format("… and {} more findings", total - out.evidence.size()));
        break;
      }
      out.evidence.push_back(line);
    }
    return out;
  }

  IndexHealthOptions options_;
};
}  // namespace

CheckKind index_health_kind() {
  return kind_of<IndexHealthCheck>(
      "index_health",
      "unused, duplicate and redundant indexes, foreign keys without an index, bloat and oversized indexes");
}

}  // namespace pgcertify::checks

#pragma once
// The options of `index_health` and the judgement of what the catalog queries found: pure
// logic, kept apart from the SQL so that it can be tested without a database.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "plan/node.hpp"
#include "plan/units.hpp"

namespace pgcertify::checks {

/// What `index_health` looks for; the YAML spelling is `finding_kind_name`.
enum class FindingKind { kUnused, kDuplicate, kRedundant, kFkWithoutIndex, kBloat, kIndexRatio, kInvalid };

std::string_view finding_kind_name(FindingKind kind);
std::optional<FindingKind> parse_finding_kind(std::string_view name);

struct IndexHealthOptions {
  std::string schema = "public";
  std::vector<std::string> tables;                 // empty: every ordinary table of `schema`
  std::vector<FindingKind> report;                 // in the order findings are listed
  std::set<std::string> allow;                     // index, constraint or table names not to report
  std::uint64_t min_size = 0;                      // bytes; smaller indexes (tables) are not unused/bloated/large
  plan::Threshold max_index_bloat;                 // estimated share of an index that is bloat
  plan::Threshold max_dead_tuples;                 // n_dead_tup / (n_live_tup + n_dead_tup)
  std::optional<plan::Threshold> max_index_ratio;  // index size / table size
  long long max = 0;                               // findings tolerated

  /// Reads and validates the options; throws Error(kPlan) at the offending node.
  static IndexHealthOptions read(const plan::Node& options);

  bool reports(FindingKind kind) const;
};

/// One row a catalog query returned: something that may be a finding. `value` is the number
/// a threshold is applied to (a percentage), when the kind has one.
struct Candidate {
  FindingKind kind = FindingKind::kUnused;
  bool table_level = false;  // dead tuples: the object is a table, not an index
  std::string object;        // index, constraint or table name (as `allow` spells it)
  std::string table;         // the table it belongs to, as shown
  std::uint64_t bytes = 0;   // the object's size (for a foreign key: its table's)
  std::string size;          // the same, as pg_size_pretty spells it
  std::optional<double> value;
  std::string detail;  // what the query says about it, already phrased
};

/// The evidence line for a candidate when it is a finding under the options; nullopt when it
/// is allowed, too small or within its threshold.
std::optional<std::string> judge(const Candidate& candidate, const IndexHealthOptions& options);

/// "unused index idx_x on t (16 kB, 0 scans since …)" and the like.
std::string describe(const Candidate& candidate);

}  // namespace pgcertify::checks

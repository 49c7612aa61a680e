#pragma once
// pii_scan's reading of one relation: every row (or a seeded random sample) streamed with
// COPY … TO STDOUT, constant client memory, each row tested in one RE2::Set pass and only
// candidate rows split into values and confirmed.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checks/check.hpp"
#include "plan/node.hpp"
#include "privacy/detectors.hpp"

namespace pgcertify::checks {

/// `sample`: absent = every row; `sample: 5000` = about 5,000 random rows per relation;
/// `sample: 1%` = each row with probability 1%. `seed` makes the sample repeatable.
struct SampleSpec {
  enum class Kind { kAll, kRows, kPercent };
  Kind kind = Kind::kAll;
  double amount = 0;
  long long seed = 1;

  static SampleSpec read(const plan::Node& options);
};

/// What was read of one relation; filled while reading, so a timeout can say how far it got.
struct Coverage {
  std::string relation;
  long long rows_read = 0;
  std::optional<long long> rows_total;  // exact for a full scan; estimated (pg_class) or counted for a sample
  bool total_estimated = false;
  int columns_read = 0;
  std::vector<std::string> columns_skipped;  // numbers, dates, uuids…: cannot hold the patterns
  std::optional<std::string> sample_method;  // "TABLESAMPLE BERNOULLI (0.5) REPEATABLE (1)"; nullopt: every row
  bool complete = false;
};

/// A column whose values matched a detector.
struct ValueHits {
  std::string column;
  privacy::Detector detector;
  long long values = 0;
  std::string example;  // the first value, redacted and shortened
};

/// Reads `relation` (quoted for SQL; `coverage.relation` names it for people) in the caller's READ ONLY transaction. Column names are
/// reported in `names`; value hits in `hits`. Throws Error(kTimeout) with `coverage` telling
/// how far it got.
void scan_relation(Context& context, const privacy::Scanner& scanner, const std::string& relation,
                   const SampleSpec& sample, Coverage& coverage, std::vector<std::string>& names,
                   std::vector<ValueHits>& hits);

/// "1,234,567".
std::string grouped(long long n);

}  // namespace pgcertify::checks

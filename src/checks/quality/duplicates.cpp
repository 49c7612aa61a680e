// `duplicates`: values or column combinations that occur more than once.

#include <fmt/format.h>

#include "checks/registry.hpp"
#include "checks/row_rule.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"table", "columns", "where", "max", "samples"};

/// One grouped scan. Keys with a NULL are not duplicates (as a UNIQUE constraint sees them).
/// The count judged is the number of rows that share their key with another row.
class DuplicatesCheck final : public Check {
 public:
  explicit DuplicatesCheck(const plan::Node& options) {
    options.require_map("duplicates options (table, columns, where, max, samples)");
    options.check_keys(kKeys);
    rule_ = RowRuleOptions::read(options);
    columns_ = options.require("columns").as_string_list("a column or a list of columns");
  }

  std::string default_name() const override { return "no duplicates in " + rule_.table; }

  std::vector<Outcome> run(Context& context) const override {
    auto& c = context.connection();
    const std::string keys = quote_columns(c, columns_, "");
    std::string not_null;
    for (const auto& column : columns_)
      not_null += (not_null.empty() ? "" : " AND ") + quote_column(c, column) + " IS NOT NULL";
    const std::string duplicated = "n > 1 AND " + not_null;
    const std::string sql = fmt::format(
        "WITH g AS (SELECT {keys}, count(*) AS n FROM {table} AS t WHERE {scope} GROUP BY {keys})\n"
        "SELECT coalesce(sum(n), 0), coalesce(sum(n) FILTER (WHERE {dup}), 0),\n"
        "       (SELECT json_agg(d) FROM (SELECT {keys}, n AS occurrences FROM g WHERE {dup}\n"
        "                                 ORDER BY n DESC LIMIT {samples}) d)\n"
        "FROM g",
        fmt::arg("keys", keys), fmt::arg("table", quote_qualified(c, rule_.table)),
        fmt::arg("scope", rule_.where ? "(" + *rule_.where + ")" : "true"), fmt::arg("dup", duplicated),
        fmt::arg("samples", rule_.samples));
    return {judge_counts(context, sql, "duplicated rows", rule_)};
  }

 private:
  RowRuleOptions rule_;
  std::vector<std::string> columns_;
};
}  // namespace

CheckKind duplicates_kind() {
  return kind_of<DuplicatesCheck>("duplicates",
                                  "values or column combinations that occur more than once, with the duplicated keys");
}

}  // namespace pgcertify::checks

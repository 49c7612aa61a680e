// `not_null`: missing values (completeness), as a count or a share of the rows in scope.

#include "checks/registry.hpp"
#include "checks/row_rule.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"table", "columns", "where", "max", "samples"};

class NotNullCheck final : public Check {
 public:
  explicit NotNullCheck(const plan::Node& options) {
    options.require_map("not_null options (table, columns, where, max, samples)");
    options.check_keys(kKeys);
    rule_ = RowRuleOptions::read(options);
    columns_ = options.require("columns").as_string_list("a column or a list of columns");
  }

  std::string default_name() const override { return "no missing values in " + rule_.table; }

  std::vector<Outcome> run(Context& context) const override {
    auto& c = context.connection();
    RowRule rule;
    rule.from = quote_qualified(c, rule_.table) + " AS t";
    for (const auto& column : columns_)
      rule.violation += (rule.violation.empty() ? "" : " OR ") + ("t." + quote_column(c, column) + " IS NULL");
    rule.sample_columns = "t.*";
    rule.what = "rows with missing values";
    return {run_row_rule(context, rule, rule_)};
  }

 private:
  RowRuleOptions rule_;
  std::vector<std::string> columns_;
};
}  // namespace

CheckKind not_null_kind() {
  return kind_of<NotNullCheck>("not_null",
                               "missing values in columns (completeness), optionally under a filter, as a count or a ratio");
}

}  // namespace pgcertify::checks

// `retention`: no row older than an age remains (seed 000: nothing older than 2 years).

#include <fmt/format.h>

#include "checks/registry.hpp"
#include "checks/row_rule.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"table", "column", "max_age", "where", "max", "samples"};

class RetentionCheck final : public Check {
 public:
  explicit RetentionCheck(const plan::Node& options) {
    options.require_map("retention options (table, column, max_age, where, max, samples)");
    options.check_keys(kKeys);
    rule_ = RowRuleOptions::read(options);
    column_ = options.require("column").as_string("a timestamp or date column");
    max_age_ = options.require("max_age").as_duration();
  }

  std::string default_name() const override {
    return rule_.table + "." + column_ + " within " + plan::format_duration(max_age_);
  }

  std::vector<Outcome> run(Context& context) const override {
    auto& c = context.connection();
    const std::string col = "t." + quote_column(c, column_);
    RowRule rule;
    rule.from = quote_qualified(c, rule_.table) + " AS t";
    rule.violation = fmt::format("{} < now() - interval '{} microseconds'", col, max_age_.count());
    rule.sample_columns = "t.*";
    rule.what = "rows older than " + plan::format_duration(max_age_);
    return {run_row_rule(context, rule, rule_)};
  }

 private:
  RowRuleOptions rule_;
  std::string column_;
  plan::Duration max_age_{};
};
}  // namespace

CheckKind retention_kind() {
  return kind_of<RetentionCheck>("retention",
                                 "no row older than an age remains (the oldest value is within max_age)");
}

}  // namespace pgcertify::checks

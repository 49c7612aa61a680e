// `temporal`: for every row, one time comes no later than another, also across a join
// (a child created after its parent).

#include "checks/registry.hpp"
#include "checks/row_rule.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"table", "earlier", "later", "join", "where", "max", "samples"};

/// `earlier` and `later` are SQL expressions over the table (alias `t`) and the joined one;
/// a row where either is NULL does not break the rule.
class TemporalCheck final : public Check {
 public:
  explicit TemporalCheck(const plan::Node& options) {
    options.require_map("temporal options (table, earlier, later, join, where, max, samples)");
    options.check_keys(kKeys);
    rule_ = RowRuleOptions::read(options);
    earlier_ = options.require("earlier").as_string("a column or SQL expression");
    later_ = options.require("later").as_string("a column or SQL expression");
    if (auto join = options.get("join")) join_ = join->as_string("'other_table alias ON condition'");
  }

  std::string default_name() const override { return rule_.table + ": " + earlier_ + " <= " + later_; }

  std::vector<Outcome> run(Context& context) const override {
    auto& c = context.connection();
    RowRule rule;
    rule.from = quote_qualified(c, rule_.table) + " AS t" + (join_ ? " JOIN " + *join_ : "");
    rule.violation = "(" + later_ + ") < (" + earlier_ + ")";
    rule.sample_columns = "(" + earlier_ + ") AS earlier, (" + later_ + ") AS later, t.*";
    rule.what = "rows out of time order";
    return {run_row_rule(context, rule, rule_)};
  }

 private:
  RowRuleOptions rule_;
  std::string earlier_, later_;
  std::optional<std::string> join_;
};
}  // namespace

CheckKind temporal_kind() {
  return kind_of<TemporalCheck>("temporal",
                                "for every row, one time is no later than another (also across a join)");
}

}  // namespace pgcertify::checks

// `consistency`: two aggregates (a stored total and the sum of its parts) agree within a
// tolerance, per group, with the worst groups as evidence.

#include <fmt/format.h>

#include "checks/registry.hpp"
#include "checks/row_rule.hpp"
#include "checks/session.hpp"
#include "common/strings.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"left", "right", "compare", "tolerance", "max", "samples"};

/// Each side returns (key, value) rows, or a single value. Groups are matched on the key; a
/// group missing on one side counts as 0 there. One statement for both sides. `compare: "<="`
/// turns "agree" into "left is at most right" (a usage under its limit).
class ConsistencyCheck final : public Check {
 public:
  explicit ConsistencyCheck(const plan::Node& options) {
    options.require_map("consistency options (left, right, compare, tolerance, max, samples)");
    options.check_keys(kKeys);
    rule_ = RowRuleOptions::read(options, /*table_required=*/false);
    left_ = read_statements(options.require("left")).front();
    right_ = read_statements(options.require("right")).front();
    if (auto compare = options.get("compare")) {
      compare_ = compare->as_string("=, <= or >=");
      if (compare_ != "=" && compare_ != "<=" && compare_ != ">=")
        throw compare->error("invalid 'compare' '" + compare_ + "' (expected =, <= or >=)");
    }
    if (auto tolerance = options.get("tolerance")) {
      std::string text = trim(tolerance->as_string("an absolute difference (100) or a relative one (\"1%\")"));
      relative_ = text.ends_with('%');
      if (relative_) text.pop_back();
      const auto value = plan::parse_threshold(text);
      if (!value || value->unit != plan::ThresholdUnit::kNone || value->value < 0)
        throw tolerance->error("invalid tolerance '" + tolerance->as_string() + "' (expected e.g. 100 or \"1%\")");
      tolerance_ = fmt::format("{:g}", value->value);
    }
  }

  std::string default_name() const override { return "consistent: " + abbreviate_sql(left_, 40); }

  std::vector<Outcome> run(Context& context) const override {
    Transaction tx(context, TransactionMode::kReadOnly, {});
    // A zero-row look at each side tells whether it is keyed (two columns) or a single value.
    const int left_columns = tx.exec("SELECT * FROM (" + left_ + ") AS q LIMIT 0").columns();
    const int right_columns = tx.exec("SELECT * FROM (" + right_ + ") AS q LIMIT 0").columns();
    if (left_columns != right_columns || left_columns < 1 || left_columns > 2)
      return {Outcome::error(fmt::format("'left' returns {} columns and 'right' {}; both must return (key, value) or (value)",
                                         left_columns, right_columns))};
    const bool keyed = left_columns == 2;
    const std::string columns = keyed ? "(k, v)" : "(v)";
    const std::string joined =
        keyed ? "SELECT coalesce(l.k::text, r.k::text) AS key, coalesce(l.v, 0)::numeric AS left_value, "
                "coalesce(r.v, 0)::numeric AS right_value FROM l FULL JOIN r ON l.k = r.k"
              // One value each: a side with no row, or a NULL, is 0, as a missing key is in the keyed
              // form; a side with several rows is an error (a scalar subquery), not a cross join.
              : "SELECT 'value' AS key, coalesce((SELECT v FROM l), 0)::numeric AS left_value, "
                "coalesce((SELECT v FROM r), 0)::numeric AS right_value";
    const std::string allowed =
        relative_ ? tolerance_ + " / 100.0 * greatest(abs(left_value), abs(right_value))" : tolerance_;
    // How far the pair is from meeting the comparison (0 when it does).
    const std::string difference = compare_ == "<="   ? "greatest(left_value - right_value, 0)"
                                   : compare_ == ">=" ? "greatest(right_value - left_value, 0)"
                                                      : "abs(left_value - right_value)";
    const std::string sql = fmt::format(
        "WITH l AS (SELECT * FROM ({left}) AS l{cols}), r AS (SELECT * FROM ({right}) AS r{cols}),\n"
        "     d AS (SELECT *, {difference} AS difference FROM ({joined}) AS j)\n"
        "SELECT count(*), count(*) FILTER (WHERE difference > {allowed}),\n"
        "       (SELECT json_agg(x) FROM (SELECT * FROM d WHERE difference > {allowed}\n"
        "                                 ORDER BY difference DESC LIMIT {samples}) x)\n"
        "FROM d",
        fmt::arg("left", left_), fmt::arg("right", right_), fmt::arg("cols", columns), fmt::arg("joined", joined), fmt::arg("difference", difference),
        fmt::arg("allowed", allowed), fmt::arg("samples", rule_.samples));
    return {judge_counts(context, sql, "groups that disagree", rule_)};
  }

 private:
  RowRuleOptions rule_;
  std::string left_, right_;
  std::string compare_ = "=";
  std::string tolerance_ = "0";
  bool relative_ = false;
};
}  // namespace

CheckKind consistency_kind() {
  return kind_of<ConsistencyCheck>("consistency",
                                   "two aggregates agree within a tolerance, per group, with the worst groups as evidence");
}

}  // namespace pgcertify::checks

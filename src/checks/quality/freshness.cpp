// `freshness`: the newest value of a timestamp column is within an age.

#include <fmt/format.h>

#include "checks/registry.hpp"
#include "checks/row_rule.hpp"
#include "checks/session.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"table", "column", "max_age", "where"};

class FreshnessCheck final : public Check {
 public:
  explicit FreshnessCheck(const plan::Node& options) {
    options.require_map("freshness options (table, column, max_age, where)");
    options.check_keys(kKeys);
    rule_ = RowRuleOptions::read(options);
    column_ = options.require("column").as_string("a timestamp or date column");
    max_age_ = options.require("max_age").as_duration();
  }

  std::string default_name() const override {
    return rule_.table + "." + column_ + " fresher than " + plan::format_duration(max_age_);
  }

  std::vector<Outcome> run(Context& context) const override {
    auto& c = context.connection();
    const std::string col = "t." + quote_column(c, column_);
    // A value in the future is not fresh: it is reported, and the newest is taken among the rest.
    const std::string sql = fmt::format(
        "SELECT max({col}) FILTER (WHERE {col} <= now())::text,\n"
        "       CASE WHEN isfinite(max({col}) FILTER (WHERE {col} <= now()))\n"
        "            THEN (extract(epoch FROM now() - max({col}) FILTER (WHERE {col} <= now())) * 1000000)::bigint END,\n"
        "       count(*) FILTER (WHERE {col} > now()), max({col}) FILTER (WHERE {col} > now())::text,\n"
        "       count(*), count({col})\n"
        "FROM {table} AS t WHERE {scope}",
        fmt::arg("col", col), fmt::arg("table", quote_qualified(c, rule_.table)),
        fmt::arg("scope", rule_.where ? "(" + *rule_.where + ")" : "true"));
    Transaction tx(context, TransactionMode::kReadOnly, {});
    const pg::Result r = tx.exec(sql);
    const std::string limit = "<= " + plan::format_duration(max_age_);
    const long long future = std::stoll(std::string(r.value(0, 2)));
    if (future > 0) {
      Outcome out = Outcome::fail(fmt::format("{} rows of {} have {} in the future (up to {}): a clock or data error, not "
                                              "freshness",
                                              future, rule_.table, column_, r.value(0, 3)));
      out.measurements.push_back({"rows in the future", std::to_string(future), "= 0"});
      return {out};
    }
    if (r.is_null(0, 0)) {
      const std::string rows(r.value(0, 4));
      Outcome out = Outcome::fail(
          rows == "0" ? "no rows in " + rule_.table + (rule_.where ? " matching the filter" : "") + ", so nothing is fresh"
                      : fmt::format("{} is NULL in every one of the {} rows of {}{}, so nothing is fresh", column_, rows,
                                    rule_.table, rule_.where ? " matching the filter" : ""));
      out.measurements.push_back({"age", rows == "0" ? "no rows" : "no value", limit});
      return {out};
    }
    if (r.is_null(0, 1)) {  // the newest value is -infinity
      Outcome out = Outcome::fail(fmt::format("newest {} in {} is {}, so nothing is fresh", column_, rule_.table,
                                              r.value(0, 0)));
      out.measurements.push_back({"age", "infinite", limit});
      return {out};
    }
    const plan::Duration age(std::stoll(std::string(r.value(0, 1))));
    Outcome out;
    out.measurements.push_back({"age", plan::format_duration(age), limit});
    if (age <= max_age_) {
      out.message = fmt::format("newest {} is {} ({} old)", column_, r.value(0, 0), plan::format_duration(age));
      return {out};
    }
    out.status = Status::kFail;
    out.message = fmt::format("newest {} is {}, {} old; expected {}", column_, r.value(0, 0),
                              plan::format_duration(age), limit);
    return {out};
  }

 private:
  RowRuleOptions rule_;
  std::string column_;
  plan::Duration max_age_{};
};
}  // namespace

CheckKind freshness_kind() {
  return kind_of<FreshnessCheck>("freshness",
                                 "the newest value of a timestamp column is within max_age");
}

}  // namespace pgcertify::checks

// `row_count`: the number of rows within bounds, or within a change of a stored baseline.

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "checks/registry.hpp"
#include "checks/row_rule.hpp"
#include "checks/row_visibility.hpp"
#include "checks/session.hpp"
#include "common/files.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"table", "where", "count", "baseline", "change"};

/// With `baseline: FILE` the first run records the count in FILE (beside the plan) and
/// passes; later runs fail when the count moved by more than `change` (a percentage).
class RowCountCheck final : public Check {
 public:
  explicit RowCountCheck(const plan::Node& options) {
    options.require_map("row_count options (table, where, count, baseline, change)");
    options.check_keys(kKeys);
    rule_ = RowRuleOptions::read(options);
    if (auto count = options.get("count")) count_ = count->as_threshold(plan::BareNumber::kEqual);
    if (auto baseline = options.get("baseline")) {
      const std::filesystem::path plan_file = baseline->source()->path;
      baseline_ = plan_file.parent_path() / baseline->as_string("a file path");
      const auto change = options.get("change");
      if (!change) throw options.error("'baseline' needs 'change', the largest allowed change (e.g. \"10%\")");
      change_ = change->as_threshold();
      if (change_->unit != plan::ThresholdUnit::kPercent) throw change->error("'change' is a percentage, e.g. \"10%\"");
    } else if (auto change = options.get("change")) {
      throw change->error("'change' compares with a 'baseline'; give one");
    }
    if (!count_ && !baseline_) throw options.error("'row_count' needs 'count' (e.g. \">= 1000\") or 'baseline'");
  }

  std::string default_name() const override { return "row count of " + rule_.table; }

  std::vector<Outcome> run(Context& context) const override {
    auto& c = context.connection();
    const std::string sql = "SELECT count(*) FROM " + quote_qualified(c, rule_.table) + " AS t WHERE " +
                            (rule_.where ? "(" + *rule_.where + ")" : "true");
    Transaction tx(context, TransactionMode::kReadOnly, {});
    if (auto hidden = rows_hidden_by_rls(tx, quote_qualified(c, rule_.table), rule_.table)) return {Outcome::error(*hidden)};
    const long long rows = std::stoll(std::string(tx.exec(sql).value(0, 0)));
    Outcome out = Outcome::pass(fmt::format("{} rows in {}", rows, rule_.table));
    if (count_) {
      out.measurements.push_back({"rows", std::to_string(rows), count_->describe()});
      if (!count_->holds(static_cast<double>(rows))) {
        out.status = Status::kFail;
        out.message = fmt::format("{} has {} rows, expected {}", rule_.table, rows, count_->describe());
      }
    }
    if (baseline_) compare_with_baseline(rows, out);
    return {out};
  }

 private:
  void compare_with_baseline(long long rows, Outcome& out) const {
    if (!std::filesystem::exists(*baseline_)) {
      write_file_atomic(*baseline_, nlohmann::json{{"table", rule_.table}, {"rows", rows}}.dump() + "\n");
      out.message += "; baseline recorded in " + baseline_->string();
      return;
    }
    long long recorded = 0;
    try {
      recorded = nlohmann::json::parse(read_file(*baseline_)).at("rows").get<long long>();
    } catch (const nlohmann::json::exception& e) {
      throw Error(ErrorKind::kIo, "baseline '" + baseline_->string() + "' is not a pgcertify row-count baseline: " + e.what());
    }
    const double change = 100.0 * std::abs(static_cast<double>(rows - recorded)) /
                          std::max(1.0, static_cast<double>(std::abs(recorded)));
    out.measurements.push_back({"change", fmt::format("{:.3g}% ({} -> {})", change, recorded, rows), change_->describe()});
    if (change_->holds(change)) return;
    out.status = Status::kFail;
    out.message = fmt::format("{} has {} rows, {:.3g}% away from the baseline {} ({}); expected {}", rule_.table, rows,
                              change, recorded, baseline_->string(), change_->describe());
  }

  RowRuleOptions rule_;
  std::optional<plan::Threshold> count_;
  std::optional<std::filesystem::path> baseline_;
  std::optional<plan::Threshold> change_;
};
}  // namespace

CheckKind row_count_kind() {
  return kind_of<RowCountCheck>("row_count",
                                "the number of rows within bounds, or within a change of a stored baseline");
}

}  // namespace pgcertify::checks

// `valid`: values in a set, in a range, matching a pattern, of a length, or parseable as a
// type. NULL is not invalid (that is `not_null`'s business), as in SodaCL.

#include <fmt/format.h>

#include <map>

#include "checks/registry.hpp"
#include "checks/row_rule.hpp"
#include "common/strings.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"table", "column", "where", "max", "samples", "in",
                                        "between", "matches", "length", "type"};

/// Textual shapes for `type:`; PostgreSQL 15 has no pg_input_is_valid(), and a failed cast
/// would abort the whole scan.
const std::map<std::string, std::string> kTypePatterns = {
    {"integer", R"(^\s*[+-]?[0-9]+\s*$)"},
    {"numeric", R"(^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$)"},
    {"uuid", R"(^\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\}?$)"},
    {"date", R"(^[0-9]{4}-[0-9]{2}-[0-9]{2}$)"},
    {"boolean", R"(^\s*(t|f|true|false|y|n|yes|no|on|off|1|0)\s*$)"},
    {"email", R"(^[^@\s]+@[^@\s]+\.[^@\s]+$)"},
};

std::string number_text(const plan::Node& node) {
  node.as_number("a number");  // validates
  return trim(node.as_string());
}

class ValidCheck final : public Check {
 public:
  explicit ValidCheck(const plan::Node& options) {
    options.require_map("valid options (table, column, where, max, samples, in, between, matches, length, type)");
    options.check_keys(kKeys);
    rule_ = RowRuleOptions::read(options);
    column_ = options.require("column").as_string("a column name");
    if (auto in = options.get("in")) in_ = in->as_string_list("a list of allowed values");
    if (auto between = options.get("between")) {
      const auto items = between->items();
      if (items.size() != 2) throw between->error("expected [low, high]");
      between_ = {number_text(items[0]), number_text(items[1])};
    }
    if (auto matches = options.get("matches")) matches_ = matches->as_string("a regular expression (PostgreSQL's ~)");
    if (auto length = options.get("length")) {
      const auto items = length->items();
      if (items.size() != 2) throw length->error("expected [min, max]");
      length_ = {items[0].as_integer("a length"), items[1].as_integer("a length")};
    }
    if (auto type = options.get("type")) {
      const std::string name = type->as_string("a type name");
      const auto found = kTypePatterns.find(name);
      if (found == kTypePatterns.end()) {
        std::vector<std::string> names;
        for (const auto& [n, _] : kTypePatterns) names.push_back(n);
        throw type->error("unknown type '" + name + "' (expected one of: integer, numeric, uuid, date, boolean, email)");
      }
      type_pattern_ = found->second;
    }
    if (!in_ && !between_ && !matches_ && !length_ && !type_pattern_)
      throw options.error("'valid' needs at least one of: in, between, matches, length, type");
  }

  std::string default_name() const override { return "valid " + rule_.table + "." + column_; }

  std::vector<Outcome> run(Context& context) const override {
    auto& c = context.connection();
    const std::string col = "t." + c.quote_identifier(column_);
    std::vector<std::string> conditions;
    if (in_) {
      std::string list;
      for (const auto& v : *in_) list += (list.empty() ? "" : ", ") + c.quote_literal(v);
      conditions.push_back(col + "::text IN (" + list + ")");
    }
    if (between_) conditions.push_back(fmt::format("{} BETWEEN {} AND {}", col, between_->first, between_->second));
    if (matches_) conditions.push_back(col + "::text ~ " + c.quote_literal(*matches_));
    if (length_) conditions.push_back(fmt::format("length({}::text) BETWEEN {} AND {}", col, length_->first, length_->second));
    if (type_pattern_) conditions.push_back(col + "::text ~* " + c.quote_literal(*type_pattern_));
    std::string valid;
    for (const auto& cond : conditions) valid += (valid.empty() ? "(" : " AND (") + cond + ")";
    RowRule rule;
    rule.from = quote_qualified(c, rule_.table) + " AS t";
    rule.violation = col + " IS NOT NULL AND NOT (" + valid + ")";
    rule.sample_columns = "t.*";
    rule.what = "invalid values";
    return {run_row_rule(context, rule, rule_)};
  }

 private:
  RowRuleOptions rule_;
  std::string column_;
  std::optional<std::vector<std::string>> in_;
  std::optional<std::pair<std::string, std::string>> between_;
  std::optional<std::string> matches_;
  std::optional<std::pair<long long, long long>> length_;
  std::optional<std::string> type_pattern_;
};
}  // namespace

CheckKind valid_kind() {
  return kind_of<ValidCheck>("valid",
                             "values in a set, a range, matching a pattern, of a length or parseable as a type");
}

}  // namespace pgcertify::checks

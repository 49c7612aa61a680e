// `valid`: values in a set, in a range, matching a pattern, of a length, or parseable as a
// type. NULL is not invalid (that is `not_null`'s business), as in SodaCL.

#include <fmt/format.h>

#include <map>

#include "catalog/identifiers.hpp"
#include "checks/registry.hpp"
#include "checks/row_rule.hpp"
#include "common/strings.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"table", "column", "where", "max", "samples", "in",
                                        "between", "matches", "length", "type"};

/// What `type:` accepts, as a predicate over the value as text (`{v}`). PostgreSQL 15 has no
/// pg_input_is_valid(), and a failed cast would abort the whole scan, so each test casts only
/// inside a CASE branch its shape has already made safe. `integer` is any value that fits a
/// bigint; `date` is a real calendar date (no 31 February, no month 13, no year 0).
const std::map<std::string, std::string> kTypeTests = {
    {"integer", R"(CASE WHEN {v} ~ '^\s*[+-]?[0-9]+\s*$' THEN {v}::numeric BETWEEN -9223372036854775808 AND 9223372036854775807 ELSE false END)"},
    {"numeric", R"({v} ~* '^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$')"},
    {"uuid", R"({v} ~* '^\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\}?$')"},
    {"date", R"(CASE WHEN {v} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
  CASE WHEN substr({v}, 1, 4)::int >= 1 AND substr({v}, 6, 2)::int BETWEEN 1 AND 12
       THEN substr({v}, 9, 2)::int BETWEEN 1 AND extract(day FROM make_date(substr({v}, 1, 4)::int, substr({v}, 6, 2)::int, 1)
                                                        + interval '1 month' - interval '1 day')::int
       ELSE false END
  ELSE false END)"},
    {"boolean", R"({v} ~* '^\s*(t|f|true|false|y|n|yes|no|on|off|1|0)\s*$')"},
    {"email", R"({v} ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$')"},
};

/// `test` with every `{v}` replaced by `value` (the tests hold regex braces: no fmt here).
std::string with_value(std::string test, const std::string& value) {
  for (size_t at = test.find("{v}"); at != std::string::npos; at = test.find("{v}", at + value.size()))
    test.replace(at, 3, value);
  return test;
}

/// Types whose values `between` compares as numbers and `in` compares as the column's type.
bool is_numeric_type(std::string_view type) {
  for (std::string_view t : {"smallint", "integer", "bigint", "real", "double precision", "numeric"})
    if (type.starts_with(t)) return true;
  return false;
}

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
      const auto found = kTypeTests.find(name);
      if (found == kTypeTests.end()) {
        throw type->error("unknown type '" + name + "' (expected one of: integer, numeric, uuid, date, boolean, email)");
      }
      type_test_ = found->second;
    }
    if (!in_ && !between_ && !matches_ && !length_ && !type_test_)
      throw options.error("'valid' needs at least one of: in, between, matches, length, type");
  }

  std::string default_name() const override { return "valid " + rule_.table + "." + column_; }

  std::vector<Outcome> run(Context& context) const override {
    auto& c = context.connection();
    const std::string col = "t." + quote_column(c, column_);
    const std::optional<std::string> type = column_type(context);
    const bool numeric = type && is_numeric_type(*type);
    if (between_ && type && !numeric)
      return {Outcome::error(fmt::format("'between' compares numbers, but {}.{} is {}: use 'type: numeric', 'matches' or "
                                         "'in' for it",
                                         rule_.table, column_, *type))};
    std::vector<std::string> conditions;
    if (in_) {
      // A numeric column compares as numbers (1.0 is in [1]); anything else as text.
      std::string list;
      for (const auto& v : *in_) list += (list.empty() ? "" : ", ") + c.quote_literal(v);
      conditions.push_back(col + (numeric ? " IN (" : "::text IN (") + list + ")");
    }
    if (between_) conditions.push_back(fmt::format("{} BETWEEN {} AND {}", col, between_->first, between_->second));
    if (matches_) conditions.push_back(col + "::text ~ " + c.quote_literal(*matches_));
    if (length_) conditions.push_back(fmt::format("length({}::text) BETWEEN {} AND {}", col, length_->first, length_->second));
    if (type_test_) conditions.push_back(with_value(*type_test_, col + "::text"));
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
  /// The column's type from the catalog snapshot, when the table is found there.
  std::optional<std::string> column_type(Context& context) const {
    const auto name = catalog::parse_qualified_name(rule_.table, "public");
    const catalog::Relation* rel = name ? context.catalog(catalog::kCatalogRelations).relation(*name) : nullptr;
    const catalog::Column* column = rel ? rel->column(column_) : nullptr;
    if (!column) return std::nullopt;
    return column->type;
  }

  RowRuleOptions rule_;
  std::string column_;
  std::optional<std::vector<std::string>> in_;
  std::optional<std::pair<std::string, std::string>> between_;
  std::optional<std::string> matches_;
  std::optional<std::pair<long long, long long>> length_;
  std::optional<std::string> type_test_;
};
}  // namespace

CheckKind valid_kind() {
  return kind_of<ValidCheck>("valid",
                             "values in a set, a range, matching a pattern, of a length or parseable as a type");
}

}  // namespace pgcertify::checks

#pragma once
// CHECK constraints as the server prints them (pg_get_expr), read into a small tree that can be
// evaluated on a generated row (SQL's three-valued logic), and mined for per-column hints
// (ranges, IN lists, length bounds, regular expressions) that steer the default generators.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace pgcertify::datagen {

/// One generated value as a check sees it: SQL NULL, a number (numeric and temporal types:
/// timestamps are epoch seconds, intervals seconds), or text.
struct Datum {
  enum class Kind { kNull, kNumber, kText, kBool, kUnknown };
  Kind kind = Kind::kNull;
  double number = 0;
  std::string text;
  bool boolean = false;
};

struct Expr {
  enum class Op { kColumn, kNumber, kString, kNull, kBool, kNow, kAnd, kOr, kNot, kCompare, kIsNull, kIsNotNull,
                  kAny, kArray, kRegex, kFunction, kUnknown };
  Op op = Op::kUnknown;
  std::string text;       // column name, literal, operator, function name
  std::string cast;       // the type a literal was cast to ("interval", "date", …)
  double number = 0;
  bool negated = false;   // !~ and !~*
  std::vector<Expr> args;
  std::shared_ptr<const re2::RE2> regex;  // kRegex with a literal pattern (RE2: linear time per row)
};

/// What one column's CHECK constraints say about it, from the top-level AND of each check.
struct ColumnHints {
  std::optional<double> min, max;          // inclusive (strict bounds are nudged by the type's step)
  bool min_strict = false, max_strict = false;
  std::optional<std::vector<std::string>> one_of;
  std::optional<std::string> regex;
  std::optional<long long> min_length, max_length;
  std::vector<std::string> sources;  // constraint names, for --dry-run's "why"
};

class CheckExpression {
 public:
  /// Throws std::invalid_argument with the reason when the text is not readable.
  static CheckExpression parse(std::string_view text);

  /// Columns the expression reads.
  std::set<std::string> columns() const;
  /// False only when the row certainly violates it (SQL: a check passes on NULL). Parts it cannot
  /// evaluate (unknown functions, operators) count against the row, so a row is kept only when
  /// the rest of the expression makes it pass anyway.
  bool accepts(const std::function<Datum(const std::string&)>& lookup, double now) const;
  /// Adds this check's hints for each column, tagged with `source`.
  void add_hints(std::map<std::string, ColumnHints>& hints, const std::string& source) const;

  const Expr& root() const { return root_; }

 private:
  Expr root_;
};

/// Evaluates `e`; `lookup(column)` returns that column's Datum in the row.
Datum evaluate(const Expr& e, const std::function<Datum(const std::string&)>& lookup, double now);

/// Interval text ("1 day", "00:30:00", "2 days 01:00:00", "3600") in seconds; nullopt otherwise.
std::optional<double> parse_interval_seconds(std::string_view text);

}  // namespace pgcertify::datagen

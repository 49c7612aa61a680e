#pragma once
// `expect:` on a result set: value, rows, equals, between, every.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checks/result.hpp"
#include "pg/result.hpp"
#include "plan/node.hpp"
#include "plan/units.hpp"

namespace re2 {
class RE2;
}

namespace pgcertify::checks {

/// A value as written in the plan: text, or NULL (YAML `null` / `~`).
using ExpectedValue = std::optional<std::string>;

class Expectation {
 public:
  /// Reads an `expect:` mapping; throws Error(kPlan) at the offending key.
  static Expectation read(const plan::Node& node);

  /// Compares a result with every part of the expectation; all must hold.
  Outcome evaluate(const pg::Result& result) const;

  bool empty() const;

 private:
  struct ValueCheck {
    std::optional<plan::Threshold> threshold;  // "> 0"
    ExpectedValue equals;                      // 42, 'abc', null
  };
  struct Every {
    std::optional<std::string> column;
    std::shared_ptr<const re2::RE2> matches;  // RE2: linear time over every value
    std::string matches_text;
    std::optional<std::pair<double, double>> between;
    bool not_null = false;
    std::optional<std::vector<std::string>> in;

    /// Why a value breaks the rule, or "" when it does not.
    std::string why_not(const std::optional<std::string_view>& value) const;
  };

  void check_value(const pg::Result& r, Outcome& out) const;
  void check_equals(const pg::Result& r, Outcome& out) const;
  /// An error outcome when the rule cannot be applied (no such column).
  std::optional<Outcome> check_every(const pg::Result& r, Outcome& out) const;

  std::optional<ValueCheck> value_;
  std::optional<plan::Threshold> rows_;
  std::optional<std::vector<std::vector<ExpectedValue>>> equals_;
  std::optional<std::pair<double, double>> between_;
  std::optional<Every> every_;
};

/// Do a server value (text format) and a plan value mean the same? Numbers compare as numbers,
/// booleans as booleans ('t' = true), anything else as text.
bool same_value(const std::optional<std::string_view>& actual, const ExpectedValue& expected);

}  // namespace pgcertify::checks

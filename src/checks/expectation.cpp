#include "checks/expectation.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "common/strings.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kExpectKeys = {"value", "rows", "equals", "between", "every"};
const std::vector<std::string> kEveryKeys = {"column", "matches", "between", "not_null", "in"};

std::optional<double> to_number(std::string_view s) {
  const std::string t = trim(s);
  double v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  return v;
}

std::optional<bool> to_bool(std::string_view s) {
  const std::string t = to_lower(trim(s));
  if (t == "t" || t == "true") return true;
  if (t == "f" || t == "false") return false;
  return std::nullopt;
}

ExpectedValue read_value(const plan::Node& node) {
  if (node.is_null()) return std::nullopt;
  return node.as_string("a value");
}

std::pair<double, double> read_range(const plan::Node& node) {
  const auto items = node.items();
  if (items.size() != 2) throw node.error("expected [low, high]");
  const double low = items[0].as_number("a number"), high = items[1].as_number("a number");
  if (low > high) throw node.error(fmt::format("the range [{:g}, {:g}] is empty (low > high)", low, high));
  return {low, high};
}

/// A value inside [low, high]; text that is not a number never is.
bool in_range(const std::optional<std::string_view>& v, const std::pair<double, double>& range) {
  if (!v) return false;
  const double n = to_number(*v).value_or(std::nan(""));
  return n >= range.first && n <= range.second;  // false for NaN
}

std::string show(const std::optional<std::string_view>& v) { return v ? "'" + std::string(*v) + "'" : "NULL"; }
std::string show(const ExpectedValue& v) { return v ? "'" + *v + "'" : "NULL"; }

std::optional<std::string_view> cell(const pg::Result& r, int row, int column) {
  if (r.is_null(row, column)) return std::nullopt;
  return r.value(row, column);
}

std::string row_text(const pg::Result& r, int row) {
  std::string out = "(";
  for (int c = 0; c < r.columns(); ++c) out += (c ? ", " : "") + show(cell(r, row, c));
  return out + ")";
}
}  // namespace

bool same_value(const std::optional<std::string_view>& actual, const ExpectedValue& expected) {
  if (!actual || !expected) return !actual && !expected;
  if (*actual == *expected) return true;
  const auto a = to_number(*actual), e = to_number(*expected);
  if (a && e) return *a == *e;
  const auto ab = to_bool(*actual), eb = to_bool(*expected);
  return ab && eb && *ab == *eb;
}

bool Expectation::empty() const { return !value_ && !rows_ && !equals_ && !between_ && !every_; }

Expectation Expectation::read(const plan::Node& node) {
  node.require_map("an expectation (value, rows, equals, between or every)");
  node.check_keys(kExpectKeys);
  Expectation x;
  if (auto v = node.get("value")) {
    ValueCheck check;
    const auto text = read_value(*v);
    const auto threshold = text ? plan::parse_threshold(*text, plan::BareNumber::kEqual) : std::nullopt;
    const bool has_comparator = text && !text->empty() && std::string("<>=!").find((*text)[0]) != std::string::npos;
    if (has_comparator) {
      if (!threshold) throw v->error("invalid comparison '" + *text + "' (expected e.g. \"> 0\" or \"<= 10\")");
      check.threshold = threshold;
    } else {
      check.equals = text;
    }
    x.value_ = check;
  }
  if (auto rows = node.get("rows")) x.rows_ = rows->as_threshold(plan::BareNumber::kEqual);
  if (auto equals = node.get("equals")) {
    std::vector<std::vector<ExpectedValue>> rows;
    for (const auto& row : equals->items()) {
      std::vector<ExpectedValue> values;
      if (row.is_sequence()) {
        for (const auto& v : row.items()) values.push_back(read_value(v));
      } else {
        values.push_back(read_value(row));
      }
      rows.push_back(std::move(values));
    }
    x.equals_ = std::move(rows);
  }
  if (auto between = node.get("between")) x.between_ = read_range(*between);
  if (auto every = node.get("every")) {
    every->require_map("conditions every row must meet (matches, between, not_null, in)");
    every->check_keys(kEveryKeys);
    Every e;
    if (auto c = every->get("column")) e.column = c->as_string("a column name");
    if (auto m = every->get("matches")) {
      e.matches_text = m->as_string("a regular expression");
      try {
        e.matches = std::regex(e.matches_text, std::regex::ECMAScript);
      } catch (const std::regex_error& err) {
        throw m->error(std::string("invalid regular expression: ") + err.what());
      }
    }
    if (auto b = every->get("between")) e.between = read_range(*b);
    if (auto n = every->get("not_null")) e.not_null = n->as_bool();
    if (auto in = every->get("in")) e.in = in->as_string_list("a list of values");
    if (!e.matches && !e.between && !e.not_null && !e.in)
      throw every->error("'every' needs at least one of: matches, between, not_null, in");
    x.every_ = std::move(e);
  }
  if (x.empty()) throw node.error("'expect' is empty (give value, rows, equals, between or every)");
  return x;
}

Outcome Expectation::evaluate(const pg::Result& r) const {
  Outcome out;
  auto miss = [&out](std::string message) {
    if (out.status == Status::kPass) out.message = std::move(message);
    out.status = Status::kFail;
  };

  if (rows_) {
    out.measurements.push_back({"rows", std::to_string(r.rows()), rows_->describe()});
    if (!rows_->holds(r.rows())) miss(fmt::format("returned {} rows, expected {}", r.rows(), rows_->describe()));
  }

  if (value_ || between_) {
    if (r.rows() != 1 || r.columns() < 1) {
      miss(fmt::format("expected a single value, but the query returned {} rows and {} columns", r.rows(), r.columns()));
    } else {
      const auto actual = cell(r, 0, 0);
      if (value_) {
        const auto number = actual ? to_number(*actual) : std::nullopt;
        if (value_->threshold) {
          out.measurements.push_back({"value", actual ? std::string(*actual) : "NULL", value_->threshold->describe()});
          if (!number) miss("expected a number " + value_->threshold->describe() + ", got " + show(actual));
          else if (!value_->threshold->holds(*number))
            miss(fmt::format("value {} is not {}", std::string(*actual), value_->threshold->describe()));
        } else {
          out.measurements.push_back({"value", actual ? std::string(*actual) : "NULL", "= " + show(value_->equals)});
          if (!same_value(actual, value_->equals)) miss("value " + show(actual) + " is not " + show(value_->equals));
        }
      }
      if (between_) {
        const std::string range = fmt::format("between {:g} and {:g}", between_->first, between_->second);
        out.measurements.push_back({"value", actual ? std::string(*actual) : "NULL", range});
        if (!in_range(actual, *between_))
          miss("value " + show(actual) + " is not " + range);
      }
    }
  }

  if (equals_) {
    const auto& expected = *equals_;
    size_t differences = 0;
    const size_t n = std::max<size_t>(expected.size(), static_cast<size_t>(r.rows()));
    for (size_t i = 0; i < n; ++i) {
      std::string expected_text = "(missing)", actual_text = "(missing)";
      bool same = i < expected.size() && i < static_cast<size_t>(r.rows());
      if (i < expected.size()) {
        expected_text = "(";
        for (size_t c = 0; c < expected[i].size(); ++c) expected_text += (c ? ", " : "") + show(expected[i][c]);
        expected_text += ")";
      }
      if (i < static_cast<size_t>(r.rows())) {
        const int row = static_cast<int>(i);
        actual_text = row_text(r, row);
        if (same) {
          same = expected[i].size() == static_cast<size_t>(r.columns());
          for (int c = 0; same && c < r.columns(); ++c) same = same_value(cell(r, row, c), expected[i][static_cast<size_t>(c)]);
        }
      }
      if (same) continue;
      ++differences;
      if (out.evidence.size() < kMaxEvidence)
        out.evidence.push_back(fmt::format("row {}: expected {}, got {}", i + 1, expected_text, actual_text));
    }
    if (differences > 0)
      miss(fmt::format("result differs from the expected rows in {} of {} rows", differences, n));
  }

  if (every_) {
    int column = 0;
    if (every_->column) {
      column = -1;
      for (int c = 0; c < r.columns(); ++c)
        if (r.column_name(c) == *every_->column) column = c;
      if (column < 0) return Outcome::error("the query returns no column named '" + *every_->column + "'");
    }
    if (r.columns() == 0) return Outcome::error("the query returns no columns");
    size_t offending = 0;
    for (int row = 0; row < r.rows(); ++row) {
      const auto v = cell(r, row, column);
      std::string why;
      if (!v) {
        if (every_->not_null) why = "is NULL";
      } else {
        if (every_->matches && !std::regex_search(v->begin(), v->end(), *every_->matches))
          why = "does not match /" + every_->matches_text + "/";
        if (why.empty() && every_->between) {
          if (!in_range(v, *every_->between))
            why = fmt::format("is not between {:g} and {:g}", every_->between->first, every_->between->second);
        }
        if (why.empty() && every_->in) {
          bool found = false;
          for (const auto& allowed : *every_->in) found = found || same_value(v, allowed);
          if (!found) why = "is not in the allowed list";
        }
      }
      if (why.empty()) continue;
      ++offending;
      if (out.evidence.size() < kMaxEvidence) out.evidence.push_back(fmt::format("row {}: {} {}", row + 1, show(v), why));
    }
    out.measurements.push_back({"offending rows", std::to_string(offending), "= 0"});
    if (offending > 0) miss(fmt::format("{} of {} rows break the rule", offending, r.rows()));
  }

  if (out.status == Status::kPass) out.message = fmt::format("{} rows as expected", r.rows());
  return out;
}

}  // namespace pgcertify::checks

#include "checks/expectation.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>
#include <re2/re2.h>

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
      RE2::Options options;
      options.set_log_errors(false);
      auto compiled = std::make_shared<const RE2>(e.matches_text, options);
      if (!compiled->ok()) throw m->error("invalid regular expression: " + compiled->error());
      e.matches = std::move(compiled);
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

namespace {
/// Records the first miss as the message; later misses only keep the status failed.
void miss(Outcome& out, std::string message) {
  if (out.status == Status::kPass) out.message = std::move(message);
  out.status = Status::kFail;
}

std::string expected_row_text(const std::vector<ExpectedValue>& row) {
  std::string text = "(";
  for (size_t c = 0; c < row.size(); ++c) text += (c ? ", " : "") + show(row[c]);
  return text + ")";
}
}  // namespace

void Expectation::check_value(const pg::Result& r, Outcome& out) const {
  if (r.rows() != 1 || r.columns() < 1) {
    miss(out, fmt::format("expected a single value, but the query returned {} rows and {} columns", r.rows(), r.columns()));
    return;
  }
  const auto actual = cell(r, 0, 0);
  const std::string shown = actual ? std::string(*actual) : "NULL";
  if (value_ && value_->threshold) {
    const auto number = actual ? to_number(*actual) : std::nullopt;
    out.measurements.push_back({"value", shown, value_->threshold->describe()});
    if (!number) miss(out, "expected a number " + value_->threshold->describe() + ", got " + show(actual));
    else if (!value_->threshold->holds(*number))
      miss(out, fmt::format("value {} is not {}", shown, value_->threshold->describe()));
  } else if (value_) {
    out.measurements.push_back({"value", shown, "= " + show(value_->equals)});
    if (!same_value(actual, value_->equals)) miss(out, "value " + show(actual) + " is not " + show(value_->equals));
  }
  if (between_) {
    const std::string range = fmt::format("between {:g} and {:g}", between_->first, between_->second);
    out.measurements.push_back({"value", shown, range});
    if (!in_range(actual, *between_)) miss(out, "value " + show(actual) + " is not " + range);
  }
}

void Expectation::check_equals(const pg::Result& r, Outcome& out) const {
  const auto& expected = *equals_;
  const size_t actual_rows = static_cast<size_t>(r.rows());
  const size_t n = std::max(expected.size(), actual_rows);
  size_t differences = 0;
  for (size_t i = 0; i < n; ++i) {
    const int row = static_cast<int>(i);
    bool same = i < expected.size() && i < actual_rows && expected[i].size() == static_cast<size_t>(r.columns());
    for (int c = 0; same && c < r.columns(); ++c) same = same_value(cell(r, row, c), expected[i][static_cast<size_t>(c)]);
    if (same) continue;
    ++differences;
    if (out.evidence.size() < kMaxEvidence)
      out.evidence.push_back(fmt::format("row {}: expected {}, got {}", i + 1,
                                         i < expected.size() ? expected_row_text(expected[i]) : "(missing)",
                                         i < actual_rows ? row_text(r, row) : "(missing)"));
  }
  if (differences > 0) miss(out, fmt::format("result differs from the expected rows in {} of {} rows", differences, n));
}

std::string Expectation::Every::why_not(const std::optional<std::string_view>& v) const {
  if (!v) return not_null ? "is NULL" : "";
  if (matches && !RE2::PartialMatch(re2::StringPiece(v->data(), v->size()), *matches)) return "does not match /" + matches_text + "/";
  if (between && !in_range(v, *between))
    return fmt::format("is not between {:g} and {:g}", between->first, between->second);
  if (in && std::none_of(in->begin(), in->end(), [&](const std::string& allowed) { return same_value(v, allowed); }))
    return "is not in the allowed list";
  return "";
}

std::optional<Outcome> Expectation::check_every(const pg::Result& r, Outcome& out) const {
  if (r.columns() == 0) return Outcome::error("the query returns no columns");
  int column = 0;
  if (every_->column) {
    column = -1;
    for (int c = 0; c < r.columns(); ++c)
      if (r.column_name(c) == *every_->column) column = c;
    if (column < 0) return Outcome::error("the query returns no column named '" + *every_->column + "'");
  }
  size_t offending = 0;
  for (int row = 0; row < r.rows(); ++row) {
    const auto v = cell(r, row, column);
    const std::string why = every_->why_not(v);
    if (why.empty()) continue;
    ++offending;
    if (out.evidence.size() < kMaxEvidence) out.evidence.push_back(fmt::format("row {}: {} {}", row + 1, show(v), why));
  }
  out.measurements.push_back({"offending rows", std::to_string(offending), "= 0"});
  if (offending > 0) miss(out, fmt::format("{} of {} rows break the rule", offending, r.rows()));
  return std::nullopt;
}

Outcome Expectation::evaluate(const pg::Result& r) const {
  Outcome out;
  if (rows_) {
    out.measurements.push_back({"rows", std::to_string(r.rows()), rows_->describe()});
    if (!rows_->holds(r.rows())) miss(out, fmt::format("returned {} rows, expected {}", r.rows(), rows_->describe()));
  }
  if (value_ || between_) check_value(r, out);
  if (equals_) check_equals(r, out);
  if (every_) {
    if (auto error = check_every(r, out)) return *error;
  }
  if (out.status == Status::kPass) out.message = fmt::format("{} rows as expected", r.rows());
  return out;
}

}  // namespace pgcertify::checks

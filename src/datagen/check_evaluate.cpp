// Evaluating a CheckExpression on one generated row, and mining it for per-column hints.

#include <cmath>
#include <cstdlib>

#include <re2/re2.h>

#include "common/strings.hpp"
#include "datagen/check_expression.hpp"

namespace pgcertify::datagen {
namespace {
using Kind = Datum::Kind;
using Lookup = std::function<Datum(const std::string&)>;

Datum make_bool(bool b) { return Datum{Kind::kBool, 0, {}, b}; }
Datum unknown() { return Datum{Kind::kUnknown, 0, {}, false}; }

std::optional<double> as_number(const Datum& d) {
  if (d.kind == Kind::kNumber) return d.number;
  if (d.kind != Kind::kText || d.text.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(d.text.c_str(), &end);
  if (*end != '\0') return std::nullopt;
  return v;
}

Datum literal(const Expr& e) {
  if (e.op == Expr::Op::kNumber) return Datum{Kind::kNumber, e.number, e.text, false};
  if (e.cast == "interval") {
    if (auto seconds = parse_interval_seconds(e.text)) return Datum{Kind::kNumber, *seconds, e.text, false};
    return unknown();
  }
  if (e.cast.starts_with("timestamp") || e.cast == "date") return unknown();
  return Datum{Kind::kText, 0, e.text, false};
}

Datum compare(const std::string& op, const Datum& a, const Datum& b) {
  if (a.kind == Kind::kUnknown || b.kind == Kind::kUnknown) return unknown();
  if (a.kind == Kind::kNull || b.kind == Kind::kNull) return Datum{};
  int order = 0;
  if (a.kind == Kind::kBool && b.kind == Kind::kBool) order = int(a.boolean) - int(b.boolean);
  else if (a.kind == Kind::kText && b.kind == Kind::kText) order = a.text.compare(b.text);
  else {
    const auto x = as_number(a), y = as_number(b);
    if (!x || !y) return unknown();
    order = *x < *y ? -1 : (*x > *y ? 1 : 0);
  }
  if (op == "=") return make_bool(order == 0);
  if (op == "<>" || op == "!=") return make_bool(order != 0);
  if (op == "<") return make_bool(order < 0);
  if (op == "<=") return make_bool(order <= 0);
  if (op == ">") return make_bool(order > 0);
  return make_bool(order >= 0);
}

Datum logic(const Expr& e, const Lookup& lookup, double now) {
  const bool is_and = e.op == Expr::Op::kAnd;
  bool saw_null = false, saw_unknown = false;
  for (const auto& arg : e.args) {
    const Datum d = evaluate(arg, lookup, now);
    if (d.kind == Kind::kBool && d.boolean != is_and) return make_bool(!is_and);
    if (d.kind == Kind::kNull) saw_null = true;
    else if (d.kind != Kind::kBool) saw_unknown = true;
  }
  if (saw_unknown) return unknown();
  return saw_null ? Datum{} : make_bool(is_and);
}

Datum any_of(const Expr& e, const Lookup& lookup, double now) {
  const Datum left = evaluate(e.args[0], lookup, now);
  if (e.args[1].op != Expr::Op::kArray) return unknown();
  bool saw_null = false;
  for (const auto& item : e.args[1].args) {
    const Datum d = compare(e.text, left, evaluate(item, lookup, now));
    if (d.kind == Kind::kBool && d.boolean) return d;
    if (d.kind == Kind::kUnknown) return d;
    if (d.kind == Kind::kNull) saw_null = true;
  }
  return saw_null ? Datum{} : make_bool(false);
}

Datum function(const Expr& e, const Lookup& lookup, double now) {
  if (e.args.size() != 1) return unknown();
  const Datum arg = evaluate(e.args[0], lookup, now);
  if (arg.kind == Kind::kNull) return arg;
  if (arg.kind != Kind::kText) return unknown();
  if (e.text == "length" || e.text == "char_length" || e.text == "character_length" || e.text == "octet_length")
    return Datum{Kind::kNumber, static_cast<double>(arg.text.size()), {}, false};
  if (e.text == "lower") return Datum{Kind::kText, 0, to_lower(arg.text), false};
  if (e.text == "btrim" || e.text == "trim") return Datum{Kind::kText, 0, trim(arg.text), false};
  if (e.text == "jsonb_typeof" || e.text == "json_typeof") {
    const char c = arg.text.empty() ? ' ' : arg.text[0];
    return Datum{Kind::kText, 0, c == '{' ? "object" : c == '[' ? "array" : c == '"' ? "string" : "number", false};
  }
  return unknown();
}
}  // namespace

Datum evaluate(const Expr& e, const Lookup& lookup, double now) {
  switch (e.op) {
    case Expr::Op::kColumn: return lookup(e.text);
    case Expr::Op::kNumber:
    case Expr::Op::kString: return literal(e);
    case Expr::Op::kNull: return Datum{};
    case Expr::Op::kBool: return make_bool(e.text == "true");
    case Expr::Op::kNow: return Datum{Kind::kNumber, now, {}, false};
    case Expr::Op::kAnd:
    case Expr::Op::kOr: return logic(e, lookup, now);
    case Expr::Op::kNot: {
      const Datum d = evaluate(e.args[0], lookup, now);
      return d.kind == Kind::kBool ? make_bool(!d.boolean) : d;
    }
    case Expr::Op::kCompare: return compare(e.text, evaluate(e.args[0], lookup, now), evaluate(e.args[1], lookup, now));
    case Expr::Op::kIsNull:
    case Expr::Op::kIsNotNull: {
      const Datum d = evaluate(e.args[0], lookup, now);
      if (d.kind == Kind::kUnknown) return d;
      return make_bool((d.kind == Kind::kNull) == (e.op == Expr::Op::kIsNull));
    }
    case Expr::Op::kAny: return any_of(e, lookup, now);
    case Expr::Op::kRegex: {
      const Datum d = evaluate(e.args[0], lookup, now);
      if (d.kind == Kind::kNull) return d;
      if (d.kind != Kind::kText || !e.regex) return unknown();
      return make_bool(RE2::PartialMatch(d.text, *e.regex) != e.negated);
    }
    case Expr::Op::kFunction: return function(e, lookup, now);
    case Expr::Op::kArray:
    case Expr::Op::kUnknown: return unknown();
  }
  return unknown();
}

bool CheckExpression::accepts(const Lookup& lookup, double now) const {
  const Datum d = evaluate(root_, lookup, now);
  return d.kind == Kind::kNull || (d.kind == Kind::kBool && d.boolean);
}

namespace {
void collect_columns(const Expr& e, std::set<std::string>& out) {
  if (e.op == Expr::Op::kColumn) out.insert(e.text);
  for (const auto& arg : e.args) collect_columns(arg, out);
}

void conjuncts(const Expr& e, std::vector<const Expr*>& out) {
  if (e.op == Expr::Op::kAnd) {
    for (const auto& arg : e.args) conjuncts(arg, out);
  } else {
    out.push_back(&e);
  }
}

const char* flip(const std::string& op) {
  if (op == "<") return ">";
  if (op == "<=") return ">=";
  if (op == ">") return "<";
  if (op == ">=") return "<=";
  return op == "=" ? "=" : "";
}

void bound(ColumnHints& h, const std::string& op, double value) {
  if (op == ">=" || op == ">" || op == "=") {
    if (!h.min || value >= *h.min) h.min = value, h.min_strict = op == ">";
  }
  if (op == "<=" || op == "<" || op == "=") {
    if (!h.max || value <= *h.max) h.max = value, h.max_strict = op == "<";
  }
}

void length_bound(ColumnHints& h, const std::string& op, long long n) {
  if (op == ">=" || op == "=") h.min_length = n;
  if (op == ">") h.min_length = n + 1;
  if (op == "<=" || op == "=") h.max_length = n;
  if (op == "<") h.max_length = n - 1;
}

/// One conjunct `column op number`, `length(column) op number`, `column = ANY(ARRAY[…])`, `column ~ '…'`.
void hint_from(const Expr& e, std::map<std::string, ColumnHints>& hints, const std::string& source) {
  auto note = [&](const std::string& column) -> ColumnHints& {
    ColumnHints& h = hints[column];
    if (h.sources.empty() || h.sources.back() != source) h.sources.push_back(source);
    return h;
  };
  if (e.op == Expr::Op::kCompare) {
    const Expr* column = &e.args[0];
    const Expr* value = &e.args[1];
    std::string op = e.text;
    if (column->op == Expr::Op::kNumber) std::swap(column, value), op = flip(op);
    if (value->op != Expr::Op::kNumber) return;
    if (column->op == Expr::Op::kColumn) bound(note(column->text), op, value->number);
    const bool is_length = column->op == Expr::Op::kFunction && column->args.size() == 1 &&
                           column->args[0].op == Expr::Op::kColumn &&
                           (column->text == "length" || column->text == "char_length");
    if (is_length) length_bound(note(column->args[0].text), op, static_cast<long long>(value->number));
  } else if (e.op == Expr::Op::kAny && e.text == "=" && e.args[0].op == Expr::Op::kColumn &&
             e.args[1].op == Expr::Op::kArray) {
    std::vector<std::string> values;
    for (const auto& item : e.args[1].args) {
      if (item.op != Expr::Op::kString && item.op != Expr::Op::kNumber) return;
      values.push_back(item.text);
    }
    note(e.args[0].text).one_of = values;
  } else if (e.op == Expr::Op::kRegex && !e.negated && e.args[0].op == Expr::Op::kColumn &&
             e.args[1].op == Expr::Op::kString) {
    note(e.args[0].text).regex = e.args[1].text;
  }
}
}  // namespace

std::set<std::string> CheckExpression::columns() const {
  std::set<std::string> out;
  collect_columns(root_, out);
  return out;
}

void CheckExpression::add_hints(std::map<std::string, ColumnHints>& hints, const std::string& source) const {
  std::vector<const Expr*> parts;
  conjuncts(root_, parts);
  for (const Expr* part : parts) hint_from(*part, hints, source);
}

std::optional<double> parse_interval_seconds(std::string_view text) {
  double total = 0;
  double pending = 0;  // a number waiting for its unit word
  bool has_pending = false;
  bool any = false;
  for (const auto& raw : split(text, ' ')) {
    const std::string word = trim(raw);
    if (word.empty()) continue;
    if (word.find(':') != std::string::npos) {
      double scale = 3600;
      for (const auto& part : split(word, ':')) total += scale * std::atof(part.c_str()), scale /= 60;
      any = true;
      continue;
    }
    char* end = nullptr;
    const double n = std::strtod(word.c_str(), &end);
    if (*end == '\0') {
      if (has_pending) total += pending;
      pending = n, has_pending = true;
      continue;
    }
    if (!has_pending) return std::nullopt;
    const std::string unit = to_lower(word);
    double scale = 0;
    if (unit.starts_with("sec")) scale = 1;
    else if (unit.starts_with("min")) scale = 60;
    else if (unit.starts_with("hour")) scale = 3600;
    else if (unit.starts_with("day")) scale = 86400;
    else if (unit.starts_with("week")) scale = 7 * 86400;
    else if (unit.starts_with("mon")) scale = 30 * 86400;
    else if (unit.starts_with("year")) scale = 365 * 86400;
    else return std::nullopt;
    total += pending * scale;
    has_pending = false;
    any = true;
  }
  if (has_pending) total += pending, any = true;
  if (!any) return std::nullopt;
  return total;
}

}  // namespace pgcertify::datagen

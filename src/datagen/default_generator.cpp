// Choosing a column's generator from the catalog alone: CHECK hints first (IN lists, regular
// expressions, ranges), then the column's name (email, name, company, …), then its type.

#include <fmt/format.h>

#include <cmath>

#include "common/error.hpp"
#include "common/strings.hpp"
#include "datagen/data_plan.hpp"
#include "datagen/regex_generator.hpp"

namespace pgcertify::datagen {
namespace {
GeneratorSpec make(GeneratorKind kind, std::string why) {
  GeneratorSpec spec;
  spec.kind = kind;
  spec.why = std::move(why);
  return spec;
}

std::string hint_sources(const ColumnHints* hints) {
  std::string out;
  for (const auto& s : hints->sources) out += (out.empty() ? "" : ", ") + s;
  return "CHECK " + out;
}

Error unsatisfiable(const catalog::Relation& table, const catalog::Column& column, const std::string& what) {
  return Error(ErrorKind::kPlan, fmt::format("setup.data: {}.{}: {}", table.name.display(), column.name, what))
      .with_hint(fmt::format("give an explicit generator: setup.data.tables.{}.columns.{}: {{…}}", table.name.name, column.name));
}

/// uniform over the CHECK's range within the type's, or a sequence when the column is unique.
GeneratorSpec numeric_default(const catalog::Relation& table, const catalog::Column& column, const ColumnType& type,
                              const ColumnHints* hints, bool unique, long long rows) {
  const double step = type.kind == ValueType::kInteger ? 1 : std::pow(10.0, -type.scale) * (type.kind == ValueType::kFloat ? 0 : 1);
  std::optional<double> lo, hi;
  if (hints && hints->min) lo = *hints->min + (hints->min_strict ? std::max(step, 1e-6) : 0);
  if (hints && hints->max) hi = *hints->max - (hints->max_strict ? std::max(step, 1e-6) : 0);
  if (type.kind == ValueType::kInteger && lo) lo = std::ceil(*lo);
  if (type.kind == ValueType::kInteger && hi) hi = std::floor(*hi);
  const double span = unique ? std::max(1000.0, static_cast<double>(rows)) - 1 : 1000;
  double low = lo ? *lo : (hi ? *hi - span : (unique ? 1 : 0));
  double high = hi ? *hi : low + span;
  low = std::max(low, type.min), high = std::min(high, type.max);
  if (low > high) throw unsatisfiable(table, column, fmt::format("{} leaves no value of type {}", hint_sources(hints), type.name));
  const std::string why = hints && (hints->min || hints->max) ? hint_sources(hints) : "type " + type.name;
  if (unique && type.kind == ValueType::kInteger) {
    if (high - low + 1 < static_cast<double>(rows))
      throw unsatisfiable(table, column, fmt::format("unique, but {} allows only {} values for {} rows", why, high - low + 1, rows));
    GeneratorSpec spec = make(GeneratorKind::kSequence, why + ", unique");
    spec.start = static_cast<long long>(low);
    return spec;
  }
  GeneratorSpec spec = make(GeneratorKind::kUniform, why);
  spec.low = low, spec.high = high;
  return spec;
}

std::optional<GeneratorSpec> by_name(const std::string& name, const ColumnType& type) {
  if (type.kind != ValueType::kText) return std::nullopt;
  const std::string n = to_lower(name);
  auto has = [&](std::string_view part) { return n.find(part) != std::string::npos; };
  if (has("email")) return make(GeneratorKind::kEmail, "column name");
  if (has("password")) {
    // bcrypt-shaped (never a real password): the form password-policy triggers accept.
    GeneratorSpec spec = make(GeneratorKind::kRegex, "column name (a bcrypt-shaped hash)");
    spec.pattern = "^\\$2b\\$12\\$[./A-Za-z0-9]{53}$";
    return spec;
  }
  if (has("company") || has("organization") || has("organisation")) return make(GeneratorKind::kCompany, "column name");
  if (n == "name" || n.ends_with("_name") || has("author")) return make(GeneratorKind::kName, "column name");
  if (has("description") || has("notes") || has("comment") || has("message") || has("title")) {
    GeneratorSpec spec = make(GeneratorKind::kSentence, "column name");
    spec.words_min = 3, spec.words_max = has("title") ? 6 : 14;
    return spec;
  }
  return std::nullopt;
}

GeneratorSpec text_default(const catalog::Relation& table, const catalog::Column& column, const ColumnType& type,
                           const ColumnHints* hints, bool unique) {
  if (hints && hints->regex) {
    std::string why;
    if (!RegexGenerator::compile(*hints->regex, &why))
      throw unsatisfiable(table, column, fmt::format("{} uses a regular expression pgcertify cannot generate from ('{}': {})",
                                                     hint_sources(hints), *hints->regex, why));
    GeneratorSpec spec = make(GeneratorKind::kRegex, hint_sources(hints));
    spec.pattern = *hints->regex;
    return spec;
  }
  if (auto named = by_name(column.name, type)) {
    if (!unique || named->kind == GeneratorKind::kEmail) return *named;
  }
  if (unique) {
    // Ten letters: 26^10 combinations, so bookkeeping rarely has to retry.
    const int length = type.max_length > 0 ? std::min(type.max_length, 10) : 10;
    GeneratorSpec spec = make(GeneratorKind::kPattern, "type " + type.name + ", unique");
    spec.pattern = std::string(static_cast<size_t>(length), '?');
    return spec;
  }
  GeneratorSpec spec = make(GeneratorKind::kText, "type " + type.name);
  spec.words_min = 1, spec.words_max = 4;
  if (hints && hints->min_length && *hints->min_length > 3) spec.words_min = spec.words_max = static_cast<int>(*hints->min_length);
  return spec;
}
}  // namespace

GeneratorSpec default_generator(const catalog::Relation& table, const catalog::Column& column, const ColumnType& type,
                                const ColumnHints* hints, bool unique, long long rows) {
  if (hints && hints->one_of) {
    GeneratorSpec spec = make(GeneratorKind::kOneOf, hint_sources(hints));
    spec.values = *hints->one_of;
    return spec;
  }
  switch (type.kind) {
    case ValueType::kInteger:
    case ValueType::kNumeric:
    case ValueType::kFloat: return numeric_default(table, column, type, hints, unique, rows);
    case ValueType::kText: return text_default(table, column, type, hints, unique);
    case ValueType::kUuid: return make(GeneratorKind::kUuid, "type uuid");
    case ValueType::kTimestamp:
    case ValueType::kTimestampTz:
    case ValueType::kDate:
    case ValueType::kTime: {
      GeneratorSpec spec = make(GeneratorKind::kBetween, "type " + type.name);
      spec.low = -365 * 86400.0, spec.high = 0;
      return spec;
    }
    case ValueType::kBool: return make(GeneratorKind::kBool, "type boolean");
    case ValueType::kInterval: {
      GeneratorSpec spec = make(GeneratorKind::kUniform, "type interval (seconds)");
      spec.low = hints && hints->min ? *hints->min + 1 : 60, spec.high = hints && hints->max ? *hints->max : 30 * 86400.0;
      return spec;
    }
    case ValueType::kJson: return make(GeneratorKind::kJson, "type " + type.name + " (an empty object)");
    case ValueType::kInet: return make(GeneratorKind::kInet, "type " + type.name);
    case ValueType::kBytea: {
      GeneratorSpec spec = make(GeneratorKind::kConstant, "type bytea");
      spec.values = {"\\x00"};
      return spec;
    }
    case ValueType::kArray: {
      GeneratorSpec spec = make(GeneratorKind::kConstant, "type " + type.name + " (an empty array)");
      spec.values = {"{}"};
      return spec;
    }
    case ValueType::kOther: break;
  }
  if (column.default_expression) return make(GeneratorKind::kServerDefault, "type " + type.name + " has no generator: its DEFAULT");
  if (!column.not_null) {
    GeneratorSpec spec = make(GeneratorKind::kServerDefault, "type " + type.name + " has no generator: NULL");
    return spec;
  }
  throw unsatisfiable(table, column, fmt::format("no default generator for type {} (NOT NULL, no DEFAULT)", type.name));
}

}  // namespace pgcertify::datagen

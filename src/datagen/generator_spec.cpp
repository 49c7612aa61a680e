#include "datagen/generator_spec.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "common/strings.hpp"

namespace pgcertify::datagen {
namespace {
constexpr std::array<std::pair<GeneratorKind, std::string_view>, 19> kNames = {{
    {GeneratorKind::kUniform, "uniform"}, {GeneratorKind::kNormal, "normal"}, {GeneratorKind::kOneOf, "one_of"},
    {GeneratorKind::kSequence, "sequence"}, {GeneratorKind::kUuid, "uuid"}, {GeneratorKind::kBetween, "between"},
    {GeneratorKind::kPattern, "pattern"}, {GeneratorKind::kRegex, "regex"}, {GeneratorKind::kEmail, "email"},
    {GeneratorKind::kName, "name"}, {GeneratorKind::kCompany, "company"}, {GeneratorKind::kSentence, "sentence"},
    {GeneratorKind::kText, "text"}, {GeneratorKind::kRef, "ref"}, {GeneratorKind::kJson, "json"},
    {GeneratorKind::kBool, "boolean"}, {GeneratorKind::kInet, "inet"}, {GeneratorKind::kConstant, "constant"},
    {GeneratorKind::kServerDefault, "server default"},
}};
const std::vector<std::string> kModifiers = {"null_fraction", "unique", "zipf"};

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

std::optional<GeneratorKind> kind_named(std::string_view name) {
  for (const auto& [kind, spelled] : kNames)
    if (spelled == name && kind != GeneratorKind::kServerDefault) return kind;
  return std::nullopt;
}

std::vector<std::string> kind_names() {
  std::vector<std::string> out;
  for (const auto& [kind, spelled] : kNames)
    if (kind != GeneratorKind::kServerDefault) out.emplace_back(spelled);
  return out;
}

std::pair<double, double> read_pair(const plan::Node& node, std::string_view what) {
  if (!node.is_sequence() || node.items().size() != 2) throw node.error(fmt::format("expected {}", what));
  return {node.items()[0].as_number(), node.items()[1].as_number()};
}

bool names_generator(const plan::Node& node) {
  if (!node.is_map()) return false;
  for (const auto& [key, value] : node.entries())
    if (kind_named(key.as_string())) return true;
  return false;
}

/// `json: {score: {uniform: [0, 100]}, source: web, meta: {…}}`: leaves are generators or literals.
void read_template(GeneratorSpec& spec, const plan::Node& args) {
  for (const auto& [key, value] : args.entries()) {
    spec.field_names.push_back(key.as_string("a JSON key"));
    GeneratorSpec field;
    if (names_generator(value)) {
      field = parse_generator(value);
    } else if (value.is_map()) {
      field.kind = GeneratorKind::kJson;
      read_template(field, value);
    } else {
      field.kind = GeneratorKind::kConstant;
      field.values = {value.is_null() ? "null" : value.as_string()};
    }
    if (field.kind == GeneratorKind::kRef) throw value.error("ref is not available inside a json template");
    spec.field_specs.push_back(std::move(field));
  }
}

void read_arguments(GeneratorSpec& spec, const plan::Node& args) {
  switch (spec.kind) {
    case GeneratorKind::kUniform: {
      std::tie(spec.low, spec.high) = read_pair(args, "[low, high], e.g. uniform: [0, 100]");
      if (spec.low > spec.high) throw args.error("uniform: low is greater than high");
      break;
    }
    case GeneratorKind::kNormal: {
      args.require_map("normal: {mean, stddev, min, max}");
      args.check_keys(std::vector<std::string>{"mean", "stddev", "min", "max"});
      spec.mean = args.require("mean").as_number();
      spec.stddev = args.require("stddev").as_number();
      spec.low = args.get("min") ? args.get("min")->as_number() : -1e300;
      spec.high = args.get("max") ? args.get("max")->as_number() : 1e300;
      if (spec.stddev < 0 || spec.low > spec.high) throw args.error("normal: stddev must be >= 0 and min <= max");
      break;
    }
    case GeneratorKind::kOneOf: {
      if (args.is_map()) {
        for (const auto& [value, weight] : args.entries()) {
          spec.values.push_back(value.as_string());
          spec.weights.push_back(weight.as_number("a weight"));
          if (spec.weights.back() < 0) throw weight.error("one_of: a weight must be >= 0");
        }
      } else {
        spec.values = args.as_string_list("a list of values, or a map of value: weight");
      }
      if (spec.values.empty()) throw args.error("one_of: give at least one value");
      break;
    }
    case GeneratorKind::kSequence:
      if (args.is_map()) {
        args.check_keys(std::vector<std::string>{"start", "step"});
        if (auto s = args.get("start")) spec.start = s->as_integer();
        if (auto s = args.get("step")) spec.step = s->as_integer();
      } else if (!args.is_null() && args.is_scalar() && args.as_string() != "true") {
        spec.start = args.as_integer("a start value");
      }
      break;
    case GeneratorKind::kBetween: {
      if (!args.is_sequence() || args.items().size() != 2) throw args.error("expected [from, to], e.g. between: [-365d, now]");
      const auto from = parse_relative_time(args.items()[0].as_string());
      const auto to = parse_relative_time(args.items()[1].as_string());
      if (!from) throw args.items()[0].error("expected a time relative to now: now, -365d, -12h, 30m, 45s");
      if (!to) throw args.items()[1].error("expected a time relative to now: now, -365d, -12h, 30m, 45s");
      if (*from > *to) throw args.error("between: the first bound is after the second");
      spec.low = *from, spec.high = *to;
      break;
    }
    case GeneratorKind::kPattern:
    case GeneratorKind::kRegex:
    case GeneratorKind::kConstant:
      spec.pattern = args.as_string();
      if (spec.kind == GeneratorKind::kConstant) spec.values = {spec.pattern};
      break;
    case GeneratorKind::kText:
    case GeneratorKind::kSentence:
      if (args.is_map()) {
        args.check_keys(std::vector<std::string>{"words"});
        const auto [lo, hi] = read_pair(args.require("words"), "words: [min, max]");
        if (lo < 1 || lo > hi) throw args.error("words: [min, max] needs 1 <= min <= max");
        spec.words_min = static_cast<int>(lo), spec.words_max = static_cast<int>(hi);
      }
      break;
    case GeneratorKind::kRef: {
      const std::string target = args.as_string("table.column");
      const size_t dot = target.rfind('.');
      if (dot == std::string::npos || dot == 0 || dot + 1 == target.size())
        throw args.error("ref: expected table.column, e.g. ref: classrooms.id");
      spec.ref_table = target.substr(0, dot), spec.ref_column = target.substr(dot + 1);
      break;
    }
    case GeneratorKind::kJson:
      if (args.is_map()) read_template(spec, args);
      break;
    default:
      break;  // argument-less kinds accept `true`, `{}` or nothing
  }
}
}  // namespace

std::string_view generator_name(GeneratorKind kind) {
  for (const auto& [k, spelled] : kNames)
    if (k == kind) return spelled;
  return "?";
}

std::optional<double> parse_relative_time(std::string_view raw) {
  const std::string text = trim(raw);
  if (text == "now") return 0.0;
  if (text.size() < 2) return std::nullopt;
  const char unit = text.back();
  const double scale = unit == 'd' ? 86400 : unit == 'h' ? 3600 : unit == 'm' ? 60 : unit == 's' ? 1 : 0;
  if (scale == 0) return std::nullopt;
  try {
    size_t used = 0;
    const std::string number = text.substr(0, text.size() - 1);
    const double value = std::stod(number, &used);
    if (used != number.size()) return std::nullopt;
    return value * scale;
  } catch (...) {
    return std::nullopt;
  }
}

GeneratorSpec parse_generator(const plan::Node& node) {
  GeneratorSpec spec;
  spec.from_plan = true;
  spec.why = "given in the plan";
  if (node.is_scalar()) {
    const std::string name = node.as_string();
    const auto kind = kind_named(name);
    if (!kind) throw node.error(fmt::format("unknown generator '{}'{}", name, did_you_mean(name, kind_names())));
    spec.kind = *kind;
    if (spec.kind == GeneratorKind::kUniform || spec.kind == GeneratorKind::kNormal || spec.kind == GeneratorKind::kOneOf ||
        spec.kind == GeneratorKind::kBetween || spec.kind == GeneratorKind::kPattern || spec.kind == GeneratorKind::kRegex ||
        spec.kind == GeneratorKind::kRef || spec.kind == GeneratorKind::kConstant)
      throw node.error(fmt::format("generator '{}' needs arguments, e.g. {{{}: …}}", name, name));
    return spec;
  }
  node.require_map("a generator: a name like uuid, or a mapping like {uniform: [0, 100]}");
  std::optional<plan::Node> args;
  for (const auto& [key, value] : node.entries()) {
    const std::string name = key.as_string();
    if (name == "null_fraction") {
      spec.null_fraction = value.as_number("a fraction between 0 and 1");
      if (spec.null_fraction < 0 || spec.null_fraction > 1) throw value.error("null_fraction must be between 0 and 1");
    } else if (name == "unique") {
      spec.unique = value.as_bool();
    } else if (name == "zipf") {
      spec.zipf = value.as_number("a skew exponent such as 1.1");
      if (spec.zipf <= 0) throw value.error("zipf must be > 0");
    } else if (const auto kind = kind_named(name)) {
      if (args) throw key.error(fmt::format("one generator per column: '{}' and '{}' are both given",
                                            generator_name(spec.kind), name));
      spec.kind = *kind;
      args = value;
    } else {
      std::vector<std::string> all = kind_names();
      all.insert(all.end(), kModifiers.begin(), kModifiers.end());
      throw key.error(fmt::format("unknown generator '{}'{}", name, did_you_mean(name, all)));
    }
  }
  if (!args) throw node.error("no generator given (e.g. {uniform: [0, 100]} or uuid)");
  read_arguments(spec, *args);
  if (spec.zipf > 0 && spec.kind != GeneratorKind::kRef) throw node.error("zipf applies to ref only");
  return spec;
}

std::string GeneratorSpec::describe() const {
  std::string out(generator_name(kind));
  switch (kind) {
    case GeneratorKind::kUniform: out += fmt::format(" [{}, {}]", low, high); break;
    case GeneratorKind::kNormal: out += fmt::format(" mean {} stddev {}", mean, stddev); break;
    case GeneratorKind::kOneOf: out += " [" + joined(values) + "]"; break;
    case GeneratorKind::kBetween: out += fmt::format(" [{}d, {}d]", low / 86400, high / 86400); break;
    case GeneratorKind::kPattern:
    case GeneratorKind::kRegex: out += " '" + pattern + "'"; break;
    case GeneratorKind::kConstant: out += " " + (values.empty() ? "" : values[0]); break;
    case GeneratorKind::kJson:
      if (!field_names.empty()) out += " {" + joined(field_names) + "}";
      break;
    case GeneratorKind::kText:
    case GeneratorKind::kSentence: out += fmt::format(" {}-{} words", words_min, words_max); break;
    case GeneratorKind::kRef: out += " " + ref_table + "." + ref_column + (zipf > 0 ? fmt::format(" (zipf {})", zipf) : ""); break;
    default: break;
  }
  if (null_fraction > 0) out += fmt::format(", null_fraction {}", null_fraction);
  if (unique) out += ", unique";
  return out;
}

}  // namespace pgcertify::datagen

#pragma once
// What a column's generator is, as written in a plan (`columns: {col: …}`) or chosen from the
// catalog: plain data, parsed once, compiled into a ColumnGenerator per table load.

#include <optional>
#include <string>
#include <vector>

#include "plan/node.hpp"

namespace pgcertify::datagen {

enum class GeneratorKind {
  kUniform, kNormal, kOneOf, kSequence, kUuid, kBetween, kPattern, kRegex, kEmail, kName, kCompany,
  kSentence, kText, kRef, kJson, kBool, kInet, kConstant, kServerDefault
};

/// The plan spelling of each kind ("uniform", …); kServerDefault is "server default".
std::string_view generator_name(GeneratorKind kind);

struct GeneratorSpec {
  GeneratorKind kind = GeneratorKind::kText;
  double low = 0, high = 100;                // uniform; between (seconds relative to now); normal's clamp
  double mean = 0, stddev = 1;               // normal
  std::vector<std::string> values;           // one_of; constant (one value)
  std::vector<double> weights;               // one_of as a map: value -> weight
  std::string pattern;                       // pattern, regex
  int words_min = 3, words_max = 12;         // text, sentence
  long long start = 1, step = 1;             // sequence
  std::string ref_table, ref_column;         // ref
  double zipf = 0;                           // ref: 0 uniform, else the skew exponent
  std::vector<std::string> field_names;       // json template: keys, in order
  std::vector<GeneratorSpec> field_specs;     // json template: each key's generator (kConstant for literals)
  double null_fraction = 0;
  bool unique = false;
  bool from_plan = false;                    // written by the user (never second-guessed)
  std::string why;                           // --dry-run: why this generator was chosen

  /// "uniform [0, 100]", "ref classrooms.id (zipf 1.1)", …: one line for --dry-run.
  std::string describe() const;
};

/// Parses one `columns:` value. A `json:` template is a mapping whose values are literals,
/// generator mappings (`{uniform: [0, 100]}`) or nested templates. Scalar forms name argument-less generators (`uuid`, `email`);
/// a mapping has one generator key plus `null_fraction`, `unique`, `zipf`. Throws Error(kPlan)
/// at the offending node.
GeneratorSpec parse_generator(const plan::Node& node);

/// "-365d", "now", "30d", "-12h", "90m", "45s" as seconds relative to now. nullopt if malformed.
std::optional<double> parse_relative_time(std::string_view text);

}  // namespace pgcertify::datagen

#pragma once
// One column's generator, compiled from a GeneratorSpec for a ColumnType: produces a Datum per
// row (numbers stay numbers so CHECKs can compare them) and renders it as COPY text.

#include <memory>
#include <string>
#include <vector>

#include "datagen/check_expression.hpp"
#include "datagen/column_type.hpp"
#include "datagen/generator_spec.hpp"
#include "datagen/permutation.hpp"
#include "datagen/table_rng.hpp"
#include "datagen/regex_generator.hpp"

namespace pgcertify::datagen {

class ColumnGenerator {
 public:
  /// Throws std::invalid_argument when the spec cannot produce this type (say why).
  ColumnGenerator(GeneratorSpec spec, ColumnType type, double now);

  /// The value for row `row` (0-based) into `out`; `draw` counts every draw of the table (rows
  /// drawn again included), so a generator drawing without replacement never repeats a value.
  /// Throws std::out_of_range when such a generator has used its whole space.
  void next(Prng& rng, long long row, Datum& out, long long draw) const;
  void next(Prng& rng, long long row, Datum& out) const { next(rng, row, out, row); }
  /// Appends `value` as COPY text (escaped; NULL as \N).
  void render(const Datum& value, std::string& out) const;

  /// How many distinct non-null values it can produce (1e18 when unbounded).
  double combinations() const;
  /// True when every value differs from every other without any bookkeeping: uuid, sequence,
  /// email, and `unique` generators whose space can be enumerated (pattern, whole-number uniform),
  /// which draw value permutation(draw) instead of a random one.
  bool inherently_unique() const;
  /// The seed of that permutation (one per table and column, so columns do not move in step).
  void seed_permutation(uint64_t seed);

  /// For ref: the parent's keys (as text), loaded before the table.
  void set_ref_values(std::shared_ptr<const std::vector<std::string>> values) { ref_values_ = std::move(values); }

  const GeneratorSpec& spec() const { return spec_; }
  const ColumnType& type() const { return type_; }

 private:
  void next_value(Prng& rng, long long row, Datum& out) const;
  void words(Prng& rng, int count, std::string& out) const;
  size_t weighted_index(Prng& rng) const;
  void fit_length(std::string& text) const;
  void json_object(Prng& rng, long long row, std::string& out) const;
  bool integral_uniform() const;
  void apply_permutation(long long draw, Datum& out) const;

  GeneratorSpec spec_;
  ColumnType type_;
  double now_;
  std::optional<RegexGenerator> regex_;
  std::vector<double> cumulative_;  // one_of weights, running sums
  std::vector<Datum> choices_;      // one_of values as Datums
  std::shared_ptr<const std::vector<std::string>> ref_values_;
  std::vector<ColumnGenerator> fields_;  // json template leaves
  std::optional<Permutation> permutation_;  // unique and enumerable: draws without replacement
  std::vector<std::pair<size_t, std::string_view>> pattern_slots_;  // pattern positions the permuted index spells, rightmost first
};

/// Appends `value` as `type`'s text: escaped for COPY (NULL as \N) when `copy_escaped`, else the
/// bare text (a binary COPY text payload; NULL is not text then and must not be passed).
void render_value(const ColumnType& type, const Datum& value, std::string& out, bool copy_escaped = true);

/// Appends `text` escaped for COPY's text format (backslash, tab, newline, carriage return).
void append_copy_text(std::string_view text, std::string& out);

}  // namespace pgcertify::datagen

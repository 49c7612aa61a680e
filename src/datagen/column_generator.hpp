#pragma once
// One column's generator, compiled from a GeneratorSpec for a ColumnType: produces a Datum per
// row (numbers stay numbers so CHECKs can compare them) and renders it as COPY text.

#include <memory>
#include <string>
#include <vector>

#include "datagen/check_expression.hpp"
#include "datagen/column_type.hpp"
#include "datagen/generator_spec.hpp"
#include "datagen/random.hpp"
#include "datagen/regex_generator.hpp"

namespace pgcertify::datagen {

class ColumnGenerator {
 public:
  /// Throws std::invalid_argument when the spec cannot produce this type (say why).
  ColumnGenerator(GeneratorSpec spec, ColumnType type, double now);

  /// The value for row `row` (0-based) into `out`.
  void next(Rng& rng, long long row, Datum& out) const;
  /// Appends `value` as COPY text (escaped; NULL as \N).
  void render(const Datum& value, std::string& out) const;

  /// How many distinct non-null values it can produce (1e18 when unbounded).
  double combinations() const;
  /// True when every value differs from every other without any bookkeeping (uuid, sequence, email).
  bool inherently_unique() const;

  /// For ref: the parent's keys (as text), loaded before the table.
  void set_ref_values(std::shared_ptr<const std::vector<std::string>> values) { ref_values_ = std::move(values); }

  const GeneratorSpec& spec() const { return spec_; }
  const ColumnType& type() const { return type_; }

 private:
  void next_value(Rng& rng, long long row, Datum& out) const;
  void words(Rng& rng, int count, std::string& out) const;
  size_t weighted_index(Rng& rng) const;
  void fit_length(std::string& text) const;
  void json_object(Rng& rng, long long row, std::string& out) const;

  GeneratorSpec spec_;
  ColumnType type_;
  double now_;
  std::optional<RegexGenerator> regex_;
  std::vector<double> cumulative_;  // one_of weights, running sums
  std::vector<Datum> choices_;      // one_of values as Datums
  std::shared_ptr<const std::vector<std::string>> ref_values_;
  std::vector<ColumnGenerator> fields_;  // json template leaves
};

/// Appends `text` escaped for COPY's text format (backslash, tab, newline, carriage return).
void append_copy_text(std::string_view text, std::string& out);

}  // namespace pgcertify::datagen

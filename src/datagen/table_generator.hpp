#pragma once
// Rows for one table: each column's generator, foreign keys drawn from the parents' keys, then
// the table's CHECKs and unique keys; a row that fails them is drawn again (bounded).

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "datagen/column_generator.hpp"
#include "datagen/data_plan.hpp"
#include "datagen/table_rng.hpp"

namespace pgcertify::datagen {

/// Key tuples of `columns` in `table`, flattened (tuple i is [i*n, i*n+n)), in a stable order.
using KeySource = std::function<std::shared_ptr<const std::vector<std::string>>(
    const catalog::QualifiedName& table, const std::vector<std::string>& columns)>;

class TableGenerator {
 public:
  /// Throws Error(kTarget) when a parent has no rows.
  TableGenerator(const TablePlan& table, unsigned long long seed, double now, const KeySource& keys);

  /// Appends one row as a COPY text line, or a binary COPY tuple when the table's plan says binary. Throws Error(kPlan)
  /// naming the constraint when no row passes after many draws.
  void append_row(std::string& out);

  /// The columns COPY lists (omitted ones are left to the server).
  std::vector<std::string> copy_columns() const;

 private:
  bool draw();  // one candidate row into values_; false when a CHECK or unique key rejects it
  std::string key_of(const UniquePlan& u) const;
  void append_text_row(std::string& out) const;
  void append_binary_row(std::string& out) const;

  const TablePlan& table_;
  double now_;
  Prng rng_;
  long long row_ = 0;
  /// Per column: values a CHECK refused. A generator drawing without replacement takes value
  /// number row + skipped: increasing over accepted rows, so never repeated, and a refused value
  /// is not drawn again (a row refused for another reason redraws the same one, still unused).
  std::vector<long long> skipped_;
  int16_t copy_column_count_ = 0;
  std::vector<std::optional<ColumnGenerator>> generators_;
  std::vector<std::shared_ptr<const std::vector<std::string>>> parent_keys_;  // per foreign key
  std::vector<Datum> values_;
  std::unordered_map<std::string, size_t> column_index_;
  std::vector<std::unordered_set<std::string>> seen_;  // per unique key
  std::vector<long long> rejections_;                  // per check, then per unique key
  std::function<Datum(const std::string&)> lookup_;
};

}  // namespace pgcertify::datagen

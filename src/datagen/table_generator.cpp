#include "datagen/table_generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "catalog/identifiers.hpp"
#include "common/error.hpp"
#include "datagen/binary_encoding.hpp"
#include "datagen/binary_value.hpp"

namespace pgcertify::datagen {
namespace {
/// Draws per row before giving up: enough for checks that pass one row in a hundred.
constexpr int kMaxDraws = 2000;
}  // namespace

TableGenerator::TableGenerator(const TablePlan& table, unsigned long long seed, double now, const KeySource& keys)
    : table_(table), now_(now), rng_(table_rng(seed, table.name.display())) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnPlan& c = table.columns[i];
    column_index_[c.name] = i;
    if (c.omitted || c.foreign_key >= 0) {
      generators_.emplace_back();
      continue;
    }
    generators_.emplace_back(std::in_place, c.spec, c.type, now);
    generators_.back()->seed_permutation(table_rng(seed, table.name.display() + "." + c.name).next_u64());
    if (c.spec.kind == GeneratorKind::kRef && c.spec.null_fraction < 1) {
      const auto parent = catalog::parse_qualified_name(c.spec.ref_table, table.name.schema);
      auto values = parent ? keys(*parent, {c.spec.ref_column}) : nullptr;
      if (!values || values->empty())
        throw Error(ErrorKind::kTarget, fmt::format("setup.data: {}.{}: ref {}.{} has no rows to draw from",
                                                    table.name.display(), c.name, c.spec.ref_table, c.spec.ref_column))
            .with_hint("load the parent table first (list it in setup.data.tables) or fill it in setup.sql");
      generators_.back()->set_ref_values(values);
    }
  }
  for (const auto& fk : table.foreign_keys) {
    auto values = keys(fk.parent, fk.parent_columns);
    if (!values || values->empty())
      throw Error(ErrorKind::kTarget, fmt::format("setup.data: {}: foreign key {} references {}, which has no rows",
                                                  table.name.display(), fk.constraint, fk.parent.display()))
          .with_hint(fmt::format("list {} in setup.data.tables, or fill it in setup.sql", fk.parent.name));
    parent_keys_.push_back(std::move(values));
  }
  values_.resize(table.columns.size());
  skipped_.assign(table.columns.size(), 0);
  for (const auto& c : table.columns)
    copy_column_count_ = static_cast<int16_t>(copy_column_count_ + (c.omitted ? 0 : 1));
  seen_.resize(table.uniques.size());
  rejections_.assign(table.checks.size() + table.uniques.size(), 0);
  lookup_ = [this](const std::string& name) {
    const auto it = column_index_.find(name);
    if (it == column_index_.end() || table_.columns[it->second].omitted)
      return Datum{Datum::Kind::kUnknown, 0, {}, false};
    return values_[it->second];
  };
}

std::vector<std::string> TableGenerator::copy_columns() const {
  std::vector<std::string> out;
  for (const auto& c : table_.columns)
    if (!c.omitted) out.push_back(c.name);
  return out;
}

std::string TableGenerator::key_of(const UniquePlan& u) const {
  std::string key;
  for (size_t i : u.columns) {
    const Datum& d = values_[i];
    if (d.kind == Datum::Kind::kNumber)
      key += fmt::format("{}", d.number);
    else if (d.kind == Datum::Kind::kBool)
      key += d.boolean ? "t" : "f";
    else if (d.kind == Datum::Kind::kText)
      key += d.text;
    else
      key += "\x01NULL";
    key += '\x1f';
  }
  return key;
}

bool TableGenerator::draw() {
  for (size_t i = 0; i < generators_.size(); ++i) {
    if (!generators_[i]) continue;
    try {
      generators_[i]->next(rng_, row_, values_[i], row_ + skipped_[i]);
    } catch (const std::out_of_range& e) {
      throw Error(ErrorKind::kPlan,
                  fmt::format("setup.data: {}.{}: unique, but {} after {} rows (CHECKs rejected the rest)",
                              table_.name.display(), table_.columns[i].name, e.what(), row_))
          .with_hint(fmt::format("give {} a generator with more distinct values", table_.columns[i].name));
    }
  }
  for (size_t k = 0; k < table_.foreign_keys.size(); ++k) {
    const auto& fk = table_.foreign_keys[k];
    const auto& keys = *parent_keys_[k];
    const size_t width = fk.parent_columns.size();
    const size_t tuple = rng_.next_u64() % (keys.size() / width);
    for (size_t j = 0; j < fk.columns.size(); ++j) {
      Datum& value = values_[fk.columns[j]];
      value.kind = Datum::Kind::kText;
      value.text = keys[tuple * width + j];  // reuses the buffer
    }
  }
  for (size_t k = 0; k < table_.checks.size(); ++k) {
    if (!table_.checks[k].expression.accepts(lookup_, now_)) {
      // A value drawn without replacement that the CHECK refused would be refused again: move on.
      for (const auto& column : table_.checks[k].expression.columns())
        if (const auto it = column_index_.find(column); it != column_index_.end()) ++skipped_[it->second];
      return ++rejections_[k], false;
    }
  }
  for (size_t k = 0; k < table_.uniques.size(); ++k) {
    if (seen_[k].contains(key_of(table_.uniques[k]))) return ++rejections_[table_.checks.size() + k], false;
  }
  for (size_t k = 0; k < table_.uniques.size(); ++k) seen_[k].insert(key_of(table_.uniques[k]));
  return true;
}

void TableGenerator::append_row(std::string& out) {
  int draws = 0;
  while (!draw()) {
    if (++draws < kMaxDraws) continue;
    const size_t worst =
        static_cast<size_t>(std::max_element(rejections_.begin(), rejections_.end()) - rejections_.begin());
    const bool is_check = worst < table_.checks.size();
    const std::string what =
        is_check ? "CHECK " + table_.checks[worst].constraint : table_.uniques[worst - table_.checks.size()].constraint;
    std::vector<std::string> columns;
    if (is_check)
      for (const auto& c : table_.checks[worst].expression.columns()) columns.push_back(c);
    else
      for (size_t i : table_.uniques[worst - table_.checks.size()].columns) columns.push_back(table_.columns[i].name);
    throw Error(ErrorKind::kPlan,
                fmt::format("setup.data: {}.{}: no generated row satisfies {} after {} draws (row {})",
                            table_.name.display(), fmt::join(columns, ","), what, kMaxDraws, row_ + 1))
        .with_hint(fmt::format("give explicit generators for {} in setup.data.tables.{}.columns",
                               fmt::join(columns, ", "), table_.name.name));
  }
  if (table_.binary_copy)
    append_binary_row(out);
  else
    append_text_row(out);
  ++row_;
}

void TableGenerator::append_text_row(std::string& out) const {
  bool first = true;
  for (size_t i = 0; i < values_.size(); ++i) {
    if (table_.columns[i].omitted) continue;
    if (!first) out += '\t';
    first = false;
    if (generators_[i])
      generators_[i]->render(values_[i], out);
    else if (values_[i].kind == Datum::Kind::kText)
      append_copy_text(values_[i].text, out);
    else
      out += "\\N";
  }
  out += '\n';
}

void TableGenerator::append_binary_row(std::string& out) const {
  append_int16(copy_column_count_, out);
  for (size_t i = 0; i < values_.size(); ++i) {
    if (table_.columns[i].omitted) continue;
    try {
      append_binary_field(table_.columns[i], values_[i], out);
    } catch (const std::invalid_argument& e) {
      throw Error(ErrorKind::kPlan, fmt::format("setup.data: {}.{}: {} (row {})", table_.name.display(),
                                                table_.columns[i].name, e.what(), row_ + 1))
          .with_hint(fmt::format("give {} a generator of its type in setup.data.tables.{}.columns",
                                 table_.columns[i].name, table_.name.name));
    }
  }
}

}  // namespace pgcertify::datagen

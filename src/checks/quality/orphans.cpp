// `orphans`: child rows whose key has no parent row, whether or not a foreign key exists.

#include <regex>

#include "catalog/identifiers.hpp"
#include "checks/registry.hpp"
#include "checks/row_rule.hpp"
#include "common/strings.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"table", "columns", "references", "where", "max", "samples"};

/// One scan of the child, hash-joined to the parent's distinct keys. A row with a NULL in its
/// key is not an orphan (MATCH SIMPLE, as PostgreSQL's foreign keys).
class OrphansCheck final : public Check {
 public:
  explicit OrphansCheck(const plan::Node& options) {
    options.require_map("orphans options (table, columns, references, where, max, samples)");
    options.check_keys(kKeys);
    rule_ = RowRuleOptions::read(options);
    const plan::Node columns = options.require("columns");
    columns_ = columns.as_string_list("a column or a list of columns");
    const plan::Node references = options.require("references");
    // parent(column, …), names as SQL writes them: `crm.accounts(id)`, `crm."Accounts"("Id")`.
    static const std::regex kReference(R"(^\s*((?:[A-Za-z_][\w$]*|"(?:[^"]|"")+")(?:\s*\.\s*(?:[A-Za-z_][\w$]*|"(?:[^"]|"")+"))?)\s*\((.*)\)\s*$)");
    std::smatch m;
    const std::string text = references.as_string("parent(column, …)");
    if (!std::regex_match(text, m, kReference) || !catalog::parse_qualified_name(m[1].str(), ""))
      throw references.error("expected 'parent_table(column, …)', got '" + text + "'");
    parent_ = m[1].str();
    for (const auto& c : catalog::split_top_level(m[2].str(), ',')) {
      if (!catalog::parse_identifier(c)) throw references.error("'" + c + "' is not a column name");
      parent_columns_.push_back(c);
    }
    if (parent_columns_.size() != columns_.size())
      throw references.error("'columns' names " + std::to_string(columns_.size()) + " columns but 'references' " +
                             std::to_string(parent_columns_.size()));
  }

  std::string default_name() const override { return "no orphans in " + rule_.table + " -> " + parent_; }

  std::vector<Outcome> run(Context& context) const override {
    auto& c = context.connection();
    std::string on, child_not_null;
    for (size_t i = 0; i < columns_.size(); ++i) {
      const std::string child = "t." + quote_column(c, columns_[i]);
      const std::string parent = "p." + quote_column(c, parent_columns_[i]);
      on += (i ? " AND " : "") + child + " = " + parent;
      child_not_null += (i ? " AND " : "") + child + " IS NOT NULL";
    }
    RowRule rule;
    rule.from = quote_qualified(c, rule_.table) + " AS t LEFT JOIN (SELECT DISTINCT " +
                quote_columns(c, parent_columns_, "") + " FROM " + quote_qualified(c, parent_) + ") AS p ON " + on;
    rule.violation = child_not_null + " AND p." + quote_column(c, parent_columns_[0]) + " IS NULL";
    rule.sample_columns = "t.*";
    rule.what = "orphaned rows";
    return {run_row_rule(context, rule, rule_)};
  }

 private:
  RowRuleOptions rule_;
  std::vector<std::string> columns_;
  std::string parent_;
  std::vector<std::string> parent_columns_;
};
}  // namespace

CheckKind orphans_kind() {
  return kind_of<OrphansCheck>("orphans",
                               "child rows whose key has no parent row (composite keys too, with or without a foreign key)");
}

}  // namespace pgcertify::checks

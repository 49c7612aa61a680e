// `table`: one table's columns, keys, constraints, indexes, partitioning and row level security
// against the run's catalog snapshot.

#include <fmt/format.h>

#include "checks/registry.hpp"
#include "checks/schema/schema_compare.hpp"
#include "checks/schema/table_compare.hpp"
#include "checks/schema/table_spec.hpp"
#include "common/strings.hpp"

namespace pgcertify::checks {

namespace {
bool is_table(const catalog::Relation& r) { return r.is_table(); }

bool needs_posture(const TableSpec& spec) {
  if (spec.exact || spec.posture.grants || spec.posture.comment) return true;
  for (const auto& c : spec.columns)
    if (c.posture.grants || c.posture.comment) return true;
  return false;
}

class TableCheck final : public Check {
 public:
  explicit TableCheck(const plan::Node& options) : spec_(read_table_spec(options)) {}

  std::string default_name() const override { return "table " + spec_.name.display(); }

  std::vector<Outcome> run(Context& context) const override {
    // Policies come with the objects part, grants and comments with the posture part; a plan
    // that does not ask for them need not pay for them.
    const catalog::Catalog& catalog = context.catalog(catalog::kCatalogRelations |
                                                      (spec_.policies ? catalog::kCatalogObjects : 0u) |
                                                      (needs_posture(spec_) ? catalog::kCatalogPosture : 0u));
    const catalog::Relation* table = catalog.relation(spec_.name);
    if (!table || !table->is_table()) return {missing_relation(catalog, spec_.name, "table", is_table)};
    const auto differences = compare_with_server(context, table->name, [&](const Spellings& spellings) {
      return compare_table(spec_, *table, catalog, spellings);
    });
    return {differences_outcome("table " + table->name.display(), differences,
                                fmt::format("{} matches the plan ({} of {} columns listed)", table->name.display(),
                                            spec_.columns.size(), table->columns.size()))};
  }

 private:
  TableSpec spec_;
};
}  // namespace

CheckKind table_kind() {
  return {"table", "a table's columns, keys, constraints, indexes, partitioning, RLS policies, owner and grants match the plan",
          [](const plan::Node& options) -> std::unique_ptr<Check> { return std::make_unique<TableCheck>(options); }};
}

}  // namespace pgcertify::checks

// `view`: a view or materialized view exists with the listed columns (and types).

#include <fmt/format.h>

#include <set>

#include "catalog/identifiers.hpp"
#include "checks/registry.hpp"
#include "checks/schema/schema_compare.hpp"
#include "checks/schema/schema_options.hpp"
#include "checks/schema/security_facts.hpp"
#include "checks/schema/table_spec.hpp"
#include "common/strings.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"name", "schema", "materialized", "columns", "exact", "owner", "grants", "comment"};

struct ViewSpec {
  catalog::QualifiedName name;
  std::optional<bool> materialized;
  bool exact = false;
  std::vector<std::pair<std::string, std::optional<std::string>>> columns;  // name, type
  PostureSpec posture;
};

ViewSpec read_spec(const plan::Node& options) {
  ViewSpec spec;
  if (options.is_scalar()) {
    spec.name = read_qualified_name(options, kDefaultSchema, "a view name");
    return spec;
  }
  options.require_map("view options (name, materialized, columns, exact)");
  options.check_keys(kKeys);
  spec.name = read_qualified_name(options.require("name"), read_default_schema(options), "a view name");
  if (auto m = options.get("materialized")) spec.materialized = m->as_bool();
  if (auto e = options.get("exact")) spec.exact = e->as_bool();
  spec.posture = read_posture(options);
  if (auto c = options.get("columns")) {
    if (c->is_sequence() || c->is_scalar()) {
      for (const auto& name : read_identifier_list(*c)) spec.columns.emplace_back(name, std::nullopt);
    } else {
      for (const auto& [key, value] : c->entries()) {
        std::optional<std::string> type;
        if (!value.is_null()) {
          type = trim(value.as_string("a type name"));
          if (!plausible_type_name(*type)) throw value.error("expected a type name like integer or text, got '" + *type + "'");
        }
        spec.columns.emplace_back(read_identifier(key), type);
      }
    }
  }
  return spec;
}

bool is_any_view(const catalog::Relation& r) {
  return r.kind == catalog::RelationKind::kView || r.kind == catalog::RelationKind::kMaterializedView;
}

std::vector<std::string> compare(const ViewSpec& want, const catalog::Relation& have, const Spellings& sp) {
  std::vector<std::string> out;
  const bool materialized = have.kind == catalog::RelationKind::kMaterializedView;
  if (want.materialized && *want.materialized != materialized)
    out.push_back(fmt::format("expected a {}, actual a {}", *want.materialized ? "materialized view" : "view",
                              catalog::relation_kind_name(have.kind)));
  std::set<std::string> listed;
  for (const auto& [name, type] : want.columns) {
    listed.insert(name);
    const catalog::Column* col = have.column(name);
    if (!col) out.push_back("column " + catalog::quote_if_needed(name) + ": missing");
    else if (type && !sp.same_type(*type, col->type))
      out.push_back(fmt::format("column {}: type expected {}, actual {}", catalog::quote_if_needed(name), *type, col->type));
  }
  if (want.exact)
    for (const auto& c : have.columns)
      if (!listed.count(c.name)) out.push_back("column " + catalog::quote_if_needed(c.name) + " (" + c.type + "): not in the plan");
  compare_posture(want.posture, have.owner, have.grants, have.comment, want.exact, out);
  return out;
}

class ViewCheck final : public Check {
 public:
  explicit ViewCheck(const plan::Node& options) : spec_(read_spec(options)) {}

  std::string default_name() const override { return "view " + spec_.name.display(); }

  std::vector<Outcome> run(Context& context) const override {
    const bool posture = spec_.exact || spec_.posture.grants || spec_.posture.comment;
    const catalog::Catalog& catalog =
        context.catalog(catalog::kCatalogRelations | (posture ? catalog::kCatalogPosture : 0u));
    const catalog::Relation* view = catalog.relation(spec_.name);
    if (!view || !is_any_view(*view)) return {missing_relation(catalog, spec_.name, "view", is_any_view)};
    const auto differences = compare_with_server(context, std::nullopt, [&](const Spellings& sp) { return compare(spec_, *view, sp); });
    return {differences_outcome(std::string(catalog::relation_kind_name(view->kind)) + " " + view->name.display(),
                                differences, fmt::format("{} matches the plan", view->name.display()))};
  }

 private:
  ViewSpec spec_;
};
}  // namespace

CheckKind view_kind() {
  return {"view", "a view or materialized view exists with the listed columns",
          [](const plan::Node& options) -> std::unique_ptr<Check> { return std::make_unique<ViewCheck>(options); }};
}

}  // namespace pgcertify::checks

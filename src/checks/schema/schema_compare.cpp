#include "checks/schema/schema_compare.hpp"

#include <fmt/format.h>

#include "checks/normaliser.hpp"
#include "common/strings.hpp"

namespace pgcertify::checks {

std::vector<std::string> compare_with_server(Context& context, const std::optional<catalog::QualifiedName>& table,
                                             const Comparison& compare) {
  Normaliser& normaliser = context.normaliser();
  Spellings spellings([&](const std::string& t) { return normaliser.type(t); },
                      [&](const Normaliser::Expression& e) -> const Normalised* {
                        return table ? normaliser.expression(*table, e) : nullptr;
                      });
  std::vector<std::string> differences;
  for (int round = 0; round < 3; ++round) {
    spellings.clear_missing();
    differences = compare(spellings);
    const auto& types = spellings.missing_types();
    const auto& exprs = spellings.missing_expressions();
    if (types.empty() && (exprs.empty() || !table)) break;
    if (!types.empty()) normaliser.resolve_types(context, std::vector<std::string>(types.begin(), types.end()));
    if (!exprs.empty() && table)
      normaliser.resolve_expressions(context, *table, std::vector<Normaliser::Expression>(exprs.begin(), exprs.end()));
  }
  return differences;
}

Outcome differences_outcome(const std::string& subject, const std::vector<std::string>& differences,
                            std::string pass_message) {
  if (differences.empty()) return Outcome::pass(std::move(pass_message));
  Outcome out = Outcome::fail(differences.size() == 1
                                  ? subject + ": " + differences.front()
                                  : fmt::format("{}: {} differences from the plan", subject, differences.size()));
  for (const auto& d : differences) out.evidence.push_back(subject + ": " + d);
  return out;
}

/// Names like `name` in `schema` (for "did you mean"), of relations for which `keep` holds.
std::vector<std::string> relation_names(const catalog::Catalog& catalog, const std::string& schema,
                                        bool (*keep)(const catalog::Relation&)) {
  std::vector<std::string> out;
  for (const auto& r : catalog.relations)
    if (r.name.schema == schema && keep(r)) out.push_back(r.name.name);
  return out;
}

/// "table public.x does not exist (did you mean 'y'?)" or "public.x is a view, not a table".
Outcome missing_relation(const catalog::Catalog& catalog, const catalog::QualifiedName& name, std::string_view wanted,
                         bool (*keep)(const catalog::Relation&)) {
  if (const auto* other = catalog.relation(name))
    return Outcome::fail(fmt::format("{} is a {}, not a {}", name.display(), catalog::relation_kind_name(other->kind), wanted));
  if (!catalog.has_schema(name.schema))
    return Outcome::fail(fmt::format("{} {} does not exist: there is no schema {}", wanted, name.display(), name.schema));
  const auto names = relation_names(catalog, name.schema, keep);
  return Outcome::fail(fmt::format("{} {} does not exist{}", wanted, name.display(), did_you_mean(name.name, names)));
}

}  // namespace pgcertify::checks

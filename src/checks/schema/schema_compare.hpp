#pragma once
// Glue between the pure comparisons and the server: ask the Normaliser for whatever spellings
// a comparison could not decide from text alone, in one batch, then compare again; and turn
// the differences into one Outcome that lists every one of them.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "checks/check.hpp"
#include "checks/schema/spellings.hpp"

namespace pgcertify::checks {

using Comparison = std::function<std::vector<std::string>(const Spellings&)>;

/// Runs `compare` with the run's cached spellings; when it missed some, asks the server for
/// them (types in one batch, expressions in the scope of `table` in another) and compares
/// again, at most three rounds. Text that already matches the catalog costs no round trip.
std::vector<std::string> compare_with_server(Context& context, const std::optional<catalog::QualifiedName>& table,
                                             const Comparison& compare);

/// Pass with `pass_message`, or fail naming `subject` and listing every difference as evidence
/// ("table public.t: column x: type expected integer, actual smallint").
Outcome differences_outcome(const std::string& subject, const std::vector<std::string>& differences,
                            std::string pass_message);

/// Names in `schema` of the relations for which `keep` holds (for "did you mean").
std::vector<std::string> relation_names(const catalog::Catalog& catalog, const std::string& schema,
                                        bool (*keep)(const catalog::Relation&));
/// "table public.x does not exist (did you mean 'y'?)", or "public.x is a view, not a table".
Outcome missing_relation(const catalog::Catalog& catalog, const catalog::QualifiedName& name, std::string_view wanted,
                         bool (*keep)(const catalog::Relation&));

}  // namespace pgcertify::checks

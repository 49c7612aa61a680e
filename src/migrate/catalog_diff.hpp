#pragma once
// Two catalog snapshots compared object by object, for `reversible`: what an up then a down
// left different from before the up.

#include <string>
#include <vector>

#include "catalog/catalog.hpp"

namespace pgcertify::migrate {

/// One line per difference: "removed index public.t.t_a_idx (CREATE INDEX …)", "added table
/// public.x", "changed column public.t.a: integer NOT NULL -> bigint NOT NULL". The history
/// table is left out. Every part the catalog reads is compared: schemas, relations (owner,
/// privileges, comment, partitioning), columns (position among the live ones, type, collation,
/// NOT NULL, default, identity, generated, privileges, comment), constraints, indexes, functions
/// (owner, privileges, comment), triggers (and how they fire), sequences, extensions, policies,
/// enums (labels in order), domains and roles. Not read, so not compared: composite and range
/// types, casts, operators, publications, event triggers, statistics objects. Empty when the
/// snapshots hold the same objects with the same definitions.
std::vector<std::string> diff_catalogs(const catalog::Catalog& before, const catalog::Catalog& after);

}  // namespace pgcertify::migrate

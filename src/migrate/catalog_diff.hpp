#pragma once
// Two catalog snapshots compared object by object, for `reversible`: what an up then a down
// left different from before the up.

#include <string>
#include <vector>

#include "catalog/catalog.hpp"

namespace pgcertify::migrate {

/// One line per difference: "removed index public.t.t_a_idx (CREATE INDEX …)", "added table
/// public.x", "changed column public.t.a: integer NOT NULL -> bigint NOT NULL". The history
/// table is left out. Empty when the snapshots hold the same objects with the same definitions.
std::vector<std::string> diff_catalogs(const catalog::Catalog& before, const catalog::Catalog& after);

}  // namespace pgcertify::migrate

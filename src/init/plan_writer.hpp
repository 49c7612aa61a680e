#pragma once
// A plan that pins a catalog: running it against the same database passes, and after any
// schema change it fails naming what drifted.

#include <string>
#include <vector>

#include "catalog/catalog.hpp"

namespace pgcertify::init {

struct PlanOptions {
  std::string title;     // the plan's `plan:` line
  std::string source;    // for the header comment: the masked DSN
  std::vector<std::string> schemas;           // the schemas to pin (empty: those `catalog` was loaded with)
  std::vector<std::string> unpinned_schemas;  // user schemas left out on purpose (--schema, --exclude-schema)
  bool all_roles = false;                     // --roles all: every role of the cluster, not only those mentioned
};

/// Every user schema a plain `init` pins: not pg_catalog, information_schema, pg_toast*,
/// pg_temp*, nor a schema an extension created.
std::vector<std::string> default_schemas(const catalog::Catalog& catalog);

/// YAML text of the pinning plan for `options.schemas`.
std::string write_plan(const catalog::Catalog& catalog, const PlanOptions& options);

}  // namespace pgcertify::init

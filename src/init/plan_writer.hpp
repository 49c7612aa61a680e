#pragma once
// A plan that pins a catalog: running it against the same database passes, and after any
// schema change it fails naming what drifted.

#include <string>

#include "catalog/catalog.hpp"

namespace pgcertify::init {

struct PlanOptions {
  std::string title;     // the plan's `plan:` line
  std::string source;    // for the header comment: the masked DSN
};

/// YAML text of the pinning plan for the schemas `catalog` was loaded with.
std::string write_plan(const catalog::Catalog& catalog, const PlanOptions& options);

}  // namespace pgcertify::init

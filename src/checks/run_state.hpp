#pragma once
// What checks share across one run: the catalog snapshot (read on first use) and the server's
// answers about type names and expressions. The runner owns one for the whole run.

#include <optional>

#include "catalog/catalog.hpp"
#include "checks/normaliser.hpp"

namespace pgcertify::checks {

struct RunState {
  std::optional<catalog::Catalog> catalog;
  Normaliser normaliser;
};

}  // namespace pgcertify::checks

#pragma once
// What checks share across one run: the catalog snapshot (read on first use) and the server's
// answers about type names and expressions. The runner owns one for the whole run.

#include <optional>
#include <string>

#include "catalog/catalog.hpp"
#include "checks/normaliser.hpp"
#include "checks/run_settings.hpp"

namespace pgcertify::checks {

struct RunState {
  std::optional<catalog::Catalog> catalog;
  Normaliser normaliser;
  RunSettings settings;
  /// Absent outside a run (a check's unit test): a check that asks for a scratch copy errors.
  ScratchFactory* scratch = nullptr;
};

}  // namespace pgcertify::checks

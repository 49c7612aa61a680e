#pragma once
// The whole data step on a connection: read the catalog, plan every generator, rehearse (so an
// unsatisfiable constraint fails before anything is written), load.

#include <cstdio>

#include "datagen/data_plan.hpp"
#include "datagen/loader.hpp"
#include "pg/connection.hpp"
#include "plan/model.hpp"

namespace pgcertify::datagen {

/// Reads the catalog through `connection` and plans `setup`. Throws Error(kPlan) when a
/// generator cannot satisfy a constraint.
DataPlan prepare(pg::Connection& connection, const plan::DataSetup& setup, const DataOverrides& overrides = {});

/// prepare(), rehearse(), load_data(); one line per table on `out` (nullptr: quiet), and a live
/// progress line when `out` is a terminal.
std::vector<TableLoad> fill(pg::Connection& connection, const plan::DataSetup& setup, std::FILE* out, LoadOptions options);

/// `out` when it is a terminal, else nullptr: progress redraws only where someone watches.
std::FILE* terminal_or_null(std::FILE* out);

/// "  classrooms: 200 rows in 0.01 s (20000 rows/s)".
void print_load(std::FILE* out, const TableLoad& load);

}  // namespace pgcertify::datagen

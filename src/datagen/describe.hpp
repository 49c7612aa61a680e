#pragma once
// `pgcertify generate --dry-run`: the load order, and per table and column the generator chosen
// and why.

#include <string>

#include "datagen/data_plan.hpp"

namespace pgcertify::datagen {

std::string describe_plan(const DataPlan& plan);

/// "behavioral_analytics (1000000 rows), classrooms (200 rows)": the tables in load order.
std::string load_order(const DataPlan& plan);

}  // namespace pgcertify::datagen

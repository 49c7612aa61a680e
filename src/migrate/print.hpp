#pragma once
// `migrate status` and `migrate validate` as text.

#include <cstdio>
#include <string>

#include "migrate/status.hpp"

namespace pgcertify::migrate {

/// One line per migration (version, state, installed on, description), then the counts.
void print_status(const Status& status, const std::string& history_table, std::FILE* out);

/// The drift and failures of `status`, one line each; "" when there are none.
std::string describe_problems(const Status& status);

}  // namespace pgcertify::migrate

#pragma once
// pgbench's built-in workloads, as data: -b tpcb-like | simple-update | select-only.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgcertify::load {

struct BuiltinScript {
  std::string_view name;         // "tpcb-like"
  std::string_view description;  // "<builtin: TPC-B (sort of)>", as pgbench prints it
  std::string_view text;         // the script, in pgbench's syntax
};

/// By name or unambiguous prefix ("select" finds select-only); throws Error (kUsage) otherwise.
const BuiltinScript& find_builtin(std::string_view name);
std::vector<std::string> builtin_names();

}  // namespace pgcertify::load

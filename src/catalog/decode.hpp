#pragma once
// The catalog's one-letter codes and bit masks, spelled out. Pure functions, unit-tested.

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"

namespace pgcertify::catalog {

/// pg_constraint.confdeltype/confupdtype: 'a' -> "no action", 'c' -> "cascade", …
std::string foreign_key_action(char code);
/// pg_proc.provolatile: 'i' -> "immutable", 's' -> "stable", 'v' -> "volatile".
std::string volatility_name(char code);
/// pg_proc.prokind: 'f' -> "function", 'p' -> "procedure", 'a' -> "aggregate", 'w' -> "window".
std::string routine_kind_name(char code);
/// pg_policy.polcmd: '*' -> "all", 'r' -> "select", 'a' -> "insert", 'w' -> "update", 'd' -> "delete".
std::string policy_command_name(char code);

/// pg_trigger.tgtype's bits: timing, events (in insert, update, delete, truncate order), level.
struct TriggerType {
  std::string timing;
  std::vector<std::string> events;
  std::string level;
};
TriggerType decode_trigger_type(int tgtype);

/// pg_get_partkeydef's text, "RANGE (created_at)" or "HASH (lower(email), id)".
Partitioning parse_partition_key(std::string_view definition);

}  // namespace pgcertify::catalog

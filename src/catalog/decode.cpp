#include "catalog/decode.hpp"

#include "catalog/identifiers.hpp"
#include "common/strings.hpp"

namespace pgcertify::catalog {

std::string foreign_key_action(char code) {
  switch (code) {
    case 'a': return "no action";
    case 'r': return "restrict";
    case 'c': return "cascade";
    case 'n': return "set null";
    case 'd': return "set default";
    default: return std::string(1, code);
  }
}

std::string volatility_name(char code) {
  switch (code) {
    case 'i': return "immutable";
    case 's': return "stable";
    case 'v': return "volatile";
    default: return std::string(1, code);
  }
}

std::string routine_kind_name(char code) {
  switch (code) {
    case 'f': return "function";
    case 'p': return "procedure";
    case 'a': return "aggregate";
    case 'w': return "window";
    default: return std::string(1, code);
  }
}

std::string policy_command_name(char code) {
  switch (code) {
    case '*': return "all";
    case 'r': return "select";
    case 'a': return "insert";
    case 'w': return "update";
    case 'd': return "delete";
    default: return std::string(1, code);
  }
}

TriggerType decode_trigger_type(int tgtype) {
  // Bits from PostgreSQL's catalog/pg_trigger.h.
  constexpr int kRow = 1 << 0, kBefore = 1 << 1, kInsert = 1 << 2, kDelete = 1 << 3, kUpdate = 1 << 4,
                kTruncate = 1 << 5, kInstead = 1 << 6;
  TriggerType t;
  t.level = (tgtype & kRow) ? "row" : "statement";
  t.timing = (tgtype & kInstead) ? "instead of" : (tgtype & kBefore) ? "before" : "after";
  if (tgtype & kInsert) t.events.push_back("insert");
  if (tgtype & kUpdate) t.events.push_back("update");
  if (tgtype & kDelete) t.events.push_back("delete");
  if (tgtype & kTruncate) t.events.push_back("truncate");
  return t;
}

Partitioning parse_partition_key(std::string_view definition) {
  Partitioning p;
  const std::string text = trim(definition);
  const size_t open = text.find('(');
  p.strategy = to_lower(trim(std::string_view(text).substr(0, open)));
  if (open == std::string::npos || text.back() != ')') return p;
  p.key = split_top_level(std::string_view(text).substr(open + 1, text.size() - open - 2));
  return p;
}

}  // namespace pgcertify::catalog

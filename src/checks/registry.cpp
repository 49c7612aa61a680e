#include "checks/registry.hpp"

namespace pgcertify::checks {

CheckKind query_kind();
CheckKind rejects_kind();
CheckKind accepts_kind();
CheckKind objects_kind();
CheckKind table_kind();
CheckKind function_kind();
CheckKind trigger_kind();
CheckKind view_kind();
CheckKind orphans_kind();
CheckKind not_null_kind();
CheckKind duplicates_kind();
CheckKind valid_kind();
CheckKind temporal_kind();
CheckKind freshness_kind();
CheckKind retention_kind();
CheckKind row_count_kind();
CheckKind consistency_kind();
CheckKind latency_kind();
CheckKind explain_kind();
CheckKind refresh_kind();
CheckKind trigger_effect_kind();
CheckKind index_health_kind();
CheckKind k_anonymity_kind();
CheckKind pii_scan_kind();
CheckKind privileges_kind();
CheckKind rls_isolation_kind();
CheckKind hardening_kind();
CheckKind load_kind();
CheckKind migrations_kind();

std::span<const CheckKind> all_kinds() {
  static const std::vector<CheckKind> kinds = {
      query_kind(),
      rejects_kind(),
      accepts_kind(),
      objects_kind(),
      table_kind(),
      function_kind(),
      trigger_kind(),
      view_kind(),
      orphans_kind(),
      not_null_kind(),
      duplicates_kind(),
      valid_kind(),
      temporal_kind(),
      freshness_kind(),
      retention_kind(),
      row_count_kind(),
      consistency_kind(),
      latency_kind(),
      explain_kind(),
      refresh_kind(),
      trigger_effect_kind(),
      index_health_kind(),
      k_anonymity_kind(),
      pii_scan_kind(),
      privileges_kind(),
      rls_isolation_kind(),
      hardening_kind(),
      load_kind(),
      migrations_kind(),
  };
  return kinds;
}

std::vector<std::string> kind_keys() {
  std::vector<std::string> keys;
  for (const auto& k : all_kinds()) keys.push_back(k.key);
  return keys;
}

const CheckKind* find_kind(std::string_view key) {
  for (const auto& k : all_kinds())
    if (k.key == key) return &k;
  return nullptr;
}

}  // namespace pgcertify::checks

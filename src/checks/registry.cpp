#include "checks/registry.hpp"

namespace pgcertify::checks {

#define PGCERTIFY_KIND(key) CheckKind key##_kind();
#include "checks/kinds.inc"
#undef PGCERTIFY_KIND

std::span<const CheckKind> all_kinds() {
  static const std::vector<CheckKind> kinds = {
#define PGCERTIFY_KIND(key) key##_kind(),
#include "checks/kinds.inc"
#undef PGCERTIFY_KIND
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

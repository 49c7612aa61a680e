#pragma once
// Every check kind, by its YAML key. Adding a kind: one file in src/checks/<family>/ and one
// line in checks/kinds.inc.

#include <span>
#include <string>
#include <vector>

#include "checks/check.hpp"

namespace pgcertify::checks {

std::span<const CheckKind> all_kinds();
std::vector<std::string> kind_keys();
const CheckKind* find_kind(std::string_view key);

}  // namespace pgcertify::checks

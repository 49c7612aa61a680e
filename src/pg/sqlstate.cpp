#include "pg/sqlstate.hpp"

#include <array>
#include <cctype>

#include "common/strings.hpp"

namespace pgcertify::pg {
namespace {
struct Entry {
  const char* code;
  const char* name;
};
constexpr Entry kEntries[] = {
#include "pg/sqlstate_table.inc"
};

bool looks_like_code(std::string_view s) {
  if (s.size() != 5) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c)) && !std::isupper(static_cast<unsigned char>(c))) return false;
  return true;
}
}  // namespace

std::string condition_name(std::string_view sqlstate) {
  for (const auto& e : kEntries)
    if (sqlstate == e.code) return e.name;
  return {};
}

std::optional<std::string> parse_sqlstate(std::string_view code_or_name) {
  if (looks_like_code(code_or_name)) return std::string(code_or_name);
  const std::string lower = to_lower(code_or_name);
  for (const auto& e : kEntries)
    if (lower == e.name) return std::string(e.code);
  return std::nullopt;
}

std::vector<std::string> condition_names() {
  std::vector<std::string> names;
  for (const auto& e : kEntries) names.emplace_back(e.name);
  return names;
}

}  // namespace pgcertify::pg

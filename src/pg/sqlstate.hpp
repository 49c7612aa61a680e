#pragma once
// SQLSTATE codes <-> condition names (as PL/pgSQL spells them: check_violation = 23514).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgcertify::pg {

/// "check_violation" for "23514"; empty when unknown.
std::string condition_name(std::string_view sqlstate);

/// Accepts a five-character code or a condition name (case-insensitive); nullopt when neither.
std::optional<std::string> parse_sqlstate(std::string_view code_or_name);

/// Every condition name, for "did you mean" suggestions.
std::vector<std::string> condition_names();

}  // namespace pgcertify::pg

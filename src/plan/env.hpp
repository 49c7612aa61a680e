#pragma once
// ${VAR} and ${VAR:-default} expansion from the environment.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace pgcertify::plan {

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

/// The process environment.
std::optional<std::string> getenv_lookup(const std::string& name);

/// Expands every ${VAR} / ${VAR:-default} in `text`; "$$" is a literal "$".
/// Throws Error(kPlan) (without location: the caller adds it) for an unset variable with no
/// default, or an unterminated "${". `column_out` receives the 0-based offset of the problem.
std::string expand_env(std::string_view text, const EnvLookup& lookup = getenv_lookup, size_t* column_out = nullptr);

/// The same for SQL (migration files, as Flyway's placeholders): every "$" not followed by "{"
/// is left as it is, so "$$" dollar quotes and "$1" parameters survive.
std::string expand_env_sql(std::string_view text, const EnvLookup& lookup = getenv_lookup, size_t* column_out = nullptr);

}  // namespace pgcertify::plan

#pragma once
// Small string helpers shared by every layer.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pgcertify {

/// Levenshtein distance, for "did you mean" suggestions.
size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
std::optional<std::string> closest_match(std::string_view word, std::span<const std::string> candidates);

/// " (did you mean 'x'?)" or "" when nothing is close.
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

/// Line `line` (1-based) of `text`, without its newline; "" when out of range.
std::string line_of(std::string_view text, int line);
/// `text` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD (what a
/// report format that must be UTF-8 may hold: XML, JSON).
std::string valid_utf8(std::string_view text);
/// 1-based line and column of byte `offset` in `text`.
std::pair<int, int> line_column(std::string_view text, size_t offset);

std::string trim(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
bool starts_with_ci(std::string_view s, std::string_view prefix);
std::string to_lower(std::string_view s);

}  // namespace pgcertify

#include "load/option_text.hpp"

#include <fmt/format.h>

#include <random>

#include "common/error.hpp"
#include "common/strings.hpp"

namespace pgcertify::load {

QueryMode parse_query_mode(std::string_view text) {
  for (const QueryMode mode : {QueryMode::kSimple, QueryMode::kExtended, QueryMode::kPrepared})
    if (text == query_mode_name(mode)) return mode;
  throw Error(ErrorKind::kUsage,
              fmt::format("invalid query mode \"{}\" (expected simple, extended or prepared, as pgbench's -M)", text));
}

std::uint64_t parse_seed(std::string_view text) {
  if (text == "time") return static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
  if (text == "rand") return (static_cast<std::uint64_t>(std::random_device{}()) << 32) | std::random_device{}();
  try {
    const std::string s(text);
    size_t used = 0;
    const std::uint64_t seed = std::stoull(s, &used);
    if (used == s.size() && s[0] != '-') return seed;
  } catch (const std::exception&) {
  }
  throw Error(ErrorKind::kUsage, fmt::format("unrecognized random seed option \"{}\" (expected time, rand or an unsigned integer)", text));
}

Shard parse_shard(std::string_view text) {
  const auto parts = split(std::string(text), '/');
  try {
    if (parts.size() != 2) throw std::invalid_argument("K/N");
    return {std::stoi(parts[0]), std::stoi(parts[1])};
  } catch (const std::exception&) {
    throw Error(ErrorKind::kUsage, fmt::format("invalid --shard \"{}\" (expected K/N, e.g. 2/4)", text));
  }
}

std::pair<std::string, std::string> parse_define(std::string_view text) {
  const size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw Error(ErrorKind::kUsage, fmt::format("invalid variable definition: \"{}\" (expected NAME=VALUE)", text));
  return {std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

double parse_percent(std::string_view text) {
  double percent = -1;
  try {
    const std::string s(text);
    size_t used = 0;
    percent = std::stod(s, &used);
    if (s.substr(used) != "%") percent = -1;
  } catch (const std::exception&) {
  }
  if (percent < 0) throw Error(ErrorKind::kUsage, fmt::format("a tolerance is a percentage, e.g. 10%, not '{}'", text));
  return percent;
}

}  // namespace pgcertify::load

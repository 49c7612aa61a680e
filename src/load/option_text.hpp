#pragma once
// Load options written as text, read the same way wherever they are written: the command
// line (-M, --random-seed, --shard, -D, -L) and a plan's `load` and `latency` checks. Each
// throws Error(kUsage) saying what was expected; the caller adds where (flag or plan line).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "load/workload.hpp"

namespace pgcertify::load {

/// `simple`, `extended` or `prepared` (pgbench's -M).
QueryMode parse_query_mode(std::string_view text);

/// `time` (the clock), `rand` (the system's entropy) or an unsigned integer.
std::uint64_t parse_seed(std::string_view text);

struct Shard {
  int index = 1, count = 1;
};
/// `K/N`, e.g. `2/4` (checked against 1 <= K <= N by LoadOptions::validate).
Shard parse_shard(std::string_view text);

/// `NAME=VALUE` (-D).
std::pair<std::string, std::string> parse_define(std::string_view text);

/// A tolerance in percent: `10%`.
double parse_percent(std::string_view text);

}  // namespace pgcertify::load

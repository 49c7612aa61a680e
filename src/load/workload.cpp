#include "load/workload.hpp"

#include <fmt/format.h>

#include <charconv>

#include "common/error.hpp"
#include "common/files.hpp"
#include "load/builtins.hpp"

namespace pgcertify::load {

std::string_view query_mode_name(QueryMode mode) {
  switch (mode) {
    case QueryMode::kSimple: return "simple";
    case QueryMode::kExtended: return "extended";
    case QueryMode::kPrepared: return "prepared";
  }
  return "simple";
}

int Workload::total_weight() const {
  int total = 0;
  for (const auto& s : scripts) total += s.weight;
  return total;
}

int Workload::choose(Prng& rng) const {
  if (scripts.size() == 1) return 0;
  std::int64_t pick = rng.uniform(0, total_weight() - 1);
  for (size_t i = 0; i < scripts.size(); ++i) {
    pick -= scripts[i].weight;
    if (pick < 0) return static_cast<int>(i);
  }
  return static_cast<int>(scripts.size()) - 1;
}

void Workload::validate() const {
  if (scripts.empty()) throw Error(ErrorKind::kUsage, "no script given (use -f FILE, -b NAME, -S or -N)");
  if (total_weight() <= 0) throw Error(ErrorKind::kUsage, "total script weight must not be zero");
}

void Workload::check_mode(QueryMode mode) const {
  if (mode != QueryMode::kSimple) return;
  for (const auto& s : scripts)
    if (const int line = s.first_pipeline_line())
      throw Error(ErrorKind::kUsage, fmt::format("{}:{}: cannot use pipeline mode with the simple query protocol (use -M extended or prepared)",
                                                 s.name, line));
}

namespace {
/// Splits "name@weight" (weight a non-negative integer, 1 when absent).
std::pair<std::string, int> weighted(const std::string& spec) {
  const size_t at = spec.rfind('@');
  if (at == std::string::npos) return {spec, 1};
  const std::string weight = spec.substr(at + 1);
  int w = -1;
  auto [p, ec] = std::from_chars(weight.data(), weight.data() + weight.size(), w);
  if (ec != std::errc() || p != weight.data() + weight.size() || w < 0)
    throw Error(ErrorKind::kUsage, fmt::format("invalid weight specification: \"{}\"", spec));
  return {spec.substr(0, at), w};
}
}  // namespace

void Workload::add_file(const std::string& spec) {
  auto [file, weight] = weighted(spec);
  std::string text;
  try {
    text = read_file(file);
  } catch (const Error& e) {
    if (e.kind != ErrorKind::kIo) throw;
    throw Error(ErrorKind::kUsage, e.what());  // a script named on the command line: exit 2
  }
  Script s = parse_script(text, file, names);
  s.weight = weight;
  scripts.push_back(std::move(s));
}

void Workload::add_builtin(const std::string& spec) {
  auto [name, weight] = weighted(spec);
  const BuiltinScript& builtin = find_builtin(name);
  uses_builtin = true;
  Script s = parse_script(builtin.text, std::string(builtin.description), names);
  s.weight = weight;
  scripts.push_back(std::move(s));
}


void LoadOptions::validate() const {
  auto usage = [](std::string message) { return Error(ErrorKind::kUsage, std::move(message)); };
  if (clients < 1) throw usage(fmt::format("invalid number of clients: \"{}\"", clients));
  if (threads < 1) throw usage(fmt::format("invalid number of threads: \"{}\"", threads));
  if (threads > clients) throw usage(fmt::format("number of threads ({}) must not exceed the number of clients ({})", threads, clients));
  if (duration && transactions) throw usage("specify either a number of transactions (-t) or a duration (-T), not both");
  if (duration && duration->count() < 1) throw usage("invalid duration: must be at least 1 second");
  if (transactions && *transactions < 1) throw usage(fmt::format("invalid number of transactions: \"{}\"", *transactions));
  if (rate && !(*rate > 0)) throw usage("invalid rate limit: must be greater than zero");
  // A slower rate's mean wait (1e9 / rate ns) no longer fits the clock.
  if (rate && *rate < 1e-6) throw usage("invalid rate limit: must be at least 0.000001 (one transaction in about 12 days)");
  if (latency_limit && latency_limit->count() <= 0) throw usage("invalid latency limit: must be greater than zero");
  if (shards < 1 || shard < 1 || shard > shards) throw usage(fmt::format("invalid shard {}/{}: expected K/N with 1 <= K <= N", shard, shards));
  if (max_tries < 1) throw usage("invalid number of maximum tries: must be at least 1");
  if (progress_seconds && *progress_seconds < 1) throw usage("invalid thread progress delay: must be at least 1 second");
}

std::int64_t LoadOptions::transactions_of(int id) const {
  const std::int64_t per_client = transactions_per_client();
  if (per_client == 0) return 0;
  if (!transactions_in_total) return warmup_transactions + per_client;
  const auto index = static_cast<std::int64_t>(id - first_client_id());
  return warmup_transactions + per_client / clients + (index < per_client % clients ? 1 : 0);
}

}  // namespace pgcertify::load

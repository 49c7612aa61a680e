#include "load/merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "common/error.hpp"
#include "load/option_text.hpp"

namespace pgcertify::load {
namespace {
Error bad(const std::string& path, const std::string& what) { return Error(ErrorKind::kUsage, fmt::format("{}: {}", path, what)); }

template <class T>
T field(const ShardFile& f, const char* key) {
  if (!f.summary.is_object() || !f.summary.contains(key) || f.summary[key].is_null())
    throw bad(f.path, fmt::format("not a pgcertify load --json summary (no '{}')", key));
  try {
    return f.summary[key].get<T>();
  } catch (const nlohmann::json::exception&) {
    throw bad(f.path, fmt::format("'{}' has the wrong type", key));
  }
}

stats::Histogram histogram(const ShardFile& f, const nlohmann::json& j, const std::string& where) {
  try {
    return stats::Histogram::from_json(j);
  } catch (const std::exception& e) {
    throw bad(f.path, fmt::format("{}: {}", where, e.what()));
  }
}

/// The settings every shard must share to be parts of one run.
void check_same(const ShardFile& first, const ShardFile& f, const char* key) {
  if (first.summary.value(key, nlohmann::json()) != f.summary.value(key, nlohmann::json()))
    throw bad(f.path, fmt::format("'{}' is {} here but {} in {}: not shards of one run", key, f.summary.value(key, nlohmann::json()).dump(),
                                  first.summary.value(key, nlohmann::json()).dump(), first.path));
}
}  // namespace

MergedRun merge_shards(const std::vector<ShardFile>& shards) {
  if (shards.empty()) throw Error(ErrorKind::kUsage, "report merge needs at least one --json summary of pgcertify load");
  MergedRun m;
  m.options.clients = m.options.threads = 0;  // summed over the shards below
  const ShardFile& first = shards.front();
  const int count = field<nlohmann::json>(first, "shard").value("count", 0);
  std::vector<std::string> seen(static_cast<size_t>(std::max(count, 0)));
  double end_s = 0;
  for (const ShardFile& f : shards) {
    const auto shard = field<nlohmann::json>(f, "shard");
    const int index = shard.value("index", 0), n = shard.value("count", 0);
    if (n != count) throw bad(f.path, fmt::format("shard {}/{}, but {} is one of {} shards", index, n, first.path, count));
    if (index < 1 || index > n) throw bad(f.path, fmt::format("invalid shard {}/{}", index, n));
    std::string& owner = seen[static_cast<size_t>(index - 1)];
    if (!owner.empty()) throw bad(f.path, fmt::format("shard {}/{} again (also in {})", index, n, owner));
    owner = f.path;
    for (const char* key : {"transaction_type", "query_mode", "random_seed", "max_tries", "duration_option_s",
                            "transactions_per_client", "rate", "latency_limit_ms"})
      check_same(first, f, key);

    LoadStats s;
    s.latency = histogram(f, field<nlohmann::json>(f, "histogram"), "histogram");
    s.transactions = field<std::uint64_t>(f, "transactions");
    if (s.latency.count() != s.transactions) throw bad(f.path, "the histogram's count differs from 'transactions'");
    s.serialization_failures = field<std::uint64_t>(f, "serialization_failures");
    s.deadlock_failures = field<std::uint64_t>(f, "deadlock_failures");
    s.other_failures = field<std::uint64_t>(f, "other_failures");
    s.retried = field<std::uint64_t>(f, "retried");
    s.retries = field<std::uint64_t>(f, "retries");
    s.skipped = f.summary.value("skipped", std::uint64_t{0});
    s.late = f.summary.value("late", std::uint64_t{0});
    s.reconnects = f.summary.value("reconnects", std::uint64_t{0});
    s.lag_total_ns = f.summary.value("lag_total_ns", 0.0);
    s.lag_max_ns = f.summary.value("lag_max_ns", std::int64_t{0});
    const auto scripts = field<nlohmann::json>(f, "scripts");
    for (size_t i = 0; i < scripts.size(); ++i) {
      ScriptStats st;
      st.transactions = scripts[i].value("transactions", std::uint64_t{0});
      st.failed = scripts[i].value("failed", std::uint64_t{0});
      st.skipped = scripts[i].value("skipped", std::uint64_t{0});
      st.latency = histogram(f, scripts[i].at("histogram"), fmt::format("script {} histogram", i + 1));
      s.scripts.push_back(std::move(st));
      s.commands.emplace_back();
      if (&f != &first) continue;
      Script script;
      script.name = scripts[i].value("name", "");
      script.weight = scripts[i].value("weight", 1);
      m.workload.add(std::move(script));
    }
    if (s.scripts.size() != m.workload.scripts.size()) throw bad(f.path, "a different number of scripts than " + first.path);
    m.result.stats.merge(s);
    m.options.clients += field<int>(f, "clients");
    m.options.threads += field<int>(f, "threads");
    m.result.aborted_clients += field<int>(f, "aborted_clients");
    m.result.interrupted = m.result.interrupted || field<bool>(f, "interrupted");
    m.result.connection_ms = std::max(m.result.connection_ms, field<double>(f, "initial_connection_ms"));
    end_s = std::max(end_s, field<double>(f, "duration_s"));
    for (const auto& e : f.summary.value("errors", std::vector<std::string>{}))
      if (m.result.errors.size() < 10) m.result.errors.push_back(e);
  }
  for (size_t k = 0; k < seen.size(); ++k)
    if (seen[k].empty()) throw Error(ErrorKind::kUsage, fmt::format("shard {}/{} is missing: give the --json file of every shard", k + 1, count));
  m.options.shards = 1;
  if (const auto mode = first.summary.value("query_mode", nlohmann::json()); mode.is_string())
    m.options.mode = parse_query_mode(mode.get<std::string>());
  m.options.max_tries = field<int>(first, "max_tries");
  m.options.random_seed = field<std::uint64_t>(first, "random_seed");
  if (auto d = first.summary.value("duration_option_s", nlohmann::json()); d.is_number()) m.options.duration = std::chrono::seconds(d.get<int>());
  if (auto t = first.summary.value("transactions_per_client", nlohmann::json()); t.is_number()) m.options.transactions = t.get<std::int64_t>();
  if (auto r = first.summary.value("rate", nlohmann::json()); r.is_number()) m.options.rate = r.get<double>() * count;
  if (auto l = first.summary.value("latency_limit_ms", nlohmann::json()); l.is_number()) m.options.latency_limit = std::chrono::nanoseconds(std::llround(l.get<double>() * 1e6));
  m.workload.scale = first.summary.value("scaling_factor", std::int64_t{1});
  m.result.duration_s = end_s;
  return m;
}

}  // namespace pgcertify::load

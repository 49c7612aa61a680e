#include "load/baseline.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "common/error.hpp"
#include "common/files.hpp"

namespace pgcertify::load {

double Figures::get(const std::string& metric) const {
  if (metric == "tps") return tps;
  if (metric == "p50") return p50;
  if (metric == "p95") return p95;
  if (metric == "p99") return p99;
  return max;
}

Figures figures_of(const nlohmann::json& summary, const std::string& origin) {
  auto number = [&](const nlohmann::json& parent, const char* key, const char* path) {
    if (!parent.is_object() || !parent.contains(key) || !parent[key].is_number())
      throw Error(ErrorKind::kPlan, fmt::format("{}: not a pgcertify load summary (no number at '{}')", origin, path));
    return parent[key].get<double>();
  };
  Figures f;
  f.tps = number(summary, "tps", "tps");
  f.transactions = static_cast<std::uint64_t>(number(summary, "transactions", "transactions"));
  const nlohmann::json latency = summary.is_object() && summary.contains("latency_ms") ? summary["latency_ms"] : nlohmann::json();
  f.p50 = number(latency, "p50", "latency_ms.p50");
  f.p95 = number(latency, "p95", "latency_ms.p95");
  f.p99 = number(latency, "p99", "latency_ms.p99");
  f.max = number(latency, "max", "latency_ms.max");
  return f;
}

Figures read_baseline(const std::string& path) {
  if (!std::filesystem::exists(path))
    throw Error(ErrorKind::kIo, fmt::format("baseline {} does not exist (record one with --save-baseline)", path));
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(read_file(path));
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::kIo, fmt::format("baseline {} is not JSON: {}", path, e.what()));
  }
  return figures_of(j, "baseline " + path);
}

const std::vector<std::string>& regression_metrics() {
  static const std::vector<std::string> metrics = {"tps", "p50", "p95", "p99", "max"};
  return metrics;
}

std::string Comparison::describe() const {
  const bool latency = metric != "tps";
  return fmt::format("{} {:.{}f}{} vs baseline {:.{}f}{} ({:+.1f}%, tolerance {}%)", metric, measured, latency ? 3 : 1,
                     latency ? "ms" : "", baseline, latency ? 3 : 1, latency ? "ms" : "", change_percent, tolerance_percent);
}

Comparison compare(const std::string& metric, const Figures& baseline, const Figures& measured, double tolerance_percent) {
  Comparison c;
  c.metric = metric;
  c.baseline = baseline.get(metric);
  c.measured = measured.get(metric);
  c.tolerance_percent = tolerance_percent;
  c.change_percent = c.baseline > 0 ? 100.0 * (c.measured - c.baseline) / c.baseline : 0.0;
  // Throughput regresses when it falls, latency when it rises.
  c.regressed = metric == "tps" ? -c.change_percent > tolerance_percent : c.change_percent > tolerance_percent;
  return c;
}

}  // namespace pgcertify::load

#include <nlohmann/json.hpp>

#include "report/formats.hpp"

namespace pgcertify::report {

std::string to_json(const checks::RunSummary& summary) {
  using nlohmann::json;
  json results = json::array();
  for (const auto& r : summary.results) {
    json measurements = json::array();
    for (const auto& m : r.outcome.measurements)
      measurements.push_back({{"name", m.name}, {"value", m.value}, {"threshold", m.threshold}});
    results.push_back({
        {"id", r.id},
        {"suite", r.suite},
        {"name", r.name},
        {"kind", r.kind},
        {"status", checks::status_name(r.outcome.status)},
        {"message", r.outcome.message},
        {"measurements", measurements},
        {"evidence", r.outcome.evidence},
        {"duration_ms", static_cast<double>(r.duration.count()) / 1000.0},
        {"source", r.source.to_string()},
        {"tags", r.tags},
    });
  }
  const json doc = {
      {"format", "pgcertify-report"},
      {"version", 1},
      {"plan", summary.plan_title},
      {"plan_file", summary.plan_file},
      {"target", summary.target},
      {"passed", summary.passed()},
      {"interrupted", summary.interrupted},
      {"duration_ms", static_cast<double>(summary.duration.count()) / 1000.0},
      {"counts",
       {{"total", summary.results.size()},
        {"pass", summary.count(checks::Status::kPass)},
        {"fail", summary.count(checks::Status::kFail)},
        {"error", summary.count(checks::Status::kError)},
        {"skip", summary.count(checks::Status::kSkip)},
        {"warn", summary.count(checks::Status::kWarn)}}},
      {"results", results},
  };
  // Invalid UTF-8 from the server is replaced, never a reason to lose the report.
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace pgcertify::report

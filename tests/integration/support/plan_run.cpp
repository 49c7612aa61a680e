#include "support/plan_run.hpp"

namespace pgcertify::testing {
namespace fs = std::filesystem;

const nlohmann::json& PlanRun::result(std::string_view name) const {
  static const nlohmann::json kNone;
  if (!report.is_object() || !report.contains("results")) return kNone;
  for (const auto& r : report["results"])
    if (r["name"] == name) return r;
  return kNone;
}

std::string PlanRun::everything_written() const {
  return read_text(json) + read_text(junit) + read_text(tap) + out + err;
}

PlanRun run_plan(const fs::path& plan, const std::string& dsn, const fs::path& work_dir,
                 const std::vector<std::string>& extra) {
  PlanRun run;
  run.json = work_dir / "report.json";
  run.junit = work_dir / "report.xml";
  run.tap = work_dir / "report.tap";
  for (const auto& file : {run.json, run.junit, run.tap}) fs::remove(file);
  std::vector<std::string> args = {"run", plan.string()};
  if (!dsn.empty()) args.insert(args.end(), {"--dsn", dsn});
  args.insert(args.end(),
              {"--report", "json=" + run.json.string() + ",junit=" + run.junit.string() + ",tap=" + run.tap.string()});
  args.insert(args.end(), extra.begin(), extra.end());
  static_cast<Completed&>(run) = run_pgcertify(args);
  if (fs::exists(run.json)) run.report = nlohmann::json::parse(read_text(run.json), nullptr, false);
  if (run.report.is_discarded()) run.report = nullptr;
  return run;
}

}  // namespace pgcertify::testing

// `pgcertify run PLAN`: load, set up the target, run the checks, report.

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <optional>

#include "checks/registry.hpp"
#include "cli/commands.hpp"
#include "common/strings.hpp"
#include "pg/connection.hpp"
#include "plan/loader.hpp"
#include "report/console.hpp"
#include "report/writer.hpp"
#include "runner/compile.hpp"
#include "runner/runner.hpp"
#include "runner/setup.hpp"
#include "runner/target.hpp"

namespace pgcertify::cli {
namespace {
struct RunOptions {
  std::string plan;
  std::optional<std::string> dsn;
  std::vector<std::string> reports;
  std::vector<std::string> only;
  std::vector<std::string> tags;
  bool list = false;
  bool save_baselines = false;
  bool allow_scratch = false;
};

void print_list(const std::vector<runner::PlannedCheck>& planned) {
  std::string suite;
  for (const auto& c : planned) {
    if (c.suite != suite) fmt::print("{}\n", suite = c.suite);
    fmt::print("  {:<8} {}{}\n", c.spec->kind, c.name, c.spec->skip ? "  (skip: " + *c.spec->skip + ")" : "");
  }
  fmt::print("{} checks\n", planned.size());
}

ExitStatus run_plan(const RunOptions& options) {
  // Everything that can be wrong with the plan or the flags is found before connecting.
  const auto kinds = checks::kind_keys();
  const plan::Plan plan = plan::load_plan(options.plan, kinds);
  std::vector<report::ReportFile> reports;
  for (const auto& spec : options.reports) {
    auto parsed = report::parse_report_spec(spec);
    reports.insert(reports.end(), parsed.begin(), parsed.end());
  }
  report::check_destinations(reports);
  std::vector<std::string> tags;
  for (const auto& t : options.tags)
    for (const auto& part : split(t, ','))
      if (!trim(part).empty()) tags.push_back(trim(part));
  auto planned = runner::select(runner::compile(plan), plan, {options.only, tags});
  runner::check_pgbouncer_routes(planned, plan, options.dsn.has_value() || plan.target.dsn.has_value());
  if (options.list) {
    print_list(planned);
    return ExitStatus::kSuccess;
  }

  std::unique_ptr<runner::Target> target;
  try {
    target = runner::Target::open(plan, options.dsn);
    fmt::print("pgcertify: {} against {}\n", plan.title.empty() ? options.plan : plan.title, target->display());
    if (target->ephemeral()) {
      pg::Connection setup_connection(target->dsn());
      runner::apply_setup(setup_connection, plan.setup);
    } else if (!plan.setup.empty()) {
      fmt::print("setup: skipped (the target is given by a DSN; pgcertify does not change it)\n");
    }
  } catch (Error& e) {
    if (e.kind == ErrorKind::kConnection || e.kind == ErrorKind::kSql) e.kind = ErrorKind::kTarget;
    throw;
  }
  std::fflush(stdout);

  report::ConsoleReport console(stdout);
  runner::RunSettings settings;
  settings.throwaway_target = target->ephemeral();
  settings.pgbouncer_dsn = target->pgbouncer_dsn();
  settings.save_baselines = options.save_baselines;
  settings.allow_scratch = options.allow_scratch;
  checks::RunSummary summary = runner::run_checks(planned, target->dsn(), settings, plan.defaults, &console);
  summary.plan_title = plan.title;
  summary.plan_file = options.plan;
  summary.target = target->display();
  console.finish(summary);
  report::write_reports(summary, reports);
  return summary.passed() ? ExitStatus::kSuccess : ExitStatus::kChecksFailed;
}
}  // namespace

void setup_run(CLI::App& app, Action& action) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* run = app.add_subcommand("run", "Run a plan's checks and report (exit 0 only if every check passed)");
  run->footer("Check kinds a plan may use (docs/plan-reference.md):\n" + kinds_listing());
  run->add_option("plan", options->plan, "The plan file (YAML)")->required();
  run->add_option("--dsn", options->dsn,
                  "Run against this database (URI or keyword DSN) instead of an ephemeral cluster; setup is not applied");
  run->add_option("--report", options->reports, "Write reports: json=PATH,junit=PATH,tap=PATH (repeatable)");
  run->add_option("--only", options->only, "Run only this suite (repeatable)");
  run->add_option("--tags", options->tags, "Run only checks with one of these tags (comma-separated)");
  run->add_flag("--list", options->list, "Print the checks that would run, and run nothing");
  run->add_flag("--save-baseline", options->save_baselines,
                "Load checks with a 'baseline' file record this run's result there instead of comparing with it");
  run->add_flag("--allow-scratch", options->allow_scratch,
                "Against --dsn, let checks that must commit (a load with 'writes: true') run in a scratch copy of the "
                "database, dropped afterwards");
  run->callback([&action, options] { action = [options] { return run_plan(*options); }; });
}

}  // namespace pgcertify::cli

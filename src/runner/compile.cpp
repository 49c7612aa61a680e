#include "runner/compile.hpp"

#include <algorithm>
#include <set>

#include "checks/registry.hpp"
#include "common/strings.hpp"

namespace pgcertify::runner {

std::vector<PlannedCheck> compile(const plan::Plan& plan) {
  std::vector<PlannedCheck> out;
  std::set<std::string> ids;
  for (const auto& suite : plan.suites) {
    for (const auto& spec : suite.checks) {
      const checks::CheckKind* kind = checks::find_kind(spec.kind);
      if (!kind) throw spec.options.error("unknown check kind '" + spec.kind + "'");
      PlannedCheck planned{suite.name, spec.name, {}, &spec, kind->make(spec.options), suite.tags};
      if (planned.name.empty()) planned.name = planned.check->default_name();
      planned.id = suite.name + "/" + planned.name;
      for (int n = 2; !ids.insert(planned.id).second; ++n)
        planned.id = suite.name + "/" + planned.name + " #" + std::to_string(n);
      planned.tags.insert(planned.tags.end(), spec.tags.begin(), spec.tags.end());
      out.push_back(std::move(planned));
    }
  }
  return out;
}

void check_pgbouncer_routes(const std::vector<PlannedCheck>& checks, const plan::Plan& plan, bool dsn_target) {
  for (const auto& c : checks) {
    if (!c.check->via_pgbouncer() || c.spec->skip) continue;
    if (!dsn_target && !plan.setup.pgbouncer) {
      Error e(ErrorKind::kPlan, "this check runs via PgBouncer, but the plan has no 'setup.pgbouncer'");
      e.hint = "add 'setup: {pgbouncer: {pool_mode: transaction}}' to start one in front of the ephemeral cluster";
      throw std::move(e).at(c.spec->where);
    }
  }
}

std::vector<PlannedCheck> select(std::vector<PlannedCheck> checks, const plan::Plan& plan, const Selection& selection) {
  std::vector<std::string> suite_names;
  for (const auto& s : plan.suites) suite_names.push_back(s.name);
  for (const auto& wanted : selection.only_suites) {
    if (std::find(suite_names.begin(), suite_names.end(), wanted) == suite_names.end())
      throw Error(ErrorKind::kUsage, "--only: the plan has no suite '" + wanted + "'" + did_you_mean(wanted, suite_names));
  }
  // Like --only, a tag that no check carries is a mistake to say, not an empty run to pass.
  for (const auto& wanted : selection.tags) {
    const bool carried = std::any_of(checks.begin(), checks.end(), [&](const PlannedCheck& c) {
      return std::find(c.tags.begin(), c.tags.end(), wanted) != c.tags.end();
    });
    if (carried) continue;
    std::vector<std::string> all_tags;
    for (const auto& c : checks)
      for (const auto& t : c.tags)
        if (std::find(all_tags.begin(), all_tags.end(), t) == all_tags.end()) all_tags.push_back(t);
    throw Error(ErrorKind::kUsage, "--tags: no check of the plan has the tag '" + wanted + "'" + did_you_mean(wanted, all_tags));
  }
  std::erase_if(checks, [&](const PlannedCheck& c) {
    if (!selection.only_suites.empty() &&
        std::find(selection.only_suites.begin(), selection.only_suites.end(), c.suite) == selection.only_suites.end())
      return true;
    if (selection.tags.empty()) return false;
    return std::none_of(selection.tags.begin(), selection.tags.end(), [&](const std::string& t) {
      return std::find(c.tags.begin(), c.tags.end(), t) != c.tags.end();
    });
  });
  return checks;
}

}  // namespace pgcertify::runner

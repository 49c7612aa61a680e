// `pgcertify report merge SHARD.json…`: one pgbench-style summary from the --json files of the
// shards of a load (`pgcertify load --shard K/N` on several hosts).

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "common/files.hpp"
#include "load/merge.hpp"
#include "load/summary.hpp"

namespace pgcertify::cli {
namespace {
struct MergeOptions {
  std::vector<std::string> files;
  std::optional<std::string> json;
};

ExitStatus run_merge(const MergeOptions& o) {
  std::vector<load::ShardFile> shards;
  for (const auto& path : o.files) {
    load::ShardFile f{path, {}};
    try {
      f.summary = nlohmann::json::parse(read_file(path));
    } catch (const nlohmann::json::exception& e) {
      throw Error(ErrorKind::kUsage, fmt::format("{}: not JSON: {}", path, e.what()));
    }
    shards.push_back(std::move(f));
  }
  const load::MergedRun merged = load::merge_shards(shards);
  const load::RunDescription run{merged.workload, merged.options};
  fmt::print("merged {} shard(s)\n{}", shards.size(), load::format_summary(run, merged.result));
  if (o.json) write_file_atomic(*o.json, load::summary_json(run, merged.result).dump(1) + "\n");
  const bool failed = merged.result.interrupted || merged.result.aborted_clients > 0 || merged.result.stats.other_failures > 0;
  return failed ? ExitStatus::kChecksFailed : ExitStatus::kSuccess;
}
}  // namespace

void setup_report(CLI::App& app, Action& action) {
  CLI::App* report = app.add_subcommand("report", "Work with results written earlier");
  report->require_subcommand(1);
  auto o = std::make_shared<MergeOptions>();
  CLI::App* merge = report->add_subcommand("merge", "Combine the --json summaries of the shards of a load (--shard K/N) into one summary");
  merge->add_option("files", o->files, "The --json file of every shard")->required()->check(CLI::ExistingFile);
  merge->add_option("--json", o->json, "Also write the merged summary, with the merged histogram, as JSON to this file");
  merge->callback([&action, o] { action = [o] { return run_merge(*o); }; });
}

}  // namespace pgcertify::cli

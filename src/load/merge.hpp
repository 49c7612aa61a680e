#pragma once
// `pgcertify report merge`: the --json summaries of the shards of one load (--shard K/N) read
// back and combined into one run: counts summed, histograms merged bucket by bucket, tps over
// the longest shard's duration.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "load/engine.hpp"
#include "load/workload.hpp"

namespace pgcertify::load {

struct ShardFile {
  std::string path;
  nlohmann::json summary;
};

/// One run made of its shards, in the shape format_summary and summary_json take.
struct MergedRun {
  Workload workload;   // the scripts' names and weights only
  LoadOptions options;  // clients and threads summed over the shards
  LoadResult result;
};

/// Throws Error (kUsage) naming the file when a summary is not a pgcertify load --json file,
/// when two files are the same shard, when a shard is missing, or when the shards ran different
/// scripts, query modes or seeds.
MergedRun merge_shards(const std::vector<ShardFile>& shards);

}  // namespace pgcertify::load

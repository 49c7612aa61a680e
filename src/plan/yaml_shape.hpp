#pragma once
// What yaml-cpp accepts but a plan must not be: a key given twice in one mapping (yaml-cpp keeps
// the first silently), a recursive alias (`suites: &a [*a]`, infinite), and an alias bomb
// ("billion laughs": each level refers to the one before ten times). Checked once, right after
// parsing, so every later walk of the tree is finite and small.

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <memory>

#include "plan/node.hpp"

namespace pgcertify::plan {

struct YamlLimits {
  int max_depth = 64;               // mappings and lists nested in each other
  std::size_t max_nodes = 200'000;  // nodes visited, counting every use of an alias
};

/// Throws Error(kPlan) at the offending key or node.
void check_yaml_shape(const YAML::Node& root, const std::shared_ptr<const SourceText>& source, YamlLimits limits = {});

}  // namespace pgcertify::plan

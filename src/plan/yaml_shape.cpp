#include "plan/yaml_shape.hpp"

#include <fmt/format.h>

#include <map>
#include <string>

#include "common/strings.hpp"

namespace pgcertify::plan {
namespace {
class ShapeWalk {
 public:
  ShapeWalk(const std::shared_ptr<const SourceText>& source, YamlLimits limits) : source_(source), limits_(limits) {}

  void visit(const YAML::Node& node, int depth) {
    if (++visited_ > limits_.max_nodes)
      throw at(node, fmt::format("the plan expands to more than {} YAML nodes (aliases that refer to aliases?); "
                                 "write the repeated part out, or use fewer levels of aliases",
                                 limits_.max_nodes));
    if (depth > limits_.max_depth)
      throw at(node, fmt::format("YAML nested more than {} levels deep (an alias that contains itself?)", limits_.max_depth));
    if (node.IsSequence()) {
      for (const auto& item : node) visit(item, depth + 1);
    } else if (node.IsMap()) {
      std::map<std::string, YAML::Mark> seen;
      for (const auto& kv : node) {
        if (kv.first.IsScalar()) {
          const auto [first, inserted] = seen.emplace(kv.first.Scalar(), kv.first.Mark());
          if (!inserted)
            throw at(kv.first, fmt::format("duplicate key '{}' (first given at line {}); YAML keeps only one of them",
                                           kv.first.Scalar(), first->second.line + 1));
        }
        visit(kv.second, depth + 1);
      }
    }
  }

 private:
  Error at(const YAML::Node& node, const std::string& message) const { return Node(node, source_).error(message); }

  const std::shared_ptr<const SourceText>& source_;
  YamlLimits limits_;
  std::size_t visited_ = 0;
};
}  // namespace

void check_yaml_shape(const YAML::Node& root, const std::shared_ptr<const SourceText>& source, YamlLimits limits) {
  ShapeWalk(source, limits).visit(root, 0);
}

}  // namespace pgcertify::plan

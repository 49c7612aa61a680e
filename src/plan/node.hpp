#pragma once
// A YAML node that knows which file it came from, so every error names file:line:col
// with the source line and a caret. Check kinds read their options through it.

#include <yaml-cpp/yaml.h>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "plan/units.hpp"

namespace pgcertify::plan {

/// The text of a loaded file, shared by all nodes read from it.
struct SourceText {
  std::string path;  // as the user named it
  std::string text;
};

class Node {
 public:
  Node(YAML::Node node, std::shared_ptr<const SourceText> source) : node_(std::move(node)), source_(std::move(source)) {}

  SourceLocation location() const;
  /// Error(kPlan) positioned at this node.
  Error error(const std::string& message) const;
  /// Error(kPlan) at `line`:`column` (1-based) of this scalar's value, placed in the plan file:
  /// a block scalar (`sql: |`) starts on the next line at its indentation; a quoted one a
  /// column after its quote (escapes such as \\ may shift the column of a quoted value).
  Error error_in_value(int line, int column, const std::string& message) const;

  bool is_map() const { return node_.IsMap(); }
  bool is_sequence() const { return node_.IsSequence(); }
  bool is_scalar() const { return node_.IsScalar(); }
  bool is_null() const { return !node_.IsDefined() || node_.IsNull(); }

  /// `what` names the expected thing in errors ("a duration like 250ms").
  std::string as_string(std::string_view what = "a string") const;
  double as_number(std::string_view what = "a number") const;
  long long as_integer(std::string_view what = "an integer") const;
  bool as_bool() const;
  Duration as_duration() const;
  Threshold as_threshold(BareNumber bare = BareNumber::kUpperBound) const;
  /// A scalar or a list of scalars.
  std::vector<std::string> as_string_list(std::string_view what = "a string or a list of strings") const;

  std::vector<Node> items() const;                               // requires a sequence
  std::vector<std::pair<Node, Node>> entries() const;           // requires a mapping: (key, value)
  std::optional<Node> get(const std::string& key) const;        // requires a mapping
  Node require(const std::string& key) const;                   // requires a mapping with key
  /// Requires a mapping whose keys are all in `allowed`; an unknown key is an error at that
  /// key, with a "did you mean" when one is close.
  void check_keys(std::span<const std::string> allowed) const;
  void require_map(std::string_view what) const;

  const YAML::Node& raw() const { return node_; }
  const std::shared_ptr<const SourceText>& source() const { return source_; }

 private:
  YAML::Node node_;
  std::shared_ptr<const SourceText> source_;
};

}  // namespace pgcertify::plan

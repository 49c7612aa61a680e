#include "plan/node.hpp"

#include <charconv>

#include "common/strings.hpp"

namespace pgcertify::plan {

SourceLocation Node::location() const {
  const YAML::Mark mark = node_.Mark();
  if (mark.is_null()) return {source_->path, 0, 0};
  return {source_->path, mark.line + 1, mark.column + 1};
}

Error Node::error(const std::string& message) const {
  const SourceLocation loc = location();
  return Error(ErrorKind::kPlan, message).at(loc, line_of(source_->text, loc.line));
}

Error Node::error_in_value(int line, int column, const std::string& message) const {
  const SourceLocation node = location();
  if (node.line == 0) return error(message);
  const std::string header = line_of(source_->text, node.line);
  const char indicator = static_cast<size_t>(node.column) <= header.size() ? header[static_cast<size_t>(node.column - 1)] : ' ';
  SourceLocation at{node.file, node.line + line - 1, 0};
  if (indicator == '|' || indicator == '>') {
    at.line = node.line + line;
    std::string first;  // the block's indentation is its first non-blank line's
    for (int l = node.line + 1; first.find_first_not_of(' ') == std::string::npos && l <= node.line + line; ++l)
      first = line_of(source_->text, l);
    const size_t indent = first.find_first_not_of(' ');
    at.column = (indent == std::string::npos ? 0 : static_cast<int>(indent)) + column;
  } else if (line == 1) {
    at.column = node.column + column - ((indicator == '"' || indicator == '\'') ? 0 : 1);
  }
  return Error(ErrorKind::kPlan, message).at(at, line_of(source_->text, at.line));
}

void Node::require_map(std::string_view what) const {
  if (!node_.IsMap()) throw error("expected " + std::string(what) + " (a mapping of keys to values)");
}

std::string Node::as_string(std::string_view what) const {
  if (!node_.IsScalar()) throw error("expected " + std::string(what));
  return node_.Scalar();
}

double Node::as_number(std::string_view what) const {
  const std::string s = trim(as_string(what));
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    throw error("expected " + std::string(what) + ", got '" + s + "'");
  return value;
}

long long Node::as_integer(std::string_view what) const {
  const std::string s = trim(as_string(what));
  long long value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    throw error("expected " + std::string(what) + ", got '" + s + "'");
  return value;
}

bool Node::as_bool() const {
  const std::string s = to_lower(as_string("true or false"));
  if (s == "true" || s == "yes" || s == "on") return true;
  if (s == "false" || s == "no" || s == "off") return false;
  throw error("expected true or false, got '" + s + "'");
}

Duration Node::as_duration() const {
  const std::string s = as_string("a duration like 250ms, 5s or 2min");
  const auto d = parse_duration(s);
  if (!d) throw error("invalid duration '" + s + "' (expected a number and a unit: us, ms, s, min, h, d; e.g. 250ms)");
  return *d;
}

Threshold Node::as_threshold(BareNumber bare) const {
  const std::string s = as_string("a threshold like \">= 500\", \"< 80%\" or 50ms");
  const auto t = parse_threshold(s, bare);
  if (!t) throw error("invalid threshold '" + s + "' (expected e.g. \">= 500\", \"< 80%\", \"!= 0\" or 50ms)");
  return *t;
}

std::vector<std::string> Node::as_string_list(std::string_view what) const {
  if (node_.IsScalar()) return {node_.Scalar()};
  if (!node_.IsSequence()) throw error("expected " + std::string(what));
  std::vector<std::string> out;
  for (const auto& item : items()) out.push_back(item.as_string(what));
  return out;
}

std::vector<Node> Node::items() const {
  if (!node_.IsSequence()) throw error("expected a list");
  std::vector<Node> out;
  for (const auto& item : node_) out.emplace_back(item, source_);
  return out;
}

std::vector<std::pair<Node, Node>> Node::entries() const {
  if (!node_.IsMap()) throw error("expected a mapping of keys to values");
  std::vector<std::pair<Node, Node>> out;
  for (const auto& kv : node_) out.emplace_back(Node(kv.first, source_), Node(kv.second, source_));
  return out;
}

std::optional<Node> Node::get(const std::string& key) const {
  if (!node_.IsMap()) throw error("expected a mapping of keys to values");
  for (const auto& kv : node_)
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return Node(kv.second, source_);
  return std::nullopt;
}

Node Node::require(const std::string& key) const {
  auto value = get(key);
  if (!value) throw error("missing required key '" + key + "'");
  return *value;
}

void Node::check_keys(std::span<const std::string> allowed) const {
  for (const auto& [key, value] : entries()) {
    const std::string name = key.as_string("a key");
    bool known = false;
    for (const auto& a : allowed) known = known || a == name;
    if (!known) throw key.error("unknown key '" + name + "'" + did_you_mean(name, allowed));
  }
}

}  // namespace pgcertify::plan

#include "catalog/identifiers.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "common/strings.hpp"

namespace pgcertify::catalog {
namespace {
// PostgreSQL's reserved key words (and the type-function ones a bare name cannot be).
constexpr std::array kReserved = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary",
    "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint", "create",
    "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
    "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
    "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike",
    "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left", "like",
    "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or",
    "order", "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
    "session_user", "similar", "some", "symmetric", "table", "tablesample", "then", "to", "trailing", "true",
    "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window", "with"};

bool plain_identifier(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])) || name[0] == '$') return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
    if (!ok) return false;
  }
  return std::find(kReserved.begin(), kReserved.end(), name) == kReserved.end();
}

/// Reads one identifier at `pos`, advancing it; nullopt when malformed.
std::optional<std::string> read_identifier(std::string_view text, size_t& pos) {
  std::string out;
  if (pos < text.size() && text[pos] == '"') {
    for (++pos; pos < text.size(); ++pos) {
      if (text[pos] != '"') {
        out += text[pos];
      } else if (pos + 1 < text.size() && text[pos + 1] == '"') {
        out += '"';
        ++pos;
      } else {
        ++pos;
        return out.empty() ? std::nullopt : std::optional(out);
      }
    }
    return std::nullopt;  // unterminated quote
  }
  while (pos < text.size() && text[pos] != '.') {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    if (!(std::isalnum(c) || c == '_' || c == '$' || c >= 0x80)) return std::nullopt;
    out += static_cast<char>(std::tolower(c));
    ++pos;
  }
  return out.empty() ? std::nullopt : std::optional(out);
}
}  // namespace

std::string quote_if_needed(std::string_view name) {
  if (plain_identifier(name)) return std::string(name);
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::optional<QualifiedName> parse_qualified_name(std::string_view raw, std::string_view default_schema) {
  const std::string text = trim(raw);
  size_t pos = 0;
  auto first = read_identifier(text, pos);
  if (!first) return std::nullopt;
  if (pos == text.size()) return QualifiedName{std::string(default_schema), *first};
  if (text[pos] != '.') return std::nullopt;
  ++pos;
  auto second = read_identifier(text, pos);
  if (!second || pos != text.size()) return std::nullopt;
  return QualifiedName{*first, *second};
}

std::optional<std::string> parse_identifier(std::string_view raw) {
  const std::string text = trim(raw);
  size_t pos = 0;
  auto id = read_identifier(text, pos);
  if (!id || pos != text.size()) return std::nullopt;
  return id;
}

std::vector<std::string> split_top_level(std::string_view text, char separator) {
  std::vector<std::string> parts;
  int depth = 0;
  char quote = 0;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      --depth;
    } else if (c == separator && depth == 0) {
      parts.push_back(trim(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  const std::string last = trim(text.substr(start));
  if (!last.empty() || !parts.empty()) parts.push_back(last);
  return parts;
}

std::optional<Signature> parse_signature(std::string_view raw) {
  const std::string text = trim(raw);
  const size_t open = text.find('(');
  if (open == std::string::npos) {
    if (text.find(')') != std::string::npos || text.empty()) return std::nullopt;
    return Signature{text, std::nullopt};
  }
  if (text.back() != ')') return std::nullopt;
  const std::string inner = text.substr(open + 1, text.size() - open - 2);
  int depth = 0;
  for (char c : inner) {
    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    if (depth < 0) return std::nullopt;
  }
  if (depth != 0) return std::nullopt;
  Signature sig{trim(text.substr(0, open)), split_top_level(inner)};
  if (sig.name.empty()) return std::nullopt;
  for (const auto& a : *sig.argument_types)
    if (a.empty()) return std::nullopt;
  return sig;
}

std::optional<Reference> parse_reference(std::string_view raw) {
  auto sig = parse_signature(raw);
  if (!sig || !sig->argument_types || sig->argument_types->empty()) return std::nullopt;
  Reference ref{sig->name, {}};
  for (const auto& c : *sig->argument_types) {
    auto id = parse_identifier(c);
    if (!id) return std::nullopt;
    ref.columns.push_back(*id);
  }
  return ref;
}

std::string squeeze_spaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace pgcertify::catalog

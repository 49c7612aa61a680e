#include "plan/env.hpp"

#include <cctype>
#include <cstdlib>

#include "common/error.hpp"

namespace pgcertify::plan {

std::optional<std::string> getenv_lookup(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (!value) return std::nullopt;
  return std::string(value);
}

namespace {
std::string expand(std::string_view text, const EnvLookup& lookup, size_t* column_out, bool dollar_escape) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '$' || i + 1 >= text.size()) {
      out += text[i++];
      continue;
    }
    if (dollar_escape && text[i + 1] == '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (text[i + 1] != '{') {
      out += text[i++];
      continue;
    }
    // The matching '}': a default may hold ${…} of its own (`${A:-${B:-x}}`, as in a shell).
    size_t close = std::string_view::npos;
    for (size_t j = i + 2, depth = 1; j < text.size(); ++j) {
      if (text[j] == '$' && j + 1 < text.size() && text[j + 1] == '{') {
        ++depth;
        ++j;
      } else if (text[j] == '}' && --depth == 0) {
        close = j;
        break;
      }
    }
    if (close == std::string_view::npos) {
      if (column_out) *column_out = i;
      throw Error(ErrorKind::kPlan, "unterminated '${' (expected '${NAME}' or '${NAME:-default}')");
    }
    const std::string_view body = text.substr(i + 2, close - i - 2);
    const size_t sep = body.find(":-");
    const std::string name(body.substr(0, sep));
    bool valid = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
    for (char c : name) valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    if (!valid) {
      if (column_out) *column_out = i;
      throw Error(ErrorKind::kPlan, "invalid variable name '" + name + "' in '${…}'");
    }
    const auto value = lookup(name);
    if (value && !(value->empty() && sep != std::string_view::npos)) {
      out += *value;
    } else if (sep != std::string_view::npos) {
      try {
        out += expand(body.substr(sep + 2), lookup, column_out, dollar_escape);
      } catch (const Error&) {
        if (column_out) *column_out += i + 2 + sep + 2;  // the position inside the default, in `text`
        throw;
      }
    } else {
      if (column_out) *column_out = i;
      throw Error(ErrorKind::kPlan, "environment variable '" + name + "' is not set (write '${" + name +
                                        ":-default}' to give a default)");
    }
    i = close + 1;
  }
  return out;
}
}  // namespace

std::string expand_env(std::string_view text, const EnvLookup& lookup, size_t* column_out) {
  return expand(text, lookup, column_out, true);
}

std::string expand_env_sql(std::string_view text, const EnvLookup& lookup, size_t* column_out) {
  return expand(text, lookup, column_out, false);
}

}  // namespace pgcertify::plan

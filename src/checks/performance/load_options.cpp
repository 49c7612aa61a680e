#include "checks/performance/load_options.hpp"

#include <fmt/format.h>

#include "common/error.hpp"
#include "load/option_text.hpp"

namespace pgcertify::checks {

long long read_positive(const plan::Node& node, std::string_view key) {
  const long long n = node.as_integer("a positive number");
  if (n < 1) throw node.error(fmt::format("'{}' must be at least 1", key));
  return n;
}

load::QueryMode read_query_mode(const plan::Node& node) {
  try {
    return load::parse_query_mode(node.as_string("simple, extended or prepared"));
  } catch (const Error& e) {
    throw node.error(e.what());
  }
}

}  // namespace pgcertify::checks

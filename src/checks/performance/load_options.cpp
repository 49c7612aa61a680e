#include "checks/performance/load_options.hpp"

#include <fmt/format.h>

#include "common/error.hpp"
#include "load/option_text.hpp"
#include "plan/sql_safety.hpp"

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

void refuse_read_write_switch(const load::Workload& workload, const plan::Node& at) {
  for (const auto& script : workload.scripts)
    for (const auto& command : script.commands) {
      const std::string where = fmt::format("{} line {}: ", script.name, command.line);
      if (command.type == load::CommandType::kShell || command.type == load::CommandType::kSetShell)
        throw at.error(where + command.summary +
                       ": a shell command is not allowed without 'writes: true': the program it runs is outside the "
                       "check's read-only session, and what it writes would stay in the database");
      if (command.type != load::CommandType::kSql) continue;
      const std::string& sql = command.sql.parameterized.empty() ? command.sql.text : command.sql.parameterized;
      if (auto found = plan::find_read_write_switch(sql)) throw at.error(where + found->message);
    }
}

}  // namespace pgcertify::checks

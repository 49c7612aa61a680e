#include "load/statement_workload.hpp"

#include <fmt/format.h>

namespace pgcertify::load {
namespace {
Command sql_command(const std::string& text, std::vector<int> parameters) {
  Command c;
  c.type = CommandType::kSql;
  c.line = 1;
  c.summary = text.substr(0, text.find('\n'));
  c.sql.text = text;
  c.sql.parameterized = text;  // already $1..$n
  c.sql.parameters = std::move(parameters);
  c.sql.parts = {SqlPart{text, -1}};
  return c;
}

/// Wraps a draw of parameter values into one that sets the statement's variables.
TransactionDraw variables_draw(ParameterDraw draw, std::vector<int> variables) {
  std::vector<std::optional<std::string>> values(variables.size());
  return [draw = std::move(draw), variables = std::move(variables), values = std::move(values)](std::int64_t run,
                                                                                                Variables& vars) mutable {
    draw(run, values);
    for (size_t i = 0; i < variables.size(); ++i) {
      if (values[i]) vars.set_text(variables[i], *values[i]);
      else vars.set(variables[i], Null{});
    }
  };
}
}  // namespace

Workload statement_workload(const TimedStatement& statement) {
  Workload w;
  std::vector<int> variables;
  for (int i = 1; i <= statement.parameters; ++i) variables.push_back(w.names.intern(fmt::format("p{}", i)));
  Script script;
  script.name = "statement";
  if (statement.rolled_back) script.commands.push_back(sql_command("BEGIN", {}));
  script.timed_command = static_cast<int>(script.commands.size());
  script.commands.push_back(sql_command(statement.sql, variables));
  if (statement.rolled_back) script.commands.push_back(sql_command("ROLLBACK", {}));
  w.add(std::move(script));
  if (statement.draws)
    w.draws = [make = statement.draws, variables](int client) { return variables_draw(make(client), variables); };
  return w;
}

}  // namespace pgcertify::load

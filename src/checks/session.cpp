#include "checks/session.hpp"

#include <fmt/format.h>

#include <cctype>

#include "common/strings.hpp"
#include "pg/sqlstate.hpp"
#include "plan/sql_safety.hpp"

namespace pgcertify::checks {

SessionOptions SessionOptions::read(const plan::Node& options) {
  SessionOptions session;
  if (auto role = options.get("as_role")) session.as_role = role->as_string("a role name");
  if (auto settings = options.get("settings")) {
    for (const auto& [key, value] : settings->entries())
      session.settings.emplace_back(key.as_string("a setting name"), value.as_string("a setting value"));
  }
  return session;
}

Transaction::Transaction(Context& context, TransactionMode mode, const SessionOptions& session)
    : tx_(context.connection(),
          mode == TransactionMode::kReadOnly ? pg::TransactionKind::kReadOnly : pg::TransactionKind::kRolledBack,
          {.statement_timeout = pg::statement_timeout_of(context.timeout()), .limits = context.limits()}) {
  for (const auto& [name, value] : session.settings) {
    const pg::Param params[] = {name, value};
    tx_.exec("SELECT set_config($1, $2, true)", params);
  }
  if (session.as_role) tx_.exec_simple("SET LOCAL ROLE " + tx_.connection().quote_identifier(*session.as_role));
}

pg::Result Transaction::exec(std::string_view sql, std::span<const pg::Param> params) { return tx_.exec(sql, params); }

namespace {
/// Refuses, at its place in the plan, a statement that would break the check's transaction
/// (plan/sql_safety.hpp).
void refuse_unsafe(const plan::Node& item) {
  const std::string text = item.as_string("an SQL statement");
  const auto unsafe = plan::find_unsafe_statement(text);
  if (!unsafe) return;
  const auto [line, column] = line_column(text, unsafe->offset);
  throw item.error_in_value(line, column, unsafe->message);
}
}  // namespace

std::vector<std::string> read_statements(const plan::Node& node) {
  std::vector<std::string> statements = node.as_string_list("an SQL statement or a list of statements");
  if (node.is_sequence()) {
    for (const auto& item : node.items()) refuse_unsafe(item);
  } else {
    refuse_unsafe(node);
  }
  for (auto& s : statements) {
    s = trim(s);
    while (!s.empty() && s.back() == ';') s = trim(std::string_view(s).substr(0, s.size() - 1));
  }
  if (statements.empty() || statements.front().empty()) throw node.error("expected an SQL statement, got nothing");
  return statements;
}

std::string describe_sql_error(const Error& e) {
  std::string out = e.what();
  if (!e.sqlstate.empty()) {
    const std::string name = pg::condition_name(e.sqlstate);
    out += " [SQLSTATE " + e.sqlstate + (name.empty() ? "" : " " + name) + "]";
  }
  if (e.statement_position > 0 && !e.sql.empty()) {
    // Line and column within the statement, and the text the server pointed at.
    const size_t at = static_cast<size_t>(e.statement_position - 1);
    const auto [line, column] = line_column(e.sql, at);
    const std::string near = trim(std::string_view(e.sql).substr(std::min(at, e.sql.size()), 24));
    out += fmt::format(" at position {} (line {}, column {} of the statement, near \"{}\")", e.statement_position,
                       line, column, near);
  }
  if (!e.detail.empty()) out += "; detail: " + e.detail;
  if (!e.hint.empty()) out += "; hint: " + e.hint;
  return out;
}

std::string abbreviate_sql(std::string_view sql, size_t max) {
  std::string flat;
  bool space = false;
  for (char c : sql) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !flat.empty();
      continue;
    }
    if (space) flat += ' ';
    space = false;
    flat += c;
  }
  if (flat.size() > max) flat = flat.substr(0, max - 3) + "...";
  return flat;
}

}  // namespace pgcertify::checks

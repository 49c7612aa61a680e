#include "checks/normaliser.hpp"

#include <nlohmann/json.hpp>

#include <set>

#include "checks/check.hpp"
#include "checks/session.hpp"
#include "common/error.hpp"

namespace pgcertify::checks {
namespace {
std::string rejection(const Error& e) {
  return e.kind == ErrorKind::kSql ? std::string(e.what()) : describe_sql_error(e);
}

/// Canonical names for `types` in one statement pair; throws Error(kSql) if any is unknown.
std::vector<Normalised> normalise_types(Transaction& tx, std::span<const std::string> types) {
  std::string select = "SELECT ";
  for (size_t i = 0; i < types.size(); ++i) select += (i ? ", CAST(NULL AS " : "CAST(NULL AS ") + types[i] + ")";
  const pg::Result probe = tx.exec(select);
  std::string oids = "{", mods = "{";
  for (int i = 0; i < probe.columns(); ++i) {
    oids += (i ? "," : "") + std::to_string(probe.column_type(i));
    mods += (i ? "," : "") + std::to_string(probe.column_typmod(i));
  }
  const pg::Param params[] = {oids + "}", mods + "}"};
  const pg::Result names = tx.exec(
      "SELECT pg_catalog.format_type(o, m), pg_catalog.format_type(o, NULL) "
      "FROM unnest($1::oid[], $2::int4[]) WITH ORDINALITY AS u(o, m, n) ORDER BY n",
      params);
  std::vector<Normalised> out;
  for (int i = 0; i < names.rows(); ++i)
    out.push_back({std::string(names.value(i, 0)), std::string(names.value(i, 1)), {}});
  return out;
}

/// The planner's Output list for `SELECT exprs FROM ONLY table`; throws Error(kSql).
std::vector<std::string> explain_outputs(Context& context, const catalog::QualifiedName& table,
                                         std::span<const Normaliser::Expression> exprs) {
  auto& conn = context.connection();
  std::string sql = "EXPLAIN (VERBOSE, COSTS OFF, FORMAT JSON) SELECT ";
  for (size_t i = 0; i < exprs.size(); ++i) {
    sql += i ? ", (" : "(";
    sql += exprs[i].text + ")";
    if (!exprs[i].cast.empty()) sql += "::" + exprs[i].cast;
  }
  sql += " FROM ONLY " + conn.quote_identifier(table.schema) + "." + conn.quote_identifier(table.name);
  Transaction tx(context, TransactionMode::kReadOnly, {});
  const pg::Result r = tx.exec(sql);
  const auto plan = nlohmann::json::parse(r.value(0, 0));
  std::vector<std::string> out;
  for (const auto& item : plan.at(0).at("Plan").at("Output")) out.push_back(item.get<std::string>());
  return out;
}
}  // namespace

bool plausible_type_name(std::string_view text) {
  bool in_quotes = false, in_modifier = false, in_brackets = false, any = false;
  for (char c : text) {
    if (in_quotes) {
      in_quotes = c != '"';
      continue;
    }
    const bool digit = c >= '0' && c <= '9';
    if (in_modifier) {
      if (c == ')') in_modifier = false;
      else if (!digit && c != ',' && c != ' ' && c != '-') return false;
      continue;
    }
    if (in_brackets) {
      if (c == ']') in_brackets = false;
      else if (!digit) return false;
      continue;
    }
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || digit || c == '_' || c == '$';
    if (c == '"') in_quotes = true;
    else if (c == '(') in_modifier = true;
    else if (c == '[') in_brackets = true;
    else if (!word && c != ' ' && c != '.') return false;
    any = any || word || c == '"';
  }
  return any && !in_quotes && !in_modifier && !in_brackets;
}

void Normaliser::resolve_types(Context& context, std::span<const std::string> written) {
  std::vector<std::string> todo;
  std::set<std::string> seen;
  for (const auto& t : written)
    if (!types_.count(t) && seen.insert(t).second) todo.push_back(t);
  if (todo.empty()) return;
  for (const auto& t : todo) {
    if (!plausible_type_name(t)) types_[t] = {{}, {}, "'" + t + "' is not a type name"};
  }
  std::erase_if(todo, [&](const std::string& t) { return types_.count(t) > 0; });
  if (todo.empty()) return;
  try {
    Transaction tx(context, TransactionMode::kReadOnly, {});
    const auto names = normalise_types(tx, todo);
    for (size_t i = 0; i < todo.size() && i < names.size(); ++i) types_[todo[i]] = names[i];
    return;
  } catch (const Error& e) {
    if (e.kind != ErrorKind::kSql) throw;
  }
  // Some name is unknown: ask one by one, so each gets its own answer.
  for (const auto& t : todo) {
    try {
      Transaction tx(context, TransactionMode::kReadOnly, {});
      types_[t] = normalise_types(tx, std::span(&t, 1)).at(0);
    } catch (const Error& e) {
      if (e.kind != ErrorKind::kSql) throw;
      types_[t] = {{}, {}, rejection(e)};
    }
  }
}

const Normalised* Normaliser::type(const std::string& written) const {
  const auto it = types_.find(written);
  return it == types_.end() ? nullptr : &it->second;
}

void Normaliser::resolve_expressions(Context& context, const catalog::QualifiedName& table,
                                     std::span<const Expression> exprs) {
  std::vector<Expression> todo;
  for (const auto& e : exprs)
    if (!expressions_.count({table, e}) && std::find(todo.begin(), todo.end(), e) == todo.end()) todo.push_back(e);
  if (todo.empty()) return;
  try {
    const auto outputs = explain_outputs(context, table, todo);
    if (outputs.size() == todo.size()) {
      for (size_t i = 0; i < todo.size(); ++i) expressions_[{table, todo[i]}] = {outputs[i], {}, {}};
      return;
    }
  } catch (const Error& e) {
    if (e.kind != ErrorKind::kSql) throw;
  }
  // A rejected (or list-shaped) expression: ask one by one.
  for (const auto& e : todo) {
    try {
      const auto outputs = explain_outputs(context, table, std::span(&e, 1));
      expressions_[{table, e}] = outputs.size() == 1 ? Normalised{outputs[0], {}, {}}
                                                     : Normalised{{}, {}, "'" + e.text + "' is not one expression"};
    } catch (const Error& err) {
      if (err.kind != ErrorKind::kSql) throw;
      expressions_[{table, e}] = {{}, {}, rejection(err)};
    }
  }
}

const Normalised* Normaliser::expression(const catalog::QualifiedName& table, const Expression& expr) const {
  const auto it = expressions_.find({table, expr});
  return it == expressions_.end() ? nullptr : &it->second;
}

}  // namespace pgcertify::checks

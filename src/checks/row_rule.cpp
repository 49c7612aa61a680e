#include "checks/row_rule.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "catalog/identifiers.hpp"
#include "checks/row_visibility.hpp"
#include "checks/session.hpp"
#include "common/strings.hpp"

namespace pgcertify::checks {

Tolerance Tolerance::read(const plan::Node& options) {
  Tolerance t;
  const auto node = options.get("max");
  if (!node) return t;
  std::string text = trim(node->as_string("a count or a percentage, e.g. 0, 10 or \"1%\""));
  if (text.ends_with('%')) {
    t.percent = true;
    text.pop_back();
  }
  const auto value = plan::parse_threshold(text, plan::BareNumber::kUpperBound);
  if (!value || value->unit != plan::ThresholdUnit::kNone || value->comparator != plan::Comparator::kLessEqual ||
      value->value < 0)
    throw node->error("invalid 'max' '" + node->as_string() + "' (expected a count such as 0 or 10, or a percentage such as \"1%\")");
  t.count = value->value;
  return t;
}

std::string evidence_row(const nlohmann::ordered_json& row, size_t max_value, size_t max_row) {
  // Long values are shortened one by one, at a character boundary, so that every column stays
  // and the row stays JSON; a row still too wide ends with how many columns were left out.
  auto shorten = [&](const std::string& text) {
    if (text.size() <= max_value) return text;
    size_t cut = max_value - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "…";
  };
  if (!row.is_object()) return shorten(row.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  size_t width = 2, left_out = 0;
  for (const auto& [key, value] : row.items()) {
    nlohmann::ordered_json shown = value;
    if (value.is_string()) {
      shown = shorten(value.get<std::string>());
    } else if (value.is_structured()) {
      const std::string text = value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
      if (text.size() > max_value) shown = shorten(text);
    }
    const size_t item = nlohmann::ordered_json(key).dump().size() + 1 +
                        shown.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace).size() + 1;
    if (width + item > max_row && !out.empty()) {
      ++left_out;
      continue;
    }
    width += item;
    out[key] = std::move(shown);
  }
  if (left_out > 0) out["…"] = fmt::format("{} more column{}", left_out, left_out == 1 ? "" : "s");
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

bool Tolerance::allows(long long bad, long long total) const {
  if (!percent) return static_cast<double>(bad) <= count;
  if (total == 0) return true;
  return 100.0 * static_cast<double>(bad) / static_cast<double>(total) <= count;
}

std::string Tolerance::describe() const { return percent ? fmt::format("<= {:g}%", count) : fmt::format("<= {:g}", count); }

RowRuleOptions RowRuleOptions::read(const plan::Node& options, bool table_required) {
  RowRuleOptions o;
  if (table_required || options.get("table")) o.table = options.require("table").as_string("a table name");
  if (auto where = options.get("where")) o.where = where->as_string("an SQL condition");
  o.tolerance = Tolerance::read(options);
  if (auto samples = options.get("samples")) {
    const long long n = samples->as_integer("a number of sample rows");
    if (n < 0 || n > 100) throw samples->error("'samples' must be between 0 and 100");
    o.samples = static_cast<int>(n);
  }
  return o;
}

std::string quote_qualified(pg::Connection& connection, std::string_view name) {
  // As PostgreSQL reads a name: unquoted parts fold to lower case, quoted ones are kept as
  // written (`Orders` is orders, `"Orders"` is Orders), as the schema kinds and explain read it.
  if (const auto parsed = catalog::parse_qualified_name(trim(name), "")) {
    const std::string table = connection.quote_identifier(parsed->name);
    return parsed->schema.empty() ? table : connection.quote_identifier(parsed->schema) + "." + table;
  }
  std::string out;
  for (const auto& part : split(name, '.')) out += (out.empty() ? "" : ".") + connection.quote_identifier(trim(part));
  return out;
}

std::string quote_column(pg::Connection& connection, std::string_view column) {
  const auto folded = catalog::parse_identifier(trim(column));
  return connection.quote_identifier(folded ? *folded : std::string(trim(column)));
}

std::string row_rule_sql(const RowRule& rule, const RowRuleOptions& options) {
  const std::string scope = options.where ? "(" + *options.where + ")" : "true";
  // The scalar subquery for samples runs only when something broke the rule, and stops after
  // N rows, so a clean table costs one scan.
  return fmt::format(
      "SELECT counts.total, counts.bad,\n"
      "       CASE WHEN counts.bad > 0 AND {samples} > 0 THEN\n"
      "         (SELECT json_agg(sample) FROM (SELECT {columns} FROM {from} WHERE {scope} AND ({violation})\n"
      "                                        LIMIT {samples}) AS sample)\n"
      "       END\n"
      "FROM (SELECT count(*) AS total, count(*) FILTER (WHERE {violation}) AS bad FROM {from} WHERE {scope}) AS counts",
      fmt::arg("samples", options.samples), fmt::arg("columns", rule.sample_columns), fmt::arg("from", rule.from),
      fmt::arg("scope", scope), fmt::arg("violation", rule.violation));
}

std::string quote_columns(pg::Connection& connection, const std::vector<std::string>& columns, std::string_view prefix) {
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : ", ") + std::string(prefix) + quote_column(connection, c);
  return out;
}

Outcome run_row_rule(Context& context, const RowRule& rule, const RowRuleOptions& options) {
  return judge_counts(context, row_rule_sql(rule, options), rule.what, options);
}

Outcome judge_counts(Context& context, const std::string& sql, std::string_view what, const RowRuleOptions& options) {
  Transaction tx(context, TransactionMode::kReadOnly, {});
  // Rows that row-level security hides from this user would make any count a false pass.
  if (!options.table.empty())
    if (auto hidden = rows_hidden_by_rls(tx, quote_qualified(context.connection(), options.table), options.table))
      return Outcome::error(*hidden);
  const pg::Result r = tx.exec(sql);
  const long long total = std::stoll(std::string(r.value(0, 0)));
  const long long bad = std::stoll(std::string(r.value(0, 1)));
  const double ratio = total > 0 ? 100.0 * static_cast<double>(bad) / static_cast<double>(total) : 0.0;
  Outcome out;
  out.measurements.push_back({std::string(what), fmt::format("{} of {} ({:.3g}%)", bad, total, ratio), options.tolerance.describe()});
  const std::string table = options.table.empty() ? "the result" : options.table;
  if (options.tolerance.allows(bad, total)) {
    out.message = bad == 0 ? fmt::format("no {} in {} rows of {}", what, total, table)
                           : fmt::format("{} {} in {} rows of {}, within {}", bad, what, total, table,
                                         options.tolerance.describe());
    return out;
  }
  out.status = Status::kFail;
  out.message = fmt::format("{} {} in {} rows of {} ({:.3g}%), expected {}", bad, what, total, table, ratio,
                            options.tolerance.describe());
  if (!r.is_null(0, 2)) {
    // ordered_json keeps the server's column order: the columns a rule is about come first.
    for (const auto& row : nlohmann::ordered_json::parse(r.value(0, 2))) {
      if (out.evidence.size() >= kMaxEvidence) break;
      out.evidence.push_back(evidence_row(row));
    }
  }
  out.evidence.push_back("found by: " + abbreviate_sql(sql, 2000));
  return out;
}

}  // namespace pgcertify::checks

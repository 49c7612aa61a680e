// `explain`: the plan the server chooses, with EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON):
// which indexes it uses, which tables it scans whole, how far its estimates are off.

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "checks/registry.hpp"
#include "checks/session.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"sql", "uses_index", "no_seq_scan", "max_rows_misestimate", "max_shared_read",
                                        "max_time", "as_role", "settings"};

/// One node of a plan, flattened with its depth for the evidence.
struct PlanNode {
  const nlohmann::json* node;
  int depth;
};

void flatten(const nlohmann::json& node, int depth, std::vector<PlanNode>& out) {
  out.push_back({&node, depth});
  if (node.contains("Plans"))
    for (const auto& child : node["Plans"]) flatten(child, depth + 1, out);
}

std::string describe(const nlohmann::json& n) {
  std::string text = n.value("Node Type", "?");
  if (n.contains("Index Name")) text += " using " + n["Index Name"].get<std::string>();
  if (n.contains("Relation Name")) text += " on " + n["Relation Name"].get<std::string>();
  text += fmt::format(" (estimated rows={:g}, actual rows={:g}, loops={:g}", n.value("Plan Rows", 0.0),
                      n.value("Actual Rows", 0.0), n.value("Actual Loops", 0.0));
  if (n.contains("Actual Total Time")) text += fmt::format(", time={:.3f}ms", n["Actual Total Time"].get<double>());
  if (n.contains("Shared Read Blocks")) text += fmt::format(", shared read={}", n["Shared Read Blocks"].get<long long>());
  return text + ")";
}

/// The statement runs in a transaction that is always rolled back: EXPLAIN ANALYZE executes it.
class ExplainCheck final : public Check {
 public:
  explicit ExplainCheck(const plan::Node& options) {
    options.require_map("explain options (sql, uses_index, no_seq_scan, max_rows_misestimate, max_shared_read, max_time)");
    options.check_keys(kKeys);
    sql_ = read_statements(options.require("sql")).front();
    if (auto n = options.get("uses_index")) uses_index_ = n->as_string_list("an index name or a list");
    if (auto n = options.get("no_seq_scan")) no_seq_scan_ = n->as_string_list("a table name or a list");
    if (auto n = options.get("max_rows_misestimate")) {
      max_misestimate_ = n->as_number("a factor, e.g. 10");
      if (*max_misestimate_ < 1) throw n->error("'max_rows_misestimate' is a factor of at least 1");
    }
    if (auto n = options.get("max_shared_read")) max_shared_read_ = n->as_integer("a number of buffers");
    if (auto n = options.get("max_time")) max_time_ = n->as_duration();
    session_ = SessionOptions::read(options);
    if (uses_index_.empty() && no_seq_scan_.empty() && !max_misestimate_ && !max_shared_read_ && !max_time_)
      throw options.error("'explain' needs at least one of: uses_index, no_seq_scan, max_rows_misestimate, "
                          "max_shared_read, max_time");
  }

  std::string default_name() const override { return "plan of " + abbreviate_sql(sql_, 50); }

  std::vector<Outcome> run(Context& context) const override {
    Transaction tx(context, TransactionMode::kRolledBackWrite, session_);
    // Names resolve as the server resolves them (search_path, case folding, quotes), to the
    // relation and every partition or inheritance child of it.
    std::map<std::pair<std::string, std::string>, Resolved> tables, indexes;
    for (const auto& name : no_seq_scan_)
      if (!resolve(tx, name, tables)) return {Outcome::error("no_seq_scan: relation " + name + " does not exist")};
    for (const auto& name : uses_index_) resolve(tx, name, indexes);  // a missing index is simply not used
    const pg::Result r = tx.exec("EXPLAIN (ANALYZE, BUFFERS, VERBOSE, FORMAT JSON) " + sql_);
    const auto doc = nlohmann::json::parse(r.value(0, 0));
    const auto& top = doc.at(0);
    std::vector<PlanNode> nodes;
    flatten(top.at("Plan"), 0, nodes);
    for (const auto& name : no_seq_scan_) {
      const bool read = std::any_of(nodes.begin(), nodes.end(), [&](const PlanNode& n) {
        const auto found = tables.find(relation_of(*n.node));
        return found != tables.end() && found->second.written == name;
      });
      if (!read)
        return {Outcome::error("no_seq_scan: the plan reads no relation named " + name +
                               " (nor a partition of it), so the check would pass vacuously")};
    }
    return {judge(top, nodes, tables, indexes)};
  }

 private:
  /// A relation (or index) a plan names, and how the plan named it.
  struct Resolved {
    std::string written;  // as in the plan
    std::string via;      // "" for the relation itself, else "partition of x" / "inheritance child of x"
  };

  static std::pair<std::string, std::string> relation_of(const nlohmann::json& node) {
    return {node.value("Schema", ""), node.value("Relation Name", "")};
  }

  /// Adds `name` and its descendants (partitions, inheritance children; partitioned indexes'
  /// partitions) to `into`, keyed by (schema, name); false when it names nothing.
  static bool resolve(Transaction& tx, const std::string& name, std::map<std::pair<std::string, std::string>, Resolved>& into) {
    const pg::Param p[] = {name};
    const pg::Result r = tx.exec(R"sql(
WITH RECURSIVE d(oid, top) AS (
  SELECT to_regclass($1), true WHERE to_regclass($1) IS NOT NULL
  UNION ALL SELECT i.inhrelid, false FROM pg_catalog.pg_inherits i JOIN d ON i.inhparent = d.oid)
SELECT n.nspname, c.relname, d.top, c.relispartition
FROM d JOIN pg_catalog.pg_class c ON c.oid = d.oid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace)sql",
                                 p);
    for (int i = 0; i < r.rows(); ++i) {
      const std::string via = r.value(i, 2) == "t"   ? ""
                              : r.value(i, 3) == "t" ? "partition of " + name
                                                     : "inheritance child of " + name;
      into.emplace(std::pair{std::string(r.value(i, 0)), std::string(r.value(i, 1))}, Resolved{name, via});
    }
    return r.rows() > 0;
  }

  Outcome judge(const nlohmann::json& top, const std::vector<PlanNode>& nodes,
                const std::map<std::pair<std::string, std::string>, Resolved>& tables,
                const std::map<std::pair<std::string, std::string>, Resolved>& indexes) const {
    Outcome out;
    std::vector<std::string> problems;
    for (const auto& index : uses_index_) {
      bool in_plan = false, executed = false;
      for (const auto& n : nodes) {
        const std::string used = n.node->value("Index Name", "");
        const bool match = std::any_of(indexes.begin(), indexes.end(), [&](const auto& entry) {
          return entry.first.second == used && entry.second.written == index;
        });
        if (!match) continue;
        in_plan = true;
        executed = executed || n.node->value("Actual Loops", 0.0) > 0;
      }
      // An index node the executor never reached (a branch not taken) served no row.
      if (!in_plan) problems.push_back("index " + index + " is not used");
      else if (!executed) problems.push_back("index " + index + " is in the plan but never executed");
    }
    for (const auto& n : nodes) {
      const auto& node = *n.node;
      const std::string type = node.value("Node Type", "");
      const std::string relation = node.value("Relation Name", "");
      const auto found = tables.find(relation_of(node));
      if (type == "Seq Scan" && found != tables.end())
        flag(out, problems,
             "Seq Scan on " + node.value("Schema", "") + "." + relation +
                 (found->second.via.empty() ? "" : " (" + found->second.via + ")"),
             n);
      if (max_misestimate_ && node.value("Actual Loops", 0.0) > 0) {
        const double estimated = std::max(1.0, node.value("Plan Rows", 0.0));
        const double actual = std::max(1.0, node.value("Actual Rows", 0.0));
        const double factor = std::max(estimated / actual, actual / estimated);
        if (factor > *max_misestimate_)
          flag(out, problems, fmt::format("rows misestimated {:.1f}x on {}", factor, type + (relation.empty() ? "" : " on " + relation)), n);
      }
    }
    const long long shared_read = top.at("Plan").value("Shared Read Blocks", 0LL);
    const double time_ms = top.value("Execution Time", 0.0);
    out.measurements.push_back({"execution time", fmt::format("{:.3f}ms", time_ms),
                                max_time_ ? "<= " + plan::format_duration(*max_time_) : ""});
    if (max_time_ && time_ms * 1000.0 > static_cast<double>(max_time_->count()))
      problems.push_back(fmt::format("execution took {:.3f}ms, over {}", time_ms, plan::format_duration(*max_time_)));
    if (max_shared_read_) {
      out.measurements.push_back({"shared read", std::to_string(shared_read), fmt::format("<= {}", *max_shared_read_)});
      if (shared_read > *max_shared_read_)
        problems.push_back(fmt::format("read {} shared buffers from outside the cache, over {}", shared_read, *max_shared_read_));
    }
    if (problems.empty()) {
      out.message = fmt::format("plan as expected ({} nodes, {:.3f}ms)", nodes.size(), time_ms);
      return out;
    }
    out.status = Status::kFail;
    out.message = problems.front() + (problems.size() > 1 ? fmt::format(" (and {} more)", problems.size() - 1) : "");
    if (out.evidence.empty())  // show the top of the plan when no single node is to blame
      for (size_t i = 0; i < nodes.size() && out.evidence.size() < 4; ++i)
        out.evidence.push_back(std::string(static_cast<size_t>(nodes[i].depth) * 2, ' ') + describe(*nodes[i].node));
    return out;
  }

  static void flag(Outcome& out, std::vector<std::string>& problems, std::string problem, const PlanNode& n) {
    problems.push_back(std::move(problem));
    if (out.evidence.size() < kMaxEvidence) out.evidence.push_back(describe(*n.node));
  }

  std::string sql_;
  std::vector<std::string> uses_index_;
  std::vector<std::string> no_seq_scan_;
  std::optional<double> max_misestimate_;
  std::optional<long long> max_shared_read_;
  std::optional<plan::Duration> max_time_;
  SessionOptions session_;
};
}  // namespace

CheckKind explain_kind() {
  return kind_of<ExplainCheck>("explain",
                               "the server's plan (EXPLAIN ANALYZE, rolled back): indexes used, no seq scans, estimates, buffers, time");
}

}  // namespace pgcertify::checks

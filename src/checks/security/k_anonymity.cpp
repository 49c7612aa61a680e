// `k_anonymity`: every combination of quasi-identifiers covers at least k distinct subjects
// (seed 000 §3.2: aggregates keep groups of at least 5 students).

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "checks/registry.hpp"
#include "checks/row_rule.hpp"
#include "checks/session.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"sql", "quasi_identifiers", "subject", "k", "samples"};

/// One statement over the user's query: group by the quasi-identifiers, count distinct
/// subjects, and return the smallest group and the groups under k (smallest first).
class KAnonymityCheck final : public Check {
 public:
  explicit KAnonymityCheck(const plan::Node& options) {
    options.require_map("k_anonymity options (sql, quasi_identifiers, subject, k)");
    options.check_keys(kKeys);
    sql_ = read_statements(options.require("sql")).front();
    quasi_ = options.require("quasi_identifiers").as_string_list("a column or a list of columns");
    subject_ = options.require("subject").as_string("the column identifying a person");
    const plan::Node k = options.require("k");
    k_ = k.as_integer("a group size");
    if (k_ < 2) throw k.error("'k' must be at least 2");
    if (auto samples = options.get("samples")) samples_ = static_cast<int>(samples->as_integer("a number of groups"));
  }

  std::string default_name() const override { return fmt::format("{}-anonymity of {}", k_, abbreviate_sql(sql_, 40)); }

  std::vector<Outcome> run(Context& context) const override {
    auto& c = context.connection();
    const std::string groups = quote_columns(c, quasi_, "");
    const std::string sql = fmt::format(
        "WITH g AS (SELECT {groups}, count(DISTINCT {subject}) AS subjects FROM ({sql}) AS q GROUP BY {groups})\n"
        "SELECT min(subjects), count(*), count(*) FILTER (WHERE subjects < {k}),\n"
        "       (SELECT json_agg(s) FROM (SELECT * FROM g WHERE subjects < {k} ORDER BY subjects LIMIT {n}) s)\n"
        "FROM g",
        fmt::arg("groups", groups), fmt::arg("subject", c.quote_identifier(subject_)), fmt::arg("sql", sql_),
        fmt::arg("k", k_), fmt::arg("n", samples_));
    Transaction tx(context, TransactionMode::kReadOnly, {});
    const pg::Result r = tx.exec(sql);
    // No rows means nothing was shown to be anonymous: a query that returns nothing (a typo in a
    // filter, rows hidden by row-level security) must not certify anything.
    if (r.is_null(0, 0)) return {Outcome::error("the query returned no rows, so there is nothing to certify as " +
                                                std::to_string(k_) + "-anonymous")};
    const std::string smallest(r.value(0, 0));
    const long long small_groups = std::stoll(std::string(r.value(0, 2)));
    Outcome out;
    out.measurements.push_back({"smallest group", smallest, fmt::format(">= {}", k_)});
    out.measurements.push_back({"groups under k", fmt::format("{} of {}", small_groups, r.value(0, 1)), "= 0"});
    if (small_groups == 0) {
      out.message = fmt::format("every group of {} has at least {} distinct {} (smallest: {})", groups, k_, subject_, smallest);
      return {out};
    }
    out.status = Status::kFail;
    out.message = fmt::format("{} groups have fewer than {} distinct {} (smallest: {})", small_groups, k_, subject_, smallest);
    if (!r.is_null(0, 3))
      for (const auto& g : nlohmann::ordered_json::parse(r.value(0, 3))) out.evidence.push_back(g.dump());
    return {out};
  }

 private:
  std::string sql_;
  std::vector<std::string> quasi_;
  std::string subject_;
  long long k_ = 5;
  int samples_ = 5;
};
}  // namespace

CheckKind k_anonymity_kind() {
  return kind_of<KAnonymityCheck>("k_anonymity",
                                  "every combination of quasi-identifiers covers at least k distinct subjects");
}

}  // namespace pgcertify::checks

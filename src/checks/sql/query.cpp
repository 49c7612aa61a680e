// `query`: run a read-only statement and compare its result with `expect`.

#include <fmt/format.h>

#include "checks/expectation.hpp"
#include "checks/registry.hpp"
#include "checks/session.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"sql", "expect", "as_role", "settings"};

/// Runs in a READ ONLY transaction that is always rolled back.
class QueryCheck final : public Check {
 public:
  explicit QueryCheck(const plan::Node& options) {
    if (options.is_scalar()) {
      sql_ = read_statements(options).front();
      return;
    }
    options.require_map("query options (sql, expect, as_role, settings)");
    options.check_keys(kKeys);
    const auto statements = read_statements(options.require("sql"));
    if (statements.size() != 1) throw options.require("sql").error("'query' runs exactly one statement");
    sql_ = statements.front();
    if (auto expect = options.get("expect")) expect_ = Expectation::read(*expect);
    session_ = SessionOptions::read(options);
  }

  std::string default_name() const override { return abbreviate_sql(sql_); }

  std::vector<Outcome> run(Context& context) const override {
    Transaction tx(context, TransactionMode::kReadOnly, session_);
    const pg::Result result = tx.exec(sql_);
    if (!expect_) return {Outcome::pass(fmt::format("ran; {} rows", result.rows()))};
    return {expect_->evaluate(result)};
  }

 private:
  std::string sql_;
  std::optional<Expectation> expect_;
  SessionOptions session_;
};
}  // namespace

CheckKind query_kind() {
  return kind_of<QueryCheck>("query",
                             "run a read-only statement and compare its result with an expectation");
}

}  // namespace pgcertify::checks

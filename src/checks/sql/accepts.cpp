// `accepts`: statements the database must allow; the effect is observed, then rolled back.

#include <fmt/format.h>

#include "checks/expectation.hpp"
#include "checks/registry.hpp"
#include "checks/session.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"sql", "expect", "as_role", "settings"};

/// Runs in a transaction that is always rolled back; `expect` applies to the last statement.
class AcceptsCheck final : public Check {
 public:
  explicit AcceptsCheck(const plan::Node& options) {
    if (options.is_scalar()) {
      statements_ = read_statements(options);
      return;
    }
    options.require_map("accepts options (sql, expect, as_role, settings)");
    options.check_keys(kKeys);
    statements_ = read_statements(options.require("sql"));
    if (auto expect = options.get("expect")) expect_ = Expectation::read(*expect);
    session_ = SessionOptions::read(options);
  }

  std::string default_name() const override { return "accepts " + abbreviate_sql(statements_.front()); }

  std::vector<Outcome> run(Context& context) const override {
    Transaction tx(context, TransactionMode::kRolledBackWrite, session_);
    std::optional<pg::Result> last;
    for (size_t i = 0; i < statements_.size(); ++i) {
      try {
        last.emplace(tx.exec(statements_[i]));
      } catch (const Error& e) {
        if (e.kind != ErrorKind::kSql) throw;
        Outcome out = Outcome::fail(fmt::format("statement {} was rejected: {}", i + 1, describe_sql_error(e)));
        out.evidence.push_back(abbreviate_sql(statements_[i], 200));
        return {out};
      }
    }
    if (!expect_) return {Outcome::pass(fmt::format("accepted ({}); rolled back", last->command_tag()))};
    return {expect_->evaluate(*last)};
  }

 private:
  std::vector<std::string> statements_;
  std::optional<Expectation> expect_;
  SessionOptions session_;
};
}  // namespace

CheckKind accepts_kind() {
  return kind_of<AcceptsCheck>("accepts",
                               "statements the database must allow, with an optional expectation on the last (always rolled back)");
}

}  // namespace pgcertify::checks

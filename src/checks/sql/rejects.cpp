// `rejects`: statements that the database must refuse (a constraint, a privilege, a trigger).

#include <memory>

#include <fmt/format.h>
#include <re2/re2.h>

#include "checks/registry.hpp"
#include "checks/session.hpp"
#include "common/strings.hpp"
#include "pg/sqlstate.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"sql", "sqlstate", "message", "as_role", "settings"};

/// Runs in a transaction that is always rolled back. The statements run in order; the first one
/// the server refuses must be refused with the expected SQLSTATE (and message, when given).
class RejectsCheck final : public Check {
 public:
  explicit RejectsCheck(const plan::Node& options) {
    if (options.is_scalar()) {
      statements_ = read_statements(options);
      return;
    }
    options.require_map("rejects options (sql, sqlstate, message, as_role, settings)");
    options.check_keys(kKeys);
    statements_ = read_statements(options.require("sql"));
    if (auto state = options.get("sqlstate")) {
      const std::string text = state->as_string("an SQLSTATE code or condition name");
      sqlstate_ = pg::parse_sqlstate(text);
      if (!sqlstate_) {
        const auto names = pg::condition_names();
        throw state->error("unknown SQLSTATE condition '" + text + "'" + did_you_mean(to_lower(text), names));
      }
    }
    if (auto message = options.get("message")) {
      message_text_ = message->as_string("a regular expression");
      RE2::Options re_options;
      re_options.set_log_errors(false);
      re_options.set_case_sensitive(false);
      auto compiled = std::make_shared<const RE2>(message_text_, re_options);
      if (!compiled->ok()) throw message->error("invalid regular expression: " + compiled->error());
      message_ = std::move(compiled);
    }
    session_ = SessionOptions::read(options);
  }

  std::string default_name() const override { return "rejects " + abbreviate_sql(statements_.back()); }

  std::vector<Outcome> run(Context& context) const override {
    Transaction tx(context, TransactionMode::kRolledBackWrite, session_);
    for (size_t i = 0; i < statements_.size(); ++i) {
      try {
        tx.exec(statements_[i]);
      } catch (const Error& e) {
        if (e.kind != ErrorKind::kSql) throw;
        return {judge(e, i)};
      }
    }
    Outcome out = Outcome::fail("the statement was accepted, but it should have been rejected" + expected_suffix());
    out.evidence.push_back(abbreviate_sql(statements_.back(), 200));
    return {out};
  }

 private:
  std::string expected_suffix() const {
    if (!sqlstate_) return "";
    const std::string name = pg::condition_name(*sqlstate_);
    return " with " + (name.empty() ? *sqlstate_ : name + " (" + *sqlstate_ + ")");
  }

  Outcome judge(const Error& e, size_t index) const {
    const std::string actual_name = pg::condition_name(e.sqlstate);
    const std::string actual = actual_name.empty() ? e.sqlstate : actual_name + " (" + e.sqlstate + ")";
    Outcome out;
    out.measurements.push_back({"sqlstate", actual, sqlstate_ ? "= " + *sqlstate_ : ""});
    out.evidence.push_back(std::string("server: ") + e.what());
    if (sqlstate_ && e.sqlstate != *sqlstate_) {
      out.status = Status::kFail;
      out.message = fmt::format("statement {} was rejected with {}, expected{}: {}", index + 1, actual,
                                expected_suffix(), e.what());
      return out;
    }
    if (message_ && !RE2::PartialMatch(e.what(), *message_)) {
      out.status = Status::kFail;
      out.message = fmt::format("rejected with {}, but the message does not match /{}/: {}", actual, message_text_, e.what());
      return out;
    }
    out.message = "rejected with " + actual;
    return out;
  }

  std::vector<std::string> statements_;
  std::optional<std::string> sqlstate_;
  std::shared_ptr<const RE2> message_;  // RE2, case-insensitive, searched
  std::string message_text_;
  SessionOptions session_;
};
}  // namespace

CheckKind rejects_kind() {
  return kind_of<RejectsCheck>("rejects",
                               "statements the database must refuse, with the expected SQLSTATE (always rolled back)");
}

}  // namespace pgcertify::checks

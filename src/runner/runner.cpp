#include "runner/runner.hpp"

#include <fmt/format.h>

#include "checks/run_state.hpp"
#include "checks/session.hpp"
#include "common/interrupt.hpp"
#include "pg/connection.hpp"
#include "privacy/detectors.hpp"
#include "runner/scratch.hpp"
#include "plan/units.hpp"

namespace pgcertify::runner {
namespace {
using checks::Outcome;
using checks::Status;

Outcome outcome_of(const Error& e, plan::Duration timeout) {
  switch (e.kind) {
    case ErrorKind::kTimeout: {
      // Only the server's own answer (query_canceled) proves the statement stopped there; a
      // cancel that was not taken, or a load engine that closed its connections, says so.
      const std::string how = e.sqlstate == "57014" ? "the statement was cancelled on the server" : e.what();
      Outcome out = Outcome::fail(fmt::format("timed out after {}; {}", plan::format_duration(timeout), how));
      if (!e.sql.empty()) out.evidence.push_back(checks::abbreviate_sql(e.sql, 200));
      return out;
    }
    case ErrorKind::kSql: return Outcome::error(checks::describe_sql_error(e));
    case ErrorKind::kInterrupted: return Outcome::error("interrupted; the check was cancelled");
    case ErrorKind::kConnection: return Outcome::error(e.what());
    default: return Outcome::error(e.format());
  }
}

/// Personal data never reaches a report: values a check quotes from the database (sample
/// rows, a server message naming a duplicate key) are redacted here, once for every kind.
/// Evidence and measured values get every detector pii_scan has, IP addresses included;
/// messages keep addresses readable, since a connection error naming the server is no leak.
void redact_personal_data(Outcome& outcome) {
  using privacy::Detector;
  static const std::vector<Detector> kMessageDetectors = {Detector::kEmail, Detector::kPhone, Detector::kCreditCard,
                                                          Detector::kSsn};
  outcome.message = privacy::redact(outcome.message, kMessageDetectors);
  for (auto& e : outcome.evidence) e = privacy::redact(e);
  for (auto& m : outcome.measurements) m.value = privacy::redact(m.value);
}

/// Keeps one connection for the run and replaces it when a check lost it.
class ConnectionKeeper {
 public:
  explicit ConnectionKeeper(std::string dsn) : dsn_(std::move(dsn)) {}

  /// The live connection, reconnecting if needed; throws Error(kConnection).
  pg::Connection& get() {
    if (!connection_ || !connection_->ok()) {
      connection_.reset();
      try {
        connection_ = std::make_unique<pg::Connection>(dsn_, std::chrono::seconds(5));
      } catch (const Error& e) {
        throw Error(ErrorKind::kConnection, std::string("connection lost and could not be re-established: ") + e.what());
      }
    }
    return *connection_;
  }

 private:
  std::string dsn_;
  std::unique_ptr<pg::Connection> connection_;
};

std::vector<Outcome> run_one(const PlannedCheck& planned, ConnectionKeeper& keeper, const std::string& dsn,
                             plan::Duration timeout, checks::RunState& state) {
  if (planned.spec->skip) return {Outcome{Status::kSkip, *planned.spec->skip, {}, {}, {}}};
  if (interrupted()) return {Outcome::error("not run: the run was interrupted")};
  try {
    checks::Context context(keeper.get(), dsn, timeout, &state);
    auto outcomes = planned.check->run(context);
    if (outcomes.empty()) outcomes.push_back(Outcome::error("the check reported nothing"));
    return outcomes;
  } catch (const Error& e) {
    return {outcome_of(e, timeout)};
  } catch (const std::exception& e) {
    return {Outcome::error(std::string("internal error: ") + e.what())};
  }
}
}  // namespace

checks::RunSummary run_checks(const std::vector<PlannedCheck>& planned, const std::string& dsn, const RunSettings& settings,
                              const plan::Defaults& defaults, ResultSink* sink) {
  checks::RunSummary summary;
  ConnectionKeeper keeper(dsn);
  checks::RunState state;  // the catalog snapshot, read by the first check that asks, kept for the run
  state.settings = settings;
  DumpRestoreScratchFactory scratch;
  state.scratch = &scratch;
  const auto run_started = pg::Clock::now();
  for (const auto& check : planned) {
    const plan::Duration timeout = check.spec->timeout.value_or(defaults.timeout);
    const auto started = pg::Clock::now();
    auto outcomes = run_one(check, keeper, dsn, timeout, state);
    const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(pg::Clock::now() - started);
    for (auto& outcome : outcomes) {
      if (outcome.status == Status::kFail && check.spec->severity == plan::Severity::kWarn) outcome.status = Status::kWarn;
      redact_personal_data(outcome);
      checks::CheckResult result;
      result.suite = check.suite;
      result.name = outcome.subject.empty() ? check.name : check.name + " [" + outcome.subject + "]";
      result.id = outcome.subject.empty() ? check.id : check.id + " [" + outcome.subject + "]";
      result.kind = check.spec->kind;
      result.outcome = std::move(outcome);
      result.duration = elapsed;
      result.source = check.spec->where;
      result.tags = check.tags;
      if (sink) sink->on_result(result);
      summary.results.push_back(std::move(result));
    }
  }
  summary.interrupted = interrupted();
  summary.duration = std::chrono::duration_cast<std::chrono::microseconds>(pg::Clock::now() - run_started);
  return summary;
}

}  // namespace pgcertify::runner

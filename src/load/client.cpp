#include "load/client.hpp"

#include <fmt/format.h>

#include <charconv>
#include <algorithm>
#include <cmath>

#include "common/error.hpp"
#include "common/strings.hpp"

namespace pgcertify::load {
namespace {
constexpr int kMaxReconnectAttempts = 30;
constexpr auto kReconnectDelay = std::chrono::seconds(1);

std::int64_t ns_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(b - a).count();
}

std::string first_line(const char* message) {
  std::string m = message ? message : "";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}
/// When a `\sleep amount unit` ends: a negative amount sleeps not at all, and one whose
/// microseconds overflow (or run past a year) sleeps a year; the run's own end comes first.
Clock::time_point sleep_end(Clock::time_point now, std::int64_t amount, std::int64_t unit_us) {
  constexpr std::int64_t kYearUs = 365LL * 24 * 3600 * 1'000'000;
  std::int64_t us = 0;
  if (amount > 0 && (__builtin_mul_overflow(amount, unit_us, &us) || us > kYearUs)) us = kYearUs;
  return now + std::chrono::microseconds(std::max<std::int64_t>(us, 0));
}
}  // namespace

Clock::time_point Throttle::next() {
  // Exponential inter-arrival times: a Poisson process of the requested rate.
  const double u = 1.0 - rng_.next_double();
  next_ += std::chrono::nanoseconds(static_cast<std::int64_t>(-std::log(u) * mean_ns_));
  return next_;
}

Client::Client(int id, ClientEnvironment& env)
    : id_(id),
      env_(env),
      rng_(mix_seed(env.options.random_seed, static_cast<std::uint64_t>(id))),
      variables_(env.workload.names) {
  const VariableNames& names = env.workload.names;
  for (const auto& [var, value] : env.workload.defines) variables_.set_text(var, value);
  auto set = [&](const char* name, std::int64_t v) {
    if (auto var = names.find(name); var && !variables_.defined(*var)) variables_.set(*var, v);
  };
  set("scale", env.workload.scale);
  set("client_id", id);
  set("random_seed", static_cast<std::int64_t>(env.options.random_seed));
  set("default_seed", static_cast<std::int64_t>(mix_seed(env.options.random_seed, ~std::uint64_t{0})));
  if (env.workload.draws) draw_ = env.workload.draws(id);
  // -C connects at each transaction's start, as pgbench: nothing to connect before the run.
  if (env.options.connect_per_transaction) state_ = State::kReady;
}

void Client::begin() {
  running_ = true;
  if (state_ == State::kReady) state_ = State::kIdle;
}

Step Client::advance(Clock::time_point now) {
  for (;;) {
    std::optional<Step> step;
    switch (state_) {
      case State::kConnect: step = connect(); break;
      case State::kConnecting: step = poll_connect(); break;
      case State::kPrepare: step = prepare(); break;
      case State::kPrepareWait: step = collect_results(); break;
      case State::kReady: return {Wait::kReady};
      case State::kIdle: step = start_transaction(now); break;
      case State::kThrottled:
        if (now < scheduled_) return {Wait::kTimer, scheduled_};
        state_ = run_or_connect();
        break;
      case State::kRun: step = run_commands(now); break;
      case State::kWaitResult:
      case State::kRollback: step = collect_results(); break;
      case State::kShell: step = poll_shell(); break;
      case State::kSleep:
        // A run of -T ends sleeping clients at its end: their transaction never completed.
        if (env_.options.duration && now >= env_.end) {
          state_ = State::kDone;
          conn_.reset();
          break;
        }
        if (now < wake_) return {Wait::kTimer, env_.options.duration ? std::min(wake_, env_.end) : wake_};
        ++pc_;
        state_ = State::kRun;
        break;
      case State::kReconnectWait:
        if (!more_transactions(now)) state_ = State::kDone;
        else if (now < wake_) return {Wait::kTimer, wake_};
        else state_ = State::kConnect;
        break;
      case State::kDone: return {Wait::kDone};
    }
    if (step) return *step;
  }
}

std::optional<Step> Client::connect() {
  connect_started_ = Clock::now();
  if (env_.options.session_options.empty()) {
    conn_.reset(PQconnectStart(env_.options.conninfo.c_str()));
  } else {
    // The conninfo is expanded as dbname; the keywords after it override what it says.
    const char* keys[] = {"dbname", "options", nullptr};
    const char* values[] = {env_.options.conninfo.c_str(), env_.options.session_options.c_str(), nullptr};
    conn_.reset(PQconnectStartParams(keys, values, 1));
  }
  if (!conn_) {
    abort("out of memory while connecting");
    return std::nullopt;
  }
  ++descriptor_generation_;
  if (PQstatus(conn_.get()) == CONNECTION_BAD) return connection_lost(first_line(PQerrorMessage(conn_.get())));
  state_ = State::kConnecting;
  return Step{Wait::kWrite};  // libpq: after PQconnectStart, wait as for PGRES_POLLING_WRITING
}

std::optional<Step> Client::poll_connect() {
  ++descriptor_generation_;  // libpq opens a new socket for each address it tries
  switch (PQconnectPoll(conn_.get())) {
    case PGRES_POLLING_READING: return Step{Wait::kRead};
    case PGRES_POLLING_WRITING: return Step{Wait::kWrite};
    case PGRES_POLLING_OK: break;
    default: return connection_lost(first_line(PQerrorMessage(conn_.get())));
  }
  env_.listener.on_connect(ns_between(connect_started_, Clock::now()));
  PQsetnonblocking(conn_.get(), 1);
  if (running_ && reconnect_attempts_ > 0) env_.listener.on_reconnect(id_);
  reconnect_attempts_ = 0;
  prepare_next_ = 0;
  if (env_.options.mode == QueryMode::kPrepared || !env_.options.session_setup.empty()) state_ = State::kPrepare;
  else state_ = connected_state();
  return std::nullopt;
}

/// Where a client goes once its connection is ready (and prepared).
Client::State Client::connected_state() {
  if (!running_) return State::kReady;
  if (!connect_for_transaction_) return State::kIdle;
  connect_for_transaction_ = false;
  return run_or_connect();
}

/// The transaction's commands start now, on a connection; under -C one is opened first. As
/// pgbench, an unthrottled transaction's latency starts once connected, while a throttled one
/// keeps its schedule, so its latency includes the connection.
Client::State Client::run_or_connect() {
  if (!conn_) {
    connect_for_transaction_ = true;
    return State::kConnect;
  }
  started_ = Clock::now();
  if (!throttled_) scheduled_ = started_;
  return State::kRun;
}

/// The session's set-up statements, then in prepared mode every SQL command of every script,
/// once per connection, before the run.
std::optional<Step> Client::prepare() {
  const auto& setup = env_.options.session_setup;
  if (prepare_next_ < setup.size()) return send_setup(setup[prepare_next_++]);
  if (env_.options.mode != QueryMode::kPrepared) {
    state_ = connected_state();
    return std::nullopt;
  }
  const auto& scripts = env_.workload.scripts;
  size_t index = setup.size();
  for (size_t s = 0; s < scripts.size(); ++s) {
    for (size_t c = 0; c < scripts[s].commands.size(); ++c) {
      const Command& command = scripts[s].commands[c];
      if (command.type != CommandType::kSql) continue;
      if (index++ < prepare_next_) continue;
      ++prepare_next_;
      const std::string& name = env_.statement_names[s][c];
      if (!PQsendPrepare(conn_.get(), name.c_str(), command.sql.parameterized.c_str(),
                         static_cast<int>(command.sql.parameters.size()), nullptr))
        return connection_lost(first_line(PQerrorMessage(conn_.get())));
      failed_ = false;
      state_ = State::kPrepareWait;
      script_ = static_cast<int>(s);
      pc_ = c;
      return Step{PQflush(conn_.get()) == 1 ? Wait::kWrite : Wait::kRead};
    }
  }
  state_ = connected_state();
  return std::nullopt;
}

std::optional<Step> Client::send_setup(const SessionStatement& statement) {
  std::vector<const char*> values;
  for (const auto& p : statement.params) values.push_back(p.c_str());
  if (!PQsendQueryParams(conn_.get(), statement.sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                         nullptr, 0))
    return connection_lost(first_line(PQerrorMessage(conn_.get())));
  failed_ = false;
  state_ = State::kPrepareWait;
  return Step{PQflush(conn_.get()) == 1 ? Wait::kWrite : Wait::kRead};
}

bool Client::more_transactions(Clock::time_point now) const {
  const std::int64_t limit = env_.options.transactions_of(id_);
  if (limit > 0 && done_ >= limit) return false;
  return !(env_.options.duration && now >= env_.end);
}

std::optional<Step> Client::start_transaction(Clock::time_point now) {
  if (!more_transactions(now)) {
    state_ = State::kDone;
    conn_.reset();
    return std::nullopt;
  }
  script_ = env_.workload.choose(rng_);
  if (draw_) draw_(done_, variables_);
  rng_at_start_ = rng_;
  tries_ = 1;
  pc_ = 0;
  throttled_ = env_.throttle != nullptr;
  if (throttled_) {
    scheduled_ = env_.throttle->next();
    skip_late_slots(now);
    if (!more_transactions(now) || (env_.options.duration && scheduled_ >= env_.end)) {
      state_ = State::kDone;
      conn_.reset();
      return std::nullopt;
    }
    state_ = State::kThrottled;
    return std::nullopt;
  }
  state_ = run_or_connect();
  return std::nullopt;
}

/// --latency-limit with -R: a slot that is already later than the limit when the client is free
/// cannot meet it; as pgbench, it is never sent but counted as skipped (and as one of -t's).
void Client::skip_late_slots(Clock::time_point now) {
  const std::int64_t limit = env_.options.latency_limit_ns();
  if (limit == 0) return;
  const auto too_late = now - std::chrono::nanoseconds(limit);
  while (scheduled_ < too_late && more_transactions(now)) {
    TransactionRecord record;
    record.script = script_;
    record.skipped = true;
    env_.listener.on_transaction(record);
    ++done_;
    scheduled_ = env_.throttle->next();
  }
}

std::optional<Step> Client::run_commands(Clock::time_point now) {
  const Script& script = env_.workload.scripts[static_cast<size_t>(script_)];
  EvalContext context{variables_, rng_};
  try {
    while (state_ == State::kRun) {
      if (pc_ >= script.commands.size()) {
        finish_transaction(FailureKind::kNone);
        return std::nullopt;
      }
      const Command& c = script.commands[pc_];
      switch (c.type) {
        case CommandType::kSql: return send_sql(c);
        case CommandType::kSet: {
          const auto t0 = env_.options.per_statement ? Clock::now() : Clock::time_point{};
          variables_.set(c.variable, evaluate(c.expr, context));
          if (env_.options.per_statement) env_.listener.on_command(script_, static_cast<int>(pc_), ns_between(t0, Clock::now()), false);
          ++pc_;
          break;
        }
        case CommandType::kSleep:
          wake_ = sleep_end(now, to_int(evaluate(c.expr, context)), c.sleep_unit_us);
          state_ = State::kSleep;
          return std::nullopt;
        case CommandType::kIf:
          if (truth(evaluate(c.expr, context))) ++pc_;
          else jump_to_branch(c.next_branch);
          break;
        case CommandType::kElif:
        case CommandType::kElse: pc_ = static_cast<size_t>(c.endif) + 1; break;  // the branch before ran
        case CommandType::kEndif: ++pc_; break;
        case CommandType::kStartPipeline:
          if (!PQenterPipelineMode(conn_.get())) return connection_lost(first_line(PQerrorMessage(conn_.get())));
          ++pc_;
          break;
        case CommandType::kEndPipeline: return end_pipeline();
        case CommandType::kShell:
        case CommandType::kSetShell:
          start_shell(c);
          return std::nullopt;
      }
    }
  } catch (const Error& e) {
    abort(fmt::format("{}: {}", where(), e.what()));
  }
  return std::nullopt;
}

/// From a false condition to the first branch that applies: an \elif that holds, an \else, or
/// past the \endif.
void Client::jump_to_branch(int target) {
  const Script& script = env_.workload.scripts[static_cast<size_t>(script_)];
  EvalContext context{variables_, rng_};
  for (;;) {
    const Command& branch = script.commands[static_cast<size_t>(target)];
    if (branch.type == CommandType::kElif && !truth(evaluate(branch.expr, context))) {
      target = branch.next_branch;
      continue;
    }
    pc_ = static_cast<size_t>(target) + 1;
    return;
  }
}

/// \shell and \setshell: the words, with variables substituted, run by /bin/sh. As in pgbench, a
/// command that cannot run, fails, or (for \setshell) prints no integer aborts the client.
void Client::start_shell(const Command& c) {
  std::string command;
  for (const auto& word : c.words) {
    if (!command.empty()) command += ' ';
    if (word.variable < 0) {
      command += word.literal;
      continue;
    }
    const auto value = variables_.defined(word.variable) ? variables_.text(word.variable) : std::nullopt;
    if (!value) return abort(fmt::format("{}: {}: undefined variable \"{}\"", where(), c.summary, env_.workload.names.name(word.variable)));
    command += *value;
  }
  command_started_ = Clock::now();
  try {
    shell_ = std::make_unique<ShellCommand>(command, c.type == CommandType::kSetShell);
    ++descriptor_generation_;
  } catch (const Error& e) {
    return abort(fmt::format("{}: {}", where(), e.what()));
  }
  state_ = State::kShell;
}

std::optional<Step> Client::poll_shell() {
  auto finished = shell_->poll();
  if (!finished) return Step{Wait::kRead};
  shell_.reset();
  const Command& c = env_.workload.scripts[static_cast<size_t>(script_)].commands[pc_];
  if (c.type == CommandType::kShell && finished->exit_status != 0) {
    abort(fmt::format("{}: {}: shell command returned non-zero exit status {}", where(), c.summary, finished->exit_status));
    return std::nullopt;
  }
  if (c.type == CommandType::kSetShell) {
    // As pgbench: the first line of the output is the value; the exit status is not looked at.
    if (finished->output.empty()) {
      abort(fmt::format("{}: {}: could not read result of shell command (it printed nothing)", where(), c.summary));
      return std::nullopt;
    }
    const std::string out = trim(finished->output.substr(0, finished->output.find('\n')));
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(out.data(), out.data() + out.size(), value);
    if (out.empty() || ec != std::errc() || end != out.data() + out.size()) {
      abort(fmt::format("{}: {}: shell command must return an integer (not \"{}\")", where(), c.summary, out));
      return std::nullopt;
    }
    variables_.set(c.variable, value);
  }
  if (env_.options.per_statement) env_.listener.on_command(script_, static_cast<int>(pc_), ns_between(command_started_, Clock::now()), false);
  ++pc_;
  state_ = State::kRun;
  return std::nullopt;
}

std::optional<Step> Client::send_sql(const Command& c) {
  PGconn* conn = conn_.get();
  const SqlCommand& sql = c.sql;
  int sent = 0;
  if (env_.options.mode == QueryMode::kSimple) {
    text_.clear();
    for (const auto& part : sql.parts) {
      if (part.variable < 0) text_ += part.literal;
      else if (!variables_.defined(part.variable)) text_ += ":" + env_.workload.names.name(part.variable);  // as pgbench
      else if (auto v = variables_.text(part.variable)) text_ += *v;
      else text_ += "NULL";
    }
    command_started_ = Clock::now();
    sent = PQsendQuery(conn, text_.c_str());
  } else {
    params_.clear();
    for (int var : sql.parameters) {
      auto v = variables_.text(var);
      params_.push_back(v ? v->data() : nullptr);
    }
    const int n = static_cast<int>(params_.size());
    command_started_ = Clock::now();
    if (env_.options.mode == QueryMode::kExtended)
      sent = PQsendQueryParams(conn, sql.parameterized.c_str(), n, nullptr, params_.data(), nullptr, nullptr, 0);
    else
      sent = PQsendQueryPrepared(conn, env_.statement_names[static_cast<size_t>(script_)][pc_].c_str(), n, params_.data(),
                                 nullptr, nullptr, 0);
  }
  if (!sent) return connection_lost(first_line(PQerrorMessage(conn)));
  if (PQpipelineStatus(conn) != PQ_PIPELINE_OFF) {
    // Queued: its results are read at \endpipeline, which -r charges with the wait.
    if (env_.options.per_statement) env_.listener.on_command(script_, static_cast<int>(pc_), ns_between(command_started_, Clock::now()), false);
    ++pc_;
    return std::nullopt;
  }
  return await_results();
}

/// After a send: wait for the results, flushing first what did not fit in the socket.
std::optional<Step> Client::await_results() {
  PGconn* conn = conn_.get();
  failed_ = false;
  state_ = State::kWaitResult;
  const int flushed = PQflush(conn);
  if (flushed < 0) return connection_lost(first_line(PQerrorMessage(conn)));
  flush_pending_ = flushed == 1;
  return Step{flush_pending_ ? Wait::kWrite : Wait::kRead};
}

/// Sends the pipeline's sync and waits for every result up to it (see collect_results).
std::optional<Step> Client::end_pipeline() {
  PGconn* conn = conn_.get();
  command_started_ = Clock::now();
  if (!PQpipelineSync(conn)) return connection_lost(first_line(PQerrorMessage(conn)));
  return await_results();
}

std::optional<Step> Client::collect_results() {
  PGconn* conn = conn_.get();
  if (flush_pending_) {
    const int flushed = PQflush(conn);
    if (flushed < 0) return connection_lost(first_line(PQerrorMessage(conn)));
    flush_pending_ = flushed == 1;
    if (flush_pending_) return Step{Wait::kWrite};
  }
  if (!PQconsumeInput(conn)) return connection_lost(first_line(PQerrorMessage(conn)));
  while (!PQisBusy(conn)) {
    PGresult* raw = PQgetResult(conn);
    const bool pipeline = PQpipelineStatus(conn) != PQ_PIPELINE_OFF;
    if (!raw && pipeline) continue;  // the end of one queued query's results
    if (!raw) {
      command_finished();
      return std::nullopt;
    }
    std::unique_ptr<PGresult, void (*)(PGresult*)> result(raw, PQclear);
    const ExecStatusType status = PQresultStatus(raw);
    if (status == PGRES_PIPELINE_SYNC) {
      // After an error the server skipped the rest (PGRES_PIPELINE_ABORTED); failed_ holds the first.
      if (!PQexitPipelineMode(conn)) return connection_lost(first_line(PQerrorMessage(conn)));
      command_finished();
      return std::nullopt;
    }
    if (status == PGRES_TUPLES_OK && state_ == State::kWaitResult) {
      capture(env_.workload.scripts[static_cast<size_t>(script_)].commands[pc_].sql, raw);
    } else if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY &&
               status != PGRES_PIPELINE_ABORTED && !failed_) {
      failed_ = true;
      const char* sqlstate = PQresultErrorField(raw, PG_DIAG_SQLSTATE);
      error_sqlstate_ = sqlstate ? sqlstate : "";
      error_message_ = first_line(PQresultErrorMessage(raw));
    }
  }
  if (PQstatus(conn) == CONNECTION_BAD) return connection_lost(first_line(PQerrorMessage(conn)));
  return Step{Wait::kRead};
}

void Client::capture(const SqlCommand& sql, const PGresult* result) {
  if (sql.capture == SqlCommand::Capture::kNone) return;
  const int rows = PQntuples(result);
  if (sql.capture == SqlCommand::Capture::kGset && rows != 1) {
    failed_ = true;
    error_sqlstate_.clear();
    error_message_ = fmt::format("expected one row, got {}", rows);
    return;
  }
  for (int col = 0; col < PQnfields(result); ++col) {
    const auto var = env_.workload.names.find(sql.prefix + PQfname(result, col));
    if (!var || rows == 0) continue;  // no script reads it
    const int row = rows - 1;
    if (PQgetisnull(result, row, col)) variables_.set(*var, Null{});
    else variables_.set_text(*var, PQgetvalue(result, row, col));
  }
}

void Client::command_finished() {
  if (state_ == State::kPrepareWait) {
    if (failed_ && prepare_next_ <= env_.options.session_setup.size())
      abort(fmt::format("client {}: could not set up the session: {}", id_, error_message_));
    else if (failed_) abort(fmt::format("{}: could not prepare: {}", where(), error_message_));
    else state_ = State::kPrepare;
    return;
  }
  if (state_ == State::kRollback) {
    end_failed_transaction();
    return;
  }
  const Script& script = env_.workload.scripts[static_cast<size_t>(script_)];
  if (env_.options.per_statement || script.timed_command == static_cast<int>(pc_)) {
    timed_ns_ = ns_between(command_started_, Clock::now());
    if (env_.options.per_statement) env_.listener.on_command(script_, static_cast<int>(pc_), timed_ns_, failed_);
  }
  if (!failed_) {
    ++pc_;
    state_ = State::kRun;
    return;
  }
  env_.listener.on_error(id_, fmt::format("{}: {}", where(), error_message_), false);
  const PGTransactionStatusType tx = PQtransactionStatus(conn_.get());
  if (tx == PQTRANS_INERROR || tx == PQTRANS_INTRANS) {
    state_ = State::kRollback;
    if (PQsendQuery(conn_.get(), "ROLLBACK")) return;
    connection_lost(first_line(PQerrorMessage(conn_.get())));
    return;
  }
  end_failed_transaction();
}

/// After a failed statement (and its ROLLBACK): retry serialization failures and deadlocks
/// with the transaction's random numbers (as pgbench), or count the failure and move on.
void Client::end_failed_transaction() {
  const FailureKind kind = failure_kind_of(error_sqlstate_);
  const bool retryable = kind == FailureKind::kSerialization || kind == FailureKind::kDeadlock;
  const std::int64_t limit = env_.options.latency_limit_ns();
  const bool in_time = limit == 0 || ns_between(scheduled_, Clock::now()) <= limit;
  if (retryable && in_time && tries_ < env_.options.max_tries && more_transactions(Clock::now())) {
    ++tries_;
    rng_ = rng_at_start_;
    pc_ = 0;
    state_ = State::kRun;
    return;
  }
  finish_transaction(kind);
}

void Client::finish_transaction(FailureKind failure) {
  if (done_ < env_.options.warmup_transactions) {  // run, not recorded
    ++done_;
    state_ = State::kIdle;
    if (env_.options.connect_per_transaction) conn_.reset();
    return;
  }
  const Script& script = env_.workload.scripts[static_cast<size_t>(script_)];
  TransactionRecord record;
  record.script = script_;
  record.tries = tries_;
  record.failure = failure;
  if (failure == FailureKind::kNone) {
    record.latency_ns = script.timed_command >= 0 ? timed_ns_ : ns_between(scheduled_, Clock::now());
    record.lag_ns = throttled_ ? ns_between(scheduled_, started_) : 0;
    record.late = env_.options.latency_limit_ns() > 0 && record.latency_ns > env_.options.latency_limit_ns();
  }
  env_.listener.on_transaction(record);
  ++done_;
  state_ = State::kIdle;
  if (env_.options.connect_per_transaction) conn_.reset();
}

/// Before the run a lost or refused connection is fatal (as pgbench); during it, the current
/// transaction fails and the client reconnects, once a second, up to kMaxReconnectAttempts.
std::optional<Step> Client::connection_lost(const std::string& why) {
  const bool in_transaction = state_ == State::kRun || state_ == State::kWaitResult || state_ == State::kRollback;
  conn_.reset();
  if (!running_) {
    abort(why.empty() ? "connection failed" : why);
    return std::nullopt;
  }
  if (in_transaction) {
    env_.listener.on_error(id_, fmt::format("{}: connection lost: {}", where(), why), false);
    error_sqlstate_.clear();
    finish_transaction(FailureKind::kOther);
  }
  if (++reconnect_attempts_ > kMaxReconnectAttempts) {
    abort(fmt::format("client {}: could not reconnect: {}", id_, why));
    return std::nullopt;
  }
  wake_ = Clock::now() + (reconnect_attempts_ == 1 ? std::chrono::seconds(0) : kReconnectDelay);
  state_ = State::kReconnectWait;
  return std::nullopt;
}

void Client::abort(const std::string& why) {
  env_.listener.on_error(id_, why, true);
  shell_.reset();
  conn_.reset();
  state_ = State::kDone;
}

std::string Client::where() const {
  const Script& script = env_.workload.scripts[static_cast<size_t>(script_)];
  const int line = pc_ < script.commands.size() ? script.commands[pc_].line : 0;
  return fmt::format("client {} script {}:{}", id_, script.name, line);
}

}  // namespace pgcertify::load

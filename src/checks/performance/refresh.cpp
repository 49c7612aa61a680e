// `refresh`: how long REFRESH MATERIALIZED VIEW [CONCURRENTLY] takes, and whether readers of
// the view are blocked meanwhile (seed 000 §2.1: under 2 minutes at 1M rows, readers served).

#include <fmt/format.h>

#include <atomic>
#include <thread>

#include "checks/registry.hpp"
#include "checks/row_rule.hpp"
#include "checks/session.hpp"
#include "stats/histogram.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"materialized_view", "concurrently", "max", "readers_not_blocked",
                                        "max_reader_wait"};

/// What the reader saw while the refresh ran.
struct ReaderReport {
  stats::Histogram latency;
  long long lock_timeouts = 0;
  std::optional<Error> failure;
};

/// The refresh runs in a transaction that is rolled back, so it leaves the view as it was;
/// it still takes the locks a real refresh takes, which is what readers feel. A reader on its
/// own connection queries the view in a loop with lock_timeout = max_reader_wait: every
/// timeout is a reader blocked for longer than allowed.
class RefreshCheck final : public Check {
 public:
  explicit RefreshCheck(const plan::Node& options) {
    options.require_map("refresh options (materialized_view, concurrently, max, readers_not_blocked, max_reader_wait)");
    options.check_keys(kKeys);
    view_ = options.require("materialized_view").as_string("a materialized view name");
    if (auto n = options.get("concurrently")) concurrently_ = n->as_bool();
    if (auto n = options.get("max")) max_ = n->as_duration();
    if (auto n = options.get("readers_not_blocked")) readers_ = n->as_bool();
    if (auto n = options.get("max_reader_wait")) max_reader_wait_ = n->as_duration();
  }

  std::string default_name() const override { return "refresh " + view_; }

  std::vector<Outcome> run(Context& context) const override {
    auto& c = context.connection();
    const std::string view = quote_qualified(c, view_);
    std::atomic<bool> stop = false;
    std::atomic<long long> reads = 0;
    std::atomic<bool> reader_ended = false;
    ReaderReport reader;  // the reader thread's until it is joined
    std::thread reader_thread;
    if (readers_) {
      reader_thread = std::thread([&] {
        read_loop(context, view, stop, reads, reader);
        reader_ended = true;
      });
      // The refresh starts once a reader is being served, so that it meets the refresh.
      while (reads == 0 && !reader_ended) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    plan::Duration took{};
    std::optional<Error> refresh_failure;
    try {
      Transaction tx(context, TransactionMode::kRolledBackWrite, {});
      const auto started = pg::Clock::now();
      tx.exec(std::string("REFRESH MATERIALIZED VIEW ") + (concurrently_ ? "CONCURRENTLY " : "") + view);
      took = std::chrono::duration_cast<plan::Duration>(pg::Clock::now() - started);
    } catch (const Error& e) {
      refresh_failure = e;
    }
    stop = true;
    if (reader_thread.joinable()) reader_thread.join();
    if (refresh_failure) throw *refresh_failure;
    if (reader.failure) throw *reader.failure;
    return {judge(took, reader)};
  }

 private:
  void read_loop(const Context& context, const std::string& view, std::atomic<bool>& stop, std::atomic<long long>& reads,
                 ReaderReport& report) const {
    try {
      pg::Connection reader(context.dsn());
      const auto wait_ms = std::max<long long>(1, std::chrono::duration_cast<std::chrono::milliseconds>(max_reader_wait_).count());
      reader.exec_simple(fmt::format("SET lock_timeout = {}", wait_ms), context.limits());
      reader.exec_simple("SET default_transaction_read_only = on", context.limits());
      const std::string query = "SELECT 1 FROM " + view + " LIMIT 1";
      while (!stop) {
        const auto started = pg::Clock::now();
        try {
          reader.exec(query, {}, context.limits());
        } catch (const Error& e) {
          if (e.sqlstate != "55P03") throw;  // lock_not_available: blocked beyond max_reader_wait
          ++report.lock_timeouts;
        }
        report.latency.record(std::chrono::duration_cast<std::chrono::nanoseconds>(pg::Clock::now() - started));
        ++reads;
      }
    } catch (const Error& e) {
      report.failure = e;
    }
  }

  Outcome judge(plan::Duration took, const ReaderReport& reader) const {
    Outcome out;
    out.measurements.push_back({"refresh", plan::format_duration(took), max_ ? "<= " + plan::format_duration(*max_) : ""});
    std::vector<std::string> problems;
    if (max_ && took > *max_)
      problems.push_back("the refresh took " + plan::format_duration(took) + ", over " + plan::format_duration(*max_));
    if (readers_) {
      const auto longest = plan::Duration(reader.latency.max_ns() / 1000);
      out.measurements.push_back({"reader max", plan::format_duration(longest), "<= " + plan::format_duration(max_reader_wait_)});
      out.measurements.push_back({"reader lock waits", std::to_string(reader.lock_timeouts), "= 0"});
      if (reader.lock_timeouts > 0)
        problems.push_back(fmt::format("readers were blocked: {} of {} reads waited over {} for a lock on {}{}",
                                       reader.lock_timeouts, reader.latency.count(), plan::format_duration(max_reader_wait_),
                                       view_, concurrently_ ? "" : " (REFRESH without CONCURRENTLY takes an ACCESS EXCLUSIVE lock)"));
    }
    if (problems.empty()) {
      out.message = fmt::format("refreshed{} in {}{}", concurrently_ ? " concurrently" : "", plan::format_duration(took),
                                readers_ ? fmt::format("; {} reads during it, none blocked", reader.latency.count()) : "");
      return out;
    }
    out.status = Status::kFail;
    out.message = problems.front();
    for (size_t i = 1; i < problems.size(); ++i) out.evidence.push_back(problems[i]);
    return out;
  }

  std::string view_;
  bool concurrently_ = false;
  std::optional<plan::Duration> max_;
  bool readers_ = false;
  plan::Duration max_reader_wait_ = std::chrono::milliseconds(100);
};
}  // namespace

CheckKind refresh_kind() {
  return kind_of<RefreshCheck>("refresh",
                               "time REFRESH MATERIALIZED VIEW [CONCURRENTLY] (rolled back) and whether readers are blocked");
}

}  // namespace pgcertify::checks

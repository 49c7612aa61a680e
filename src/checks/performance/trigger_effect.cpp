// `trigger_effect`: perform an action, then poll an observation until its expectation holds
// or `within` elapses (seed 000 §5.1: aggregation within 5 seconds).

#include <fmt/format.h>

#include <thread>

#include "checks/expectation.hpp"
#include "checks/registry.hpp"
#include "checks/session.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"action", "observe", "expect", "within", "poll", "as_role", "settings"};

/// Action and observations share one transaction, always rolled back: a trigger's effect is
/// visible to its own transaction, and nothing of it is kept.
class TriggerEffectCheck final : public Check {
 public:
  explicit TriggerEffectCheck(const plan::Node& options) {
    options.require_map("trigger_effect options (action, observe, expect, within, poll)");
    options.check_keys(kKeys);
    action_ = read_statements(options.require("action"));
    const plan::Node observe = options.require("observe");
    if (observe.is_sequence() && observe.items().size() > 1)
      throw observe.error("'observe' is one query (its result is what `expect` judges); give one statement");
    observe_ = read_statements(observe).front();
    expect_ = Expectation::read(options.require("expect"));
    within_ = options.require("within").as_duration();
    if (auto poll = options.get("poll")) poll_ = poll->as_duration();
    session_ = SessionOptions::read(options);
  }

  std::string default_name() const override { return "effect of " + abbreviate_sql(action_.front(), 50); }

  std::vector<Outcome> run(Context& context) const override {
    Transaction tx(context, TransactionMode::kRolledBackWrite, session_);
    // The clock starts before the action: time a synchronous trigger spends inside it is part
    // of how long the effect took to become observable.
    const auto started = pg::Clock::now();
    for (const auto& statement : action_) tx.exec(statement);
    Outcome last;
    int polls = 0;
    while (true) {
      last = expect_.evaluate(tx.exec(observe_));
      ++polls;
      const auto waited = std::chrono::duration_cast<plan::Duration>(pg::Clock::now() - started);
      if (last.status == Status::kPass) {
        last.measurements.insert(last.measurements.begin(),
                                 {"delay", plan::format_duration(waited), "<= " + plan::format_duration(within_)});
        if (waited > within_) {
          last.status = Status::kFail;
          last.message = fmt::format("observed after {} ({} polls), later than {}", plan::format_duration(waited),
                                     polls, plan::format_duration(within_));
        } else {
          last.message = fmt::format("observed after {} ({} polls)", plan::format_duration(waited), polls);
        }
        return {last};
      }
      if (waited >= within_) break;
      std::this_thread::sleep_for(std::min(poll_, within_ - waited));
    }
    Outcome out = Outcome::fail(fmt::format("not observed within {} ({} polls): {}", plan::format_duration(within_),
                                            polls, last.message));
    out.measurements = last.measurements;
    out.evidence = last.evidence;
    return {out};
  }

 private:
  std::vector<std::string> action_;
  std::string observe_;
  Expectation expect_;
  plan::Duration within_{};
  plan::Duration poll_ = std::chrono::milliseconds(20);
  SessionOptions session_;
};
}  // namespace

CheckKind trigger_effect_kind() {
  return kind_of<TriggerEffectCheck>("trigger_effect",
                                     "an action's effect becomes observable within a time (polled; rolled back)");
}

}  // namespace pgcertify::checks

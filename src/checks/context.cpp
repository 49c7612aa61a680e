#include "checks/check.hpp"

#include "catalog/load.hpp"
#include "checks/run_state.hpp"

namespace pgcertify::checks {

Context::Context(pg::Connection& connection, std::string dsn, plan::Duration timeout, RunState* state)
    : connection_(connection),
      dsn_(std::move(dsn)),
      timeout_(timeout),
      deadline_(pg::Clock::now() + timeout),
      state_(state) {
  if (!state_) {
    own_state_ = std::make_unique<RunState>();
    state_ = own_state_.get();
  }
}

Context::~Context() = default;

const catalog::Catalog& Context::catalog(unsigned parts) {
  // Its own REPEATABLE READ READ ONLY transaction (or the check's open one): one snapshot for
  // the queries of a part. Parts a later check needs are added then.
  const auto timeout_ms = std::max<std::chrono::milliseconds>(
      std::chrono::milliseconds(1), std::chrono::duration_cast<std::chrono::milliseconds>(timeout_));
  if (!state_->catalog)
    state_->catalog = catalog::load_catalog(connection_, {}, limits(), timeout_ms, parts);
  else
    catalog::load_catalog_parts(*state_->catalog, connection_, parts, limits(), timeout_ms);
  return *state_->catalog;
}

Normaliser& Context::normaliser() { return state_->normaliser; }

bool Context::throwaway_target() const { return state_->throwaway_target; }
bool Context::save_baselines() const { return state_->save_baselines; }

bool Context::allow_scratch() const { return state_->allow_scratch; }

const std::optional<std::string>& Context::pgbouncer_dsn() const { return state_->pgbouncer_dsn; }

}  // namespace pgcertify::checks

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

const catalog::Catalog& Context::catalog() {
  if (!state_->catalog) {
    // Its own REPEATABLE READ READ ONLY transaction: one snapshot for all its queries.
    const auto timeout_ms = std::max<std::chrono::milliseconds>(
        std::chrono::milliseconds(1), std::chrono::duration_cast<std::chrono::milliseconds>(timeout_));
    state_->catalog = catalog::load_catalog(connection_, {}, limits(), timeout_ms);
  }
  return *state_->catalog;
}

Normaliser& Context::normaliser() { return state_->normaliser; }

bool Context::throwaway_target() const { return state_->throwaway_target; }

}  // namespace pgcertify::checks

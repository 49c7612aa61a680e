#include "checks/check.hpp"

#include "catalog/load.hpp"
#include "checks/run_state.hpp"
#include "pg/transaction.hpp"

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
  const auto timeout_ms = pg::statement_timeout_of(timeout_);
  if (!state_->catalog)
    state_->catalog = catalog::load_catalog(connection_, {}, limits(), timeout_ms, parts);
  else
    catalog::load_catalog_parts(*state_->catalog, connection_, parts, limits(), timeout_ms);
  return *state_->catalog;
}

Normaliser& Context::normaliser() { return state_->normaliser; }

const RunSettings& Context::settings() const { return state_->settings; }

std::unique_ptr<ScratchDatabase> Context::scratch_copy() {
  if (!state_->scratch) throw Error(ErrorKind::kInternal, "this run has no way to make scratch databases");
  return state_->scratch->copy(connection_, dsn_, limits());
}

std::unique_ptr<ScratchDatabase> Context::empty_scratch() {
  if (!state_->scratch) throw Error(ErrorKind::kInternal, "this run has no way to make scratch databases");
  return state_->scratch->empty(connection_, dsn_, limits());
}

}  // namespace pgcertify::checks

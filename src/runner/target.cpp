#include "runner/target.hpp"

#include <fmt/format.h>

#include "pg/connection.hpp"
#include "pg/dsn.hpp"

namespace pgcertify::runner {

std::unique_ptr<Target> Target::open(const plan::Plan& plan, const std::optional<std::string>& dsn) {
  auto target = std::make_unique<Target>();
  const std::optional<std::string> chosen = dsn ? dsn : plan.target.dsn;
  if (chosen) {
    pg::validate_dsn(*chosen);
    target->dsn_ = *chosen;
    target->pgbouncer_dsn_ = plan.target.pgbouncer;
    try {
      pg::Connection probe(target->dsn_);
    } catch (const Error& e) {
      throw Error(ErrorKind::kTarget, e.what());
    }
    return target;
  }
  target->cluster_ = cluster::EphemeralCluster::start({plan.target.settings, {}, false});
  target->dsn_ = target->cluster_->dsn();
  if (plan.setup.pgbouncer) {
    try {
      target->pgbouncer_ = cluster::PgBouncer::start({plan.setup.pgbouncer->settings, target->cluster_->dir(),
                                                      target->cluster_->port(), false});
    } catch (Error& e) {
      if (e.where.empty()) std::move(e).at(plan.setup.pgbouncer->where);
      throw;
    }
    target->pgbouncer_dsn_ = target->pgbouncer_->dsn();
  }
  return target;
}

std::string Target::display() const {
  if (pgbouncer_)
    return fmt::format("ephemeral cluster (127.0.0.1:{}, PgBouncer 127.0.0.1:{})", cluster_->port(), pgbouncer_->port());
  if (cluster_) return fmt::format("ephemeral cluster (127.0.0.1:{})", cluster_->port());
  return pg::mask_password(dsn_);
}

}  // namespace pgcertify::runner

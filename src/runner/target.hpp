#pragma once
// The database a plan runs against: an ephemeral cluster (the default) or a DSN, and the
// PgBouncer in front of it that checks `via: pgbouncer` use (setup.pgbouncer or target.pgbouncer).

#include <memory>
#include <optional>
#include <string>

#include "cluster/ephemeral.hpp"
#include "cluster/pgbouncer.hpp"
#include "plan/model.hpp"

namespace pgcertify::runner {

class Target {
 public:
  /// `dsn` (from --dsn) wins over the plan's target.dsn; with neither, starts an ephemeral
  /// cluster with the plan's settings, and setup.pgbouncer's PgBouncer in front of it. Throws
  /// Error(kTarget) when it cannot be reached.
  static std::unique_ptr<Target> open(const plan::Plan& plan, const std::optional<std::string>& dsn);

  const std::string& dsn() const { return dsn_; }
  /// For output: the masked DSN, or "ephemeral cluster (port N)".
  std::string display() const;
  bool ephemeral() const { return cluster_ != nullptr; }
  cluster::EphemeralCluster* cluster() const { return cluster_.get(); }
  /// The DSN through PgBouncer (setup.pgbouncer's, or target.pgbouncer for a DSN target).
  const std::optional<std::string>& pgbouncer_dsn() const { return pgbouncer_dsn_; }

 private:
  std::unique_ptr<cluster::EphemeralCluster> cluster_;
  std::unique_ptr<cluster::PgBouncer> pgbouncer_;  // declared after cluster_: stopped before it
  std::string dsn_;
  std::optional<std::string> pgbouncer_dsn_;
};

}  // namespace pgcertify::runner

#pragma once
// The database a plan runs against: an ephemeral cluster (the default) or a DSN.

#include <memory>
#include <optional>
#include <string>

#include "cluster/ephemeral.hpp"
#include "plan/model.hpp"

namespace pgcertify::runner {

class Target {
 public:
  /// `dsn` (from --dsn) wins over the plan's target.dsn; with neither, starts an ephemeral
  /// cluster with the plan's settings. Throws Error(kTarget) when it cannot be reached.
  static std::unique_ptr<Target> open(const plan::Plan& plan, const std::optional<std::string>& dsn);

  const std::string& dsn() const { return dsn_; }
  /// For output: the masked DSN, or "ephemeral cluster (port N)".
  std::string display() const;
  bool ephemeral() const { return cluster_ != nullptr; }
  cluster::EphemeralCluster* cluster() const { return cluster_.get(); }

 private:
  std::unique_ptr<cluster::EphemeralCluster> cluster_;
  std::string dsn_;
};

}  // namespace pgcertify::runner

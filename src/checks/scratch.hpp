#pragma once
// A scratch database: a copy of the target database for a check whose effects must be
// committed (design.md, safety model: a `load` that writes). Against a --dsn target only with
// `run --allow-scratch`. Always dropped by its destructor, on every way out of the check.

#include <filesystem>
#include <string>

#include "pg/connection.hpp"

namespace pgcertify::checks {

/// What a scratch database starts with.
enum class ScratchContent { kCopyOfTarget, kEmpty };

class ScratchDatabase {
 public:
  /// Creates `pgcertify_scratch_<pid>_<n>` from template0 and restores a `pg_dump` of the
  /// database `admin` is connected to into it (schema, data, grants; objects owned by the
  /// connecting role). Throws Error(kTarget) naming the step and the tool's last lines; what
  /// was created is dropped again first. kEmpty skips the dump and restore (a `migrations`
  /// check that builds the schema from its folder).
  ScratchDatabase(pg::Connection& admin, const std::string& dsn, pg::ExecLimits limits,
                  ScratchContent content = ScratchContent::kCopyOfTarget);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const std::string& name() const { return name_; }
  /// The target's DSN with the scratch database's name.
  const std::string& dsn() const { return dsn_; }

 private:
  void drop() noexcept;

  pg::Connection& admin_;
  pg::ExecLimits limits_;
  std::string name_;
  std::string dsn_;
};

}  // namespace pgcertify::checks

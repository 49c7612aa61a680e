#pragma once
// Scratch databases: a copy of the target database for a check whose effects must be
// committed (design.md, safety model: a `load` that writes). Against a --dsn target only with
// `run --allow-scratch` (the check asks first). Always dropped by its destructor, on every way
// out of the check.

#include <memory>
#include <string>

#include "checks/run_settings.hpp"
#include "pg/connection.hpp"

namespace pgcertify::runner {

/// Creates `pgcertify_scratch_<pid>_<n>` from template0 and restores a `pg_dump` of the database
/// `admin` is connected to into it (schema, data, grants; objects owned by the connecting role).
class DumpRestoreScratch final : public checks::ScratchDatabase {
 public:
  /// What the new database starts with.
  enum class Content { kCopyOfTarget, kEmpty };
  /// Throws Error(kTarget) naming the step and the tool's last lines; what was created is
  /// dropped again first. kEmpty skips the dump and restore.
  DumpRestoreScratch(pg::Connection& admin, const std::string& dsn, pg::ExecLimits limits,
                     Content content = Content::kCopyOfTarget);
  ~DumpRestoreScratch() override;
  DumpRestoreScratch(const DumpRestoreScratch&) = delete;
  DumpRestoreScratch& operator=(const DumpRestoreScratch&) = delete;

  const std::string& name() const override { return name_; }
  const std::string& dsn() const override { return dsn_; }

 private:
  void drop() noexcept;

  pg::Connection& admin_;
  pg::ExecLimits limits_;
  std::string name_;
  std::string dsn_;
};

/// The runner's scratch factory: pg_dump/pg_restore copies, and empty databases.
class DumpRestoreScratchFactory final : public checks::ScratchFactory {
 public:
  std::unique_ptr<checks::ScratchDatabase> copy(pg::Connection& admin, const std::string& dsn,
                                                pg::ExecLimits limits) override {
    return std::make_unique<DumpRestoreScratch>(admin, dsn, limits);
  }
  std::unique_ptr<checks::ScratchDatabase> empty(pg::Connection& admin, const std::string& dsn,
                                                 pg::ExecLimits limits) override {
    return std::make_unique<DumpRestoreScratch>(admin, dsn, limits, DumpRestoreScratch::Content::kEmpty);
  }
};

}  // namespace pgcertify::runner

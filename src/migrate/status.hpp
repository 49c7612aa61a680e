#pragma once
// Where a folder stands against a database's history: applied, pending, failed, drifted.
// Pure: the folder, the files' checksums and the history rows in, one entry per migration out.

#include <map>
#include <string>
#include <vector>

#include "migrate/folder.hpp"
#include "migrate/history.hpp"

namespace pgcertify::migrate {

enum class State {
  kApplied,
  kPending,
  kFailed,           // a non-transactional migration failed part way; `repair` after fixing it
  kChecksumChanged,  // drift: the file was edited after it was applied
  kMissingFile,      // drift: applied, but its file is gone
  kBaseline,         // the baseline row itself
  kBelowBaseline,    // not applied here: the database started from a baseline above it
  kOutdated,         // a repeatable migration whose file changed: re-applied by `up`
};

/// "applied", "pending", "failed", "checksum changed", "missing file", …
std::string_view state_name(State state);

struct StatusEntry {
  std::string version;  // "" for repeatables
  std::string description;
  std::string script;
  State state = State::kPending;
  std::string installed_on;
  std::string recorded_checksum, file_checksum;
  const MigrationFiles* files = nullptr;  // null for a missing file or the baseline
};

struct Status {
  std::vector<StatusEntry> entries;  // versioned by version, then repeatables
  int applied = 0, pending = 0, failed = 0, drift = 0;
  std::optional<Version> baseline;

  /// The entries of `state`.
  std::vector<const StatusEntry*> in_state(State state) const;
};

/// `checksums`: script file name -> checksum of the file now.
Status compute_status(const Folder& folder, const std::map<std::string, std::string>& checksums,
                      const std::vector<HistoryRow>& history);

}  // namespace pgcertify::migrate

#include "migrate/status.hpp"

#include <algorithm>

namespace pgcertify::migrate {
namespace {
std::string canonical_of(const std::string& version) {
  const auto v = parse_version(version);
  return v ? v->canonical() : version;
}

StatusEntry entry_for(const MigrationFiles& files, const HistoryRow* row, const std::string& checksum) {
  StatusEntry e{files.version ? files.version->text : "", files.description, files.script, State::kPending,
                "", "", checksum, &files};
  if (!row) return e;
  e.installed_on = row->installed_on;
  e.recorded_checksum = row->checksum;
  if (!row->success) e.state = State::kFailed;
  else if (row->checksum != checksum) e.state = files.repeatable() ? State::kOutdated : State::kChecksumChanged;
  else e.state = State::kApplied;
  return e;
}

void count(Status& status) {
  for (const auto& e : status.entries) {
    switch (e.state) {
      case State::kApplied:
      case State::kBaseline:
      case State::kBelowBaseline: ++status.applied; break;
      case State::kPending:
      case State::kOutdated: ++status.pending; break;
      case State::kFailed: ++status.failed; break;
      case State::kChecksumChanged:
      case State::kMissingFile: ++status.drift; break;
    }
  }
}
}  // namespace

std::string_view state_name(State state) {
  switch (state) {
    case State::kApplied: return "applied";
    case State::kPending: return "pending";
    case State::kFailed: return "failed";
    case State::kChecksumChanged: return "checksum changed";
    case State::kMissingFile: return "missing file";
    case State::kBaseline: return "baseline";
    case State::kBelowBaseline: return "below baseline";
    case State::kOutdated: return "outdated";
  }
  return "?";
}

std::vector<const StatusEntry*> Status::in_state(State state) const {
  std::vector<const StatusEntry*> out;
  for (const auto& e : entries)
    if (e.state == state) out.push_back(&e);
  return out;
}

Status compute_status(const Folder& folder, const std::map<std::string, std::string>& checksums,
                      const std::vector<HistoryRow>& history) {
  Status status;
  std::map<std::string, const HistoryRow*> by_version, by_description;
  for (const auto& row : history) {
    if (row.type == "BASELINE") status.baseline = parse_version(row.version);
    if (row.type == "REPEATABLE") by_description[row.description] = &row;
    else by_version[canonical_of(row.version)] = &row;  // the latest row wins
  }
  for (const auto& files : folder.versioned) {
    const std::string key = files.version->canonical();
    const auto it = by_version.find(key);
    const HistoryRow* row = it == by_version.end() ? nullptr : it->second;
    StatusEntry e = entry_for(files, row, checksums.at(files.script));
    if (row && row->type == "BASELINE") e.state = State::kBaseline;
    else if (!row && status.baseline && *files.version <= *status.baseline) e.state = State::kBelowBaseline;
    status.entries.push_back(std::move(e));
    if (it != by_version.end()) by_version.erase(it);
  }
  for (const auto& [key, row] : by_version) {
    StatusEntry e{row->version, row->description, row->script, State::kMissingFile, row->installed_on,
                  row->checksum, "", nullptr};
    if (row->type == "BASELINE") e.state = State::kBaseline;
    else if (!row->success) e.state = State::kFailed;
    status.entries.push_back(std::move(e));
  }
  std::stable_sort(status.entries.begin(), status.entries.end(), [](const auto& a, const auto& b) {
    return parse_version(a.version).value_or(Version{}) < parse_version(b.version).value_or(Version{});
  });
  for (const auto& files : folder.repeatables) {
    const auto it = by_description.find(files.description);
    status.entries.push_back(
        entry_for(files, it == by_description.end() ? nullptr : it->second, checksums.at(files.script)));
  }
  count(status);
  return status;
}

}  // namespace pgcertify::migrate

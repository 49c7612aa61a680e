#include "migrate/folder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <regex>

#include "common/error.hpp"

namespace pgcertify::migrate {
namespace {
enum class FileRole { kUp, kDown, kRepeatable, kHook };

struct NamedFile {
  FileRole role;
  std::optional<Version> version;
  std::string description;
};

std::string describe(std::string name) {
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

std::optional<NamedFile> read_name(const std::string& name) {
  static const std::regex kDown(R"(^(\d+)_(.+)\.down\.sql$)");
  static const std::regex kUp(R"(^(\d+)_(.+)\.sql$)");
  static const std::regex kFlyway(R"(^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$)");
  static const std::regex kRepeatable(R"(^R__(.+)\.sql$)");
  std::smatch m;
  if (std::regex_match(name, m, kDown)) return NamedFile{FileRole::kDown, parse_version(m[1].str()), describe(m[2])};
  if (std::regex_match(name, m, kUp)) return NamedFile{FileRole::kUp, parse_version(m[1].str()), describe(m[2])};
  if (std::regex_match(name, m, kFlyway))
    return NamedFile{m[1] == "V" ? FileRole::kUp : FileRole::kDown, parse_version(m[2].str()), describe(m[3])};
  if (std::regex_match(name, m, kRepeatable)) return NamedFile{FileRole::kRepeatable, std::nullopt, describe(m[1])};
  return std::nullopt;
}

Error bad_file(const std::filesystem::path& file, const std::string& message) {
  return Error(ErrorKind::kPlan, message).at({file.string(), 0, 0});
}

bool set_hook(Hooks& hooks, const std::string& name, const std::filesystem::path& path) {
  if (name == "beforeMigrate.sql") hooks.before_migrate = path;
  else if (name == "beforeEachMigrate.sql") hooks.before_each = path;
  else if (name == "afterEachMigrate.sql") hooks.after_each = path;
  else if (name == "afterMigrate.sql") hooks.after_migrate = path;
  else return false;
  return true;
}

void check_sequential(const Folder& folder) {
  long long expected = folder.versioned.empty() ? 0 : folder.versioned.front().version->parts.front();
  for (const auto& m : folder.versioned) {
    const auto& parts = m.version->parts;
    if (parts.size() != 1 || parts.front() != expected)
      throw bad_file(m.up, fmt::format("version {} breaks the sequence (naming: sequential): expected {}",
                                       m.version->text, expected));
    ++expected;
  }
}

std::vector<std::filesystem::path> sql_files(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir))
    throw Error(ErrorKind::kPlan, "migrations folder '" + dir.string() + "' does not exist");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".sql" && !entry.is_directory()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}
}  // namespace

std::string Version::canonical() const {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "." : "") + std::to_string(parts[i]);
  return out;
}

std::optional<Version> parse_version(std::string_view text) {
  static const std::regex kVersion(R"(^\d+(?:[._]\d+)*$)");
  const std::string s(text);
  if (!std::regex_match(s, kVersion)) return std::nullopt;
  Version v;
  v.text = s;
  std::string part;
  for (char c : s + ".") {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      part += c;
      continue;
    }
    if (part.size() > 18) return std::nullopt;
    v.parts.push_back(std::stoll(part));
    part.clear();
  }
  return v;
}

const MigrationFiles* Folder::find(const Version& version) const {
  for (const auto& m : versioned)
    if (m.version == version) return &m;
  return nullptr;
}

Folder scan_folder(const std::filesystem::path& dir, const FolderOptions& options) {
  Folder folder;
  folder.path = dir;
  std::map<std::vector<long long>, MigrationFiles> ups;
  std::vector<std::pair<Version, std::filesystem::path>> downs;
  for (const auto& path : sql_files(dir)) {
    const std::string name = path.filename().string();
    if (set_hook(folder.hooks, name, path)) continue;
    const auto named = read_name(name);
    if (!named || (named->role != FileRole::kRepeatable && !named->version))
      throw bad_file(path, "not a migration file name: expected NNN_description.sql, NNN_description.down.sql, "
                           "V1__description.sql, U1__description.sql, R__description.sql or a hook "
                           "(beforeMigrate.sql, afterMigrate.sql, beforeEachMigrate.sql, afterEachMigrate.sql)");
    if (named->role == FileRole::kRepeatable) {
      folder.repeatables.push_back({std::nullopt, named->description, path, std::nullopt, name});
    } else if (named->role == FileRole::kDown) {
      downs.emplace_back(*named->version, path);
    } else {
      auto [it, inserted] = ups.try_emplace(named->version->parts,
                                            MigrationFiles{named->version, named->description, path, std::nullopt, name});
      if (!inserted)
        throw bad_file(path, fmt::format("version {} is also used by {}", named->version->text,
                                         it->second.up.filename().string()));
    }
  }
  for (const auto& [version, path] : downs) {
    auto it = ups.find(version.parts);
    if (it == ups.end()) throw bad_file(path, "undo file without a migration of version " + version.text);
    if (it->second.down)
      throw bad_file(path, fmt::format("version {} has a second undo file ({})", version.text,
                                       it->second.down->filename().string()));
    it->second.down = path;
  }
  for (auto& [parts, files] : ups) folder.versioned.push_back(std::move(files));
  std::sort(folder.repeatables.begin(), folder.repeatables.end(),
            [](const auto& a, const auto& b) { return a.description < b.description; });
  if (options.sequential) check_sequential(folder);
  return folder;
}

}  // namespace pgcertify::migrate

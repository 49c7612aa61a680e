// Every registered kind is documented: a section in docs/plan-reference.md and a row in the
// README's table of kinds, so a kind cannot land without its reference.

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "checks/registry.hpp"

namespace pgcertify::checks {
namespace {
std::string read_source(const std::string& relative) {
  std::ifstream in(std::string(PGCERTIFY_SOURCE_DIR) + "/" + relative);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The rows of the README's table of kinds (the table headed "| check kinds |"; other tables,
/// such as the commands or benchmarks, mention kinds too and do not count) that name `key`.
bool readme_table_names(const std::string& readme, const std::string& key) {
  std::istringstream lines(readme);
  bool in_table = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("| check kinds |")) {
      in_table = true;
      continue;
    }
    if (!in_table) continue;
    if (!line.starts_with("|")) return false;  // the table ended
    if (line.find("`" + key + "`") != std::string::npos) return true;
  }
  return false;
}

TEST(RegistryDocsTest, EveryKindHasASectionInThePlanReference) {
  const std::string reference = read_source("docs/plan-reference.md");
  ASSERT_FALSE(reference.empty());
  for (const auto& kind : all_kinds())
    EXPECT_NE(reference.find("\n### `" + kind.key + "`"), std::string::npos)
        << "docs/plan-reference.md has no section '### `" << kind.key << "`'";
}

TEST(RegistryDocsTest, EveryKindHasARowInTheReadme) {
  const std::string readme = read_source("README.md");
  ASSERT_FALSE(readme.empty());
  for (const auto& kind : all_kinds())
    EXPECT_TRUE(readme_table_names(readme, kind.key)) << "README.md's table of kinds has no row naming `" << kind.key << "`";
}

TEST(RegistryDocsTest, EveryKindHasASummaryAndAUniqueKey) {
  std::set<std::string> seen;
  for (const auto& kind : all_kinds()) {
    EXPECT_FALSE(kind.summary.empty()) << kind.key;
    EXPECT_TRUE(seen.insert(kind.key).second) << "registered twice: " << kind.key;
  }
}
}  // namespace
}  // namespace pgcertify::checks

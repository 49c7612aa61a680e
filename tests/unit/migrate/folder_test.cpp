#include "migrate/folder.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "common/error.hpp"

namespace pgcertify::migrate {
namespace {

class FolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("pgcertify_folder_test_" + std::to_string(::getpid()) + "_" +
                                                    ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void touch(const std::string& name) { std::ofstream(dir_ / name) << "SELECT 1;\n"; }
  std::string error_of() {
    try {
      scan_folder(dir_);
    } catch (const Error& e) {
      EXPECT_EQ(e.kind, ErrorKind::kPlan);
      return e.format();
    }
    return "no error";
  }
  std::filesystem::path dir_;
};

TEST_F(FolderTest, ReadsNumberedFilesWithTheirUndoFilesInVersionOrder) {
  touch("010_ten.sql");
  touch("002_add_users.sql");
  touch("002_add_users.down.sql");
  touch("README.md");
  const Folder f = scan_folder(dir_);
  ASSERT_EQ(f.versioned.size(), 2u);
  EXPECT_EQ(f.versioned[0].version->text, "002");
  EXPECT_EQ(f.versioned[0].description, "add users");
  ASSERT_TRUE(f.versioned[0].down.has_value());
  EXPECT_EQ(f.versioned[0].down->filename(), "002_add_users.down.sql");
  EXPECT_EQ(f.versioned[1].version->text, "010");
  EXPECT_FALSE(f.versioned[1].down.has_value());
}

TEST_F(FolderTest, ReadsFlywayNamesRepeatablesAndHooks) {
  touch("V1__init.sql");
  touch("V1.1__add_index.sql");
  touch("U1.1__add_index.sql");
  touch("R__views.sql");
  touch("beforeMigrate.sql");
  touch("afterEachMigrate.sql");
  const Folder f = scan_folder(dir_);
  ASSERT_EQ(f.versioned.size(), 2u);
  EXPECT_EQ(f.versioned[1].version->canonical(), "1.1");
  EXPECT_TRUE(f.versioned[1].down.has_value());
  ASSERT_EQ(f.repeatables.size(), 1u);
  EXPECT_EQ(f.repeatables[0].description, "views");
  EXPECT_TRUE(f.hooks.before_migrate.has_value());
  EXPECT_TRUE(f.hooks.after_each.has_value());
  EXPECT_FALSE(f.hooks.before_each.has_value());
}

TEST_F(FolderTest, VersionsCompareNumerically) {
  EXPECT_LT(*parse_version("9"), *parse_version("10"));
  EXPECT_EQ(*parse_version("001"), *parse_version("1"));
  EXPECT_LT(*parse_version("1.2"), *parse_version("1.10"));
  EXPECT_FALSE(parse_version("1a").has_value());
}

TEST_F(FolderTest, MalformedNameIsOneErrorNamingTheFile) {
  touch("001_ok.sql");
  touch("add_users.sql");
  EXPECT_EQ(error_of(), (dir_ / "add_users.sql").string() +
                            ": not a migration file name: expected NNN_description.sql, NNN_description.down.sql, "
                            "V1__description.sql, U1__description.sql, R__description.sql or a hook (beforeMigrate.sql, "
                            "afterMigrate.sql, beforeEachMigrate.sql, afterEachMigrate.sql)");
}

TEST_F(FolderTest, DuplicateVersionNamesBothFiles) {
  touch("001_a.sql");
  touch("1_b.sql");
  EXPECT_EQ(error_of(), (dir_ / "1_b.sql").string() + ": version 1 is also used by 001_a.sql");
}

TEST_F(FolderTest, UndoFileWithoutItsMigrationIsAnError) {
  touch("003_x.down.sql");
  EXPECT_EQ(error_of(), (dir_ / "003_x.down.sql").string() + ": undo file without a migration of version 003");
}

TEST_F(FolderTest, SequentialNamingRejectsAGap) {
  touch("001_a.sql");
  touch("003_c.sql");
  try {
    scan_folder(dir_, {.sequential = true});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.format(), (dir_ / "003_c.sql").string() + ": version 003 breaks the sequence (naming: sequential): expected 2");
  }
}

}  // namespace
}  // namespace pgcertify::migrate

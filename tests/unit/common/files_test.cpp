#include "common/files.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/error.hpp"

namespace pgcertify {
namespace {
namespace fs = std::filesystem;

class FilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("pgcertify-files-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(FilesTest, ReadingAFolderSaysItIsAFolder) {
  try {
    read_file(dir_);
    FAIL() << "a folder was read";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind, ErrorKind::kIo);
    EXPECT_EQ(std::string(e.what()), "cannot read '" + dir_.string() + "': it is a folder");
  }
}

TEST_F(FilesTest, AtomicWriteReplacesTheFileAndLeavesNoTemporary) {
  write_file_atomic(dir_ / "r.json", "old");
  write_file_atomic(dir_ / "r.json", "new content");
  EXPECT_EQ(read_file(dir_ / "r.json"), "new content");
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 1u);
}

TEST_F(FilesTest, AtomicWriteIntoAMissingFolderFailsWithThePath) {
  try {
    write_file_atomic(dir_ / "missing" / "r.json", "x");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind, ErrorKind::kIo);
    EXPECT_NE(std::string(e.what()).find("missing/r.json"), std::string::npos) << e.what();
  }
}

TEST_F(FilesTest, ReadingAMissingFileNamesIt) {
  try {
    read_file(dir_ / "nope.yaml");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("nope.yaml"), std::string::npos);
  }
}

}  // namespace
}  // namespace pgcertify

#include "common/open_files.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>

#include "common/error.hpp"

namespace pgcertify {
namespace {

TEST(OpenFiles, RaisesTheSoftLimitWithinTheHardLimit) {
  rlimit before{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &before), 0);
  const unsigned long wanted = before.rlim_max == RLIM_INFINITY ? 4096 : static_cast<unsigned long>(before.rlim_max);
  ensure_open_files(wanted, "-c 1");
  rlimit after{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &after), 0);
  EXPECT_GE(after.rlim_cur, wanted);
  EXPECT_EQ(after.rlim_max, before.rlim_max);
}

/// Runs in a death test's child: lowering the hard limit cannot be undone without root.
[[noreturn]] void exit_with_limit_error(bool for_child) {
  const rlimit low{256, 256};
  setrlimit(RLIMIT_NOFILE, &low);
  try {
    if (for_child) open_files_for_child(12164, "PgBouncer with max_client_conn 12000");
    else ensure_open_files(10064, "-c 10000");
  } catch (const Error& e) {
    std::fprintf(stderr, "%s | %s\n", e.what(), e.hint.c_str());
    std::exit(e.kind == ErrorKind::kUsage ? 0 : 1);
  }
  std::exit(2);
}

TEST(OpenFilesDeathTest, AHardLimitTooLowIsNamedWithTheFix) {
  EXPECT_EXIT(exit_with_limit_error(false), ::testing::ExitedWithCode(0),
              "-c 10000 needs about 10064 open files, but the hard limit \\(ulimit -Hn\\) is 256 \\| raise the hard limit");
  EXPECT_EXIT(exit_with_limit_error(true), ::testing::ExitedWithCode(0),
              "PgBouncer with max_client_conn 12000 needs about 12164 open files");
}

}  // namespace
}  // namespace pgcertify

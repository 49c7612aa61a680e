// SIGINT/SIGTERM handling: the first asks for a clean stop, the second says clean-up runs, the
// third ends the process as the signal would (death tests: each runs in a child process).

#include "common/interrupt.hpp"

#include <gtest/gtest.h>

#include <csignal>

namespace pgcertify {
namespace {

TEST(InterruptDeathTest, TheFirstSignalOnlySetsTheFlag) {
  EXPECT_EXIT(
      {
        install_interrupt_handlers();
        std::raise(SIGINT);
        std::_Exit(interrupted() && interrupt_signal() == SIGINT ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST(InterruptDeathTest, TheSecondSaysCleanUpRunsAndTheThirdEndsTheProcess) {
  EXPECT_EXIT(
      {
        install_interrupt_handlers();
        std::raise(SIGTERM);
        std::raise(SIGTERM);
        std::_Exit(3);
      },
      ::testing::ExitedWithCode(3), "still cleaning up .*interrupt once more to quit without it");
  EXPECT_EXIT(
      {
        install_interrupt_handlers();
        for (int i = 0; i < 3; ++i) std::raise(SIGINT);
        std::_Exit(0);
      },
      ::testing::KilledBySignal(SIGINT), "");
}

}  // namespace
}  // namespace pgcertify

#include "common/interrupt.hpp"

#include <unistd.h>

#include <csignal>

namespace pgcertify {
namespace {
volatile std::sig_atomic_t g_signal = 0;
volatile std::sig_atomic_t g_count = 0;

/// The first signal asks for a clean stop (statements cancelled, scratch databases dropped,
/// the throwaway cluster stopped); the second says the clean-up is still running; the third
/// gives up on it and ends the process as the signal's default would. Only async-signal-safe
/// calls here.
extern "C" void on_signal(int sig) {
  g_signal = sig;
  g_count = g_count + 1;
  if (g_count == 2) {
    static const char kMessage[] =
        "\npgcertify: still cleaning up (cancelling statements, dropping scratch databases, stopping the "
        "throwaway cluster); interrupt once more to quit without it\n";
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  } else if (g_count >= 3) {
    std::signal(sig, SIG_DFL);
    std::raise(sig);
  }
}
}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: blocking calls return EINTR and notice the flag
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

bool interrupted() { return g_signal != 0; }
int interrupt_signal() { return g_signal; }
void reset_interrupt() {
  g_signal = 0;
  g_count = 0;
}

}  // namespace pgcertify

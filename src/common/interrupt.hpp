#pragma once
// Process-wide interruption: SIGINT/SIGTERM set a flag that long operations poll.
// Handlers do nothing else, so every cleanup runs on the normal unwinding path.

namespace pgcertify {

/// Installs SIGINT/SIGTERM handlers that record the signal. Idempotent. A second signal prints
/// that clean-up is under way; a third ends the process at once (the signal's default action).
void install_interrupt_handlers();

/// True once SIGINT or SIGTERM has been received.
bool interrupted();

/// The signal received, or 0.
int interrupt_signal();

/// For tests: clear the flag.
void reset_interrupt();

}  // namespace pgcertify

#pragma once
// The open-files limit (RLIMIT_NOFILE): thousands of client sockets need more descriptors
// than a login shell's default soft limit of 1024.

#include <string>

namespace pgcertify {

/// Raises this process's soft limit to at least `needed` (never above the hard limit). Throws
/// Error(kUsage) naming `what` ("-c 10000") when the hard limit is below `needed`.
void ensure_open_files(unsigned long needed, const std::string& what);

/// The soft limit a child should get for `needed` descriptors: `needed`, raised from the
/// current soft limit, within the hard limit. Throws Error(kUsage) as ensure_open_files.
unsigned long open_files_for_child(unsigned long needed, const std::string& what);

}  // namespace pgcertify

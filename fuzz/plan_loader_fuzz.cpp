// libFuzzer target: a plan file (YAML, ${VAR}, every kind's options) through the loader and the
// kinds' option parsers. A plan error is an expected outcome; a crash, a hang or any other
// exception is a finding.

#include <cstddef>
#include <cstdint>
#include <string>

#include "checks/registry.hpp"
#include "common/error.hpp"
#include "plan/loader.hpp"
#include "runner/compile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto kinds = pgcertify::checks::kind_keys();
  const std::string text(reinterpret_cast<const char*>(data), size);
  const pgcertify::plan::EnvLookup env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "SET") return std::string("value$$");
    return std::nullopt;
  };
  try {
    const auto plan = pgcertify::plan::load_plan_text(text, "fuzz.yaml", "/nonexistent-fuzz-dir", kinds, env);
    pgcertify::runner::compile(plan);
  } catch (const pgcertify::Error&) {
  }
  return 0;
}

// libFuzzer target: a pgbench script (meta-commands, expressions, SQL with :variables) through
// the parser. A script error is an expected outcome; a crash or a hang is a finding.

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/error.hpp"
#include "load/expr_parser.hpp"
#include "load/script.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    pgcertify::load::VariableNames names;
    pgcertify::load::parse_script(text, "fuzz.sql", names);
  } catch (const pgcertify::Error&) {
  }
  try {
    pgcertify::load::VariableNames names;
    pgcertify::load::parse_expression(text, 1, names);
  } catch (const pgcertify::Error&) {
  }
  return 0;
}

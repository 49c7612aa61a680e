// libFuzzer target: SQL text through PostgreSQL's parser as pgcertify uses it: splitting a file
// into statements with positions, and finding statements a check must never run.

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/error.hpp"
#include "plan/sql_file.hpp"
#include "plan/sql_safety.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto file = pgcertify::plan::parse_sql(text, "fuzz.sql");
    for (const auto& statement : file.statements) pgcertify::plan::locate_in_statement(statement, 1);
  } catch (const pgcertify::Error&) {
  }
  if (const auto unsafe = pgcertify::plan::find_unsafe_statement(text); unsafe && unsafe->offset > text.size())
    __builtin_trap();
  return 0;
}

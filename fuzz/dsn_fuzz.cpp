// libFuzzer target: connection strings through masking and libpq's parser. Invariant: the DSN
// a child process is given (without_password) never carries a password keyword.

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/error.hpp"
#include "pg/dsn.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string dsn(reinterpret_cast<const char*>(data), size);
  (void)pgcertify::pg::mask_password(dsn);
  (void)pgcertify::pg::mask_password_in(dsn, dsn);
  try {
    pgcertify::pg::validate_dsn(dsn);
    (void)pgcertify::pg::password_of(dsn);
    if (pgcertify::pg::without_password(dsn).find("password=") != std::string::npos) __builtin_trap();
  } catch (const pgcertify::Error&) {
  }
  return 0;
}

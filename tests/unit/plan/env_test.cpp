#include "plan/env.hpp"

#include <gtest/gtest.h>

#include <map>

#include "common/error.hpp"

namespace pgcertify::plan {
namespace {

EnvLookup fake(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(ExpandEnv, SubstitutesVariablesAndDefaults) {
  const auto env = fake({{"HOST", "db1"}, {"EMPTY", ""}});
  EXPECT_EQ(expand_env("postgresql://${HOST}/app", env), "postgresql://db1/app");
  EXPECT_EQ(expand_env("${PORT:-5432}", env), "5432");
  EXPECT_EQ(expand_env("${EMPTY:-fallback}", env), "fallback");
  EXPECT_EQ(expand_env("cost $$5 and $x", env), "cost $5 and $x");
}

TEST(ExpandEnv, UnsetVariableWithoutDefaultIsAnErrorWithItsOffset) {
  size_t column = 99;
  try {
    expand_env("dsn=${MISSING_VAR}", fake({}), &column);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "environment variable 'MISSING_VAR' is not set (write '${MISSING_VAR:-default}' to give a default)");
    EXPECT_EQ(column, 4u);
  }
}

TEST(ExpandEnv, ADefaultMayHoldReferencesOfItsOwn) {
  const auto env = fake({{"B", "from-b"}});
  EXPECT_EQ(expand_env("${A:-${B}}", env), "from-b");  // printed "${B}" before
  EXPECT_EQ(expand_env("x${A:-${C:-deep}}y", env), "xdeepy");
  EXPECT_EQ(expand_env("${B:-${C}}", env), "from-b");  // an unused default is not looked at
  size_t column = 99;
  try {
    expand_env("dsn=${A:-${C}}", env, &column);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("environment variable 'C' is not set", 0), 0u) << e.what();
    EXPECT_EQ(column, 9u);  // the inner reference
  }
  EXPECT_THROW(expand_env("${A:-${B}", env), Error);  // the outer one never closes
}

TEST(ExpandEnv, UnterminatedReferenceIsAnError) {
  EXPECT_THROW(expand_env("${OOPS", fake({})), Error);
}

}  // namespace
}  // namespace pgcertify::plan
